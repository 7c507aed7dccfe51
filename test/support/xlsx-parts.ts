/**
 * Reads and edits the XML parts of an .xlsx package with JSZip, independently of the product's own zip and
 * XML code: the sheet part a sheet name points to, its merged ranges, and one cell replaced in place (as a
 * user typing into a cell would change it).
 */
import { spawnSync } from "child_process";
import JSZip from "jszip";
import { escapeXml, parseAddress } from "./xlsx-builder";

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m?.[1];
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** The zip path of the sheet part named `sheetName` in workbook.xml (through the workbook's relationships). */
export async function sheetPartName(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheet = [...workbook.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => unescapeXml(attr(tag, "name") ?? "") === sheetName);
  if (!sheet) throw new Error(`no sheet named "${sheetName}" in xl/workbook.xml`);
  const id = attr(sheet, "r:id");
  const rel = [...rels.matchAll(/<Relationship\s[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => attr(tag, "Id") === id);
  const target = rel && attr(rel, "Target");
  if (!target) throw new Error(`no relationship ${id} for sheet "${sheetName}"`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The sheet's XML. */
export async function sheetXml(data: Buffer, sheetName: string): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  return zip.file(await sheetPartName(zip, sheetName))!.async("string");
}

/** The sheet's merged ranges, sorted. */
export async function mergedRanges(data: Buffer, sheetName: string): Promise<string[]> {
  const xml = await sheetXml(data, sheetName);
  return [...xml.matchAll(/<mergeCell\s+ref="([^"]+)"/g)].map((m) => m[1]).sort();
}

/**
 * A copy of the package with one cell of one sheet holding `text` as an inline string, replacing what the
 * cell held (its style is kept). The cell must already be in the sheet's XML.
 */
export async function withCellText(
  data: Buffer,
  sheetName: string,
  ref: string,
  text: string
): Promise<Buffer> {
  parseAddress(ref); // a plain address, or throw
  const zip = await JSZip.loadAsync(data);
  const part = await sheetPartName(zip, sheetName);
  const xml = await zip.file(part)!.async("string");
  const start = new RegExp(`<c\\s(?:[^>]*\\s)?r="${ref}"[^>]*>`).exec(xml);
  if (!start) throw new Error(`no cell ${ref} in ${part}`);
  const tag = start[0];
  const end = tag.endsWith("/>")
    ? start.index + tag.length
    : xml.indexOf("</c>", start.index) + "</c>".length;
  const style = attr(tag, "s");
  const replaced = `<c r="${ref}"${style ? ` s="${style}"` : ""} t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
  zip.file(part, xml.slice(0, start.index) + replaced + xml.slice(end));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

// ---------------------------------------------------------------------------------------------
// Synchronous looks into a package on disk, through Python's zipfile (for tests written synchronously)

function python(code: string, ...args: string[]): string {
  const r = spawnSync("/usr/bin/python3", ["-c", code, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3 zipfile: ${r.stderr || r.error}`);
  return r.stdout;
}

/** The names of the package's entries ([] when the file is not a zip). */
export function zipNamesSync(file: string): string[] {
  return JSON.parse(
    python(
      "import json,sys,zipfile\n" +
        "try: print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))\n" +
        "except zipfile.BadZipFile: print('[]')",
      file
    )
  );
}

/** One entry's text (UTF-8). */
export function zipTextSync(file: string, name: string): string {
  return python(
    "import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
    file,
    name
  );
}
