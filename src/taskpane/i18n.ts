/**
 * The pane's words, in Chinese (default) and English. Terms follow docs/glossary.md.
 * Findings themselves come worded by the engine (in the language the run was made in).
 */
import type { Grade } from "../core";
import type { FailureCode } from "../excel/errors";
import { TERMS } from "./terms";

export type Lang = "zh" | "en";

const zh = {
  appTitle: "绩效自评助手",
  validate: "校验",
  score: "一键评分",
  prepare: "准备年终自评",
  undo: "撤销",
  clear: "清除结果",
  settings: "评分设置",
  language: "English",
  wpsHostName: "WPS 表格",
  help: "帮助",
  helpTitle: "使用说明和指南（新窗口）",
  scopeWorkbook: "整个工作簿",
  scopeActive: "当前工作表",
  scope: "范围",
  working: "正在处理…",
  stepRead: "正在读取工作表…",
  stepAnalyze: "正在评分…",
  stepWrite: "正在写入结果…",
  findings: TERMS.zh.findings,
  noFindings: "没有发现问题。",
  noTables: "没有找到绩效指标表（需要“一级指标 / 三级指标 / 指标值”表头）。",
  sheetLevel: "工作表",
  ...TERMS.zh.severity,
  table: "表",
  total: TERMS.zh.total,
  // The badge of a table's grade. The sheet holds 优/良/中/差; the English names (docs/glossary.md) keep
  // the sheet's character beside them, so the two can be matched.
  grade: { 优: "等级 优", 良: "等级 良", 中: "等级 中", 差: "等级 差" } as Record<Grade, string>,
  unmet: TERMS.zh.unmet,
  incomplete: TERMS.zh.incomplete,
  budget: TERMS.zh.budget,
  // Review mode (复核, scoring-spec §7): the unit's own figures beside the tool's.
  review: "复核",
  unitTotal: "自评总分",
  reviewTotal: "复核总分",
  difference: "差异",
  differences: "处得分与自评不一致",
  // Every figure explained (§8).
  explainTitle: "计算说明",
  unscored: TERMS.zh.unscored,
  moreRows: "另有 {count} 项未列出。",
  rowLabel: "第 {row} 行",
  // Issue 18: what was done, in the clerk's words, and what to do next (outcome.ts picks the line).
  outcome: {
    scoreDone: "评分完成：已为 {tables}评分，得分和总分已写入各表{made}。",
    made: "，并生成{sheets}",
    sheetName: "“{name}”",
    sheetJoin: "和",
    scoreErrors: "已为 {tables}评分，但有 {errors}需要处理：{what}。",
    scoreIncomplete: "{incomplete}评分不完整：{what}。请按下方检查结果补全后再点“一键评分”。",
    scoredOthers: "其余 {scored}已评分。",
    validateDone: "校验完成：{tables}均可评分，没有错误。",
    validateErrors: "校验完成：{tables}，{errors}需要处理：{what}。",
    validateIncomplete: "校验完成：{incomplete}评分不完整：{what}。请按下方检查结果补全。",
    needActualColumn:
      "{tables}还没有“实际完成值”列，尚不能评分：请先点“准备年终自评”，再填写实际完成值。",
    noActualColumnWhat: "{tables}没有“实际完成值”列",
    tableCount: "{count} 张表",
    tableCountOne: "{count} 张表",
    errorCount: "{count} 个错误",
    errorCountOne: "{count} 个错误",
    noTableActive:
      "当前工作表没有找到绩效指标表（需要“一级指标 / 三级指标 / 指标值”表头）。可以把范围改为“整个工作簿”再试。",
    noTableWorkbook:
      "工作簿中没有找到绩效指标表：指标表的表头须在同一行里有“一级指标”“三级指标”“指标值”。",
    nothingWritten: "未写入任何内容。",
    alsoFindings: "另有 {list}，见下方检查结果。",
    warnings: "{count} 条警告",
    warningsOne: "{count} 条警告",
    infos: "{count} 条提示",
    skipped: "{skipped} 个单元格已有他人内容，未覆盖。",
    countItem: "{count} 处{name}",
    listSep: "、",
    more: "等",
    prepareDone:
      "已添加年终自评所需的列（实际完成值、分值、得分、完成率、偏差原因分析及改进措施）。下一步：填写各指标的实际完成值，再点“一键评分”。",
    prepareNothing: "各表已有年终自评所需的列，没有添加任何内容。",
    clearNothing: "工作表中没有本工具写入的结果，没有清除任何内容。",
  },
  // The results, findings first (issue 18).
  summary: "{tables}：{scored} 张已评分，{incomplete} 张评分不完整。{findings}",
  summaryAllScored: "{tables}均已评分。{findings}",
  notInSheet: "以下是按工作表现有内容算出的结果，尚未写入工作表；点“一键评分”写入。",
  emptyNoTable: "没有找到绩效指标表（需要“一级指标 / 三级指标 / 指标值”表头）。",
  emptyTryWorkbook: "表可能在别的工作表上：在整个工作簿中查找。",
  searchWorkbook: "在整个工作簿中查找",
  emptyTryPrepare: "若这是新的绩效目标表，打开它所在的工作表后点“准备年终自评”。",
  emptyAfterPrepare:
    "下一步：在各表的“实际完成值”列填写实际完成值（定性指标填“达成”“部分达成”或“未达成”），然后点“一键评分”。",
  tables: "各表得分",
  fixLabel: "怎么改：",
  fixes: {
    actualMissing: "在该单元格填写实际完成值（定性指标填“达成”“部分达成”或“未达成”）。",
    actualInvalid: "改为数值（如“7个”“95%”），或“达成”“部分达成”“未达成”。",
    unitMismatch: "把实际完成值改用指标值的单位。",
    weightBlank: "在分值列填写该指标的分值。",
    budgetMissing: "填写预算数和全年执行数的金额（如“92.5”）。",
    occupied: "清空或移走该单元格的内容，再点“一键评分”。",
    inconsistent: "请核对“年度资金总额”。",
  },
  status: { noGrade: "无等级", noActualColumn: "缺实际完成值列", missing: "缺 {count} 项" },
  selectTable: "在工作表中选中此表",
  indicators: "指标",
  goToRow: "定位到该行",
  showIndicator: "查看“{name}”的计算说明",
  target: TERMS.zh.target,
  actual: TERMS.zh.actual,
  completion: TERMS.zh.completion,
  scoreLabel: TERMS.zh.score,
  indicatorStatus: { met: "", unmet: "未达成", missing: "缺实际完成值", invalid: "无法评分" },
  moreFindings: "另有 {count} 条未列出。",
  // A short name for each finding (shown beside the cell), the same words as the command line's.
  codes: TERMS.zh.codes,
  validateReadOnly: "工作簿以只读方式打开，未标出未达成的指标。",
  writtenReadOnly: "工作簿以只读方式打开：要保留这些更改，请用“另存为”保存一份。",
  doneUndo: "已撤销上一次操作。",
  doneUndoKept: "已撤销上一次操作；{kept} 个您之后修改过的单元格保持不变。",
  doneClear: "已清除本工具写入的全部结果。",
  retried: "（工作表在评分期间被修改，已重新读取）",
  retriedCells: "（写入时发现您刚修改了 {cells}：那次写入已撤回，已重新读取，您的内容保留）",
  formatsUnsaved: "撤销时将无法恢复 {count} 个单元格原来的填充和字体。",
  notApplied:
    "此版本的 Excel（低于 ExcelApi 1.9）无法设置打印格式：{what}未设置，请在新版 Excel、WPS 或命令行中生成打印用的表。",
  notAppliedPageSetup: "“{sheets}”的页面设置（A4、一页宽、分页）",
  notAppliedFormatLike: "“{sheets}”新增列的边框和字体",
  notAppliedPrintArea: "“{sheets}”的打印区域",
  confirmFormatLoss:
    "此版本的 Excel 无法逐格保存 {count} 个单元格原来的填充和字体，撤销时将无法恢复它们。仍然写入吗？",
  confirmWrite: "仍然写入",
  confirmCancel: "取消",
  clickToGo: "点击定位到单元格",
  close: "关闭",
  // settings
  profileName: "方案名称",
  weightBudget: "预算执行分值",
  weightOutput: "产出指标分值",
  weightEffect: "效益指标分值",
  weightSatisfaction: "满意度指标分值",
  reverseRule: "反向指标超标计分",
  reverseLinear: "线性扣分（默认）",
  reverseRatio: "比值法 A/B",
  overAchievement: "超额完成提示阈值（倍）",
  decimals: "得分小数位数",
  hiddenRows: "隐藏或筛选掉的行",
  hiddenSkip: "不作为指标评分（默认）",
  hiddenInclude: "照常评分",
  reviewTolerance: "复核容差（分）",
  weightCost: "成本指标分值",
  save: "保存到工作簿",
  reset: "恢复财政部默认",
  saved: "评分设置已保存到本工作簿。",
  resetDone: "已恢复为财政部默认方案。",
  loadingSettings: "正在加载设置…",
  // A profile the engine refuses (scoring-spec §5): not saved, and why, naming the setting.
  profileRefused: "评分设置未保存：{why}",
  profileWhy: {
    field: "“{field}”{reason}",
    whole: "评分设置{reason}",
    weightsAll: "预算执行与各一级指标的分值",
    bands: "达成等级系数",
    grades: "等级分数线",
    unknownField: "“{field}”不是可识别的设置项",
    notObject: "格式有误，应为一组设置",
    unknown: "不是可识别的设置项",
    null: "不能为空",
    number: "须填写数字",
    text: "须为文字",
    object: "格式有误",
    negative: "不能为负数（现为 {found}）",
    sum100: "合计须为 100（现为 {found}）",
    range01: "须在 0 到 1 之间（现为 {found}）",
    range100: "须在 0 到 100 之间（现为 {found}）",
    bandOrder: "须满足 达成 ≥ 部分达成 ≥ 未达成",
    gradeOrder: "须满足 优 > 良 > 中（现为 {found}）",
    reverseWord: "须为“线性扣分”或“比值法”",
    hiddenWord: "须为“不作为指标评分”或“照常评分”",
    above1: "须大于 1（现为 {found}）",
    whole04: "须为 0 到 4 的整数（现为 {found}）",
    invalid: "取值无效",
    subField: "{name}（{sub}）",
    listSep: "、",
  },
  failure: {
    unsupported:
      "此版本的 Excel 不支持本加载项（需要 ExcelApi 1.7，即 Excel 2019、Microsoft 365 或网页版 Excel）。",
    protected:
      "工作表受保护，无法写入结果{sheets}。请先在“审阅 > 撤消工作表保护”中取消保护，再重试。",
    workbookProtected:
      "工作簿结构受保护，无法添加或更新评分汇总表和评分记录表。请先在“审阅 > 保护工作簿”中取消保护，再重试。",
    readOnly:
      "工作簿以只读方式打开，无法写入。请在 Excel 中选择“编辑工作簿”（或另存一份）后再评分。",
    accessDenied:
      "Excel 拒绝了更改（访问被拒绝）。请确认工作簿可以编辑（不是只读或仅查看），再重试。",
    stale: "评分期间工作表{sheets}一直在被修改。请停止编辑后再点一次。",
    changedDuringWrite:
      "写入时发现您刚修改了要写入的单元格{cells}，本次写入已全部撤回，工作簿保持原样。请再点一次。",
    rolledBackNote: "已写入的部分已全部撤回。",
    rollbackFailedNote: "已写入的部分未能全部撤回：请点“撤销”完成撤回。",
    formatsUnknownNote: "（其中 {formats} 个单元格原来的填充和字体无从得知，未能恢复。）",
    formatsNotRestorable:
      "此版本的 Excel 无法逐格保存 {count} 个单元格的填充和字体，撤销时将无法恢复它们。未写入任何内容。",
    noUndo: "没有可以撤销的操作。",
    engine: "评分时出现内部错误。",
    api: "Excel 拒绝了操作。",
    notFound: "要写入的工作表在处理期间被删除或改名了。请再点一次。",
    invalidOperation: "Excel 无法执行此更改（工作表的当前状态不允许）。",
    tooLarge: "一次要处理的数据超出了 Excel 的限制。",
    busy: "Excel 正忙（或与其他人的编辑冲突）。请稍后再试。",
    profile: "评分设置有误。",
    editing: "请先完成单元格编辑（按回车或 Esc），再重试。",
    details: "详情：",
  } satisfies Record<
    FailureCode | "details" | "rolledBackNote" | "rollbackFailedNote" | "formatsUnknownNote",
    string
  >,
};

