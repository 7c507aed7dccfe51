/**
 * Rectangles of cells and how they are read in few calls. A1 addresses from 0-based rectangles; `uniform`
 * reads one property over a rectangle and, where WPS answers null (the cells differ), halves it and asks
 * again: the calls grow with the number of places the property changes, never with the number of cells.
 */
import { Rect, a1 } from "../core";
import type { WpsRange, WpsWorksheet } from "./api";

export type { Rect };

export function address(r: Rect): string {
  const first = a1(r.row, r.col);
  return r.rows === 1 && r.cols === 1
    ? first
    : `${first}:${a1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

export function rangeOf(ws: WpsWorksheet, r: Rect): WpsRange {
  return ws.Range(address(r));
}

/** A property's value over blocks of `r` where it is the same in every cell. */
export interface Block<T> {
  rect: Rect;
  value: T;
}

/**
 * `get` over `r`, halved where WPS answers null. `split`: which halving comes first — "cols" (what differs
 * by column: number formats, fills, the plan's output columns), "rows" (what spans rows: merged titles and
 * labels), or "rowsOnly" (a property of whole rows, such as Hidden).
 */
export function uniform<T>(
  ws: WpsWorksheet,
  r: Rect,
  get: (range: WpsRange) => T | null,
  split: "cols" | "rows" | "rowsOnly" = "cols"
): Block<T>[] {
  const out: Block<T>[] = [];
  const halve = (q: Rect, byCols: boolean) => {
    const n = byCols ? q.cols : q.rows;
    const h = Math.floor(n / 2);
    if (byCols) {
      visit({ ...q, cols: h });
      visit({ ...q, col: q.col + h, cols: q.cols - h });
    } else {
      visit({ ...q, rows: h });
      visit({ ...q, row: q.row + h, rows: q.rows - h });
    }
  };
  const visit = (q: Rect): void => {
    const v = get(rangeOf(ws, q));
    if (v !== null && v !== undefined) {
      out.push({ rect: q, value: v });
      return;
    }
    const canCols = q.cols > 1 && split !== "rowsOnly";
    const canRows = q.rows > 1;
    if (split === "cols" ? canCols : !canRows && canCols) halve(q, true);
    else if (canRows) halve(q, false);
    // A single cell answering null: the property has no value there (left out).
  };
  visit(r);
  return out;
}

/** Groups the cells of a 2-D array of keys into rectangles of equal key (vertical runs, then across). */
export function blocksOf<K>(
  origin: { row: number; col: number },
  keys: readonly (readonly K[])[],
  same: (a: K, b: K) => boolean = (a, b) => a === b
): Block<K>[] {
  const out: Block<K>[] = [];
  const rows = keys.length;
  const cols = rows ? keys[0].length : 0;
  for (let j = 0; j < cols; j++) {
    let start = 0;
    for (let i = 1; i <= rows; i++) {
      if (i < rows && same(keys[i][j], keys[start][j])) continue;
      const rect = { row: origin.row + start, col: origin.col + j, rows: i - start, cols: 1 };
      // Continues the block of the previous column with the same rows and key.
      const left = out.find(
        (b) =>
          b.rect.row === rect.row &&
          b.rect.rows === rect.rows &&
          b.rect.col + b.rect.cols === rect.col &&
          same(b.value, keys[start][j])
      );
      if (left) left.rect.cols++;
      else out.push({ rect, value: keys[start][j] });
      start = i;
    }
  }
  return out;
}
