/**
 * A table's columns and settings (插入 > 表格) as exceljs 4.4 misreads them, read and written as Excel has
 * them. (Its header row and filter buttons: notes-and-tables.ts.)
 *
 * - A column holding a formula: Excel keeps the formula it fills into every new row of the column
 *   (`calculatedColumnFormula`), and a totals row cell's own formula (`totalsRowFormula`), inside the
 *   column's element. exceljs's column parser took that child element for the end of the column list:
 *   the copy's table lost the formula and every column after it, so a four-column table with a formula in
 *   its second column became a two-column table over a four-column range, which Excel reports as damaged
 *   and repairs by deleting the table. Every column is now read, and both formulas are written back.
 * - The formats a table gives its rows and columns (`dataDxfId` and its kin: the number format and font a
 *   new row of a 金额 column gets) were dropped. They point into the workbook's differential formats,
 *   which a copy numbers afresh, so each is carried as the format it points at and added to the copy's.
 * - The table's last sort (`sortState`, which 数据 > 重新应用 repeats) and its alternative text (可选文字,
 *   in its extension list) were dropped; `totalsRowShown` became "1" on every table without a totals row;
 *   `comment`, `published`, `insertRow` and `insertRowShift` were dropped. All are kept as written, but a
 *   sort by colour, whose differential formats this does not carry.
 */
import {
  XmlRecorder,
  XmlWriter,
  exceljsModule,
  interceptWriter,
  wrapExceljsMethod,
  XmlAttributes,
  XmlNode,
} from "./exceljs-patch";
import { pick } from "./sheet-details";

const KEPT = Symbol.for("indicator-scorer.table-kept");
const CHILD = Symbol.for("indicator-scorer.table-child");

type Attributes = XmlAttributes;
type Node = XmlNode;

/** What a copy keeps of a table or one of its columns beyond exceljs's model. */
export interface KeptTableParts {
  /** Plain attributes, as read. */
  attributes: Attributes;
  /** Attributes naming a differential format: the id read. */
  formatIds: Attributes;
  /** The same attributes: the format each id pointed at in the input (set when the workbook is read). */
  formats: Record<string, unknown>;
  /** The same attributes: the format's id in the copy (set when the copy is prepared). */
  writtenIds: Attributes;
  /** Child elements kept, as XML, by name. */
  children: Record<string, string>;
}

const TABLE_ATTRIBUTES = ["totalsRowShown", "comment", "published", "insertRow", "insertRowShift"];
const TABLE_FORMATS = [
  "headerRowDxfId",
  "dataDxfId",
  "totalsRowDxfId",
  "headerRowBorderDxfId",
  "tableBorderDxfId",
  "totalsRowBorderDxfId",
];
const TABLE_CHILDREN = new Set(["sortState", "extLst"]);
const COLUMN_FORMATS = ["headerRowDxfId", "dataDxfId", "totalsRowDxfId"];
/**
 * `xmlColumnPr` and a column's extension list are read past, not kept: the first maps the column to an XML
 * map, which a copy does not have.
 */
const COLUMN_CHILDREN = new Set(["calculatedColumnFormula", "totalsRowFormula"]);

function keptFrom(
  attributes: Attributes | undefined,
  plain: readonly string[],
  formats: readonly string[]
): KeptTableParts {
  return {
    attributes: pick(attributes, plain),
    formatIds: pick(attributes, formats),
    formats: {},
    writtenIds: {},
    children: {},
  };
}

/** A child element of a table or column being read: how deep in it, its name, whether it is kept, its XML so far. */
interface ChildReading {
  depth: number;
  name: string;
  keep: boolean;
  xml: XmlRecorder;
}

type Keeper = { model?: Record<symbol, KeptTableParts | undefined>; [CHILD]?: ChildReading };

