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

/** The font size (points) the widths and LINE_HEIGHT are measured at: the workbook's default. */
export const BASE_SIZE = 11;

/**
 * Closing punctuation that may not start a line (CJK line breaking): a printer carries the character
 * before it down with it, which can cost a line that a plain count would not see.
 */
const NO_LINE_START = new Set([..."，。、；：？！）】》」』”’,.;:?!)%"]);

function isCjk(c: number): boolean {
  return c >= 0x1100;
}

/**
 * Lines a text takes in a cell `width` characters wide at `size` points (explicit line breaks counted),
 * wrapped the way Excel and LibreOffice wrap: CJK characters (two units each) break anywhere, a Latin
 * word or number moves whole to the next line unless it is longer than a line, and closing punctuation
 * does not start a line. A column `width` characters wide holds about `width − 1` units of the default
 * size (the cell's padding takes the rest), proportionally more of a smaller font.
 */
export function linesIn(text: string, width: number, size: number = BASE_SIZE): number {
  const usable = Math.max(2, Math.floor(((width - 1) * BASE_SIZE) / size));
  if (text.length <= usable / 2 && !text.includes("\n")) return 1; // fits whatever its characters
  let n = 0;
  for (const line of text.split("\n")) n += wrappedLines(line, usable);
  return n;
}

function wrappedLines(line: string, usable: number): number {
  let lines = 1;
  let used = 0; // units on the current line
  let prev = 0; // units of the character before, for carrying it down with closing punctuation
  for (let i = 0; i < line.length;) {
    const c = line.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      i++; // the second half of a surrogate pair: counted with the first
      continue;
    }
    if (isCjk(c) || c === 0x20) {
      const w = isCjk(c) ? 2 : 1;
      if (used + w > usable && c !== 0x20) {
        lines++;
        // Closing punctuation does not start a line: the character before it comes down too.
        used = NO_LINE_START.has(line[i]) && prev > 0 ? prev : 0;
      }
      used = Math.min(usable, used + w);
      prev = w;
      i++;
      continue;
    }
    // A Latin word or number: up to the next space or CJK character, kept whole when it fits a line.
    let j = i;
    while (j < line.length && line.charCodeAt(j) !== 0x20 && !isCjk(line.charCodeAt(j))) j++;
    let w = j - i;
    if (used + w > usable) {
      if (used > 0 && !(NO_LINE_START.has(line[i]) && w === 1)) {
        lines++;
        used = 0;
      } else if (used > 0) {
        lines++; // a lone closing mark: the character before it comes down too
        used = prev;
      }
      while (used + w > usable) {
        // Longer than a line: broken where the line ends.
        w -= usable - used;
        lines++;
        used = 0;
      }
    }
    used += w;
    prev = 1;
    i = j;
  }
  return lines;
}

export class SheetBuilder {
  readonly writes: CellWrite[] = [];
  readonly merges: Rect[] = [];
  private readonly heights = new Map<number, number>();
  /** Points a line of text takes at the sheet's body size (15 at 11 points, in proportion below). */
  readonly lineHeight: number;

  /**
   * `size`: the body text's size in points, when the sheet's styles set one smaller than the workbook's
   * default (the forms); wrapped text is measured and rows are made tall for that size.
   */
  constructor(
    readonly name: string,
    readonly widths: number[],
    readonly size: number = BASE_SIZE
  ) {
    // 13.5 at 10 points, as Excel sizes a row of 10-point CJK text.
    this.lineHeight = Math.round(((LINE_HEIGHT * size) / BASE_SIZE) * 2) / 2;
  }

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

  /** Points that `lines` lines of text need: the lines and a little room for the cell's borders. */
  linesHeight(lines: number): number {
    return Math.min(409, lines * this.lineHeight + 3);
  }

  /** Makes the row at least tall enough for `text` wrapped over `width` characters. */
  fit(row: number, text: string, width: number): void {
    const lines = linesIn(text, width, this.size);
    if (lines <= 1) return;
    this.height(row, this.linesHeight(lines));
  }

  /**
   * For a cell merged down `rows` rows from `row` (after those rows have their own heights): makes the
   * rows together tall enough for `text`, sharing what is missing among them. A name merged down several
   * rows wraps in the room the rows already have, at no cost.
   */
  fitDown(row: number, rows: number, text: string, width: number): void {
    const lines = linesIn(text, width, this.size);
    const need = lines <= 1 ? 0 : this.linesHeight(lines);
    let have = 0;
    for (let r = row; r < row + rows; r++) have += this.heightOf(r);
    if (need <= have) return;
    const more = Math.ceil(((need - have) / rows) * 4) / 4;
    for (let r = row; r < row + rows; r++) this.heights.set(r, this.heightOf(r) + more);
  }

  /** The row's height: what was set, or one line (plan() writes that line's height when not 15). */
  heightOf(row: number): number {
    return this.heights.get(row) ?? this.lineHeight;
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
    if (this.lineHeight !== LINE_HEIGHT) {
      // Rows of one line of smaller text are made that much lower (the sheet's default is 15 points).
      let last = -1;
      for (const w of this.writes) if (w.row > last) last = w.row;
      for (let r = 0; r <= last; r++)
        if (!this.heights.has(r)) this.heights.set(r, this.lineHeight);
    }
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
