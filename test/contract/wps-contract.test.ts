/**
 * Undo on the fake WPS host, against the add-in's on the fake Excel host: the same actions run by the
 * add-in's Session (test/excel/fake-excel.ts) and by the WPS session (test/wps/fake-wps.ts) from the same
 * sheets leave the same cells (value, number format, the tool's highlight or not, bold), ledger and sheets
 * after Score, a second Score and its Undo; after Clear and its Undo; after Prepare and its Undo.
 *
 * Everything but Undo runs on WPS in write-contract.test.ts, with every other host and on every property
 * (hosts.ts wpsHost): Score/Score/Clear, Prepare, a review-mode form, a user's fill under a highlight
 * turned off, own sheets' layout, formatLike, print areas. Undo is here because the contract's hosts have
 * none in common (the .xlsx writer has no Undo).
 *
 * Not compared: the add-in's conditional marks of unmet actuals (Excel only), column widths (points in
 * Office.js, characters in WPS; which widths the ledger records is compared), ledger sheet ids.
 */
import * as fs from "fs";
import * as path from "path";
import {
  HIGHLIGHT_FILL,
  LEDGER_SHEET,
  FORMS_SHEET,
  SUMMARY_SHEET,
  SheetGrid,
  a1,
  ledgerFromRows,
} from "../../src/core";
import { WpsApplication } from "../../src/wps/api";
import { WpsSession } from "../../src/wps/session";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { setup } from "../excel/helpers";
import { FakeWps } from "../wps/fake-wps";

const EXAMPLES = path.join(__dirname, "../../examples");
/** The tool's own sheets (the summary, the forms). */
const OWN = [SUMMARY_SHEET, FORMS_SHEET];

type Action = "score" | "prepare" | "clear" | "undo";

function both(grids: SheetGrid[]) {
  const excel = setup(grids);
  const wps = FakeWps.fromGrids(grids);
  const session = new WpsSession({
    app: () => wps.application() as unknown as WpsApplication,
    lang: () => "zh",
  });
  const run = async (action: Action) => {
    step = action;
    for (const s of [excel.session, session]) {
      if (action === "score") await s.score("workbook");
      else if (action === "prepare") await s.prepare("workbook");
      else if (action === "clear") await s.clear();
      else await s.undo();
    }
  };
  return { excel: excel.wb, wps: Object.assign(wps, { undoOnly: () => session.undo() }), run };
}

let step = "";
async function fromFile(file: string) {
  const read = await readWorkbookBuffer(fs.readFileSync(path.join(EXAMPLES, file)), file);
  return both(read.sheets);
}

const blank = (v: unknown) => (v === null || v === undefined || v === "" ? null : v);

/** Every cell either host holds, on every sheet but the ledger, and the ledgers and the sheets. */
function compare(h: ReturnType<typeof both>, o: { ownSheetValuesOnly?: boolean } = {}): void {
  const excelSheets = h.excel.sheets.map((s) => s.name);
  const wpsSheets = h.wps.sheets.map((s) => s.name);
  expect(wpsSheets).toEqual(excelSheets);
  const diffs: string[] = [];
  for (const name of excelSheets) {
    if (name === LEDGER_SHEET) continue;
    const cells = new Set<string>();
    for (const k of h.excel.sheet(name)!.cells.keys()) cells.add(k);
    for (const k of h.wps.sheet(name)!.cells.keys()) cells.add(k);
    for (const k of cells) {
      const [row, col] = k.split(",").map(Number);
      const addr = a1(row, col);
      const e = h.excel.at(name, addr);
      const w = h.wps.at(name, addr);
      const ex = {
        value: blank(e.value),
        numberFormat: e.numberFormat || "General",
        highlight: (e.fill ?? "").toUpperCase() === HIGHLIGHT_FILL,
        bold: !!e.bold,
      };
      if (o.ownSheetValuesOnly && OWN.includes(name)) {
        ex.numberFormat = ex.bold = "-" as never;
      }
      const wx = {
        value: blank(w.value),
        numberFormat: w.numberFormat || "General",
        highlight: w.fill === HIGHLIGHT_FILL,
        bold: !!w.bold,
      };
      if (o.ownSheetValuesOnly && OWN.includes(name)) wx.numberFormat = wx.bold = "-" as never;
      if (JSON.stringify(ex) !== JSON.stringify(wx))
        diffs.push(`${name}!${addr} excel ${JSON.stringify(ex)} wps ${JSON.stringify(wx)}`);
    }
  }
  expect([step, diffs.slice(0, 8), diffs.length]).toEqual([step, [], 0]);
  const ledger = (rows: SheetGrid | null) => (rows ? ledgerFromRows(rows.values) : null);
  const el = ledger(h.excel.sheet(LEDGER_SHEET) ? h.excel.toGrid(LEDGER_SHEET) : null);
  const wl = ledger(h.wps.sheet(LEDGER_SHEET) ? h.wps.toGrid(LEDGER_SHEET) : null);
  expect(wl?.entries() ?? null).toEqual(el?.entries() ?? null);
  expect(wl?.widthEntries() ?? null).toEqual(el?.widthEntries() ?? null);
  if (h.excel.sheet(LEDGER_SHEET)) {
    expect(h.excel.sheet(LEDGER_SHEET)!.visibility).toBe("VeryHidden");
    expect(h.wps.sheet(LEDGER_SHEET)!.visible).toBe(2);
  }
}

describe("Undo on the fake Excel and the fake WPS hosts", () => {
  test("Score, a second Score and its Undo, on the bundled example", async () => {
    const h = await fromFile("year-end-2025.xlsx");
    await h.run("score");
    compare(h);
    expect(h.wps.sheet(SUMMARY_SHEET)).toBeDefined();
    await h.run("score");
    compare(h);
    // After Undo the fake Excel's summary and forms sheets hold their values without the named styles
    // (src/excel rebuilds them from the previous plan's cells), WPS's with them (its snapshot of the sheet):
    // values only there.
    await h.run("undo");
    compare(h, { ownSheetValuesOnly: true });
  }, 120_000);

  test("Score, Clear, and Undo of Clear, on the bundled example", async () => {
    const h = await fromFile("year-end-2025.xlsx");
    await h.run("score");
    const scored = JSON.stringify(
      h.wps.sheets.map((s) => [s.name, s.visible, [...s.cells].sort()])
    );
    await h.run("clear");
    compare(h);
    // Undo of Clear, on WPS alone (the fake Excel's Undo of a Clear that removed the forms sheet fails
    // with ItemNotFound at the time of writing: src/excel's work in progress): everything back as scored.
    await h.wps.undoOnly();
    const back = JSON.stringify(h.wps.sheets.map((s) => [s.name, s.visible, [...s.cells].sort()]));
    expect(back).toBe(scored);
  }, 120_000);

  test("Prepare of the bundled target tables, and its Undo", async () => {
    const h = await fromFile("targets-2025.xlsx");
    await h.run("prepare");
    compare(h);
    await h.run("undo");
    compare(h);
  }, 60_000);
});