/** Starts or continues reading a child element as XML; false when `node` is no concern of it. */
function childOpen(self: Keeper, node: Node, children: ReadonlySet<string>): boolean {
  const reading = self[CHILD];
  if (reading) {
    reading.depth++;
    if (reading.keep) reading.xml.start(node.name, node.attributes);
    return true;
  }
  const kept = self.model?.[KEPT];
  if (!kept) return false;
  const keep = children.has(node.name);
  self[CHILD] = { depth: 1, name: node.name, keep, xml: new XmlRecorder() };
  if (keep) self[CHILD].xml.start(node.name, node.attributes);
  return true;
}

function childText(self: Keeper, text: string): boolean {
  const reading = self[CHILD];
  if (!reading) return false;
  if (reading.keep) reading.xml.text(text);
  return true;
}

function childClose(self: Keeper, name: string): boolean {
  const reading = self[CHILD];
  if (!reading) return false;
  if (reading.keep) reading.xml.end(name);
  if (--reading.depth === 0) {
    self[CHILD] = undefined;
    const kept = self.model?.[KEPT];
    const xml = reading.xml.xml;
    // A sort by colour names differential formats the copy does not carry: the sort is dropped whole.
    if (kept && reading.keep && !(reading.name === "sortState" && /\bdxfId=/.test(xml)))
      kept.children[reading.name] = xml;
  }
  return true;
}

type Open = (this: Keeper & { parser?: unknown }, node: Node) => boolean;
type Text = (this: Keeper, text: string) => void;
type Close = (this: Keeper, name: string) => boolean;

/** The text and ends of the child elements the parser `path` reads through childOpen. */
function readChildren(path: string, tag: string): boolean {
  const texts = wrapExceljsMethod<Text>(
    path,
    "parseText",
    `${tag}.parseText`,
    (original) =>
      function (this: Keeper, text) {
        if (!childText(this, text)) original.call(this, text);
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    `${tag}.parseClose`,
    (original) =>
      function (this: Keeper, name) {
        return childClose(this, name) || original.call(this, name);
      }
  );
  return texts && closed;
}

function readColumns(): boolean {
  const path = "xlsx/xform/table/table-column-xform";
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "table-columns.parseOpen",
    (original) =>
      function (this: Keeper, node) {
        if (node.name === "tableColumn" && !this[CHILD]) {
          const result = original.call(this, node);
          if (this.model) this.model[KEPT] = keptFrom(node.attributes, [], COLUMN_FORMATS);
          return result;
        }
        return childOpen(this, node, COLUMN_CHILDREN) || original.call(this, node);
      }
  );
  return opened && readChildren(path, "table-columns");
}

function readTables(): boolean {
  const path = "xlsx/xform/table/table-xform";
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "table-parts.parseOpen",
    (original) =>
      function (this: Keeper & { parser?: unknown }, node) {
        if (this[CHILD] || (!this.parser && TABLE_CHILDREN.has(node.name)))
          return childOpen(this, node, TABLE_CHILDREN) || original.call(this, node);
        const result = original.call(this, node);
        if (node.name === "table" && this.model)
          this.model[KEPT] = keptFrom(node.attributes, TABLE_ATTRIBUTES, TABLE_FORMATS);
        return result;
      }
  );
  return opened && readChildren(path, "table-parts");
}

interface TableModel {
  [KEPT]?: KeptTableParts;
  columns?: { [KEPT]?: KeptTableParts }[];
}
interface Styles {
  getDxfStyle?(id: number): unknown;
  addDxfStyle?(style: unknown): number;
}

/** Every kept part of a table: the table's own, then its columns'. */
function keptParts(table: TableModel): KeptTableParts[] {
  const out: KeptTableParts[] = [];
  if (table[KEPT]) out.push(table[KEPT]);
  for (const c of table.columns ?? []) if (c[KEPT]) out.push(c[KEPT]);
  return out;
}

/** Points each kept format id at the format it names in the input's styles. */
export function resolveFormats(kept: KeptTableParts, styles: Styles): void {
  for (const [name, id] of Object.entries(kept.formatIds)) {
    const style = styles.getDxfStyle?.(Number(id));
    if (style) kept.formats[name] = style;
  }
}

