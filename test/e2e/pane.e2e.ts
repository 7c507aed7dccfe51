/**
 * Real-browser end-to-end test of the built task pane (`npm run test:e2e`, after `webpack --mode production`).
 * Three runs in Debian Chromium (playwright-core), screenshots in test-output/:
 *
 *   1. the add-in's page, dist/taskpane.html, served over http, with a fake Office/Excel host injected
 *      before any page script (host-entry.ts, bundled with esbuild) holding the bundled example workbook.
 *      The office.js CDN request is answered with an empty stub; every other request leaving the server
 *      fails the test. Validate, a finding's cell, Score, Undo, English.
 *   2. the demo site (scripts/build-demo.ts, assembled here from that same build into dist-demo/) on its
 *      own static server: any request leaving that origin fails the test, Office's script included. A clerk
 *      empties an 实际完成值 in the formula bar (the incomplete-table warning), types it back, scores
 *      (findings first), opens an explanation and the 评分汇总 sheet.
 *   3. a 绩效自评表 carrying the unit's own 得分 (review mode, scoring-spec §7) scored in the add-in's page.
 *
 * The states the issue asks for are shot at 1280 px (pane beside the grid) and 340 px wide (the pane
 * alone, as in a narrow task pane): test-output/{1280,340}-{warning,findings,explanation,review}.png, and
 * 1280-demo.png / 340-demo.png. GUIDE_SHOTS=1 also copies the ones docs/guide.zh.md shows into docs/guide/.
 */
import * as fs from "fs";
import * as path from "path";
import { AddressInfo } from "net";
import { Browser, Locator, Page } from "playwright-core";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { buildDemo } from "../../scripts/build-demo";
import { form } from "../core/forms";
import { DIST, fakeHostScript, launchChromium, serve } from "./harness";

const ROOT = path.join(__dirname, "..", "..");
const OUT = path.join(ROOT, "test-output");
const DEMO = path.join(ROOT, "dist-demo");
const GUIDE = path.join(ROOT, "docs", "guide");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 340, height: 800 };

/** Screenshots docs/guide.zh.md shows: test-output name → docs/guide name. */
const GUIDE_SHOTS: Record<string, string> = {
  "1280-demo.png": "demo.png",
  "1280-edit.png": "edit.png",
  "1280-warning.png": "warning.png",
  "1280-findings.png": "findings.png",
  "1280-explanation.png": "explanation.png",
  "1280-summary.png": "summary.png",
  "1280-forms.png": "forms.png",
  "1280-review.png": "review.png",
  "340-findings.png": "pane-narrow.png",
};

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(`e2e: ${what}`);
  console.log(`  ✓ ${what}`);
}

/**
 * A cell of the active sheet as the fake host holds it (text shown, own fill, under a conditional format,
 * selected): read from the workbook, so a column the grid no longer draws (emptied by Undo) still answers.
 */
async function cell(
  page: Page,
  addr: string
): Promise<{ text: string; fill: string | null; cf: boolean; selected: boolean }> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate((a) => {
    const wb = window.__fakeWb;
    const c = wb.at(wb.active, a);
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    col -= 1;
    const row = Number(m[2]) - 1;
    const sel = wb.selection;
    return {
      text: wb.text(c),
      fill: c.fill,
      cf: wb
        .sheet(wb.active)!
        .cfs.some(
          (r) => row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols
        ),
      selected: !!sel && sel.sheet === wb.active && sel.address.split(":")[0] === a,
    };
  }, addr);
}

