/**
 * A sheet's row format, as exceljs 4.4 reads past it, kept in a command-line copy.
 *
 * - `zeroHeight` (hide every row not in use: forms show their own rows and nothing below) was dropped, so
 *   a copy showed a million empty rows under the form; `baseColWidth` (the width of columns no one sized)
 *   was dropped, so those columns narrowed to Excel's 8 characters; and exceljs marked the default row
 *   height as set by hand whenever it was not 15 pt (`customHeight`), as Chinese Excel's 13.5 pt is not.
 * - A row whose height Excel fitted to its wrapped text carries `ht` without `customHeight`; exceljs wrote
 *   every such row as set by hand, so in a copy a row no longer grew when a longer 偏差原因 was typed into
 *   it, and its text was cut off.
 * - A folded group's summary row (数据 > 分级显示, the row whose button shows +) carries `collapsed`;
 *   exceljs works the flag out from outline levels, which put it on the group's hidden rows instead, so a
 *   copy's folded groups showed as open (-) and took two clicks to unfold. The input's rows are marked.
 * - Errors marked as ignored (the green triangle's 忽略错误, `<ignoredErrors>`: finance sheets hold codes
 *   and figures stored as text, and have Excel ignore "number stored as text" over them) were dropped, so a
 *   copy showed a green triangle in every such cell.
 * The first are kept on the sheet's properties (which exceljs keeps as read), the others as the set of
 * such rows and the ignored errors on the same properties; all are given back while exceljs writes that
 * sheet.
 */
import {
  XmlWriter,
  escapeXmlAttribute,
  interceptWriter,
  wrapExceljsMethod,
  XmlAttributes,
  XmlNode,
} from "./exceljs-patch";
import { pick } from "./sheet-details";

/** `<sheetFormatPr>` attributes written back as the input had them (`customHeight` also when absent). */
export const KEPT_FORMAT = [
  "zeroHeight",
  "baseColWidth",
  "thickTop",
  "thickBottom",
  "customHeight",
];

const FORMAT = Symbol.for("indicator-scorer.sheet-format");
const FITTED = Symbol.for("indicator-scorer.fitted-rows");
const FITTED_ROW = Symbol.for("indicator-scorer.fitted-row");
const COLLAPSED = Symbol.for("indicator-scorer.collapsed-rows");
const COLLAPSED_ROW = Symbol.for("indicator-scorer.collapsed-row");
const IGNORED = Symbol.for("indicator-scorer.ignored-errors");
const READING = Symbol.for("indicator-scorer.ignored-errors-read");

type Attributes = XmlAttributes;
type Node = XmlNode;
interface Properties {
  [FORMAT]?: Attributes;
  [FITTED]?: Set<number>;
  /** The rows the input marks collapsed (a folded group's summary row), on a sheet with outline levels. */
  [COLLAPSED]?: Set<number>;
  [IGNORED]?: Attributes[];
}

