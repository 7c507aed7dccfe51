/**
 * A table's columns and settings in the command line's copies (src/xlsx/tables.ts). The fixture
 * table-columns.xlsx (scripts/make-cell-image-fixtures.py) is the example with a second sheet, 明细, holding
 * a four-column table as Excel stores it: a formula column (折算) between plain ones, totals row formulas in
 * 金额 and 备注, differential formats for its header (0), its 金额 column (1) and its data (2), its last
 * sort, its alternative text and a comment.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { keptAttributes, placeFormats, resolveFormats } from "../../src/xlsx/tables";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { remapTableStyles } from "../../src/xlsx/workbook-styles";
import { cli, part, stylesPartErrors, withPartEdited } from "./package-parts";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const FIXTURE = path.join(FIXTURES, "table-columns.xlsx");
const TABLE = "xl/tables/table1.xml";

const attr = (element: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? null;
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The columns of a table part: name, and the text of each formula element it holds. */
function columns(table: string) {
  return (table.match(/<tableColumn\b[^>]*?(?:\/>|>[\s\S]*?<\/tableColumn>)/g) ?? []).map((c) => ({
    name: attr(c, "name"),
    calculated: /<calculatedColumnFormula>([\s\S]*?)<\/calculatedColumnFormula>/.exec(c)?.[1],
    totals: /<totalsRowFormula>([\s\S]*?)<\/totalsRowFormula>/.exec(c)?.[1],
    dataDxfId: attr(c, "dataDxfId"),
  }));
}

/** The differential format a workbook's styles part has at `id`, as written. */
function dxf(file: string, id: string | null): string | undefined {
  const dxfs = /<dxfs\b[^>]*>([\s\S]*?)<\/dxfs>/.exec(part(file, "xl/styles.xml") ?? "")?.[1] ?? "";
  return id === null ? undefined : dxfs.match(/<dxf>[\s\S]*?<\/dxf>/g)?.[Number(id)];
}

/** What a table's formats say, looked up in its own workbook: comparable across copies. */
function formats(file: string) {
  const table = part(file, TABLE) ?? "";
  const open = /<table\b[^>]*>/.exec(table)?.[0] ?? "";
  return {
    header: dxf(file, attr(open, "headerRowDxfId")),
    data: dxf(file, attr(open, "dataDxfId")),
    amount: dxf(file, columns(table)[1]?.dataDxfId ?? null),
  };
}

/** A styles part's table styles: the defaults, the first custom style's name and elements with their formats. */
function tableStyles(file: string) {
  const styles = part(file, "xl/styles.xml") ?? "";
  const open = /<tableStyles\b[^>]*>/.exec(styles)?.[0] ?? "";
  const style = /<tableStyle\b[\s\S]*?<\/tableStyle>/.exec(styles)?.[0] ?? "";
  return {
    defaults: [attr(open, "defaultTableStyle"), attr(open, "defaultPivotStyle")],
    name: attr(style, "name"),
    elements: (style.match(/<tableStyleElement\b[^>]*>/g) ?? []).map((e) => ({
      type: attr(e, "type"),
      format: dxf(file, attr(e, "dxfId")),
    })),
  };
}

describe("kept parts of a table", () => {
  const kept = () => ({
    attributes: { totalsRowShown: "0", comment: "说明" },
    formatIds: { dataDxfId: "2" },
    formats: {},
    writtenIds: {},
    children: {},
  });

  test("the input's attributes over exceljs's, its totalsRowShown or none, the copy's format ids", () => {
    const k = kept();
    k.writtenIds = { dataDxfId: "7" };
    expect(keptAttributes({ id: 1, totalsRowShown: "1", ref: "A1:B2" }, k)).toEqual({
      id: 1,
      ref: "A1:B2",
      totalsRowShown: "0",
      comment: "说明",
      dataDxfId: "7",
    });
    expect(keptAttributes({ totalsRowShown: "1" }, { ...kept(), attributes: {} })).toEqual({});
  });

  test("a format id is carried as the format it names, and given the copy's id", () => {
    const k = kept();
    const input = [{ font: { bold: true } }, { fill: {} }, { numFmt: "0.0" }];
    resolveFormats(k, { getDxfStyle: (id) => input[id] });
    expect(k.formats).toEqual({ dataDxfId: { numFmt: "0.0" } });
    const copy: unknown[] = ["a conditional format's"];
    placeFormats(k, { addDxfStyle: (s) => copy.push(s) - 1 });
    expect(k.writtenIds).toEqual({ dataDxfId: "1" });
    expect(copy[1]).toEqual({ numFmt: "0.0" });
    // An id the input's styles do not have is dropped, not written pointing at another format.
    const lost = { ...kept(), formatIds: { dataDxfId: "9" } };
    resolveFormats(lost, { getDxfStyle: (id) => input[id] });
    placeFormats(lost, { addDxfStyle: (s) => copy.push(s) - 1 });
    expect(lost.writtenIds).toEqual({});
  });
});

