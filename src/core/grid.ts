import { CellValue, SheetGrid } from "./types";

/** Read access to a SheetGrid by absolute sheet coordinates; outside the used range everything is blank. */

export function gridRowCount(g: SheetGrid): number {
  return g.values.length;
}

export function gridColCount(g: SheetGrid): number {
  let n = 0;
  for (const r of g.values) if (r.length > n) n = r.length;
  return n;
}

/** Last sheet row (0-based, exclusive) of the used range. */
export function rowEnd(g: SheetGrid): number {
  return g.originRow + g.values.length;
}

export function colEnd(g: SheetGrid): number {
  return g.originCol + gridColCount(g);
}

export function valueAt(g: SheetGrid, row: number, col: number): CellValue {
  const r = g.values[row - g.originRow];
  if (!r) return null;
  const v = r[col - g.originCol];
  return v === undefined ? null : v;
}

/** Displayed text, falling back to the raw value when the adapter gave no text. */
export function textAt(g: SheetGrid, row: number, col: number): string {
  const t = g.text[row - g.originRow]?.[col - g.originCol];
  if (t !== undefined && t !== null && t !== "") return String(t);
  const v = valueAt(g, row, col);
  return v === null ? "" : String(v);
}

export function formatAt(g: SheetGrid, row: number, col: number): string {
  return g.formats?.[row - g.originRow]?.[col - g.originCol] ?? "General";
}

export function formulaAt(g: SheetGrid, row: number, col: number): string {
  return g.formulas?.[row - g.originRow]?.[col - g.originCol] ?? "";
}

/** A cell with no value, no displayed text and no formula. Whitespace-only text counts as blank. */
export function isBlank(g: SheetGrid, row: number, col: number): boolean {
  if (formulaAt(g, row, col)) return false;
  return textAt(g, row, col).trim() === "";
}

/** A sheet with nothing in it. */
export function emptyGrid(name: string): SheetGrid {
  return { name, originRow: 0, originCol: 0, values: [], text: [], formats: [], formulas: [] };
}
