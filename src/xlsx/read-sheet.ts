/**
 * One worksheet part read into the engine's SheetGrid in a single pass over its text: values, displayed
 * text, number formats, formulas, merges clipped to the cells that exist, hidden rows, and the areas no
 * plan may write into (array and shared formula ranges, table headers).
 */
import { CellValue, DATE1904_OFFSET, MergedArea, SheetGrid, emptyGrid, parseA1 } from "../core";
import { Styles } from "../ooxml/styles";
import { attribute, decodeXstring, unescapeXml } from "../ooxml/xml";
import { displayText } from "./display-text";

export interface SheetSource {
  name: string;
  id?: string;
  xml: string;
  strings: readonly string[];
  styles: Styles;
  date1904: boolean;
  /** Table ranges on this sheet (`A1:D7`), whose header rows no plan may write into. */
  tableHeaders?: MergedArea[];
  /** Anchor the grid at A1 whatever the used range (the ledger sheet). */
  fromA1?: boolean;
}

/** Formula cells saved without a result: how many, and the first few (`Sheet!A1`). */
export interface Uncalculated {
  count: number;
  cells: string[];
}
export const UNCALCULATED_SHOWN = 3;

/** Above this many cells of a rectangle a grid is built with ragged rows; above MAX_GRID_CELLS refused. */
const MAX_RECT_CELLS = 5_000_000;
const MAX_GRID_CELLS = 20_000_000;
/** Merged areas are kept this far beyond the last cell, where output columns and rows may go. */
const MERGE_MARGIN = 64;

export class GridTooLargeError extends Error {
  constructor(sheet: string, rows: number, cols: number) {
    super(`sheet "${sheet}": ${rows} rows × ${cols} columns`);
  }
}

const TEXT_RUN =
  /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>|<(?:[\w.-]+:)?t(?:\s[^>]*)?\/>/g;

/** The text of an `<si>` or `<is>` body: its `<t>` runs, without phonetic guides (`<rPh>`). */
export function richText(body: string): string {
  const plain =
    body.indexOf("rPh") < 0
      ? body
      : body.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, "");
  let s = "";
  TEXT_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TEXT_RUN.exec(plain))) if (m[1] !== undefined) s += m[1];
  return decodeXstring(unescapeXml(s));
}

/** Shared strings, in order. */
export function readSharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<(?:[\w.-]+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?si>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out.push(m[1] === undefined ? "" : richText(m[1]));
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

/** An ISO 8601 date cell (`t="d"`) as an Excel serial, or null. */
function isoSerial(s: string, date1904: boolean): number | null {
  const m = ISO_DATE.exec(s.trim());
  if (!m) return null;
  const ms =
    Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), 0) + Number(m[6] ?? 0) * 1000;
  if (!Number.isFinite(ms)) return null;
  // Serial 25569 is 1970-01-01 in the 1900 system (which counts the fictitious 1900-02-29).
  const serial = ms / 86_400_000 + 25569;
  return date1904 ? serial - DATE1904_OFFSET : serial;
}

