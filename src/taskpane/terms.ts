/**
 * The words the task pane and the command line share (issue 18): a finding is 检查结果 / finding in both,
 * a table without a total is 评分不完整 in both, and a finding's kind and an indicator's figures are named
 * alike. Pure data, no React and no host: src/cli/format-table.ts imports it as well as i18n.ts.
 */
import type { IssueCode, Lang, Severity } from "../core";

export interface Terms {
  /** What a finding is called. */
  findings: string;
  /** "N findings (e errors, w warnings, i info)". */
  findingCount: (n: number, errors: number, warnings: number, infos: number) => string;
  severity: Record<Severity, string>;
  /** A table that has no total yet. */
  incomplete: string;
  unmet: string;
  total: string;
  grade: string;
  project: string;
  budget: string;
  /** An indicator's figures, as the pane's explanation and `score --explain` list them. */
  target: string;
  actual: string;
  completion: string;
  score: string;
  weight: string;
  /** Where the indicator is: its row. */
  row: (row: number) => string;
  unscored: string;
  /** A short name for each finding, shown beside its cell; never the code. */
  codes: Record<IssueCode, string>;
}

const ZH: Terms = {
  findings: "检查结果",
  findingCount: (n, e, w, i) => `检查结果 ${n} 条（错误 ${e}，警告 ${w}，提示 ${i}）`,
  severity: { error: "错误", warning: "警告", info: "提示" },
  incomplete: "评分不完整",
  unmet: "未达成指标",
  total: "总分",
  grade: "等级",
  project: "项目",
  budget: "预算执行",
  target: "指标值",
  actual: "实际完成值",
  completion: "完成率",
  score: "得分",
  weight: "分值",
  row: (row) => `第 ${row} 行`,
  unscored: "未评分",
  codes: {
    NO_TABLE: "未找到指标表",
    TARGET_UNPARSED: "指标值无法识别",
    ACTUAL_MISSING: "缺少实际完成值",
    ACTUAL_INVALID: "实际完成值无法识别",
    UNIT_MISMATCH: "单位不一致",
    REASON_MISSING: "缺少偏差原因",
    WEIGHTS_SUM: "分值合计有误",
    BUDGET_MISSING: "缺少预算数据",
    BUDGET_INCONSISTENT: "资金总额不一致",
    OVER_ACHIEVED: "超额完成较多",
    OUTPUT_OCCUPIED: "单元格已有内容，未写入",
    TARGET_MISSING: "缺少指标值",
    NOT_APPLICABLE: "不适用，不评分",
    HIDDEN_ROWS: "隐藏或筛选掉的行",
    BUDGET_INVALID: "预算金额无法识别",
    SCORE_DIFFERS: "得分与自评不一致",
    TOTAL_DIFFERS: "总分与自评不一致",
  },
};

const EN: Terms = {
  findings: "Findings",
  findingCount: (n, e, w, i) =>
    `${n} finding${n === 1 ? "" : "s"} (${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}, ${i} info)`,
  severity: { error: "Error", warning: "Warning", info: "Info" },
  incomplete: "Scoring incomplete",
  unmet: "Unmet targets",
  total: "Total",
  grade: "Grade",
  project: "Project",
  budget: "Budget execution",
  target: "Target",
  actual: "Actual",
  completion: "Completion",
  score: "Score",
  weight: "Weight",
  row: (row) => `Row ${row}`,
  unscored: "not scored",
  codes: {
    NO_TABLE: "No indicator table",
    TARGET_UNPARSED: "Target unreadable",
    ACTUAL_MISSING: "Actual missing",
    ACTUAL_INVALID: "Actual unreadable",
    UNIT_MISMATCH: "Units differ",
    REASON_MISSING: "Deviation reason missing",
    WEIGHTS_SUM: "Weights do not add up",
    BUDGET_MISSING: "Budget figures missing",
    BUDGET_INCONSISTENT: "Funding total inconsistent",
    OVER_ACHIEVED: "Well over target",
    OUTPUT_OCCUPIED: "Cell taken, not written",
    TARGET_MISSING: "Target missing",
    NOT_APPLICABLE: "Not applicable, not scored",
    HIDDEN_ROWS: "Hidden or filtered-out rows",
    BUDGET_INVALID: "Budget amount unreadable",
    SCORE_DIFFERS: "Score differs from the unit's",
    TOTAL_DIFFERS: "Total differs from the unit's",
  },
};

export const TERMS: Record<Lang, Terms> = { zh: ZH, en: EN };
