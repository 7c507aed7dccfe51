/**
 * Issue 18 in the add-in: the tool's own sheets printed like forms (named styles, merges, row heights, A4
 * page setup one page wide, print titles, page breaks), added columns formatted like the user's form
 * (formatLike, by copyFrom), print areas grown and put back — through the real Session on the fake host,
 * in the same round trips as before, with an exact Undo, and what a host below ExcelApi 1.9 leaves out.
 */
import {
  FORMS_SHEET,
  HIGHLIGHT_FILL,
  LEDGER_SHEET,
  SUMMARY_SHEET,
  WritePlan,
  analyzeWorkbook,
  planClear,
  planPrepare,
} from "../../src/core";
import type { SheetGrid } from "../../src/core/types";
import { ScorerError } from "../../src/excel/errors";
import type { Engine } from "../../src/excel/session";
import {
  FakeCell,
  FakeRequestContext,
  FakeWorkbook,
  colLetters,
  extraFormat,
  fakeError,
  installFakeOffice,
} from "./fake-excel";
import { setup } from "./helpers";
import { indicatorRow, yearEndSheet } from "./workbooks";

const SHEET = "绩效目标表";
const ACTUAL_COL = 5; // F: 实际完成值
const SOURCE_COL = 4; // E: 指标值, the column the added ones take their formats from (no 分值 / 得分)
const ADDED = [7, 8, 9]; // H:J — 分值, 得分, 完成率
const SCORE_COL = 8;
const HEADER_ROW = 3;
const addr = (row: number, col: number) => `${colLetters(col)}${row + 1}`;
const thin = { style: "Continuous", weight: "Thin", color: "#000000" };

/** What differs between two snapshots (FakeWorkbook.snapshot), cell by cell: a readable failure. */
function snapshotDiff(a: string, b: string): string[] {
  type Sheet = { name: string; cells: [string, unknown][] } & Record<string, unknown>;
  const x = JSON.parse(a) as Sheet[];
  const y = JSON.parse(b) as Sheet[];
  const out: string[] = [];
  const names = new Set([...x.map((s) => s.name), ...y.map((s) => s.name)]);
  for (const name of names) {
    const p = x.find((s) => s.name === name);
    const q = y.find((s) => s.name === name);
    if (!p || !q) {
      out.push(`${name}: ${p ? "gone" : "added"}`);
      continue;
    }
    const cp = new Map(p.cells.map(([k, v]) => [k, JSON.stringify(v)]));
    const cq = new Map(q.cells.map(([k, v]) => [k, JSON.stringify(v)]));
    for (const k of new Set([...cp.keys(), ...cq.keys()]))
      if (cp.get(k) !== cq.get(k)) out.push(`${name}!${k}: ${cp.get(k)} → ${cq.get(k)}`);
    for (const f of Object.keys({ ...p, ...q }))
      if (f !== "cells" && JSON.stringify(p[f]) !== JSON.stringify(q[f]))
        out.push(`${name} ${f}: ${JSON.stringify(p[f])} → ${JSON.stringify(q[f])}`);
  }
  return out;
}

/** The user's form as it looks in Excel: a bordered, centred, wrapped table; a grey header in 宋体 12. */
function styledForm(n = 6): { grid: SheetGrid; style: (wb: FakeWorkbook) => void } {
  const grid = yearEndSheet({ n });
  const style = (wb: FakeWorkbook) => {
    const s = wb.sheet(SHEET)!;
    for (let row = HEADER_ROW; row <= indicatorRow(n - 1); row++)
      for (let col = 0; col <= 6; col++) {
        const k = `${row},${col}`;
        const c: FakeCell = s.cells.get(k) ?? {
          value: null,
          numberFormat: "General",
          fill: null,
          fontColor: "#000000",
          bold: false,
        };
        c.borders = {
          top: { ...thin },
          bottom: { ...thin },
          left: { ...thin },
          right: { ...thin },
        };
        c.hAlign = "Center";
        c.vAlign = "Center";
        c.wrap = true;
        if (row === HEADER_ROW) {
          c.fill = "#D9E1F2";
          c.bold = true;
          c.fontSize = 12;
        }
        s.cells.set(k, c);
      }
  };
  return { grid, style };
}

function styledSetup(n = 6, apiSets = "1.13") {
  const { grid, style } = styledForm(n);
  const ctx = setup([grid]);
  ctx.wb.apiVersion = apiSets;
  style(ctx.wb);
  return ctx;
}

