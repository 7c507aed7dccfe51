/**
 * The workbook part and the sheets it lists: read for names, ids, order and state, and edited only to add
 * or remove the tool's own sheets (with their relationship and content type).
 */
import * as path from "path";
import { REL, XlsxPackage, relIs } from "./package";
import { attribute, attributes, escapeAttr, findAll, findElement, withAttribute } from "./xml";

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
