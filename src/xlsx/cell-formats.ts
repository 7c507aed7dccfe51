/**
 * Cell format details exceljs 4.4 reads past, kept in a command-line copy.
 *
 * - The quote prefix (`quotePrefix`): what Excel stores when text is typed after an apostrophe ('001,
 *   '=A1, '2025-03). exceljs dropped it, so the text survived the copy but the next edit of the cell (F2,
 *   Enter) turned '001 into the number 1, '=A1 into a formula and '2025-03 into a date.
 * - "Justify distributed" (`justifyLastLine`, 设置单元格格式 > 对齐 > 分散对齐 with 两端分散对齐): Chinese
 *   forms set their labels this way, and a copy lost the last line's spacing.
 *
 * - Font sizes with a half point: exceljs read `<sz val="10.5"/>` as an integer, so 五号 (10.5 pt, the size
 *   of Chinese official tables), 六号 (7.5), 小六 (6.5) and 七号 (5.5) lost their half point in every
 *   cell, note and rich-text run of a copy.
 * - A font property said false in so many words (`<b val="0"/>`, `<i val="false"/>`, as some producers write
 *   rich text and cell fonts): exceljs read the element's presence as true, so not bold became bold.
 * - Number format codes: exceljs dropped every backslash of a custom code, the escape that makes the next
 *   character literal. `0\%` (Chinese tables type 95 and show 95%) became `0%`, which shows 9500%, and
 *   the command line read that text as the cell's value where the add-in reads 95% from Excel: the same
 *   sheet scored differently in batch. `0.0\,` (a literal comma) became a format dividing by 1,000.
 *   Codes are now read, shown and written as stored.
 * - A differential format's number format (a conditional format or a table column that formats numbers):
 *   exceljs read it as an object and wrote it back as the code "[object Object]".
 * The first two ride on exceljs's style model as plain fields named as in the file (`style.quotePrefix`,
 * `style.alignment.justifyLastLine`), so they survive every copy of a style exceljs or apply-plan makes.
 *
 * The quote prefix is also how Excel keeps the add-in's own text literal (src/excel/literal.ts: the add-in
 * writes '2025年… and Excel stores the flag); apply-plan sets it on the same cells, so that the command
 * line's copy and the add-in's sheet are the same.
 */
import { XmlWriter, wrapExceljsMethod } from "./exceljs-patch";
import { pick, withAttributes } from "./sheet-details";
import { carryXfField } from "./workbook-styles";
import { spellFlags } from "./xsd-booleans";

type Attributes = Record<string, string | undefined>;
type Node = { name: string; attributes?: Attributes };

/** A style as exceljs's xf parser and writer see it, with the kept flag. */
interface XfModel {
  quotePrefix?: boolean;
}

const isTrue = (v: string | undefined) => v === "1" || v === "true";

const STYLE = "xlsx/xform/style/style-xform";
const ALIGNMENT = "xlsx/xform/style/alignment-xform";

/** The `quotePrefix` attribute of the `xf` being read, onto exceljs's model of it. */
function readQuotePrefix(): boolean {
  type Open = (this: { model?: XfModel }, node: Node) => unknown;
  return wrapExceljsMethod<Open>(
    STYLE,
    "parseOpen",
    "cell-formats.parseOpen",
    (original) =>
      function (this: { model?: XfModel }, node) {
        const result = original.call(this, node);
        if (node.name === "xf" && this.model && isTrue(node.attributes?.quotePrefix))
          this.model.quotePrefix = true;
        return result;
      }
  );
}

/** The flag written back on the `xf` of any style that has it. */
function writeQuotePrefix(): boolean {
  type Render = (this: unknown, xmlStream: XmlWriter, model: XfModel | undefined) => unknown;
  return wrapExceljsMethod<Render>(
    STYLE,
    "render",
    "cell-formats.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const stream = model?.quotePrefix
          ? withAttributes(xmlStream, "xf", { quotePrefix: "1" })
          : xmlStream;
        return original.call(this, stream, model);
      }
  );
}

/** The flag carried from a cell's `xf` to its style model and back (see carryXfField). */
function carryQuotePrefix(): boolean {
  const isSet = (v: unknown) => v === true;
  return carryXfField("quotePrefix", isSet, isSet);
}

