/**
 * Cells spliced into a worksheet part. Only the `<c>` elements written, the `<row>` elements that must be
 * added for them, `<dimension>` and `<cols>` change; every other byte of the part stays as it was.
 */
import { a1, parseA1 } from "../core";
import { attribute, encodeXstring, escapeText, findElement, prefixOf, withAttribute } from "./xml";

/** One cell to write: its value and the cell format it ends with, worked out from its current one. */
export interface CellEdit {
  row: number; // 0-based
  col: number;
  /** undefined: the cell's content stays as it is; only its format is set. */
  value: string | number | null | undefined;
  /** The cell's final format index, given its current one (the cell's own, else its row's or column's). */
  style: (current: number) => number;
}

/** A worksheet part too damaged to edit safely (its rows or cells not where the markup says). */
export class SheetXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetXmlError";
  }
}

export interface PatchResult {
  xml: string;
  /** Cells not written because they hold a formula (the engine should never have planned them). */
  formulaCells: string[];
}

interface ColSpan {
  min: number;
  max: number;
  style: number;
  width: boolean;
}

/** `<col>` elements of the part (1-based min/max), for default styles and widths. */
function readCols(xml: string): ColSpan[] {
  const cols = findElement(xml, "cols");
  if (!cols) return [];
  const out: ColSpan[] = [];
  const re = /<(?:[\w.-]+:)?col\b[^>]*>/g;
  re.lastIndex = cols.inner;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) && m.index < cols.end) {
    out.push({
      min: Number(attribute(m[0], "min")),
      max: Number(attribute(m[0], "max")),
      style: Number(attribute(m[0], "style") ?? 0),
      width: attribute(m[0], "width") !== undefined,
    });
  }
  return out;
}

function cellXml(
  p: string,
  r: string,
  style: number,
  value: string | number | null | undefined
): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === undefined) return `<${p}c r="${r}"${s}/>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return `<${p}c r="${r}"${s}/>`;
    return `<${p}c r="${r}"${s}><${p}v>${String(value)}</${p}v></${p}c>`;
  }
  // Inline text: a string is always text, never a formula; sharedStrings.xml is left as it was.
  const t = encodeXstring(value);
  const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${r}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeText(t)}</${p}t></${p}is></${p}c>`;
}

/**
 * Writes `edits` into the worksheet part `xml`. Edits must not repeat a cell. Cells holding a formula are
 * left alone and listed.
 */
