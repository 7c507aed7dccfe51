/**
 * Worksheet details exceljs 4.4 reads past, written back into a command-line copy.
 *
 * Attributes its parsers ignore, so that a copy silently lost them:
 * - the sheet view's "show a zero in cells that have zero value" unticked (`showZeros="0"`, 文件 > 选项 >
 *   高级: finance sheets hide their zeros; a copy showed a 0 in every empty sum), formulas shown instead of
 *   results, outline symbols hidden, the grid line colour, the page-layout and page-break-preview zoom, the
 *   scroll position;
 * - a conditional format's "stop if true" (later rules then also applied, changing the colours shown);
 * - a sheet protection's password in its older form (`password`, as Excel 2010 and WPS write it): the copy's
 *   sheet stayed protected but anyone could unprotect it;
 * - the header and footer's 与页边距对齐 and 随文档自动缩放 unticked (`alignWithMargins`, `scaleWithDoc`):
 *   a fitted table's footer then printed at another size and place.
 * Each is kept on the model exceljs builds for its element, and given back when exceljs writes the element.
 *
 * The order of a sheet's properties: exceljs writes `<pageSetUpPr>` before `<outlinePr>`, where the schema
 * (CT_SheetPr: tabColor, outlinePr, pageSetUpPr) has it after. A sheet fitted to the page *and* with its
 * outline's summary rows above or left (数据 > 分级显示 > 设置, as budget tables with their 合计 rows on
 * top have it) was a copy Excel called damaged, and its repair replaced the sheet (exceljs issue 1348).
 * They are written in the schema's order.
 *
 * The page setup's page numbering and a few of its settings: exceljs wrote `useFirstPageNumber="1"` on
 * every sheet (页面设置 > 起始页码 "自动" became 1), so printing a whole workbook restarted each sheet's
 * page numbers at 1 instead of continuing them; it dropped "print notes as displayed on the sheet"
 * (`cellComments="asDisplayed"`, misspelt in exceljs) and a custom paper size (`paperWidth`,
 * `paperHeight`). These are written as the input had them, present or absent.
 *
 * A custom view's print settings (视图 > 自定义视图: each view keeps its own margins, page setup, header
 * and footer, print options and filter inside `<customSheetViews>`): exceljs's worksheet parser took
 * every element it knows by name wherever it stood, so a copy of a sheet with a custom view took the view's
 * filter (filter buttons on a sheet that had none), its gridlines and its page header as the sheet's own
 * wherever the sheet had none. The views' contents are now read past; the views themselves are not in a
 * copy, which the command line says (unkept.ts).
 */
import {
  XmlWriter,
  interceptWriter,
  wrapExceljsMethod,
  XmlAttributes,
  XmlNode,
} from "./exceljs-patch";

/**
 * exceljs xform modules (under exceljs/lib), the element, the attributes kept, and whether they are written
 * exactly as read, present or absent ("as read"), rather than only where exceljs writes none.
 */
export const KEPT_ATTRIBUTES: [string, string, string[], "as read"?][] = [
  [
    "xlsx/xform/sheet/sheet-view-xform",
    "sheetView",
    [
      "showZeros",
      "showFormulas",
      "showOutlineSymbols",
      "showWhiteSpace",
      "defaultGridColor",
      "colorId",
      "topLeftCell",
      "zoomScalePageLayoutView",
      "zoomScaleSheetLayoutView",
      "windowProtection",
    ],
  ],
  ["xlsx/xform/sheet/cf/cf-rule-xform", "cfRule", ["stopIfTrue"]],
  ["xlsx/xform/sheet/sheet-protection-xform", "sheetProtection", ["password"]],
  ["xlsx/xform/sheet/header-footer-xform", "headerFooter", ["alignWithMargins", "scaleWithDoc"]],
  // Page numbering and a few settings (see above): exceljs writes useFirstPageNumber="1" on every sheet.
  [
    "xlsx/xform/sheet/page-setup-xform",
    "pageSetup",
    ["firstPageNumber", "useFirstPageNumber", "cellComments", "paperWidth", "paperHeight"],
    "as read",
  ],
];

const KEPT = Symbol.for("indicator-scorer.kept-attributes");
const SEEN = Symbol.for("indicator-scorer.seen-attributes");

type Attributes = XmlAttributes;
type Node = XmlNode;
type Xform = { model?: Record<symbol, unknown>; [SEEN]?: Attributes };

/** The named attributes the node has. */
export function pick(attributes: Attributes | undefined, names: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const n of names) if (attributes?.[n] !== undefined) out[n] = attributes[n];
  return out;
}

/** How kept attributes join the ones exceljs is about to write. */
type Merge = (
  written: Record<string, unknown> | null | undefined,
  kept: Attributes
) => Record<string, unknown>;

/** The kept attributes where exceljs writes none. */
const fillMissing: Merge = (written, kept) => {
  const out: Record<string, unknown> = { ...written };
  for (const [k, v] of Object.entries(kept)) if (out[k] === undefined) out[k] = v;
  return out;
};

/** The named attributes exactly as read: the input's value, or none where the input had none. */
export function asRead(names: readonly string[]): Merge {
  return (written, kept) => {
    const out: Record<string, unknown> = { ...written };
    for (const name of names)
      if (kept[name] !== undefined) out[name] = kept[name];
      else delete out[name];
    return out;
  };
}

