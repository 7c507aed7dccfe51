/**
 * The workbook-wide part of a command-line copy's styles (xl/styles.xml), which exceljs 4.4 rebuilds from
 * scratch:
 * - The default font (the 常规/Normal style's, font 0) became Calibri 11 whatever the input had. Chinese
 *   workbooks have 宋体, 等线 or 仿宋 there, often at 12 pt: every unformatted cell changed font and size,
 *   and since Excel measures column widths in the default font's digit width, every column's width on
 *   screen and on paper changed with it (a table fitted to one page could spill onto a second).
 * - Named cell styles (开始 > 单元格样式: 百分比 and 千位分隔, which the % and , buttons apply, 好/差/适中,
 *   a template's own styles) were dropped, and every cell's link to its style (`xfId`) reset to Normal.
 * - A custom colour palette (`<colors>`, kept by workbooks that began as .xls) was dropped, so every
 *   indexed colour showed the standard palette's colour instead.
 * - Custom table styles (开始 > 套用表格格式 > 新建表格样式) were dropped, so a table using one lost its
 *   look, and the workbook's default table style became exceljs's.
 * The copy gets the input's default font as font 0, the input's named styles in their order (their fonts,
 * fills, borders and number formats added to the copy's tables, everything else as written), each cell's
 * `xfId` back, and the input's palette. A styles part this reader does not follow (a namespace prefix on
 * its elements) is left to exceljs, as before.
 */
import { exceljsModule, wrapExceljsMethod } from "./exceljs-patch";
import { xmlAttribute } from "./workbook-part";

/** What a copy keeps of the input's styles part, as written there. */
export interface SourceStyles {
  /** The `<font>` elements, in order (font 0 is the default font). */
  fonts: string[];
  fills: string[];
  borders: string[];
  /** Custom number formats by id. */
  numFmts: Map<number, string>;
  /** The named styles' `<xf>` elements, in order; empty when they cannot be kept. */
  styleXfs: string[];
  /** The `<cellStyles>` element naming them; null when they cannot be kept. */
  cellStyles: string | null;
  /** The `<colors>` element (custom palette, recent colours); null when none. */
  colors: string | null;
  /** The `<tableStyles>` element (custom table styles, the default table style); null when none. */
  tableStyles: string | null;
  /** The differential formats (`<dxf>`), in order: what the table styles' `dxfId`s point at. */
  dxfs: string[];
}

const section = (xml: string, tag: string) =>
  new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);

/** The child elements `tag` of a section's content, each as written. */
function elements(content: string | undefined, tag: string): string[] {
  return (
    (content ?? "").match(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, "g")) ?? []
  );
}

/** Whether an element can be written into exceljs's part as it is: no namespace prefixes inside it. */
const plain = (xml: string) => !/<\/?[\w.-]+:/.test(xml);

/** Reads what a copy keeps of a styles part; null when the part is not one this reader follows. */
export function readSourceStyles(stylesXml: string): SourceStyles | null {
  if (!/<styleSheet\b/.test(stylesXml)) return null; // a prefixed part: left to exceljs
  const fonts = elements(section(stylesXml, "fonts")?.[1], "font");
  const fills = elements(section(stylesXml, "fills")?.[1], "fill");
  const borders = elements(section(stylesXml, "borders")?.[1], "border");
  if (![...fonts, ...fills, ...borders].every(plain)) return null;
  const numFmts = new Map<number, string>();
  for (const numFmt of elements(section(stylesXml, "numFmts")?.[1], "numFmt")) {
    const id = Number(xmlAttribute(numFmt, "numFmtId"));
    const code = xmlAttribute(numFmt, "formatCode");
    if (Number.isInteger(id) && code !== null) numFmts.set(id, code);
  }
  let styleXfs = elements(section(stylesXml, "cellStyleXfs")?.[1], "xf");
  let cellStyles = section(stylesXml, "cellStyles")?.[0] ?? null;
  if (styleXfs.length === 0 || cellStyles === null || ![...styleXfs, cellStyles].every(plain)) {
    styleXfs = [];
    cellStyles = null;
  }
  const colors = section(stylesXml, "colors")?.[0] ?? null;
  const tableStyles = section(stylesXml, "tableStyles")?.[0] ?? null;
  return {
    fonts,
    fills,
    borders,
    numFmts,
    styleXfs,
    cellStyles,
    colors: colors !== null && plain(colors) ? colors : null,
    tableStyles: tableStyles !== null && plain(tableStyles) ? tableStyles : null,
    dxfs: elements(section(stylesXml, "dxfs")?.[1], "dxf"),
  };
}