describe("remapTableStyles", () => {
  const xml =
    '<tableStyles count="1"><tableStyle name="s" count="3"><tableStyleElement type="wholeTable" dxfId="1"/>' +
    '<tableStyleElement type="headerRow" dxfId="0"/><tableStyleElement type="totalRow" dxfId="1"/></tableStyle></tableStyles>';

  test("each format is added once and every element points at its new id", () => {
    const added: string[] = [];
    const out = remapTableStyles(xml, ["<dxf>a</dxf>", "<dxf>b</dxf>"], (d) => added.push(d) + 6);
    expect(added).toEqual(["<dxf>b</dxf>", "<dxf>a</dxf>"]);
    expect([...out!.matchAll(/dxfId="(\d+)"/g)].map((m) => m[1])).toEqual(["7", "8", "7"]);
  });

  test("a format the input lacks, or one that cannot be added, drops the table styles (null)", () => {
    expect(remapTableStyles(xml, ["<dxf>a</dxf>"], () => 3)).toBeNull();
    expect(remapTableStyles(xml, ["<dxf>a</dxf>", "<dxf>b</dxf>"], () => null)).toBeNull();
  });
});

describe("copies of a workbook with a table", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tables-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("every column is read, the formula column and the totals formulas with it", async () => {
    const r = await readWorkbook(FIXTURE);
    const table = r.workbook.getWorksheet("明细")!.getTable("明细表") as unknown as {
      table: { columns: { name: string }[] };
    };
    // exceljs alone stopped at the first column holding a formula: 项目, 金额.
    expect(table.table.columns.map((c) => c.name)).toEqual(["项目", "金额", "折算", "备注"]);
  });

  test("a copy keeps all four columns, their formulas, formats, sort, alternative text and comment, run after run", async () => {
    const input = part(FIXTURE, TABLE) ?? "";
    const copy = path.join(tmp, "table-columns.xlsx");
    const { code, out } = await cli("score", FIXTURE, "--out", copy);
    expect(code).toBe(0);
    expect(out).toContain("99.54");
    const first = part(copy, TABLE) ?? "";
    expect(/<tableColumns count="(\d+)"/.exec(first)?.[1]).toBe("4");
    const cols = columns(first);
    expect(cols.map((c) => c.name)).toEqual(["项目", "金额", "折算", "备注"]);
    expect(cols.map((c) => [c.calculated, c.totals].map((f) => f && decode(f)))).toEqual([
      [undefined, undefined],
      [undefined, 'IF(SUBTOTAL(109,明细表[金额])>0,SUBTOTAL(109,明细表[金额]),"无")'],
      ["明细表[[#This Row],[金额]]*0.5", undefined],
      [undefined, '"共"&SUBTOTAL(103,明细表[项目])&"项"'],
    ]);
    // The schema's order: autoFilter, sortState, tableColumns, tableStyleInfo, extLst.
    expect(
      [...first.matchAll(/<(autoFilter|sortState|tableColumns|tableStyleInfo|extLst)\b/g)].map(
        (m) => m[1]
      )
    ).toEqual(["autoFilter", "sortState", "tableColumns", "tableStyleInfo", "extLst"]);
    expect(first).toMatch(
      /<sortState ref="A2:D6"><sortCondition descending="1" ref="B2:B6"(?:\/>|><\/sortCondition>)<\/sortState>/
    );
    expect(first).toContain(
      '<x14:table altText="各项目金额" altTextSummary="五个项目的金额、折算与备注"'
    );
    const open = /<table\b[^>]*>/.exec(first)?.[0] ?? "";
    expect(attr(open, "comment")).toBe("各项目金额及折算");
    // The input says nothing of totalsRowShown (exceljs wrote "1" for every table without a totals row).
    expect(attr(open, "totalsRowShown")).toBeNull();
    expect(attr(open, "totalsRowCount")).toBe("1");

    // Each format id points at the format the input's pointed at, though the copy numbers them afresh.
    const want = formats(FIXTURE);
    expect(want.header).toContain('<color rgb="FF1F4E78"/>');
    expect(want.data).toContain('<bgColor rgb="FFFFF2CC"/>');
    expect(want.amount).toContain('formatCode="#,##0.00&quot;元&quot;"');
    const got = formats(copy);
    expect(got.header).toContain("<b/>");
    expect(got.header).toContain('<color rgb="FF1F4E78"/>');
    expect(got.data).toContain('<bgColor rgb="FFFFF2CC"/>');
    // exceljs read a differential format's number format as an object and wrote "[object Object]".
    expect(got.amount).toMatch(/<numFmt numFmtId="\d+" formatCode="#,##0.00&quot;元&quot;"\/>/);

    // The sheet's formula cells are as they were.
    expect(part(copy, "xl/worksheets/sheet2.xml")).toContain(
      "<f>明细表[[#This Row],[金额]]*0.5</f>"
    );

    const again = path.join(tmp, "again.xlsx");
    expect((await cli("score", copy, "--out", again)).code).toBe(0);
    expect(part(again, TABLE)).toBe(first);
    expect(formats(again)).toEqual(got);
    expect(tableStyles(again)).toEqual(tableStyles(copy));
    expect(input).toContain("<calculatedColumnFormula>");
  });

  test("the workbook's own table style, and its default table style, are in the copy", async () => {
    // exceljs wrote no custom table style (the table lost its look) and made the default TableStyleMedium2.
    const copy = path.join(tmp, "table-style.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect(attr(/<tableStyleInfo\b[^>]*>/.exec(part(copy, TABLE) ?? "")?.[0] ?? "", "name")).toBe(
      "财务表样式"
    );
    const input = tableStyles(FIXTURE);
    expect(input.defaults).toEqual(["TableStyleMedium9", "PivotStyleLight16"]);
    expect(input.elements.map((e) => e.type)).toEqual([
      "wholeTable",
      "headerRow",
      "firstRowStripe",
    ]);
    const written = tableStyles(copy);
    expect(written.defaults).toEqual(input.defaults);
    expect(written.name).toBe("财务表样式");
    // Each element's format is the input's, though at another place in the copy's list.
    expect(written.elements.map((e) => e.type)).toEqual(input.elements.map((e) => e.type));
    const [whole, header, stripe] = written.elements.map((e) => e.format ?? "");
    expect(
      whole.match(/<(left|right|top|bottom) style="thin"><color rgb="FF5B9BD5"\/>/g)
    ).toHaveLength(4);
    expect(header).toContain('<color rgb="FF1F4E78"/>');
    expect(stripe).toContain('<fgColor rgb="FFDDEBF7"/>');
    expect(stylesPartErrors(part(copy, "xl/styles.xml") ?? "")).toEqual([]);
  });

  test('Excel\'s totalsRowShown="0" stays 0', async () => {
    const excel = path.join(FIXTURES, "excel-table.xlsx");
    expect(attr(part(excel, TABLE) ?? "", "totalsRowShown")).toBe("0");
    const copy = path.join(tmp, "excel-table.xlsx");
    expect((await cli("score", excel, "--out", copy)).code).toBe(0);
    expect(attr(part(copy, TABLE) ?? "", "totalsRowShown")).toBe("0");
  });

  test("a sort by colour, whose formats are not carried, is dropped whole; the rest of the table is kept", async () => {
    const edited = path.join(tmp, "colour-sort.xlsx");
    await withPartEdited(
      FIXTURE,
      TABLE,
      (xml) =>
        xml.replace('descending="1" ref="B2:B6"', 'sortBy="cellColor" dxfId="2" ref="B2:B6"'),
      edited
    );
    expect(part(edited, TABLE)).toContain('sortBy="cellColor"');
    const copy = path.join(tmp, "colour-sort.out.xlsx");
    expect((await cli("score", edited, "--out", copy)).code).toBe(0);
    const table = part(copy, TABLE) ?? "";
    expect(table).not.toContain("sortState");
    expect(columns(table)).toHaveLength(4);
    expect(table).toContain("altText=");
  });
});