/** The `<ignoredErrors>` element for the ranges read (attributes as parsed, so escaped again). */
export function ignoredErrorsXml(errors: readonly Attributes[]): string {
  const items = errors.map(
    (e) =>
      `<ignoredError${Object.entries(e)
        .map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`)
        .join("")}/>`
  );
  return `<ignoredErrors>${items.join("")}</ignoredErrors>`;
}

/** The `<sheetFormatPr>` attributes exceljs is about to write, made what the input had. */
export function formatAttributes(
  written: Record<string, unknown> | null | undefined,
  kept: Attributes
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...written };
  for (const name of KEPT_FORMAT)
    if (kept[name] !== undefined) out[name] = kept[name];
    else if (name === "customHeight") delete out[name];
  return out;
}

/** Whether a row's height was fitted by Excel rather than set by hand: a height, and no `customHeight`. */
export function isFittedRow(attributes: Attributes | undefined): boolean {
  const custom = attributes?.customHeight;
  return (
    attributes?.ht !== undefined && (custom === undefined || custom === "0" || custom === "false")
  );
}

type RowModel = Record<symbol, unknown> & {
  number: number;
  cells?: unknown[];
  height?: number;
  hidden?: boolean;
  outlineLevel?: number;
};
type SheetModel = { properties?: Properties & { defaultRowHeight?: number }; rows?: RowModel[] };

/**
 * On a sheet whose unused rows are hidden, an empty row the input lists is a row shown (a blank line in
 * the form); exceljs drops empty rows, which would hide it. It is given the default height, as fitted.
 */
export function keepShownRows(model: SheetModel): void {
  const zero = model.properties?.[FORMAT]?.zeroHeight;
  if (zero !== "1" && zero !== "true") return;
  const height = model.properties?.defaultRowHeight || 15;
  for (const row of model.rows ?? [])
    if ((row.cells?.length ?? 0) === 0 && !row.hidden && !row.height) {
      row.height = height;
      row[FITTED_ROW] = true;
    }
}

/** What the sheet being written kept, while exceljs writes it (its render is synchronous). */
let writing: Properties | undefined;

export function keepSheetFormat(): boolean {
  type Open = (this: { model?: Record<symbol, unknown> | null }, node: Node) => unknown;
  type Leaf = (this: unknown, xmlStream: XmlWriter, model: unknown) => unknown;
  type Reconcile = (this: unknown, model: SheetModel, options: unknown) => unknown;
  type Render = (
    this: unknown,
    xmlStream: XmlWriter,
    model: { properties?: Properties }
  ) => unknown;
  type RowRender = (
    this: unknown,
    xmlStream: XmlWriter,
    model: { number: number; height?: number },
    options: unknown
  ) => unknown;
  const readFormat = wrapExceljsMethod<Open>(
    "xlsx/xform/sheet/sheet-format-properties-xform",
    "parseOpen",
    "sheet-format.parseOpen",
    (original) =>
      function (this: { model?: Record<symbol, unknown> | null }, node) {
        const result = original.call(this, node);
        if (node.name === "sheetFormatPr" && this.model)
          this.model[FORMAT] = pick(node.attributes, KEPT_FORMAT);
        return result;
      }
  );
  const writeFormat = wrapExceljsMethod<Leaf>(
    "xlsx/xform/sheet/sheet-format-properties-xform",
    "render",
    "sheet-format.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept = writing?.[FORMAT];
        if (!kept) return original.call(this, xmlStream, model);
        const stream = interceptWriter(xmlStream, {
          leaf: (real, name, attributes, text) =>
            real.leafNode(
              name,
              name === "sheetFormatPr" ? formatAttributes(attributes, kept) : attributes,
              text
            ),
        });
        return original.call(this, stream, model);
      }
  );
  const readRow = wrapExceljsMethod<Open>(
    "xlsx/xform/sheet/row-xform",
    "parseOpen",
    "sheet-format.row.parseOpen",
    (original) =>
      function (this: { model?: Record<symbol, unknown> | null }, node) {
        const result = original.call(this, node);
        if (node.name === "row" && this.model) {
          if (isFittedRow(node.attributes)) this.model[FITTED_ROW] = true;
          const collapsed = node.attributes?.collapsed;
          if (collapsed === "1" || collapsed === "true") this.model[COLLAPSED_ROW] = true;
        }
        return result;
      }
  );
  const collect = wrapExceljsMethod<Reconcile>(
    "xlsx/xform/sheet/worksheet-xform",
    "reconcile",
    "sheet-format.reconcile",
    (original) =>
      function (this: unknown, model, options) {
        keepShownRows(model);
        const fitted = (model.rows ?? []).filter((r) => r[FITTED_ROW]).map((r) => r.number);
        if (fitted.length > 0) (model.properties ??= {})[FITTED] = new Set(fitted);
        const collapsed = (model.rows ?? []).filter((r) => r[COLLAPSED_ROW]).map((r) => r.number);
        // Only a sheet with outline levels has rows exceljs could mark.
        if (collapsed.length > 0 || (model.rows ?? []).some((r) => r.outlineLevel))
          (model.properties ??= {})[COLLAPSED] = new Set(collapsed);
        return original.call(this, model, options);
      }
  );
  const render = wrapExceljsMethod<Render>(
    "xlsx/xform/sheet/worksheet-xform",
    "render",
    "sheet-format.worksheet.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        writing = model?.properties;
        try {
          return original.call(this, xmlStream, model);
        } finally {
          writing = undefined;
        }
      }
  );
  const writeRow = wrapExceljsMethod<RowRender>(
    "xlsx/xform/sheet/row-xform",
    "render",
    "sheet-format.row.render",
    (original) =>
      function (this: unknown, xmlStream, model, options) {
        const fitted = writing?.[FITTED]?.has(model.number) ?? false;
        const collapsed = writing?.[COLLAPSED];
        if (!fitted && !collapsed) return original.call(this, xmlStream, model, options);
        // exceljs works `collapsed` out from each row's outline level, which marks a folded group's
        // hidden rows instead of its summary row (the row whose button shows +): the input's rows are
        // marked instead.
        const stream = interceptWriter(xmlStream, {
          attribute: (real, name, value) => {
            if (fitted && name === "customHeight") return;
            if (collapsed && name === "collapsed") return;
            real.addAttribute!(name, value);
            if (name === "r" && collapsed?.has(model.number)) real.addAttribute!("collapsed", "1");
          },
        });
        return original.call(this, stream, model, options);
      }
  );
  return (
    readFormat && writeFormat && readRow && collect && render && writeRow && keepIgnoredErrors()
  );
}

/**
 * `<ignoredErrors>` is read where exceljs passes over it (the worksheet parser sees its elements and has
 * no parser for them) and written after the row breaks, where the schema has it.
 */
function keepIgnoredErrors(): boolean {
  type Sheet = {
    parser?: unknown;
    model?: { properties?: Properties };
    [READING]?: Attributes[];
  };
  type Open = (this: Sheet, node: Node) => unknown;
  type Close = (this: Sheet, name: string) => unknown;
  type Render = (
    this: unknown,
    xmlStream: XmlWriter & { writeXml(xml: string): void },
    model: unknown
  ) => unknown;
  const open = wrapExceljsMethod<Open>(
    "xlsx/xform/sheet/worksheet-xform",
    "parseOpen",
    "sheet-format.ignored.parseOpen",
    (original) =>
      function (this: Sheet, node) {
        if (!this.parser) {
          if (node.name === "worksheet") this[READING] = undefined;
          else if (node.name === "ignoredErrors") this[READING] = [];
          else if (node.name === "ignoredError" && this[READING])
            this[READING].push({ ...node.attributes });
        }
        return original.call(this, node);
      }
  );
  const close = wrapExceljsMethod<Close>(
    "xlsx/xform/sheet/worksheet-xform",
    "parseClose",
    "sheet-format.ignored.parseClose",
    (original) =>
      function (this: Sheet, name) {
        const result = original.call(this, name);
        const read = this[READING];
        if (name === "worksheet" && read && read.length > 0 && this.model) {
          (this.model.properties ??= {})[IGNORED] = read;
          this[READING] = undefined;
        }
        return result;
      }
  );
  const write = wrapExceljsMethod<Render>(
    "xlsx/xform/sheet/row-breaks-xform",
    "render",
    "sheet-format.ignored.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const result = original.call(this, xmlStream, model);
        const errors = writing?.[IGNORED];
        if (errors) xmlStream.writeXml(ignoredErrorsXml(errors));
        return result;
      }
  );
  return open && close && write;
}
