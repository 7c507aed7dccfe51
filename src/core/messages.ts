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
/** "工作表“Sheet1”H7：" — where a finding is, for the findings added with issue 17. */
const at = (p: Params): string => `工作表“${q(p.sheet)}”${p.cell ? q(p.cell) : ""}：`;
const atEn = (p: Params): string => `Sheet "${q(p.sheet)}"${p.cell ? ` ${q(p.cell)}` : ""}: `;
/** A figure with the profile's decimals (params.decimals, default 2). */
const fig = (v: unknown, d: unknown = 2): string =>
  typeof v === "number" ? v.toFixed(typeof d === "number" ? d : 2) : q(v);
const signed = (v: unknown, d: unknown = 2): string =>
  typeof v === "number" ? `${v > 0 ? "+" : ""}${fig(v, d)}` : q(v);
const rowList = (v: unknown): string => q(v);

const ZH: Record<IssueCode, Wording> = {
  NO_TABLE: () => "本工作表未找到绩效指标表（需要一行同时含“一级指标”“三级指标”“指标值”表头）。",
  TARGET_UNPARSED: (p) =>
    p.numericActual
      ? `指标“${q(p.name)}”的指标值“${q(p.target)}”没有可比较的数值，实际完成值“${q(p.actual)}”是数值，无法据此评分；请把指标值写成如“≥6个”“≤5%”的形式（若确为定性指标，实际完成值请填“达成”“部分达成”或“未达成”）。`
      : p.target
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
    if (p.reason === "tooLarge")
      return `指标“${q(p.name)}”的实际完成值“${q(p.actual)}”数值过大（或不是有限数），不可能是实际完成值，不能评分；请检查公式或重新填写。`;
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
        return `指标分值与预算执行分值合计为 ${q(p.sum)}，应为 100；不是百分制，只计总分、不评定等级。请核对各指标分值。`;
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
      ? `工作表“${q(p.sheetName)}”已存在且不是本工具生成的，未写入${p.what === "forms" ? "绩效自评表（打印页）" : "评分汇总"}；请改名后重试。`
      : p.merged
        ? `输出单元格在合并单元格内（不是其左上角），写入的内容不会显示，未写入${p.what ? `（${q(p.what)}）` : ""}。`
        : `输出单元格已有其他内容“${q(p.content)}”，为保护数据未写入${p.what ? `（${q(p.what)}）` : ""}。`,
  TARGET_MISSING: (p) =>
    `${at(p)}指标“${q(p.name)}”填写了${p.has === "weight" ? "分值" : p.has === "actual" ? "实际完成值" : "分值和实际完成值"}，但指标值为空，不能评分，本表总分暂缺。请在该单元格填写指标值（如“≥6个”“≤5%”）；该指标不适用时填“/”或“不适用”。`,
  NOT_APPLICABLE: (p) =>
    p.weight
      ? `${at(p)}指标“${q(p.name)}”的指标值为“${q(p.target)}”，按不适用处理、不评分，但该行仍有分值 ${q(p.weight)} 分，这部分分值未计入总分。请删去该分值并把它分给其他指标，或填写指标值。`
      : `${at(p)}指标“${q(p.name)}”的指标值为“${q(p.target)}”，按不适用处理，不评分、不分配分值。如该指标适用，请填写指标值。`,
  HIDDEN_ROWS: (p) =>
    p.included
      ? `${at(p)}本表有 ${q(p.count)} 行指标被隐藏或筛选掉（第 ${rowList(p.rows)} 行），打印时看不到，但已按设置一并评分。请确认这些行是否应计入。`
      : `${at(p)}本表有 ${q(p.count)} 行指标被隐藏或筛选掉（第 ${rowList(p.rows)} 行），打印时看不到，未作为指标评分。如需评分，请取消隐藏或清除筛选后重新评分。`,
  BUDGET_INVALID: (p) =>
    p.reason === "negative"
      ? `${at(p)}${p.what === "executed" ? "全年执行数" : "预算数"}“${q(p.text)}”是负数，不能计算预算执行率。请填写实际金额。`
      : `${at(p)}${p.what === "executed" ? "全年执行数" : "预算数"}“${q(p.text)}”不是可识别的金额，不能计算预算执行率。请填写数字，如“72.5”或“72.5万元”（按本表单位${q(p.unit)}换算）。`,
  SCORE_DIFFERS: (p) =>
    p.what === "budgetRate"
      ? `${at(p)}预算执行率自评为 ${pct(p.unit)}，复核为 ${pct(p.review)}（${q(p.explain)}）。请核对执行率。`
      : p.what === "budget"
        ? `${at(p)}预算执行自评得分 ${fig(p.unit, p.decimals)}，复核得分 ${fig(p.review, p.decimals)}（${q(p.explain)}）。请核对预算执行得分。`
        : `${at(p)}指标“${q(p.name)}”自评得分 ${fig(p.unit, p.decimals)}，复核得分 ${fig(p.review, p.decimals)}（${q(p.explain)}）。请核对该项得分。`,
  TOTAL_DIFFERS: (p) =>
    `${at(p)}自评总分 ${fig(p.unit, p.decimals)}，复核总分 ${fig(p.review, p.decimals)}，差异 ${signed(p.difference, p.decimals)}。请逐项核对标出差异的得分${p.fromRows ? "（表中没有总分，自评总分按各项自评得分相加）" : ""}。`,
};

