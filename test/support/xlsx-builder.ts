/**
 * Builds .xlsx files for tests from a plain model and XML templates, zipped with JSZip.
 *
 * It shares no code with the product's .xlsx layer (src/xlsx, src/ooxml): a fixture made here is an
 * independent witness of what a workbook looks like, as one typed by hand in Excel would be. The package it
 * emits is the smallest one Excel opens without repair: content types, package and workbook relationships,
 * document properties, workbook, styles (with the default font, the two reserved fills, the default border,
 * cell style and formats), shared strings when used, and one part per sheet with its elements in the order
 * the schema requires.
 *
 *   buildXlsx({ sheets: [{ name: "表", rows: [["项目名称", "测试"], [1, { f: "A2+1", v: 2 }]] }] })
 *
 * `buildBigSheetXlsx` is the lean variant for very large tables (200,000 rows): the sheet is written as an
 * array of string chunks, with inline strings and no styles.
 */
import JSZip from "jszip";

// ---------------------------------------------------------------------------------------------
// Model

export interface FontSpec {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** ARGB, e.g. "FFFF0000". */
  color?: string;
}

export interface AlignmentSpec {
  horizontal?: "left" | "center" | "right" | "justify" | "distributed" | "general";
  vertical?: "top" | "center" | "bottom" | "justify" | "distributed";
  wrapText?: boolean;
}

export interface StyleSpec {
  font?: FontSpec;
  /** A solid fill of this ARGB colour, e.g. "FFFFC7CE". */
  fill?: string;
  /** "thin": a thin black line on all four sides. */
  border?: "thin";
  alignment?: AlignmentSpec;
  /** A format code such as "0.00%" or 'yyyy"年"m"月"d"日"'; built-in codes keep their built-in ids. */
  numFmt?: string;
}

export type CellScalar = number | string | boolean | Date | null;

export interface CellSpec {
  /** The value, or a formula's cached result (omit it for a formula saved without a result). */
  v?: CellScalar;
  /** A formula, without the leading "=". */
  f?: string;
  /** "e": `v` is an error such as "#N/A". */
  t?: "e";
  style?: StyleSpec;
}

export type CellInput = CellScalar | CellSpec | undefined;

export interface ColSpec {
  min: number;
  max: number;
  width?: number;
  hidden?: boolean;
  style?: StyleSpec;
}

export interface RowProps {
  height?: number;
  hidden?: boolean;
  style?: StyleSpec;
}

export interface PageSetupSpec {
  /** 9 = A4. */
  paperSize?: number;
  orientation?: "portrait" | "landscape";
  /** Fit to this many pages wide / tall (0 = as many as needed); either turns fitToPage on. */
  fitToWidth?: number;
  fitToHeight?: number;
}

