/**
 * Write operations: the small vocabulary every Excel change of the add-in is expressed in (Score, Prepare,
 * Clear and Undo alike), built by pure functions and queued on a RequestContext by `queueOp`.
 */
import { CellWrite, ColumnRun, HIGHLIGHT_FILL, HIGHLIGHT_FONT, a1 } from "../core";
import { ACTION_OVERHEAD, PATH_BYTES, Rect, jsonBytes, splitRows, toRects } from "./blocks";
import { markBytes, queueAddMark } from "./conditional";
import { literalForExcel } from "./literal";

export type Scalar = string | number | boolean;

/** `values` / `numberFormat`: null in a cell means "leave it alone" (Office.js ignores null inside 2D arrays). */
export interface CellsOp {
  kind: "cells";
  sheet: string;
  rect: Rect;
  values?: (Scalar | null)[][];
  numberFormat?: (string | null)[][];
}

/** A uniform style over a rectangle. fill "none" = no fill. */
export interface StyleOp {
  kind: "style";
  sheet: string;
  rect: Rect;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

export interface LinkOp {
  kind: "link";
  sheet: string;
  row: number;
  col: number;
  ref: string;
  text: string;
}

/** A conditional format marking unmet actual cells (conditional.ts). */
export interface MarkOp {
  kind: "mark";
  sheet: string;
  address: string;
}

export type Op = CellsOp | StyleOp | LinkOp | MarkOp;

export const NO_FILL = "none";
export const AUTO_FONT = "#000000";

/** Largest single operation, so that one huge column still leaves room in a request. */
export const MAX_OP_BYTES = 512 * 1024;

export function opBytes(op: Op): number {
  switch (op.kind) {
    case "cells":
      return (
        PATH_BYTES +
        ACTION_OVERHEAD * ((op.values ? 1 : 0) + (op.numberFormat ? 1 : 0)) +
        jsonBytes(op.values ?? null) +
        jsonBytes(op.numberFormat ?? null)
      );
    case "style":
      // format, format.fill and format.font are paths too
      return (
        3 * PATH_BYTES +
        ACTION_OVERHEAD *
          ((op.fill ? 1 : 0) + (op.fontColor ? 1 : 0) + (op.bold !== undefined ? 1 : 0)) +
        40
      );
    case "link":
      return PATH_BYTES + ACTION_OVERHEAD + jsonBytes(op.ref) + jsonBytes(op.text) + 60;
    case "mark":
      return markBytes([op]);
  }
}

export function rectAddress(rect: Rect): string {
  const a = a1;
  return rect.rows === 1 && rect.cols === 1
    ? a(rect.row, rect.col)
    : `${a(rect.row, rect.col)}:${a(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/** Splits a cells op into row bands so that no single operation exceeds MAX_OP_BYTES. */
export function splitCellsOp(op: CellsOp, maxBytes = MAX_OP_BYTES): CellsOp[] {
  const bytes = opBytes(op);
  if (bytes <= maxBytes || op.rect.rows === 1) return [op];
  const perRow = Math.max(1, Math.floor((op.rect.rows * maxBytes) / bytes));
  // Bands are sized by the average row; one whose rows run longer than average is split again.
  return splitRows(op.rect, perRow).flatMap((r) => {
    const from = r.row - op.rect.row;
    return splitCellsOp(
      {
        kind: "cells" as const,
        sheet: op.sheet,
        rect: r,
        values: op.values?.slice(from, from + r.rows),
        numberFormat: op.numberFormat?.slice(from, from + r.rows),
      },
      maxBytes
    );
  });
}

/** The unmet-target highlight over a rectangle, or its explicit removal. */
function highlightStyle(sheet: string, rect: Rect, on: boolean): StyleOp {
  return on
    ? { kind: "style", sheet, rect, fill: HIGHLIGHT_FILL, fontColor: HIGHLIGHT_FONT }
    : { kind: "style", sheet, rect, fill: NO_FILL, fontColor: AUTO_FONT };
}

type FormatLookup = (sheet: string, row: number, col: number) => string | undefined;

/**
 * CellWrites of one sheet → operations. `formatOf` gives a cell's current number format (from the read),
 * needed to decide how text is protected (see literal.ts).
 */
export function opsFromWrites(writes: readonly CellWrite[], formatOf: FormatLookup): Op[] {
  const ops: Op[] = [];
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of writes) {
    const l = bySheet.get(w.sheet);
    if (l) l.push(w);
    else bySheet.set(w.sheet, [w]);
  }
  for (const [sheet, list] of bySheet) {
    const at = new Map<string, CellWrite>();
    for (const w of list) at.set(`${w.row},${w.col}`, w); // the last write of a cell wins
    const cells = [...at.values()];
    for (const { rect } of toRects(cells)) {
      const values: (Scalar | null)[][] = [];
      const formats: (string | null)[][] = [];
      let anyFormat = false;
      for (let i = 0; i < rect.rows; i++) {
        const vr: (Scalar | null)[] = [];
        const fr: (string | null)[] = [];
        for (let j = 0; j < rect.cols; j++) {
          const w = at.get(`${rect.row + i},${rect.col + j}`)!;
          const fmt = w.numberFormat ?? formatOf(sheet, w.row, w.col);
          vr.push(literalForExcel(w.value, fmt));
          fr.push(w.numberFormat ?? null);
          if (w.numberFormat !== undefined) anyFormat = true;
        }
        values.push(vr);
        formats.push(fr);
      }
      ops.push(
        ...splitCellsOp({
          kind: "cells",
          sheet,
          rect,
          values,
          numberFormat: anyFormat ? formats : undefined,
        })
      );
    }
    const hl = cells.filter((w) => w.highlight !== undefined);
    for (const { rect, cls } of toRects(hl, (w) => String(w.highlight))) {
      ops.push(highlightStyle(sheet, rect, cls === "true"));
    }
    const bold = cells.filter((w) => w.bold !== undefined);
    for (const { rect, cls } of toRects(bold, (w) => String(w.bold)))
      ops.push({ kind: "style", sheet, rect, bold: cls === "true" });
    for (const w of cells) {
      if (w.link)
        ops.push({
          kind: "link",
          sheet,
          row: w.row,
          col: w.col,
          ref: w.link,
          text: w.value === null ? "" : String(w.value),
        });
    }
  }
  return ops;
}

/**
 * Output-column runs → operations: one range of values and number formats per run (split into bands when
 * large), and one fill per stretch of equally highlighted cells. Runs hold numbers and blanks only, so no
 * value needs protecting from being read as a formula.
 */
export function opsFromRuns(runs: readonly ColumnRun[]): Op[] {
  const ops: Op[] = [];
  for (const r of runs) {
    const n = r.values.length;
    const values: (Scalar | null)[][] = new Array(n);
    const formats: (string | null)[][] = new Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = [literalForExcel(r.values[i], r.numberFormat)];
      formats[i] = [r.numberFormat];
    }
    const rect = { row: r.row, col: r.col, rows: n, cols: 1 };
    for (const op of splitCellsOp({
      kind: "cells",
      sheet: r.sheet,
      rect,
      values,
      numberFormat: formats,
    }))
      ops.push(op);
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && r.highlight[i] === r.highlight[start]) continue;
      const band = { row: r.row + start, col: r.col, rows: i - start, cols: 1 };
      ops.push(highlightStyle(r.sheet, band, r.highlight[start]));
      start = i;
    }
  }
  return ops;
}

/** Queues one operation. `sheetOf` caches worksheet proxies per context. */
export function queueOp(op: Op, sheetOf: (name: string) => Excel.Worksheet): void {
  const ws = sheetOf(op.sheet);
  if (op.kind === "mark") {
    queueAddMark(ws, op.address);
    return;
  }
  if (op.kind === "link") {
    const cell = ws.getRangeByIndexes(op.row, op.col, 1, 1);
    cell.hyperlink = { documentReference: op.ref, textToDisplay: op.text };
    return;
  }
  const range = ws.getRangeByIndexes(op.rect.row, op.rect.col, op.rect.rows, op.rect.cols);
  if (op.kind === "cells") {
    // Number format first: the value is then parsed (or not) under the format it will keep.
    if (op.numberFormat) range.numberFormat = op.numberFormat;
    if (op.values) range.values = op.values;
    return;
  }
  if (op.fill !== undefined) {
    if (op.fill === NO_FILL) range.format.fill.clear();
    else range.format.fill.color = op.fill;
  }
  if (op.fontColor !== undefined) range.format.font.color = op.fontColor;
  if (op.bold !== undefined) range.format.font.bold = op.bold;
}

/** Per-context worksheet cache, so each sheet is one ObjectPath per request. */
export function sheetCache(context: Excel.RequestContext): (name: string) => Excel.Worksheet {
  const cache = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = cache.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(name);
      cache.set(name, ws);
    }
    return ws;
  };
}