/**
 * The stream a render writes through: the first `tag` element it opens gets `kept`, by default only where
 * exceljs writes no such attribute itself.
 */
export function withAttributes<W extends XmlWriter>(
  xmlStream: W,
  tag: string,
  kept: Attributes,
  merge: Merge = fillMissing
): W {
  let done = false;
  const joined = (name: string, attributes: Record<string, unknown> | null | undefined) => {
    if (done || name !== tag) return attributes ?? undefined;
    done = true;
    return merge(attributes, kept);
  };
  return interceptWriter(xmlStream, {
    open: (real, name, attributes) => real.openNode(name, joined(name, attributes)),
    leaf: (real, name, attributes, text) => real.leafNode(name, joined(name, attributes), text),
  });
}

function keepAttributes(
  path: string,
  tag: string,
  names: readonly string[],
  exactly?: "as read"
): boolean {
  const merge = exactly ? asRead(names) : fillMissing;
  type Open = (this: Xform, node: Node) => unknown;
  type Close = (this: Xform, name: string) => unknown;
  type Render = (this: unknown, xmlStream: XmlWriter, model: unknown) => unknown;
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "kept-attributes.parseOpen",
    (original) =>
      function (this: Xform, node) {
        if (node.name === tag) this[SEEN] = pick(node.attributes, names);
        return original.call(this, node);
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    "kept-attributes.parseClose",
    (original) =>
      function (this: Xform, name) {
        const result = original.call(this, name);
        const seen = this[SEEN];
        if (name === tag && seen) {
          // Attributes kept as read are kept absent too: an element without them is given none.
          if (this.model && (exactly || Object.keys(seen).length > 0)) this.model[KEPT] = seen;
          this[SEEN] = undefined;
        }
        return result;
      }
  );
  const rendered = wrapExceljsMethod<Render>(
    path,
    "render",
    "kept-attributes.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept = (model as Record<symbol, Attributes> | undefined)?.[KEPT];
        const stream = kept ? withAttributes(xmlStream, tag, kept, merge) : xmlStream;
        return original.call(this, stream, model);
      }
  );
  return opened && closed && rendered;
}

type ChildXform = { render(xmlStream: unknown, model: unknown): boolean | void };
type SheetPrStream = XmlWriter & {
  addRollback(): void;
  commit(): void;
  rollback(): void;
  closeNode(): void;
};
interface SheetPrModel {
  tabColor?: unknown;
  outlineProperties?: unknown;
  pageSetup?: unknown;
}

function orderSheetProperties(): boolean {
  type Render = (
    this: { map?: Record<string, ChildXform | undefined> },
    xmlStream: SheetPrStream,
    model: SheetPrModel | undefined
  ) => unknown;
  return wrapExceljsMethod<Render>(
    "xlsx/xform/sheet/sheet-properties-xform",
    "render",
    "sheet-properties.order",
    (original) =>
      function (this: { map?: Record<string, ChildXform | undefined> }, xmlStream, model) {
        const { tabColor, outlinePr, pageSetUpPr } = this.map ?? {};
        if (!model || !tabColor || !outlinePr || !pageSetUpPr)
          return original.call(this, xmlStream, model);
        // As exceljs renders it, in the schema's order.
        xmlStream.addRollback();
        xmlStream.openNode("sheetPr");
        let inner = false;
        inner = tabColor.render(xmlStream, model.tabColor) || inner;
        inner = outlinePr.render(xmlStream, model.outlineProperties) || inner;
        inner = pageSetUpPr.render(xmlStream, model.pageSetup) || inner;
        if (inner) {
          xmlStream.closeNode();
          xmlStream.commit();
        } else xmlStream.rollback();
        return undefined;
      }
  );
}

const IN_VIEWS = Symbol.for("indicator-scorer.in-custom-views");

function readPastCustomViews(): boolean {
  type Sheet = { parser?: unknown; [IN_VIEWS]?: number };
  const path = "xlsx/xform/sheet/worksheet-xform";
  const open = wrapExceljsMethod<(this: Sheet, node: { name: string }) => boolean>(
    path,
    "parseOpen",
    "custom-views.parseOpen",
    (original) =>
      function (this: Sheet, node) {
        if (node.name === "worksheet") this[IN_VIEWS] = 0;
        else if (this[IN_VIEWS]) {
          this[IN_VIEWS]++;
          return true;
        } else if (!this.parser && node.name === "customSheetViews") {
          this[IN_VIEWS] = 1;
          return true;
        }
        return original.call(this, node);
      }
  );
  const text = wrapExceljsMethod<(this: Sheet, text: string) => void>(
    path,
    "parseText",
    "custom-views.parseText",
    (original) =>
      function (this: Sheet, t) {
        if (!this[IN_VIEWS]) original.call(this, t);
      }
  );
  const close = wrapExceljsMethod<(this: Sheet, name: string) => boolean>(
    path,
    "parseClose",
    "custom-views.parseClose",
    (original) =>
      function (this: Sheet, name) {
        if (this[IN_VIEWS]) {
          this[IN_VIEWS]--;
          return true;
        }
        return original.call(this, name);
      }
  );
  return open && text && close;
}

/** Installs every wrap; returns whether all are in place. */
export function keepSheetDetails(): boolean {
  let ok = true;
  for (const [path, tag, names, exactly] of KEPT_ATTRIBUTES)
    ok = keepAttributes(path, tag, names, exactly) && ok;
  return orderSheetProperties() && readPastCustomViews() && ok;
}
