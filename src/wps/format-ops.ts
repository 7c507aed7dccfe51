/**
 * The contract's format operations on a WPS sheet, each saving what it changes first: column widths, the
 * named styles of the tool's own sheets, formatLike (a form's own styles onto added columns, property by
 * property, without the clipboard) and print areas.
 */
import { STYLES, StyleName, WIDTH_TOLERANCE_CHARS, columnLetters } from "../core";
import { XL, bgr } from "./api";
import { FORMAT_PROPS, PROPS, Target, snapshot } from "./props";
import { Rect, address, rangeOf, uniform } from "./ranges";

const H_ALIGN = { left: XL.hLeft, center: XL.hCenter, right: XL.hRight } as const;
const V_ALIGN = { top: XL.vTop, center: XL.vCenter } as const;

/** A width where the column still has the standard width; reset: the standard width where ours stands. */
export function setWidth(
  t: Target,
  sheet: string,
  col: number,
  width: number,
  reset: boolean
): void {
  const ws = t.ws(sheet);
  const letters = columnLetters(col);
  const column = () => ws().Range(`${letters}:${letters}`);
  const current = column().ColumnWidth ?? 0;
  const standard = !!column().UseStandardWidth;
  if (reset ? Math.abs(current - width) > WIDTH_TOLERANCE_CHARS : !standard) return;
  t.save(() => {
    if (standard) column().UseStandardWidth = true;
    else column().ColumnWidth = current;
  });
  if (reset) column().UseStandardWidth = true;
  else column().ColumnWidth = width;
}

/**
 * A named style (style.ts) on the tool's own sheets: put back with the sheet itself. A merged area whose
 * top-left cell is in `rect` takes the style whole (`merges`: the sheet's layout), as the add-in and the
 * .xlsx writer give it: set on the top-left cell alone, its borders would stop short of the area's edges.
 */
export function cellStyle(
  t: Target,
  sheet: string,
  rect: Rect,
  name: StyleName,
  mergesByRow: ReadonlyMap<number, readonly Rect[]>
): void {
  styleRange(t, sheet, rect, name);
  for (let row = rect.row; row < rect.row + rect.rows; row++)
    for (const m of mergesByRow.get(row) ?? [])
      if (m.col >= rect.col && m.col < rect.col + rect.cols) styleRange(t, sheet, m, name);
}

/** A layout's merged areas by their top row (a forms sheet has thousands; each style looks up its rows). */
export function mergesByTopRow(merges: readonly Rect[]): Map<number, Rect[]> {
  const by = new Map<number, Rect[]>();
  for (const m of merges)
    if (m.rows > 1 || m.cols > 1) {
      const list = by.get(m.row);
      if (list) list.push(m);
      else by.set(m.row, [m]);
    }
  return by;
}

function styleRange(t: Target, sheet: string, rect: Rect, name: StyleName): void {
  const s = STYLES[name];
  const r = rangeOf(t.ws(sheet)(), rect);
  if (s.bold !== undefined) r.Font.Bold = s.bold;
  if (s.size !== undefined) r.Font.Size = s.size;
  if (s.border) {
    r.Borders.LineStyle = XL.continuous;
    r.Borders.Weight = XL.thin;
  }
  if (s.h) r.HorizontalAlignment = H_ALIGN[s.h];
  if (s.v) r.VerticalAlignment = V_ALIGN[s.v];
  if (s.wrap !== undefined) r.WrapText = s.wrap;
  if (s.fill) r.Interior.Color = bgr(s.fill);
}

/** Each cell (r, c) of rect takes the format of (r, fromCol), property by property. */
export function formatLike(t: Target, sheet: string, rect: Rect, fromCol: number): void {
  const ws = t.ws(sheet);
  t.save(snapshot(ws, rect, FORMAT_PROPS));
  const source = { row: rect.row, col: fromCol, rows: rect.rows, cols: 1 };
  for (const p of FORMAT_PROPS)
    for (const b of uniform(ws(), source, PROPS[p].get))
      PROPS[p].set(rangeOf(ws(), { ...b.rect, col: rect.col, cols: rect.cols }), b.value);
}

/** The print area set to `area` ("$A$1:$H$20"), or removed (null). */
export function printArea(t: Target, sheet: string, area: Rect | null): void {
  const ws = t.ws(sheet);
  const before = ws().PageSetup.PrintArea;
  t.save(() => {
    ws().PageSetup.PrintArea = before;
  });
  ws().PageSetup.PrintArea = area ? address(area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2") : "";
}
