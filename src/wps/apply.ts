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
import {
  HIGHLIGHT_FILL,
  HIGHLIGHT_FONT,
  LEDGER_SHEET,
  STYLES,
  WIDTH_TOLERANCE_CHARS,
  WriteOp,
  columnLetters,
} from "../core";
import { V2, WpsApplication, WpsWorkbook, WpsWorksheet, XL, bgr, grid } from "./api";
import { FORMAT_PROPS, PROPS, PropName, Restore, snapshot } from "./props";
import { Rect, address, blocksOf, rangeOf, uniform } from "./ranges";
import { usedRect } from "./read";
import { literalBlock } from "./literal";
import { buildSheet, layoutSheet, saveContents } from "./sheets";

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

const H_ALIGN = { left: XL.hLeft, center: XL.hCenter, right: XL.hRight } as const;
const V_ALIGN = { top: XL.vTop, center: XL.vCenter } as const;

export class Writer {
  /** What puts back each change made so far, in the order they were made. */
  readonly restores: Restore[] = [];

  constructor(
    private readonly app: WpsApplication,
    private readonly wb: WpsWorkbook
  ) {}

  /** The run's worksheet objects by name (two calls saved at each use); emptied when sheets come or go. */
  private readonly sheets = new Map<string, WpsWorksheet>();

  private ws(name: string): () => WpsWorksheet {
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

  private saveProps(sheet: string, rect: Rect, props: readonly PropName[]): void {
    this.restores.push(snapshot(this.ws(sheet), rect, props));
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
        return this.width(op.sheet, op.col, op.width, !!op.reset);
      case "sheet":
        if (op.action === "delete") return this.deleteSheet(op.name);
        this.restores.push(buildSheet(this.app, this.wb, op.name, op.widths));
        this.sheets.clear();
        if (op.layout) layoutSheet(this.ws(op.name)(), op.layout);
        return;
      case "cellStyle":
        return this.cellStyle(op.sheet, op.rect, op.style);
      case "formatLike":
        return this.formatLike(op.sheet, op.rect, op.fromCol);
      case "printArea": {
        const ws = this.ws(op.sheet);
        const before = ws().PageSetup.PrintArea;
        this.restores.push(() => {
          ws().PageSetup.PrintArea = before;
        });
        ws().PageSetup.PrintArea = op.area
          ? address(op.area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")
          : "";
        return;
      }
      case "ledger":
        return this.ledger(op.rows);
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

  /** A width where the column still has the standard width; reset: the standard width where ours stands. */
  private width(sheet: string, col: number, width: number, reset: boolean): void {
    const ws = this.ws(sheet);
    const letters = columnLetters(col);
    const column = () => ws().Range(`${letters}:${letters}`);
    const current = column().ColumnWidth ?? 0;
    const standard = !!column().UseStandardWidth;
    if (reset ? Math.abs(current - width) > WIDTH_TOLERANCE_CHARS : !standard) return;
    this.restores.push(() => {
      if (standard) column().UseStandardWidth = true;
      else column().ColumnWidth = current;
    });
    if (reset) column().UseStandardWidth = true;
    else column().ColumnWidth = width;
  }

  private cellStyle(sheet: string, rect: Rect, name: keyof typeof STYLES): void {
    const s = STYLES[name];
    const r = rangeOf(this.ws(sheet)(), rect);
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

  /** Each cell (r, c) of rect takes the format of (r, fromCol), property by property (no clipboard). */
  private formatLike(sheet: string, rect: Rect, fromCol: number): void {
    const ws = this.ws(sheet);
    this.saveProps(sheet, rect, FORMAT_PROPS);
    const source = { row: rect.row, col: fromCol, rows: rect.rows, cols: 1 };
    for (const p of FORMAT_PROPS)
      for (const b of uniform(ws(), source, PROPS[p].get))
        PROPS[p].set(rangeOf(ws(), { ...b.rect, col: rect.col, cols: rect.cols }), b.value);
  }

  private deleteSheet(name: string): void {
    if (!this.sheetExists(name)) return;
    const ws = this.ws(name);
    const contents = saveContents(ws);
    const at = ws().Index;
    this.restores.push(() => {
      buildSheet(this.app, this.wb, name, [], at);
      contents();
    });
    removeSheet(this.app, ws());
    this.sheets.clear();
  }

  private sheetExists(name: string): boolean {
    const sheets = this.wb.Worksheets;
    for (let i = 1; i <= sheets.Count; i++) if (sheets.Item(i).Name === name) return true;
    return false;
  }

  /** The ledger sheet written whole (very hidden), or removed when the ledger is empty. */
  private ledger(rows: string[][]): void {
    const exists = this.sheetExists(LEDGER_SHEET);
    if (!rows.length) return this.deleteSheet(LEDGER_SHEET);
    const ws = this.ws(LEDGER_SHEET);
    if (!exists) {
      const sheets = this.wb.Worksheets;
      const added = sheets.Add(undefined, sheets.Item(sheets.Count));
      added.Name = LEDGER_SHEET;
      added.Visible = XL.sheetVeryHidden;
      this.restores.push(() => removeSheet(this.app, ws()));
    } else {
      const r = usedRect(ws());
      const all = r && { row: 0, col: 0, rows: r.row + r.rows, cols: r.col + r.cols };
      const before = all ? grid(rangeOf(ws(), all).Value2) : [];
      this.restores.push(() => {
        ws().Cells.ClearContents();
        if (all) rangeOf(ws(), all).Value2 = literalBlock(before);
      });
      ws().Cells.ClearContents();
    }
    const cols = Math.max(...rows.map((r) => r.length));
    const block = rows.map((r) => [...r, ...new Array<string>(cols - r.length).fill("")]);
    rangeOf(ws(), { row: 0, col: 0, rows: block.length, cols }).Value2 = literalBlock(block);
  }
}

/** Deletes a sheet without WPS asking for confirmation. */
export function removeSheet(app: WpsApplication, ws: WpsWorksheet): void {
  app.DisplayAlerts = false;
  try {
    ws.Delete();
  } finally {
    app.DisplayAlerts = true;
  }
}