/**
 * A `<tableStyles>` element with each `dxfId` replaced by the id `add` gives the differential format it
 * pointed at in the input (`dxfs`); null when one of them cannot be added.
 */
export function remapTableStyles(
  xml: string,
  dxfs: readonly string[],
  add: (dxf: string) => number | null
): string | null {
  const ids = new Map<string, number | null>();
  let lost = false;
  const out = xml.replace(
    /(\sdxfId=")(\d+)(")/g,
    (all, before: string, id: string, after: string) => {
      if (!ids.has(id)) {
        const dxf = dxfs[Number(id)];
        ids.set(id, dxf === undefined ? null : add(dxf));
      }
      const to = ids.get(id);
      if (to === null || to === undefined) lost = true;
      return `${before}${to}${after}`;
    }
  );
  return lost ? null : out;
}

/** What each workbook read from a file held in its styles part, for the copy written from it. */
export const workbookSourceStyles = new WeakMap<object, SourceStyles>();

const ID_ATTRIBUTE = /(\s(numFmtId|fontId|fillId|borderId)\s*=\s*)(?:"(\d+)"|'(\d+)')/g;

/**
 * A named style's `<xf>` for the copy: its number format, font, fill and border ids replaced by what
 * `mapId` gives for the input's ids (the copy's tables are numbered afresh); all else as written.
 */
export function remapStyleXf(
  xf: string,
  mapId: (kind: "numFmtId" | "fontId" | "fillId" | "borderId", id: number) => number
): string {
  const head = /^<xf\b[^>]*?(?=\/?>)/.exec(xf)?.[0] ?? "";
  const remapped = head.replace(
    ID_ATTRIBUTE,
    (
      _m,
      prefix: string,
      kind: "numFmtId" | "fontId" | "fillId" | "borderId",
      a?: string,
      b?: string
    ) => `${prefix}"${mapId(kind, Number(a ?? b))}"`
  );
  return remapped + xf.slice(head.length);
}

// ---------------------------------------------------------------------------------------------
// exceljs's style manager (StylesXform), as far as the wraps use it.

export interface StyleManager {
  model: { fonts: string[]; fills: string[]; borders: string[]; styles: unknown[] };
  index?: {
    font: Record<string, number>;
    fill: Record<string, number>;
    border: Record<string, number>;
  };
  map: Record<string, { render(xmlStream: unknown, model?: unknown): void }>;
  _addNumFmtStr(formatCode: string): number;
  addDxfStyle?(style: unknown): number;
  [SOURCE]?: SourceStyles;
}

const SOURCE = Symbol.for("indicator-scorer.source-styles");
const STYLES = "xlsx/xform/style/styles-xform";

/** The source styles of the workbook being written, while exceljs prepares its model. */
let preparing: SourceStyles | undefined;

/** The index of an element of the copy's table (`kind`), adding it as written when it is not there yet. */
function addXml(manager: StyleManager, kind: "font" | "fill" | "border", xml: string): number {
  const list = manager.model[`${kind}s`];
  const index = manager.index![kind];
  let at = index[xml];
  if (at === undefined) {
    at = index[xml] = list.length;
    list.push(xml);
  }
  return at;
}

/** The input's named styles' `<xf>`s with ids of the copy's tables (which this adds to). */
function styleXfsFor(manager: StyleManager, source: SourceStyles): string[] {
  return source.styleXfs.map((xf) =>
    remapStyleXf(xf, (kind, id) => {
      switch (kind) {
        case "numFmtId": {
          const code = source.numFmts.get(id);
          return code === undefined ? id : manager._addNumFmtStr(code);
        }
        case "fontId":
          return id === 0 || source.fonts[id] === undefined
            ? 0
            : addXml(manager, "font", source.fonts[id]);
        case "fillId":
          // Fills 0 and 1 are fixed by the format (none, gray125); exceljs writes them first.
          return id < 2 || source.fills[id] === undefined
            ? id
            : addXml(manager, "fill", source.fills[id]);
        case "borderId":
          return id === 0 || source.borders[id] === undefined
            ? 0
            : addXml(manager, "border", source.borders[id]);
      }
    })
  );
}

