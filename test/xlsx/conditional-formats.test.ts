/**
 * Conditional formats exceljs does not write, in the command line's copies (src/xlsx/conditional-formats.ts):
 * 重复值 and 唯一值, and the text rules. The fixture (scripts/make-cell-image-fixtures.py) is the example
 * with six such rules over C8:C14, F8:F14 and G8:G14, all in one red format.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ruleAttributes } from "../../src/xlsx/conditional-formats";
import { cli, part, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "conditional-formats.xlsx");
const SHEET = "xl/worksheets/sheet1.xml";

/** Each range's rules: attributes but the format's number (sorted), formulas (entities decoded). */
function rules(file: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const xml = part(file, SHEET) ?? "";
  for (const [, sqref, body] of xml.matchAll(
    /<conditionalFormatting sqref="([^"]*)"(?:\/>|>([\s\S]*?)<\/conditionalFormatting>)/g
  )) {
    out[sqref] = [...(body ?? "").matchAll(/<cfRule\b([^>]*?)(?:\/>|>([\s\S]*?)<\/cfRule>)/g)].map(
      ([, attrs, inner]) =>
        [...attrs.matchAll(/(\w+)="([^"]*)"/g)]
          .filter((m) => m[1] !== "dxfId")
          .map((m) => `${m[1]}=${m[2]}`)
          .sort()
          .join(" ") +
        " | " +
        [...(inner ?? "").matchAll(/<formula>([^<]*)<\/formula>/g)]
          .map((m) => m[1].replace(/&quot;/g, '"'))
          .join(" ; ")
    );
  }
  return out;
}

test("ruleAttributes: kept kinds only, with the format and priority exceljs gives them now", () => {
  const asRead = Symbol.for("indicator-scorer.cf-rule-as-read");
  type Rule = Parameters<typeof ruleAttributes>[0];
  const rule = (r: object) => r as Rule;
  expect(
    ruleAttributes(
      rule({
        dxfId: 7,
        priority: 2,
        [asRead]: { type: "duplicateValues", dxfId: "0", priority: "1" },
      })
    )
  ).toEqual({ type: "duplicateValues", dxfId: 7, priority: 2 });
  expect(ruleAttributes(rule({ dxfId: 7, [asRead]: { type: "expression" } }))).toBeNull();
  expect(ruleAttributes(rule({ dxfId: 7 }))).toBeNull();
});

describe("conditional formats in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conditional-formats-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("score, then score the copy again: every rule as the input had it, in its own format", async () => {
    const input = rules(FIXTURE);
    expect(Object.values(input).flat()).toHaveLength(6);
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    // exceljs wrote C8:C14 as an empty element (which Excel repairs), kept only 包含 without its text,
    // and dropped the G8:G14 rules entirely.
    expect(rules(copy)).toEqual(input);
    expect(rules(twice)).toEqual(input);
    // Each rule points at a format the copy has, and that format is the input's red.
    const dxfs =
      /<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(part(copy, "xl/styles.xml") ?? "")?.[1] ?? "";
    const formats = dxfs.match(/<dxf>[\s\S]*?<\/dxf>/g) ?? [];
    const ids = [...(part(copy, SHEET) ?? "").matchAll(/<cfRule\b[^>]*\sdxfId="(\d+)"/g)].map((m) =>
      Number(m[1])
    );
    expect(ids).toHaveLength(6);
    for (const id of ids) expect(formats[id]).toContain('<bgColor rgb="FFFFC7CE"/>');
  });

  test('a rule\'s number format is written as its code (exceljs wrote "[object Object]")', async () => {
    const edited = path.join(tmp, "numfmt.xlsx");
    await withPartEdited(
      FIXTURE,
      "xl/styles.xml",
      (xml) =>
        xml.replace(
          "<dxf><font>",
          '<dxf><numFmt numFmtId="181" formatCode="0.0\\%&quot;（偏低）&quot;"/><font>'
        ),
      edited
    );
    expect(part(edited, "xl/styles.xml")).toContain('formatCode="0.0\\%&quot;');
    const copy = path.join(tmp, "numfmt.out.xlsx");
    expect((await cli("score", edited, "--out", copy)).code).toBe(0);
    const dxfs =
      /<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(part(copy, "xl/styles.xml") ?? "")?.[1] ?? "";
    const formats = dxfs.match(/<dxf>[\s\S]*?<\/dxf>/g) ?? [];
    const ids = [...(part(copy, SHEET) ?? "").matchAll(/<cfRule\b[^>]*\sdxfId="(\d+)"/g)];
    expect(ids).toHaveLength(6);
    for (const [, id] of ids)
      expect(formats[Number(id)]).toMatch(
        /<numFmt numFmtId="\d+" formatCode="0\.0\\%&quot;（偏低）&quot;"\/>/
      );
  });
});
