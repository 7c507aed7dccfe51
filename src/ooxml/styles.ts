/**
 * The styles part: read for each cell format's number format, and extended, never rewritten, with the
 * formats a plan needs. A derived format is the cell's own format with only the plan's changes (number
 * format, the unmet highlight, bold, the quote prefix); identical derivations are made once and reused.
 */
import type { CellStyle } from "../core";
import { attribute, escapeAttr, findAll, findElement, innerOf, withAttribute, Found } from "./xml";

/**
 * Excel's built-in number formats whose code the file does not store, as Chinese Excel shows them: the
 * zh-CN date and time formats (27–36, 50–58) and the rest of the common table.
 */
const BUILTIN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  5: "¥#,##0;¥-#,##0",
  6: "¥#,##0;[Red]¥-#,##0",
  7: "¥#,##0.00;¥-#,##0.00",
  8: "¥#,##0.00;[Red]¥-#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "yyyy/m/d",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy/m/d h:mm",
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0;-#,##0",
  38: "#,##0;[Red]-#,##0",
  39: "#,##0.00;-#,##0.00",
  40: "#,##0.00;[Red]-#,##0.00",
  41: '_ * #,##0_ ;_ * -#,##0_ ;_ * "-"_ ;_ @_ ',
  42: '_ ¥* #,##0_ ;_ ¥* -#,##0_ ;_ ¥* "-"_ ;_ @_ ',
  43: '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ',
  44: '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mm:ss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** What a plan changes in a cell's format; undefined leaves that aspect as it is. */
export interface FormatChange {
  numberFormat?: string;
  /** true: the unmet highlight; false: remove it where it is ours. */
  highlight?: boolean;
  bold?: boolean;
  quotePrefix?: boolean;
  /**
   * One of the tool's named styles (core STYLES), applied first, over the cell's format: the font (its
   * own, so a CJK default font stays) made bold or resized, a solid fill, thin borders, the alignment.
   * What the style does not say stays as it was.
   */
  cellStyle?: CellStyle;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Excel's defaults, for a package without a styles part (some exporters write none). */
const DEFAULT_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export const HIGHLIGHT_ARGB = "FFFFC7CE";
export const HIGHLIGHT_FONT_ARGB = "FF9C0006";
const OUR_FILL = `<fill><patternFill patternType="solid"><fgColor rgb="${HIGHLIGHT_ARGB}"/><bgColor indexed="64"/></patternFill></fill>`;

interface List {
  items: string[];
  added: string[];
  /** The part has no such list: `items` are Excel's defaults, written out with the first addition. */
  missing?: boolean;
}

/** Where each list goes in CT_Stylesheet's sequence, for a part that lacks one. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

const DEFAULTS: Record<string, string[]> = {
  fonts: ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'],
  fills: [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ],
  borders: ["<border><left/><right/><top/><bottom/><diagonal/></border>"],
};

const THIN = (side: string) => `<${side} style="thin"><color indexed="64"/></${side}>`;
/** A thin black line on all four sides, as Excel writes 所有框线. */
const THIN_BORDER = `<border>${["left", "right", "top", "bottom"].map(THIN).join("")}<diagonal/></border>`;

export class Styles {
  private readonly numFmts = new Map<number, string>();
  private readonly addedNumFmts: string[] = [];
  private readonly fonts: List;
  private readonly fills: List;
  private readonly borders: List;
  private readonly xfs: List;
  private readonly derived = new Map<string, number>();
  /** A short key for each named style's object (STYLES' entries are constants): the derive key of an own
   *  sheet's every cell named it, and JSON.stringify there was most of a 900,000-cell forms sheet's time. */
  private readonly cellStyleKeys = new Map<CellStyle, string>();
  private nextNumFmt = 164;

  /** The part's text; a minimal one (Excel's defaults) for a package that has none. */
  private readonly xml: string;
  /** `xmlns="…main"` on what is appended, when the part spells its elements with a prefix (`x:font`). */
  private readonly ns: string;