type Render = (
  this: StyleManager,
  xmlStream: { writeXml(xml: string): void },
  model?: unknown
) => unknown;
type StaticXforms = Record<string, { render(xmlStream: unknown): void }>;

function writeSourceStyles(): boolean {
  const statics = exceljsModule<{ STATIC_XFORMS?: StaticXforms }>(STYLES)?.STATIC_XFORMS;
  if (!statics?.cellStyles || !statics.tableStyles) return false;
  return wrapExceljsMethod<Render>(
    STYLES,
    "render",
    "workbook-styles.render",
    (original) =>
      function (this: StyleManager, xmlStream, model) {
        const source = this[SOURCE];
        if (
          !source ||
          !this.index ||
          (source.styleXfs.length === 0 && source.colors === null && source.tableStyles === null)
        )
          return original.call(this, xmlStream, model);
        const named = source.cellStyles !== null ? styleXfsFor(this, source) : [];
        const own = { styleXfs: this.map.cellStyleXfs };
        const { cellStyles, tableStyles } = statics;
        if (named.length > 0) {
          this.map.cellStyleXfs = {
            render: (stream) =>
              (stream as typeof xmlStream).writeXml(
                `<cellStyleXfs count="${named.length}">${named.join("")}</cellStyleXfs>`
              ),
          };
          statics.cellStyles = {
            render: (stream) => (stream as typeof xmlStream).writeXml(source.cellStyles!),
          };
        }
        // The table styles' formats join the copy's differential formats, which this render writes.
        const ownTables =
          source.tableStyles === null
            ? null
            : remapTableStyles(source.tableStyles, source.dxfs, (dxf) => {
                const style = readWith(DXF, dxf);
                return style && this.addDxfStyle ? this.addDxfStyle(style) : null;
              });
        if (source.colors !== null || ownTables !== null) {
          const colors = source.colors ?? "";
          statics.tableStyles = {
            render: (stream) => {
              if (ownTables !== null) (stream as typeof xmlStream).writeXml(ownTables);
              else tableStyles.render(stream);
              (stream as typeof xmlStream).writeXml(colors);
            },
          };
        }
        try {
          return original.call(this, xmlStream, model);
        } finally {
          this.map.cellStyleXfs = own.styleXfs;
          statics.cellStyles = cellStyles;
          statics.tableStyles = tableStyles;
        }
      }
  );
}

/**
 * exceljs's spelling of a `<font>` element: what it writes for a cell whose format uses that font, having
 * read the font's properties (its own font parser, fed the element's tags). Null when it cannot be read.
 */
export function exceljsSpelling(fontXml: string): string | null {
  const Xform = exceljsModule<new () => Parsing>(FONT);
  const model = readWith(FONT, fontXml);
  if (!Xform || !model) return null;
  try {
    return new Xform().toXml(model);
  } catch {
    return null;
  }
}

type Parsing = {
  parseOpen(node: { name: string; attributes: Record<string, string> }): unknown;
  parseClose(name: string): unknown;
  model?: unknown;
  toXml(model: unknown): string;
};
const FONT = "xlsx/xform/style/font-xform";
const DXF = "xlsx/xform/style/dxf-xform";

/**
 * The model exceljs's parser (the xform module `path`) reads from an element written as XML, fed its tags
 * and attributes (the style elements this reads hold no text). Null when it cannot be read.
 */
function readWith(path: string, xml: string): unknown {
  const Xform = exceljsModule<new () => Parsing>(path);
  if (!Xform) return null;
  try {
    const xform = new Xform();
    for (const [, close, name, attrs, empty] of xml.matchAll(/<(\/?)([\w:]+)([^>]*?)(\/?)>/g)) {
      if (close) {
        xform.parseClose(name);
        continue;
      }
      const attributes: Record<string, string> = {};
      for (const [, key] of attrs.matchAll(/([\w:]+)\s*=/g))
        attributes[key] = xmlAttribute(attrs, key) ?? "";
      xform.parseOpen({ name, attributes });
      if (empty) xform.parseClose(name);
    }
    return xform.model ?? null;
  } catch {
    return null;
  }
}

