/**
 * Pure geometry: turns a list of single cells into a few rectangles, so that a WritePlan of 30,000
 * cells becomes a few dozen `range.values = [[...]]` assignments instead of 30,000 proxy objects.
 */

export interface CellRef {
  row: number;
  col: number;
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * Groups cells into rectangles covering exactly those cells (no extra cell), cells of one rectangle
 * sharing the same `classOf` key. Vertical runs per column first (plans are column-shaped: a score
 * column, a completion column), then neighbouring columns with the same run are merged.
 */
export function toRects<T extends CellRef>(
  cells: readonly T[],
  classOf: (c: T) => string = () => ""
): { rect: Rect; cls: string }[] {
  const byCol = new Map<number, T[]>();
  for (const c of cells) {
    const list = byCol.get(c.col);
    if (list) list.push(c);
    else byCol.set(c.col, [c]);
  }
  // runs keyed by "row0:rows:cls" per column
  const runs: { col: number; row: number; rows: number; cls: string }[] = [];
  for (const [col, list] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.row - b.row);
    let start = -1;
    let prev = -2;
    let cls = "";
    for (const c of list) {
      const k = classOf(c);
      if (c.row === prev) continue; // duplicate cell: the first wins
      if (start >= 0 && c.row === prev + 1 && k === cls) {
        prev = c.row;
        continue;
      }
      if (start >= 0) runs.push({ col, row: start, rows: prev - start + 1, cls });
      start = c.row;
      prev = c.row;
      cls = k;
    }
    if (start >= 0) runs.push({ col, row: start, rows: prev - start + 1, cls });
  }
  // merge horizontally: a run continues the rectangle that ends in the previous column with the same rows
  const open = new Map<string, { rect: Rect; cls: string }>();
  const out: { rect: Rect; cls: string }[] = [];
  for (const r of runs) {
    const key = `${r.row}:${r.rows}:${r.cls}`;
    const o = open.get(key);
    if (o && o.rect.col + o.rect.cols === r.col) {
      o.rect.cols++;
    } else {
      const n = { rect: { row: r.row, col: r.col, rows: r.rows, cols: 1 }, cls: r.cls };
      open.set(key, n);
      out.push(n);
    }
  }
  return out;
}

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
