/**
 * A macro-enabled workbook stays one: scored in place or into a folder, it keeps its extension, its
 * content type and its VBA project byte for byte. The .xlsm is made from the bundled example as Excel
 * stores one (a vbaProject.bin part, the macro-enabled workbook content type), with JSZip.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { run } from "../../src/cli/run";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");
const VBA = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));

async function makeXlsm(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(EXAMPLE));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
      )
      .replace(
        "<Default ",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '
      )
  );
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
    )
  );
  zip.file("xl/vbaProject.bin", VBA);
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

async function macroParts(file: string): Promise<{ vba: Buffer; types: string }> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return {
    vba: await zip.file("xl/vbaProject.bin")!.async("nodebuffer"),
    types: await zip.file("[Content_Types].xml")!.async("string"),
  };
}

const quiet = { stdout: () => undefined, stderr: () => undefined };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "xlsm-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("scored in place, an .xlsm keeps its macros and its macro-enabled content type", async () => {
  const f = path.join(dir, "宏.xlsm");
  await makeXlsm(f);
  expect(await run(["score", f, "--out", f], quiet)).toBe(0);
  const { vba, types } = await macroParts(f);
  expect(vba.equals(VBA)).toBe(true);
  expect(types).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
});

test("in a folder, a.xlsm gives a.scored.xlsm; --out naming an .xlsx for it is refused", async () => {
  const folder = path.join(dir, "folder");
  fs.mkdirSync(folder);
  await makeXlsm(path.join(folder, "a.xlsm"));
  fs.copyFileSync(EXAMPLE, path.join(folder, "b.xlsx"));
  const out = path.join(dir, "out") + path.sep;
  expect(await run(["score", folder, "--out", out], quiet)).toBe(0);
  expect(fs.readdirSync(out).sort()).toEqual(["a.scored.xlsm", "b.scored.xlsx"]);
  expect((await macroParts(path.join(out, "a.scored.xlsm"))).vba.equals(VBA)).toBe(true);

  let err = "";
  const code = await run(
    ["score", path.join(folder, "a.xlsm"), "--out", path.join(dir, "x.xlsx"), "--lang", "en"],
    {
      stdout: () => undefined,
      stderr: (s) => void (err += s),
    }
  );
  expect(code).toBe(2);
  expect(err).toMatch(/must end in \.xlsm/);
  expect(fs.existsSync(path.join(dir, "x.xlsx"))).toBe(false);
});
