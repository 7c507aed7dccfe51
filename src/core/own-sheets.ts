/**
 * The sheets the tool makes whole (the summary, the forms) and how it tells they are still its own.
 */
import type { Ledger } from "./ledger";
import type { CellValue, OwnSheetPlan, SheetGrid } from "./types";

export const SUMMARY_SHEET = "评分汇总";
/** The official 项目支出绩效自评表, one printed page a project (财预〔2020〕10号 附件). */
export const FORMS_SHEET = "绩效自评表";
/** Every sheet the tool may make, rebuild or remove, in the order they are planned. */
export const OWN_SHEETS = [SUMMARY_SHEET, FORMS_SHEET] as const;

/** A cell still holds what the ledger recorded (numbers to within float noise, text trimmed). */
export function sameAsRecorded(
  cur: CellValue | undefined,
  recorded: string | number | null
): boolean {
  if (cur === undefined) cur = null;
  if (recorded === null) return cur === null || (typeof cur === "string" && cur.trim() === "");
  if (typeof recorded === "number")
    return (
      typeof cur === "number" && Math.abs(cur - recorded) <= 1e-9 * Math.max(1, Math.abs(recorded))
    );
  return typeof cur === "string" && cur.trim() === recorded.trim();
}

/**
 * One of the tool's sheets is the engine's to rebuild or remove: the ledger says the engine made it, and
 * it still holds exactly what was written (a note typed beside it, or a figure changed, makes it the
 * user's). A ledger from before the sheet's cells were recorded is trusted on the sheet's name alone.
 */
export function ownSheetIsOurs(
  grids: Map<string, SheetGrid>,
  ledger: Ledger,
  name: string
): boolean {
  if (!ledger.ownsSheet(name)) return false;
  const g = grids.get(name);
  if (!g || ledger.columnsOf(name).length === 0) return true;
  for (const [row, col, value] of ledger.cellsOf(name))
    if (!sameAsRecorded(g.values[row - g.originRow]?.[col - g.originCol] ?? null, value))
      return false;
  for (let i = 0; i < g.values.length; i++) {
    const r = g.values[i];
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (v === null || (typeof v === "string" && v.trim() === "")) continue;
      if (!ledger.has(name, g.originRow + i, g.originCol + j)) return false;
    }
  }
  return true;
}

/** The summary sheet is the engine's (see ownSheetIsOurs). */
export function summaryIsOurs(grids: Map<string, SheetGrid>, ledger: Ledger): boolean {
  return ownSheetIsOurs(grids, ledger, SUMMARY_SHEET);
}

/**
 * Records a rebuilt own sheet in the ledger: what was recorded of it before gives way to what is written
 * now; the sheet's stable id, when known, is kept so that a rename is followed.
 */
export function recordOwnSheet(ledger: Ledger, plan: OwnSheetPlan): void {
  const id = ledger.sheetId(plan.name);
  ledger.dropSheet(plan.name);
  ledger.addSheet(plan.name);
  if (id !== undefined) ledger.setSheetId(plan.name, id);
  for (const w of plan.writes) if (w.value !== null) ledger.set(plan.name, w.row, w.col, w.value);
}
