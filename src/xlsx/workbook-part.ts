/**
 * The workbook part (xl/workbook.xml) of a command-line copy: what exceljs 4.4 loses of it is written back
 * as the input had it.
 *
 * Defined names (公式 > 名称管理器). exceljs models a name as a list of cell ranges; everything else it
 * loses or breaks:
 * - a constant (`考核系数` = 0.05) or a whole column (`选项!$A:$A`) is dropped, so every formula using it
 *   becomes #NAME?;
 * - a formula (`OFFSET(选项!$A$1,0,0,COUNTA(选项!$A:$A),1)`, the usual source of a growing drop-down list)
 *   is cut at its first comma into a reference to a sheet named `OFFSET(选项`;
 * - a name scoped to a sheet becomes a workbook name, and two sheets' names of the same spelling collapse
 *   into one: formulas on the first sheet then read the second sheet's cell, silently;
 * - print titles (the header row repeated on every printed page) are dropped, and hidden names shown.
 * So the input's `<definedName>` elements are kept as they were, with their text and every attribute; only
 * `localSheetId` (a sheet's position) is renumbered when the copy's sheets moved, and a name scoped to a
 * sheet the copy no longer has goes with it. Names exceljs makes for sheets the input did not have (the
 * summary sheet's print area, if it ever had one) are kept.
 *
 * Calculation settings (文件 > 选项 > 公式). exceljs writes `<calcPr calcId="171027"/>` whatever the input
 * had: "precision as displayed" (`fullPrecision="0"`, which finance workbooks use so that totals add up to
 * the cent shown), iterative calculation (`iterate`, which a workbook with a deliberate circular reference
 * needs, or Excel warns and shows 0), manual calculation and R1C1 references were lost. The input's
 * `<calcPr>` is kept, with `fullCalcOnLoad="1"` added: the copy's written scores change what formulas over
 * them compute, and their saved results would otherwise show the old figures until something recalculates.
 */
import { wrapExceljsMethod } from "./exceljs-patch";

export interface SourceName {
  /** The element's attributes, as written in the input (entities kept). */
  attributes: string;
  /** The element's text, as written in the input (entities kept). */
  text: string;
  /** The sheet the name is scoped to, or null for a workbook name. */
  sheet: string | null;
}

/** What the copy keeps of the input's workbook part. */
export interface SourceWorkbookPart {
  /** The sheets in order: what sheet scopes (localSheetId) count. */
  sheets: string[];
  names: SourceName[];
  /** The attributes of `<calcPr>`, as written in the input; null when it had none. */
  calcPr: string | null;
}

const ENTITY = /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (m, hex: string, dec: string, named: string) => {
    if (named) return NAMED[named.toLowerCase()] ?? m;
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** The value of attribute `name` in an element's attribute text, entities decoded; null when absent. */
export function xmlAttribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? decodeEntities(m[1] ?? m[2]) : null;
}

const P = "(?:[\\w.-]+:)?"; // a namespace prefix, as some writers use for the main namespace
const SHEET = new RegExp(`<${P}sheet\\b([^>]*?)/?>`, "g");
const SHEETS = new RegExp(`<${P}sheets\\b[^>]*>([\\s\\S]*?)</${P}sheets>`);
const NAMES = new RegExp(`<${P}definedNames\\b[^>]*>([\\s\\S]*?)</${P}definedNames>`);
const NAME = new RegExp(`<${P}definedName\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}definedName>)`, "g");
const CALC_PR = new RegExp(`<${P}calcPr\\b([^>]*?)/?>`);
const FULL_CALC_ON_LOAD = /(\sfullCalcOnLoad\s*=\s*)(?:"[^"]*"|'[^']*')/;
const LOCAL_SHEET_ID = /(\slocalSheetId\s*=\s*)(?:"[^"]*"|'[^']*')/;