  constructor(xml: string | null) {
    this.xml = xml ?? DEFAULT_STYLES;
    const part = this.xml;
    const root = /<([\w.-]+:)?styleSheet\b/.exec(part);
    this.ns = root?.[1] ? ` xmlns="${MAIN_NS}"` : "";
    for (const f of findAll(innerSection(part, "numFmts"), "numFmt")) {
      const id = Number(attribute(f.tag, "numFmtId"));
      const code = attribute(f.tag, "formatCode");
      if (Number.isInteger(id) && code !== undefined) {
        this.numFmts.set(id, code);
        if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
      }
    }
    const list = (section: string, item: string): List =>
      findElement(part, section) || !DEFAULTS[section]
        ? {
            items: findAll(innerSection(part, section), item).map((f) =>
              elementText(innerSection(part, section), f)
            ),
            added: [],
          }
        : { items: [...DEFAULTS[section]], added: [], missing: true };
    this.fonts = list("fonts", "font");
    this.fills = list("fills", "fill");
    this.borders = list("borders", "border");
    this.xfs = list("cellXfs", "xf");
  }

  /** The number format code of cell format `s` ("General" when none). */
  numberFormat(s: number): string {
    const xf = this.xfs.items[s] ?? this.xfs.items[0];
    if (!xf) return "General";
    const id = Number(attribute(xf, "numFmtId") ?? 0);
    return this.numFmts.get(id) ?? BUILTIN[id] ?? "General";
  }

  /** Whether cell format `s` carries the quote prefix. */
  quotePrefix(s: number): boolean {
    const v = attribute(this.xfs.items[s] ?? "", "quotePrefix");
    return v === "1" || v === "true";
  }

