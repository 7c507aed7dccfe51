import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { LEDGER_SHEET, Ledger } from "../../src/core/ledger";
import type { CellWrite, WritePlan } from "../../src/core/types";
import { applyPlan, writeWorkbook, WorkbookWriteError } from "../../src/xlsx/apply-plan";
import { readWorkbook } from "../../src/xlsx/read-workbook";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "apply-plan-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** exceljs reads the default fill (id 0) as { type: "pattern", pattern: "none" }. */
function noFill(fill: ExcelJS.Fill | undefined): boolean {
  return !fill || (fill.type === "pattern" && fill.pattern === "none");
}

function plan(writes: CellWrite[], extra: Partial<WritePlan> = {}): WritePlan {
  return {
    writes,
    runs: [],
    summary: null,
    unmetCells: [],
    ledger: new Ledger(),
    skipped: [],
    ...extra,
  };
}

/** A small self-evaluation-like sheet with merges, formats, formulas and shared styles. */
async function buildInput(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("目标表");
  ws.getCell("A1").value = "车管所项目2025绩效目标表";
  ws.mergeCells("A1:E1");
  ws.getCell("A1").font = { bold: true, size: 14, name: "宋体" };
  ws.getCell("A3").value = "一级指标";
  ws.getCell("B3").value = "三级指标";
  ws.getCell("C3").value = "指标值";
  ws.getCell("D3").value = "实际完成值";
  ws.getCell("E3").value = "得分";
  ws.getCell("A4").value = "产出指标";
  ws.mergeCells("A4:A5");
  ws.getCell("B4").value = "故障率";
  ws.getCell("C4").value = "≤5%";
  ws.getCell("D4").value = 0.06;
  ws.getCell("D4").numFmt = "0%";
  ws.getCell("B5").value = "完成时间";
  ws.getCell("C5").value = "2025年3月底前";
  ws.getCell("D5").value = new Date(Date.UTC(2025, 2, 20));
  ws.getCell("D5").numFmt = "yyyy-mm-dd";
  const border: Partial<ExcelJS.Borders> = {
    top: { style: "thin" },
    bottom: { style: "thin" },
    left: { style: "thin" },
    right: { style: "thin" },
  };
  for (const addr of ["B4", "C4", "E4", "B5", "C5", "E5"]) {
    ws.getCell(addr).border = border;
    ws.getCell(addr).font = { name: "宋体", size: 11, italic: true };
  }
  ws.getCell("F4").value = { formula: "D4*100", result: 6 };
  ws.getColumn(2).width = 30;
  const other = wb.addWorksheet("说明");
  other.getCell("A1").value = "no table here";
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function roundTrip(input: string, p: WritePlan, out: string): Promise<ExcelJS.Workbook> {
  const { workbook } = await readWorkbook(input);
  applyPlan(workbook, p);
  await writeWorkbook(workbook, out);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  return back;
}

describe("applyPlan", () => {
  test("writes values, formats, highlight, bold; leaves every other cell alone", async () => {
    const input = await buildInput("in1.xlsx");
    const out = path.join(dir, "out1.xlsx");
    const wb = await roundTrip(
      input,
      plan([
        { sheet: "目标表", row: 3, col: 4, value: 8, numberFormat: "0.00", highlight: true },
        {
          sheet: "目标表",
          row: 4,
          col: 4,
          value: 10,
          numberFormat: "0.00",
          highlight: false,
          bold: true,
        },
        { sheet: "目标表", row: 3, col: 6, value: "=SUM(A1:A3)" },
        { sheet: "目标表", row: 4, col: 6, value: "+1" },
        { sheet: "目标表", row: 5, col: 6, value: "@x" },
      ]),
      out
    );
    const ws = wb.getWorksheet("目标表")!;
    // output cells
    expect(ws.getCell("E4").value).toBe(8);
    expect(ws.getCell("E4").numFmt).toBe("0.00");
    expect(ws.getCell("E4").fill).toMatchObject({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFFFC7CE" },
    });
    expect(ws.getCell("E4").font).toMatchObject({
      color: { argb: "FF9C0006" },
      italic: true,
      name: "宋体",
    });
    expect(ws.getCell("E4").border?.top?.style).toBe("thin");
    expect(ws.getCell("E5").value).toBe(10);
    expect(ws.getCell("E5").font).toMatchObject({ bold: true, italic: true });
    expect(ws.getCell("E5").font?.color).toBeUndefined();
    // strings stay text, never formulas
    for (const [addr, text] of [
      ["G4", "=SUM(A1:A3)"],
      ["G5", "+1"],
      ["G6", "@x"],
    ]) {
      expect(ws.getCell(addr).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(addr).value).toBe(text);
      expect(ws.getCell(addr).formula).toBeUndefined();
    }
    // untouched cells: shared style not leaked, values, formats, formulas, merges, widths kept
    expect(noFill(ws.getCell("C4").fill)).toBe(true);
    expect(ws.getCell("C4").font).toEqual({ name: "宋体", size: 11, italic: true });
    expect(ws.getCell("C5").font?.bold).toBeUndefined();
    expect(ws.getCell("D4").numFmt).toBe("0%");
    expect(ws.getCell("D4").value).toBe(0.06);
    expect(ws.getCell("D5").value).toEqual(new Date(Date.UTC(2025, 2, 20)));
    expect(ws.getCell("F4").formula).toBe("D4*100");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell("C1").isMerged).toBe(true);
    expect(ws.getCell("A5").isMerged).toBe(true);
    expect(ws.getColumn(2).width).toBe(30);
    expect(wb.getWorksheet("说明")!.getCell("A1").value).toBe("no table here");
  });

  test("null clears a value; highlight false removes only our colours", async () => {
    const input = await buildInput("in2.xlsx");
    const first = path.join(dir, "first.xlsx");
    await roundTrip(
      input,
      plan([{ sheet: "目标表", row: 3, col: 4, value: 3, highlight: true }]),
      first
    );
    const second = path.join(dir, "second.xlsx");
    const wb = await roundTrip(
      first,
      plan([{ sheet: "目标表", row: 3, col: 4, value: null, highlight: false }]),
      second
    );
    const cell = wb.getWorksheet("目标表")!.getCell("E4");
    expect(cell.value).toBeNull();
    expect(noFill(cell.fill)).toBe(true);
    expect(cell.font).toEqual({ name: "宋体", size: 11, italic: true });
  });

  test("the ledger sheet is very hidden and reads back", async () => {
    const input = await buildInput("in3.xlsx");
    const ledger = Ledger.of([
      ["目标表!E4", 8],
      ["目标表!G4", "=SUM(A1:A3)"],
      ["评分汇总!*", null],
    ]);
    const out = path.join(dir, "ledger.xlsx");
    const wb = await roundTrip(input, plan([], { ledger }), out);
    expect(wb.getWorksheet(LEDGER_SHEET)!.state).toBe("veryHidden");
    const back = await readWorkbook(out);
    expect(back.ledger.entries()).toEqual(ledger.entries());
    expect(back.sheets.map((s) => s.name)).toEqual(["目标表", "说明"]);
    // rewritten fully, not appended
    const again = path.join(dir, "ledger2.xlsx");
    await roundTrip(out, plan([], { ledger: Ledger.of([["目标表!E5", 1]]) }), again);
    expect((await readWorkbook(again)).ledger.entries()).toEqual([["目标表!E5", 1]]);
  });

  test("the summary sheet is created, then rebuilt at the same position", async () => {
    const input = await buildInput("in4.xlsx");
    const summary = (rows: string[][]) => ({
      name: "评分汇总",
      columnWidths: [20, 12],
      writes: rows.flatMap((r, i) =>
        r.map((v, j) => ({ sheet: "评分汇总", row: i, col: j, value: v, bold: i === 0 }))
      ),
    });
    const s1 = path.join(dir, "sum1.xlsx");
    const first = summary([
      ["项目", "总分"],
      ["A", "90"],
      ["B", "80"],
    ]);
    first.writes.push({
      sheet: "评分汇总",
      row: 1,
      col: 2,
      value: "跳转",
      bold: false,
      link: "'目标表'!A3",
    } as never);
    let wb = await roundTrip(input, plan([], { summary: first }), s1);
    let sum = wb.getWorksheet("评分汇总")!;
    expect(sum.getCell("A3").value).toBe("B");
    expect(sum.getCell("A1").font?.bold).toBe(true);
    expect(sum.getColumn(1).width).toBe(20);
    expect(sum.getCell("C2").value).toMatchObject({ text: "跳转", hyperlink: "#'目标表'!A3" });
    // move it first, then rebuild with fewer rows
    const order = wb.worksheets.map((w) => w.name);
    expect(order).toEqual(["目标表", "说明", "评分汇总"]);
    const s2 = path.join(dir, "sum2.xlsx");
    wb = await roundTrip(
      s1,
      plan([], {
        summary: summary([
          ["项目", "总分"],
          ["C", "70"],
        ]),
      }),
      s2
    );
    sum = wb.getWorksheet("评分汇总")!;
    expect(sum.getCell("A2").value).toBe("C");
    expect(sum.getCell("A3").value).toBeNull();
    expect(sum.getCell("C2").value).toBeNull();
    expect(wb.worksheets.map((w) => w.name)).toEqual(["目标表", "说明", "评分汇总"]);
    expect(wb.getWorksheet("目标表")!.getCell("D4").value).toBe(0.06);
  });

  test("deleteSheets removes the engine's sheets", async () => {
    const input = await buildInput("in8.xlsx");
    const out = path.join(dir, "deleted.xlsx");
    const wb = await roundTrip(input, plan([], { deleteSheets: ["说明"] }), out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["目标表"]);
  });

  test("writes into a merged area's hidden cell or a missing sheet are skipped", async () => {
    const input = await buildInput("in5.xlsx");
    const { workbook } = await readWorkbook(input);
    const r = applyPlan(
      workbook,
      plan([
        { sheet: "目标表", row: 0, col: 2, value: "x" },
        { sheet: "nope", row: 0, col: 0, value: "x" },
      ])
    );
    expect(r.applied).toBe(0);
    expect(r.skipped.map((s) => s.reason)).toEqual(["merged", "no-sheet"]);
    expect(workbook.getWorksheet("目标表")!.getCell("A1").value).toBe("车管所项目2025绩效目标表");
  });

  test("protected sheets written are named, once each, in the order first written", async () => {
    const input = await buildInput("in9.xlsx");
    const { workbook } = await readWorkbook(input);
    await workbook.getWorksheet("说明")!.protect("", {});
    const writes: CellWrite[] = [
      { sheet: "目标表", row: 40, col: 9, value: 1 },
      { sheet: "说明", row: 40, col: 9, value: 2 },
      { sheet: "说明", row: 41, col: 9, value: 3 },
    ];
    expect(applyPlan(workbook, plan(writes)).protectedWritten).toEqual(["说明"]);
    await workbook.getWorksheet("目标表")!.protect("", {});
    expect(applyPlan(workbook, plan(writes)).protectedWritten).toEqual(["目标表", "说明"]);
    workbook.getWorksheet("目标表")!.unprotect();
    workbook.getWorksheet("说明")!.unprotect();
    expect(applyPlan(workbook, plan(writes)).protectedWritten).toEqual([]);
  });
});

