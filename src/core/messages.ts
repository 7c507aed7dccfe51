import { IssueCode, Lang } from "./types";

/**
 * Human wording of every finding, in Chinese (default) and English. Findings carry a code and params;
 * the words are made here only, so the task pane can re-word a report when the user switches language.
 */
type Params = Record<string, string | number | undefined>;
type Wording = (p: Params) => string;

const q = (v: unknown): string => (v === undefined || v === null || v === "" ? "" : String(v));
const pct = (v: unknown): string =>
  typeof v === "number" ? `${(Math.round(v * 10000) / 100).toString()}%` : q(v);

const ZH: Record<IssueCode, Wording> = {
  NO_TABLE: () => "本工作表未找到绩效指标表（需要一行同时含“一级指标”“三级指标”“指标值”表头）。",
  TARGET_UNPARSED: (p) =>
    p.target
      ? `指标值“${q(p.target)}”无法识别，不能评分；请写成如“≥6个”“≤5%”“2025年3月底前”的形式。`
      : "该行填写了实际完成值，但没有指标值，不能评分。",
  ACTUAL_MISSING: (p) =>
    p.noColumn
      ? `表格“${q(p.project)}”没有“实际完成值”列，尚不能评分；可先执行“准备年终自评”。`
      : `指标“${q(p.name)}”未填写实际完成值。`,
  ACTUAL_INVALID: (p) => {
    if (p.reason === "doneWord")
      return `指标“${q(p.name)}”的实际完成值“${q(p.actual)}”不是数值，已按完成计；请填写实际数值。`;
    if (p.reason === "bandRange")
      return `实际完成值“${q(p.actual)}”中的百分比超出所选等级的区间（达成80–100%、部分达成60–80%、未达成0–60%）。`;
    return `指标“${q(p.name)}”的实际完成值“${q(p.actual)}”无法识别，不能评分。`;
  },
  UNIT_MISMATCH: (p) =>
    p.reason === "fraction"
      ? `实际完成值“${q(p.actual)}”是小数，已按 ${q(p.value)}% 计；请确认单位。`
      : `实际完成值“${q(p.actual)}”的单位（${q(p.unit)}）与指标值的单位（${q(p.targetUnit)}）不一致，无法换算。`,
  REASON_MISSING: (p) =>
    p.noColumn
      ? `指标“${q(p.name)}”未完成目标，但表格没有“偏差原因分析及改进措施”列。`
      : `指标“${q(p.name)}”未完成目标，请填写偏差原因分析及改进措施。`,
  WEIGHTS_SUM: (p) => {
    switch (p.reason) {
      case "blank":
        return `指标“${q(p.name)}”的分值为空。`;
      case "unknown":
        return `一级指标“${q(p.level1)}”不属于产出、成本、效益或满意度指标，无法按默认权重分配分值；请增加“分值”列。`;
      case "moved":
        return `表格没有满意度指标，其 ${q(p.points)} 分并入效益指标。`;
      case "spread":
        return `表格没有${q(p.from)}，其 ${q(p.points)} 分按比例分配给其他一级指标。`;
      default:
        return `指标分值与预算执行分值合计为 ${q(p.sum)}，应为 100。`;
    }
  },
  BUDGET_MISSING: (p) =>
    p.reason === "planned"
      ? "未找到预算数（全年预算数/预算数），不能计算预算执行率。"
      : "未填写全年执行数，不能计算预算执行率。",
  BUDGET_INCONSISTENT: (p) =>
    `“年度资金总额”为空或为零，但其下各项资金合计为 ${q(p.sum)}，已按合计计算。`,
  OVER_ACHIEVED: (p) =>
    p.reason === "equal"
      ? `指标“${q(p.name)}”要求等于目标值，实际完成值超出目标（完成率 ${pct(p.completion)}），请说明原因。`
      : `指标“${q(p.name)}”完成率 ${pct(p.completion)}，超额完成较多，请说明原因（目标值可能设置偏低）。`,
  OUTPUT_OCCUPIED: (p) =>
    p.sheetName
      ? `工作表“${q(p.sheetName)}”已存在且不是本工具生成的，未写入评分汇总；请改名后重试。`
      : p.merged
        ? `输出单元格在合并单元格内（不是其左上角），写入的内容不会显示，未写入${p.what ? `（${q(p.what)}）` : ""}。`
        : `输出单元格已有其他内容“${q(p.content)}”，为保护数据未写入${p.what ? `（${q(p.what)}）` : ""}。`,
};

