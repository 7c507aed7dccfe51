/** What the command-line tests of written workbooks share: a part's text, and the CLI run in-process. */
import * as fs from "fs";
import { run } from "../../src/cli/run";
import { readZipEntry, zipDirectory } from "../../src/xlsx/zip-entries";

/** The text of a part of an .xlsx file, or null when the file has no such part. */
export function part(file: string, name: string): string | null {
  const data = fs.readFileSync(file);
  const entry = zipDirectory(data)?.find((e) => e.name === name);
  return entry ? (readZipEntry(data, entry, 1 << 26)?.toString("utf8") ?? null) : null;
}

/** The command line, in this process: its exit code and everything it printed. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (out += s) });
  return { code, out };
}

/** The children of a styles part's `<styleSheet>` in the order of CT_Stylesheet; Excel repairs others. */
const STYLESHEET_ORDER =
  "numFmts fonts fills borders cellStyleXfs cellXfs cellStyles dxfs tableStyles colors extLst".split(
    " "
  );

/**
 * What is wrong with a styles part (xl/styles.xml) as Excel reads it: children out of order, and any `<xf>`
 * whose font, fill, border, number format or named style (`xfId`) is not in the part. Empty when none.
 */
export function stylesPartErrors(xml: string): string[] {
  const errors: string[] = [];
  const inner = /<styleSheet\b[^>]*>([\s\S]*)<\/styleSheet>/.exec(xml)?.[1] ?? "";
  const top = [...inner.matchAll(/<(\w+)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)].map((m) => m[1]);
  const at = top.map((n) => STYLESHEET_ORDER.indexOf(n));
  if (at.some((i, k) => i < 0 || (k > 0 && i <= at[k - 1]))) errors.push(`order: ${top.join(" ")}`);
  const section = (tag: string) =>
    new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml)?.[1] ?? "";
  const count = (tag: string, child: string) =>
    (section(tag).match(new RegExp(`<${child}\\b`, "g")) ?? []).length;
  const limits: Record<string, number> = {
    fontId: count("fonts", "font"),
    fillId: count("fills", "fill"),
    borderId: count("borders", "border"),
    xfId: Math.max(1, count("cellStyleXfs", "xf")),
  };
  const formats = new Set(
    [...section("numFmts").matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]))
  );
  for (const list of ["cellStyleXfs", "cellXfs"])
    for (const [xf] of section(list).matchAll(/<xf\b[^>]*>/g)) {
      for (const [name, limit] of Object.entries(limits)) {
        const v = Number(new RegExp(`\\s${name}="(\\d+)"`).exec(xf)?.[1] ?? 0);
        if (v >= limit) errors.push(`${list}: ${xf} (${name} ${v} of ${limit})`);
      }
      const fmt = Number(/\snumFmtId="(\d+)"/.exec(xf)?.[1] ?? 0);
      if (fmt >= 164 && !formats.has(fmt)) errors.push(`${list}: ${xf} (numFmtId ${fmt})`);
    }
  for (const [cs] of section("cellStyles").matchAll(/<cellStyle\b[^>]*>/g)) {
    const v = Number(/\sxfId="(\d+)"/.exec(cs)?.[1] ?? 0);
    if (v >= limits.xfId) errors.push(`cellStyles: ${cs}`);
  }
  return errors;
}

/** Writes to `out` a copy of the workbook `input` whose part `name` is `edit`ed (the input is untouched). */
export async function withPartEdited(
  input: string,
  name: string,
  edit: (xml: string) => string,
  out: string
): Promise<void> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(input));
  zip.file(name, edit(await zip.file(name)!.async("string")));
  fs.writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}
