/**
 * The WPS add-in's pane in Chromium (`npm run test:e2e`, after `node scripts/build-wps.mjs`): the built
 * dist-wps/jsaddons/<folder>/taskpane.html opened from disk (file://, as WPS opens an offline add-in), with
 * the fake WPS host (wps-host-entry.ts) injected before any page script in place of WPS's Application and
 * holding the bundled example workbook. Score, Undo, Score, Clear through the pane's buttons, then Prepare
 * and its Undo on the bundled target tables; every request
 * other than the add-in folder's own files fails the test, and so does any console error, page error or
 * CSP violation. Screenshots in test-output/wps/ (the fake sheet on the left, the pane on the right).
 *
 * Chromium is not WPS: this shows the pane bundle runs from the add-in folder under its CSP and drives the
 * adapter through the modelled API, not that WPS answers as the model does.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import { build } from "esbuild";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { launchChromium } from "./harness";

const ROOT = path.join(__dirname, "..", "..");
const OUT = path.join(ROOT, "test-output", "wps");
const JSADDONS = path.join(ROOT, "dist-wps", "jsaddons");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");

function check(cond: unknown, what: string): void {
  if (!cond) throw new Error(`wps e2e: ${what}`);
  console.log(`  ✓ ${what}`);
}

async function hostScript(grids: unknown): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(__dirname, "wps-host-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
  });
  return `window.__GRIDS__ = ${JSON.stringify(grids)};\n${bundle.outputFiles[0].text}`;
}

async function main(): Promise<void> {
  const folder = fs.readdirSync(JSADDONS).find((f) => f.startsWith("indicator-scorer_"));
  if (!folder)
    throw new Error("dist-wps/jsaddons/indicator-scorer_*/ missing: run npm run build:wps");
  const addin = path.join(JSADDONS, folder);
  fs.mkdirSync(OUT, { recursive: true });
  const { sheets } = await readWorkbook(EXAMPLE);
  const browser = await launchChromium();
  const problems: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const own = pathToFileURL(addin).href;
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(own)) return route.continue();
      problems.push(`request outside the add-in folder: ${url}`);
      return route.abort();
    });
    await page.addInitScript({ content: await hostScript(sheets) });
    await page.goto(`${own}/taskpane.html`);
    await page.getByRole("button", { name: "一键评分" }).waitFor();
    const initial = await page.evaluate(() => window.__wps.snapshot());
    await page.screenshot({ path: path.join(OUT, "0-loaded.png") });
    check(true, `the pane loads from ${path.relative(ROOT, addin)}/taskpane.html over file://`);

    await page.getByRole("button", { name: "一键评分" }).click();
    await page
      .getByText(/评分完成/)
      .first()
      .waitFor();
    const scored = await page.evaluate(() => ({
      sheets: window.__wps.sheets.map((s) => `${s.name}:${s.visible}`),
      written: window.__wps.sheets[0].cells.size,
      calls: window.__wps.calls,
      formulaReads: window.__wps.byName.get("Range.Formula") ?? 0,
    }));
    check(
      scored.sheets.some((s) => s === "评分汇总:-1") && scored.sheets.some((s) => s.endsWith(":2")),
      `Score: 评分汇总 visible and the ledger very hidden (${scored.sheets.join(", ")})`
    );
    check(
      scored.formulaReads <= scored.sheets.length,
      `one Formula read a sheet (${scored.formulaReads}; ${scored.calls} calls in all)`
    );
    const cards = page.getByTestId("summary-card");
    await cards.first().waitFor();
    check((await cards.count()) >= 1, `summary cards shown (${await cards.count()})`);
    await page.screenshot({ path: path.join(OUT, "1-scored.png") });

    await page.getByRole("button", { name: "撤销" }).click();
    await page
      .getByText(/已撤销/)
      .first()
      .waitFor();
    const undone = await page.evaluate(() => window.__wps.snapshot());
    check(undone === initial, "Undo puts the workbook back exactly as it was loaded");
    await page.screenshot({ path: path.join(OUT, "2-undone.png") });

    await page.getByRole("button", { name: "一键评分" }).click();
    await page
      .getByText(/评分完成/)
      .first()
      .waitFor();
    await page.getByRole("button", { name: "清除结果" }).click();
    await page
      .getByText(/已清除/)
      .first()
      .waitFor();
    // Clear leaves the user's cells as they were loaded (the tool's sheets gone, added column widths reset).
    const userCells = (snap: string) =>
      JSON.stringify(
        (JSON.parse(snap) as { name: string; cells: unknown }[]).map((s) => [s.name, s.cells])
      );
    const cleared = await page.evaluate(() => window.__wps.snapshot());
    check(
      userCells(cleared) === userCells(initial),
      "Clear removes 评分汇总, the forms and the ledger, and leaves every user cell as it was loaded"
    );
    await page.screenshot({ path: path.join(OUT, "3-cleared.png") });
    await page.close();

    // 准备年终自评 on the bundled target tables: the year-end columns added, and taken back by Undo.
    const targets = (await readWorkbook(path.join(ROOT, "examples", "targets-2025.xlsx"))).sheets;
    const prep = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    prep.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    prep.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await prep.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(own)) return route.continue();
      problems.push(`request outside the add-in folder: ${url}`);
      return route.abort();
    });
    await prep.addInitScript({ content: await hostScript(targets) });
    await prep.goto(`${own}/taskpane.html`);
    const plain = await prep.evaluate(() => window.__wps.snapshot());
    await prep.getByRole("button", { name: "准备年终自评" }).click();
    await prep
      .getByText(/已添加年终自评所需的列/)
      .first()
      .waitFor();
    const headers = await prep.$$eval("#fake-wps td", (tds) =>
      tds.map((t) => t.textContent).filter((t) => t === "实际完成值" || t === "得分")
    );
    check(
      headers.length >= 2,
      `Prepare adds the year-end columns (${headers.slice(0, 4).join("、")}…)`
    );
    await prep.screenshot({ path: path.join(OUT, "4-prepared.png") });
    await prep.getByRole("button", { name: "撤销" }).click();
    await prep
      .getByText(/已撤销/)
      .first()
      .waitFor();
    check(
      (await prep.evaluate(() => window.__wps.snapshot())) === plain,
      "Undo of Prepare puts the target tables back"
    );
    check(
      problems.length === 0,
      `no console errors, page errors, CSP violations or outside requests${problems.length ? `: ${problems.join(" | ")}` : ""}`
    );
  } finally {
    await browser.close();
  }
}

main().then(
  () => console.log("wps e2e passed; screenshots in test-output/wps/"),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
);