/** Where two FakeWorkbook snapshots differ, briefly (for a failure's message). */
function snapshotDiff(a: string, b: string): string {
  type Sheet = { name: string; cells: [string, unknown][] } & Record<string, unknown>;
  const x = JSON.parse(a) as Sheet[];
  const y = JSON.parse(b) as Sheet[];
  const out: string[] = [];
  if (x.map((s) => s.name).join() !== y.map((s) => s.name).join())
    out.push(`sheets ${x.map((s) => s.name).join(",")} → ${y.map((s) => s.name).join(",")}`);
  for (const s of x) {
    const t = y.find((u) => u.name === s.name);
    if (!t) continue;
    for (const k of Object.keys(s))
      if (k !== "cells" && JSON.stringify(s[k]) !== JSON.stringify(t[k]))
        out.push(`${s.name} ${k}`);
    const before = new Map(s.cells.map(([k, v]) => [k, JSON.stringify(v)]));
    const now = new Map(t.cells.map(([k, v]) => [k, JSON.stringify(v)]));
    for (const k of new Set([...before.keys(), ...now.keys()]))
      if (before.get(k) !== now.get(k))
        out.push(`${s.name}[${k}] ${before.get(k) ?? "∅"} → ${now.get(k) ?? "∅"}`);
  }
  return out.slice(0, 6).join("; ") + (out.length > 6 ? ` (+${out.length - 6})` : "");
}

/**
 * Shoots the page at 1280 px, then at 340 px (where the grid steps aside for the pane), then back;
 * `focus` is scrolled into view at each width (the pane reflows).
 */
async function shoot(page: Page, name: string, focus?: Locator, both = true): Promise<void> {
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, `1280-${name}.png`) });
  if (!both) return;
  await page.setViewportSize(NARROW);
  await page.locator("#fake-host").waitFor({ state: "hidden" });
  await focus?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, `340-${name}.png`) });
  await page.setViewportSize(WIDE);
  await page.locator("#fake-host").waitFor({ state: "visible" });
}

/**
 * Console errors, page errors and requests that left the page's own server, for the final check. Routes
 * added after this one are asked first (Playwright), so a page may still answer Office's script itself.
 */
function watch(page: Page, origin: string, problems: string[]) {
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    problems.push(`unexpected request: ${url}`);
    return route.abort();
  });
}

