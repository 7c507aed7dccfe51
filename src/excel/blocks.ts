/**
 * Request geometry: row bands, request sizes and packing. Cells become rectangles with core's `toRects`
 * (the write contract's grouping, shared with the .xlsx writer).
 */
import type { Rect } from "../core";

export type { CellRef, Rect } from "../core";

/** Splits a rectangle into row bands of at most `maxRows` rows. */
export function splitRows(rect: Rect, maxRows: number): Rect[] {
  if (rect.rows <= maxRows) return [rect];
  const out: Rect[] = [];
  for (let r = 0; r < rect.rows; r += maxRows)
    out.push({ ...rect, row: rect.row + r, rows: Math.min(maxRows, rect.rows - r) });
  return out;
}

/** Bytes of the JSON Office.js would send for a value; what the 5 MB request limit is measured on. */
export function jsonBytes(x: unknown): number {
  const s = JSON.stringify(x) ?? "";
  // UTF-8: CJK characters take 3 bytes; JSON.stringify leaves them unescaped.
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) extra += 2;
    else if (c >= 0x80) extra += 1;
  }
  return s.length + extra;
}

/**
 * Envelope of an Office.js request, per call. A proxy-creating call (getRangeByIndexes) costs an ObjectPath
 * record plus an Instantiate action (~230 bytes of JSON); a property set or a method call one Action
 * record (~120 bytes) plus its arguments. Rounded up from requests captured in Excel on the web.
 */
export const PATH_BYTES = 230;
export const ACTION_OVERHEAD = 120;

/** Packs items into bins of at most `limit` bytes, keeping order; an item larger than the limit gets a bin alone. */
export function packBins<T>(
  items: readonly T[],
  sizeOf: (t: T) => number,
  limit: number,
  firstBinUsed = 0
): T[][] {
  const bins: T[][] = [[]];
  let used = firstBinUsed;
  for (const it of items) {
    const s = sizeOf(it);
    if (used + s > limit && bins[bins.length - 1].length > 0) {
      bins.push([]);
      used = 0;
    } else if (used + s > limit && bins.length === 1 && firstBinUsed > 0) {
      bins.push([]);
      used = 0;
    }
    bins[bins.length - 1].push(it);
    used += s;
  }
  return bins;
}