export type Strings = typeof zh;

const en: Strings = {
  appTitle: "Indicator Scorer",
  validate: "Validate",
  score: "Score",
  prepare: "Prepare year end",
  undo: "Undo",
  clear: "Clear results",
  settings: "Scoring settings",
  language: "中文",
  wpsHostName: "WPS Spreadsheets",
  help: "Help",
  helpTitle: "How to use it, and the guide (new window)",
  scopeWorkbook: "Whole workbook",
  scopeActive: "Active sheet",
  scope: "Scope",
  working: "Working…",
  stepRead: "Reading the sheets…",
  stepAnalyze: "Scoring…",
  stepWrite: "Writing results…",
  findings: TERMS.en.findings,
  noFindings: "No findings.",
  noTables: "No indicator table found (it needs 一级指标 / 三级指标 / 指标值 headers).",
  sheetLevel: "Sheet",
  ...TERMS.en.severity,
  table: "Table",
  total: TERMS.en.total,
  grade: { 优: "Excellent (优)", 良: "Good (良)", 中: "Fair (中)", 差: "Poor (差)" },
  unmet: TERMS.en.unmet,
  incomplete: TERMS.en.incomplete,
  budget: TERMS.en.budget,
  review: "Review",
  unitTotal: "Unit's total",
  reviewTotal: "Reviewed total",
  difference: "Difference",
  differences: "scores differ from the unit's",
  explainTitle: "How each figure was worked out",
  unscored: TERMS.en.unscored,
  moreRows: "{count} more not listed.",
  rowLabel: "Row {row}",
  outcome: {
    scoreDone: "Scored: {tables} scored, their scores and totals written into each table{made}.",
    made: ", and {sheets} made",
    sheetName: "{name}",
    sheetJoin: " and ",
    scoreErrors: "{tables} scored, with {errors} to fix: {what}.",
    scoreIncomplete:
      "{incomplete} could not be fully scored: {what}. Fix them as listed below, then Score again.",
    scoredOthers: "Scored in full: {scored}.",
    validateDone: "Validated: {tables}, all can be scored, no errors.",
    validateErrors: "Validated: {tables}, {errors} to fix: {what}.",
    validateIncomplete:
      "Validated: {incomplete} cannot be fully scored: {what}. Fix them as listed below.",
    needActualColumn:
      "No actual-value column yet in {tables}, so they cannot be scored: click Prepare year end first, then fill in the actual values.",
    noActualColumnWhat: "no actual-value column in {tables}",
    tableCount: "{count} tables",
    tableCountOne: "{count} table",
    errorCount: "{count} errors",
    errorCountOne: "{count} error",
    noTableActive:
      "No indicator table on the active sheet (it needs 一级指标 / 三级指标 / 指标值 headers). Set the scope to Whole workbook and try again.",
    noTableWorkbook:
      "No indicator table in the workbook: a table's header row needs 一级指标, 三级指标 and 指标值 in the same row.",
    nothingWritten: "Nothing was written.",
    alsoFindings: "Also {list}, listed below.",
    warnings: "{count} warnings",
    warningsOne: "{count} warning",
    infos: "{count} info",
    skipped: "{skipped} cells hold someone else's content and were left alone.",
    countItem: "{name} ×{count}",
    listSep: ", ",
    more: ", …",
    prepareDone:
      "Year-end columns added (actual, weight, score, completion, deviation reason). Next: fill in each indicator's actual value, then click Score.",
    prepareNothing: "Every table already has the year-end columns; nothing was added.",
    clearNothing: "The sheets hold no results of this tool; nothing was cleared.",
  },
  summary: "{tables}: {scored} scored, {incomplete} incomplete. {findings}",
  summaryAllScored: "{tables}, all scored. {findings}",
  notInSheet:
    "Worked out from what the sheets hold now; not written into them. Click Score to write them.",
  emptyNoTable: "No indicator table found (it needs 一级指标 / 三级指标 / 指标值 headers).",
  emptyTryWorkbook: "The table may be on another sheet: search the whole workbook.",
  searchWorkbook: "Search the whole workbook",
  emptyTryPrepare: "For a new target table, open its sheet and click Prepare year end.",
  emptyAfterPrepare:
    "Next: fill in each table's actual values (达成, 部分达成 or 未达成 for qualitative indicators), then click Score.",
  tables: "Scores by table",
  fixLabel: "To fix: ",
  fixes: {
    actualMissing:
      "Enter the actual value in this cell (达成, 部分达成 or 未达成 for a qualitative indicator).",
    actualInvalid: "Enter a figure (like 7个 or 95%), or 达成, 部分达成 or 未达成.",
    unitMismatch: "Give the actual value in the target's unit.",
    weightBlank: "Enter the indicator's weight in the weight column.",
    budgetMissing: "Enter the planned and executed amounts (like 92.5).",
    occupied: "Empty or move this cell's content, then click Score.",
    inconsistent: "Check the 年度资金总额 row.",
  },
  status: { noGrade: "No grade", noActualColumn: "No actual column", missing: "{count} missing" },
  selectTable: "Select this table in the sheet",
  indicators: "Indicators",
  goToRow: "Go to this row",
  showIndicator: "How {name} was scored",
  target: TERMS.en.target,
  actual: TERMS.en.actual,
  completion: TERMS.en.completion,
  scoreLabel: TERMS.en.score,
  indicatorStatus: { met: "", unmet: "unmet", missing: "actual missing", invalid: "not scorable" },
  moreFindings: "{count} more not listed.",
  codes: TERMS.en.codes,
  validateReadOnly: "The workbook is open read-only, so unmet targets were not highlighted.",
  writtenReadOnly: "The workbook is open read-only: to keep these changes, save a copy (Save As).",
  doneUndo: "The last action was undone.",
  doneUndoKept: "The last action was undone; {kept} cells you changed since were kept.",
  doneClear: "Every result this tool wrote was cleared.",
  retried: "(the sheet changed during scoring and was read again)",
  retriedCells:
    "(you had just changed {cells} as results were written there: that write was taken back and the sheet read again; your content stays)",
  formatsUnsaved: "Undo will not be able to restore the former fills and fonts of {count} cells.",
  notApplied:
    "This version of Excel (below ExcelApi 1.9) cannot set print formatting: {what} left as they were; make the printable sheets in a newer Excel, in WPS or on the command line.",
  notAppliedPageSetup: "the page setup of {sheets} (A4, one page wide, page breaks)",
  notAppliedFormatLike: "the borders and fonts of the added columns on {sheets}",
  notAppliedPrintArea: "the print area of {sheets}",
  confirmFormatLoss:
    "This version of Excel cannot save the former fills and fonts of {count} cells one by one, so Undo could not restore them. Write anyway?",
  confirmWrite: "Write anyway",
  confirmCancel: "Cancel",
  clickToGo: "Click to go to the cell",
  close: "Close",
  profileName: "Profile name",
  weightBudget: "Budget points",
  weightOutput: "Output points",
  weightEffect: "Effect points",
  weightSatisfaction: "Satisfaction points",
  reverseRule: "Lower-is-better overshoot rule",
  reverseLinear: "Linear (default)",
  reverseRatio: "Ratio A/B",
  overAchievement: "Over-achievement threshold (×)",
  decimals: "Score decimals",
  hiddenRows: "Hidden or filtered-out rows",
  hiddenSkip: "Not scored as indicators (default)",
  hiddenInclude: "Scored as usual",
  reviewTolerance: "Review tolerance (points)",
  weightCost: "Cost points",
  save: "Save to workbook",
  reset: "Reset to MoF default",
  saved: "Scoring settings saved in this workbook.",
  resetDone: "Back to the MoF default profile.",
  loadingSettings: "Loading settings…",
  profileRefused: "Scoring settings not saved: {why}",
  profileWhy: {
    field: "{field} {reason}",
    whole: "the settings {reason}",
    weightsAll: "the budget and category points",
    bands: "the band factors",
    grades: "the grade thresholds",
    unknownField: "{field} is not a known setting",
    notObject: "are not a set of settings",
    unknown: "is not a known setting",
    null: "must not be empty",
    number: "must be a number",
    text: "must be text",
    object: "are malformed",
    negative: "must not be negative (found {found})",
    sum100: "must add up to 100 (found {found})",
    range01: "must lie between 0 and 1 (found {found})",
    range100: "must lie between 0 and 100 (found {found})",
    bandOrder: "must be ordered 达成 ≥ 部分达成 ≥ 未达成",
    gradeOrder: "must be ordered 优 > 良 > 中 (found {found})",
    reverseWord: "must be Linear or Ratio",
    hiddenWord: "must be Not scored or Scored as usual",
    above1: "must be above 1 (found {found})",
    whole04: "must be a whole number from 0 to 4 (found {found})",
    invalid: "is invalid",
    subField: "{name} ({sub})",
    listSep: ", ",
  },
  failure: {
    unsupported:
      "This version of Excel cannot run the add-in (it needs ExcelApi 1.7: Excel 2019, Microsoft 365 or Excel on the web).",
    protected:
      "The sheet is protected, results cannot be written{sheets}. Unprotect it (Review > Unprotect Sheet) and try again.",
    workbookProtected:
      "The workbook's structure is protected, so the summary and record sheets cannot be added or updated. Unprotect it (Review > Protect Workbook) and try again.",
    readOnly:
      "The workbook is open read-only, so nothing was written. Choose Edit Workbook (or save a copy) in Excel, then score again.",
    accessDenied:
      "Excel refused the change (access denied). Check that the workbook can be edited (not read-only or view-only) and try again.",
    stale: "The sheet{sheets} kept changing while scoring. Stop editing and click again.",
    changedDuringWrite:
      "You had just changed cells the results were going to{cells}: the whole write was taken back and the workbook is as it was. Click again.",
    rolledBackNote: " What had been written was taken back.",
    rollbackFailedNote: " What had been written could not all be taken back: click Undo to finish.",
    formatsUnknownNote:
      " (The former fills and fonts of {formats} cells could not be known, so they were not restored.)",
    formatsNotRestorable:
      "This version of Excel cannot save the fills and fonts of {count} cells one by one, so Undo could not restore them. Nothing was written.",
    noUndo: "Nothing to undo.",
    engine: "Internal error while scoring.",
    api: "Excel refused the operation.",
    notFound: "A sheet to be written was deleted or renamed meanwhile. Click again.",
    invalidOperation:
      "Excel cannot make this change (the sheet's present state does not allow it).",
    tooLarge: "The data to handle at once exceeds Excel's limits.",
    busy: "Excel is busy (or the change conflicts with someone else's). Try again shortly.",
    profile: "The scoring settings are invalid.",
    editing: "Finish editing the cell (Enter or Esc) and try again.",
    details: " Details: ",
  },
};

