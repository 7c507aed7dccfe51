/**
 * Defined names (公式 > 名称管理器) written back as the input had them.
 *
 * exceljs 4.4 models a defined name as a list of cell ranges. Everything else it loses or breaks when it
 * writes a workbook back:
 * - a constant (`考核系数` = 0.05) or a whole column (`选项!$A:$A`) is dropped, so every formula using it
 *   becomes #NAME?;
 * - a formula (`OFFSET(选项!$A$1,0,0,COUNTA(选项!$A:$A),1)`, the usual source of a growing drop-down list)
 *   is cut at its first comma into a reference to a sheet named `OFFSET(选项`;
 * - a name scoped to a sheet becomes a workbook name, and two sheets' names of the same spelling collapse
 *   into one: formulas on the first sheet then read the second sheet's cell, silently;
 * - print titles (the header row repeated on every printed page) are dropped, and hidden names shown.
 * So the command line keeps the input's `<definedName>` elements as they were, with their text and every
 * attribute, and only renumbers `localSheetId` (a sheet's position) when the copy's sheets moved; a name
 * scoped to a sheet the copy no longer has (Clear deletes the summary sheet) goes with it. Names exceljs
 * makes for sheets the input did not have (the summary sheet's print area, if it ever had one) are kept.
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

/** The workbook part's defined names, and the sheets their scopes are counted in. */
export interface SourceNames {
  sheets: string[];
  names: SourceName[];
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

function attribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? decodeEntities(m[1] ?? m[2]) : null;
}

const P = "(?:[\\w.-]+:)?"; // a namespace prefix, as some writers use for the main namespace
const SHEET = new RegExp(`<${P}sheet\\b([^>]*?)/?>`, "g");
const SHEETS = new RegExp(`<${P}sheets\\b[^>]*>([\\s\\S]*?)</${P}sheets>`);
const NAMES = new RegExp(`<${P}definedNames\\b[^>]*>([\\s\\S]*?)</${P}definedNames>`);
const NAME = new RegExp(`<${P}definedName\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}definedName>)`, "g");
const LOCAL_SHEET_ID = /(\slocalSheetId\s*=\s*)(?:"[^"]*"|'[^']*')/;

/** Reads the defined names of a workbook part (xl/workbook.xml); null when it has none. */
export function readDefinedNames(workbookXml: string): SourceNames | null {
  const block = NAMES.exec(workbookXml);
  if (!block) return null;
  const sheets = [...(SHEETS.exec(workbookXml)?.[1] ?? "").matchAll(SHEET)].map(
    (m) => attribute(m[1], "name") ?? ""
  );
  const names: SourceName[] = [];
  for (const m of block[1].matchAll(NAME)) {
    const local = attribute(m[1], "localSheetId");
    const index = local === null ? -1 : Number(local);
    // A scope that names no sheet of the part is kept as it was, which is what Excel would read.
    const sheet = local === null ? null : (sheets[index] ?? null);
    names.push({ attributes: m[1], text: m[2] ?? "", sheet });
  }
  return names.length > 0 ? { sheets, names } : null;
}

/**
 * The `<definedName>` elements of a copy whose sheets are `outputSheets`, in order: the input's, scoped by
 * sheet name, then those exceljs made for sheets the input did not have (`ownNames`: exceljs's models).
 */
export function definedNamesFor(
  source: SourceNames,
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
export const workbookDefinedNames = new WeakMap<object, SourceNames>();

type AddWorkbook = (
  this: { workbook?: object },
  zip: unknown,
  model: { definedNames?: { localSheetId?: number }[]; worksheets?: { name: string }[] }
) => unknown;
type RenderName = (
  this: unknown,
  xmlStream: { writeXml(xml: string): void },
  model: unknown
) => void;

/**
 * Installs the two wraps: the workbook part of a copy gets the input's names (XLSX.addWorkbook), and a
 * name given as its XML is written as such (DefinedNamesXform.render). Returns whether both are in place.
 */
export function keepDefinedNames(): boolean {
  const rendered = wrapExceljsMethod<RenderName>(
    "xlsx/xform/book/defined-name-xform",
    "render",
    "defined-names.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        if (typeof model === "string") xmlStream.writeXml(model);
        else original.call(this, xmlStream, model);
      }
  );
  // Without the first, the second would hand exceljs strings it cannot write.
  if (!rendered) return false;
  return wrapExceljsMethod<AddWorkbook>(
    "xlsx/xlsx",
    "addWorkbook",
    "defined-names.addWorkbook",
    (original) =>
      function (this: { workbook?: object }, zip, model) {
        const source = this.workbook ? workbookDefinedNames.get(this.workbook) : undefined;
        if (source) {
          const sheets = (model.worksheets ?? []).map((w) => w.name);
          model.definedNames = definedNamesFor(
            source,
            sheets,
            model.definedNames ?? []
          ) as typeof model.definedNames;
        }
        return original.call(this, zip, model);
      }
  );
}