const EN: Record<IssueCode, Wording> = {
  NO_TABLE: () =>
    "No indicator table on this sheet (a header row with Level 1, Level 3 and Target columns is needed).",
  TARGET_UNPARSED: (p) =>
    p.target
      ? `Target "${q(p.target)}" cannot be read, so the indicator cannot be scored; write it like "≥6个", "≤5%" or "2025年3月底前".`
      : "This row has an actual value but no target, so it cannot be scored.",
  ACTUAL_MISSING: (p) =>
    p.noColumn
      ? `Table "${q(p.project)}" has no actual-value column and cannot be scored yet; run Prepare first.`
      : `Indicator "${q(p.name)}" has no actual value.`,
  ACTUAL_INVALID: (p) => {
    if (p.reason === "doneWord")
      return `Actual "${q(p.actual)}" of "${q(p.name)}" is not a figure; counted as met. Please enter the figure.`;
    if (p.reason === "bandRange")
      return `The percentage in "${q(p.actual)}" lies outside the band's range (achieved 80–100%, partly 60–80%, not achieved 0–60%).`;
    return `Actual "${q(p.actual)}" of "${q(p.name)}" cannot be read, so the indicator cannot be scored.`;
  },
  UNIT_MISMATCH: (p) =>
    p.reason === "fraction"
      ? `Actual "${q(p.actual)}" is a fraction and was read as ${q(p.value)}%; check the unit.`
      : `The unit of actual "${q(p.actual)}" (${q(p.unit)}) does not convert to the target's unit (${q(p.targetUnit)}).`,
  REASON_MISSING: (p) =>
    p.noColumn
      ? `"${q(p.name)}" missed its target, and the table has no deviation-reason column.`
      : `"${q(p.name)}" missed its target: enter the deviation reason and corrective measures.`,
  WEIGHTS_SUM: (p) => {
    switch (p.reason) {
      case "blank":
        return `The weight of "${q(p.name)}" is blank.`;
      case "unknown":
        return `Level-1 indicator "${q(p.level1)}" is not output, cost, effect or satisfaction, so no default weight applies; add a weight column.`;
      case "moved":
        return `The table has no satisfaction indicators; their ${q(p.points)} points go to effect indicators.`;
      case "spread":
        return `The table has no ${q(p.from)}; its ${q(p.points)} points are spread over the other categories.`;
      default:
        return `Indicator weights plus the budget weight add up to ${q(p.sum)}, not 100.`;
    }
  },
  BUDGET_MISSING: (p) =>
    p.reason === "planned"
      ? "No planned budget found, so the execution rate cannot be computed."
      : "The executed budget (全年执行数) is empty, so the execution rate cannot be computed.",
  BUDGET_INCONSISTENT: (p) =>
    `The 年度资金总额 row is blank or zero while the rows under it add up to ${q(p.sum)}; that sum was used.`,
  OVER_ACHIEVED: (p) =>
    p.reason === "equal"
      ? `"${q(p.name)}" has an "=" target and was exceeded (completion ${pct(p.completion)}): explain why.`
      : `"${q(p.name)}" reached ${pct(p.completion)} of its target: explain the over-achievement (the target may be set too low).`,
  OUTPUT_OCCUPIED: (p) =>
    p.sheetName
      ? `Sheet "${q(p.sheetName)}" exists and was not made by Indicator Scorer; the summary was not written. Rename it and retry.`
      : p.merged
        ? `The output cell lies inside a merged area (not its top-left cell), where a value would not show; nothing was written there${p.what ? ` (${q(p.what)})` : ""}.`
        : `The output cell already holds other content ("${q(p.content)}"); nothing was written there${p.what ? ` (${q(p.what)})` : ""}.`,
};

export function issueMessage(code: IssueCode, params: Params, lang: Lang = "zh"): string {
  return (lang === "en" ? EN : ZH)[code](params);
}