describe("the forms sheet and the summary, printed as forms", () => {
  test("Score makes 绩效自评表 with styles, merges, row heights, A4 portrait one page wide; 评分汇总 landscape with print titles — in 3 rounds", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 6 })]);
    wb.reset();
    const out = await session.score("active");
    expect(wb.stats.rounds).toBe(3);
    expect(out.notApplied).toBeUndefined();
    const forms = wb.sheet(FORMS_SHEET)!;
    expect(forms).toBeDefined();
    // The title: merged across the form, bold 16, centred (STYLES.title), no border.
    const title = wb.at(FORMS_SHEET, "A1");
    expect(title.value).toBe("项目支出绩效自评表");
    expect([title.bold, title.fontSize, title.hAlign, title.vAlign]).toEqual([
      true,
      16,
      "Center",
      "Center",
    ]);
    expect(title.borders ?? {}).toEqual({});
    expect(forms.merges.some((m) => m.row === 0 && m.col === 0 && m.cols > 1)).toBe(true);
    // A header cell: bold, grey, thin borders all round, wrapped.
    const header = [...forms.cells.values()].find((c) => c.value === "一级指标")!;
    expect(header.fill).toBe("#F2F2F2");
    expect(header.bold).toBe(true);
    expect(header.wrap).toBe(true);
    expect(Object.keys(header.borders ?? {}).sort()).toEqual(["bottom", "left", "right", "top"]);
    expect(header.borders!.top).toMatchObject({ style: "Continuous", weight: "Thin" });
    expect(forms.page).toEqual({
      orientation: "Portrait",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: null,
    });
    // The summary: landscape, its header row repeated on every page.
    const summary = wb.sheet(SUMMARY_SHEET)!;
    expect(summary.page?.orientation).toBe("Landscape");
    expect(summary.page?.printTitleRows).toEqual([2, 2]);
    expect(wb.at(SUMMARY_SHEET, "A1").fontSize).toBe(16);
  });

  test("two tables: two forms, a manual page break above the second", async () => {
    const a = yearEndSheet({ n: 4, name: "甲" });
    const b = yearEndSheet({ n: 4, name: "乙" });
    b.values[1][1] = "另一项目";
    b.text[1][1] = "另一项目";
    const { wb, session } = setup([a, b]);
    await session.score("workbook");
    const forms = wb.sheet(FORMS_SHEET)!;
    const titles = [...forms.cells.entries()]
      .filter(([, c]) => c.value === "项目支出绩效自评表")
      .map(([k]) => Number(k.split(",")[0]))
      .sort((x, y) => x - y);
    expect(titles.length).toBe(2);
    expect(forms.pageBreaks).toEqual([titles[1]]);
  });

  test("a second Score rebuilds the forms the same (merges and breaks not doubled); Undo of it puts the first back exactly", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 6 })]);
    await session.score("active");
    const once = wb.snapshot();
    await session.score("active");
    expect(wb.snapshot()).toBe(once);
    wb.type(SHEET, addr(indicatorRow(0), ACTUAL_COL), "2个");
    await session.score("active");
    expect(wb.snapshot()).not.toBe(once);
    await session.undo();
    wb.type(SHEET, addr(indicatorRow(0), ACTUAL_COL), "7个");
    expect(wb.snapshot()).toBe(once);
  });

  test("Undo of the first Score removes the forms sheet; Clear removes it, and Undo of Clear brings it back with its layout", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 6 })]);
    const before = wb.snapshot();
    await session.score("active");
    expect(wb.sheet(FORMS_SHEET)).toBeDefined();
    await session.undo();
    expect(wb.snapshot()).toBe(before);
    await session.score("active");
    const scored = wb.snapshot();
    await session.clear();
    expect(wb.sheet(FORMS_SHEET)).toBeUndefined();
    expect(wb.sheet(SUMMARY_SHEET)).toBeUndefined();
    await session.undo();
    expect(wb.snapshot()).toBe(scored);
  });

  test("a sheet named 绩效自评表 that the tool did not make is never rebuilt: refused before anything is sent", async () => {
    const mine: SheetGrid = {
      name: FORMS_SHEET,
      originRow: 0,
      originCol: 0,
      values: [["我自己的表"]],
      text: [["我自己的表"]],
    };
    // An engine that plans the forms regardless (the real one does not: it reads the same ledger).
    const engine: Engine = {
      analyzeWorkbook: (sheets, opts) => {
        const a = analyzeWorkbook(sheets, opts);
        const forms = analyzeWorkbook(
          sheets.filter((s) => s.name !== FORMS_SHEET),
          opts
        ).plan.forms;
        return { ...a, plan: { ...a.plan, forms } };
      },
      planPrepare,
      planClear,
    };
    const { wb, session } = setup([yearEndSheet({ n: 6 }), mine], { engine });
    const before = wb.snapshot();
    const err = await session.score("workbook").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScorerError);
    expect((err as ScorerError).code).toBe("engine");
    expect(wb.snapshot()).toBe(before);
  });
});

