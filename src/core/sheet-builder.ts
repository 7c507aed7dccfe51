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
  // A loop over char codes, not a regex per character: the forms of a large workbook measure a million cells.
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair: counted with the first
    w += c >= 0x1100 ? 2 : 1;
  }
  return w;
}

/** Lines a text takes in a cell `width` characters wide (explicit line breaks counted). */
export function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  if (text.length <= usable / 2 && !text.includes("\n")) return 1; // fits whatever its characters
  let n = 0;
  for (const line of text.split("\n")) n += Math.max(1, Math.ceil(displayWidth(line) / usable));
  return n;
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
    // Every write of the same shape (numberFormat present, undefined where none): a large workbook's
    // forms make a million of them.
    const w: CellWrite = {
      sheet: this.name,
      row,
      col,
      value,
      style,
      numberFormat: value === null ? undefined : numberFormat,
    };
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