export function patchSheet(xml: string, edits: readonly CellEdit[]): PatchResult {
  const formulaCells: string[] = [];
  if (edits.length === 0) return { xml, formulaCells };
  const root = /<([\w.-]+:)?worksheet\b/.exec(xml);
  const p = root?.[1] ?? "";
  const byRow = new Map<number, CellEdit[]>();
  for (const e of edits) {
    const l = byRow.get(e.row);
    if (l) l.push(e);
    else byRow.set(e.row, [e]);
  }
  for (const l of byRow.values()) l.sort((a, b) => a.col - b.col);
  const rowsWanted = [...byRow.keys()].sort((a, b) => a - b);
  const cols = readCols(xml);
  const colStyle = (col: number): number =>
    cols.find((c) => c.min <= col + 1 && col + 1 <= c.max)?.style ?? 0;

  let sheetData = findElement(xml, "sheetData");
  if (!sheetData) throw new SheetXmlError("no sheetData");
  if (sheetData.selfClosing) {
    xml = `${xml.slice(0, sheetData.start)}<${p}sheetData></${p}sheetData>${xml.slice(sheetData.end)}`;
    sheetData = findElement(xml, "sheetData")!;
  }
  const dataEnd = xml.lastIndexOf("<", sheetData.end - 1);
  const out: string[] = [xml.slice(0, sheetData.inner)];
  let pos = sheetData.inner;
  let w = 0; // next wanted row
  let implicitRow = -1;
  const rowRe = new RegExp(`<${p}row\\b[^>]*?(/?)>`, "g");
  rowRe.lastIndex = pos;
  const newRow = (row: number) =>
    `<${p}row r="${row + 1}">${byRow
      .get(row)!
      .map((e) => cellXml(p, a1(e.row, e.col), e.style(colStyle(e.col)), e.value))
      .join("")}</${p}row>`;
  for (;;) {
    const m = rowRe.exec(xml);
    if (!m || m.index >= dataEnd) break;
    const tag = m[0];
    const rAttr = attribute(tag, "r");
    const row = rAttr !== undefined ? Number(rAttr) - 1 : implicitRow + 1;
    implicitRow = row;
    const close = m[1] ? rowRe.lastIndex : xml.indexOf(`</${p}row>`, rowRe.lastIndex);
    if (close < 0 || close > dataEnd) throw new SheetXmlError(`row ${row + 1} is not closed`);
    const rowEnd = m[1] ? close : close + `</${p}row>`.length;
    // Rows wanted before this one that do not exist yet.
    while (w < rowsWanted.length && rowsWanted[w] < row) {
      out.push(xml.slice(pos, m.index), newRow(rowsWanted[w]));
      pos = m.index;
      w++;
    }
    if (w < rowsWanted.length && rowsWanted[w] === row) {
      out.push(xml.slice(pos, m.index));
      const rowStyle =
        attribute(tag, "customFormat") === "1" || attribute(tag, "customFormat") === "true"
          ? Number(attribute(tag, "s") ?? 0)
          : undefined;
      const body = m[1] ? "" : xml.slice(rowRe.lastIndex, rowEnd - `</${p}row>`.length);
      const openTag = m[1] ? tag.replace(/\s*\/>$/, ">") : tag;
      out.push(
        withAttribute(openTag, "spans", undefined),
        patchRow(p, body, row, byRow.get(row)!, rowStyle, colStyle, formulaCells),
        `</${p}row>`
      );
      pos = rowEnd;
      w++;
    }
    rowRe.lastIndex = rowEnd;
  }
  out.push(xml.slice(pos, dataEnd));
  while (w < rowsWanted.length) out.push(newRow(rowsWanted[w++]));
  out.push(xml.slice(dataEnd));
  return { xml: withDimension(out.join(""), edits), formulaCells };
}

const compiled = new Map<string, { cellRe: RegExp; formulaRe: RegExp }>();

/** The expressions for one namespace prefix, compiled once rather than once a row. */
function patterns(p: string): { cellRe: RegExp; formulaRe: RegExp } {
  let c = compiled.get(p);
  if (!c) {
    c = {
      cellRe: new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, "g"),
      formulaRe: new RegExp(`<${p}f[\\s/>]`),
    };
    compiled.set(p, c);
  }
  return c;
}

/** The cells of one row with the edits spliced in, in column order. */
function patchRow(
  p: string,
  body: string,
  row: number,
  edits: CellEdit[],
  rowStyle: number | undefined,
  colStyle: (col: number) => number,
  formulaCells: string[]
): string {
  const { cellRe, formulaRe } = patterns(p);
  cellRe.lastIndex = 0;
  const out: string[] = [];
  let pos = 0;
  let k = 0;
  let implicitCol = -1;
  const fresh = (e: CellEdit) =>
    cellXml(p, a1(row, e.col), e.style(rowStyle ?? colStyle(e.col)), e.value);
  let m: RegExpExecArray | null;
  while ((m = cellRe.exec(body))) {
    const tagEnd = m[0].indexOf(">");
    const tag = m[0].slice(0, tagEnd + 1);
    const r = attribute(tag, "r");
    const col = r ? (parseA1(r)?.col ?? implicitCol + 1) : implicitCol + 1;
    implicitCol = col;
    while (k < edits.length && edits[k].col < col) {
      out.push(body.slice(pos, m.index), fresh(edits[k++]));
      pos = m.index;
    }
    if (k < edits.length && edits[k].col === col) {
      const e = edits[k++];
      out.push(body.slice(pos, m.index));
      if (formulaRe.test(m[0])) {
        formulaCells.push(a1(row, col));
        out.push(m[0]);
      } else if (e.value === undefined) {
        const s = e.style(Number(attribute(tag, "s") ?? 0));
        out.push(withAttribute(tag, "s", s ? String(s) : undefined) + m[0].slice(tag.length));
      } else {
        out.push(cellXml(p, a1(row, col), e.style(Number(attribute(tag, "s") ?? 0)), e.value));
      }
      pos = cellRe.lastIndex;
    }
  }
  out.push(body.slice(pos));
  // Cells after the last one in the row; before any extLst the row may carry.
  const tail: string[] = [];
  while (k < edits.length) tail.push(fresh(edits[k++]));
  if (tail.length === 0) return out.join("");
  const joined = out.join("");
  const ext = joined.search(new RegExp(`<${p}extLst\\b`));
  return ext < 0
    ? joined + tail.join("")
    : joined.slice(0, ext) + tail.join("") + joined.slice(ext);
}

