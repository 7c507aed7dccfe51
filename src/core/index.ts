/**
 * The engine's public surface. Adapters (xlsx, Office.js) and the task pane import from here only.
 *
 *   analyzeWorkbook(sheets, options) → { report, tables, plan }   Validate and Score (plan = the writes of Score)
 *   planPrepare(sheets, options)     → WritePlan                 Prepare a 绩效目标表 for year end
 *   planClear(sheets, ledger)        → WritePlan                 Remove every output the engine wrote
 *
 * `sheets` are all the sheets the adapter read (the ledger sheet and the summary sheet are skipped by
 * name); the ledger is passed in `options.ledger` (read it with ledgerFromGrid).
 */
export * from "./types";
export { analyzeWorkbook, planPrepare, planClear, SUMMARY_SHEET } from "./analyze";
export { FORMS_SHEET, OWN_SHEETS } from "./own-sheets";
export { cellWrites, cellWriteCount } from "./plan-writes";
export { DEFAULT_PROFILE, resolveProfile, ProfileError } from "./profile";
export {
  LEDGER_SHEET,
  Ledger,
  WIDTH_TOLERANCE_CHARS,
  ledgerFromGrid,
  ledgerFromRows,
  ledgerToRows,
} from "./ledger";
export { a1, parseA1, columnLetters, sheetRef } from "./a1";
export { emptyGrid } from "./grid";
export { areasOfAddress } from "./merges";
export { needsQuotePrefix } from "./text";
export { followSheets } from "./ledger";
export { DATE1904_OFFSET } from "./dates";
export { isDateFormat } from "./number-format";
export { planOps, rowHeightRuns, toRects, writeOpsOfCells, writeOpsOfRuns } from "./write-ops";
export type { WriteOp, CellRef } from "./write-ops";
export { STYLES } from "./style";
export { roundHalfUp } from "./decimal";