/** Run 1: the add-in's own page over the injected host. */
async function addinPage(browser: Browser, origin: string, problems: string[]): Promise<void> {
  const { sheets } = await readWorkbook(EXAMPLE);
  const page = await browser.newPage({ viewport: WIDE, locale: "zh-CN" });
  let officeJsStubbed = 0;
  await watch(page, origin, problems);
  // The CDN request is answered by this route (added last, so asked first): an empty office.js.
  await page.route("https://appsforoffice.microsoft.com/**", (route) => {
    officeJsStubbed++;
    return route.fulfill({
      status: 200,
      contentType: "application/javascript",
      body: "/* office.js stub: the fake host is injected by addInitScript */",
    });
  });
  await page.addInitScript({ content: await fakeHostScript(sheets) });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("button", { name: "一键评分" }).waitFor();
  check(officeJsStubbed === 1, "office.js CDN request intercepted and stubbed (not fetched)");
  const initial = await page.evaluate(() => window.__fakeWb.snapshot());
  await page.screenshot({ path: path.join(OUT, "addin-0-loaded.png") });

  // Validate → findings
  await page.getByRole("button", { name: "校验" }).click();
  await page.getByText(/校验完成/).waitFor();
  const findings = page.getByTestId("finding");
  await findings.first().waitFor(); // the results view is a lazy chunk
  const count = await findings.count();
  check(count > 0, `Validate lists findings (${count})`);
  const reasonFinding = findings.filter({ hasText: "请填写偏差原因分析及改进措施" }).first();
  const where = (await reasonFinding.locator(".finding-cell").textContent()) ?? "";
  check(/!G\d+$/.test(where), `a REASON_MISSING finding points at a cell (${where})`);
  const validated = await page.evaluate(() => window.__fakeWb.snapshot());
  check(validated !== initial, "Validate marks the unmet targets on the sheet");
  const firstUnmet = await page.$$eval(
    "#fake-grid td",
    (tds) => tds.filter((t) => (t as HTMLElement).dataset.cf === "1").length
  );
  check(firstUnmet > 0, `unmet actuals marked by Validate (${firstUnmet} cells)`);
  await page.screenshot({ path: path.join(OUT, "addin-1-validated.png") });

  // Click the finding → the selection moves there
  await reasonFinding.click();
  const addr = where.slice(where.lastIndexOf("!") + 1);
  await page.waitForSelector(`#fake-grid td[data-addr="${addr}"][data-selected="1"]`);
  check((await cell(page, addr)).selected, `clicking the finding selects ${addr} in the grid`);

  // Score → scores and completion appear, unmet highlighted, summary card
  await page.getByRole("button", { name: "一键评分" }).click();
  await page.getByText(/评分完成/).waitFor();
  const row = Number(addr.slice(1)); // the unmet indicator's row (its reason is missing)
  const header = await page.$$eval("#fake-grid td", (tds) =>
    tds.filter((t) => t.textContent === "得分").map((t) => (t as HTMLElement).dataset.addr!)
  );
  check(header.length > 0, `a 得分 column was added (${header.slice(0, 3).join(", ")}…)`);
  const scoreCol = header[0].replace(/\d+/g, "");
  const unmetScore = await cell(page, `${scoreCol}${row}`);
  check(
    unmetScore.text !== "" && unmetScore.fill === "#FFC7CE",
    `unmet indicator's score ${scoreCol}${row} = ${unmetScore.text}, highlighted`
  );
  const actual = await cell(page, `F${row}`);
  check(
    actual.cf && actual.fill === null,
    `unmet actual F${row} is marked by a conditional format, its own fill untouched`
  );
  const firstScore = await cell(page, `${scoreCol}${Number(header[0].replace(/\D+/g, "")) + 1}`);
  check(
    /^\d+(\.\d+)?$/.test(firstScore.text) && firstScore.fill === null,
    `a met indicator's score is written, not highlighted (${firstScore.text})`
  );
  const cards = page.getByTestId("summary-card");
  check((await cards.count()) >= 1, `summary cards shown (${await cards.count()})`);
  const total = await cards.first().getByTestId("card-total").textContent();
  check(
    /^\d+\.\d{2}$/.test(total ?? ""),
    `first card shows the total with the profile's 2 decimals (${total})`
  );
  const sheetsNow = await page.evaluate(() =>
    window.__fakeWb.sheets.map((s) => `${s.name}:${s.visibility}`)
  );
  check(
    sheetsNow.some((s) => s.startsWith("评分汇总:Visible")) &&
      sheetsNow.some((s) => s.endsWith(":VeryHidden")),
    `summary sheet and very hidden ledger exist (${sheetsNow.join(", ")})`
  );
  await page.locator(`#fake-grid td[data-addr="${scoreCol}${row}"]`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(OUT, "addin-2-scored.png") });

  // Undo → everything as before
  await page.getByRole("button", { name: "撤销" }).click();
  await page.getByText(/已撤销/).waitFor();
  check(
    (await cell(page, `${scoreCol}${row}`)).text === "",
    `Undo empties ${scoreCol}${row} again`
  );
  const after = await page.evaluate(() => window.__fakeWb.snapshot());
  check(
    after === validated,
    `Undo restores the workbook exactly as it was before Score (values, formats, fills, marks, sheets)${after === validated ? "" : `; differs: ${snapshotDiff(validated, after)}`}`
  );

  // English
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Score" }).waitFor();
  await page.screenshot({ path: path.join(OUT, "addin-3-english.png") });
  check(
    (await page.getByTestId("notice").textContent())?.includes("The last action was undone.") ===
      true,
    "language switch to English re-words the message shown (Undo's)"
  );
  await page.close();
}

/** Selects a cell of the demo's grid and types into the formula bar, as a clerk would. */
async function typeInto(page: Page, addr: string, text: string): Promise<void> {
  await page.locator(`#fake-grid td[data-addr="${addr}"]`).click();
  await page.locator(`#fake-grid td[data-addr="${addr}"][data-selected="1"]`).waitFor();
  const bar = page.getByRole("textbox", { name: /编辑栏/ });
  await bar.fill(text);
  await bar.press("Enter");
}