/** Adds each kept format to the copy's styles and notes its id there. */
export function placeFormats(kept: KeptTableParts, styles: Styles): void {
  kept.writtenIds = {};
  if (!styles.addDxfStyle) return;
  for (const [name, style] of Object.entries(kept.formats))
    kept.writtenIds[name] = String(styles.addDxfStyle(style));
}

function carryFormats(): boolean {
  type Reconcile = (this: unknown, model: TableModel, options?: { styles?: Styles }) => unknown;
  const read = wrapExceljsMethod<Reconcile>(
    "xlsx/xform/table/table-xform",
    "reconcile",
    "table-formats.reconcile",
    (original) =>
      function (this: unknown, model, options) {
        const result = original.call(this, model, options);
        const styles = options?.styles;
        if (styles) for (const kept of keptParts(model)) resolveFormats(kept, styles);
        return result;
      }
  );
  type Prepare = (
    this: unknown,
    model: { tables?: TableModel[]; styles?: Styles },
    options?: unknown
  ) => unknown;
  // The copy's tables are written before its styles part, so their formats are added to it here, once
  // the worksheets (and their conditional formats) have added theirs.
  const written = wrapExceljsMethod<Prepare>(
    "xlsx/xlsx",
    "prepareModel",
    "table-formats.prepareModel",
    (original) =>
      function (this: unknown, model, options) {
        const result = original.call(this, model, options);
        const styles = model.styles;
        if (styles)
          for (const table of model.tables ?? [])
            for (const kept of keptParts(table)) placeFormats(kept, styles);
        return result;
      }
  );
  return read && written;
}

/** A kept part's attributes over what exceljs writes for it. */
export function keptAttributes(
  written: Record<string, unknown> | null | undefined,
  kept: KeptTableParts
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...written };
  // exceljs writes "1" for every table without a totals row: the input's value, or none, as it was.
  delete out.totalsRowShown;
  return { ...out, ...kept.attributes, ...kept.writtenIds };
}

type Render<M> = (this: unknown, xmlStream: XmlWriter, model: M) => unknown;

function writeTables(): boolean {
  const table = wrapExceljsMethod<Render<TableModel>>(
    "xlsx/xform/table/table-xform",
    "render",
    "table-parts.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept = model?.[KEPT];
        if (!kept) return original.call(this, xmlStream, model);
        let depth = 0;
        const stream = interceptWriter(xmlStream, {
          open(real, name, attributes) {
            depth++;
            if (name === "tableColumns" && kept.children.sortState)
              real.writeXml?.(kept.children.sortState);
            real.openNode(name, name === "table" ? keptAttributes(attributes, kept) : attributes);
          },
          close(real) {
            if (--depth === 0 && kept.children.extLst) real.writeXml?.(kept.children.extLst);
            real.closeNode?.();
          },
        });
        return original.call(this, stream, model);
      }
  );
  const column = wrapExceljsMethod<Render<{ [KEPT]?: KeptTableParts }>>(
    "xlsx/xform/table/table-column-xform",
    "render",
    "table-columns.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept = model?.[KEPT];
        if (!kept) return original.call(this, xmlStream, model);
        const children = [...COLUMN_CHILDREN].map((n) => kept.children[n] ?? "").join("");
        const stream = interceptWriter(xmlStream, {
          leaf(real, name, attributes, text) {
            if (name !== "tableColumn") return real.leafNode(name, attributes, text);
            const all = keptAttributes(attributes, kept);
            if (children === "") return real.leafNode(name, all);
            real.openNode(name, all);
            real.writeXml?.(children);
            real.closeNode?.();
          },
        });
        return original.call(this, stream, model);
      }
  );
  return table && column;
}

/** Installs every wrap; returns whether all are in place. */
export function keepTables(): boolean {
  if (!exceljsModule("xlsx/xform/table/table-xform")) return false;
  const read = readColumns() && readTables();
  const formats = carryFormats();
  return writeTables() && read && formats;
}