/** Reads what a copy keeps of a workbook part (xl/workbook.xml). */
export function readWorkbookPart(workbookXml: string): SourceWorkbookPart {
  const sheets = [...(SHEETS.exec(workbookXml)?.[1] ?? "").matchAll(SHEET)].map(
    (m) => xmlAttribute(m[1], "name") ?? ""
  );
  const names: SourceName[] = [];
  for (const m of (NAMES.exec(workbookXml)?.[1] ?? "").matchAll(NAME)) {
    const local = xmlAttribute(m[1], "localSheetId");
    const index = local === null ? -1 : Number(local);
    // A scope that names no sheet of the part is kept as it was, which is what Excel would read.
    const sheet = local === null ? null : (sheets[index] ?? null);
    names.push({ attributes: m[1], text: m[2] ?? "", sheet });
  }
  return { sheets, names, calcPr: CALC_PR.exec(workbookXml)?.[1] ?? null };
}

/** The copy's `<calcPr>`: the input's, set to calculate in full when opened. */
export function calcPrFor(source: SourceWorkbookPart): string {
  const attributes = (source.calcPr ?? ' calcId="171027"').replace(/\s+$/, "");
  return FULL_CALC_ON_LOAD.test(attributes)
    ? `<calcPr${attributes.replace(FULL_CALC_ON_LOAD, '$1"1"')}/>`
    : `<calcPr${attributes} fullCalcOnLoad="1"/>`;
}

/**
 * The `<definedName>` elements of a copy whose sheets are `outputSheets`, in order: the input's, scoped by
 * sheet name, then those exceljs made for sheets the input did not have (`ownNames`: exceljs's models).
 */
export function definedNamesFor(
  source: SourceWorkbookPart,
  outputSheets: readonly string[],
  ownNames: readonly { localSheetId?: number }[]
): (string | { localSheetId?: number })[] {
  const out: (string | { localSheetId?: number })[] = [];
  for (const n of source.names) {
    if (n.sheet === null) {
      out.push(`<definedName${n.attributes}>${n.text}</definedName>`);
      continue;
    }
    const at = outputSheets.indexOf(n.sheet);
    if (at < 0) continue; // its sheet is gone, and the name with it, as when Excel deletes a sheet
    const attributes = n.attributes.replace(LOCAL_SHEET_ID, `$1"${at}"`);
    out.push(`<definedName${attributes}>${n.text}</definedName>`);
  }
  const known = new Set(source.sheets);
  for (const own of ownNames) {
    const sheet = own.localSheetId === undefined ? undefined : outputSheets[own.localSheetId];
    if (sheet !== undefined && !known.has(sheet)) out.push(own);
  }
  return out;
}

/** What each workbook read from a file held, for the copy written from it. */
export const workbookSourceParts = new WeakMap<object, SourceWorkbookPart>();

type AddWorkbook = (
  this: { workbook?: object },
  zip: unknown,
  model: {
    definedNames?: { localSheetId?: number }[];
    worksheets?: { name: string }[];
    calcProperties?: unknown;
  }
) => unknown;
type RenderXml = (
  this: unknown,
  xmlStream: { writeXml(xml: string): void },
  model: unknown
) => void;

/** Renders a model given as a string (the element's XML) as such, and any other as exceljs does. */
function writeXmlModels(path: string): boolean {
  return wrapExceljsMethod<RenderXml>(
    path,
    "render",
    "workbook-part.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        if (typeof model === "string") xmlStream.writeXml(model);
        else original.call(this, xmlStream, model);
      }
  );
}

/**
 * Installs the wraps: the workbook part of a copy gets the input's names and calculation settings
 * (XLSX.addWorkbook), and an element given as its XML is written as such (the defined name's and calcPr's
 * render). Returns whether all are in place.
 */
export function keepWorkbookPart(): boolean {
  // Without these, addWorkbook's wrap would hand exceljs strings it cannot write.
  if (!writeXmlModels("xlsx/xform/book/defined-name-xform")) return false;
  if (!writeXmlModels("xlsx/xform/book/workbook-calc-properties-xform")) return false;
  return wrapExceljsMethod<AddWorkbook>(
    "xlsx/xlsx",
    "addWorkbook",
    "workbook-part.addWorkbook",
    (original) =>
      function (this: { workbook?: object }, zip, model) {
        const source = this.workbook ? workbookSourceParts.get(this.workbook) : undefined;
        if (source) {
          const sheets = (model.worksheets ?? []).map((w) => w.name);
          model.definedNames = definedNamesFor(
            source,
            sheets,
            model.definedNames ?? []
          ) as typeof model.definedNames;
          model.calcProperties = calcPrFor(source);
        }
        return original.call(this, zip, model);
      }
  );
}
