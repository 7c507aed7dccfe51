/**
 * Conditional formats (开始 > 条件格式) exceljs 4.4 cannot write, kept in a command-line copy.
 *
 * exceljs reads every rule but writes only the kinds it models. 突出显示单元格规则 > 重复值 (duplicate and
 * unique values) and the text rules 开头是 / 结尾是 / 不包含 (begins with, ends with, does not contain) were
 * dropped; a range whose only rule was one of them was written as an empty `<conditionalFormatting>`,
 * which the schema forbids (Excel repairs the file). 文本包含 (contains text) and the blank and error rules
 * lost their operator and text, which Excel's rule editor shows. Each such rule is now written with the
 * attributes it was read with and its formulas, its format (`dxfId`) as exceljs renumbered it.
 *
 * Data bars (数据条) as Excel 2010 and later store them: the rule in the sheet, its settings (solid or
 * gradient fill, negative bars, axis, border, the lowest and highest values) in the sheet's extension list,
 * joined by an id. exceljs wrote the negative bar's border colour before its fill colour, against the
 * schema, so Excel could not open a copy of any data bar made in its 条件格式 menu, which writes both
 * (exceljs issue 2547). It also dropped a gradient bar's settings altogether (leaving the rule's id
 * pointing at nothing), a solid bar's own fill colour, and automatic or formula limits (a formula became
 * NaN), and gave each rule a new random id in every copy. The settings' element is now written as read, and
 * a rule keeps the id it was read with (so do icon sets exceljs writes in the extension list).
 *
 * A data bar's, colour scale's or icon set's limits (`cfvo`, in the sheet's rule and in the extension
 * list): a formula (`$G$5*0.1`) was written as `val="NaN"` or `<xm:f>NaN</xm:f>`, and an icon's "greater than" (`gte="0"`, set in the rule editor's 当值 >)
 * became "greater than or equal". Both are kept as read.
 */
import {
  XmlWriter,
  exceljsModule,
  interceptWriter,
  recordElements,
  wrapExceljsMethod,
  XmlNode,
} from "./exceljs-patch";

const MODULE = "xlsx/xform/sheet/cf/cf-rule-xform";

/** The rule kinds (`type`) written from what was read rather than by exceljs. */
export const KEPT_RULES = new Set([
  "duplicateValues",
  "uniqueValues",
  "beginsWith",
  "endsWith",
  "notContainsText",
  "containsText",
  "containsBlanks",
  "notContainsBlanks",
  "containsErrors",
  "notContainsErrors",
]);

const AS_READ = Symbol.for("indicator-scorer.cf-rule-as-read");

interface Rule {
  dxfId?: number;
  priority?: number;
  formulae?: unknown[];
  [AS_READ]?: Record<string, string>;
}

/** A kept rule's element: the attributes read, with the format and priority exceljs gives it now. */
export function ruleAttributes(rule: Rule): Record<string, string | number> | null {
  const read = rule[AS_READ];
  if (!read || !KEPT_RULES.has(read.type ?? "")) return null;
  const out: Record<string, string | number> = { ...read };
  delete out.dxfId;
  if (rule.dxfId !== undefined) out.dxfId = rule.dxfId;
  if (rule.priority !== undefined) out.priority = rule.priority;
  return out;
}

/**
 * The rule's key for its data bar settings' element as read. A string, not a symbol: exceljs joins the
 * extension's rule to the sheet's by copying its own enumerable keys.
 */
export const DATA_BAR_XML = "indicatorScorerDataBarXml";
const DATA_BAR = "xlsx/xform/sheet/cf-ext/databar-ext-xform";

/** Whether a data bar's settings, as read, use only the prefixes a copy's extension list declares. */
export function dataBarWritable(xml: string): boolean {
  for (const [, prefix] of xml.matchAll(/<\/?([\w.-]+):/g))
    if (prefix !== "x14" && prefix !== "xm") return false;
  return !/\s(?!xmlns)[\w.-]+:[\w.-]+=/.test(xml);
}

