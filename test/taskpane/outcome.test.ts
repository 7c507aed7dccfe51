/**
 * outcomeOf (issue 18, point 4) on reports the engine makes of grids built here: the notice is green only
 * when every table has a total and nothing is an error, and what else the run did (cells left alone, a
 * read-only workbook, nothing to prepare or clear) turns it, never hides it.
 */
import { Report, SheetGrid, analyzeWorkbook } from "../../src/core";
import type { RunResult } from "../../src/excel/session";
import { blockerList, outcomeOf } from "../../src/taskpane/outcome";
import { yearEndSheet } from "../excel/workbooks";

function reportOf(grids: SheetGrid[]): Report {
  return analyzeWorkbook(grids, { lang: "zh", currentYear: 2025 }).report;
}

function result(report: Report | null, over: Partial<RunResult> = {}): RunResult {
  return {
    kind: "score",
    report,
    skipped: [],
    cellsWritten: 40,
    stats: null,
    attempts: 1,
    decimals: 2,
    ...over,
  };
}

/** A table whose 实际完成值 of the first indicator reads 待定: an error, no total. */
function unreadableActual(): SheetGrid {
  const g = yearEndSheet({ n: 6, unmetEvery: 0 });
  g.values[4][5] = "待定";
  g.text[4][5] = "待定";
  return g;
}

describe("outcomeOf", () => {
  test("every table with a total and no error: green, in both languages", () => {
    const r = result(reportOf([yearEndSheet({ n: 6, unmetEvery: 0 })]), {
      ownSheets: ["评分汇总"],
    });
    const o = outcomeOf("score", r, "active");
    expect(o.intent).toBe("success");
    expect(o.text("zh")).toBe(
      "评分完成：已为 1 张表评分，得分和总分已写入各表，并生成“评分汇总”。"
    );
    expect(o.text("en")).toBe(
      "Scored: 1 table scored, their scores and totals written into each table, and 评分汇总 made."
    );
  });

  test("an unreadable actual: the table has no total, a warning naming the finding", () => {
    const report = reportOf([unreadableActual()]);
    expect(report.tables[0].complete).toBe(false);
    const o = outcomeOf("validate", result(report, { kind: "validate" }), "active");
    expect(o.intent).toBe("warning");
    expect(o.text("zh")).toBe(
      "校验完成：1 张表评分不完整：1 处实际完成值无法识别。请按下方检查结果补全。"
    );
  });

  test("cells left alone, a read-only workbook: a success turns to a warning and says so", () => {
    const report = reportOf([yearEndSheet({ n: 6, unmetEvery: 0 })]);
    const occupied = {
      severity: "warning" as const,
      code: "OUTPUT_OCCUPIED" as const,
      sheet: "绩效目标表",
      cell: "H5",
      message: "输出单元格已有其他内容",
    };
    const skipped = outcomeOf("score", result(report, { skipped: [occupied] }), "active");
    expect(skipped.intent).toBe("warning");
    expect(skipped.text("zh")).toContain("1 个单元格已有他人内容，未覆盖。");
    const readOnly = outcomeOf("score", result(report, { readOnly: "written" }), "active");
    expect(readOnly.intent).toBe("warning");
    expect(readOnly.text("zh")).toContain("另存为");
  });

  test("below ExcelApi 1.9 the forms' print setup was left out: a warning naming what and where", () => {
    const report = reportOf([yearEndSheet({ n: 6, unmetEvery: 0 })]);
    const notApplied = {
      pageSetup: ["评分汇总", "绩效自评表（打印）"],
      formatLike: ["绩效目标表"],
      printArea: [],
    };
    const o = outcomeOf("score", result(report, { notApplied }), "active");
    expect(o.intent).toBe("warning");
    expect(o.text("zh")).toContain(
      "无法设置打印格式：“评分汇总”“绩效自评表（打印）”的页面设置（A4、一页宽、分页）、“绩效目标表”新增列的边框和字体未设置"
    );
    expect(o.text("en")).toContain(
      "the page setup of 评分汇总, 绩效自评表（打印） (A4, one page wide, page breaks)"
    );
    expect(outcomeOf("score", result(report), "active").intent).toBe("success");
  });

  test("nothing to prepare, nothing to clear: said as such, not as done", () => {
    const prepared = outcomeOf("prepare", result(null, { cellsWritten: 0 }), "active");
    expect(prepared.intent).toBe("info");
    expect(prepared.text("zh")).toBe("各表已有年终自评所需的列，没有添加任何内容。");
    const cleared = outcomeOf("clear", result(null, { cellsWritten: 0 }), "workbook");
    expect(cleared.intent).toBe("info");
    expect(cleared.text("en")).toBe(
      "The sheets hold no results of this tool; nothing was cleared."
    );
    expect(outcomeOf("clear", result(null), "workbook").text("zh")).toBe(
      "已清除本工具写入的全部结果。"
    );
  });

  test("no table in the workbook: where to look differs from the active sheet's", () => {
    const empty = reportOf([
      { name: "说明", originRow: 0, originCol: 0, values: [["x"]], text: [["x"]] },
    ]);
    expect(empty.tables).toHaveLength(0);
    const o = outcomeOf("validate", result(empty), "workbook");
    expect(o.intent).toBe("warning");
    expect(o.text("zh")).toContain("工作簿中没有找到绩效指标表");
    expect(o.text("zh")).not.toContain("整个工作簿");
  });

  test("at most three kinds of blocker are named, the rest summed up", () => {
    const blockers = (
      ["ACTUAL_MISSING", "TARGET_UNPARSED", "UNIT_MISMATCH", "BUDGET_MISSING"] as const
    ).map((code, i) => ({ code, count: 4 - i }));
    expect(blockerList("zh", blockers)).toBe(
      "4 处缺少实际完成值、3 处指标值无法识别、2 处单位不一致等"
    );
    expect(blockerList("en", blockers.slice(0, 1))).toBe("Actual missing ×4");
  });
});