/**
 * The copy's style manager starts with the input's default font as font 0 (exceljs adds Calibri), and a
 * cell whose format uses the default font keeps using font 0: exceljs hands such a cell the default
 * font's properties, which it would otherwise add again in its own spelling, one more font in each run.
 */
function startFromSourceFont(): boolean {
  type Init = (this: StyleManager) => unknown;
  type Prepare = (this: { workbook?: object }, model: unknown, options: unknown) => unknown;
  const init = wrapExceljsMethod<Init>(
    STYLES,
    "init",
    "workbook-styles.init",
    (original) =>
      function (this: StyleManager) {
        const result = original.call(this);
        const source = preparing;
        if (source) {
          this[SOURCE] = source;
          if (source.fonts.length > 0 && this.model.fonts.length === 0) {
            addXml(this, "font", source.fonts[0]);
            const spelling = exceljsSpelling(source.fonts[0]);
            if (spelling !== null) this.index!.font[spelling] ??= 0;
          }
        }
        return result;
      }
  );
  const prepare = wrapExceljsMethod<Prepare>(
    "xlsx/xlsx",
    "prepareModel",
    "workbook-styles.prepareModel",
    (original) =>
      function (this: { workbook?: object }, model, options) {
        preparing = this.workbook ? workbookSourceStyles.get(this.workbook) : undefined;
        try {
          return original.call(this, model, options);
        } finally {
          preparing = undefined;
        }
      }
  );
  return init && prepare;
}

type XfFields = Record<string, unknown>;

/**
 * Carries one field of exceljs's `xf` model through a cell: from the input's `<xf>` onto the style model
 * exceljs gives the cell (`getStyleModel`), when `read` accepts it; and back onto the `<xf>` exceljs builds
 * from a cell's style model (`addStyleModel` makes a fresh xf and hands it to `_addStyle`, which
 * deduplicates by its XML), when `write` accepts it for the style manager writing. The field rides on the
 * style model as a plain field, so every copy of a style exceljs or apply-plan makes keeps it.
 */
export function carryXfField(
  field: string,
  read: (value: unknown) => boolean,
  write: (value: unknown, manager: StyleManager) => boolean
): boolean {
  const pending = Symbol.for(`indicator-scorer.pending-xf.${field}`);
  type Manager = StyleManager & {
    model: { styles: (XfFields | undefined)[] };
    [pending]?: unknown;
  };
  type Get = (this: Manager, id: number) => XfFields | null;
  type Add = (this: Manager, model: XfFields | undefined, cellType: unknown) => unknown;
  type AddXf = (this: Manager, style: XfFields) => unknown;
  const got = wrapExceljsMethod<Get>(
    STYLES,
    "getStyleModel",
    `carry-xf.${field}.getStyleModel`,
    (original) =>
      function (this: Manager, id) {
        const model = original.call(this, id);
        const value = this.model.styles[id]?.[field];
        if (model && read(value)) model[field] = value;
        return model;
      }
  );
  const added = wrapExceljsMethod<Add>(
    STYLES,
    "addStyleModel",
    `carry-xf.${field}.addStyleModel`,
    (original) =>
      function (this: Manager, model, cellType) {
        const value = model?.[field];
        this[pending] = value !== undefined && write(value, this) ? value : undefined;
        try {
          return original.call(this, model, cellType);
        } finally {
          this[pending] = undefined;
        }
      }
  );
  const xf = wrapExceljsMethod<AddXf>(
    STYLES,
    "_addStyle",
    `carry-xf.${field}._addStyle`,
    (original) =>
      function (this: Manager, style) {
        const value = this[pending];
        return original.call(this, value === undefined ? style : { ...style, [field]: value });
      }
  );
  return got && added && xf;
}

/**
 * Each cell's named style (`xfId`), carried into the copy's `<xf>` only when the copy has the input's
 * named styles (else it would point at nothing).
 */
function carryStyleIds(): boolean {
  const isNamed = (v: unknown) => typeof v === "number" && v > 0;
  return carryXfField("xfId", isNamed, (v, manager) => {
    const source = manager[SOURCE];
    return isNamed(v) && !!source?.cellStyles && (v as number) < source.styleXfs.length;
  });
}

/** Installs the above (once, however often it is called); false when exceljs's layout changed. */
export function keepWorkbookStyles(): boolean {
  const a = writeSourceStyles();
  const b = startFromSourceFont();
  const c = carryStyleIds();
  return a && b && c;
}