export function readSheet(src: SheetSource, uncalculated: Uncalculated): SheetGrid {
  const { xml, styles, strings, date1904 } = src;
  const cells = new Cells();
  const hiddenRows: number[] = [];
  const noWrite: MergedArea[] = [...(src.tableHeaders ?? [])];
  const formatCache = new Map<number, string>();
  const formatOf = (s: number) => {
    let f = formatCache.get(s);
    if (f === undefined) formatCache.set(s, (f = styles.numberFormat(s)));
    return f;
  };
  const dataStart = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
  const dataEnd = xml.search(/<\/(?:[\w.-]+:)?sheetData>/);
  const re = /<(?:[\w.-]+:)?(row|c)\b([^>]*?)(\/?)>/g;
  re.lastIndex = Math.max(0, dataStart);
  let row = -1;
  let col = -1;
  let m: RegExpExecArray | null;
  const shared = new Map<string, string>();
  // The hot loop of a large sheet: each attribute read with one precompiled expression, no object per cell.
  while (dataStart >= 0 && (m = re.exec(xml)) && (dataEnd < 0 || m.index < dataEnd)) {
    const attrs = m[2];
    if (m[1] === "row") {
      const r = ROW_R.exec(attrs);
      row = r ? Number(r[1]) - 1 : row + 1;
      col = -1;
      if (HIDDEN.test(attrs)) hiddenRows.push(row);
      continue;
    }
    const ref = CELL_R.exec(attrs);
    if (ref) {
      row = Number(ref[2]) - 1;
      col = columnIndex(ref[1]);
    } else col++;
    if (m[3]) continue; // <c/>: style only
    const bodyEnd = findCellEnd(xml, re.lastIndex);
    const body = xml.slice(re.lastIndex, bodyEnd);
    re.lastIndex = bodyEnd;
    const t = CELL_T.exec(attrs)?.[1] ?? "n";
    const st = CELL_S.exec(attrs);
    const format = formatOf(st ? Number(st[1]) : 0);
    const v = VALUE.exec(body)?.[1];
    let formula = "";
    if (body.indexOf("<f") >= 0 || body.indexOf(":f") >= 0) {
      const fm = FORMULA.exec(body);
      if (fm) {
        const fAttrs = fm[1];
        const text = unescapeXml(fm[2] ?? "");
        const kind = attribute(fAttrs, "t");
        const fref = attribute(fAttrs, "ref");
        const si = attribute(fAttrs, "si");
        if (kind === "shared" && si !== undefined && text) shared.set(si, text);
        formula = `=${text || (si !== undefined ? (shared.get(si) ?? "") : "")}`;
        if ((kind === "array" || kind === "shared" || kind === "dataTable") && fref) {
          const area = areaOf(fref);
          if (area && area.rows * area.cols > 1) noWrite.push(area);
        }
        if (v === undefined && uncalculated.count++ < UNCALCULATED_SHOWN)
          uncalculated.cells.push(
            `${src.name}!${ref ? ref[0].replace(/^.*"([^"]*)"$/, "$1") : ""}`
          );
      }
    }
    let value: CellValue = null;
    if (t === "inlineStr") {
      const is = INLINE.exec(body);
      value = is ? richText(is[1]) : "";
    } else if (v !== undefined) {
      const raw = unescapeXml(v);
      if (t === "s") value = strings[Number(raw)] ?? "";
      else if (t === "str") value = decodeXstring(raw);
      else if (t === "b") value = raw === "1" || raw === "true";
      else if (t === "e") value = raw;
      else if (t === "d") value = isoSerial(raw, date1904);
      else {
        const n = Number(raw);
        value = raw.trim() !== "" && Number.isFinite(n) ? n : raw;
      }
    }
    const text = t === "e" ? String(value) : displayText(value, format, date1904);
    if (value === "" && !formula) value = null;
    if (value === null && text === "" && formula === "") continue;
    cells.add(row, col, value, text, format, formula);
  }
  return buildGrid(src, cells, hiddenRows, noWrite, mergesOf(xml));
}

const ROW_R = /\sr\s*=\s*"(\d+)"/;
const HIDDEN = /\shidden\s*=\s*"(?:1|true)"/;
const CELL_R = /\sr\s*=\s*"\$?([A-Za-z]{1,3})\$?(\d+)"/;
const CELL_T = /\st\s*=\s*"(\w+)"/;
const CELL_S = /\ss\s*=\s*"(\d+)"/;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?v>/;
const FORMULA = /<(?:[\w.-]+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?f>)/;
const INLINE = /<(?:[\w.-]+:)?is\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 32) - 96);
  return n - 1;
}

/** The cells read, in parallel columns rather than an object each (a large sheet has hundreds of thousands). */
class Cells {
  rows: number[] = [];
  cols: number[] = [];
  values: CellValue[] = [];
  texts: string[] = [];
  formats: string[] = [];
  formulas: string[] = [];
  get length(): number {
    return this.rows.length;
  }
  add(
    row: number,
    col: number,
    value: CellValue,
    text: string,
    format: string,
    formula: string
  ): void {
    this.rows.push(row);
    this.cols.push(col);
    this.values.push(value);
    this.texts.push(text);
    this.formats.push(format);
    this.formulas.push(formula);
  }
}

/** Index just past a `<c>` element's end tag (cell bodies hold no nested `<c>`). */
function findCellEnd(xml: string, from: number): number {
  const re = /<\/(?:[\w.-]+:)?c>/g;
  re.lastIndex = from;
  const m = re.exec(xml);
  return m ? m.index + m[0].length : xml.length;
}