const EN: Record<IssueCode, Wording> = {
  NO_TABLE: () =>
    "No indicator table on this sheet (a header row with Level 1, Level 3 and Target columns is needed).",
  TARGET_UNPARSED: (p) =>
    p.numericActual
      ? `The target "${q(p.target)}" of "${q(p.name)}" has no figure to measure the actual "${q(p.actual)}" against, so it cannot be scored; write the target like "≥6个" or "≤5%" (or, if it is truly qualitative, rate the actual 达成, 部分达成 or 未达成).`
      : p.target
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
    if (p.reason === "tooLarge")
      return `Actual "${q(p.actual)}" of "${q(p.name)}" is too large (or not finite) to be a real figure, so the indicator cannot be scored; check the formula or re-enter it.`;
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
        return `Indicator weights plus the budget weight add up to ${q(p.sum)}, not 100: the total is not on a 100-point scale, so no grade is given. Check the weights.`;
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
      ? `Sheet "${q(p.sheetName)}" exists and was not made by Indicator Scorer; the ${p.what === "forms" ? "printable forms were" : "summary was"} not written. Rename it and retry.`
      : p.merged
        ? `The output cell lies inside a merged area (not its top-left cell), where a value would not show; nothing was written there${p.what ? ` (${q(p.what)})` : ""}.`
        : `The output cell already holds other content ("${q(p.content)}"); nothing was written there${p.what ? ` (${q(p.what)})` : ""}.`,
  TARGET_MISSING: (p) =>
    `${atEn(p)}"${q(p.name)}" has ${p.has === "weight" ? "a weight" : p.has === "actual" ? "an actual value" : "a weight and an actual value"} but no target, so it cannot be scored and the table has no total yet. Enter the target in this cell (e.g. "≥6个", "≤5%"), or "/" if the indicator does not apply.`,
  NOT_APPLICABLE: (p) =>
    p.weight
      ? `${atEn(p)}the target of "${q(p.name)}" is "${q(p.target)}" (not applicable): not scored, yet the row still carries ${q(p.weight)} points, which are not counted. Remove those points and give them to other indicators, or enter a target.`
      : `${atEn(p)}the target of "${q(p.name)}" is "${q(p.target)}" (not applicable): not scored and given no weight. Enter a target if the indicator does apply.`,
  HIDDEN_ROWS: (p) =>
    p.included
      ? `${atEn(p)}${q(p.count)} indicator row(s) of this table are hidden or filtered out (row ${rowList(p.rows)}) and do not print, but were scored as the profile asks. Check that they belong in the total.`
      : `${atEn(p)}${q(p.count)} indicator row(s) of this table are hidden or filtered out (row ${rowList(p.rows)}) and do not print; they were not scored. Unhide them or clear the filter and score again to include them.`,
  BUDGET_INVALID: (p) =>
    p.reason === "negative"
      ? `${atEn(p)}the ${p.what === "executed" ? "executed" : "planned"} budget "${q(p.text)}" is negative, so the execution rate cannot be computed. Enter the actual amount.`
      : `${atEn(p)}the ${p.what === "executed" ? "executed" : "planned"} budget "${q(p.text)}" is not a readable amount, so the execution rate cannot be computed. Enter a figure such as "72.5" or "72.5万元" (converted to the table's unit, ${q(p.unit)}).`,
  SCORE_DIFFERS: (p) =>
    p.what === "budgetRate"
      ? `${atEn(p)}the unit's execution rate is ${pct(p.unit)}, the review finds ${pct(p.review)} (${q(p.explain)}). Check the rate.`
      : p.what === "budget"
        ? `${atEn(p)}the unit scored budget execution ${fig(p.unit, p.decimals)}, the review ${fig(p.review, p.decimals)} (${q(p.explain)}). Check the budget score.`
        : `${atEn(p)}the unit scored "${q(p.name)}" ${fig(p.unit, p.decimals)}, the review ${fig(p.review, p.decimals)} (${q(p.explain)}). Check this score.`,
  TOTAL_DIFFERS: (p) =>
    `${atEn(p)}the unit's total is ${fig(p.unit, p.decimals)}, the reviewed total ${fig(p.review, p.decimals)}, difference ${signed(p.difference, p.decimals)}. Check the scores marked as differing${p.fromRows ? " (the table has no total: the unit's total is the sum of its own scores)" : ""}.`,
};

export function issueMessage(code: IssueCode, params: Params, lang: Lang = "zh"): string {
  return (lang === "en" ? EN : ZH)[code](params);
}