export const STRINGS: Record<Lang, Strings> = { zh, en };

/** zh for any Chinese display language (zh-CN, zh-TW, zh-HK…), en otherwise. */
export function detectLang(displayLanguage: string | undefined | null): Lang {
  return displayLanguage && /^zh/i.test(displayLanguage) ? "zh" : displayLanguage ? "en" : "zh";
}

/** Fills {name} placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) =>
    params[k] === undefined ? "" : String(params[k])
  );
}

/** Which application the pane runs in: the failure texts name it. */
export type HostKind = "excel" | "wps";

export function failureText(
  lang: Lang,
  code: FailureCode,
  params: Record<string, string | number> = {},
  host: HostKind = "excel"
): string {
  const p = { ...params };
  if (p.sheets) p.sheets = lang === "zh" ? `（${p.sheets}）` : ` (${p.sheets})`;
  if (p.cells) p.cells = lang === "zh" ? `（${p.cells}）` : ` (${p.cells})`;
  const f = STRINGS[lang].failure;
  // The texts name Excel; in WPS they name WPS (not "ExcelApi", a requirement set's name). Only our own
  // words are renamed, before the names of sheets and cells go in; the host's detail stays as it said it.
  const own = (t: string) =>
    host === "wps" ? t.replace(/Excel(?!Api)/g, STRINGS[lang].wpsHostName) : t;
  // Our own words first; Excel's (in whatever language Excel speaks) only as details after them.
  const detail = p.detail === undefined || p.detail === "" ? "" : `${own(f.details)}${p.detail}`;
  // A write refused part-way was taken back (or could not all be): said after the cause.
  const note =
    own(
      p.rolledBack === "yes"
        ? f.rolledBackNote
        : p.rolledBack === "failed"
          ? f.rollbackFailedNote
          : ""
    ) + (p.rolledBack && p.formats ? fill(own(f.formatsUnknownNote), p) : "");
  return fill(own(f[code]), p) + note + detail;
}

