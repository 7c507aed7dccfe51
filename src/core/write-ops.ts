/**
 * The write contract: a WritePlan as the list of operations every host applies the same way — the
 * Office.js adapter (src/excel) and the .xlsx writer (src/xlsx) alike. Cells are grouped into rectangles
 * (a plan is column-shaped: one rectangle per output column), so a host can write each as one range.
 *
 * What each operation means, for every host:
 * - `cells`: literal values (a string is always text, never a formula) and, where given, number formats;
 * - `highlight`: on — the unmet fill and font colour; off — the tool's own highlight removed where it is
 *   the tool's (a fill the user chose stays);
 * - `bold`: set or cleared;
 * - `link`: an internal link shown as the cell's text;
 * - `width`: a column width in characters, applied only where the column still has the default width;
 *   with `reset`, the column's standard width put back where `width` (the one the engine set, recorded in
 *   the ledger) still stands — a column resized since keeps its width (xlsx: the `<col>` the tool added
 *   removed, or its width; Office.js: `useStandardWidth`);
 * - `sheet`: one of the tool's own sheets (the summary, the forms) rebuilt whole, with its widths and, where
 *   given, its layout (merges, row heights, A4 page setup fitted one page wide, print titles, page
 *   breaks); or a sheet of the tool's removed;
 * - `cellStyle`: a named style of style.ts (font, borders, alignment, wrap, fill) on the tool's own sheets;
 * - `formatLike`: added columns of a user's form take its own styles, row by row from one of its columns;
 *   applied before the cells, whose number formats and highlight then override;
 * - `printArea`: a user sheet's print area grown to hold the added columns, or put back (null: none);
 * - `ledger`: the ledger sheet's rows, written whole (none: the ledger sheet removed), width records
 *   (`[sheet, "H:H", width]`) included.
 *
 * What stays with a host: how text is kept literal (the add-in's apostrophe, literal.ts; the file's quote
 * prefix flag and inline strings), how operations are cut to a host's limits (the add-in's request bytes),
 * and how "highlight off" is done (the file's writer looks at each cell's fill; the add-in clears, then
 * puts back a user's fill from its write's own snapshot). The conditional-format marks of unmet actual
 * cells (the plan's `unmetCells`) are the add-in's alone, not part of this list. test/contract runs the
 * same plans through both hosts and compares what they leave.
 */
import { LEDGER_SHEET, ledgerToRows } from "./ledger";
import type {
  CellWrite,
  ColumnRun,
  OwnSheetPlan,
  Rect,
  SheetLayout,
  StyleName,
  WritePlan,
} from "./types";

export type { Rect };

export interface CellRef {
  row: number;
  col: number;
}

export type WriteOp =
  | {
      kind: "cells";
      sheet: string;
      rect: Rect;
      values: (string | number | null)[][];
      /** Per cell; null leaves that cell's format alone. Absent when no cell sets one. */
      numberFormats?: (string | null)[][];
    }
  | { kind: "highlight"; sheet: string; rect: Rect; on: boolean }
  | { kind: "bold"; sheet: string; rect: Rect; on: boolean }
  | { kind: "link"; sheet: string; row: number; col: number; target: string; text: string }
  | { kind: "width"; sheet: string; col: number; width: number; reset?: boolean }
  | { kind: "sheet"; name: string; action: "rebuild"; widths: number[]; layout?: SheetLayout }
  /** A named style (style.ts STYLES) on the tool's own sheets' cells. */
  | { kind: "cellStyle"; sheet: string; rect: Rect; style: StyleName }
  /** Each cell (r, c) of rect takes the whole format of (r, fromCol): see FormatLike. */
  | { kind: "formatLike"; sheet: string; rect: Rect; fromCol: number }
  /** The sheet's print area set to `area`, or removed (null). */
  | { kind: "printArea"; sheet: string; area: Rect | null }
  | { kind: "sheet"; name: string; action: "delete" }
  | { kind: "ledger"; rows: string[][] };

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
  // A run continues the rectangle that ends in the previous column with the same rows and class.
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

/**
 * A layout's row heights as runs of consecutive rows of one height, top-down: a host sets each run in one
 * call (a forms sheet gives every row a height, and most rows share one).
 */
export function rowHeightRuns(
  layout: Pick<SheetLayout, "rowHeights">
): { row: number; rows: number; height: number }[] {
  const heights = [...(layout.rowHeights ?? [])].sort((a, b) => a.row - b.row);
  const runs: { row: number; rows: number; height: number }[] = [];
  for (const h of heights) {
    const last = runs[runs.length - 1];
    if (last && h.row === last.row + last.rows && h.height === last.height) last.rows++;
    else runs.push({ row: h.row, rows: 1, height: h.height });
  }
  return runs;
}

/** Columns in a sheet (XFD): a cell's numeric key is row × COLS + col. */
const COLS = 16384;

