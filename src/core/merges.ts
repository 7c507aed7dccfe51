import { parseA1 } from "./a1";
import { MergedArea } from "./types";

/**
 * The areas of a multi-area address as Office.js gives it (`Sheet1!A1:B4, Sheet1!D1:D4`, sheet names quoted
 * when needed): each area is read from its `!` on, so a sheet name's own commas or quotes do not matter.
 * Areas that are not a two-corner rectangle (whole rows or columns) are left out.
 */
export function areasOfAddress(address: string): MergedArea[] {
  const out: MergedArea[] = [];
  for (const m of address.matchAll(
    /!(\$?[A-Za-z]{1,3}\$?\d{1,7}):(\$?[A-Za-z]{1,3}\$?\d{1,7})\s*(?=,|$)/g
  )) {
    const a = parseA1(m[1]);
    const b = parseA1(m[2]);
    if (!a || !b) continue;
    const row = Math.min(a.row, b.row);
    const col = Math.min(a.col, b.col);
    out.push({ row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 });
  }
  return out;
}

/**
 * The merged areas of a sheet, looked up by cell. A merge shows its top-left cell's value over the whole
 * area and hides the other cells: a value written there is not seen (or refused), so the plan treats them
 * as taken, and places the columns it adds right of a table's merged cells rather than inside them.
 */
export class Merges {
  /** Per column, the areas covering it, by first row (areas never overlap, so at most one per cell). */
  private readonly byCol = new Map<number, MergedArea[]>();

  constructor(areas: readonly MergedArea[] = []) {
    for (const a of areas) {
      if (!(a.rows >= 1 && a.cols >= 1) || a.rows * a.cols === 1) continue;
      for (let c = a.col; c < a.col + a.cols; c++) {
        let list = this.byCol.get(c);
        if (!list) this.byCol.set(c, (list = []));
        list.push(a);
      }
    }
    for (const list of this.byCol.values()) list.sort((x, y) => x.row - y.row);
  }

  get size(): number {
    return this.byCol.size;
  }

  /** The area covering the cell, or null. */
  at(row: number, col: number): MergedArea | null {
    const list = this.byCol.get(col);
    if (!list) return null;
    const found = lastStartingAtOrAbove(list, row);
    if (found < 0) return null;
    const a = list[found];
    return row < a.row + a.rows ? a : null;
  }

  /** The cell lies inside a merged area and is not its top-left cell. */
  hidden(row: number, col: number): boolean {
    if (this.byCol.size === 0) return false;
    const a = this.at(row, col);
    return a !== null && (a.row !== row || a.col !== col);
  }

  /**
   * The right-most column reached by the areas that start in columns firstCol..lastCol and cover any of the
   * rows top..bottom; `lastCol` when none reaches further.
   */
  rightEdge(top: number, bottom: number, firstCol: number, lastCol: number): number {
    let edge = lastCol;
    if (this.byCol.size === 0) return edge;
    for (let c = firstCol; c <= lastCol; c++) {
      const list = this.byCol.get(c);
      if (!list) continue;
      // Areas of one column do not overlap, so they end in the order they start: skip those ending above.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].row + list[mid].rows <= top) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < list.length && list[k].row <= bottom; k++) {
        const a = list[k];
        if (a.col === c) edge = Math.max(edge, a.col + a.cols - 1);
      }
    }
    return edge;
  }
}

/** In a list sorted by `row`, the index of the last item starting at or above `row`, or -1. */
export function lastStartingAtOrAbove(list: readonly { row: number }[], row: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].row <= row) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
