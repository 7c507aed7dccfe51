import { AnalyzeOptions, Analysis, Ledger, SheetGrid, WritePlan } from "./types";

export const SUMMARY_SHEET = "评分汇总";

/** Locates, parses, scores and validates every table of every sheet, and plans the writes of Score. */
export function analyzeWorkbook(sheets: SheetGrid[], options: AnalyzeOptions = {}): Analysis {
  void sheets;
  void options;
  throw new Error("analyzeWorkbook: not implemented yet");
}

/** Plans Prepare: the year-end columns and the 全年执行数 cell for every target table, only into empty cells. */
export function planPrepare(sheets: SheetGrid[], options: AnalyzeOptions = {}): WritePlan {
  void sheets;
  void options;
  throw new Error("planPrepare: not implemented yet");
}

/** Plans Clear: every cell the ledger says the engine wrote, and still holds what it wrote, is emptied. */
export function planClear(sheets: SheetGrid[], ledger: Ledger): WritePlan {
  void sheets;
  void ledger;
  throw new Error("planClear: not implemented yet");
}