/** Run 2: the demo site, on its own server, with nothing allowed from anywhere else. */
async function demoSite(browser: Browser, origin: string, problems: string[]): Promise<void> {
  const page = await browser.newPage({ viewport: WIDE, locale: "zh-CN" });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await watch(page, origin, problems);
  await page.goto(`${origin}/`);
  await page.getByRole("button", { name: "一键评分" }).waitFor();
  await page.locator('#fake-tabs [role="tab"]', { hasText: "绩效目标表" }).waitFor();
  const title = await cell(page, "A1");
  check(
    title.text !== "",
    `the demo's grid holds the example workbook (A1: ${title.text.slice(0, 24)}…)`
  );
  check(
    !requests.some((u) => /appsforoffice|office\.js/i.test(u)),
    "the demo never asks for Office's script"
  );
  await shoot(page, "demo");

  // The clerk empties one 实际完成值 (F60, the first table of the sheet with an over-achieved figure)
  // in the formula bar, then validates: the table cannot be scored whole.
  const before = await page.evaluate(() => window.__fakeWb.at("绩效目标表", "F60"));
  check(before.value !== null, `F60 holds an actual to begin with (${String(before.value)})`);
  await typeInto(page, "F60", "");
  check((await cell(page, "F60")).text === "", "the formula bar empties F60 (Enter)");
  check((await cell(page, "F61")).selected, "Enter moves the selection down a row, as in Excel");
  await page.getByRole("button", { name: "校验" }).click();
  await page.getByText(/校验完成/).waitFor();
  const missing = page.getByTestId("finding").filter({ hasText: "未填写实际完成值" });
  await missing.first().waitFor();
  check(
    /F60$/.test((await missing.first().locator(".finding-cell").textContent()) ?? ""),
    "the missing actual is a finding at F60"
  );
  const notice = page.getByTestId("notice");
  await notice.filter({ hasText: "评分不完整" }).waitFor();
  check(
    true,
    `the notice warns that a table is incomplete (${(await notice.textContent())?.slice(0, 30)}…)`
  );
  await shoot(page, "warning", notice);

  // Typed back (as a number, as a clerk types it), scored: the findings come first.
  await typeInto(page, "F60", String(before.value));
  await page.locator(`#fake-grid td[data-addr="F60"]`).click();
  await page.screenshot({ path: path.join(OUT, "1280-edit.png") });
  check(
    (await page.getByRole("textbox", { name: /编辑栏/ }).inputValue()) === String(before.value),
    `the formula bar shows F60's value (${String(before.value)})`
  );
  await page.getByRole("button", { name: "一键评分" }).click();
  await page.getByText(/评分完成/).waitFor();
  await page.getByTestId("finding").first().waitFor();
  check(
    (await page.getByTestId("finding").filter({ hasText: "未填写实际完成值" }).count()) === 0,
    "with F60 typed back, no actual is missing"
  );
  const firstFinding = page.getByTestId("finding").first();
  const cards = page.getByTestId("summary-card");
  const [findingTop, cardTop] = await Promise.all([
    firstFinding.evaluate((e) => e.getBoundingClientRect().top),
    cards.first().evaluate((e) => e.getBoundingClientRect().top),
  ]);
  check(findingTop < cardTop, "after Score the findings come before the tables' cards");
  // The sheet scrolled to F60's score, as a clerk checking it would.
  const scoreAt = await page.$$eval("#fake-grid td", (tds) =>
    tds.filter((t) => t.textContent === "得分").map((t) => (t as HTMLElement).dataset.addr!)
  );
  const scoreCol = scoreAt
    .filter((a) => Number(a.replace(/\D+/g, "")) < 60)
    .pop()
    ?.replace(/\d+/g, "");
  check(!!scoreCol, `F60's table has a 得分 column (${scoreCol})`);
  await page.locator(`#fake-grid td[data-addr="${scoreCol}60"]`).click();
  check(/^\d+\.\d{2}$/.test((await cell(page, `${scoreCol}60`)).text), `F60's score is written`);
  await shoot(page, "findings");

  // An explanation opened: how F60's neighbour, 采购临时号牌数量 (265万张 against ≥280万张), was scored.
  const table = page.getByTestId("summary-card").filter({ hasText: "车驾管业务经费2025" });
  await table.getByTestId("card-toggle").click();
  const indicator = table.getByTestId("indicator").filter({ hasText: "采购临时号牌数量" });
  await indicator.getByTestId("indicator-toggle").click();
  const line = indicator.getByTestId("explain-score");
  await line.waitFor();
  const explained = (await line.textContent()) ?? "";
  check(
    /265万张.*280万张.*得分/.test(explained),
    `an indicator's explanation is open (${explained.slice(0, 60)}…)`
  );
  await shoot(page, "explanation", line);

  // 评分汇总: what is printed.
  await page.locator('#fake-tabs [role="tab"]', { hasText: "评分汇总" }).click();
  await page
    .locator('#fake-tabs [role="tab"][aria-selected="true"]', { hasText: "评分汇总" })
    .waitFor();
  const summaryText = await page.locator("#fake-grid").textContent();
  check(/总分/.test(summaryText ?? ""), "the 评分汇总 sheet lists the tables with their totals");
  await shoot(page, "summary", undefined, false);
  // 绩效自评表: one standard form a project, what a unit prints and hands in.
  await page.locator('#fake-tabs [role="tab"]', { hasText: "绩效自评表（打印）" }).click();
  const forms = (await page.locator("#fake-grid").textContent()) ?? "";
  check(
    /项目支出绩效自评表/.test(forms) && forms.includes("车驾管业务经费2025"),
    "Score wrote the 绩效自评表（打印） sheet: a 项目支出绩效自评表 for each project"
  );
  await shoot(page, "forms", undefined, false);

  // The pane's help page and the guide it links to, shipped with the pane (images included).
  await page.goto(`${origin}/help.html`);
  check(
    (await page.locator("dt").allTextContents()).join(" ").includes("一键评分"),
    "help.html says what each button does"
  );
  await page.getByRole("link", { name: "使用指南" }).click();
  await page.getByRole("heading", { level: 1, name: /使用指南/ }).waitFor();
  const images = await page.$$eval("img", (imgs) =>
    Promise.all(
      (imgs as HTMLImageElement[]).map(async (img) => {
        img.loading = "eager";
        await img.decode().catch(() => undefined);
        return img.naturalWidth > 0;
      })
    )
  );
  check(
    images.length > 0 && images.every(Boolean),
    `help.html links to guide.html, whose ${images.length} screenshots load`
  );

  const outside = requests.filter((u) => !u.startsWith(`${origin}/`));
  check(outside.length === 0, `no request left ${origin} (${requests.length} requests)`);
  await page.close();
}

