/**
 * The workbook part and the sheets it lists: read for names, ids, order and state, and edited only to add
 * or remove the tool's own sheets (with their relationship and content type).
 */
import * as path from "path";
import { REL, XlsxPackage, relIs } from "./package";
import {
  attribute,
  attributes,
  escapeAttr,
  escapeText,
  findAll,
  findElement,
  unescapeXml,
  withAttribute,
} from "./xml";

export interface SheetEntry {
  name: string;
  /** The workbook's `sheetId`: stable across renames and moves. */
  sheetId: string;
  state: "visible" | "hidden" | "veryHidden";
  relId: string;
  /** The worksheet part, or null for a chart sheet, dialog sheet or a dangling reference. */
  part: string | null;
  /** Position among all sheets (what `localSheetId` and `activeTab` count). */
  index: number;
}

const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export function workbookPartName(pkg: XlsxPackage): string | null {
  const main = pkg.rels("").find((r) => relIs(r, REL.officeDocument) && !r.external);
  if (main && pkg.has(main.target)) return main.target;
  return pkg.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
}

export function listSheets(pkg: XlsxPackage, workbookPart: string): SheetEntry[] {
  const xml = pkg.text(workbookPart) ?? "";
  const rels = pkg.rels(workbookPart);
  const sheets = findElement(xml, "sheets");
  if (!sheets) return [];
  return findAll(xml.slice(sheets.start, sheets.end), "sheet").map((f, index) => {
    const a = attributes(f.tag);
    const relId = a["r:id"] ?? Object.entries(a).find(([k]) => /:id$/.test(k))?.[1] ?? "";
    const rel = rels.find((r) => r.id === relId);
    const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
    return {
      name: a.name ?? "",
      sheetId: a.sheetId ?? "",
      state,
      relId,
      part: rel && relIs(rel, REL.worksheet) && pkg.has(rel.target) ? rel.target : null,
      index,
    };
  });
}

export function isDate1904(pkg: XlsxPackage, workbookPart: string): boolean {
  const pr = findElement(pkg.text(workbookPart) ?? "", "workbookPr");
  const v = pr ? attribute(pr.tag, "date1904") : undefined;
  return v === "1" || v === "true";
}

