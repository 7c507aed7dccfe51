/**
 * Data validation in the command line's copies (src/xlsx/validations.ts): each validation whole, over its
 * own ranges, with its limits and input settings as written. The fixture (scripts/make-cell-image-fixtures.py)
 * is the example with six validations: a prompt with the input method off over F8:F14, a list over two
 * ranges with its arrow hidden, limits given by a formula, a cell and a date function, and a date limit.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validationKey } from "../../src/xlsx/validations";
import { cli, part, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "validation-settings.xlsx");
const SHEET = "xl/worksheets/sheet1.xml";

/** Each validation of a sheet, by its ranges: its attributes (sorted) and limits, as written. */
function validations(file: string): Record<string, { attributes: string[]; formulae: string[] }> {
  const out: Record<string, { attributes: string[]; formulae: string[] }> = {};
  const xml =
    /<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/.exec(part(file, SHEET) ?? "")?.[1] ??
    "";
  for (const [, attrs, body] of xml.matchAll(
    /<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g
  )) {
    const pairs = [...attrs.matchAll(/(\w+)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`);
    const sqref = pairs.find((p) => p.startsWith("sqref="))!.slice(6);
    out[sqref] = {
      attributes: pairs.filter((p) => !p.startsWith("sqref=")).sort(),
      formulae: [...(body ?? "").matchAll(/<formula\d>([^<]*)<\/formula\d>/g)].map((m) =>
        m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&")
      ),
    };
  }
  return out;
}

test.each([
  ["F8:F14", "F8:F14"],
  ["E5", "E5:E5"],
  ["G8:G14 G24:G30", "G8:G14"],
  ["  $B$2 C3", "$B$2:$B$2"],
  ["", null],
  ["F:F", null],
])("validationKey(%p) = %p", (sqref, key) => {
  expect(validationKey(sqref)).toBe(key);
});

describe("data validation in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "validations-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds six", () => {
    expect(Object.keys(validations(FIXTURE)).sort()).toEqual(
      ["B2", "C2", "C4", "E5", "F8:F14", "G8:G14 G24:G30"].sort()
    );
  });

  test("score, then score the copy again: every validation as the input had it, none overlapping", async () => {
    const input = validations(FIXTURE);
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    // exceljs wrote F10:F14 and F8:F14 (overlapping), $E$4 and C4*1.1 as NaN, and dropped imeMode and
    // showDropDown.
    expect(validations(copy)).toEqual(input);
    expect(validations(twice)).toEqual(input);
    expect(input["F8:F14"].attributes).toContain("imeMode=off");
    expect(input["E5"].formulae).toEqual(["0", "C4*1.1"]);
  });

  test("a validation over a whole column stays one range, not a million cells", async () => {
    // The same workbook with the list over all of column G.
    const input = path.join(tmp, "column.xlsx");
    await withPartEdited(
      FIXTURE,
      SHEET,
      (xml) => xml.replace('sqref="G8:G14 G24:G30"', 'sqref="G1:G1048576"'),
      input
    );
    const copy = path.join(tmp, "column-copy.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    expect(Object.keys(validations(copy))).toContain("G1:G1048576");
    expect(Object.keys(validations(copy))).toHaveLength(6);
  });
});