describe("added columns take the form's own formats (formatLike)", () => {
  test("分值 / 得分 / 完成率 get the header's and the body's borders, fill, font and alignment, row by row; number formats and the highlight on top", async () => {
    const { wb, session } = styledSetup();
    wb.reset();
    await session.score("active");
    expect(wb.stats.rounds).toBe(3);
    for (const col of ADDED) {
      const h = wb.cell(SHEET, HEADER_ROW, col);
      expect([h.fill, h.bold, h.fontSize, h.hAlign, h.wrap]).toEqual([
        "#D9E1F2",
        true,
        12,
        "Center",
        true,
      ]);
      for (let i = 0; i < 6; i++) {
        const c = wb.cell(SHEET, indicatorRow(i), col);
        expect(extraFormat(c)).toEqual(extraFormat(wb.cell(SHEET, indicatorRow(i), SOURCE_COL)));
      }
    }
    expect(wb.cell(SHEET, indicatorRow(0), SCORE_COL).numberFormat).toBe("0.00");
    const unmet = wb.cell(SHEET, indicatorRow(2), SCORE_COL);
    expect(unmet.fill).toBe(HIGHLIGHT_FILL);
    // A met row: highlight off leaves the form's own (no) fill — not cleared to nothing after a copy
    // that gave it one, nor left with the tool's.
    expect(wb.cell(SHEET, indicatorRow(0), SCORE_COL).fill).toBeNull();
  });

  test("Undo puts back every format the copy replaced (a cell the user had styled included)", async () => {
    const { wb, session } = styledSetup();
    // The user had given one cell of a future 得分 column a look of their own.
    wb.sheet(SHEET)!.cells.set(`${indicatorRow(1)},${SCORE_COL}`, {
      value: null,
      numberFormat: "General",
      fill: "#FFFF00",
      fontColor: "#FF0000",
      bold: false,
      hAlign: "Right",
      borders: { bottom: { style: "Double", weight: "Thick", color: "#000000" } },
    });
    const before = wb.snapshot();
    await session.score("active");
    expect(wb.snapshot()).not.toBe(before);
    wb.reset();
    await session.undo();
    expect(wb.stats.rounds).toBe(2);
    expect(snapshotDiff(before, wb.snapshot())).toEqual([]);
  });

  test("Undo is exact when the write is cut into many requests (formats restored after cells and fills)", async () => {
    const { wb, session } = styledSetup(40);
    session["opts"].write = { maxRequestBytes: 30_000, maxResponseBytes: 60_000 };
    const before = wb.snapshot();
    wb.reset();
    const scored = await session.score("active");
    expect(scored.stats!.requests).toBeGreaterThan(3);
    expect(wb.stats.rounds).toBe(2 + scored.stats!.requests);
    await session.undo();
    expect(snapshotDiff(before, wb.snapshot())).toEqual([]);
  });

  test("a request refused part-way: what landed is put back, the copied formats included; those of the refused request are counted", async () => {
    const small = { maxRequestBytes: 30_000, maxResponseBytes: 60_000 };
    // A dry run on the same workbook: how many requests the run sends (the write's are the last ones).
    const dry = styledSetup(40);
    dry.session["opts"].write = small;
    await dry.session.score("active");
    const last = dry.wb.stats.syncs;

    const { wb, session } = styledSetup(40);
    session["opts"].write = small;
    const before = wb.snapshot();
    wb.failPartWay = (n) =>
      n === last - 1 ? { after: 5, error: fakeError("AccessDenied", "refused") } : null;
    const err = (await session.score("active").catch((e: unknown) => e)) as ScorerError;
    wb.failPartWay = null;
    expect(err).toBeInstanceOf(ScorerError);
    expect(err.params.rolledBack).toBe("yes");
    // The refused request ran only its first actions (its loads): nothing of it stayed, and what the
    // requests before it landed (copied formats included) is put back from their own loads. The formats
    // its loads would have saved are counted for the pane, whatever it ran.
    expect(snapshotDiff(before, wb.snapshot())).toEqual([]);
    expect(Number(err.params.formats)).toBeGreaterThan(0);
    expect(wb.sheet(FORMS_SHEET)).toBeUndefined();
  });

  test("two targets merged in the source column (指标值): the added columns take the format, the copy's merge is split again (formats only, as the file)", async () => {
    const { grid, style } = styledForm();
    // The second and third indicators share one merged 指标值 cell (E6:E7): the hidden one is blank.
    const [a, b] = [indicatorRow(1), indicatorRow(2)];
    grid.values[b][SOURCE_COL] = null;
    grid.text[b][SOURCE_COL] = "";
    grid.merges = [{ row: a, col: SOURCE_COL, rows: 2, cols: 1 }];
    const ctx = setup([grid]);
    ctx.wb.apiVersion = "1.13";
    style(ctx.wb);
    const plan = analyzeWorkbook([grid], {}).plan;
    expect(plan.formatLike?.every((f) => f.fromCol === SOURCE_COL)).toBe(true);
    await ctx.session.score("active");
    const merges = ctx.wb.sheet(SHEET)!.merges;
    expect(merges.filter((m) => m.col >= 7)).toEqual([]);
    expect(merges).toContainEqual({ row: a, col: SOURCE_COL, rows: 2, cols: 1 });
    for (const col of ADDED)
      expect(extraFormat(ctx.wb.cell(SHEET, b, col))).toEqual(
        extraFormat(ctx.wb.cell(SHEET, b, SOURCE_COL))
      );
  });

  test("below ExcelApi 1.9 (no copyFrom): left out and said; the values and number formats are written as before", async () => {
    const { wb, session } = styledSetup(6, "1.8");
    wb.reset();
    const out = await session.score("active");
    expect(wb.stats.rounds).toBe(3);
    expect(out.notApplied?.formatLike).toEqual([SHEET]);
    expect(out.notApplied?.pageSetup.sort()).toEqual([FORMS_SHEET, SUMMARY_SHEET].sort());
    expect(extraFormat(wb.cell(SHEET, indicatorRow(0), SCORE_COL))).toBeNull();
    expect(wb.cell(SHEET, indicatorRow(0), SCORE_COL).value).toBe(25);
    // The forms are there, styled and merged, without a page setup.
    expect(wb.sheet(FORMS_SHEET)!.merges.length).toBeGreaterThan(0);
    expect(wb.sheet(FORMS_SHEET)!.page).toBeUndefined();
    expect(wb.at(FORMS_SHEET, "A1").fontSize).toBe(16);
  });
});

