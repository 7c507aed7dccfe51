/**
 * What the WPS adapter reads from a sheet (values as Value2 gives them, formulas, number formats, the text
 * derived from them, merges, hidden rows) and how it maps the write contract's layout operations onto the
 * VBA-shaped object model — on the fake WPS host, counting calls.
 */
import { HIGHLIGHT_FILL, LEDGER_SHEET, STYLES, SheetGrid, WriteOp } from "../../src/core";
import { WpsApplication, WpsWorkbook } from "../../src/wps/api";
import { Writer } from "../../src/wps/apply";
import { readSheet, readWorkbook } from "../../src/wps/read";
import { FakeWps, bgrOf } from "./fake-wps";

function grid(values: SheetGrid["values"], extra: Partial<SheetGrid> = {}): SheetGrid {
  return {
    name: "表",
    originRow: 1,
    originCol: 1,
    values,
    text: values.map((r) => r.map((v) => (v === null ? "" : String(v)))),
    ...extra,
  };
}

function open(g: SheetGrid[]) {
  const wb = FakeWps.fromGrids(g);
  const app = wb.application() as unknown as WpsApplication;
  return { wb, app, book: app.ActiveWorkbook as WpsWorkbook };
}

describe("reading a sheet", () => {
  test("Value2 and Formula in one call each; formats split only where they differ; text derived", () => {
    const { wb, book } = open([
      grid(
        [
          ["项目", 45736, 0.9536, null],
          ["合计", 12, 3.5, true],
        ],
        {
          formats: [
            ["General", "yyyy-mm-dd", "0.00%", "General"],
            ["General", "General", "0.00", "General"],
          ],
          formulas: [
            ["", "", "", ""],
            ["", "=SUM(C2:C2)", "", ""],
          ],
        }
      ),
    ]);
    wb.resetCalls();
    const g = readSheet(book.Worksheets.Item("表"), "表", false);
    expect(wb.byName.get("Range.Value2")).toBe(1);
    expect(wb.byName.get("Range.Formula")).toBe(1);
    expect(g.originRow).toBe(1);
    expect(g.originCol).toBe(1);
    expect(g.values).toEqual([
      ["项目", 45736, 0.9536, null],
      ["合计", 12, 3.5, true],
    ]);
    expect(g.formulas![1][1]).toBe("=SUM(C2:C2)");
    expect(g.formulas![0][1]).toBe("");
    expect(g.formats![0]).toEqual(["General", "yyyy-mm-dd", "0.00%", "General"]);
    expect(g.text[0]).toEqual(["项目", "2025-03-20", "95.36%", ""]);
    expect(g.text[1][2]).toBe("3.50");
    expect(g.text[1][3]).toBe("TRUE");
  });

  test("merged areas and hidden rows, in calls that grow with the areas, not the cells", () => {
    const merges = [
      { row: 1, col: 1, rows: 1, cols: 4 },
      { row: 200, col: 2, rows: 3, cols: 2 },
    ];
    const calls = (n: number) => {
      const values = Array.from({ length: n }, (_, i) => [`r${i}`, i, null, "x"]);
      const { wb, book } = open([grid(values, { merges, hiddenRows: [50, 51, 300] })]);
      wb.resetCalls();
      const g = readSheet(book.Worksheets.Item("表"), "表", false);
      expect(g.merges).toEqual(merges);
      expect(g.hiddenRows).toEqual([50, 51, 300]);
      expect(wb.byName.get("Range.MergeArea")).toBe(2);
      return wb.calls;
    };
    const small = calls(400);
    const large = calls(40000);
    // Halving finds each area in a number of calls that grows with log(rows): 100 times the rows, far
    // less than twice the calls.
    expect(large).toBeLessThan(small * 1.6);
  });

  test("the ledger sheet is not a user sheet; the summary is read last; protection is noted", () => {
    const { wb, book } = open([
      grid([["a"]]),
      { ...grid([["b"]]), name: "评分汇总" },
      { ...grid([["c"]]), name: "其他" },
    ]);
    wb.addSheet(LEDGER_SHEET).visible = 2;
    wb.sheet("其他")!.protected = true;
    const r = readWorkbook(book, "workbook");
    expect(r.sheets.map((s) => s.name)).toEqual(["表", "其他", "评分汇总"]);
    expect(r.names).toContain(LEDGER_SHEET);
    expect(r.protectedSheets).toEqual(["其他"]);
    expect(readWorkbook(book, "active").sheets.map((s) => s.name)).toEqual(["表", "评分汇总"]);
  });
});