/** Alignment attributes exceljs does not model, kept on its alignment model under their own names. */
export const KEPT_ALIGNMENT = ["justifyLastLine", "relativeIndent"] as const;

function keepAlignment(): boolean {
  type Model = Record<string, unknown> | null | undefined;
  type Open = (this: { model?: Model }, node: Node) => unknown;
  type Render = (this: unknown, xmlStream: XmlWriter, model: Model) => unknown;
  const read = wrapExceljsMethod<Open>(
    ALIGNMENT,
    "parseOpen",
    "cell-formats.alignment.parseOpen",
    (original) =>
      function (this: { model?: Model }, node) {
        const result = original.call(this, node);
        if (this.model) {
          const kept = {
            attributes: pick(node.attributes as Record<string, string>, KEPT_ALIGNMENT),
          };
          spellFlags(kept, KEPT_ALIGNMENT);
          Object.assign(this.model, kept.attributes);
        }
        return result;
      }
  );
  const written = wrapExceljsMethod<Render>(
    ALIGNMENT,
    "render",
    "cell-formats.alignment.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept: Record<string, string> = {};
        for (const name of KEPT_ALIGNMENT)
          if (typeof model?.[name] === "string") kept[name] = model[name] as string;
        const stream =
          Object.keys(kept).length > 0 ? withAttributes(xmlStream, "alignment", kept) : xmlStream;
        return original.call(this, stream, model);
      }
  );
  return read && written;
}

/** A font size as written (exceljs's integer reader cut 10.5 to 10); the flags' `val` read as written. */
function readFontValues(): boolean {
  type Simple = { tag?: string; attr?: string; model?: unknown };
  type Open = (this: Simple, node: Node) => unknown;
  const size = wrapExceljsMethod<Open>(
    "xlsx/xform/simple/integer-xform",
    "parseOpen",
    "cell-formats.sz",
    (original) =>
      function (this: Simple, node) {
        const result = original.call(this, node);
        if (node.name === "sz" && this.tag === "sz" && this.attr) {
          const v = Number(node.attributes?.[this.attr]);
          if (Number.isFinite(v)) this.model = v;
        }
        return result;
      }
  );
  const flag = wrapExceljsMethod<Open>(
    "xlsx/xform/simple/boolean-xform",
    "parseOpen",
    "cell-formats.flag",
    (original) =>
      function (this: Simple, node) {
        const result = original.call(this, node);
        const v = this.attr ? node.attributes?.[this.attr] : undefined;
        if (node.name === this.tag && (v === "0" || v === "false")) this.model = false;
        return result;
      }
  );
  return size && flag;
}

/** Number format codes as stored, backslashes and all, in cell formats and differential formats. */
function keepFormatCodes(): boolean {
  type NumFmt = { model?: { formatCode?: string } };
  type Open = (this: NumFmt, node: Node) => unknown;
  const read = wrapExceljsMethod<Open>(
    "xlsx/xform/style/numfmt-xform",
    "parseOpen",
    "cell-formats.numFmt",
    (original) =>
      function (this: NumFmt, node) {
        const result = original.call(this, node);
        const code = node.attributes?.formatCode;
        if (node.name === "numFmt" && this.model && typeof code === "string")
          this.model.formatCode = code;
        return result;
      }
  );
  type Dxf = { numFmt?: unknown };
  type Add = (this: unknown, style: Dxf) => number;
  const differential = wrapExceljsMethod<Add>(
    "xlsx/xform/style/styles-xform",
    "addDxfStyle",
    "cell-formats.dxf-numFmt",
    (original) =>
      function (this: unknown, style) {
        const numFmt = style?.numFmt as { formatCode?: unknown } | undefined;
        if (numFmt && typeof numFmt === "object" && typeof numFmt.formatCode === "string")
          return original.call(this, { ...style, numFmt: numFmt.formatCode });
        return original.call(this, style);
      }
  );
  return read && differential;
}

/** Installs the above (once, however often it is called); false when exceljs's layout changed. */
export function keepCellFormats(): boolean {
  const a = readQuotePrefix();
  const b = writeQuotePrefix();
  const c = carryQuotePrefix();
  const d = keepAlignment();
  const e = readFontValues();
  const f = keepFormatCodes();
  return a && b && c && d && e && f;
}
