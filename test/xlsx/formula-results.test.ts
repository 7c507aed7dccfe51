/**
 * Formula cells as the command line reads them: a cached result of 0, FALSE or "" is a value (exceljs's
 * cell.value leaves such results out), and a formula saved without any result (a file made by a program)
 * is counted, so that the command line can say why it reads as blank.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { acceptFormulaResults } from "../../src/xlsx/formula-results";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");

/** The example with some cells replaced, as exceljs writes them. */
async function exampleWith(cells: Record<string, ExcelJS.CellValue>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(EXAMPLE);
  for (const [at, value] of Object.entries(cells)) wb.worksheets[0].getCell(at).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites the first sheet's XML of a workbook (for what exceljs would not write itself). */
async function withSheetXml(data: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(data);
  const part = "xl/worksheets/sheet1.xml";
  zip.file(part, edit(await zip.file(part)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer" });
}

const tables = (sheets: Parameters<typeof analyzeWorkbook>[0]) =>
  analyzeWorkbook(sheets, { currentYear: 2025 }).report;

describe("a formula's cached result", () => {
  test("0 is a value: a failure rate computed as 0 scores like a typed 0", async () => {
    // F10: 全年系统故障发生率, target ≤5%, number format 0%.
    const computed = await readWorkbookBuffer(
      await exampleWith({ F10: { formula: "0*1", result: 0 } as ExcelJS.CellFormulaValue }),
      "computed.xlsx"
    );
    const typed = await readWorkbookBuffer(await exampleWith({ F10: 0 }), "typed.xlsx");
    expect(computed.sheets[0].values[9][5]).toBe(0);
    expect(computed.sheets[0].text[9][5]).toBe("0%");
    expect(computed.sheets[0].formulas?.[9]?.[5]).toBe("=0*1");
    const a = tables(computed.sheets);
    expect(a.tables[0].indicators[2]).toMatchObject({ actual: "0%", status: "met", score: 10 });
    expect(a.tables[0].indicators[2]).toEqual(tables(typed.sheets).tables[0].indicators[2]);
    expect(a.issues.filter((i) => i.cell === "F10")).toEqual([]);
    expect(computed.uncalculated).toEqual({ count: 0, cells: [] });
  });

  test("FALSE and empty text are values too; empty text is not taken for a missing result", async () => {
    const data = await exampleWith({
      H3: { formula: "1>2", result: false } as ExcelJS.CellFormulaValue,
      H4: { formula: 'IF(1>2,"x","")', result: "" } as ExcelJS.CellFormulaValue,
    });
    // What Excel saves for them: t="b" <v>0</v>, and t="str" with an empty <v>.
    const r = await readWorkbookBuffer(data, "values.xlsx");
    expect(r.sheets[0].values[2][7]).toBe(false);
    expect(r.sheets[0].text[2][7]).toBe("FALSE");
    expect(r.sheets[0].formulas?.[3]?.[7]).toBe('=IF(1>2,"x","")');
    expect(r.uncalculated).toEqual({ count: 0, cells: [] });
  });
});

describe("formulas saved without a result", () => {
  test("counted with their first cells, as exceljs and openpyxl write them (no <v>, an empty <v>)", async () => {
    const data = await withSheetXml(
      await exampleWith({
        F8: { formula: "6+1" } as ExcelJS.CellFormulaValue,
        G5: { formula: "90+2.5" } as ExcelJS.CellFormulaValue,
        F9: { formula: "0+1", result: 1 } as ExcelJS.CellFormulaValue,
      }),
      // openpyxl: an empty <v/> after the formula, no type.
      (xml) => xml.replace(/(<c r="F9"[^>]*>)<f>0\+1<\/f><v>1<\/v>/, "$1<f>0+1</f><v/>")
    );
    const r = await readWorkbookBuffer(data, "uncalculated.xlsx");
    expect(r.uncalculated).toEqual({
      count: 3,
      cells: ["绩效目标表!G5", "绩效目标表!F8", "绩效目标表!F9"],
    });
    expect(r.sheets[0].text[7][5]).toBe("");
    expect(r.sheets[0].formulas?.[7]?.[5]).toBe("=6+1");
  });

  test("at most three cells are named, all are counted", async () => {
    const cells: Record<string, ExcelJS.CellValue> = {};
    for (let row = 134; row < 140; row++)
      cells[`A${row}`] = { formula: `ROW()+${row}` } as ExcelJS.CellFormulaValue;
    const r = await readWorkbookBuffer(await exampleWith(cells), "many.xlsx");
    expect(r.uncalculated.count).toBe(6);
    expect(r.uncalculated.cells).toEqual(["绩效目标表!A134", "绩效目标表!A135", "绩效目标表!A136"]);
  });

  test("the parser patch is found in this exceljs, and installing it again wraps nothing twice", () => {
    const proto = (
      require("exceljs/lib/xlsx/xform/sheet/cell-xform") as { prototype: { parseClose: unknown } }
    ).prototype;
    const once = proto.parseClose;
    expect(acceptFormulaResults()).toBe(1);
    expect(proto.parseClose).toBe(once);
  });
});