/** `<dimension ref>` grown to cover the written cells. */
function withDimension(xml: string, edits: readonly CellEdit[]): string {
  const dim = findElement(xml, "dimension");
  if (!dim) return xml;
  const ref = attribute(dim.tag, "ref") ?? "A1";
  const [from, to = from] = ref.split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  if (!a || !b) return xml;
  let [r0, c0, r1, c1] = [a.row, a.col, b.row, b.col];
  // A1 alone is also what an empty sheet says.
  const empty = ref === "A1" && !/<(?:[\w.-]+:)?c\b/.test(xml.slice(dim.end));
  if (empty) [r0, c0, r1, c1] = [Infinity, Infinity, -1, -1];
  for (const e of edits) {
    if (e.value === null || e.value === undefined) continue;
    r0 = Math.min(r0, e.row);
    c0 = Math.min(c0, e.col);
    r1 = Math.max(r1, e.row);
    c1 = Math.max(c1, e.col);
  }
  if (r1 < 0) return xml;
  const next = r0 === r1 && c0 === c1 ? a1(r0, c0) : `${a1(r0, c0)}:${a1(r1, c1)}`;
  if (next === ref) return xml;
  return xml.slice(0, dim.start) + withAttribute(dim.tag, "ref", next) + xml.slice(dim.end);
}

/**
 * `<cols>` with widths (in characters) for columns no `<col>` element covers yet: a width the user or the
 * template set is never changed.
 */
export function withColumnWidths(
  xml: string,
  widths: readonly { col: number; width: number }[]
): string {
  const cols = readCols(xml);
  const p = prefixOf(/<([\w.-]+:)?worksheet\b[^>]*>/.exec(xml)?.[0] ?? "<worksheet>");
  const add = widths
    .filter(
      (w) =>
        Number.isFinite(w.width) &&
        w.width > 0 &&
        !cols.some((c) => c.min <= w.col + 1 && w.col + 1 <= c.max)
    )
    .sort((x, y) => x.col - y.col);
  if (add.length === 0) return xml;
  const el = (w: { col: number; width: number }) =>
    `<${p}col min="${w.col + 1}" max="${w.col + 1}" width="${Math.round(w.width * 100) / 100}" customWidth="1"/>`;
  const found = findElement(xml, "cols");
  if (!found) {
    const sd = findElement(xml, "sheetData")!;
    return `${xml.slice(0, sd.start)}<${p}cols>${add.map(el).join("")}</${p}cols>${xml.slice(sd.start)}`;
  }
  // Insert each in min order among the existing elements (Excel wants them ascending).
  let body = xml.slice(found.inner, xml.lastIndexOf("<", found.end - 1));
  for (const w of add) {
    const re = /<(?:[\w.-]+:)?col\b[^>]*>/g;
    let at = body.length;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) {
      if (Number(attribute(m[0], "min")) > w.col + 1) {
        at = m.index;
        break;
      }
    }
    body = body.slice(0, at) + el(w) + body.slice(at);
  }
  return `${xml.slice(0, found.inner)}${body}${xml.slice(xml.lastIndexOf("<", found.end - 1))}`;
}

/**
 * Columns put back to the sheet's standard width where the width the tool set (in characters) still
 * stands: the `<col>` element of that one column removed when it says nothing else (as the tool added
 * it), else only its width. A `<col>` spanning several columns (Excel merges equal neighbours when it
 * saves) is split around the column. A width someone changed since stays.
 */
