/**
 * The pane's words, in Chinese (default) and English. Terms follow docs/glossary.md.
 * Findings themselves come worded by the engine (in the language the run was made in).
 */
import type { Grade } from "../core/types";
import type { FailureCode } from "../excel/errors";

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
  scopeWorkbook: "整个工作簿",
  scopeActive: "当前工作表",
  scope: "范围",
  working: "正在处理…",
  stepRead: "正在读取工作表…",
  stepAnalyze: "正在评分…",
  stepWrite: "正在写入结果…",
  findings: "检查结果",
  noFindings: "没有发现问题。",
  noTables: "没有找到绩效指标表（需要“一级指标 / 三级指标 / 指标值”表头）。",
  sheetLevel: "工作表",
  error: "错误",
  warning: "警告",
  info: "提示",
  table: "表",
  total: "总分",
  // The badge of a table's grade. The sheet holds 优/良/中/差; the English names (docs/glossary.md) keep
  // the sheet's character beside them, so the two can be matched.
  grade: { 优: "等级 优", 良: "等级 良", 中: "等级 中", 差: "等级 差" } as Record<Grade, string>,
  unmet: "未达成指标",
  incomplete: "评分不完整",
  budget: "预算执行",
  doneValidate: "校验完成：{tables} 张表，{issues} 条检查结果。",
  validateReadOnly: "工作簿以只读方式打开，未标出未达成的指标。",
  writtenReadOnly: "工作簿以只读方式打开：要保留这些更改，请用“另存为”保存一份。",
  doneScore: "评分完成：写入 {cells} 个单元格。",
  doneScoreSkipped: "评分完成：写入 {cells} 个单元格；{skipped} 个单元格已有他人内容，未覆盖。",
  donePrepare: "已添加年终自评列：写入 {cells} 个单元格。",
  doneUndo: "已撤销上一次操作。",
  doneUndoKept: "已撤销上一次操作；{kept} 个您之后修改过的单元格保持不变。",
  doneClear: "已清除本工具写入的全部结果。",
  retried: "（工作表在评分期间被修改，已重新读取）",
  retriedCells: "（写入时发现您刚修改了 {cells}：那次写入已撤回，已重新读取，您的内容保留）",
  formatsUnsaved: "撤销时将无法恢复 {count} 个单元格原来的填充和字体。",
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
  save: "保存到工作簿",
  reset: "恢复财政部默认",
  saved: "评分设置已保存到本工作簿。",
  resetDone: "已恢复为财政部默认方案。",
  loadingSettings: "正在加载设置…",
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
  scopeWorkbook: "Whole workbook",
  scopeActive: "Active sheet",
  scope: "Scope",
  working: "Working…",
  stepRead: "Reading the sheets…",
  stepAnalyze: "Scoring…",
  stepWrite: "Writing results…",
  findings: "Findings",
  noFindings: "No findings.",
  noTables: "No indicator table found (it needs 一级指标 / 三级指标 / 指标值 headers).",
  sheetLevel: "Sheet",
  error: "Error",
  warning: "Warning",
  info: "Info",
  table: "Table",
  total: "Total",
  grade: { 优: "Excellent (优)", 良: "Good (良)", 中: "Fair (中)", 差: "Poor (差)" },
  unmet: "Unmet targets",
  incomplete: "Scoring incomplete",
  budget: "Budget execution",
  doneValidate: "Validated: {tables} tables, {issues} findings.",
  validateReadOnly: "The workbook is open read-only, so unmet targets were not highlighted.",
  writtenReadOnly: "The workbook is open read-only: to keep these changes, save a copy (Save As).",
  doneScore: "Scored: {cells} cells written.",
  doneScoreSkipped:
    "Scored: {cells} cells written; {skipped} cells hold someone else's content and were left alone.",
  donePrepare: "Year-end columns added: {cells} cells written.",
  doneUndo: "The last action was undone.",
  doneUndoKept: "The last action was undone; {kept} cells you changed since were kept.",
  doneClear: "Every result this tool wrote was cleared.",
  retried: "(the sheet changed during scoring and was read again)",
  retriedCells:
    "(you had just changed {cells} as results were written there: that write was taken back and the sheet read again; your content stays)",
  formatsUnsaved: "Undo will not be able to restore the former fills and fonts of {count} cells.",
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
  save: "Save to workbook",
  reset: "Reset to MoF default",
  saved: "Scoring settings saved in this workbook.",
  resetDone: "Back to the MoF default profile.",
  loadingSettings: "Loading settings…",
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

export function failureText(
  lang: Lang,
  code: FailureCode,
  params: Record<string, string | number> = {}
): string {
  const p = { ...params };
  if (p.sheets) p.sheets = lang === "zh" ? `（${p.sheets}）` : ` (${p.sheets})`;
  if (p.cells) p.cells = lang === "zh" ? `（${p.cells}）` : ` (${p.cells})`;
  const f = STRINGS[lang].failure;
  // Our own words first; Excel's (in whatever language Excel speaks) only as details after them.
  const detail = p.detail === undefined || p.detail === "" ? "" : `${f.details}${p.detail}`;
  // A write refused part-way was taken back (or could not all be): said after the cause.
  const note =
    (p.rolledBack === "yes"
      ? f.rolledBackNote
      : p.rolledBack === "failed"
        ? f.rollbackFailedNote
        : "") + (p.rolledBack && p.formats ? fill(f.formatsUnknownNote, p) : "");
  return fill(f[code], p) + note + detail;
}