/** The form keys of a profile field the engine named ("weights.budget" → "weights.budget"). */
const FIELD_LABEL: Record<string, keyof Strings> = {
  name: "profileName",
  "weights.budget": "weightBudget",
  "weights.产出指标": "weightOutput",
  "weights.成本指标": "weightCost",
  "weights.效益指标": "weightEffect",
  "weights.满意度指标": "weightSatisfaction",
  reverseRule: "reverseRule",
  overAchievement: "overAchievement",
  decimals: "decimals",
  hiddenRows: "hiddenRows",
  reviewTolerance: "reviewTolerance",
};

/** Reasons, from the engine's one line (core/profile.ts ProfileError), to words of the pane's own. */
const WHY: [RegExp, keyof Strings["profileWhy"]][] = [
  [/^is unknown\b/, "unknown"],
  [/^must not be null\b/, "null"],
  [/^must be a number\b/, "number"],
  [/^must be text\b/, "text"],
  [/^must be an object\b/, "object"],
  [/^must not be negative\b/, "negative"],
  [/^must add up to 100\b/, "sum100"],
  [/^must lie within 0–1\b/, "range01"],
  [/^must lie within 0–100\b/, "range100"],
  [/^must be ordered 达成/, "bandOrder"],
  [/^must be strictly descending\b/, "gradeOrder"],
  [/^must be "linear" or "ratio"/, "reverseWord"],
  [/^must be "skip" or "include"/, "hiddenWord"],
  [/^must be above 1\b/, "above1"],
  [/^must be a whole number 0–4\b/, "whole04"],
];

