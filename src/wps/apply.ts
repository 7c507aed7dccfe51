/**
 * Applies the write contract (core planOps) to a WPS workbook, one WriteOp at a time, each as a few calls
 * over whole rectangles (no call per cell). Before each change it saves what it overwrites (values, number
 * formats, fills, font colours, bold, widths, print areas, the tool's sheets and the ledger) as a Restore;
 * the Restores, run last to first, are the Undo of the write. A call WPS refuses part-way: what had landed
 * is put back at once, and the error says so (all or nothing).
 *
 * Text stays text as in the Excel add-in (src/excel/literal.ts): WPS parses a string assigned to Value2 as
 * if typed, so a string it could parse is written with Excel's quote prefix (none in a cell formatted "@").
 */
import { HIGHLIGHT_FILL, HIGHLIGHT_FONT, WriteOp } from "../core";
import { V2, WpsApplication, WpsWorkbook, WpsWorksheet, XL, bgr, grid } from "./api";
import { cellStyle, formatLike, mergesByTopRow, printArea, setWidth } from "./format-ops";
import { writeLedger } from "./ledger-sheet";
import { literalBlock } from "./literal";
import { PROPS, PropName, Restore, Target, snapshot } from "./props";
import { Rect, blocksOf, rangeOf, uniform } from "./ranges";
import { buildSheet, deleteSheet, layoutSheet } from "./sheets";

/** A cell still holds what the write put there (text as text, numbers to within float noise). */
function sameValue(now: V2, written: V2): boolean {
  const blank = (v: V2) => v === undefined || v === null || v === "";
  if (blank(written)) return blank(now);
  if (typeof written === "number")
    return (
      typeof now === "number" && Math.abs(now - written) <= 1e-9 * Math.max(1, Math.abs(written))
    );
  return now === written;
}