export function withColumnWidthResets(
  xml: string,
  resets: readonly { col: number; width: number }[],
  tolerance: number
): string {
  const found = findElement(xml, "cols");
  if (!found || found.selfClosing || resets.length === 0) return xml;
  const close = xml.lastIndexOf("<", found.end - 1);
  let body = xml.slice(found.inner, close);
  for (const r of resets) {
    const n = r.col + 1;
    const re = /<(?:[\w.-]+:)?col\b[^>]*>(?:<\/(?:[\w.-]+:)?col>)?/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(body))) {
      const min = Number(attribute(m[0], "min"));
      const max = Number(attribute(m[0], "max"));
      if (!(min <= n && n <= max)) continue;
      const width = Number(attribute(m[0], "width"));
      if (!(Math.abs(width - r.width) <= tolerance)) break; // resized since: the user's width
      const el = m[0];
      const span = (a: number, b: number) =>
        withAttribute(withAttribute(el, "min", String(a)), "max", String(b));
      let own = withAttribute(
        withAttribute(span(n, n), "width", undefined),
        "customWidth",
        undefined
      );
      // Nothing left but min and max: the element goes.
      if (!/\s(?!min=|max=)[\w:.-]+\s*=/.test(own.slice(0, own.indexOf(">")))) own = "";
      const parts = [min < n ? span(min, n - 1) : "", own, n < max ? span(n + 1, max) : ""];
      body = body.slice(0, m.index) + parts.join("") + body.slice(m.index + el.length);
      break;
    }
  }
  if (!/<(?:[\w.-]+:)?col\b/.test(body)) return xml.slice(0, found.start) + xml.slice(found.end); // no empty <cols/>
  return xml.slice(0, found.inner) + body + xml.slice(close);
}

/**
 * The format index of each asked cell, as Excel would show it: the cell's own `s`, else its row's (a row
 * with `customFormat`), else its column's (`<col style>`), else 0. One pass over the rows; keys "row,col".
 */
export function stylesAt(
  xml: string,
  cells: readonly { row: number; col: number }[]
): Map<string, number> {
  const out = new Map<string, number>();
  if (cells.length === 0) return out;
  const cols = readCols(xml);
  const colStyle = (col: number): number =>
    cols.find((c) => c.min <= col + 1 && col + 1 <= c.max)?.style ?? 0;
  const byRow = new Map<number, Set<number>>();
  for (const c of cells) {
    let s = byRow.get(c.row);
    if (!s) byRow.set(c.row, (s = new Set()));
    s.add(c.col);
  }
  const sheetData = findElement(xml, "sheetData");
  const p = /<([\w.-]+:)?worksheet\b/.exec(xml)?.[1] ?? "";
  if (sheetData && !sheetData.selfClosing) {
    const dataEnd = xml.lastIndexOf("<", sheetData.end - 1);
    const rowRe = new RegExp(`<${p}row\\b[^>]*?(/?)>`, "g");
    rowRe.lastIndex = sheetData.inner;
    let implicitRow = -1;
    const { cellRe } = patterns(p);
    for (;;) {
      const m = rowRe.exec(xml);
      if (!m || m.index >= dataEnd) break;
      const rAttr = attribute(m[0], "r");
      const row = rAttr !== undefined ? Number(rAttr) - 1 : implicitRow + 1;
      implicitRow = row;
      const close = m[1] ? rowRe.lastIndex : xml.indexOf(`</${p}row>`, rowRe.lastIndex);
      if (close < 0 || close > dataEnd) break;
      const rowEnd = m[1] ? close : close + `</${p}row>`.length;
      rowRe.lastIndex = rowEnd;
      const wanted = byRow.get(row);
      if (!wanted) continue;
      const custom = attribute(m[0], "customFormat");
      const rowStyle =
        custom === "1" || custom === "true" ? Number(attribute(m[0], "s") ?? 0) : undefined;
      const body = m[1] ? "" : xml.slice(m.index + m[0].length, close);
      cellRe.lastIndex = 0;
      let implicitCol = -1;
      let c: RegExpExecArray | null;
      while ((c = cellRe.exec(body))) {
        const tag = c[0].slice(0, c[0].indexOf(">") + 1);
        const r = attribute(tag, "r");
        const col = r ? (parseA1(r)?.col ?? implicitCol + 1) : implicitCol + 1;
        implicitCol = col;
        if (wanted.has(col)) out.set(`${row},${col}`, Number(attribute(tag, "s") ?? 0) || 0);
      }
      for (const col of wanted)
        if (!out.has(`${row},${col}`)) out.set(`${row},${col}`, rowStyle ?? colStyle(col));
    }
  }
  for (const c of cells)
    if (!out.has(`${c.row},${c.col}`)) out.set(`${c.row},${c.col}`, colStyle(c.col));
  return out;
}
