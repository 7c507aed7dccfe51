/**
 * LibreOffice writes SpreadsheetML flags as true/false, which exceljs 4.4 reads as unset wherever it compares
 * with "1" or "0". The fixture is the bundled example saved by LibreOffice (scripts/make-libreoffice-fixture.sh)
 * with the 1904 date system, a protected sheet with unlocked entry cells, and fit-to-page printing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeWorkbook } from "../../src/core/analyze";
import { writeWorkbook } from "../../src/xlsx/apply-plan";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { XSD_BOOLEAN_PARSERS, acceptXsdBooleans, spellFlags } from "../../src/xlsx/xsd-booleans";
import { readZipEntry, zipDirectory } from "../../src/xlsx/zip-entries";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "libreoffice-flags.xlsx");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");

const part = (file: string, name: string) => {
  const data = fs.readFileSync(file);
  const entry = zipDirectory(data)!.find((e) => e.name === name)!;
  return readZipEntry(data, entry, 1 << 24)!.toString("utf8");
};

describe("spellFlags", () => {
  test.each([
    [{ fitToPage: "true" }, { fitToPage: "1" }],
    [{ fitToPage: "false" }, { fitToPage: "0" }],
    [{ fitToPage: "1" }, { fitToPage: "1" }],
    [{ fitToPage: "0" }, { fitToPage: "0" }],
    // xsd:boolean has exactly these four spellings; anything else is left for exceljs to judge.
    [{ fitToPage: "True" }, { fitToPage: "True" }],
    [{ fitToPage: "yes" }, { fitToPage: "yes" }],
    // Only the named attributes: a filter value or a name that reads "true" is text.
    [
      { fitToPage: "true", val: "true", name: "false" },
      { fitToPage: "1", val: "true", name: "false" },
    ],
  ])("%j → %j", (attributes, expected) => {
    const node = { name: "pageSetUpPr", attributes: { ...attributes } as Record<string, string> };
    spellFlags(node, ["fitToPage"]);
    expect(node.attributes).toEqual(expected);
  });

  test("a node without attributes is left alone", () => {
    expect(() => spellFlags({ name: "x" }, ["fitToPage"])).not.toThrow();
  });
});

describe("a workbook LibreOffice saved (true/false flags)", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xsd-booleans-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture spells its flags as LibreOffice does", () => {
    expect(part(FIXTURE, "xl/workbook.xml")).toMatch(/<workbookPr [^>]*date1904="true"/);
    const sheet = part(FIXTURE, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="true"\/>/);
    expect(sheet).toMatch(/<sheetProtection sheet="true"\/>/);
    expect(part(FIXTURE, "xl/styles.xml")).toMatch(/<protection locked="false"/);
  });

  test("reads with its date system, protection, unlocked cells and print settings", async () => {
    const r = await readWorkbook(FIXTURE);
    const ws = r.workbook.worksheets[0];
    expect((r.workbook.properties as { date1904?: boolean }).date1904).toBe(true);
    // A 1904 serial read as 1900 would be 2021-03-19.
    expect(r.sheets[0].text[133][0]).toBe("2025-03-20");
    expect(ws.getCell("A134").value).toEqual(new Date(Date.UTC(2025, 2, 20)));
    expect((ws as unknown as { sheetProtection?: object }).sheetProtection).toMatchObject({
      sheet: true,
    });
    expect(ws.getCell("F8").protection).toMatchObject({ locked: false });
    expect(ws.getCell("F30").protection).toMatchObject({ locked: false });
    expect(ws.getCell("G5").protection).toMatchObject({ locked: false });
    expect(ws.getCell("E8").protection?.locked).not.toBe(false);
    expect(ws.pageSetup).toMatchObject({
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      showGridLines: true,
      orientation: "landscape",
    });
    const tables = (sheets: typeof r.sheets) =>
      analyzeWorkbook(sheets, { currentYear: 2025 }).report.tables;
    expect(tables(r.sheets)).toEqual(tables((await readWorkbook(EXAMPLE)).sheets));
  });

  test("a copy keeps them, in Excel's spelling", async () => {
    const r = await readWorkbook(FIXTURE);
    const out = path.join(tmp, "copy.xlsx");
    await writeWorkbook(r.workbook, out);
    expect(part(out, "xl/workbook.xml")).toMatch(/<workbookPr [^>]*date1904="1"/);
    const sheet = part(out, "xl/worksheets/sheet1.xml");
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    expect(sheet).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheet).toMatch(/<printOptions [^>]*gridLines="1"[^>]*horizontalCentered="1"/);
    // The copy's F8 uses a style whose protection leaves it unlocked; its date is the same day.
    const again = await readWorkbook(out);
    expect(again.workbook.worksheets[0].getCell("F8").protection).toMatchObject({ locked: false });
    expect(again.workbook.worksheets[0].getCell("A134").value).toEqual(
      new Date(Date.UTC(2025, 2, 20))
    );
    expect(part(out, "xl/styles.xml")).toMatch(/<protection locked="0"\/>/);
  });
});

// Last: the fixture tests above must pass on what readWorkbook installs by itself.
describe("acceptXsdBooleans", () => {
  test("every listed parser is found in this exceljs, and installing again wraps nothing twice", () => {
    expect(acceptXsdBooleans()).toBe(XSD_BOOLEAN_PARSERS);
    const proto = (
      require("exceljs/lib/xlsx/xform/sheet/page-setup-properties-xform") as {
        prototype: { parseOpen: unknown };
      }
    ).prototype;
    const once = proto.parseOpen;
    acceptXsdBooleans();
    expect(proto.parseOpen).toBe(once);
  });
});