export interface ProfileRefusal {
  /** The field the engine named ("weights.budget", "decimals"), null for the profile as a whole. */
  field: string | null;
  text: string;
}

/**
 * Why a profile was refused, in the pane's language: the engine's ProfileError is one English line
 * naming the field (`profile field "decimals" must be a whole number 0–4 (found 7)`); the pane names the
 * setting by its label in the form and gives the reason in its own words. Field names of the profile file
 * (weights, reviewTolerance…) never show in the Chinese text: a field the form does not know is quoted as
 * the profile wrote it only when it is not one of the profile's own names.
 */
export function profileRefusal(s: Strings, message: string): ProfileRefusal {
  const w = s.profileWhy;
  const m = /^profile field "([^"]*)" (.*)$/s.exec(message.trim());
  if (!m)
    return {
      field: null,
      text: fill(s.profileRefused, { why: fill(w.whole, { reason: w.notObject }) }),
    };
  const [, field, rest] = m;
  const why = WHY.find(([re]) => re.test(rest))?.[1] ?? "invalid";
  const found = foundOf(rest, w.listSep);
  const grouped = /^(weights|bands|grades)(\.|$)/.test(field);
  if (!(field in FIELD_LABEL) && !grouped) {
    // A field of its own making (a typo in a stored profile): quoted as written.
    return { field, text: fill(s.profileRefused, { why: fill(w.unknownField, { field }) }) };
  }
  const reason = fill(w[why], { found });
  return {
    field,
    text: fill(s.profileRefused, { why: fill(w.field, { field: fieldLabel(s, field), reason }) }),
  };
}

function fieldLabel(s: Strings, field: string): string {
  const key = FIELD_LABEL[field];
  if (key) return s[key] as string;
  const [group, sub] = field.split(".");
  const name =
    group === "weights"
      ? s.profileWhy.weightsAll
      : group === "bands"
        ? s.profileWhy.bands
        : s.profileWhy.grades;
  return sub === undefined ? name : fill(s.profileWhy.subField, { name, sub });
}

/** The figures the engine found, as the message quotes them (`found 7`, `found 60, 80, 90`, `, found 110`). */
function foundOf(rest: string, sep: string): string {
  const m = /found ([^)]*)\)?\s*$/.exec(rest);
  return m ? m[1].split(", ").join(sep) : "";
}
