/**
 * Write operations: the small vocabulary every Excel change of the add-in is expressed in (Score, Prepare,
 * Clear and Undo alike), built by pure functions and queued on a RequestContext by `queueOp`. A plan's
 * writes come from the write contract every host shares (core `planOps`, write-ops.ts), translated by
 * `opsFromWriteOps`.
 */
import {
  HIGHLIGHT_FILL,
  HIGHLIGHT_FONT,
  Rect,
  STYLES,
  SheetLayout,
  StyleName,
  WriteOp,
  a1,
  rowHeightRuns,
} from "../core";
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

/** One of the tool's named styles (core STYLES) on cells of its own sheets: range.format, set whole. */
export interface NamedStyleOp {
  kind: "named";
  sheet: string;
  rect: Rect;
  style: StyleName;
}

/**
 * The write contract's formatLike: each cell (r, c) of `rect` takes the format of (r, fromCol), by
 * `copyFrom(source column, "Formats")` (ExcelApi 1.9; a one-column source over a wider target is tiled).
 * `unmerge`: merged areas of the source column that the copy carries along and that are then split again
 * (the contract copies cells' formats, not merges: the .xlsx writer makes none).
 */
export interface FormatLikeOp {
  kind: "formatLike";
  sheet: string;
  rect: Rect;
  fromCol: number;
  unmerge?: Rect[];
}

/**
 * Cells' formats put back whole (Undo of a formatLike): setCellProperties (ExcelApi 1.9) for fonts, fills,
 * borders, alignment and wrap, and the number formats; `merged` areas copied along are split first.
 */
export interface FormatsOp {
  kind: "formats";
  sheet: string;
  rect: Rect;
  props: Excel.SettableCellProperties[][];
  numberFormat: string[][];
}

/**
 * The layout of one of the tool's own sheets, after its rebuild and before its cells: a merged area, the
 * height of a run of rows, a manual page break above a row (ExcelApi 1.9). Operations rather than part
 * of the rebuild's first request, so that a sheet of many forms is cut into requests like its cells.
 */
export type LayoutOp =
  | { kind: "merge"; sheet: string; rect: Rect }
  | { kind: "rowHeight"; sheet: string; rect: Rect; height: number }
  | { kind: "pageBreak"; sheet: string; rect: Rect };

export type Op =
  CellsOp | StyleOp | LinkOp | MarkOp | NamedStyleOp | FormatLikeOp | FormatsOp | LayoutOp;

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
    case "named":
      // format, fill, font, and six borders' paths; up to a dozen property sets
      return 9 * PATH_BYTES + 16 * ACTION_OVERHEAD;
    case "formatLike":
      return 2 * PATH_BYTES + ACTION_OVERHEAD * (1 + (op.unmerge?.length ?? 0) * 2) + 40;
    case "formats":
      return PATH_BYTES + 2 * ACTION_OVERHEAD + jsonBytes(op.props) + jsonBytes(op.numberFormat);
    case "merge":
    case "rowHeight":
      return 2 * PATH_BYTES + ACTION_OVERHEAD + 20;
    case "pageBreak":
      return 2 * PATH_BYTES + ACTION_OVERHEAD + 20;
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
 * bold, link, cellStyle and formatLike operations; widths, sheets (with their page setup), print areas and
 * the ledger are structural steps of the write, an own sheet's merges, row heights and page breaks its
 * first dependent operations (apply.ts, layoutOps).
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
      case "cellStyle":
        ops.push({ kind: "named", sheet: w.sheet, rect: w.rect, style: w.style });
        break;
      case "formatLike":
        ops.push({ kind: "formatLike", sheet: w.sheet, rect: w.rect, fromCol: w.fromCol });
        break;
    }
  }
  return ops;
}

/**
 * An own sheet's layout as operations (see LayoutOp): merges, row heights (runs of equal height as one
 * range), and where ExcelApi 1.9 is there its page breaks. The rest of the page setup is part of the
 * sheet's rebuild (apply.ts queueOwnSheetReset).
 */
