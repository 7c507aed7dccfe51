/**
 * Conditional formats exceljs does not write, in the command line's copies (src/xlsx/conditional-formats.ts):
 * 重复值 and 唯一值, and the text rules. The fixture (scripts/make-cell-image-fixtures.py) is the example
 * with six such rules over C8:C14, F8:F14 and G8:G14, all in one red format.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dataBarWritable, limitValue, ruleAttributes } from "../../src/xlsx/conditional-formats";
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

  test("data bars: their settings as read, in the schema's order, under the ids they were read with, run after run", async () => {
    const bars = path.join(__dirname, "..", "fixtures", "data-bars.xlsx");
    const settings = (file: string) =>
      (part(file, SHEET) ?? "").match(/<x14:dataBar\b[\s\S]*?<\/x14:dataBar>/g) ?? [];
    const ids = (file: string) => ({
      rules: [...(part(file, SHEET) ?? "").matchAll(/<x14:id>([^<]+)<\/x14:id>/g)].map((m) => m[1]),
      settings: [...(part(file, SHEET) ?? "").matchAll(/<x14:cfRule\b[^>]*\sid="([^"]+)"/g)].map(
        (m) => m[1]
      ),
    });
    expect(settings(bars)).toHaveLength(2);
    const copy = path.join(tmp, "bars.xlsx");
    const twice = path.join(tmp, "bars-twice.xlsx");
    expect((await cli("score", bars, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    // exceljs wrote the negative border colour before the fill colour (Excel cannot open that, exceljs
    // issue 2547), dropped the gradient bar's settings and the solid bar's fill colour, turned autoMin into
    // min and the formula into NaN, and drew new random ids.
    expect(settings(copy)).toEqual(settings(bars));
    expect(settings(copy)[0]).toMatch(/negativeFillColor[\s\S]*negativeBorderColor/);
    expect(ids(copy)).toEqual(ids(bars));
    expect(ids(copy).rules).toEqual(ids(copy).settings);
    expect(part(copy, SHEET)).toContain('<cfvo type="formula" val="$G$5*0.1"/>');
    expect(part(twice, SHEET)).toBe(part(copy, SHEET));
  });

  test("an icon set stored in the extension list keeps its id and its formula limit: a second copy is the first", async () => {
    const bars = path.join(__dirname, "..", "fixtures", "data-bars.xlsx");
    const edited = path.join(tmp, "stars.xlsx");
    const id = "{5D2C6A1E-0003-4C1B-9E51-6A1B2C3D4E03}";
    const stars =
      '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      `<x14:cfRule type="iconSet" priority="3" id="${id}"><x14:iconSet iconSet="3Stars">` +
      '<x14:cfvo type="percent"><xm:f>0</xm:f></x14:cfvo><x14:cfvo type="percent"><xm:f>33</xm:f></x14:cfvo>' +
      '<x14:cfvo type="formula"><xm:f>$G$5/2</xm:f></x14:cfvo></x14:iconSet></x14:cfRule><xm:sqref>E8:E14</xm:sqref>' +
      "</x14:conditionalFormatting>";
    await withPartEdited(
      bars,
      SHEET,
      (xml) =>
        xml.replace("</x14:conditionalFormattings>", `${stars}</x14:conditionalFormattings>`),
      edited
    );
    const copy = path.join(tmp, "stars.out.xlsx");
    const twice = path.join(tmp, "stars.twice.xlsx");
    expect((await cli("score", edited, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    // exceljs drew a new random id for it in every copy.
    expect(part(copy, SHEET)).toContain(`<x14:cfRule type="iconSet" priority="3" id="${id}">`);
    // And its formula limit (exceljs read <xm:f> as a number: NaN).
    expect(part(copy, SHEET)).toContain('<x14:cfvo type="formula"><xm:f>$G$5/2</xm:f></x14:cfvo>');
    expect(part(twice, SHEET)).toBe(part(copy, SHEET));
  });

  test("an icon's greater-than and a formula limit are kept", async () => {
    const bars = path.join(__dirname, "..", "fixtures", "data-bars.xlsx");
    const edited = path.join(tmp, "icons.xlsx");
    const icons =
      '<conditionalFormatting sqref="E8:E14"><cfRule type="iconSet" priority="3"><iconSet iconSet="3Arrows">' +
      '<cfvo type="percent" val="0"/><cfvo type="percent" val="33" gte="0"/><cfvo type="formula" val="$G$5"/>' +
      "</iconSet></cfRule></conditionalFormatting>";
    await withPartEdited(
      bars,
      SHEET,
      (xml) => xml.replace("<pageMargins", `${icons}<pageMargins`),
      edited
    );
    expect(part(edited, SHEET)).toContain('gte="0"');
    const copy = path.join(tmp, "icons.out.xlsx");
    expect((await cli("score", edited, "--out", copy)).code).toBe(0);
    const written = /<iconSet\b[\s\S]*?<\/iconSet>/.exec(part(copy, SHEET) ?? "")?.[0] ?? "";
    expect(written).toMatch(/<cfvo type="percent" val="33" gte="0"\/>/);
    expect(written).toContain('<cfvo type="formula" val="$G$5"/>');
  });
});

describe("data bar and limit helpers", () => {
  test.each([
    ['<x14:dataBar><x14:cfvo type="formula"><xm:f>$A$1</xm:f></x14:cfvo></x14:dataBar>', true],
    ['<x14:dataBar><x14:fillColor rgb="FF000000"/></x14:dataBar>', true],
    // A prefix a copy's extension list does not declare.
    ["<x14:dataBar><x15:foo/></x14:dataBar>", false],
    ['<x14:dataBar x15:bar="1"></x14:dataBar>', false],
  ])("%s writable: %p", (xml, ok) => {
    expect(dataBarWritable(xml)).toBe(ok);
  });

  test.each([
    [undefined, 5, 5],
    ["33", 33, 33],
    ["-1.5", -1.5, -1.5],
    ["$G$5*0.1", NaN, "$G$5*0.1"],
    ["", 0, 0],
  ])("val %p (exceljs read %p) → %p", (val, parsed, want) => {
    expect(limitValue(val, parsed)).toEqual(want);
  });
});