/** The operations of one sheet's single-cell writes: the last write of a cell wins. */
export function writeOpsOfCells(writes: readonly CellWrite[]): WriteOp[] {
  const ops: WriteOp[] = [];
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of writes) {
    const l = bySheet.get(w.sheet);
    if (l) l.push(w);
    else bySheet.set(w.sheet, [w]);
  }
  for (const [sheet, list] of bySheet) {
    // Numeric keys (row × 16,384 + col; exact in a double for every cell of a sheet): a forms sheet of
    // 100,000 indicators is about 900,000 writes, and string keys made this the plan's slowest step.
    const at = new Map<number, CellWrite>();
    for (const w of list) at.set(w.row * COLS + w.col, w);
    const cells = [...at.values()];
    for (const { rect } of toRects(cells)) {
      const values: (string | number | null)[][] = [];
      const formats: (string | null)[][] = [];
      let anyFormat = false;
      for (let i = 0; i < rect.rows; i++) {
        const vr: (string | number | null)[] = [];
        const fr: (string | null)[] = [];
        for (let j = 0; j < rect.cols; j++) {
          const w = at.get((rect.row + i) * COLS + rect.col + j)!;
          vr.push(w.value);
          fr.push(w.numberFormat ?? null);
          if (w.numberFormat !== undefined) anyFormat = true;
        }
        values.push(vr);
        formats.push(fr);
      }
      ops.push({
        kind: "cells",
        sheet,
        rect,
        values,
        ...(anyFormat ? { numberFormats: formats } : {}),
      });
    }
    const hl = cells.filter((w) => w.highlight !== undefined);
    for (const { rect, cls } of toRects(hl, (w) => String(w.highlight)))
      ops.push({ kind: "highlight", sheet, rect, on: cls === "true" });
    const styled = cells.filter((w) => w.style !== undefined);
    for (const { rect, cls } of toRects(styled, (w) => w.style!))
      ops.push({ kind: "cellStyle", sheet, rect, style: cls as StyleName });
    const bold = cells.filter((w) => w.bold !== undefined);
    for (const { rect, cls } of toRects(bold, (w) => String(w.bold)))
      ops.push({ kind: "bold", sheet, rect, on: cls === "true" });
    for (const w of cells)
      if (w.link)
        ops.push({
          kind: "link",
          sheet,
          row: w.row,
          col: w.col,
          target: w.link,
          text: w.value === null ? "" : String(w.value),
        });
  }
  return ops;
}

/** The operations of output-column runs: one range of values and formats each, one highlight per stretch. */
export function writeOpsOfRuns(runs: readonly ColumnRun[]): WriteOp[] {
  const ops: WriteOp[] = [];
  for (const r of runs) {
    const n = r.values.length;
    const values: (number | null)[][] = new Array(n);
    const formats: string[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = [r.values[i]];
      formats[i] = [r.numberFormat];
    }
    ops.push({
      kind: "cells",
      sheet: r.sheet,
      rect: { row: r.row, col: r.col, rows: n, cols: 1 },
      values,
      numberFormats: formats,
    });
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && r.highlight[i] === r.highlight[start]) continue;
      ops.push({
        kind: "highlight",
        sheet: r.sheet,
        rect: { row: r.row + start, col: r.col, rows: i - start, cols: 1 },
        on: r.highlight[start],
      });
      start = i;
    }
  }
  return ops;
}

/**
 * The whole plan as operations, in the order hosts apply them: the summary sheet rebuilt, the cells of
 * every sheet (the summary's included), widths, sheets removed, and last the ledger.
 */
export function planOps(plan: WritePlan): WriteOp[] {
  const ops: WriteOp[] = [];
  const own = [plan.summary, plan.forms].filter((p): p is OwnSheetPlan => !!p);
  for (const p of own)
    ops.push({
      kind: "sheet",
      name: p.name,
      action: "rebuild",
      widths: p.columnWidths,
      ...(p.layout ? { layout: p.layout } : {}),
    });
  const ownNames = new Set(own.map((p) => p.name));
  const writes = plan.writes.filter((w) => w.sheet !== LEDGER_SHEET && !ownNames.has(w.sheet));
  for (const f of plan.formatLike ?? [])
    ops.push({ kind: "formatLike", sheet: f.sheet, rect: f.rect, fromCol: f.fromCol });
  // Loops, not push(...spread): a large plan has more operations than a call takes arguments.
  for (const list of [
    writeOpsOfCells(writes),
    writeOpsOfRuns(plan.runs),
    // An own sheet's writes name it already (as planned); copied only where one does not.
    ...own.map((p) =>
      writeOpsOfCells(
        p.writes.every((w) => w.sheet === p.name)
          ? p.writes
          : p.writes.map((w) => ({ ...w, sheet: p.name }))
      )
    ),
  ])
    for (const op of list) ops.push(op);
  for (const p of plan.printAreas ?? [])
    ops.push({ kind: "printArea", sheet: p.sheet, area: p.area });
  for (const w of plan.columnWidths ?? [])
    ops.push({
      kind: "width",
      sheet: w.sheet,
      col: w.col,
      width: w.width,
      ...(w.reset ? { reset: true } : {}),
    });
  for (const name of plan.deleteSheets ?? [])
    if (name !== LEDGER_SHEET && !ownNames.has(name))
      ops.push({ kind: "sheet", name, action: "delete" });
  ops.push({ kind: "ledger", rows: plan.ledger.size > 0 ? ledgerToRows(plan.ledger) : [] });
  return ops;
}