export interface SheetSpec {
  name: string;
  state?: "visible" | "hidden" | "veryHidden";
  /** Rows of cells from `origin` (A1 by default); null or undefined leaves a cell empty. */
  rows?: CellInput[][];
  origin?: string;
  /** Cells by address ("C7"), applied over `rows`. */
  cells?: Record<string, CellInput>;
  merges?: string[];
  cols?: ColSpec[];
  /** By 1-based row number. */
  rowProps?: Record<number, RowProps>;
  protect?: boolean;
  pageSetup?: PageSetupSpec;
  /** This sheet's text as inline strings even when the workbook shares strings. */
  inlineStrings?: boolean;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** The workbook's default font (Calibri 11 when not given): column widths are measured in it. */
  styles?: { defaultFont?: FontSpec };
  date1904?: boolean;
  /** true (default): text in xl/sharedStrings.xml; false: inline strings in the sheets. */
  sharedStrings?: boolean;
  creator?: string;
  /** Written as created and modified; a fixed date by default, so that the same model gives the same bytes. */
  created?: Date;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based row and column of "B7". */
export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`xlsx-builder: bad cell address "${a1}"`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

export function address(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

// ---------------------------------------------------------------------------------------------
// XML text

export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      // Characters XML 1.0 cannot carry at all are written as Excel does: _xHHHH_.
      // eslint-disable-next-line no-control-regex
      .replace(
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
        (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`
      )
  );
}

/** A <t> element; text with leading or trailing white space (or a line break) keeps it. */
function textElement(s: string): string {
  const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
  return `<t${preserve}>${escapeXml(s)}</t>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`xlsx-builder: ${n} is not a number a cell can hold`);
  return String(n);
}

/** The serial number Excel stores for a date (a Date's UTC calendar day and time). */
export function dateSerial(d: Date, date1904 = false): number {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return (d.getTime() - epoch) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------
// Styles

const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "m/d/yyyy": 14,
  "mm-dd-yy": 14,
  "@": 49,
};

const DEFAULT_FONT: FontSpec = { name: "Calibri", size: 11 };

function fontXml(f: FontSpec): string {
  return (
    "<font>" +
    (f.bold ? "<b/>" : "") +
    (f.italic ? "<i/>" : "") +
    `<sz val="${f.size ?? DEFAULT_FONT.size}"/>` +
    (f.color ? `<color rgb="${f.color}"/>` : "") +
    `<name val="${escapeXml(f.name ?? DEFAULT_FONT.name!)}"/>` +
    // family 2 (swiss) for Latin fonts; CJK fonts carry charset 134 (GB2312), as Excel saves 宋体.
    (/[^\x20-\x7e]/.test(f.name ?? "")
      ? '<family val="3"/><charset val="134"/>'
      : '<family val="2"/>') +
    "</font>"
  );
}

function fillXml(rgb: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
}

const THIN_BORDER =
  "<border>" +
  ["left", "right", "top", "bottom"]
    .map((s) => `<${s} style="thin"><color rgb="FF000000"/></${s}>`)
    .join("") +
  "<diagonal/></border>";

/** Deduplicates fonts, fills, borders, number formats and cell formats (xf) into styles.xml. */
class StyleTable {
  private fonts: string[];
  private fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private numFmts = new Map<string, number>();
  private xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private xfIndex = new Map<string, number>([[this.xfs[0], 0]]);
  private defaultFont: FontSpec;

  constructor(defaultFont: FontSpec = DEFAULT_FONT) {
    this.defaultFont = { ...DEFAULT_FONT, ...defaultFont };
    this.fonts = [fontXml(this.defaultFont)];
  }

  private static indexOf(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    if (i >= 0) return i;
    list.push(xml);
    return list.length - 1;
  }

  numFmtId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** The cellXfs index of a style (0 for none). */
  xf(style: StyleSpec | undefined): number {
    if (!style) return 0;
    const numFmtId = style.numFmt !== undefined ? this.numFmtId(style.numFmt) : 0;
    const fontId = style.font
      ? StyleTable.indexOf(this.fonts, fontXml({ ...this.defaultFont, ...style.font }))
      : 0;
    const fillId = style.fill ? StyleTable.indexOf(this.fills, fillXml(style.fill)) : 0;
    const borderId = style.border === "thin" ? StyleTable.indexOf(this.borders, THIN_BORDER) : 0;
    const a = style.alignment;
    const alignment = a
      ? "<alignment" +
        (a.horizontal ? ` horizontal="${a.horizontal}"` : "") +
        (a.vertical ? ` vertical="${a.vertical}"` : "") +
        (a.wrapText ? ' wrapText="1"' : "") +
        "/>"
      : "";
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (alignment ? ` applyAlignment="1">${alignment}</xf>` : "/>");
    let i = this.xfIndex.get(xml);
    if (i === undefined) {
      i = this.xfs.length;
      this.xfs.push(xml);
      this.xfIndex.set(xml, i);
    }
    return i;
  }

  xml(): string {
    const list = (tag: string, items: string[]) =>
      `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const numFmts = [...this.numFmts].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`
    );
    return (
      XML_HEAD +
      `<styleSheet xmlns="${NS_MAIN}">` +
      (numFmts.length ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts) +
      list("fills", this.fills) +
      list("borders", this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      "</styleSheet>"
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings

class SharedStrings {
  private index = new Map<string, number>();
  private list: string[] = [];
  count = 0;

  add(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  get size(): number {
    return this.list.length;
  }

  xml(): string {
    return (
      XML_HEAD +
      `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">` +
      this.list.map((s) => `<si>${textElement(s)}</si>`).join("") +
      "</sst>"
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Cells

interface Context {
  styles: StyleTable | null;
  strings: SharedStrings | null;
  date1904: boolean;
}

function isSpec(v: CellInput): v is CellSpec {
  return typeof v === "object" && v !== null && !(v instanceof Date);
}

/** One <c> element, or "" for a cell with nothing to write. */
export function cellXml(ref: string, input: CellInput, ctx: Context, rowStyle = 0): string {
  const spec: CellSpec = isSpec(input) ? input : { v: input };
  let value = spec.v ?? null;
  let style = spec.style;
  if (value instanceof Date) {
    style = { numFmt: "m/d/yyyy", ...style }; // a date typed into Excel gets the short date format (14)
    value = dateSerial(value, ctx.date1904);
  }
  let s = ctx.styles ? ctx.styles.xf(style) : 0;
  if (!s && rowStyle) s = rowStyle;
  const sAttr = s ? ` s="${s}"` : "";
  const f = spec.f !== undefined ? `<f>${escapeXml(spec.f)}</f>` : "";
  if (value === null) return f || s ? `<c r="${ref}"${sAttr}>${f}</c>` : "";
  if (spec.t === "e")
    return `<c r="${ref}"${sAttr} t="e">${f}<v>${escapeXml(String(value))}</v></c>`;
  if (typeof value === "number") return `<c r="${ref}"${sAttr}>${f}<v>${num(value)}</v></c>`;
  if (typeof value === "boolean")
    return `<c r="${ref}"${sAttr} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
  if (f) return `<c r="${ref}"${sAttr} t="str">${f}<v>${escapeXml(value)}</v></c>`;
  if (ctx.strings) return `<c r="${ref}"${sAttr} t="s"><v>${ctx.strings.add(value)}</v></c>`;
  return `<c r="${ref}"${sAttr} t="inlineStr"><is>${textElement(value)}</is></c>`;
}

// ---------------------------------------------------------------------------------------------
// Sheets

/** The sheet's cells by row, then column (both 1-based). */
function collectCells(sheet: SheetSpec): Map<number, Map<number, CellInput>> {
  const rows = new Map<number, Map<number, CellInput>>();
  const put = (r: number, c: number, v: CellInput) => {
    let row = rows.get(r);
    if (!row) rows.set(r, (row = new Map()));
    row.set(c, v);
  };
  const origin = parseAddress(sheet.origin ?? "A1");
  (sheet.rows ?? []).forEach((cells, i) =>
    cells.forEach((v, j) => {
      if (v !== null && v !== undefined) put(origin.row + i, origin.col + j, v);
    })
  );
  for (const [ref, v] of Object.entries(sheet.cells ?? {})) {
    const { row, col } = parseAddress(ref);
    if (v === null || v === undefined) rows.get(row)?.delete(col);
    else put(row, col, v);
  }
  return rows;
}

function sheetPrXml(sheet: SheetSpec): string {
  const p = sheet.pageSetup;
  const fit = p && (p.fitToWidth !== undefined || p.fitToHeight !== undefined);
  return fit ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "";
}

function pageSetupXml(sheet: SheetSpec): string {
  const p = sheet.pageSetup;
  if (!p) return "";
  return (
    "<pageSetup" +
    (p.paperSize !== undefined ? ` paperSize="${p.paperSize}"` : "") +
    (p.fitToWidth !== undefined ? ` fitToWidth="${p.fitToWidth}"` : "") +
    (p.fitToHeight !== undefined ? ` fitToHeight="${p.fitToHeight}"` : "") +
    (p.orientation ? ` orientation="${p.orientation}"` : "") +
    "/>"
  );
}

function colsXml(sheet: SheetSpec, ctx: Context): string {
  if (!sheet.cols?.length) return "";
  const cols = [...sheet.cols].sort((a, b) => a.min - b.min);
  return (
    "<cols>" +
    cols
      .map((c) => {
        const s = ctx.styles && c.style ? ctx.styles.xf(c.style) : 0;
        return (
          `<col min="${c.min}" max="${c.max}" width="${c.width ?? 9.140625}"` +
          (s ? ` style="${s}"` : "") +
          (c.hidden ? ' hidden="1"' : "") +
          (c.width !== undefined ? ' customWidth="1"' : "") +
          "/>"
        );
      })
      .join("") +
    "</cols>"
  );
}

function sheetXml(sheet: SheetSpec, bookCtx: Context, selected: boolean): string {
  const ctx = sheet.inlineStrings ? { ...bookCtx, strings: null } : bookCtx;
  const cells = collectCells(sheet);
  const props = sheet.rowProps ?? {};
  const rowNumbers = [...new Set([...cells.keys(), ...Object.keys(props).map(Number)])].sort(
    (a, b) => a - b
  );
  let minR = Infinity;
  let maxR = 0;
  let minC = Infinity;
  let maxC = 0;
  const rowsXml: string[] = [];
  for (const r of rowNumbers) {
    const p = props[r] ?? {};
    const rowStyle = ctx.styles && p.style ? ctx.styles.xf(p.style) : 0;
    const cols = [...(cells.get(r)?.keys() ?? [])].sort((a, b) => a - b);
    const body = cols.map((c) => cellXml(address(r, c), cells.get(r)!.get(c), ctx, rowStyle));
    for (const c of cols) {
      minC = Math.min(minC, c);
      maxC = Math.max(maxC, c);
    }
    if (cols.length) {
      minR = Math.min(minR, r);
      maxR = Math.max(maxR, r);
    }
    rowsXml.push(
      `<row r="${r}"` +
        (rowStyle ? ` s="${rowStyle}" customFormat="1"` : "") +
        (p.height !== undefined ? ` ht="${p.height}" customHeight="1"` : "") +
        (p.hidden ? ' hidden="1"' : "") +
        (body.some(Boolean) ? `>${body.join("")}</row>` : "/>")
    );
  }
  const dimension = maxR ? `${address(minR, minC)}:${address(maxR, maxC)}` : "A1";
  const merges = sheet.merges ?? [];
  return (
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    sheetPrXml(sheet) +
    `<dimension ref="${dimension === "A1:A1" ? "A1" : dimension}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ""} workbookViewId="0"/></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(sheet, ctx) +
    `<sheetData>${rowsXml.join("")}</sheetData>` +
    (sheet.protect ? '<sheetProtection sheet="1" objects="1" scenarios="1"/>' : "") +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`
      : "") +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    pageSetupXml(sheet) +
    "</worksheet>"
  );
}

// ---------------------------------------------------------------------------------------------
// Package

const FIXED_DATE = new Date(Date.UTC(2025, 0, 2, 9, 0, 0));

function contentTypesXml(sheetCount: number, sharedStrings: boolean): string {
  const main = "application/vnd.openxmlformats-officedocument";
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${main}.spreadsheetml.sheet.main+xml"/>` +
    Array.from(
      { length: sheetCount },
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${main}.spreadsheetml.worksheet+xml"/>`
    ).join("") +
    `<Override PartName="/xl/styles.xml" ContentType="${main}.spreadsheetml.styles+xml"/>` +
    (sharedStrings
      ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${main}.spreadsheetml.sharedStrings+xml"/>`
      : "") +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${main}.extended-properties+xml"/>` +
    "</Types>"
  );
}

function rootRelsXml(): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL_TYPE}/extended-properties" Target="docProps/app.xml"/>` +
    "</Relationships>"
  );
}

function appXml(sheets: SheetSpec[]): string {
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">` +
    sheets.map((s) => `<vt:lpstr>${escapeXml(s.name)}</vt:lpstr>`).join("") +
    "</vt:vector></TitlesOfParts>" +
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion>" +
    "</Properties>"
  );
}

function coreXml(creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(creator)}</dc:creator><cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

function workbookXml(sheets: SheetSpec[], date1904: boolean): string {
  const active = Math.max(
    0,
    sheets.findIndex((s) => (s.state ?? "visible") === "visible")
  );
  return (
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<workbookPr${date1904 ? ' date1904="1"' : ""} defaultThemeVersion="164011"/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"${active ? ` activeTab="${active}"` : ""}/></bookViews>` +
    "<sheets>" +
    sheets
      .map(
        (s, i) =>
          `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"` +
          (s.state && s.state !== "visible" ? ` state="${s.state}"` : "") +
          ` r:id="rId${i + 1}"/>`
      )
      .join("") +
    "</sheets>" +
    '<calcPr calcId="191029"/>' +
    "</workbook>"
  );
}

function workbookRelsXml(sheetCount: number, sharedStrings: boolean): string {
  const n = sheetCount;
  return (
    XML_HEAD +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    Array.from(
      { length: n },
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
    ).join("") +
    `<Relationship Id="rId${n + 1}" Type="${REL_TYPE}/styles" Target="styles.xml"/>` +
    (sharedStrings
      ? `<Relationship Id="rId${n + 2}" Type="${REL_TYPE}/sharedStrings" Target="sharedStrings.xml"/>`
      : "") +
    "</Relationships>"
  );
}

function validateModel(model: WorkbookSpec): void {
  const seen = new Set<string>();
  for (const s of model.sheets) {
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw new Error(`xlsx-builder: two sheets named "${s.name}"`);
    seen.add(key);
  }
}

function packageZip(
  model: WorkbookSpec,
  sheetParts: (string | string[])[],
  styles: string,
  strings: SharedStrings | null
): JSZip {
  const zip = new JSZip();
  const useStrings = strings !== null && strings.size > 0;
  const date = model.created ?? FIXED_DATE;
  // Fixed entry dates and no folder entries (JSZip would date them now): the same model, the same bytes.
  const opts = { date, createFolders: false };
  zip.file("[Content_Types].xml", contentTypesXml(model.sheets.length, useStrings), opts);
  zip.file("_rels/.rels", rootRelsXml(), opts);
  zip.file("docProps/app.xml", appXml(model.sheets), opts);
  zip.file("docProps/core.xml", coreXml(model.creator ?? "Indicator Scorer tests", date), opts);
  zip.file("xl/workbook.xml", workbookXml(model.sheets, model.date1904 ?? false), opts);
  zip.file("xl/_rels/workbook.xml.rels", workbookRelsXml(model.sheets.length, useStrings), opts);
  zip.file("xl/styles.xml", styles, opts);
  if (useStrings) zip.file("xl/sharedStrings.xml", strings!.xml(), opts);
  sheetParts.forEach((part, i) =>
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      Array.isArray(part) ? Buffer.concat(part.map((s) => Buffer.from(s, "utf8"))) : part,
      opts
    )
  );
  return zip;
}

async function zipBuffer(zip: JSZip): Promise<Buffer> {
  return zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}

/** The .xlsx bytes of a workbook model. */
export async function buildXlsx(model: WorkbookSpec): Promise<Buffer> {
  validateModel(model);
  const date1904 = model.date1904 ?? false;
  const styles = new StyleTable(model.styles?.defaultFont);
  const strings = model.sharedStrings === false ? null : new SharedStrings();
  const ctx: Context = { styles, strings, date1904 };
  const firstVisible = model.sheets.findIndex((s) => (s.state ?? "visible") === "visible");
  const parts = model.sheets.map((s, i) => sheetXml(s, ctx, i === firstVisible));
  return zipBuffer(packageZip(model, parts, styles.xml(), strings));
}

// ---------------------------------------------------------------------------------------------
// Big tables

export interface BigSheetSpec {
  name: string;
  /** How many rows; `row(i)` gives row i (0-based) from A1: numbers, strings, booleans or null. */
  rowCount: number;
  row: (i: number) => (number | string | boolean | null)[];
}

/**
 * A one-sheet workbook of many rows, lean enough for 200,000 of them: the sheet part is a list of string
 * chunks (one per row), strings are inline, and there are no styles beyond the required defaults.
 */
export async function buildBigSheetXlsx(sheet: BigSheetSpec): Promise<Buffer> {
  const ctx: Context = { styles: null, strings: null, date1904: false };
  const chunks: string[] = [];
  let maxC = 0;
  for (let i = 0; i < sheet.rowCount; i++) {
    const r = i + 1;
    const cells = sheet.row(i);
    let body = "";
    cells.forEach((v, j) => {
      if (v === null) return;
      body += cellXml(address(r, j + 1), v, ctx);
      maxC = Math.max(maxC, j + 1);
    });
    chunks.push(`<row r="${r}">${body}</row>`);
  }
  const dimension = sheet.rowCount && maxC ? `A1:${address(sheet.rowCount, maxC)}` : "A1";
  chunks.unshift(
    XML_HEAD +
      `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      `<dimension ref="${dimension}"/>` +
      '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
  );
  chunks.push(
    "</sheetData>" +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      "</worksheet>"
  );
  const model: WorkbookSpec = { sheets: [{ name: sheet.name }], sharedStrings: false };
  return zipBuffer(packageZip(model, [chunks], new StyleTable().xml(), null));
}