function keepDataBars(): boolean {
  const read = recordElements<{ model?: Record<string, unknown> }>(
    DATA_BAR,
    "data-bars",
    (name) => name === "x14:dataBar",
    (parser, xml) => {
      if (parser.model && dataBarWritable(xml)) parser.model[DATA_BAR_XML] = xml;
    }
  );
  const written = wrapExceljsMethod<(this: unknown, xmlStream: XmlWriter, model: Rule) => unknown>(
    DATA_BAR,
    "render",
    "data-bars.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const xml = (model as Record<string, unknown>)?.[DATA_BAR_XML];
        if (typeof xml !== "string") return original.call(this, xmlStream, model);
        xmlStream.writeXml?.(xml);
        return undefined;
      }
  );
  // A gradient bar has settings too: written whenever they were read.
  const Bars = exceljsModule<{ isExt?: (rule: Record<string, unknown>) => boolean }>(DATA_BAR);
  const tag = Symbol.for("indicator-scorer.data-bars.isExt");
  if (!Bars?.isExt) return false;
  const marked = Bars as unknown as Record<symbol, boolean>;
  if (!marked[tag]) {
    const isExt = Bars.isExt;
    Bars.isExt = (rule) => typeof rule?.[DATA_BAR_XML] === "string" || isExt(rule);
    marked[tag] = true;
  }
  // The id a rule in the extension list was read with (a data bar's, an icon set of Excel 2010's), not a
  // new random one in every copy; exceljs gives one only to the rules it writes there.
  const ids = wrapExceljsMethod<(this: unknown, model: Record<string, unknown>) => unknown>(
    "xlsx/xform/sheet/cf-ext/cf-rule-ext-xform",
    "prepare",
    "data-bars.prepare",
    (original) =>
      function (this: unknown, model) {
        const id = model?.x14Id;
        const result = original.call(this, model);
        if (typeof id === "string" && typeof model.x14Id === "string") model.x14Id = id;
        return result;
      }
  );
  return read && written && ids;
}

const GTE = Symbol.for("indicator-scorer.cfvo-gte");

/** A limit's value as exceljs's model holds it: a number, or a formula's text as read. */
export function limitValue(val: string | undefined, parsed: unknown): unknown {
  if (val === undefined || val.trim() === "") return parsed;
  return Number.isFinite(Number(val)) ? parsed : val;
}

function keepLimits(): boolean {
  const CFVO = "xlsx/xform/sheet/cf/cfvo-xform";
  type Model = { value?: unknown; [GTE]?: string };
  const read = wrapExceljsMethod<(this: { model?: Model }, node: XmlNode) => unknown>(
    CFVO,
    "parseOpen",
    "cf-limits.parseOpen",
    (original) =>
      function (this: { model?: Model }, node) {
        const result = original.call(this, node);
        const a = node.attributes ?? {};
        if (this.model) {
          this.model.value = limitValue(a.val, this.model.value);
          if (a.gte !== undefined) this.model[GTE] = a.gte;
        }
        return result;
      }
  );
  const written = wrapExceljsMethod<(this: unknown, xmlStream: XmlWriter, model: Model) => unknown>(
    CFVO,
    "render",
    "cf-limits.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const gte = model?.[GTE];
        if (gte === undefined) return original.call(this, xmlStream, model);
        return original.call(
          this,
          interceptWriter(xmlStream, {
            leaf: (real, name, attributes, text) =>
              real.leafNode(name, name === "cfvo" ? { ...attributes, gte } : attributes, text),
          }),
          model
        );
      }
  );
  // The same in the extension list (an icon set of Excel 2010's): `<xm:f>` read as a number.
  type ExtCfvo = { model?: Model };
  const extension = wrapExceljsMethod<
    (this: ExtCfvo, name: string, parser: { model?: unknown }) => unknown
  >(
    "xlsx/xform/sheet/cf-ext/cfvo-ext-xform",
    "onParserClose",
    "cf-limits.ext",
    (original) =>
      function (this: ExtCfvo, name, parser) {
        const result = original.call(this, name, parser);
        const text = parser?.model;
        if (name === "xm:f" && this.model && typeof text === "string")
          this.model.value = limitValue(text, this.model.value);
        return result;
      }
  );
  return read && written && extension;
}

/** Installs the wraps (once, however often it is called); false when exceljs's layout changed. */
export function keepConditionalFormats(): boolean {
  type Create = (this: unknown, node: { attributes?: Record<string, string> }) => Rule;
  type Render = (
    this: unknown,
    xmlStream: XmlWriter & { closeNode(): void; writeText(t: unknown): void },
    model: Rule
  ) => unknown;
  const read = wrapExceljsMethod<Create>(
    MODULE,
    "createNewModel",
    "conditional-formats.createNewModel",
    (original) =>
      function (this: unknown, node) {
        const model = original.call(this, node);
        if (model && KEPT_RULES.has(node.attributes?.type ?? ""))
          model[AS_READ] = { ...node.attributes } as Record<string, string>;
        return model;
      }
  );
  const written = wrapExceljsMethod<Render>(
    MODULE,
    "render",
    "conditional-formats.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const attributes = ruleAttributes(model);
        if (!attributes) return original.call(this, xmlStream, model);
        xmlStream.openNode("cfRule", attributes);
        for (const f of model.formulae ?? []) {
          xmlStream.openNode("formula");
          xmlStream.writeText(f);
          xmlStream.closeNode();
        }
        xmlStream.closeNode();
        return undefined;
      }
  );
  return keepDataBars() && keepLimits() && read && written;
}
