/**
 * A sheet's notes, tables and drawings where exceljs looks for them.
 *
 * exceljs 4.4 finds these parts by the names Excel gives them (`xl/comments1.xml`,
 * `xl/drawings/vmlDrawing1.vml`, `xl/tables/table1.xml`) and looks each up by the sheet's relationship to it
 * written as Excel writes it, relative (`../tables/table1.xml`). The package format lets a writer choose
 * other names and absolute targets, and openpyxl, which many systems use to export tables to Excel, does:
 * `xl/comments/comment1.xml`, `xl/drawings/commentsDrawing1.vml`, `/xl/tables/table1.xml`. exceljs then
 * stopped with "Cannot read properties of undefined", so a workbook with a note on one cell, or one
 * table (插入 > 表格), could not be scored at all.
 *
 * Such a package is renamed in memory before exceljs reads it: each of these parts gets the name exceljs
 * looks for, with its own relationships, and the sheet's relationship to it the relative target. Nothing is
 * renamed in a package that already has Excel's names; the file itself is never changed.
 */
import JSZip from "jszip";
import { xmlAttribute } from "./workbook-part";

/** What exceljs expects of a part a worksheet relates to: its name, and the relative target to it. */
const KINDS: { type: RegExp; name: RegExp; fresh: (n: number) => string }[] = [
  { type: /\/comments$/, name: /^xl\/comments\d+\.xml$/, fresh: (n) => `xl/comments${n}.xml` },
  {
    type: /\/vmlDrawing$/,
    name: /^xl\/drawings\/vmlDrawing\d+\.vml$/,
    fresh: (n) => `xl/drawings/vmlDrawing${n}.vml`,
  },
  {
    type: /\/table$/,
    name: /^xl\/tables\/table\d+\.xml$/,
    fresh: (n) => `xl/tables/table${n}.xml`,
  },
  {
    type: /\/drawing$/,
    name: /^xl\/drawings\/[a-zA-Z0-9]+\.xml$/,
    fresh: (n) => `xl/drawings/drawing${n}.xml`,
  },
];

const SHEET_RELS = /^xl\/worksheets\/_rels\/[^/]+\.rels$/;
const RELATIONSHIP = /<Relationship\b[^>]*>/g;

/** The part a relationship of a worksheet points at (targets are relative to xl/worksheets/, or absolute). */
export function resolveTarget(target: string): string {
  const parts = target.startsWith("/") ? [] : ["xl", "worksheets"];
  for (const p of target.replace(/^\//, "").split("/")) {
    if (p === "..") parts.pop();
    else if (p !== "." && p !== "") parts.push(p);
  }
  return parts.join("/");
}

/** The target exceljs looks up for a part, from xl/worksheets/. */
export function relativeTarget(part: string): string {
  return `../${part.replace(/^xl\//, "")}`;
}

/** A part's own relationships: `dir/_rels/file.rels`. */
function relsOf(part: string): string {
  const at = part.lastIndexOf("/");
  return `${part.slice(0, at)}/_rels/${part.slice(at + 1)}.rels`;
}

export interface PartPlan {
  /** Old part name → new part name (its own relationships are moved with it). */
  renames: Map<string, string>;
  /** Worksheet relationship parts whose targets change → their new text. */
  rels: Map<string, string>;
}

/**
 * What to rename so that exceljs finds every note, table and drawing of every sheet; null when nothing
 * needs it. `names`: the package's part names; `text`: a part's text.
 */
export function planPartNames(
  names: readonly string[],
  text: (part: string) => string | null
): PartPlan | null {
  const taken = new Set(names);
  const renames = new Map<string, string>();
  const rels = new Map<string, string>();
  const counters = KINDS.map(() => 0);
  for (const relsPart of names.filter((n) => SHEET_RELS.test(n))) {
    const xml = text(relsPart);
    if (xml === null) continue;
    let changed = false;
    const out = xml.replace(RELATIONSHIP, (tag) => {
      const type = xmlAttribute(tag, "Type");
      const target = xmlAttribute(tag, "Target");
      if (!type || !target || /External/i.test(xmlAttribute(tag, "TargetMode") ?? "")) return tag;
      const k = KINDS.findIndex((kind) => kind.type.test(type));
      if (k < 0) return tag;
      const part = resolveTarget(target);
      if (!taken.has(part) && !renames.has(part)) return tag; // a missing part: exceljs's own reading
      let name = renames.get(part) ?? part;
      if (!KINDS[k].name.test(name)) {
        do name = KINDS[k].fresh(++counters[k]);
        while (taken.has(name));
        taken.add(name);
        renames.set(part, name);
      }
      const wanted = relativeTarget(name);
      if (wanted === target) return tag;
      changed = true;
      return tag.replace(/(\sTarget\s*=\s*)(?:"[^"]*"|'[^']*')/, `$1"${wanted}"`);
    });
    if (changed) rels.set(relsPart, out);
  }
  return renames.size > 0 || rels.size > 0 ? { renames, rels } : null;
}

/**
 * The package with its notes, tables and drawings where exceljs looks for them, or null when it has them
 * there already (see planPartNames).
 */
export async function withExceljsPartNames(
  data: Buffer,
  names: readonly string[],
  text: (part: string) => string | null
): Promise<Buffer | null> {
  const plan = planPartNames(names, text);
  if (!plan) return null;
  const zip = await JSZip.loadAsync(data);
  for (const [part, xml] of plan.rels) zip.file(part, xml);
  const moves = new Map(plan.renames);
  for (const [from, to] of plan.renames)
    if (zip.file(relsOf(from))) moves.set(relsOf(from), relsOf(to));
  for (const [from, to] of moves) {
    const file = zip.file(from);
    if (!file) continue;
    zip.file(to, await file.async("nodebuffer"));
    zip.remove(from);
  }
  const types = zip.file("[Content_Types].xml");
  if (types) {
    let xml = await types.async("string");
    for (const [from, to] of plan.renames)
      xml = xml.split(`PartName="/${from}"`).join(`PartName="/${to}"`);
    zip.file("[Content_Types].xml", xml);
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
