/**
 * Real-browser end-to-end test of the built task pane (`npm run test:e2e`, after `webpack --mode production`).
 *
 * Serves dist/ over http on a free port, opens taskpane.html in Debian Chromium (playwright-core), with a
 * fake Office/Excel host injected before any page script (host-entry.ts, bundled with esbuild) holding the
 * bundled example workbook. The office.js CDN request is answered with an empty stub; every other request
 * leaving localhost fails the test. Screenshots go to test-output/.
 */
import * as fs from "fs";
import * as path from "path";
import { AddressInfo } from "net";
import { Page } from "playwright-core";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { DIST, fakeHostScript, launchChromium, serve } from "./harness";

const ROOT = path.join(__dirname, "..", "..");
const OUT = path.join(ROOT, "test-output");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(`e2e: ${what}`);
  console.log(`  ✓ ${what}`);
}

async function cell(
  page: Page,
  addr: string
): Promise<{ text: string; fill: string | null; cf: boolean; selected: boolean }> {
  return page.$eval(`#fake-grid td[data-addr="${addr}"]`, (td) => ({
    text: td.textContent ?? "",
    fill: (td as HTMLElement).dataset.fill ?? null,
    cf: (td as HTMLElement).dataset.cf === "1",
    selected: (td as HTMLElement).dataset.selected === "1",
  }));
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/taskpane.html missing: run `webpack --mode production` first");
  fs.mkdirSync(OUT, { recursive: true });
  const { sheets } = await readWorkbook(EXAMPLE);
  const hostScript = await fakeHostScript(sheets);

  const server = await serve(DIST);
  const port = (server.address() as AddressInfo).port;
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    let officeJsStubbed = 0;
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("https://appsforoffice.microsoft.com/")) {
        officeJsStubbed++;
        return route.fulfill({
          status: 200,
          contentType: "application/javascript",
          body: "/* office.js stub: the fake host is injected by addInitScript */",
        });
      }
      if (url.startsWith(`http://127.0.0.1:${port}/`)) return route.continue();
      problems.push(`unexpected request: ${url}`);
      return route.abort();
    });
    await page.addInitScript({ content: hostScript });
    await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
    await page.getByRole("button", { name: "一键评分" }).waitFor();
    check(officeJsStubbed === 1, "office.js CDN request intercepted and stubbed (not fetched)");
    const initial = await page.evaluate(() => window.__fakeWb.snapshot());
    await page.screenshot({ path: path.join(OUT, "0-loaded.png") });

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
    await page.screenshot({ path: path.join(OUT, "1-validated.png") });

    // Click the finding → the selection moves there
    await reasonFinding.click();
    const addr = where.slice(where.lastIndexOf("!") + 1);
    await page.waitForSelector(`#fake-grid td[data-addr="${addr}"][data-selected="1"]`);
    check((await cell(page, addr)).selected, `clicking the finding selects ${addr} in the grid`);
    await page.screenshot({ path: path.join(OUT, "2-navigated.png") });

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
    await page.screenshot({ path: path.join(OUT, "3-scored.png") });

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
      "Undo restores the workbook exactly as it was before Score (values, formats, fills, marks, sheets)"
    );
    await page.screenshot({ path: path.join(OUT, "4-undone.png") });

    // English
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Score" }).waitFor();
    await page.screenshot({ path: path.join(OUT, "5-english.png") });
    check(
      (await page.getByTestId("notice").textContent())?.includes("The last action was undone.") ===
        true,
      "language switch to English re-words the message shown (Undo's)"
    );

    check(
      problems.length === 0,
      `no console errors, page errors or outside requests${problems.length ? `: ${problems.join(" | ")}` : ""}`
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(
  () => console.log("e2e passed; screenshots in test-output/"),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
);
