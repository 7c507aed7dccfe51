/**
 * Cell format details in the command line's copies (src/xlsx/cell-formats.ts): Excel's quote prefix on
 * text typed after an apostrophe, a label's justify-distributed alignment, half-point font sizes and fonts
 * that say "not bold" in so many words; and the quote prefix on the
 * command line's own text, set where the add-in's apostrophe sets it in Excel (src/excel/literal.ts).
 * The fixture (scripts/make-cell-image-fixtures.py) is the example with both.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, part, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "cell-formats.xlsx");

/** The `xf` element (as written) a cell of a worksheet part uses, or null when the cell is not there. */
function xfOf(file: string, sheetPart: string, ref: string): string | null {
  const cell = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?[ >/]`).exec(part(file, sheetPart) ?? "");
  if (!cell) return null;
  const xfs =
    /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(part(file, "xl/styles.xml") ?? "")?.[1] ?? "";
  return xfs.match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)?.[Number(cell[1] ?? 0)] ?? null;
}

const SHEET = "xl/worksheets/sheet1.xml";

/** The `<font>` a cell of a worksheet part uses, as written. */
function fontOf(file: string, sheetPart: string, ref: string): string | null {
  const xf = xfOf(file, sheetPart, ref);
  const fonts =
    /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(part(file, "xl/styles.xml") ?? "")?.[1] ?? "";
  const id = Number(/fontId="(\d+)"/.exec(xf ?? "")?.[1] ?? 0);
  return fonts.match(/<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g)?.[id] ?? null;
}
const SUMMARY = "xl/worksheets/sheet2.xml";

describe("cell formats in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cell-formats-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds them", () => {
    expect(xfOf(FIXTURE, SHEET, "A134")).toContain('quotePrefix="1"');
    expect(xfOf(FIXTURE, SHEET, "B134")).toContain('quotePrefix="1"');
    expect(xfOf(FIXTURE, SHEET, "H8")).toContain('quotePrefix="1"');
    expect(xfOf(FIXTURE, SHEET, "A3")).toContain('justifyLastLine="1"');
  });

  test("score, then score the copy again: the user's quote prefixes and alignment are in both", async () => {
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    for (const file of [copy, twice]) {
      // '001 and '=SUM(C4:E4): untouched input cells keep the flag that keeps them text on the next edit.
      expect(xfOf(file, SHEET, "A134")).toMatch(/quotePrefix="1"/);
      expect(xfOf(file, SHEET, "B134")).toMatch(/quotePrefix="1"/);
      expect(xfOf(file, SHEET, "A3")).toMatch(
        /<alignment\b(?=[^>]*justifyLastLine="1")(?=[^>]*horizontal="distributed")/
      );
      // An output cell the score fills with a number loses the prefix, as typing a number there would.
      expect(xfOf(file, SHEET, "H8")).not.toContain("quotePrefix");
      expect(part(file, SHEET)).toMatch(/<c r="H8"[^>]*><v>[0-9.]+<\/v><\/c>/);
    }
    expect(part(twice, "xl/styles.xml")).toBe(part(copy, "xl/styles.xml"));
  });

  test("font sizes keep their half point, and a font that says not bold stays not bold", async () => {
    expect(fontOf(FIXTURE, SHEET, "C134")).toContain('<b val="0"/><i val="false"/><sz val="7.5"/>');
    const copy = path.join(tmp, "fonts.xlsx");
    const twice = path.join(tmp, "fonts-twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    for (const file of [copy, twice]) {
      // 五号 (10.5 pt) came out as 10 pt, 六号 (7.5 pt) as 7 pt, and "not bold, not italic" as bold italic.
      expect(fontOf(file, SHEET, "A134")).toMatch(/<sz val="10.5"\/>/);
      const small = fontOf(file, SHEET, "C134");
      expect(small).toMatch(/<sz val="7.5"\/>/);
      expect(small).not.toMatch(/<[bi]\b/);
      // The rich text of D134: its first run at 10.5 pt and not bold, its second bold at 12 pt.
      const rich =
        /<si><r>[\s\S]*?<\/si>/.exec(part(file, "xl/sharedStrings.xml") ?? "")?.[0] ?? "";
      const runs = rich.match(/<rPr>[\s\S]*?<\/rPr>/g) ?? [];
      expect(runs).toHaveLength(2);
      expect(runs[0]).toMatch(/<sz val="10.5"\/>/);
      expect(runs[0]).not.toMatch(/<b\b/);
      expect(runs[1]).toMatch(/<b\/>[\s\S]*<sz val="12"\/>/);
    }
    expect(part(twice, "xl/styles.xml")).toBe(part(copy, "xl/styles.xml"));
    expect(part(twice, SHEET)).toBe(part(copy, SHEET));
  });

  test("the command line's own text Excel would parse gets the prefix; plain words do not", async () => {
    const copy = path.join(tmp, "summary.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    const strings = [
      ...(part(copy, "xl/sharedStrings.xml") ?? "").matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>)?/g),
    ].map((m) => m[1] ?? "");
    const summary = part(copy, SUMMARY) ?? "";
    const cells = [...summary.matchAll(/<c r="([A-Z]+\d+)"[^>]*t="s"[^>]*><v>(\d+)<\/v>/g)].map(
      (m) => ({ ref: m[1], text: strings[Number(m[2])] })
    );
    // Project names with their year (科目一考场自建项目2025) are text Excel would parse if retyped.
    const withDigits = cells.filter((c) => /[0-9]/.test(c.text));
    const words = cells.filter((c) => c.text === "优");
    expect(withDigits.length).toBeGreaterThan(0);
    expect(words.length).toBe(7);
    for (const c of withDigits) expect(xfOf(copy, SUMMARY, c.ref)).toContain('quotePrefix="1"');
    for (const c of words) expect(xfOf(copy, SUMMARY, c.ref) ?? "").not.toContain("quotePrefix");
  });

  /**
   * The example with one actual cell given a number and a custom number format (`formatCode` as stored in
   * the file), scored with --out: the copy, and the report's entry for that row.
   */
  async function scoreWithFormat(
    name: string,
    ref: string,
    cellXml: string,
    value: number,
    formatCode: string
  ) {
    const example = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");
    const styled = path.join(tmp, `${name}.styled.xlsx`);
    const edited = path.join(tmp, `${name}.xlsx`);
    let xf = -1;
    await withPartEdited(
      example,
      "xl/styles.xml",
      (xml) => {
        xf = Number(/<cellXfs count="(\d+)"/.exec(xml)![1]);
        return xml
          .replace(
            /<numFmts count="(\d+)">/,
            (_, n) =>
              `<numFmts count="${Number(n) + 1}"><numFmt numFmtId="190" formatCode="${formatCode}"/>`
          )
          .replace(/<cellXfs count="\d+">/, `<cellXfs count="${xf + 1}">`)
          .replace(
            "</cellXfs>",
            '<xf numFmtId="190" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          );
      },
      styled
    );
    const replacement = `<c r="${ref}" s="${xf}"><v>${value}</v></c>`;
    await withPartEdited(styled, SHEET, (xml) => xml.replace(cellXml, replacement), edited);
    expect(part(edited, SHEET)).toContain(replacement);
    const copy = path.join(tmp, `${name}.out.xlsx`);
    const json = path.join(tmp, `${name}.json`);
    expect((await cli("score", edited, "--out", copy, "--json", json)).code).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      tables: { indicators: { row: number; actual: string | null; status: string }[] }[];
    };
    const row = Number(ref.slice(1));
    return { copy, indicator: report.tables[0].indicators.find((i) => i.row === row) };
  }

  test("a number format's backslash stays: 3 shown as 3% by 0\\% is read as 3% and kept so", async () => {
    // The example's F10 (全年系统故障发生率, target ≤5%) holds 0.03 as a percentage; here it holds 3 with the
    // custom format 0\%, which Excel shows as 3%. exceljs made the code 0%, showing 300%: unmet.
    const { copy, indicator } = await scoreWithFormat(
      "backslash",
      "F10",
      '<c r="F10" s="8"><v>0.03</v></c>',
      3,
      "0\\%"
    );
    expect(indicator).toMatchObject({ actual: "3%", status: "met" });
    const id = /numFmtId="(\d+)"/.exec(xfOf(copy, SHEET, "F10") ?? "")?.[1];
    expect(part(copy, "xl/styles.xml")).toContain(`<numFmt numFmtId="${id}" formatCode="0\\%"/>`);
  });

  test("General spelled G/通用格式, as Chinese Excel and WPS store it: 7 shown as 7个 is read as 7个", async () => {
    // The example's F8 (target ≥6个) holds the text 7个; here the number 7 with G/通用格式"个". Its "G" made
    // the format a date format (an era), and numfmt failed on it: the cell read as a date, or as 7.
    const { indicator } = await scoreWithFormat(
      "general",
      "F8",
      '<c r="F8" s="5" t="s"><v>24</v></c>',
      7,
      "G/通用格式&quot;个&quot;"
    );
    expect(indicator).toMatchObject({ actual: "7个", status: "met" });
  });
});
