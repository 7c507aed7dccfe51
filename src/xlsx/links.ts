/**
 * Links (插入 > 链接) in a command-line copy.
 *
 * Links within the workbook (本文档中的位置): Excel stores them as a `location`, with no relationship.
 * exceljs kept only links with a relationship, so a contents sheet's links were gone from a copy; and it
 * wrote a link to `#Sheet!A1` (its own form for a link within the workbook, which the summary sheet's
 * links use) as an outside address `#Sheet!A1` *and* the location `#Sheet!A1`, which readers join into
 * `#Sheet!A1##Sheet!A1`, a place that does not exist (exceljs issue 3027). Now a link within the workbook
 * is read as `#location` and written as Excel writes it: the location alone.
 *
 * Links to a place in another file or page (预算表.xlsx at '汇总'!A1, a web page at #第二节): Excel stores
 * the address in a relationship and the place in `location`. exceljs dropped the place, so the link opened
 * the file or page at its top. Now such a link is read as `address#place` and written as Excel writes it.
 *
 * A link's screen tip (设置超链接屏幕提示): exceljs read it and dropped it when it matched links with
 * cells. Now the cell keeps it, and exceljs writes it.
 *
 * A link on a cell holding a formula: exceljs made the cell a linked text holding the formula's last
 * result, so the formula was gone from the copy and the cell never changed again. Now the cell keeps its
 * formula, and its link is set aside on the sheet's properties (which exceljs keeps as read) and written
 * back beside the others.
 */
import { XmlWriter, wrapExceljsMethod } from "./exceljs-patch";

interface Link {
  address?: string;
  target?: string;
  tooltip?: string;
  rId?: string;
  [LOCATION]?: string;
}
interface Relationship {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}
interface CellModel {
  address?: string;
  hyperlink?: string;
  tooltip?: string;
}
interface SheetModel {
  hyperlinks?: Link[];
  relationships?: Relationship[];
  rows?: { cells?: (CellModel & { type?: number; formula?: string; sharedFormula?: string })[] }[];
  properties?: { [FORMULA_LINKS]?: Link[] };
}

const HYPERLINK_REL =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
const LOCATION = Symbol.for("indicator-scorer.link-location");
const FORMULA_LINKS = Symbol.for("indicator-scorer.formula-links");
/** exceljs's ValueType.Formula. */
const FORMULA = 6;

/**
 * Takes the links of cells holding a formula out of the sheet's links, before exceljs would turn those
 * cells into linked text, and keeps them (address, `target` as read: `#place`, `address` or
 * `address#place`, screen tip) on the sheet's properties. Runs after internalLinksAsTargets.
 */
export function setAsideFormulaLinks(model: SheetModel): void {
  const formulas = new Set<string>();
  for (const row of model.rows ?? [])
    for (const cell of row.cells ?? [])
      if (cell.address && (cell.type === FORMULA || cell.formula || cell.sharedFormula))
        formulas.add(cell.address);
  if (formulas.size === 0 || !model.hyperlinks) return;
  const rels = new Map((model.relationships ?? []).map((r) => [r.Id, r]));
  const aside: Link[] = [];
  model.hyperlinks = model.hyperlinks.filter((link) => {
    const rel = link.rId ? rels.get(link.rId) : undefined;
    if (!link.address || !formulas.has(link.address) || !rel) return true;
    aside.push({ address: link.address, target: rel.Target, tooltip: link.tooltip });
    return false;
  });
  if (aside.length > 0) ((model.properties ??= {})[FORMULA_LINKS] ??= []).push(...aside);
}

/**
 * The set-aside links of a sheet being written, as exceljs's links: a link within the workbook with its
 * place only; any other with a relationship of its own (an id of ours, apart from exceljs's rId1…).
 */
export function formulaLinks(
  model: SheetModel,
  rels: Relationship[]
): { hyperlinks: Link[]; rels: Relationship[] } {
  const hyperlinks: Link[] = [];
  let n = 0;
  for (const link of model.properties?.[FORMULA_LINKS] ?? []) {
    if (link.target?.startsWith("#")) {
      hyperlinks.push({ address: link.address, target: link.target, tooltip: link.tooltip });
      continue;
    }
    const id = `indicator-scorer-link-${++n}`;
    rels.push({ Id: id, Type: HYPERLINK_REL, Target: link.target ?? "", TargetMode: "External" });
    hyperlinks.push({ address: link.address, target: link.target, tooltip: link.tooltip, rId: id });
  }
  return { hyperlinks, rels };
}

/**
 * Gives each link with a location a relationship of its own before exceljs matches links with their
 * relationships, so that its cell reads as linked to `#location` (within the workbook) or
 * `address#location` (a place in another file or page).
 */
export function internalLinksAsTargets(model: SheetModel): void {
  let n = 0;
  const rels = new Map((model.relationships ?? []).map((r) => [r.Id, r]));
  for (const link of model.hyperlinks ?? []) {
    if (!link.target || !link.address) continue;
    const outside = link.rId ? rels.get(link.rId) : undefined;
    if (link.rId && !outside) continue;
    const id = `indicator-scorer-location-${++n}`;
    (model.relationships ??= []).push({
      Id: id,
      Type: HYPERLINK_REL,
      Target: `${outside?.Target ?? ""}#${link.target}`,
      TargetMode: "External",
    });
    link.rId = id;
  }
}

