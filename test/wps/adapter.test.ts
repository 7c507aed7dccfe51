/**
 * The WPS adapter (src/wps) on the fake WPS host: what it reads and writes, in how many calls, Undo, Clear,
 * ownership and refusals. The fake models the published typings and VBA's answers (fake-wps.ts); none of
 * this ran in a real WPS.
 */
import * as fs from "fs";
import * as path from "path";
import {
  LEDGER_SHEET,
  Rect,
  SUMMARY_SHEET,
  SheetGrid,
  WriteOp,
  a1,
  analyzeWorkbook,
  planOps,
} from "../../src/core";
import { ScorerError } from "../../src/excel/errors";
import { WpsApplication } from "../../src/wps/api";
import { WpsSession } from "../../src/wps/session";
import { loadProfile, saveProfile } from "../../src/wps/settings";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { indicatorRow, yearEndSheet } from "../excel/workbooks";
import { FakeWps } from "./fake-wps";

const EXAMPLES = path.join(__dirname, "../../examples");
const SHEET = "绩效目标表";

function setup(grids: SheetGrid[], profile = {}) {
  const wb = FakeWps.fromGrids(grids);
  const session = new WpsSession({
    app: () => wb.application() as unknown as WpsApplication,
    lang: () => "zh",
    profile: () => profile,
  });
  return { wb, session };
}

async function example(file = "year-end-2025.xlsx") {
  const read = await readWorkbookBuffer(fs.readFileSync(path.join(EXAMPLES, file)), file);
  return setup(read.sheets);
}

/** Everything the workbook holds, to compare states. */
function state(wb: FakeWps): string {
  return JSON.stringify(
    wb.sheets.map((s) => ({
      name: s.name,
      visible: s.visible,
      cells: [...s.cells.entries()].sort(),
      merges: s.merges,
      widths: [...s.colWidths.entries()].sort(),
    }))
  );
}

/** Cells of all sheets but the ledger (values and formats only). */
function cells(wb: FakeWps): string {
  return JSON.stringify(
    wb.sheets
      .filter((s) => s.name !== LEDGER_SHEET)
      .map((s) => [s.name, [...s.cells.entries()].sort()])
  );
}

