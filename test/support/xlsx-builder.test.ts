/**
 * The test builder's workbooks, read back by readers it shares nothing with: openpyxl for the cells and
 * their formats, LibreOffice for "does a real spreadsheet program open it".
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { convertWithLibreOffice } from "./libreoffice";
import { readWithOpenpyxl } from "./openpyxl";
import {
  buildBigSheetXlsx,
  buildXlsx,
  dateSerial,
  escapeXml,
  parseAddress,
  WorkbookSpec,
} from "./xlsx-builder";

jest.setTimeout(180_000);

const BOLD_RED = { font: { name: "宋体", size: 14, bold: true, color: "FFFF0000" } };
const BOX = {
  border: "thin" as const,
  alignment: { horizontal: "center" as const, vertical: "center" as const, wrapText: true },
};

const MODEL: WorkbookSpec = {
  date1904: true,
  sheets: [
    {
      name: "绩效表",
      rows: [
        [{ v: "测试项目2025绩效自评表", style: BOLD_RED }],
        ["项目名称", "  前后有空格  ", null, "<&\"'>"],
        [
          "预算数",
          { v: 100, style: { numFmt: "0.00" } },
          "全年执行数",
          { v: 0.95, style: { numFmt: "0%" } },
        ],
        [
          { v: "达成", style: { ...BOX, fill: "FFFFC7CE" } },
          { f: "B3*2", v: 200 },
          { f: "1/0", v: "#DIV/0!", t: "e" },
          { f: "SUM(Z1:Z2)" },
          { v: new Date(Date.UTC(2025, 2, 20)), style: { numFmt: "yyyy-mm-dd" } },
          { v: 7, style: { numFmt: '0"个"' } },
          { v: 0.5, style: { numFmt: "0.00%" } },
          true,
        ],
      ],
      cells: { B6: "隐藏行", J1: { v: null, style: BOX } },
      merges: ["A1:H1", "B2:C2"],
      cols: [
        { min: 1, max: 1, width: 14 },
        { min: 3, max: 3, width: 30, hidden: true },
      ],
      rowProps: { 1: { height: 30 }, 6: { hidden: true } },
    },
    { name: "隐藏表", state: "hidden", rows: [["看不见"]] },
    { name: "Ledger", state: "veryHidden", rows: [["k", "v"]], protect: true },
    { name: "内联", inlineStrings: true, rows: [[" 内联文本 ", 1]], origin: "C3" },
  ],
};

let dir: string;
let file: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsx-builder-"));
  file = path.join(dir, "built.xlsx");
  fs.writeFileSync(file, await buildXlsx(MODEL));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the package holds the parts Excel requires, the sheet's elements in schema order", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  expect(
    Object.keys(zip.files)
      .filter((n) => !n.endsWith("/"))
      .sort()
  ).toEqual([
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
    "docProps/core.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/sheet4.xml",
  ]);
  const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const order = [
    "<dimension",
    "<sheetViews",
    "<sheetFormatPr",
    "<cols",
    "<sheetData",
    "<mergeCells",
    "<pageMargins",
  ];
  const at = order.map((tag) => sheet.indexOf(tag));
  expect(at.every((i) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(sheet).toContain('<dimension ref="A1:J6"/>');
  const ledger = await zip.file("xl/worksheets/sheet3.xml")!.async("string");
  expect(ledger.indexOf("<sheetProtection")).toBeGreaterThan(ledger.indexOf("</sheetData>"));
  expect(ledger.indexOf("<sheetProtection")).toBeLessThan(ledger.indexOf("<pageMargins"));
  const inline = await zip.file("xl/worksheets/sheet4.xml")!.async("string");
  expect(inline).toContain(
    '<c r="C3" t="inlineStr"><is><t xml:space="preserve"> 内联文本 </t></is></c>'
  );
  const styles = await zip.file("xl/styles.xml")!.async("string");
  expect(styles).toMatch(
    /<fills count="\d+"><fill><patternFill patternType="none"\/><\/fill><fill><patternFill patternType="gray125"\/>/
  );
  expect(styles).toContain('<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>');
  expect(styles).toContain('<numFmt numFmtId="165" formatCode="0&quot;个&quot;"/>');
  expect(styles).not.toMatch(/formatCode="0\.00%"/); // built-in 10
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  expect(workbook).toContain('<workbookPr date1904="1"');
});

test("openpyxl reads back values, merges, formats, fonts, hidden rows, columns and sheets", () => {
  const book = readWithOpenpyxl(file, { cached: true, styledEmpty: true });
  expect(book.date1904).toBe(true);
  expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
    ["绩效表", "visible"],
    ["隐藏表", "hidden"],
    ["Ledger", "veryHidden"],
    ["内联", "visible"],
  ]);
  const s = book.sheet("绩效表");
  expect(s.merges).toEqual(["A1:H1", "B2:C2"]);
  expect(s.hiddenRows).toEqual([6]);
  expect(s.hiddenCols).toEqual(["C"]);
  expect(s.widths).toEqual({ A: 14, C: 30 });
  expect(s.heights["1"]).toBe(30);
  const c = s.cells;
  expect(c.A1.v).toBe("测试项目2025绩效自评表");
  expect(c.A1.font).toEqual({
    name: "宋体",
    size: 14,
    bold: true,
    italic: false,
    color: "FFFF0000",
  });
  expect(c.B2.v).toBe("  前后有空格  ");
  expect(c.D2.v).toBe("<&\"'>");
  expect([c.B3.v, c.B3.numFmt]).toEqual([100, "0.00"]);
  expect([c.D3.v, c.D3.numFmt]).toEqual([0.95, "0%"]);
  expect(c.A4.fill).toBe("FFFFC7CE");
  expect(c.A4.border).toEqual({ left: "thin", right: "thin", top: "thin", bottom: "thin" });
  expect(c.A4.alignment).toEqual({ horizontal: "center", vertical: "center", wrapText: true });
  expect([c.B4.t, c.B4.v, c.B4.cached]).toEqual(["f", "=B3*2", 200]);
  expect([c.C4.t, c.C4.v, c.C4.cached]).toEqual(["f", "=1/0", "#DIV/0!"]);
  expect([c.D4.v, c.D4.cached]).toEqual(["=SUM(Z1:Z2)", null]);
  // 1904 date system: the serial counts from 1904-01-01, and openpyxl turns it back into the same day.
  expect([c.E4.v, c.E4.numFmt]).toEqual(["2025-03-20T00:00:00", "yyyy-mm-dd"]);
  expect([c.F4.v, c.F4.numFmt]).toEqual([7, '0"个"']);
  expect([c.G4.v, c.G4.numFmt]).toEqual([0.5, "0.00%"]);
  expect([c.H4.v, c.H4.t]).toEqual([true, "b"]);
  expect(c.B6.v).toBe("隐藏行");
  expect(c.J1.v).toBeNull(); // styled, empty
  expect(c.J1.border.left).toBe("thin");
  expect(book.sheet("Ledger").protected).toBe(true);
  expect(book.sheet("内联").cells.C3.v).toBe(" 内联文本 ");
  expect(book.sheet("内联").cells.D3.v).toBe(1);
});

test("LibreOffice opens it (converts the first sheet to CSV)", () => {
  const csv = convertWithLibreOffice(file, "csv:Text - txt - csv (StarCalc):44,34,76", dir);
  const text = fs.readFileSync(csv, "utf8");
  expect(text).toContain("测试项目2025绩效自评表");
  expect(text).toContain("项目名称");
});

test("a big sheet: 200,000 rows of inline strings, read back by openpyxl", async () => {
  const buf = await buildBigSheetXlsx({
    name: "大表",
    rowCount: 200_000,
    row: (i) => (i === 0 ? ["一级指标", "指标值", "实际完成值"] : ["产出指标", `≥${i}个`, i]),
  });
  const big = path.join(dir, "big.xlsx");
  fs.writeFileSync(big, buf);
  const zip = await JSZip.loadAsync(buf);
  expect(zip.file("xl/sharedStrings.xml")).toBeNull();
  const py = require("child_process").spawnSync(
    "/usr/bin/python3",
    [
      "-c",
      "import openpyxl,sys,json; ws=openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]; " +
        "rows=list(ws.iter_rows(values_only=True)); print(json.dumps([ws.title, len(rows), rows[0], rows[-1]], ensure_ascii=False))",
      big,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 }
  );
  expect(py.status).toBe(0);
  expect(JSON.parse(py.stdout)).toEqual([
    "大表",
    200_000,
    ["一级指标", "指标值", "实际完成值"],
    ["产出指标", "≥199999个", 199999],
  ]);
});

test("helpers: addresses, escapes and date serials", () => {
  expect(parseAddress("XFD1048576")).toEqual({ row: 1048576, col: 16384 });
  expect(escapeXml('a<b>&"\u0001')).toBe("a&lt;b&gt;&amp;&quot;_x0001_");
  expect(dateSerial(new Date(Date.UTC(2025, 2, 20)))).toBe(45736);
  expect(dateSerial(new Date(Date.UTC(2025, 2, 20)), true)).toBe(45736 - 1462);
});

test("the same model gives the same bytes", async () => {
  expect((await buildXlsx(MODEL)).equals(fs.readFileSync(file))).toBe(true);
});
