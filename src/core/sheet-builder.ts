/**
 * Builds one of the tool's own sheets (the forms, the summary) cell by cell: every cell carries a named
 * style, merged areas carry their style on every cell (a merged area's borders are drawn from each of its
 * cells), and rows of wrapped text get a height that shows them.
 */
import type { CellWrite, OwnSheetPlan, Rect, SheetLayout, StyleName } from "./types";

/** Excel's default row height (points) for one line of 11-point text; CJK fonts need about this much. */
export const LINE_HEIGHT = 15;

/** Display width of text in character cells: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines a text takes in a cell `width` characters wide (explicit line breaks counted). */
export function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text
    .split(/\r?\n/)
    .reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

export class SheetBuilder {
  readonly writes: CellWrite[] = [];
  readonly merges: Rect[] = [];
  private readonly heights = new Map<number, number>();

  constructor(
    readonly name: string,
    readonly widths: number[]
  ) {}

  cell(
    row: number,
    col: number,
    value: string | number | null,
    style: StyleName,
    numberFormat?: string
  ): CellWrite {
    const w: CellWrite = { sheet: this.name, row, col, value, style };
    if (numberFormat !== undefined && value !== null) w.numberFormat = numberFormat;
    this.writes.push(w);
    return w;
  }

  /** A merged area: the value in its top-left cell, the style on all of them. */
  merged(
    rect: Rect,
    value: string | number | null,
    style: StyleName,
    numberFormat?: string
  ): CellWrite {
    if (rect.rows > 1 || rect.cols > 1) this.merges.push(rect);
    let first: CellWrite | null = null;
    for (let i = 0; i < rect.rows; i++)
      for (let j = 0; j < rect.cols; j++) {
        const w = this.cell(
          rect.row + i,
          rect.col + j,
          i === 0 && j === 0 ? value : null,
          style,
          numberFormat
        );
        first ??= w;
      }
    return first!;
  }

  /** Makes the row at least tall enough for `text` wrapped over `width` characters. */
  fit(row: number, text: string, width: number): void {
    const lines = linesIn(text, width);
    if (lines <= 1) return;
    this.height(row, Math.min(409, lines * LINE_HEIGHT + 3));
  }

  height(row: number, points: number): void {
    this.heights.set(row, Math.max(points, this.heights.get(row) ?? 0));
  }

  /** Characters across columns `col`…`col + cols − 1`. */
  span(col: number, cols: number): number {
    let w = 0;
    for (let c = col; c < col + cols; c++) w += this.widths[c] ?? 8.43;
    return w;
  }

  plan(page: SheetLayout["page"]): OwnSheetPlan {
    const rowHeights = [...this.heights]
      .sort((a, b) => a[0] - b[0])
      .map(([row, height]) => ({ row, height }));
    return {
      name: this.name,
      writes: this.writes,
      columnWidths: this.widths,
      layout: { merges: this.merges, ...(rowHeights.length ? { rowHeights } : {}), page },
    };
  }
}