/** Adds a worksheet at the end of the workbook; returns its entry. */
export function addSheet(
  pkg: XlsxPackage,
  workbookPart: string,
  name: string,
  xml: string,
  state: SheetEntry["state"] = "visible"
): SheetEntry {
  const dir = path.posix.dirname(workbookPart);
  let n = 1;
  while (pkg.has(`${dir}/worksheets/sheet${n}.xml`)) n++;
  const part = `${dir}/worksheets/sheet${n}.xml`;
  pkg.setText(part, xml);
  const relId = pkg.addRel(workbookPart, REL.worksheet, part);
  addContentType(pkg, `/${part}`, WORKSHEET_TYPE);
  let wb = pkg.text(workbookPart)!;
  const sheets = findElement(wb, "sheets")!;
  const existing = listSheets(pkg, workbookPart);
  const sheetId = String(Math.max(0, ...existing.map((s) => Number(s.sheetId) || 0)) + 1);
  const p = /^<([\w.-]+:)?/.exec(sheets.tag)?.[1] ?? "";
  // A prefix for relationships declared on the root (openpyxl declares it on each <sheet> instead).
  const rootTag = /<(?:[\w.-]+:)?workbook\b[^>]*>/.exec(wb)?.[0] ?? "";
  const relPrefix =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      rootTag
    )?.[1];
  let rAttr = `${relPrefix ?? "r"}:id`;
  if (!relPrefix) {
    // The part declares no prefix for relationships (rare): declare one on the new element itself.
    rAttr = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id`;
  }
  const el = `<${p}sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${state === "visible" ? "" : ` state="${state}"`} ${rAttr}="${relId}"/>`;
  const at = sheets.selfClosing ? -1 : wb.lastIndexOf("<", sheets.end - 1);
  wb =
    at < 0
      ? `${wb.slice(0, sheets.start)}${sheets.tag.replace(/\s*\/>$/, ">")}${el}</${p}sheets>${wb.slice(sheets.end)}`
      : `${wb.slice(0, at)}${el}${wb.slice(at)}`;
  pkg.setText(workbookPart, wb);
  return { name, sheetId, state, relId, part, index: existing.length };
}

/** Removes a worksheet: its entry, relationship, part, the part's rels and content type; names scoped to
 *  it go, later sheets' scopes and the active tab move down. */
export function removeSheet(pkg: XlsxPackage, workbookPart: string, sheet: SheetEntry): void {
  let wb = pkg.text(workbookPart)!;
  const sheets = findElement(wb, "sheets")!;
  const el = findAll(wb.slice(sheets.start, sheets.end), "sheet")[sheet.index];
  if (!el) return;
  wb = wb.slice(0, sheets.start + el.start) + wb.slice(sheets.start + el.end);
  // Defined names: local ids are sheet positions.
  wb = wb.replace(
    /<((?:[\w.-]+:)?definedName)\b([^>]*?)(\/>|>[\s\S]*?<\/\1>)/g,
    (m: string, _n: string, attrs: string) => {
      const id = attribute(` ${attrs}`, "localSheetId");
      if (id === undefined) return m;
      const k = Number(id);
      if (k === sheet.index) return "";
      if (k < sheet.index) return m;
      const tagEnd = m.indexOf(">") + 1;
      return withAttribute(m.slice(0, tagEnd), "localSheetId", String(k - 1)) + m.slice(tagEnd);
    }
  );
  wb = wb.replace(/<(?:[\w.-]+:)?definedNames\s*>\s*<\/(?:[\w.-]+:)?definedNames>/, "");
  // Book views: the active and first tabs count positions too; keep them on a sheet that exists.
  const remaining = listSheetsFrom(wb).length;
  wb = wb.replace(/<(?:[\w.-]+:)?workbookView\b[^>]*>/g, (tag) => {
    let t = tag;
    for (const a of ["activeTab", "firstSheet"]) {
      const v = attribute(t, a);
      if (v === undefined) continue;
      let k = Number(v);
      if (k > sheet.index) k--;
      if (k >= remaining) k = Math.max(0, remaining - 1);
      t = withAttribute(t, a, String(k));
    }
    return t;
  });
  pkg.setText(workbookPart, wb);
  pkg.removeRel(workbookPart, sheet.relId);
  if (sheet.part) {
    pkg.remove(sheet.part);
    const rels = XlsxPackage.relsPartOf(sheet.part);
    if (pkg.has(rels)) pkg.remove(rels);
    removeContentType(pkg, `/${sheet.part}`);
  }
}

function listSheetsFrom(wb: string): unknown[] {
  const sheets = findElement(wb, "sheets");
  return sheets ? findAll(wb.slice(sheets.start, sheets.end), "sheet") : [];
}

/** Sets a sheet's visibility state in the workbook part. */
export function setSheetState(
  pkg: XlsxPackage,
  workbookPart: string,
  sheet: SheetEntry,
  state: SheetEntry["state"]
): void {
  let wb = pkg.text(workbookPart)!;
  const sheets = findElement(wb, "sheets")!;
  const el = findAll(wb.slice(sheets.start, sheets.end), "sheet")[sheet.index];
  if (!el) return;
  const tag = withAttribute(el.tag, "state", state === "visible" ? undefined : state);
  if (tag === el.tag) return;
  wb = wb.slice(0, sheets.start + el.start) + tag + wb.slice(sheets.start + el.end);
  pkg.setText(workbookPart, wb);
}

function addContentType(pkg: XlsxPackage, partName: string, type: string): void {
  const xml = pkg.text("[Content_Types].xml");
  if (xml === null) return;
  if (findAll(xml, "Override").some((f) => attribute(f.tag, "PartName") === partName)) return;
  const end = xml.lastIndexOf("</");
  pkg.setText(
    "[Content_Types].xml",
    `${xml.slice(0, end)}<Override PartName="${escapeAttr(partName)}" ContentType="${type}"/>${xml.slice(end)}`
  );
}

function removeContentType(pkg: XlsxPackage, partName: string): void {
  const xml = pkg.text("[Content_Types].xml");
  if (xml === null) return;
  const f = findAll(xml, "Override").find((o) => attribute(o.tag, "PartName") === partName);
  if (f) pkg.setText("[Content_Types].xml", xml.slice(0, f.start) + xml.slice(f.end));
}

// ---------------------------------------------------------------------------------------------
// Defined names: the print area and print titles of a sheet are names scoped to it (`localSheetId`, its
// position in <sheets>), `_xlnm.Print_Area` and `_xlnm.Print_Titles`.

export interface DefinedName {
  name: string;
  /** Position of the sheet the name is scoped to; undefined: a workbook-wide name. */
  localSheetId?: number;
  /** The formula, decoded (e.g. `'Sheet 1'!$A$1:$H$30`). */
  text: string;
}

const DEFINED_NAME = /<((?:[\w.-]+:)?definedName)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/g;

/** The workbook part's defined names, in order. */
export function readDefinedNames(wb: string): DefinedName[] {
  const found = findElement(wb, "definedNames");
  if (!found || found.selfClosing) return [];
  const out: DefinedName[] = [];
  for (const m of wb.slice(found.start, found.end).matchAll(DEFINED_NAME)) {
    const a = attributes(m[2]);
    const id = a.localSheetId !== undefined ? Number(a.localSheetId) : undefined;
    out.push({
      name: a.name ?? "",
      ...(id !== undefined && Number.isInteger(id) ? { localSheetId: id } : {}),
      text: unescapeXml(m[4] ?? ""),
    });
  }
  return out;
}

/**
 * Sets (text), or removes (null), the name `name` scoped to the sheet at `localSheetId`. A name already
 * saying the same is left byte for byte, so that a second run changes nothing; an emptied <definedNames>
 * goes; a new one goes where CT_Workbook's sequence puts it (after <sheets>, <functionGroups> and
 * <externalReferences>, before <calcPr>).
 */
export function setDefinedName(
  pkg: XlsxPackage,
  workbookPart: string,
  name: string,
  localSheetId: number,
  text: string | null
): void {
  const wb = pkg.text(workbookPart)!;
  const next = withDefinedName(wb, name, localSheetId, text);
  if (next !== wb) pkg.setText(workbookPart, next);
}

function withDefinedName(
  wb: string,
  name: string,
  localSheetId: number,
  text: string | null
): string {
  const found = findElement(wb, "definedNames");
  const sameName = (attrs: string) => {
    const a = attributes(attrs);
    return (
      (a.name ?? "").toLowerCase() === name.toLowerCase() &&
      a.localSheetId !== undefined &&
      Number(a.localSheetId) === localSheetId
    );
  };
  if (found && !found.selfClosing) {
    const body = wb.slice(found.inner, wb.lastIndexOf("<", found.end - 1));
    for (const m of body.matchAll(DEFINED_NAME)) {
      if (!sameName(m[2])) continue;
      const at = found.inner + m.index!;
      if (text === null) {
        const rest = wb.slice(0, at) + wb.slice(at + m[0].length);
        return rest.replace(/<((?:[\w.-]+:)?definedNames)\b[^>]*>\s*<\/\1>/, "");
      }
      if (unescapeXml(m[4] ?? "") === text) return wb;
      const el = `<${m[1]}${m[2]}>${escapeText(text)}</${m[1]}>`;
      return wb.slice(0, at) + el + wb.slice(at + m[0].length);
    }
  }
  if (text === null) return wb;
  const p = /^<([\w.-]+:)?/.exec(findElement(wb, "sheets")?.tag ?? "<sheets")?.[1] ?? "";
  const el = `<${p}definedName name="${escapeAttr(name)}" localSheetId="${localSheetId}">${escapeText(text)}</${p}definedName>`;
  if (found && !found.selfClosing) {
    const close = wb.lastIndexOf("<", found.end - 1);
    return wb.slice(0, close) + el + wb.slice(close);
  }
  if (found)
    return `${wb.slice(0, found.start)}<${p}definedNames>${el}</${p}definedNames>${wb.slice(found.end)}`;
  let at = -1;
  for (const before of ["externalReferences", "functionGroups", "sheets"]) {
    const f = findElement(wb, before);
    if (f) {
      at = f.end;
      break;
    }
  }
  if (at < 0) return wb;
  return `${wb.slice(0, at)}<${p}definedNames>${el}</${p}definedNames>${wb.slice(at)}`;
}

/** A sheet name as a formula spells it: always quoted (valid whatever the name), quotes doubled. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * A print area's formula read as one rectangle on `sheet` (0-based): `'Sheet'!$A$1:$H$30`, `Sheet!A1`,
 * whole columns `$A:$H` or whole rows `$1:$5`. Anything else — several areas, another sheet's cells, a
 * name or a function — gives undefined: the area is then left as the user set it.
 */
export function parseSheetArea(
  text: string,
  sheet: string
): { row: number; col: number; rows: number; cols: number } | undefined {
  const t = text.trim();
  let name: string;
  let rest: string;
  if (t.startsWith("'")) {
    let i = 1;
    name = "";
    for (;;) {
      const q = t.indexOf("'", i);
      if (q < 0) return undefined;
      name += t.slice(i, q);
      if (t[q + 1] === "'") {
        name += "'";
        i = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    if (t[i] !== "!") return undefined;
    rest = t.slice(i + 1);
  } else {
    const bang = t.indexOf("!");
    if (bang < 0) return undefined;
    name = t.slice(0, bang);
    rest = t.slice(bang + 1);
  }
  if (name !== sheet) return undefined;
  let m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(rest);
  if (m) {
    const r0 = Number(m[2]) - 1;
    const c0 = colNumber(m[1]);
    const r1 = m[4] !== undefined ? Number(m[4]) - 1 : r0;
    const c1 = m[3] !== undefined ? colNumber(m[3]) : c0;
    if (r0 < 0 || r1 < 0 || Math.max(r0, r1) >= MAX_ROWS || Math.max(c0, c1) >= MAX_COLS)
      return undefined;
    return {
      row: Math.min(r0, r1),
      col: Math.min(c0, c1),
      rows: Math.abs(r1 - r0) + 1,
      cols: Math.abs(c1 - c0) + 1,
    };
  }
  m = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(rest);
  if (m) {
    const [c0, c1] = [colNumber(m[1]), colNumber(m[2])];
    if (Math.max(c0, c1) >= MAX_COLS) return undefined;
    return { row: 0, col: Math.min(c0, c1), rows: MAX_ROWS, cols: Math.abs(c1 - c0) + 1 };
  }
  m = /^\$?(\d{1,7}):\$?(\d{1,7})$/.exec(rest);
  if (m) {
    const [r0, r1] = [Number(m[1]) - 1, Number(m[2]) - 1];
    if (r0 < 0 || r1 < 0 || Math.max(r0, r1) >= MAX_ROWS) return undefined;
    return { row: Math.min(r0, r1), col: 0, rows: Math.abs(r1 - r0) + 1, cols: MAX_COLS };
  }
  return undefined;
}