describe("writeWorkbook", () => {
  test("refuses to overwrite the input unless asked", async () => {
    const input = await buildInput("in6.xlsx");
    const before = fs.readFileSync(input);
    const { workbook } = await readWorkbook(input);
    await expect(writeWorkbook(workbook, input)).rejects.toBeInstanceOf(WorkbookWriteError);
    await expect(writeWorkbook(workbook, path.join(dir, ".", "in6.xlsx"))).rejects.toThrow(
      /in6\.xlsx/
    );
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    await writeWorkbook(workbook, input, { overwriteInput: true });
    expect((await readWorkbook(input)).sheets[0].name).toBe("目标表");
  });

  test("refuses to overwrite the input, even when asked, when it holds a chart", async () => {
    const input = path.join(dir, "chart-in-place.xlsx");
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "chart-libreoffice.xlsx"), input);
    const before = fs.readFileSync(input);
    const { workbook } = await readWorkbook(input);
    await expect(writeWorkbook(workbook, input, { overwriteInput: true })).rejects.toThrow(
      /chart-in-place\.xlsx: refusing to overwrite the input workbook: it holds parts that would be lost/
    );
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test("atomic: no temp file left behind, a bad folder is a clear error", async () => {
    const input = await buildInput("in7.xlsx");
    const { workbook } = await readWorkbook(input);
    const sub = fs.mkdtempSync(path.join(dir, "atomic-"));
    await writeWorkbook(workbook, path.join(sub, "o.xlsx"));
    expect(fs.readdirSync(sub)).toEqual(["o.xlsx"]);
    await expect(writeWorkbook(workbook, path.join(sub, "missing", "o.xlsx"))).rejects.toThrow(
      /o\.xlsx: cannot write/
    );
  });
});
