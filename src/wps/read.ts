/**
 * Reads what the engine needs from the active workbook: each sheet's used range as a SheetGrid, the
 * ledger, and what the write must know first (protected sheets, a protected structure).
 *
 * Calls per sheet, whatever its size: the used range's `Value2` and `Formula` once each; `NumberFormat`,
 * hidden rows and merged cells once over the whole range, split only where WPS answers null because the
 * cells differ (ranges.ts `uniform`), plus one `MergeArea` per merged area. The displayed text is not read
 * (`Range.Text` answers one cell, or null for a block): it is derived from the value and its number format
 * with numfmt, as the command line does (src/xlsx/display-text.ts).
 */
import {
  LEDGER_SHEET,
  SUMMARY_SHEET,
  CellValue,
  Ledger,
  MergedArea,
  SheetGrid,
  ledgerFromRows,
} from "../core";
import { displayText } from "../xlsx/display-text";
import { V2, WpsWorkbook, WpsWorksheet, grid } from "./api";
import { Rect, rangeOf, uniform } from "./ranges";

export type Scope = "active" | "workbook";

export interface WpsRead {
  /** Sheets in workbook order, the summary last when it exists; never the ledger sheet. */
  sheets: SheetGrid[];
  ledger: Ledger;
  /** The ledger sheet's rows as stored (Undo puts them back), null when there is none. */
  ledgerRows: CellValue[][] | null;
  /** Every sheet name in workbook order. */
  names: string[];
  activeSheet: string;
  protectedSheets: string[];
  workbookProtected: boolean;
}

function cell(v: V2): CellValue {
  return v === undefined || v === "" ? null : v;
}

/** The used range's rectangle (0-based), null when the sheet is empty. */
export function usedRect(ws: WpsWorksheet): Rect | null {
  const ur = ws.UsedRange;
  const rect = { row: ur.Row - 1, col: ur.Column - 1, rows: ur.Rows.Count, cols: ur.Columns.Count };
  if (rect.rows === 1 && rect.cols === 1 && cell(grid(ur.Value2)[0][0]) === null) return null;
  return rect;
}

/** One sheet's used range as the engine reads it. */
export function readSheet(ws: WpsWorksheet, name: string, date1904: boolean): SheetGrid {
  const r = usedRect(ws);
  if (!r)
    return { name, originRow: 0, originCol: 0, values: [], text: [], formats: [], formulas: [] };
  const range = rangeOf(ws, r);
  const raw = grid(range.Value2);
  const rawFormulas = grid(range.Formula);
  const values = raw.map((row) => row.map(cell));
  const formulas = rawFormulas.map((row) =>
    row.map((f) => (typeof f === "string" && f.startsWith("=") ? f : ""))
  );
  const formats: string[][] = values.map((row) => row.map(() => "General"));
  for (const b of uniform(ws, r, (x) => x.NumberFormat))
    for (let i = 0; i < b.rect.rows; i++)
      for (let j = 0; j < b.rect.cols; j++)
        formats[b.rect.row - r.row + i][b.rect.col - r.col + j] = b.value || "General";
  const text = values.map((row, i) => row.map((v, j) => displayText(v, formats[i][j], date1904)));
  const hiddenRows: number[] = [];
  for (const b of uniform(ws, r, (x) => x.EntireRow.Hidden, "rowsOnly"))
    if (b.value) for (let i = 0; i < b.rect.rows; i++) hiddenRows.push(b.rect.row + i);
  return {
    name,
    originRow: r.row,
    originCol: r.col,
    values,
    text,
    formats,
    formulas,
    merges: mergedAreas(ws, r),
    hiddenRows,
    ...(date1904 ? { date1904 } : {}),
  };
}

/** The merged areas over `r`: blocks where MergeCells is true, each cell's MergeArea asked once. */
export function mergedAreas(ws: WpsWorksheet, r: Rect): MergedArea[] {
  const out: MergedArea[] = [];
  const inside = (row: number, col: number) =>
    out.some((m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols);
  for (const b of uniform(ws, r, (x) => x.MergeCells, "rows")) {
    if (!b.value) continue;
    for (let i = 0; i < b.rect.rows; i++)
      for (let j = 0; j < b.rect.cols; j++) {
        const row = b.rect.row + i;
        const col = b.rect.col + j;
        if (inside(row, col)) continue;
        const area = rangeOf(ws, { row, col, rows: 1, cols: 1 }).MergeArea;
        out.push({
          row: area.Row - 1,
          col: area.Column - 1,
          rows: area.Rows.Count,
          cols: area.Columns.Count,
        });
      }
  }
  return out;
}

/** The ledger sheet's rows (its used range from A1), or null when the workbook has none. */
export function readLedgerRows(wb: WpsWorkbook, names: readonly string[]): CellValue[][] | null {
  if (!names.includes(LEDGER_SHEET)) return null;
  const ws = wb.Worksheets.Item(LEDGER_SHEET);
  const r = usedRect(ws);
  if (!r) return [];
  const rows = grid(
    rangeOf(ws, { row: 0, col: 0, rows: r.row + r.rows, cols: r.col + r.cols }).Value2
  );
  return rows.map((row) => row.map(cell));
}

export function sheetNames(wb: WpsWorkbook): string[] {
  const sheets = wb.Worksheets;
  const n = sheets.Count;
  const names: string[] = [];
  for (let i = 1; i <= n; i++) names.push(sheets.Item(i).Name);
  return names;
}

export function readWorkbook(wb: WpsWorkbook, scope: Scope): WpsRead {
  const names = sheetNames(wb);
  const activeSheet = wb.ActiveSheet.Name;
  const date1904 = !!wb.Date1904;
  const wanted = names.filter(
    (n) => n !== LEDGER_SHEET && (scope === "workbook" || n === activeSheet || n === SUMMARY_SHEET)
  );
  const sheets: SheetGrid[] = [];
  const protectedSheets: string[] = [];
  for (const name of [
    ...wanted.filter((n) => n !== SUMMARY_SHEET),
    ...wanted.filter((n) => n === SUMMARY_SHEET),
  ]) {
    const ws = wb.Worksheets.Item(name);
    if (ws.ProtectContents) protectedSheets.push(name);
    sheets.push(readSheet(ws, name, date1904));
  }
  const ledgerRows = readLedgerRows(wb, names);
  return {
    sheets,
    ledger: ledgerFromRows(ledgerRows ?? []),
    ledgerRows,
    names,
    activeSheet,
    protectedSheets,
    workbookProtected: !!wb.ProtectStructure,
  };
}
