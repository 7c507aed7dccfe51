/**
 * Write operations: the small vocabulary every Excel change of the add-in is expressed in (Score, Prepare,
 * Clear and Undo alike), built by pure functions and queued on a RequestContext by `queueOp`. A plan's
 * writes come from the write contract every host shares (core `planOps`, write-ops.ts), translated by
 * `opsFromWriteOps`.
 */
import { HIGHLIGHT_FILL, HIGHLIGHT_FONT, Rect, WriteOp, a1 } from "../core";
import { ACTION_OVERHEAD, PATH_BYTES, jsonBytes, splitRows } from "./blocks";
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
  /** The contract's highlight off: only the tool's own highlight is to go (see highlightStyle). */
  highlightOff?: boolean;
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

/**
 * The unmet-target highlight over a rectangle, or its removal. Off, it is queued as a fill cleared and
 * the automatic font colour (Office.js cannot clear a fill only where it is a given one); `highlightOff`
 * marks it so that the write puts back, from its own snapshot, a fill or font colour the user chose
 * (apply.ts, `userFillsUnder`): the contract's "the tool's own highlight removed, a user's fill stays".
 */
function highlightStyle(sheet: string, rect: Rect, on: boolean): StyleOp {
  return on
    ? { kind: "style", sheet, rect, fill: HIGHLIGHT_FILL, fontColor: HIGHLIGHT_FONT }
    : { kind: "style", sheet, rect, fill: NO_FILL, fontColor: AUTO_FONT, highlightOff: true };
}

type FormatLookup = (sheet: string, row: number, col: number) => string | undefined;

/**
 * The write contract's operations (core `planOps`) as Office.js operations, for the cells, highlight,
 * bold and link operations; widths, sheets and the ledger are structural steps of the write (apply.ts).
 * What is the host's own is added here: text protected from Excel's parsing (literal.ts, which needs each
 * cell's current number format from the read: `formatOf`), and operations split by request bytes.
 */
export function opsFromWriteOps(writeOps: readonly WriteOp[], formatOf: FormatLookup): Op[] {
  const ops: Op[] = [];
  for (const w of writeOps) {
    switch (w.kind) {
      case "cells": {
        const { sheet, rect } = w;
        const values: (Scalar | null)[][] = new Array(rect.rows);
        for (let i = 0; i < rect.rows; i++) {
          const vr: (Scalar | null)[] = new Array(rect.cols);
          for (let j = 0; j < rect.cols; j++) {
            const v = w.values[i][j];
            vr[j] =
              typeof v === "string"
                ? literalForExcel(
                    v,
                    w.numberFormats?.[i][j] ?? formatOf(sheet, rect.row + i, rect.col + j)
                  )
                : literalForExcel(v, null);
          }
          values[i] = vr;
        }
        for (const op of splitCellsOp({
          kind: "cells",
          sheet,
          rect,
          values,
          numberFormat: w.numberFormats,
        }))
          ops.push(op);
        break;
      }
      case "highlight":
        ops.push(highlightStyle(w.sheet, w.rect, w.on));
        break;
      case "bold":
        ops.push({ kind: "style", sheet: w.sheet, rect: w.rect, bold: w.on });
        break;
      case "link":
        ops.push({
          kind: "link",
          sheet: w.sheet,
          row: w.row,
          col: w.col,
          ref: w.target,
          text: w.text,
        });
        break;
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
