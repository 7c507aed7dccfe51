/**
 * Reads what the engine needs in ONE Excel.run: the sheets' used ranges (values, displayed text, number
 * formats, formulas), the ledger sheet and the summary sheet. One context.sync() for the active sheet,
 * two for the whole workbook (the first only learns the sheet names).
 */
import { LEDGER_SHEET, SUMMARY_SHEET, CellValue, Ledger, SheetGrid, ledgerFromGrid } from "../core";

export type Scope = "active" | "workbook";

/** What was read, plus what the writer needs to know about the workbook's state at read time. */
export interface WorkbookRead {
  /** Sheets in workbook order, never the ledger sheet; the summary sheet last when it exists (the engine
   *  skips it when the ledger says it is ours, and reports it as occupied when it is not). */
  sheets: SheetGrid[];
  ledger: Ledger;
  /** Rows of the ledger sheet as stored (so that Undo can put them back). */
  ledgerRows: CellValue[][];
  activeSheet: string;
  summaryExists: boolean;
  /** The summary sheet's used range at read time (for Undo), null when absent or empty. */
  summaryGrid: SheetGrid | null;
  ledgerExists: boolean;
  protectedSheets: string[];
  /** Fingerprint of every read sheet's used range (address + values): how a later write detects edits. */
  fingerprints: Map<string, string>;
  /** All sheet names in workbook order (workbook scope), the hint for the next read. */
  names: string[];
}

/** Fingerprint of a sheet with no values (the used range is a null object, or A1 holding nothing). */
export const EMPTY_FINGERPRINT = "empty";

const RANGE_PROPS = "address,rowIndex,columnIndex,values,text,numberFormat,formulas";

/** 32-bit FNV-1a over a string, hex. Cheap; only compared for equality. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

export function fingerprint(address: string, values: unknown[][]): string {
  if (isEmptyRange(values)) return EMPTY_FINGERPRINT;
  return `${values.length}x${values[0]?.length ?? 0}:${fnv1a(address + "\u0001" + JSON.stringify(values))}`;
}

/** Loaded range data → SheetGrid. `formulas` from Excel repeats constants; only real formulas are kept. */
export function toSheetGrid(
  name: string,
  r: { rowIndex: number; columnIndex: number; values: unknown[][]; text?: string[][]; numberFormat?: unknown[][]; formulas?: unknown[][] },
): SheetGrid {
  const values: CellValue[][] = r.values.map((row) =>
    row.map((v) => (v === undefined ? null : (v as CellValue))),
  );
  const text: string[][] = values.map((row, i) =>
    row.map((v, j) => {
      const t = r.text?.[i]?.[j];
      const s = t === undefined || t === null ? (v === null ? "" : String(v)) : String(t);
      // "#####" is Excel saying the column is too narrow, not the cell's text: fall back to the raw value.
      return /^#+$/.test(s) && typeof v === "number" ? "" : s;
    }),
  );
  const grid: SheetGrid = { name, originRow: r.rowIndex, originCol: r.columnIndex, values, text };
  if (r.numberFormat) grid.formats = r.numberFormat.map((row) => row.map((f) => (typeof f === "string" ? f : "General")));
  if (r.formulas) {
    grid.formulas = r.formulas.map((row, i) =>
      row.map((f, j) => (typeof f === "string" && f.startsWith("=") && f !== values[i]?.[j] ? f : "")),
    );
  }
  return grid;
}

/** True when a used range read with valuesOnly is really empty (Excel returns A1 with "" for a blank sheet). */
function isEmptyRange(values: unknown[][]): boolean {
  return values.length === 1 && values[0].length === 1 && (values[0][0] === "" || values[0][0] === null);
}