function areaOf(ref: string): MergedArea | null {
  const [a, b = a] = ref.split(":");
  const p = parseA1(a);
  const q = parseA1(b);
  if (!p || !q) return null;
  return { row: p.row, col: p.col, rows: q.row - p.row + 1, cols: q.col - p.col + 1 };
}

function mergesOf(xml: string): MergedArea[] {
  const out: MergedArea[] = [];
  const start = xml.search(/<(?:[\w.-]+:)?mergeCells\b/);
  if (start < 0) return out;
  const re = /<(?:[\w.-]+:)?mergeCell\b([^>]*)>/g;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const area = areaOf(attribute(m[1], "ref") ?? "");
    if (area && area.rows > 0 && area.cols > 0) out.push(area);
  }
  return out;
}

/** Clips an area to rows r0..r1 and columns c0..c1 (inclusive); null when nothing is left. */
function clip(a: MergedArea, r0: number, r1: number, c0: number, c1: number): MergedArea | null {
  const top = Math.max(a.row, r0);
  const left = Math.max(a.col, c0);
  const bottom = Math.min(a.row + a.rows - 1, r1);
  const right = Math.min(a.col + a.cols - 1, c1);
  if (bottom < top || right < left) return null;
  return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
}

function buildGrid(
  src: SheetSource,
  cells: Cells,
  hiddenRows: number[],
  noWrite: MergedArea[],
  merges: MergedArea[]
): SheetGrid {
  const extra = {
    ...(src.id !== undefined ? { id: src.id } : {}),
    ...(src.date1904 ? { date1904: true } : {}),
    ...(hiddenRows.length ? { hiddenRows } : {}),
  };
  if (cells.length === 0) return { ...emptyGrid(src.name), ...extra };
  let [minRow, maxRow, minCol, maxCol] = [Infinity, -1, Infinity, -1];
  for (let k = 0; k < cells.length; k++) {
    const r = cells.rows[k];
    const c = cells.cols[k];
    if (r < minRow) minRow = r;
    if (r > maxRow) maxRow = r;
    if (c < minCol) minCol = c;
    if (c > maxCol) maxCol = c;
  }
  if (src.fromA1) minRow = minCol = 0;
  const rows = maxRow - minRow + 1;
  const cols = maxCol - minCol + 1;
  // A rectangle, unless one stray cell far away (XFD1048576) makes it huge: then each row is only as
  // wide as its own last cell, and a sheet still too big to hold is refused rather than exhausting memory.
  let widths: number[] | null = null;
  if (rows * cols > MAX_RECT_CELLS) {
    widths = new Array<number>(rows).fill(0);
    for (let k = 0; k < cells.length; k++) {
      const i = cells.rows[k] - minRow;
      widths[i] = Math.max(widths[i], cells.cols[k] - minCol + 1);
    }
    if (widths.reduce((n, w) => n + w, 0) > MAX_GRID_CELLS)
      throw new GridTooLargeError(src.name, rows, cols);
  }
  const make = <T>(fill: T): T[][] =>
    Array.from({ length: rows }, (_, i) => new Array<T>(widths ? widths[i] : cols).fill(fill));
  const values = make<CellValue>(null);
  const text = make("");
  const formats = make("General");
  const formulas = make("");
  for (let k = 0; k < cells.length; k++) {
    const i = cells.rows[k] - minRow;
    const j = cells.cols[k] - minCol;
    values[i][j] = cells.values[k];
    text[i][j] = cells.texts[k];
    formats[i][j] = cells.formats[k];
    formulas[i][j] = cells.formulas[k];
  }
  // A merge over a million rows costs nothing: only its part near the cells that exist is kept.
  const within = (a: MergedArea) =>
    clip(
      a,
      minRow - MERGE_MARGIN,
      maxRow + MERGE_MARGIN,
      minCol - MERGE_MARGIN,
      maxCol + MERGE_MARGIN
    );
  const kept: MergedArea[] = [];
  const guarded = noWrite.map(within).filter((a): a is MergedArea => a !== null);
  for (const a of merges) {
    const c = within(a);
    // A merge clipped above or left of its top-left cell is all hidden cells: none may be written.
    if (c) (c.row === a.row && c.col === a.col ? kept : guarded).push(c);
  }
  return {
    name: src.name,
    originRow: minRow,
    originCol: minCol,
    values,
    text,
    formats,
    formulas,
    ...extra,
    ...(kept.length ? { merges: kept } : {}),
    ...(guarded.length ? { noWrite: guarded } : {}),
  };
}
