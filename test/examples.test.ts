import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeExamples, parseSeed, SHEET_NAME } from "../scripts/make-examples";
import { readWorkbook } from "../src/xlsx/read-workbook";
import { mergedRanges } from "./support/xlsx-parts";

const ROOT = path.join(__dirname, "..");
const EXAMPLES = ["targets-2025.xlsx", "year-end-2025.xlsx"];

/** The sheet's merged ranges, read from its XML with JSZip (not through the product's reader). */
async function merges(file: string): Promise<string[]> {
  return mergedRanges(fs.readFileSync(file), SHEET_NAME);
}

describe("example workbooks", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "examples-"));
    await makeExamples(tmp);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the seed has seven tables with the real budgets", () => {
    const tables = parseSeed(
      fs.readFileSync(path.join(ROOT, "test/fixtures/seed-000.txt"), "utf8")
    );
    expect(tables).toHaveLength(7);
    expect(tables.map((t) => Number(t.budgetRow[2]))).toEqual([
      97, 11.09, 100, 6300, 216, 1200, 93,
    ]);
    expect(tables.map((t) => t.indicators.length)).toEqual([7, 7, 10, 9, 22, 8, 7]);
    expect(tables[2].goal).not.toMatch(/bookmark/);
  });

  test.each(EXAMPLES)("%s exists and regenerates to the same cells", async (name) => {
    const committed = path.join(ROOT, "examples", name);
    expect(fs.existsSync(committed)).toBe(true);
    const a = await readWorkbook(committed);
    const b = await readWorkbook(path.join(tmp, name));
    expect(a.sheets.map((s) => s.name)).toEqual([SHEET_NAME]);
    expect(b.sheets).toEqual(a.sheets);
    const regenerated = await merges(path.join(tmp, name));
    expect(regenerated.length).toBeGreaterThan(50); // titles, project rows, level-1/level-2 columns
    expect(regenerated).toEqual(await merges(committed));
  });

  test("the year-end file holds actual values, executed budgets, a real date and qualitative ratings", async () => {
    const { sheets } = await readWorkbook(path.join(ROOT, "examples", "year-end-2025.xlsx"));
    const text = sheets[0].text.flat();
    for (const t of [
      "7个",
      "28分钟",
      "96.5万元",
      "97%",
      "2025-03-20",
      "部分达成（70%）",
      "作用显著",
      "全年执行数",
      "92.50",
      "偏差原因分析及改进措施",
    ]) {
      expect(text).toContain(t);
    }
    expect(text.filter((t) => t === "一级指标")).toHaveLength(7);
  });
});

describe("scoring the examples (needs the engine)", () => {
  test("year-end: seven tables, some targets missed, a missing deviation reason", async () => {
    const { analyzeWorkbook } = await import("../src/core/index");
    const { sheets, ledger } = await readWorkbook(
      path.join(ROOT, "examples", "year-end-2025.xlsx")
    );
    const { report } = analyzeWorkbook(sheets, {
      ledger,
      source: "year-end-2025.xlsx",
      currentYear: 2025,
    });
    expect(report.tables).toHaveLength(7);
    expect(report.tables.map((t) => t.budget.planned)).toEqual([
      97, 11.09, 100, 6300, 216, 1200, 93,
    ]);
    expect(report.tables.map((t) => t.budget.executed)).toEqual([
      92.5, 11.09, 98.6, 6215.4, 209.8, 1186.2, 92.8,
    ]);
    const unmet = report.tables.flatMap((t) => t.indicators).filter((i) => i.status === "unmet");
    expect(unmet.length).toBeGreaterThanOrEqual(6);
    expect(unmet.length).toBeLessThanOrEqual(12);
    expect(report.issues.some((i) => i.code === "REASON_MISSING")).toBe(true);
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(report.tables.every((t) => t.project && t.total !== null)).toBe(true);
  });

  test("targets: seven target tables, nothing to score yet", async () => {
    const { analyzeWorkbook } = await import("../src/core/index");
    const { sheets, ledger } = await readWorkbook(path.join(ROOT, "examples", "targets-2025.xlsx"));
    const { report } = analyzeWorkbook(sheets, {
      ledger,
      source: "targets-2025.xlsx",
      currentYear: 2025,
    });
    expect(report.tables).toHaveLength(7);
    expect(report.tables.every((t) => t.layout === "target")).toBe(true);
    expect(report.tables.map((t) => t.project)).toContain("车管所专项保障项目");
  });
});