/** Run 3: a 绩效自评表 with the unit's own 得分 (review mode). */
async function review(browser: Browser, origin: string, problems: string[]): Promise<void> {
  const f = form(
    [
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "开展业务培训",
        target: "≥6次",
        actual: "7次",
        weight: 20,
        score: 20,
      },
      {
        l2: "质量指标",
        name: "设备故障率",
        target: "≤5%",
        actual: "6%",
        weight: 15,
        score: 15,
        reason: "部分设备老化，已列入明年更新计划",
      },
      {
        l2: "时效指标",
        name: "系统上线时间",
        target: "2025年6月底前",
        actual: "2025年6月20日",
        weight: 15,
        score: 15,
      },
      {
        l1: "效益指标",
        l2: "社会效益指标",
        name: "业务办理时长缩短",
        target: "≥20%",
        actual: "18%",
        weight: 30,
        score: 28,
        reason: "下半年业务量增加",
      },
      {
        l1: "满意度指标",
        l2: "服务对象满意度指标",
        name: "群众满意度",
        target: "≥90%",
        actual: "93%",
        weight: 10,
        score: 10,
      },
    ],
    // Named as units name it: the tool's own forms sheet is 绩效自评表（打印）, so the two do not collide.
    { name: "绩效自评表", budgetScore: 9.2, total: 97.2 }
  );
  // A project name as a unit writes it (the form's builder says 测试项目).
  f.grid.values[1][1] = f.grid.text[1][1] = "2025年业务培训及设备运维项目";
  const page = await browser.newPage({ viewport: WIDE, locale: "zh-CN" });
  await watch(page, origin, problems);
  await page.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "application/javascript", body: "" })
  );
  await page.addInitScript({ content: await fakeHostScript([f.grid]) });
  await page.goto(`${origin}/taskpane.html`);
  await page.getByRole("button", { name: "一键评分" }).click();
  await page.getByText(/评分完成/).waitFor();
  const card = page.getByTestId("summary-card").first();
  await card.getByTestId("card-toggle").click(); // a table's line opens to its figures
  await card.getByTestId("card-review").waitFor();
  const unit = await card.getByTestId("card-unit-total").textContent();
  const ours = await card.getByTestId("card-review-total").textContent();
  check(unit === "97.20", `the card shows the unit's own total, 自评总分 ${unit}`);
  check(ours !== unit, `and the review's total beside it, 复核总分 ${ours}`);
  const differs = page.getByTestId("finding").filter({ hasText: /自评得分/ });
  check(
    (await differs.count()) > 0,
    `scores that differ from the unit's are findings (${await differs.count()})`
  );
  check(
    (await page.getByTestId("finding").filter({ hasText: "已存在" }).count()) === 0,
    "the unit's own sheet named 绩效自评表 does not stop the tool's forms sheet"
  );
  const unitScore = await cell(page, f.cell("score", 1));
  check(unitScore.text === "15", `the unit's own 得分 ${f.cell("score", 1)} is left as typed (15)`);
  const reviewHeader = await page.$$eval("#fake-grid td", (tds) =>
    tds.some((t) => t.textContent === "复核得分")
  );
  check(reviewHeader, "the tool's scores go into an added 复核得分 column");
  await page.locator("#fake-grid td", { hasText: /^复核得分$/ }).click(); // scrolled into view
  await shoot(page, "review", card.getByTestId("card-review"));
  await page.close();
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/taskpane.html missing: run `webpack --mode production` first");
  fs.mkdirSync(OUT, { recursive: true });
  await buildDemo({ pane: DIST, out: DEMO });
  console.log("demo site assembled in dist-demo/ from dist/");

  const server = await serve(DIST);
  const demoServer = await serve(DEMO);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const demoOrigin = `http://127.0.0.1:${(demoServer.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  const problems: string[] = [];
  let only: string[] = [];
  try {
    // E2E_ONLY=demo,review runs some of the three (while working on one); all by default.
    only = (process.env.E2E_ONLY ?? "addin,demo,review").split(",");
    if (only.includes("addin")) {
      console.log("add-in page (dist/taskpane.html):");
      await addinPage(browser, origin, problems);
    }
    if (only.includes("demo")) {
      console.log("demo site (dist-demo/):");
      await demoSite(browser, demoOrigin, problems);
    }
    if (only.includes("review")) {
      console.log("review mode:");
      await review(browser, origin, problems);
    }
    check(
      problems.length === 0,
      `no console errors, page errors or outside requests${problems.length ? `: ${problems.join(" | ")}` : ""}`
    );
  } finally {
    await browser.close();
    server.close();
    demoServer.close();
  }
  // The guide's pictures all come from the demo and review runs.
  if (process.env.GUIDE_SHOTS === "1" && only.includes("demo") && only.includes("review")) {
    fs.mkdirSync(GUIDE, { recursive: true });
    for (const [from, to] of Object.entries(GUIDE_SHOTS))
      fs.copyFileSync(path.join(OUT, from), path.join(GUIDE, to));
    console.log(`guide screenshots copied to docs/guide/ (${Object.keys(GUIDE_SHOTS).length})`);
  }
}

main().then(
  () => console.log("e2e passed; screenshots in test-output/"),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
);