describe("WPS adapter on the fake WPS host", () => {
  test("Score the bundled example: scores, summary, a very hidden ledger; a second Score changes nothing", async () => {
    const { wb, session } = await example();
    const r = await session.score("workbook");
    expect(r.report!.tables.length).toBeGreaterThan(0);
    expect(r.cellsWritten).toBeGreaterThan(0);
    expect(wb.sheet(SUMMARY_SHEET)).toBeDefined();
    expect(wb.sheet(LEDGER_SHEET)!.visible).toBe(2); // xlSheetVeryHidden
    const t = r.report!.tables[0];
    const scored = t.indicators.find((i) => i.score !== null)!;
    expect(scored).toBeDefined();
    const once = state(wb);
    const again = await session.score("workbook");
    expect(state(wb)).toBe(once);
    expect(again.report!.tables.map((x) => x.total)).toEqual(r.report!.tables.map((x) => x.total));
  });

  test("a run that changed nothing (a sheet with no table) leaves nothing to undo", async () => {
    const empty: SheetGrid = {
      name: "说明",
      originRow: 0,
      originCol: 0,
      values: [["本工作簿的说明"]],
      text: [["本工作簿的说明"]],
    };
    const { wb, session } = setup([empty]);
    const before = state(wb);
    await session.score("workbook");
    expect(state(wb)).toBe(before);
    expect(session.canUndo).toBe(false);
    await expect(session.undo()).rejects.toMatchObject({ code: "noUndo" });
  });

  test("Undo puts back exactly what Score changed; Clear after Score leaves the cells as they were", async () => {
    const { wb, session } = await example();
    const before = state(wb);
    const cellsBefore = cells(wb);
    await session.score("workbook");
    expect(session.canUndo).toBe(true);
    await session.undo();
    expect(state(wb)).toBe(before);
    expect(session.canUndo).toBe(false);
    await expect(session.undo()).rejects.toMatchObject({ code: "noUndo" });

    await session.score("workbook");
    await session.clear();
    expect(wb.sheet(SUMMARY_SHEET)).toBeUndefined();
    expect(wb.sheet(LEDGER_SHEET)).toBeUndefined();
    expect(cells(wb)).toBe(cellsBefore);
    // Undo of Clear brings the scores back.
    await session.undo();
    expect(wb.sheet(LEDGER_SHEET)!.visible).toBe(2);
    expect(wb.sheet(SUMMARY_SHEET)).toBeDefined();
  });

  test("Undo keeps what the user typed since into a cell the tool wrote", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 6 })]);
    const before = cells(wb);
    const r = await session.score("workbook");
    const row = r.report!.tables[0].indicators[0].row; // 1-based
    const scoreCell = [...wb.sheet(SHEET)!.cells.entries()].find(
      ([k, c]) =>
        Number(k.split(",")[0]) === row - 1 &&
        typeof c.value === "number" &&
        c.numberFormat === "0.00"
    )!;
    const [rr, cc] = scoreCell[0].split(",").map(Number);
    wb.type(SHEET, a1(rr, cc), "人工复核 18");
    const u = await session.undo();
    expect(u.keptEdited).toBe(1);
    expect(wb.at(SHEET, a1(rr, cc)).value).toBe("人工复核 18");
    // Every other cell is back as it was.
    const others = (json: string) =>
      JSON.stringify(
        (JSON.parse(json) as [string, [string, unknown][]][]).map(([n, list]) => [
          n,
          list.filter(([k]) => n !== SHEET || k !== `${rr},${cc}`),
        ])
      );
    expect(others(cells(wb))).toBe(others(before));
  });

  test("reads whole ranges and writes blocks: calls do not grow with the number of rows", async () => {
    const calls = async (n: number) => {
      const { wb, session } = setup([yearEndSheet({ n, unmetEvery: 1000000 })]);
      wb.resetCalls();
      await session.score("workbook");
      return { total: wb.calls, by: wb.byName };
    };
    const small = await calls(10);
    const large = await calls(2000);
    // One Value2 and one Formula read of the used range (plus the ledger's, and the snapshots of what
    // each block overwrites): the same at 10 and 2,000 rows.
    for (const name of ["Range.Value2", "Range.Formula", "Range.Value2=", "Range.NumberFormat="])
      expect([name, large.by.get(name)]).toEqual([name, small.by.get(name)]);
    // Halving a range where its cells differ costs a few calls more on a longer sheet (log2 of the rows),
    // nothing in proportion to them.
    expect(large.total - small.total).toBeLessThan(16);
    expect(large.by.get("Range.Formula")).toBe(1);
  });

  test("writes: one Value2 assignment a rectangle of the plan, however many cells and unmet rows", async () => {
    const grid = yearEndSheet({ n: 300, unmetEvery: 3 });
    const ops = planOps(analyzeWorkbook([grid], { lang: "zh" }).plan);
    const { wb, session } = setup([grid]);
    wb.resetCalls();
    await session.score("workbook");
    const rects = ops.filter((o) => o.kind === "cells" || o.kind === "link").length;
    // + 1: the ledger, written whole.
    expect(wb.byName.get("Range.Value2=")).toBe(rects + 1);
    const lit = ops.filter((o) => o.kind === "highlight" && o.on).length;
    expect(lit).toBeGreaterThan(50);
    // The unmet fill: one Interior.Color and one Font.Color a highlighted rectangle (plus the own sheets'
    // header fills: one a header rectangle, and one more a merged area whose top-left cell it holds).
    const merges = new Map<string, Rect[]>();
    for (const o of ops)
      if (o.kind === "sheet" && o.action === "rebuild") merges.set(o.name, o.layout?.merges ?? []);
    const headers = ops.filter(
      (o): o is Extract<WriteOp, { kind: "cellStyle" }> =>
        o.kind === "cellStyle" && o.style === "header"
    );
    const mergedHeaders = headers.reduce(
      (n, o) =>
        n +
        (merges.get(o.sheet) ?? []).filter(
          (m) =>
            (m.rows > 1 || m.cols > 1) &&
            m.row >= o.rect.row &&
            m.row < o.rect.row + o.rect.rows &&
            m.col >= o.rect.col &&
            m.col < o.rect.col + o.rect.cols
        ).length,
      0
    );
    expect(mergedHeaders).toBeGreaterThan(0);
    expect(wb.byName.get("Range.Color=")).toBe(2 * lit + headers.length + mergedHeaders);
  });

  test("a user's value in an output cell is left alone (OUTPUT_OCCUPIED)", async () => {
    const grid = yearEndSheet({ n: 6 });
    const { wb, session } = setup([grid]);
    const first = await session.score("workbook");
    await session.clear();
    // Which column did Score write its scores in? The score of the first indicator's row.
    const row = indicatorRow(0);
    const scoreCell = first.report!.tables[0].indicators[0];
    expect(scoreCell.row).toBe(row + 1);
    // The user types a note into every empty cell of that row right of the table.
    const used = wb.toGrid(SHEET);
    const lastCol = used.originCol + used.values[0].length;
    for (let c = lastCol; c < lastCol + 4; c++) wb.type(SHEET, a1(row, c), "用户备注");
    const r = await session.score("workbook");
    expect(r.skipped.some((i) => i.code === "OUTPUT_OCCUPIED")).toBe(true);
    for (let c = lastCol; c < lastCol + 4; c++)
      expect(wb.at(SHEET, a1(row, c)).value).toBe("用户备注");
  });

  test("a protected sheet: refused before anything is written", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 4 })]);
    wb.sheet(SHEET)!.protected = true;
    const before = state(wb);
    await expect(session.score("workbook")).rejects.toMatchObject({ code: "protected" });
    expect(state(wb)).toBe(before);
    expect(session.canUndo).toBe(false);
  });

  test("a call WPS refuses part-way: what landed is put back, and the error says so", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 8 })]);
    const before = state(wb);
    // Count the calls of a whole Score, then fail one half-way through the write.
    const probe = setup([yearEndSheet({ n: 8 })]);
    probe.wb.resetCalls();
    await probe.session.score("workbook");
    wb.resetCalls();
    wb.failAt(Math.floor(probe.wb.calls * 0.7));
    const err = await session.score("workbook").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScorerError);
    expect((err as ScorerError).params.rolledBack).toBe("yes");
    expect(state(wb)).toBe(before);
  });

  test("hidden rows are read in a few calls and not scored", async () => {
    const hidden = indicatorRow(1);
    const { wb, session } = setup([{ ...yearEndSheet({ n: 6 }), hiddenRows: [hidden] }]);
    wb.resetCalls();
    const r = await session.score("workbook");
    const t = r.report!.tables[0];
    expect(t.indicators).toHaveLength(5);
    expect(t.indicators.map((i) => i.row)).not.toContain(hidden + 1);
    expect(r.report!.issues.some((i) => i.code === "HIDDEN_ROWS")).toBe(true);
    expect(wb.byName.get("Range.Hidden")!).toBeLessThan(20);
  });

  test("Validate writes nothing; navigate selects the cell", async () => {
    const { wb, session } = setup([
      yearEndSheet({ n: 4 }),
      { ...yearEndSheet({ n: 2 }), name: "其他" },
    ]);
    const before = state(wb);
    const r = await session.validate("workbook");
    expect(r.kind).toBe("validate");
    expect(state(wb)).toBe(before);
    await session.navigate("其他", "B2");
    expect(wb.active).toBe("其他");
  });

  test("the profile is kept in the workbook's custom properties, cut into pieces of 255 characters", async () => {
    const wb = FakeWps.fromGrids([yearEndSheet({ n: 2 })]);
    const book = wb.application().ActiveWorkbook as unknown as Parameters<typeof loadProfile>[0];
    const profile = { name: "某某单位".repeat(80), decimals: 1 };
    await saveProfile(profile, book);
    expect(wb.props.size).toBeGreaterThan(1);
    expect(loadProfile(book)).toEqual(profile);
    await expect(saveProfile({ decimals: -3 }, book)).rejects.toThrow();
    expect(loadProfile(book)).toEqual(profile);
  });

  test("where custom properties are refused, the profile lives in PluginStorage (until WPS closes)", async () => {
    const wb = FakeWps.fromGrids([yearEndSheet({ n: 2 })]);
    const app = wb.application();
    const book = app.ActiveWorkbook as unknown as Parameters<typeof loadProfile>[0];
    const st = app.PluginStorage;
    Object.defineProperty(book, "CustomDocumentProperties", {
      get: () => {
        throw new Error("not implemented");
      },
    });
    await saveProfile({ decimals: 1 }, book, st);
    expect(wb.storage.get("indicatorScorer.profile")).toBe('{"decimals":1}');
    expect(loadProfile(book, st)).toEqual({ decimals: 1 });
  });
});