describe("writing the contract's operations", () => {
  function write(ops: WriteOp[], g: SheetGrid[] = [grid([["项目", 1, 2, 3]])]) {
    const { wb, app, book } = open(g);
    const w = new Writer(app, book);
    w.applyAll(ops);
    return { wb, w };
  }

  test("a rebuilt own sheet takes named styles, merges, row heights and an A4 page fitted one page wide", () => {
    const { wb, w } = write([
      {
        kind: "sheet",
        name: "绩效自评表",
        action: "rebuild",
        widths: [10, 20],
        layout: {
          merges: [{ row: 0, col: 0, rows: 1, cols: 2 }],
          rowHeights: [
            { row: 2, height: 30 },
            { row: 3, height: 30 },
          ],
          page: {
            orientation: "landscape",
            paper: "A4",
            fitToWidth: true,
            printTitleRows: [0, 1],
            rowBreaks: [10, 20],
          },
        },
      },
      {
        kind: "cells",
        sheet: "绩效自评表",
        rect: { row: 0, col: 0, rows: 1, cols: 1 },
        values: [["自评表"]],
      },
      {
        kind: "cellStyle",
        sheet: "绩效自评表",
        rect: { row: 0, col: 0, rows: 1, cols: 2 },
        style: "title",
      },
      {
        kind: "cellStyle",
        sheet: "绩效自评表",
        rect: { row: 2, col: 0, rows: 2, cols: 2 },
        style: "header",
      },
    ]);
    const s = wb.sheet("绩效自评表")!;
    expect(s.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 2 }]);
    expect([...s.rowHeights]).toEqual([
      [2, 30],
      [3, 30],
    ]);
    expect(s.page).toMatchObject({
      Orientation: 2,
      PaperSize: 9,
      Zoom: false,
      FitToPagesWide: 1,
      FitToPagesTall: false,
      PrintTitleRows: "$1:$2",
    });
    expect(s.breaks).toEqual([10, 20]);
    expect([...s.colWidths]).toEqual([
      [0, 10],
      [1, 20],
    ]);
    const title = wb.at("绩效自评表", "A1");
    expect(title).toMatchObject({
      value: "自评表",
      bold: true,
      size: STYLES.title.size,
      hAlign: -4108,
    });
    const header = wb.at("绩效自评表", "B4");
    expect(header).toMatchObject({ bold: true, border: 1, wrap: true, fill: STYLES.header.fill });
    // One call a property a rectangle: the header's 4 cells cost what one would.
    w.undo();
    expect(wb.sheet("绩效自评表")).toBeUndefined();
  });

  test("formatLike copies a column's formats row by row onto added columns, without the clipboard; Undo puts back", () => {
    const g = grid([
      ["表头", "x"],
      [1, null],
      [2, null],
    ]);
    const { wb, app, book } = open([g]);
    // The form's own styles in column B (absolute col 1): a bold header, a percent body, a fill.
    const cells = wb.sheet("表")!.cells;
    Object.assign(cells.get("1,1")!, { bold: true, fill: bgrOf("#DDEEFF"), border: 1 });
    Object.assign(cells.get("2,1")!, { numberFormat: "0.0%", border: 1 });
    Object.assign(cells.get("3,1")!, { numberFormat: "0.0%", border: 1 });
    const before = wb.snapshot();
    const w = new Writer(app, book);
    wb.resetCalls();
    w.applyAll([
      { kind: "formatLike", sheet: "表", rect: { row: 1, col: 3, rows: 3, cols: 2 }, fromCol: 1 },
    ]);
    expect(wb.byName.get("Range.Copy") ?? 0).toBe(0);
    expect(wb.at("表", "D2")).toMatchObject({ bold: true, fill: "#DDEEFF", border: 1 });
    expect(wb.at("表", "E3")).toMatchObject({ numberFormat: "0.0%", border: 1, bold: false });
    w.undo();
    expect(wb.snapshot()).toBe(before);
  });

  test("printArea set and removed; width only over the standard width, reset only where ours stands", () => {
    const { wb, w } = write([
      { kind: "printArea", sheet: "表", area: { row: 0, col: 0, rows: 10, cols: 8 } },
      { kind: "width", sheet: "表", col: 7, width: 14 },
    ]);
    const s = wb.sheet("表")!;
    expect(s.page.PrintArea).toBe("$A$1:$H$10");
    expect(s.colWidths.get(7)).toBe(14);
    w.undo();
    expect(s.page.PrintArea).toBe("");
    expect(s.colWidths.has(7)).toBe(false);

    const { wb: wb2 } = write([{ kind: "printArea", sheet: "表", area: null }]);
    expect(wb2.sheet("表")!.page.PrintArea).toBe("");
    // A column the user resized keeps its width, for a width and for a reset alike.
    const g = [grid([["项目"]])];
    const { wb: wb3, app, book } = open(g);
    wb3.sheet("表")!.colWidths.set(7, 30);
    new Writer(app, book).applyAll([
      { kind: "width", sheet: "表", col: 7, width: 14 },
      { kind: "width", sheet: "表", col: 7, width: 14, reset: true },
    ]);
    expect(wb3.sheet("表")!.colWidths.get(7)).toBe(30);
  });

  test("text that WPS would parse stays text (quote prefix); highlight colours are BGR", () => {
    const { wb } = write([
      {
        kind: "cells",
        sheet: "表",
        rect: { row: 5, col: 0, rows: 1, cols: 4 },
        values: [["=1+1", "95%", "2025-03-01", "普通文字"]],
      },
      { kind: "highlight", sheet: "表", rect: { row: 5, col: 0, rows: 1, cols: 4 }, on: true },
    ]);
    expect(["A6", "B6", "C6", "D6"].map((a) => wb.at("表", a).value)).toEqual([
      "=1+1",
      "95%",
      "2025-03-01",
      "普通文字",
    ]);
    expect(wb.at("表", "A6").formula).toBeUndefined();
    expect(wb.sheet("表")!.cells.get("5,0")!.fill).toBe(0xcec7ff); // #FFC7CE as BGR
    expect(wb.at("表", "D6").fill).toBe(HIGHLIGHT_FILL);
  });

  test("the ledger: written whole as text in a very hidden sheet, removed when empty", () => {
    const { wb, w } = write([
      {
        kind: "ledger",
        rows: [
          ["表", "B2", "12.5"],
          ["表", "H:H", "14"],
        ],
      },
    ]);
    const s = wb.sheet(LEDGER_SHEET)!;
    expect(s.visible).toBe(2);
    expect(wb.at(LEDGER_SHEET, "C1").value).toBe("12.5");
    expect(wb.byName.get("Range.Value2=")).toBe(1);
    w.undo();
    expect(wb.sheet(LEDGER_SHEET)).toBeUndefined();
  });
});