/** Queues and syncs the reads. Never more than two syncs, whatever the size of the workbook. */
export async function readWorkbook(context: Excel.RequestContext, scope: Scope, hint?: readonly string[]): Promise<WorkbookRead> {
  const worksheets = context.workbook.worksheets;
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const summary = worksheets.getItemOrNullObject(SUMMARY_SHEET);
  summary.load("name");
  const summaryUsed = summary.getUsedRangeOrNullObject(true);
  summaryUsed.load(RANGE_PROPS);
  const ledgerSheet = worksheets.getItemOrNullObject(LEDGER_SHEET);
  ledgerSheet.load("name");
  const ledgerUsed = ledgerSheet.getUsedRangeOrNullObject(true);
  ledgerUsed.load("rowIndex,columnIndex,values");

  type Pending = { sheet: Excel.Worksheet; used: Excel.Range; name?: string };
  let pending: Pending[] = [];
  let names: string[] = [];
  const own = (n: string) => n === LEDGER_SHEET || n === SUMMARY_SHEET; // read separately above
  if (scope === "active") {
    active.protection.load("protected");
    const used = active.getUsedRange(true);
    used.load(RANGE_PROPS);
    pending = [{ sheet: active, used }];
    await context.sync();
  } else {
    // The sheet names are needed before the used ranges can be asked for. With the names of the previous
    // run as a hint, both go in one sync; only a workbook whose sheets changed needs a second one.
    worksheets.load("items/name");
    const queueSheet = (name: string): Pending => {
      const sheet = worksheets.getItemOrNullObject(name);
      sheet.protection.load("protected");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load(RANGE_PROPS);
      return { sheet, used, name };
    };
    const hinted = new Map((hint ?? []).filter((n) => !own(n)).map((n) => [n, queueSheet(n)]));
    await context.sync();
    names = worksheets.items.map((w) => w.name);
    const missing = names.filter((n) => !own(n) && !hinted.has(n));
    const fresh = new Map(missing.map((n) => [n, queueSheet(n)]));
    if (missing.length) await context.sync();
    pending = names.filter((n) => !own(n)).map((n) => hinted.get(n) ?? fresh.get(n)!);
  }

  const sheets: SheetGrid[] = [];
  const fingerprints = new Map<string, string>();
  const protectedSheets: string[] = [];
  for (const p of pending) {
    const name = p.name ?? p.sheet.name;
    if (name === LEDGER_SHEET || name === SUMMARY_SHEET) continue;
    if (p.sheet.protection.protected) protectedSheets.push(name);
    const empty = p.used.isNullObject || isEmptyRange(p.used.values);
    sheets.push(
      empty
        ? { name, originRow: 0, originCol: 0, values: [], text: [], formats: [], formulas: [] }
        : toSheetGrid(name, p.used),
    );
    fingerprints.set(name, p.used.isNullObject ? EMPTY_FINGERPRINT : fingerprint(p.used.address, p.used.values));
  }

  const ledgerExists = !ledgerSheet.isNullObject;
  let ledgerRows: CellValue[][] = [];
  let ledger: Ledger = new Map();
  if (ledgerExists && !ledgerUsed.isNullObject) {
    // The ledger's own columns are A:C; anything else in that sheet is not the engine's concern.
    const grid = toSheetGrid(LEDGER_SHEET, { rowIndex: ledgerUsed.rowIndex, columnIndex: ledgerUsed.columnIndex, values: ledgerUsed.values });
    if (grid.originRow === 0 && grid.originCol === 0) {
      ledgerRows = grid.values.map((row) => row.slice(0, 3));
      ledger = ledgerFromGrid({ ...grid, values: ledgerRows });
    }
  }
  const summaryExists = !summary.isNullObject;
  const summaryGrid = summaryExists && !summaryUsed.isNullObject && !isEmptyRange(summaryUsed.values) ? toSheetGrid(SUMMARY_SHEET, summaryUsed) : null;
  if (summaryExists && !sheets.some((s) => s.name === SUMMARY_SHEET)) {
    sheets.push(summaryGrid ?? { name: SUMMARY_SHEET, originRow: 0, originCol: 0, values: [], text: [], formats: [], formulas: [] });
  }
  return {
    sheets,
    ledger,
    ledgerRows,
    activeSheet: active.name,
    summaryExists,
    summaryGrid,
    ledgerExists,
    protectedSheets,
    fingerprints,
    names,
  };
}
