/** LibreOffice (Debian's libreoffice-calc) as an independent reader: converts a workbook headless. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";

export const SOFFICE = "soffice";

/**
 * Converts `file` to `format` ("csv", "pdf", …) into `outDir`; returns the converted file's path. Each call
 * uses its own user profile, so that conversions running at the same time do not lock each other out.
 */
export function convertWithLibreOffice(file: string, format: string, outDir: string): string {
  return convertAllWithLibreOffice([file], format, outDir)[0];
}

/**
 * Converts several files in one soffice run (starting LibreOffice costs seconds; each further file far
 * less); returns the converted files' paths, in order. Their base names must differ.
 */
export function convertAllWithLibreOffice(
  files: readonly string[],
  format: string,
  outDir: string
): string[] {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
  try {
    const r = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        format,
        "--outdir",
        outDir,
        ...files,
      ],
      { encoding: "utf8", timeout: 180_000 }
    );
    const outs = files.map((file) =>
      path.join(outDir, `${path.basename(file, path.extname(file))}.${format.split(":")[0]}`)
    );
    const missing = outs.find((o) => !fs.existsSync(o));
    if (r.status !== 0 || missing)
      throw new Error(
        `soffice could not convert ${files.join(", ")} to ${format}: ${r.stderr || r.stdout || r.error}`
      );
    return outs;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * A copy of a workbook in which only `sheet` is visible, for printing that sheet alone: LibreOffice's PDF
 * export prints every visible sheet and no hidden one (test/xlsx/print.test.ts checks this by the PDF's
 * text). Only `<sheet state>` and the active tab change, with JSZip, not with the product's writer.
 */
export async function withOnlySheetVisible(data: Buffer, sheet: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const part = "xl/workbook.xml";
  let wb = await zip.file(part)!.async("string");
  let index = -1;
  let k = 0;
  wb = wb.replace(/<sheet\b[^>]*?\/>/g, (tag) => {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1] ?? "";
    const here = k++;
    const plain = tag.replace(/\sstate="[^"]*"/, "");
    const decoded = name
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    if (decoded === sheet) {
      index = here;
      return plain;
    }
    // A veryHidden sheet stays so; every other becomes hidden.
    return /\sstate="veryHidden"/.test(tag) ? tag : plain.replace(/\s*\/>$/, ' state="hidden"/>');
  });
  if (index < 0) throw new Error(`no sheet "${sheet}"`);
  wb = wb.replace(/(<workbookView\b[^>]*?)\sactiveTab="\d+"/, "$1");
  wb = wb.replace(/<workbookView\b/, `<workbookView activeTab="${index}"`);
  wb = wb.replace(/(<workbookView\b[^>]*?)\sfirstSheet="\d+"/, "$1");
  zip.file(part, wb);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** A PDF's page count and page sizes (points), by poppler's pdfinfo. */
export function pdfPages(pdf: string): { pages: number; sizes: { w: number; h: number }[] } {
  const r = spawnSync("pdfinfo", ["-f", "1", "-l", "9999", pdf], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pdfinfo ${pdf}: ${r.stderr}`);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(r.stdout)?.[1]);
  const sizes = [...r.stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => ({
    w: Number(m[1]),
    h: Number(m[2]),
  }));
  return { pages, sizes };
}

/** A PDF's text, by poppler's pdftotext (one string; pages separated by form feeds). */
export function pdfText(pdf: string): string {
  const r = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`pdftotext ${pdf}: ${r.stderr}`);
  return r.stdout;
}

/** Page `page` (1-based) of a PDF as a PNG at `dpi`, written to `png` (without its extension). */
export function pdfPageToPng(pdf: string, page: number, png: string, dpi = 60): string {
  const r = spawnSync(
    "pdftoppm",
    ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf, png],
    { encoding: "utf8" }
  );
  if (r.status !== 0) throw new Error(`pdftoppm ${pdf}: ${r.stderr}`);
  return `${png}.png`;
}