export class WriteFailed extends Error {
  constructor(
    readonly cause: unknown,
    /** Whether what had landed was put back. */
    readonly rolledBack: boolean
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

const NO_MERGES: ReadonlyMap<number, Rect[]> = new Map();

export class Writer implements Target {
  /** What puts back each change made so far, in the order they were made. */
  readonly restores: Restore[] = [];

  constructor(
    readonly app: WpsApplication,
    readonly wb: WpsWorkbook
  ) {}

  /** The run's worksheet objects by name (two calls saved at each use); emptied when sheets come or go. */
  private readonly sheets = new Map<string, WpsWorksheet>();
  /** The merged areas of the own sheets this run rebuilt, by top row: their named styles cover them whole. */
  private readonly merges = new Map<string, Map<number, Rect[]>>();

  ws(name: string): () => WpsWorksheet {
    return () => {
      let ws = this.sheets.get(name);
      if (!ws) this.sheets.set(name, (ws = this.wb.Worksheets.Item(name)));
      return ws;
    };
  }

  /** Cells the last undo() left as the user changed them after the write. */
  keptEdited = 0;

  /** Puts back everything this writer changed, last change first (Undo, or a failed write's roll-back). */
  undo(): void {
    this.keptEdited = 0;
    const screen = this.app.ScreenUpdating;
    this.app.ScreenUpdating = false;
    try {
      for (let i = this.restores.length - 1; i >= 0; i--) {
        this.sheets.clear();
        this.restores[i]();
      }
    } finally {
      this.sheets.clear();
      this.app.ScreenUpdating = screen;
    }
  }

  save(restore: Restore): void {
    this.restores.push(restore);
  }

  forget(): void {
    this.sheets.clear();
  }

  private saveProps(sheet: string, rect: Rect, props: readonly PropName[]): void {
    this.save(snapshot(this.ws(sheet), rect, props));
  }

  /** Applies `ops`; on failure puts back what landed and throws WriteFailed. */
  applyAll(ops: readonly WriteOp[]): void {
    const screen = this.app.ScreenUpdating;
    this.app.ScreenUpdating = false;
    try {
      for (const op of ops) this.apply(op);
    } catch (e) {
      let rolledBack = true;
      try {
        this.undo();
      } catch {
        rolledBack = false;
      }
      this.restores.length = 0;
      throw new WriteFailed(e, rolledBack);
    } finally {
      this.app.ScreenUpdating = screen;
    }
  }

  apply(op: WriteOp): void {
    switch (op.kind) {
      case "cells":
        return this.cells(op.sheet, op.rect, op.values, op.numberFormats);
      case "highlight":
        return this.highlight(op.sheet, op.rect, op.on);
      case "bold": {
        this.saveProps(op.sheet, op.rect, ["bold"]);
        rangeOf(this.ws(op.sheet)(), op.rect).Font.Bold = op.on;
        return;
      }
      case "link": {
        const rect = { row: op.row, col: op.col, rows: 1, cols: 1 };
        this.cells(op.sheet, rect, [[op.text]]);
        const range = rangeOf(this.ws(op.sheet)(), rect);
        range.Hyperlinks.Add(range, "", op.target, undefined, op.text);
        return;
      }
      case "width":
        return setWidth(this, op.sheet, op.col, op.width, !!op.reset);
      case "sheet":
        if (op.action === "delete") return deleteSheet(this, op.name);
        this.save(buildSheet(this.app, this.wb, op.name, op.widths));
        this.forget();
        if (op.layout) layoutSheet(this.ws(op.name)(), op.layout);
        this.merges.set(op.name, mergesByTopRow(op.layout?.merges ?? []));
        return;
      case "cellStyle":
        return cellStyle(this, op.sheet, op.rect, op.style, this.merges.get(op.sheet) ?? NO_MERGES);
      case "formatLike":
        return formatLike(this, op.sheet, op.rect, op.fromCol);
      case "printArea":
        return printArea(this, op.sheet, op.area);
      case "ledger":
        return writeLedger(this, op.rows);
      default: {
        const never: never = op;
        throw new Error(`unknown write operation ${JSON.stringify(never)}`);
      }
    }
  }

  private cells(
    sheet: string,
    rect: Rect,
    values: (string | number | null)[][],
    numberFormats?: (string | null)[][]
  ): void {
    const ws = this.ws(sheet);
    const range = rangeOf(ws(), rect);
    const before = grid(range.Value2);
    if (numberFormats) {
      this.saveProps(sheet, rect, ["numberFormat"]);
      for (const b of blocksOf(rect, numberFormats))
        if (b.value !== null) rangeOf(ws(), b.rect).NumberFormat = b.value;
    }
    this.restores.push(() => this.putBack(ws(), rect, values, before));
    range.Value2 = literalBlock(values, numberFormats);
  }

  /**
   * Undo of a cells write: `before` back wherever the cell still holds what was written; a cell the user has
   * changed since keeps the user's content (counted in keptEdited). One read and one write when nobody
   * touched the rectangle.
   */
  private putBack(
    ws: WpsWorksheet,
    rect: Rect,
    written: readonly (readonly V2[])[],
    before: V2[][]
  ): void {
    const now = grid(rangeOf(ws, rect).Value2);
    const ours = now.map((row, i) => row.map((v, j) => sameValue(v, written[i][j])));
    const kept = ours.flat().filter((x) => !x).length;
    if (!kept) {
      rangeOf(ws, rect).Value2 = literalBlock(before);
      return;
    }
    this.keptEdited += kept;
    for (const b of blocksOf(rect, ours)) {
      if (!b.value) continue;
      const i0 = b.rect.row - rect.row;
      const j0 = b.rect.col - rect.col;
      const part = before.slice(i0, i0 + b.rect.rows).map((r) => r.slice(j0, j0 + b.rect.cols));
      rangeOf(ws, b.rect).Value2 = literalBlock(part);
    }
  }

  /** On: the unmet fill and font. Off: only where the fill is the tool's highlight (a user's fill stays). */
  private highlight(sheet: string, rect: Rect, on: boolean): void {
    const ws = this.ws(sheet);
    const fill = bgr(HIGHLIGHT_FILL);
    if (on) {
      this.saveProps(sheet, rect, ["fill", "fontColor"]);
      const range = rangeOf(ws(), rect);
      range.Interior.Color = fill;
      range.Font.Color = bgr(HIGHLIGHT_FONT);
      return;
    }
    for (const b of uniform(ws(), rect, PROPS.fill.get)) {
      if (b.value !== fill) continue;
      this.saveProps(sheet, b.rect, ["fill", "fontColor"]);
      const range = rangeOf(ws(), b.rect);
      range.Interior.ColorIndex = XL.none;
      range.Font.ColorIndex = XL.colorIndexAutomatic;
    }
  }
}