  /** The cell format with `change` applied to format `s`: `s` itself when nothing changes. */
  derive(s: number, change: FormatChange): number {
    const key = `${s}|${change.numberFormat ?? ""}|${change.highlight ?? ""}|${change.bold ?? ""}|${change.quotePrefix ?? ""}|${change.cellStyle ? this.cellStyleKey(change.cellStyle) : ""}`;
    const known = this.derived.get(key);
    if (known !== undefined) return known;
    const all = this.allXfs();
    const base =
      all[s] ?? all[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    let xf = change.cellStyle ? this.withCellStyle(base, change.cellStyle) : base;
    if (change.numberFormat !== undefined && this.numberFormat(s) !== change.numberFormat) {
      xf = withAttribute(
        withAttribute(xf, "numFmtId", String(this.numFmtId(change.numberFormat))),
        "applyNumberFormat",
        "1"
      );
    }
    if (change.quotePrefix !== undefined && this.quotePrefix(s) !== change.quotePrefix)
      xf = withAttribute(xf, "quotePrefix", change.quotePrefix ? "1" : undefined);
    const fontId = Number(attribute(xf, "fontId") ?? 0);
    let font = this.allFonts()[fontId] ?? "<font/>";
    if (change.highlight === true) {
      xf = withAttribute(
        withAttribute(xf, "fillId", String(this.fillId(OUR_FILL))),
        "applyFill",
        "1"
      );
      font = withColor(font, HIGHLIGHT_FONT_ARGB);
    } else if (change.highlight === false) {
      const fill = this.allFills()[Number(attribute(xf, "fillId") ?? 0)] ?? "";
      if (isOurFill(fill)) xf = withAttribute(xf, "fillId", "0");
      if (colorOf(font) === HIGHLIGHT_FONT_ARGB) font = withColor(font, undefined);
    }
    if (change.bold !== undefined) font = withBold(font, change.bold);
    if (font !== (this.allFonts()[fontId] ?? "<font/>"))
      xf = withAttribute(withAttribute(xf, "fontId", String(this.fontId(font))), "applyFont", "1");
    let index = s;
    if (xf !== base) {
      index = all.indexOf(xf);
      if (index < 0) index = this.push(this.xfs, xf);
    }
    this.derived.set(key, index);
    return index;
  }

  private cellStyleKey(cs: CellStyle): string {
    let k = this.cellStyleKeys.get(cs);
    if (k === undefined) {
      // Keyed by content once per object, so equal styles in different objects share a key.
      k = JSON.stringify(cs);
      this.cellStyleKeys.set(cs, k);
    }
    return k;
  }

  /** An xf with a named style's font, fill, border and alignment set on it (nothing else changes). */
  private withCellStyle(xf: string, cs: CellStyle): string {
    const fontId = Number(attribute(xf, "fontId") ?? 0);
    const was = this.allFonts()[fontId] ?? "<font/>";
    let font = was;
    // Size first, then bold: each goes first among the font's children, so they read <b/><sz/>… as
    // Excel writes them (CT_Font allows any order; other readers are not all so lenient).
    if (cs.size !== undefined) font = withSize(font, cs.size);
    if (cs.bold !== undefined) font = withBold(font, cs.bold);
    if (font !== was)
      xf = withAttribute(withAttribute(xf, "fontId", String(this.fontId(font))), "applyFont", "1");
    if (cs.fill !== undefined) {
      const rgb = `FF${cs.fill.replace(/^#/, "").toUpperCase()}`;
      const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`;
      xf = withAttribute(
        withAttribute(xf, "fillId", String(this.indexIn(this.fills, fill))),
        "applyFill",
        "1"
      );
    }
    if (cs.border) {
      xf = withAttribute(
        withAttribute(xf, "borderId", String(this.indexIn(this.borders, THIN_BORDER))),
        "applyBorder",
        "1"
      );
    }
    if (cs.h !== undefined || cs.v !== undefined || cs.wrap !== undefined)
      xf = withAttribute(withAlignment(xf, cs), "applyAlignment", "1");
    return xf;
  }

  /** Whether anything was added (the part then needs writing). */
  get changed(): boolean {
    return (
      this.addedNumFmts.length +
        this.fonts.added.length +
        this.fills.added.length +
        this.borders.added.length +
        this.xfs.added.length >
      0
    );
  }

  /** The styles part with the additions appended to each list and its count attribute updated. */
  toXml(): string {
    const own = (list: string[]) => list.map((el) => this.declared(el));
    const listed = (l: List) => (l.missing && l.added.length ? [...l.items, ...l.added] : l.added);
    let xml = this.xml;
    xml = appendTo(xml, "numFmts", own(this.addedNumFmts), this.ns);
    xml = appendTo(xml, "fonts", own(listed(this.fonts)), this.ns);
    xml = appendTo(xml, "fills", own(listed(this.fills)), this.ns);
    xml = appendTo(xml, "borders", own(listed(this.borders)), this.ns);
    xml = appendTo(xml, "cellXfs", own(this.xfs.added), this.ns);
    return xml;
  }

  /** An appended element in the main namespace whatever prefix the part uses (a copy of a prefixed
   *  element keeps its own prefix, which the part declares). */
  private declared(el: string): string {
    if (!this.ns || /^<[\w.-]+:/.test(el)) return el;
    return el.replace(/^<([\w.-]+)/, `<$1${this.ns}`);
  }

  private allXfs = () => this.xfs.items.concat(this.xfs.added);
  private allFonts = () => this.fonts.items.concat(this.fonts.added);
  private allFills = () => this.fills.items.concat(this.fills.added);

  /** An element's index in a list, appended when the list lacks it. */
  private indexIn(list: List, el: string): number {
    const i = list.items.concat(list.added).indexOf(el);
    return i >= 0 ? i : this.push(list, el);
  }

  private push(list: List, item: string): number {
    list.added.push(item);
    return list.items.length + list.added.length - 1;
  }

  private numFmtId(code: string): number {
    for (const [id, c] of this.numFmts) if (c === code) return id;
    for (const [id, c] of Object.entries(BUILTIN))
      if (c === code && Number(id) < 27) return Number(id);
    const id = this.nextNumFmt++;
    this.numFmts.set(id, code);
    this.addedNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private fontId(font: string): number {
    const i = this.allFonts().indexOf(font);
    return i >= 0 ? i : this.push(this.fonts, font);
  }

  private fillId(fill: string): number {
    const i = this.allFills().findIndex(isOurFill);
    return i >= 0 ? i : this.push(this.fills, fill);
  }
}

function innerSection(xml: string, name: string): string {
  const f = findElement(xml, name);
  return f ? innerOf(xml, f) : "";
}

function elementText(xml: string, f: Found): string {
  return xml.slice(f.start, f.end);
}

function isOurFill(fill: string): boolean {
  return (
    /patternType="solid"/.test(fill) &&
    new RegExp(`<(?:\\w+:)?fgColor rgb="${HIGHLIGHT_ARGB}"`, "i").test(fill)
  );
}

function colorOf(font: string): string | undefined {
  const m = /<(?:\w+:)?color\s[^>]*rgb="([0-9A-Fa-f]{8})"/.exec(font);
  return m?.[1].toUpperCase();
}

/** A font element with its colour replaced (undefined: no colour, i.e. automatic). */
function withColor(font: string, argb: string | undefined): string {
  const stripped = font.replace(
    /<(?:\w+:)?color\b[^>]*\/>|<(?:\w+:)?color\b[^>]*>.*?<\/(?:\w+:)?color>/,
    ""
  );
  return argb === undefined ? stripped : insertInFont(stripped, `<color rgb="${argb}"/>`);
}

function withSize(font: string, size: number): string {
  const stripped = font.replace(
    /<(?:\w+:)?sz\b[^>]*\/>|<(?:\w+:)?sz\b[^>]*>.*?<\/(?:\w+:)?sz>/,
    ""
  );
  return insertInFont(stripped, `<sz val="${size}"/>`, true);
}

/** An xf's `<alignment>` child replaced by the style's (CT_Xf: alignment comes first among its children). */
function withAlignment(xf: string, cs: CellStyle): string {
  const p = /^<([\w.-]+:)?/.exec(xf)?.[1] ?? "";
  const attrs =
    (cs.h !== undefined ? ` horizontal="${cs.h}"` : "") +
    (cs.v !== undefined ? ` vertical="${cs.v}"` : "") +
    (cs.wrap ? ' wrapText="1"' : "");
  const el = `<${p}alignment${attrs}/>`;
  const stripped = xf.replace(
    /<(?:[\w.-]+:)?alignment\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?alignment>)/,
    ""
  );
  const tagEnd = stripped.indexOf(">") + 1;
  const tag = stripped.slice(0, tagEnd);
  if (tag.endsWith("/>")) return `${tag.replace(/\s*\/>$/, ">")}${el}</${p}xf>`;
  return tag + el + stripped.slice(tagEnd);
}

function withBold(font: string, bold: boolean): string {
  const stripped = font.replace(/<(?:\w+:)?b(?:\s[^>]*)?\/>/, "");
  return bold ? insertInFont(stripped, "<b/>", true) : stripped;
}

/** Adds a child to a font element (CT_Font's children may come in any order), in the font's own prefix. */
function insertInFont(font: string, child: string, first = false): string {
  const p = /^<([\w.-]+:)?/.exec(font)?.[1] ?? "";
  if (p) child = child.replace(/^<(\w)/, `<${p}$1`);
  if (/^<(?:\w+:)?font\s*\/>$/.test(font) || (/\/>$/.test(font.trim()) && !font.includes("</")))
    return font.replace(/\s*\/>$/, `>${child}</font>`);
  if (first) return font.replace(/^(<(?:\w+:)?font\b[^>]*>)/, `$1${child}`);
  return font.replace(/(<\/(?:\w+:)?font>)$/, `${child}$1`);
}

/**
 * Appends elements to a list element and updates its count; a list the part lacks is created where
 * CT_Stylesheet's sequence puts it (before the first later list present).
 */
function appendTo(xml: string, name: string, added: string[], ns = ""): string {
  if (added.length === 0) return xml;
  const f = findElement(xml, name);
  if (!f) {
    const root = findElement(xml, "styleSheet")!;
    let at = xml.lastIndexOf("<", root.end - 1);
    for (const later of STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(name) + 1)) {
      const l = findElement(xml, later);
      if (l) {
        at = l.start;
        break;
      }
    }
    return `${xml.slice(0, at)}<${name}${ns} count="${added.length}">${added.join("")}</${name}>${xml.slice(at)}`;
  }
  const count = Number(
    attribute(f.tag, "count") ??
      findAll(innerOf(xml, f), name.replace(/s$/, "").replace(/cellXf$/, "xf")).length
  );
  const tag = withAttribute(f.tag.replace(/\/>$/, ">"), "count", String(count + added.length));
  const closing = f.selfClosing ? `</${/^<([^\s/>]+)/.exec(f.tag)![1]}>` : "";
  const bodyEnd = f.selfClosing ? f.end : xml.lastIndexOf("<", f.end - 1);
  const body = f.selfClosing ? "" : xml.slice(f.inner, bodyEnd);
  return `${xml.slice(0, f.start)}${tag}${body}${added.join("")}${closing}${xml.slice(bodyEnd)}`;
}
