/**
 * A sheet's row format in the command line's copies (src/xlsx/sheet-format.ts): unused rows hidden
 * (`zeroHeight`) with a blank line of the form shown, the base column width, the default row height not
 * marked as set by hand, rows whose height Excel fitted to their text, and errors marked as ignored. The fixture
 * (scripts/make-cell-image-fixtures.py) is the example with each of them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  formatAttributes,
  ignoredErrorsXml,
  isFittedRow,
  keepShownRows,
} from "../../src/xlsx/sheet-format";
import { cli, part, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "sheet-format.xlsx");
const SHEET = "xl/worksheets/sheet1.xml";

const rowTag = (xml: string | null, r: number) =>
  new RegExp(`<row r="${r}"[^>]*>`).exec(xml ?? "")?.[0] ?? null;

describe("the pieces", () => {
  test.each([
    [{ ht: "30" }, true],
    [{ ht: "30", customHeight: "0" }, true],
    [{ ht: "30", customHeight: "false" }, true],
    [{ ht: "30", customHeight: "1" }, false],
    [{ ht: "30", customHeight: "true" }, false],
    [{ spans: "1:7" }, false],
    [undefined, false],
  ])("isFittedRow(%p) = %p", (attributes, fitted) => {
    expect(isFittedRow(attributes)).toBe(fitted);
  });

  test("formatAttributes: the input's flags in, exceljs's customHeight out unless the input had it", () => {
    const written = { defaultRowHeight: 13.5, customHeight: "1", outlineLevelRow: 0 };
    expect(formatAttributes(written, { zeroHeight: "1", baseColWidth: "10" })).toEqual({
      defaultRowHeight: 13.5,
      outlineLevelRow: 0,
      zeroHeight: "1",
      baseColWidth: "10",
    });
    expect(formatAttributes(written, { customHeight: "1" })).toEqual(written);
    expect(formatAttributes({ defaultRowHeight: 15 }, { customHeight: "1" })).toEqual({
      defaultRowHeight: 15,
      customHeight: "1",
    });
  });

  test("ignoredErrorsXml writes what was read, escaped again", () => {
    expect(
      ignoredErrorsXml([
        { sqref: "A1:B2", numberStoredAsText: "1" },
        { sqref: 'C"&<', formula: "1" },
      ])
    ).toBe(
      '<ignoredErrors><ignoredError sqref="A1:B2" numberStoredAsText="1"/><ignoredError sqref="C&quot;&amp;&lt;" formula="1"/></ignoredErrors>'
    );
  });

  test("keepShownRows: only on a sheet hiding its unused rows, only empty rows shown", () => {
    const kept = Symbol.for("indicator-scorer.sheet-format");
    const rows = () => [
      { number: 1, cells: [{}] },
      { number: 2, cells: [] },
      { number: 3, cells: [], hidden: true },
      { number: 4, cells: [], height: 20 },
    ];
    const zero = {
      properties: { defaultRowHeight: 13.5, [kept]: { zeroHeight: "1" } },
      rows: rows(),
    };
    keepShownRows(zero);
    expect(zero.rows.map((r) => (r as { height?: number }).height)).toEqual([
      undefined,
      13.5,
      undefined,
      20,
    ]);
    const plain = { properties: { defaultRowHeight: 13.5 }, rows: rows() };
    keepShownRows(plain);
    expect(plain.rows[1]).toEqual({ number: 2, cells: [] });
  });
});

describe("sheet format in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sheet-format-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds them", () => {
    const xml = part(FIXTURE, SHEET);
    expect(xml).toMatch(/<sheetFormatPr baseColWidth="10" defaultRowHeight="13.5" zeroHeight="1" /);
    expect(rowTag(xml, 8)).toBe('<row r="8" ht="30" spans="1:7" x14ac:dyDescent="0.25">');
    expect(rowTag(xml, 15)).toBe('<row r="15" spans="1:7"/>');
    expect(rowTag(xml, 16)).toBeNull();
  });

  test("score, then score the copy again: each is in both, as the input had it", async () => {
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    for (const file of [copy, twice]) {
      const xml = part(file, SHEET);
      const format = /<sheetFormatPr\b[^>]*>/.exec(xml ?? "")?.[0] ?? "";
      expect(format).toMatch(/\szeroHeight="1"/);
      expect(format).toMatch(/\sbaseColWidth="10"/);
      expect(format).toMatch(/\sdefaultRowHeight="13.5"/);
      expect(format).not.toMatch(/customHeight/);
      // Rows 8 and 9 fitted by Excel; row 10 set by hand (16 pt), as in the input.
      for (const r of [8, 9]) {
        expect(rowTag(xml, r)).toMatch(/\sht="30"/);
        expect(rowTag(xml, r)).not.toMatch(/customHeight/);
      }
      expect(rowTag(xml, 10)).toMatch(/\sht="16" customHeight="1"/);
      // The blank line stays listed, so shown; row 16, never listed, stays hidden.
      expect(rowTag(xml, 15)).toMatch(/^<row r="15" ht="13.5"/);
      expect(rowTag(xml, 15)).not.toMatch(/hidden|customHeight/);
      expect(rowTag(xml, 16)).toBeNull();
      // 忽略错误, where the schema has it: after the page setup, before anything exceljs adds later.
      expect(xml).toMatch(
        /<pageSetup [^>]*\/><ignoredErrors><ignoredError sqref="C4 E4 F8:F14" numberStoredAsText="1"\/><ignoredError sqref="G5" formula="1" evalError="1"\/><\/ignoredErrors>/
      );
      // The summary sheet, new, has exceljs's own format.
      expect(part(file, "xl/worksheets/sheet2.xml")).not.toMatch(/zeroHeight|ignoredErrors/);
    }
    expect(part(twice, SHEET)).toBe(part(copy, SHEET));
  });

  test("a folded group keeps its + on its summary row, not on its hidden rows", async () => {
    // The example's rows 8-13 grouped and folded under row 14 (数据 > 分级显示 > 组合, then −), as Excel
    // stores it: the hidden rows at outline level 1, collapsed="1" on the summary row.
    const example = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");
    const input = path.join(tmp, "grouped.xlsx");
    await withPartEdited(
      example,
      SHEET,
      (xml) =>
        xml
          .replace(
            /<row r="(8|9|10|11|12|13)"([^>]*)>/g,
            '<row r="$1"$2 hidden="1" outlineLevel="1">'
          )
          .replace(/<row r="14"([^>]*)>/, '<row r="14"$1 collapsed="1">')
          .replace('outlineLevelRow="0"', 'outlineLevelRow="1"'),
      input
    );
    expect(rowTag(part(input, SHEET), 14)).toContain('collapsed="1"');
    const copy = path.join(tmp, "grouped-copy.xlsx");
    const twice = path.join(tmp, "grouped-twice.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    for (const file of [copy, twice]) {
      // exceljs put collapsed="1" on rows 8-13 and took it off row 14.
      expect(rowTag(part(file, SHEET), 14)).toContain('collapsed="1"');
      for (let r = 8; r <= 13; r++) {
        expect(rowTag(part(file, SHEET), r)).toMatch(/hidden="1"[\s\S]*outlineLevel="1"/);
        expect(rowTag(part(file, SHEET), r)).not.toContain("collapsed");
      }
    }
  });
});