describe("print areas", () => {
  function withPrintArea(apiSets = "1.13") {
    const ctx = setup([yearEndSheet({ n: 6 })]);
    ctx.wb.apiVersion = apiSets;
    ctx.wb.sheet(SHEET)!.printArea = [{ row: 0, col: 0, rows: 10, cols: 7 }]; // A1:G10
    return ctx;
  }

  test("read in the same rounds, grown over the added columns by Score, put back by Clear; Undo of Score too", async () => {
    const { wb, session } = withPrintArea();
    const before = wb.snapshot();
    wb.reset();
    await session.score("active");
    expect(wb.stats.rounds).toBe(3);
    const grown = wb.sheet(SHEET)!.printArea!;
    expect(grown).toHaveLength(1);
    expect(grown[0].col + grown[0].cols - 1).toBeGreaterThanOrEqual(9); // to 完成率 (J) at least
    await session.undo();
    expect(snapshotDiff(before, wb.snapshot())).toEqual([]);
    await session.score("active");
    wb.reset();
    await session.clear();
    expect(wb.stats.rounds).toBe(3);
    expect(wb.sheet(SHEET)!.printArea).toEqual([{ row: 0, col: 0, rows: 10, cols: 7 }]);
  });

  test("no print area: none set; a sheet whose area the tool set had none before: Clear removes it (Print_Area)", async () => {
    const plain = setup([yearEndSheet({ n: 6 })]);
    await plain.session.score("active");
    expect(plain.wb.sheet(SHEET)!.printArea ?? null).toBeNull();

    // A plan that sets an area where there was none, and its Clear, through a stand-in engine.
    const engine = (area: WritePlan["printAreas"]): Engine => ({
      analyzeWorkbook: (sheets, opts) => {
        const a = analyzeWorkbook(sheets, opts);
        return { ...a, plan: { ...a.plan, printAreas: area } };
      },
      planPrepare,
      planClear: (sheets, ledger) => ({
        ...planClear(sheets, ledger),
        printAreas: [{ sheet: SHEET, area: null }],
      }),
    });
    const { wb, session } = setup([yearEndSheet({ n: 6 })], {
      engine: engine([{ sheet: SHEET, area: { row: 0, col: 0, rows: 12, cols: 10 } }]),
    });
    await session.score("active");
    expect(wb.sheet(SHEET)!.printArea).toEqual([{ row: 0, col: 0, rows: 12, cols: 10 }]);
    const scored = wb.snapshot();
    await session.clear();
    expect(wb.sheet(SHEET)!.printArea ?? null).toBeNull();
    await session.undo();
    expect(wb.snapshot()).toBe(scored);
  });

  test("below ExcelApi 1.9: not read, not grown, and said", async () => {
    const { wb, session } = withPrintArea("1.8");
    const out = await session.score("active");
    expect(wb.sheet(SHEET)!.printArea).toEqual([{ row: 0, col: 0, rows: 10, cols: 7 }]);
    // The engine did not see the area (not readable below 1.9): nothing to grow, nothing refused.
    expect(out.notApplied?.printArea ?? []).toEqual([]);
  });
});