export function layoutOps(
  sheet: string,
  layout: SheetLayout | undefined,
  pageLayout: boolean
): LayoutOp[] {
  if (!layout) return [];
  const out: LayoutOp[] = layout.merges.map((rect) => ({ kind: "merge", sheet, rect }));
  for (const h of rowHeightRuns(layout))
    out.push({
      kind: "rowHeight",
      sheet,
      rect: { row: h.row, col: 0, rows: h.rows, cols: 1 },
      height: h.height,
    });
  if (pageLayout)
    for (const row of layout.page.rowBreaks)
      if (row > 0) out.push({ kind: "pageBreak", sheet, rect: { row, col: 0, rows: 1, cols: 1 } });
  return out;
}

/**
 * A named style over a merged area applies to the whole area, as a user formats a merged cell in Excel:
 * a style given to an area's top-left cell (all a plan need write there) is given to the area too, so that
 * its borders are drawn on the area's outer edges, not round the top-left cell hidden inside it.
 */
export function styleMergedAreas(ops: readonly Op[], merges: readonly Rect[]): Op[] {
  if (!merges.length) return [...ops];
  const out: Op[] = [];
  for (const op of ops) {
    out.push(op);
    if (op.kind !== "named") continue;
    const r = op.rect;
    for (const m of merges) {
      const topLeftIn =
        m.row >= r.row && m.row < r.row + r.rows && m.col >= r.col && m.col < r.col + r.cols;
      const whole =
        m.row >= r.row &&
        m.col >= r.col &&
        m.row + m.rows <= r.row + r.rows &&
        m.col + m.cols <= r.col + r.cols;
      if (topLeftIn && !whole) out.push({ ...op, rect: { ...m } });
    }
  }
  return out;
}

/** The six lines of a style's thin borders: the outer edges, and the lines between its cells. */
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center" } as const;

/** A named style as range.format: font, fill, alignment, wrap, thin borders on every side of every cell. */
function queueNamedStyle(range: Excel.Range, name: StyleName, rect: Rect): void {
  const s = STYLES[name];
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.size !== undefined) f.font.size = s.size;
  if (s.h) f.horizontalAlignment = H_ALIGN[s.h];
  if (s.v) f.verticalAlignment = V_ALIGN[s.v];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.fill) f.fill.color = s.fill;
  if (!s.border) return;
  // Inside lines only where there are cells between: a single row or column has none to draw.
  const lines: Excel.BorderIndex[] = [...EDGES] as unknown as Excel.BorderIndex[];
  if (rect.rows > 1) lines.push("InsideHorizontal" as Excel.BorderIndex);
  if (rect.cols > 1) lines.push("InsideVertical" as Excel.BorderIndex);
  for (const line of lines) {
    const b = f.borders.getItem(line);
    b.style = "Continuous" as Excel.BorderLineStyle;
    b.weight = "Thin" as Excel.BorderWeight; // the automatic colour, as a new border has
  }
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
  if (op.kind === "pageBreak") {
    ws.horizontalPageBreaks.add(rectAddress(op.rect));
    return;
  }
  const range = ws.getRangeByIndexes(op.rect.row, op.rect.col, op.rect.rows, op.rect.cols);
  if (op.kind === "merge") {
    range.merge(false);
    return;
  }
  if (op.kind === "rowHeight") {
    range.format.rowHeight = op.height;
    return;
  }
  if (op.kind === "named") {
    queueNamedStyle(range, op.style, op.rect);
    return;
  }
  if (op.kind === "formatLike") {
    const source = ws.getRangeByIndexes(op.rect.row, op.fromCol, op.rect.rows, 1);
    range.copyFrom(source, "Formats");
    for (const m of op.unmerge ?? []) ws.getRangeByIndexes(m.row, m.col, m.rows, m.cols).unmerge();
    return;
  }
  if (op.kind === "formats") {
    range.setCellProperties(op.props);
    range.numberFormat = op.numberFormat;
    return;
  }
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
