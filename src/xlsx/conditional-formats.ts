/**
 * Conditional formats (开始 > 条件格式) exceljs 4.4 cannot write, kept in a command-line copy.
 *
 * exceljs reads every rule but writes only the kinds it models. 突出显示单元格规则 > 重复值 (duplicate and
 * unique values) and the text rules 开头是 / 结尾是 / 不包含 (begins with, ends with, does not contain) were
 * dropped; a range whose only rule was one of them was written as an empty `<conditionalFormatting>`,
 * which the schema forbids (Excel repairs the file). 文本包含 (contains text) and the blank and error rules
 * lost their operator and text, which Excel's rule editor shows. Each such rule is now written with the
 * attributes it was read with and its formulas, its format (`dxfId`) as exceljs renumbered it.
 */
import { XmlWriter, wrapExceljsMethod } from "./exceljs-patch";

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
  return read && written;
}