describe("the fake host models what the adapter relies on", () => {
  function ctxOf(apiSets = "1.9") {
    const wb = FakeWorkbook.fromGrids([yearEndSheet({ n: 3 })]);
    wb.apiVersion = apiSets;
    installFakeOffice(wb);
    const ctx = new FakeRequestContext(wb);
    return { wb, ctx, ws: ctx.workbook.worksheets.getItem(SHEET) };
  }

  test("copyFrom(…, Formats) tiles a one-column source over a wider target (Excel's paste)", async () => {
    const { wb, ctx, ws } = ctxOf();
    wb.cell(SHEET, 3, 0); // header row
    const s = wb.sheet(SHEET)!;
    s.cells.get("3,0")!.fill = "#112233";
    s.cells.get("4,0")!.bold = true;
    ws.getRange("H4:J5").copyFrom(ws.getRange("A4:A5"), "Formats");
    await ctx.sync();
    for (const col of [7, 8, 9]) {
      expect(wb.cell(SHEET, 3, col).fill).toBe("#112233");
      expect(wb.cell(SHEET, 4, col).bold).toBe(true);
      expect(wb.cell(SHEET, 4, col).value).toBeNull(); // formats only
    }
  });

  test("API sets gate: copyFrom, pageLayout and page breaks fail their request below 1.9", async () => {
    for (const call of [
      (ws: ReturnType<typeof ctxOf>["ws"]) => ws.getRange("H4").copyFrom("A4", "Formats"),
      (ws: ReturnType<typeof ctxOf>["ws"]) => (ws.pageLayout.orientation = "Landscape"),
      (ws: ReturnType<typeof ctxOf>["ws"]) => ws.horizontalPageBreaks.add("A5"),
      (ws: ReturnType<typeof ctxOf>["ws"]) => ws.pageLayout.setPrintArea("A1:B2"),
    ]) {
      const { ctx, ws } = ctxOf("1.8");
      call(ws);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    }
  });

  test("merge keeps the top-left value only; borders on a merged area fall on its edges; clearing formats unmerges", async () => {
    const { wb, ctx, ws } = ctxOf();
    ws.getRange("A1:C1").merge(false);
    const f = ws.getRange("A1:C1").format;
    for (const e of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const)
      f.borders.getItem(e).style = "Continuous";
    await ctx.sync();
    const s = wb.sheet(SHEET)!;
    expect(s.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: 3 });
    expect(Object.keys(wb.cell(SHEET, 0, 0).borders!).sort()).toEqual(["bottom", "left", "top"]);
    expect(Object.keys(wb.cell(SHEET, 0, 2).borders!).sort()).toEqual(["bottom", "right", "top"]);
    ws.getRange("A1:C1").clear("Formats");
    await ctx.sync();
    expect(s.merges.some((m) => m.row === 0)).toBe(false);
  });

  test("a print area is a sheet's Print_Area name: deleting it removes the area", async () => {
    const { wb, ctx, ws } = ctxOf();
    ws.pageLayout.setPrintArea("A1:J12");
    await ctx.sync();
    expect(wb.sheet(SHEET)!.printArea).toEqual([{ row: 0, col: 0, rows: 12, cols: 10 }]);
    const pa = ws.pageLayout.getPrintAreaOrNullObject();
    await ctx.sync();
    pa.load("address");
    await ctx.sync();
    expect(pa.address).toBe(`'${SHEET}'!A1:J12`);
    ws.names.getItem("Print_Area").delete();
    await ctx.sync();
    expect(wb.sheet(SHEET)!.printArea).toBeNull();
  });

  test("the ledger sheet is never given a layout", async () => {
    const { wb, session } = setup([yearEndSheet({ n: 6 })]);
    await session.score("active");
    expect(wb.sheet(LEDGER_SHEET)!.page).toBeUndefined();
    expect(wb.sheet(LEDGER_SHEET)!.merges).toEqual([]);
  });
});
