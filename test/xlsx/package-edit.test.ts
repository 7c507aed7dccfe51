/**
 * The package editor's promise, on every committed fixture and example: `score --out` changes only the
 * parts it may (docs/xlsx-writer.md) and copies every other entry through byte for byte; the output opens
 * in readers the writer shares nothing with (JSZip for the package, openpyxl for the cells, LibreOffice for
 * the whole); a second run over the output changes nothing; Clear then removes everything the tool wrote.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { run } from "../../src/cli/run";
import { spawnSync } from "child_process";
import { SOFFICE } from "../support/libreoffice";
import { PYTHON, readWithOpenpyxl } from "../support/openpyxl";

const ROOT = path.join(__dirname, "..", "..");
const FILES = [
  ...fs.readdirSync(path.join(ROOT, "examples")).map((n) => path.join(ROOT, "examples", n)),
  ...fs
    .readdirSync(path.join(ROOT, "test/fixtures"))
    .map((n) => path.join(ROOT, "test/fixtures", n)),
].filter((f) => /\.xlsx$/.test(f));

/** Parts a Score may change (docs/xlsx-writer.md): worksheets receiving cells, styles, the workbook's
 *  list of sheets, its relationships and content types (the tool's own new sheets are not in the input). */
function allowed(part: string): boolean {
  return (
    /^xl\/worksheets\/sheet\d+\.xml$/.test(part) ||
    part === "xl/styles.xml" ||
    part === "xl/workbook.xml" ||
    part === "xl/_rels/workbook.xml.rels" ||
    part === "[Content_Types].xml"
  );
}

async function entries(file: string): Promise<Map<string, { raw: Buffer; data: Buffer }>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, { raw: Buffer; data: Buffer }>();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    out.set(name, {
      raw: Buffer.from(
        (entry as unknown as { _data: { compressedContent: Uint8Array } })._data.compressedContent
      ),
      data: await entry.async("nodebuffer"),
    });
  }
  return out;
}

const quiet = { stdout: () => undefined, stderr: () => undefined };

describe("score --out edits the package and copies the rest", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "package-edit-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each(FILES.map((f) => [path.basename(f), f]))(
    "%s: every part outside the allowed set is byte-identical, and a second run changes nothing",
    async (name, file) => {
      const out = path.join(tmp, `${name}.scored.xlsx`);
      const code = await run(["score", file, "--out", out], quiet);
      expect(code).toBeLessThan(2);
      const before = await entries(file);
      const after = await entries(out);
      for (const [part, { raw, data }] of before) {
        expect(after.has(part)).toBe(true);
        if (allowed(part)) continue;
        expect({ part, same: after.get(part)!.data.equals(data) }).toEqual({ part, same: true });
        // Copied as stored: the very compressed bytes, not a recompression.
        expect({ part, raw: after.get(part)!.raw.equals(raw) }).toEqual({ part, raw: true });
      }
      const again = path.join(tmp, `${name}.again.xlsx`);
      expect(await run(["score", out, "--out", again], quiet)).toBe(code);
      expect(fs.readFileSync(again).equals(fs.readFileSync(out))).toBe(true);
    }
  );

  test("the outputs open in openpyxl with the scores where the engine put them", async () => {
    const out = path.join(tmp, "year-end.xlsx");
    await run(["score", path.join(ROOT, "examples/year-end-2025.xlsx"), "--out", out], quiet);
    const book = readWithOpenpyxl(out);
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      ["绩效目标表", "visible"],
      ["评分汇总", "visible"],
      ["绩效自评表（打印）", "visible"],
      ["IndicatorScorerLedger", "veryHidden"],
    ]);
    const sheet = book.sheet("绩效目标表");
    // The added columns (分值 where the table had none, 得分, 完成率) take the form's own header and body
    // formats (formatLike), then their number formats.
    const thin = { left: "thin", right: "thin", top: "thin", bottom: "thin" };
    expect(sheet.cells.H7).toMatchObject({ v: "分值", border: thin });
    expect(sheet.cells.H7.font.bold).toBe(true);
    expect(sheet.cells.I7.v).toBe("得分");
    expect(sheet.cells.H8).toMatchObject({ v: 10, border: thin });
    expect(sheet.cells.H8.font.bold).toBe(false);
    expect(sheet.cells.I8).toMatchObject({ v: 10, numFmt: "0.00", border: thin });
    expect(sheet.cells.J8).toMatchObject({ v: 1.1667, numFmt: "0.00%", border: thin });
    // The summary's table starts under its title and 单位 line.
    const summary = book.sheet("评分汇总");
    expect(summary.cells.B3.v).toBe("项目名称");
    expect(summary.cells.B4.hyperlink).toBe("#'绩效目标表'!A1");
    expect(summary.cells.J4.v).toBe(99.54);
  });

  test("LibreOffice opens every output, and reads the example's scores", () => {
    // The outputs of the test above, converted in one LibreOffice run (one start-up for all).
    const outputs = FILES.map((f) => path.join(tmp, `${path.basename(f)}.scored.xlsx`));
    const dir = path.join(tmp, "lo");
    fs.mkdirSync(dir, { recursive: true });
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lo-profile-"));
    const r = spawnSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "--outdir",
        dir,
        ...outputs,
      ],
      { encoding: "utf8", timeout: 600_000 }
    );
    fs.rmSync(profile, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const missing = outputs.filter(
      (o) => !fs.existsSync(path.join(dir, `${path.basename(o, ".xlsx")}.csv`))
    );
    expect(missing).toEqual([]);
    const csv = fs.readFileSync(path.join(dir, "year-end-2025.xlsx.scored.csv"), "utf8");
    expect(csv).toMatch(/"总分",99\.54/);
  }, 600_000);

  test("every output's XML parts are well-formed and openpyxl loads it", () => {
    const outputs = FILES.map((f) => path.join(tmp, `${path.basename(f)}.scored.xlsx`));
    // Every XML part well-formed to Python's own parser, and the workbook loaded by openpyxl.
    const script = [
      "import sys, zipfile, openpyxl, xml.etree.ElementTree as ET",
      "for f in sys.argv[1:]:",
      "    z = zipfile.ZipFile(f)",
      "    for n in z.namelist():",
      "        if n.endswith(('.xml', '.rels')):",
      "            ET.fromstring(z.read(n))",
      "    openpyxl.load_workbook(f)",
      "print(len(sys.argv) - 1)",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-W", "ignore", "-c", script, ...outputs], {
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe(String(outputs.length));
  }, 300_000);

  test("clear removes the tool's sheets and cells and leaves the original's parts", async () => {
    const scored = path.join(tmp, "scored.xlsx");
    const cleared = path.join(tmp, "cleared.xlsx");
    const input = path.join(ROOT, "examples/year-end-2025.xlsx");
    await run(["score", input, "--out", scored], quiet);
    expect(await run(["clear", scored, "--out", cleared], quiet)).toBe(0);
    const book = readWithOpenpyxl(cleared);
    expect(book.sheets.map((s) => s.name)).toEqual(["绩效目标表"]);
    const sheet = book.sheet("绩效目标表");
    expect(sheet.cells.H8?.v ?? null).toBeNull();
    expect(sheet.cells.L7?.v ?? null).toBeNull();
    const before = await entries(input);
    const after = await entries(cleared);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });
});
