/**
 * Ownership that survives users, on the bundled example through the command line: the tool's sheets are
 * rebuilt or removed only while they hold exactly what it wrote, the ledger follows a renamed sheet by
 * its id, and a ledger edited by hand cannot make Clear delete a user's sheet. Outputs read with openpyxl.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { run } from "../../src/cli/run";
import { readWithOpenpyxl } from "../support/openpyxl";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");
const SHEET = "绩效目标表";

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ownership-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) };
  const code = await run([...argv, "--lang", "en"], io);
  return { code, out };
}

/** Rewrites parts of a package with JSZip (a tool the writer shares nothing with), as a user's edit would. */
async function editParts(
  file: string,
  edits: Record<string, (xml: string) => string>
): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const [part, f] of Object.entries(edits))
    zip.file(part, f(await zip.file(part)!.async("string")));
  fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** The worksheet part of a sheet, by name. */
async function partOf(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(\\w+)"`).exec(wb)![1];
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target = new RegExp(
    `Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`
  ).exec(rels)!;
  return `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, "")}`;
}

async function scored(name: string): Promise<string> {
  const file = path.join(tmp, name);
  expect((await cli("score", EXAMPLE, "--out", file)).code).toBe(0);
  return file;
}

test("a note typed beside 评分汇总 survives a re-score, which leaves the sheet alone and says so", async () => {
  const file = await scored("note.xlsx");
  const summary = await partOf(file, "评分汇总");
  await editParts(file, {
    [summary]: (xml) =>
      xml.replace(
        /<\/sheetData>/,
        '<row r="20"><c r="A20" t="inlineStr"><is><t>复核意见：同意</t></is></c></row></sheetData>'
      ),
  });
  const again = path.join(tmp, "note-again.xlsx");
  const json = path.join(tmp, "note-again.json");
  await cli("score", file, "--out", again, "--json", json);
  const issues = JSON.parse(fs.readFileSync(json, "utf8")).issues as {
    code: string;
    sheet: string;
  }[];
  expect(issues).toContainEqual(
    expect.objectContaining({ code: "OUTPUT_OCCUPIED", sheet: "评分汇总" })
  );
  const book = readWithOpenpyxl(again);
  expect(book.sheet("评分汇总").cells.A20.v).toBe("复核意见：同意");
  // And Clear leaves the sheet (with the note), removing only the tool's cells elsewhere.
  const cleared = path.join(tmp, "note-cleared.xlsx");
  expect((await cli("clear", again, "--out", cleared)).code).toBe(0);
  const after = readWithOpenpyxl(cleared);
  expect(after.sheets.map((s) => s.name)).toContain("评分汇总");
  expect(after.sheet("评分汇总").cells.A20.v).toBe("复核意见：同意");
  expect(after.sheet(SHEET).cells.H8?.v ?? null).toBeNull();
});

test("a 评分汇总 whose content the user replaced is neither rebuilt by Score nor deleted by Clear", async () => {
  const file = await scored("replaced.xlsx");
  const summary = await partOf(file, "评分汇总");
  await editParts(file, {
    [summary]: (xml) =>
      xml.replace(
        /<sheetData>[\s\S]*<\/sheetData>/,
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>我的汇总</t></is></c></row></sheetData>'
      ),
  });
  const again = path.join(tmp, "replaced-again.xlsx");
  await cli("score", file, "--out", again);
  expect(readWithOpenpyxl(again).sheet("评分汇总").cells.A1.v).toBe("我的汇总");
  const cleared = path.join(tmp, "replaced-cleared.xlsx");
  await cli("clear", again, "--out", cleared);
  expect(readWithOpenpyxl(cleared).sheet("评分汇总").cells.A1.v).toBe("我的汇总");
});

test("after a scored sheet is renamed, Clear finds every cell and a re-score leaves no stale score", async () => {
  const file = await scored("renamed.xlsx");
  await editParts(file, {
    "xl/workbook.xml": (xml) => xml.replace(`name="${SHEET}"`, 'name="自评表"'),
  });
  const cleared = path.join(tmp, "renamed-cleared.xlsx");
  const r = await cli("clear", file, "--out", cleared);
  expect(r.code).toBe(0);
  expect(r.out).not.toMatch(/cleared: 0 cell/);
  const book = readWithOpenpyxl(cleared);
  expect(book.sheet("自评表").cells.H8?.v ?? null).toBeNull();
  expect(book.sheet("自评表").cells.L7?.v ?? null).toBeNull();

  const rescored = path.join(tmp, "renamed-rescored.xlsx");
  const s = await cli("score", file, "--out", rescored);
  expect(s.out).not.toMatch(/OUTPUT_OCCUPIED/);
  expect(readWithOpenpyxl(rescored).sheet("自评表").cells.H8.v).toBe(10);
});

test("a ledger row edited by hand to name a user's sheet does not make Clear delete it", async () => {
  const file = await scored("forged.xlsx");
  const ledger = await partOf(file, "IndicatorScorerLedger");
  await editParts(file, {
    // A row after the ledger's last (the ledger is longer since it records the forms sheet's cells).
    [ledger]: (xml) => {
      const n = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
      return xml.replace(
        /<\/sheetData>/,
        `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>${SHEET}</t></is></c><c r="B${n}" t="inlineStr"><is><t>*</t></is></c><c r="C${n}" t="inlineStr"><is><t>null</t></is></c></row></sheetData>`
      );
    },
  });
  const cleared = path.join(tmp, "forged-cleared.xlsx");
  expect((await cli("clear", file, "--out", cleared)).code).toBe(0);
  const book = readWithOpenpyxl(cleared);
  expect(book.sheets.map((s) => s.name)).toEqual([SHEET]);
  expect(book.sheet(SHEET).cells.C4.v).toBe(97);
});
