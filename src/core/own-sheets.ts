/**
 * The sheets the tool makes whole (the summary, the forms) and how it tells they are still its own.
 */
import type { Ledger } from "./ledger";
import type { CellValue, CellWrite, OwnSheetPlan, SheetGrid } from "./types";

export const SUMMARY_SHEET = "评分汇总";
/**
 * The official 项目支出绩效自评表, one printed page a project (财预〔2020〕10号 附件). Not plain 绩效自评表:
 * units often give their own year-end sheet that name, and the tool never touches a sheet it did not make.
 */
export const FORMS_SHEET = "绩效自评表（打印）";
/** Every sheet the tool may make, rebuild or remove, in the order they are planned. */
export const OWN_SHEETS = [SUMMARY_SHEET, FORMS_SHEET] as const;
/**
 * Own sheets recorded in the ledger by one digest of what was written rather than cell by cell: the
 * forms run to a page a project, ten cells an indicator, and recording each would make the ledger sheet
 * as large as the forms (a workbook of 100,000 indicators: 900,000 cells more, most of them texts).
 */
const BY_DIGEST: ReadonlySet<string> = new Set([FORMS_SHEET]);

/** Accumulated hashes of the cells seen so far (two 32-bit sums) and their count. */
interface Digest {
  n: number;
  x: number;
  y: number;
}

/**
 * Adds one cell: two 32-bit FNV-1a-style hashes (different primes) of its row, column, type and text.
 * Written without closures or string building: the forms of a large workbook hash a million cells.
 */
function addCell(d: Digest, row: number, col: number, v: string | number): void {
  let a = 0x811c9dc5 ^ Math.imul(row, 0x9e3779b1) ^ col;
  let b = 0x5bd1e995 ^ Math.imul(col, 0x85ebca6b) ^ row;
  if (typeof v === "number") {
    // To a millionth, as two 32-bit halves: a round trip through a file moves a figure far less.
    const m = Math.round(v * 1e6);
    const lo = (m % 0x100000000) | 0;
    const hi = Math.floor(m / 0x100000000) | 0;
    a = Math.imul(a ^ 1, 0x01000193);
    a = Math.imul(a ^ lo, 0x01000193);
    a = Math.imul(a ^ hi, 0x01000193);
    b = Math.imul(b ^ lo, 0x5bd1e995) ^ (b >>> 15);
    b = Math.imul(b ^ hi, 0x5bd1e995) ^ (b >>> 15);
  } else {
    const text = v.trim();
    a = Math.imul(a ^ 2, 0x01000193);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
  }
  d.x = (d.x + (a >>> 0)) >>> 0;
  d.y = (d.y + (b >>> 0)) >>> 0;
  d.n++;
}

const isBlankValue = (v: CellValue | undefined) =>
  v === null || v === undefined || (typeof v === "string" && v.trim() === "");

const digestText = (d: Digest) => `v1:${d.n}:${d.x.toString(16)}:${d.y.toString(16)}`;

/**
 * A digest of a sheet's non-blank cells that does not depend on their order: the count and the sums of
 * each cell's two hashes. Numbers are taken to a millionth (float noise of a round trip through a file is
 * far less), texts trimmed: about what sameAsRecorded allows, cell by cell.
 */
export function gridDigest(g: SheetGrid): string {
  const d: Digest = { n: 0, x: 0, y: 0 };
  for (let i = 0; i < g.values.length; i++) {
    const r = g.values[i];
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (isBlankValue(v)) continue;
      addCell(d, g.originRow + i, g.originCol + j, typeof v === "boolean" ? `\u0000${v}` : v!);
    }
  }
  return digestText(d);
}

/** The digest of what a plan writes (see gridDigest): the same as the sheet's once written. */
export function writesDigest(writes: readonly CellWrite[]): string {
  const d: Digest = { n: 0, x: 0, y: 0 };
  for (const w of writes) if (!isBlankValue(w.value)) addCell(d, w.row, w.col, w.value!);
  return digestText(d);
}

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
  const digest = ledger.digest(name);
  if (g && digest !== undefined) return gridDigest(g) === digest;
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
  if (BY_DIGEST.has(plan.name)) ledger.setDigest(plan.name, writesDigest(plan.writes));
  else
    for (const w of plan.writes) if (w.value !== null) ledger.set(plan.name, w.row, w.col, w.value);
}