/** The screen tip of each linked cell, by address. */
export function linkTooltips(model: SheetModel): Map<string, string> {
  const tips = new Map<string, string>();
  for (const link of model.hyperlinks ?? [])
    if (link.address && link.tooltip) tips.set(link.address, link.tooltip);
  return tips;
}

/** Gives the linked cells their screen tips, once exceljs has made them linked cells. */
export function applyTooltips(model: SheetModel, tips: ReadonlyMap<string, string>): void {
  if (tips.size === 0) return;
  for (const row of model.rows ?? [])
    for (const cell of row.cells ?? [])
      if (cell.address && cell.hyperlink !== undefined && tips.has(cell.address))
        cell.tooltip = tips.get(cell.address);
}

type PrepareOptions = { hyperlinks?: Link[]; [INTERNAL]?: Link[] };
const INTERNAL = Symbol.for("indicator-scorer.internal-links");

const isInternal = (link: Link | undefined) =>
  !!link && !link.rId && typeof link.target === "string" && link.target.startsWith("#");

/**
 * A link's element as Excel writes it: within the workbook, its location and no relationship; to a place
 * in another file or page, its relationship and the place. Anything else is left to exceljs (null).
 */
export function internalLinkNode(link: Link): Record<string, string | undefined> | null {
  if (isInternal(link))
    return { ref: link.address, location: link.target!.slice(1), tooltip: link.tooltip };
  if (link.rId && link[LOCATION] !== undefined)
    return {
      ref: link.address,
      "r:id": link.rId,
      location: link[LOCATION],
      tooltip: link.tooltip,
    };
  return null;
}

/**
 * Splits each outside link's `address#place` into its relationship's address and the link's place, as
 * Excel stores them (after exceljs made the relationships).
 */
export function splitLocations(links: Link[], rels: Relationship[]): void {
  const byId = new Map(rels.map((r) => [r.Id, r]));
  for (const link of links) {
    const rel = link.rId ? byId.get(link.rId) : undefined;
    const at = rel ? rel.Target.indexOf("#") : -1;
    if (!rel || at <= 0) continue;
    link[LOCATION] = rel.Target.slice(at + 1);
    rel.Target = rel.Target.slice(0, at);
  }
}

function readLinks(): boolean {
  type Reconcile = (this: unknown, model: SheetModel, options: unknown) => unknown;
  return wrapExceljsMethod<Reconcile>(
    "xlsx/xform/sheet/worksheet-xform",
    "reconcile",
    "internal-links.reconcile",
    (original) =>
      function (this: unknown, model, options) {
        const tips = linkTooltips(model);
        internalLinksAsTargets(model);
        setAsideFormulaLinks(model);
        const result = original.call(this, model, options);
        applyTooltips(model, tips);
        return result;
      }
  );
}

function writeLinks(): boolean {
  type CellPrepare = (this: unknown, model: unknown, options: PrepareOptions) => unknown;
  type SheetPrepare = (
    this: unknown,
    model: SheetModel & { rels?: Relationship[] },
    options: PrepareOptions
  ) => unknown;
  type Render = (
    this: unknown,
    xmlStream: XmlWriter,
    model: Link & { address?: string }
  ) => unknown;
  // A cell's link within the workbook is set aside, so that no relationship is made for it…
  const cells = wrapExceljsMethod<CellPrepare>(
    "xlsx/xform/sheet/cell-xform",
    "prepare",
    "internal-links.cell-prepare",
    (original) =>
      function (this: unknown, model, options) {
        const before = options.hyperlinks?.length ?? 0;
        const result = original.call(this, model, options);
        const links = options.hyperlinks;
        if (links && options[INTERNAL] && links.length > before && isInternal(links.at(-1)))
          options[INTERNAL].push(links.pop()!);
        return result;
      }
  );
  // …and joins the sheet's other links once their relationships are made, which lose their place.
  const sheets = wrapExceljsMethod<SheetPrepare>(
    "xlsx/xform/sheet/worksheet-xform",
    "prepare",
    "internal-links.sheet-prepare",
    (original) =>
      function (this: unknown, model, options) {
        options[INTERNAL] = [];
        try {
          const result = original.call(this, model, options);
          const aside = formulaLinks(model, (model.rels ??= []));
          (model.hyperlinks ??= []).push(...aside.hyperlinks);
          splitLocations(model.hyperlinks, model.rels);
          for (const link of options[INTERNAL]) (model.hyperlinks ??= []).push(link);
          return result;
        } finally {
          options[INTERNAL] = undefined;
        }
      }
  );
  const links = wrapExceljsMethod<Render>(
    "xlsx/xform/sheet/hyperlink-xform",
    "render",
    "internal-links.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const node = internalLinkNode(model);
        if (node) xmlStream.leafNode("hyperlink", node);
        else original.call(this, xmlStream, model);
      }
  );
  return cells && sheets && links;
}

/** Installs the wraps (once, however often it is called); false when exceljs's layout changed. */
export function keepLinks(): boolean {
  const read = readLinks();
  const write = writeLinks();
  return read && write;
}
