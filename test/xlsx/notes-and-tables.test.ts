/**
 * Notes and tables as openpyxl and Excel store them (src/xlsx/part-names.ts, src/xlsx/notes-and-tables.ts).
 * Fixtures (scripts/make-cell-image-fixtures.py): openpyxl-parts.xlsx, a note and a table under openpyxl's
 * part names with absolute targets, the note as plain text; excel-table.xlsx, a table as Excel writes it
 * (header row implied, its third column's filter button hidden).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { boxStream, filterButtons, tableRows } from "../../src/xlsx/notes-and-tables";
import { planPartNames, relativeTarget, resolveTarget } from "../../src/xlsx/part-names";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { cli, part } from "./package-parts";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const OPENPYXL = path.join(FIXTURES, "openpyxl-parts.xlsx");
const EXCEL_TABLE = path.join(FIXTURES, "excel-table.xlsx");
const LIBREOFFICE_TABLE = path.join(FIXTURES, "libreoffice-table.xlsx");
const EXCEL_NOTE = path.join(FIXTURES, "excel-note.xlsx");

const COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
const TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

const rels = (...r: [string, string, string][]) =>
  `<Relationships>${r.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;

describe("part names", () => {
  test.each([
    ["../comments1.xml", "xl/comments1.xml"],
    ["/xl/comments/comment1.xml", "xl/comments/comment1.xml"],
    ["../tables/table1.xml", "xl/tables/table1.xml"],
    ["./../drawings/./vmlDrawing1.vml", "xl/drawings/vmlDrawing1.vml"],
    ["sheet2.xml", "xl/worksheets/sheet2.xml"],
  ])("resolveTarget(%p) = %p", (target, resolved) => {
    expect(resolveTarget(target)).toBe(resolved);
  });

  test("relativeTarget is what exceljs looks up", () => {
    expect(relativeTarget("xl/tables/table1.xml")).toBe("../tables/table1.xml");
    expect(relativeTarget("xl/comments1.xml")).toBe("../comments1.xml");
  });

  test("a package with Excel's names and targets is left alone", () => {
    const names = [
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/tables/table1.xml",
    ];
    const text = () =>
      rels(
        ["rId1", COMMENTS, "../comments1.xml"],
        ["rId2", VML, "../drawings/vmlDrawing1.vml"],
        ["rId3", TABLE, "../tables/table1.xml"],
        ["rId4", LINK, "https://example.com/a/../b"]
      );
    expect(planPartNames(names, text)).toBeNull();
  });

  test("openpyxl's names get exceljs's, clear of the names already taken; absolute targets become relative", () => {
    const names = [
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/_rels/sheet2.xml.rels",
      "xl/comments/comment1.xml",
      "xl/drawings/commentsDrawing1.vml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/comments/comment2.xml",
      "xl/drawings/commentsDrawing2.vml",
      "xl/tables/table1.xml",
    ];
    const texts: Record<string, string> = {
      "xl/worksheets/_rels/sheet1.xml.rels": rels(
        ["comments", COMMENTS, "/xl/comments/comment1.xml"],
        ["anysvml", VML, "/xl/drawings/commentsDrawing1.vml"],
        ["t", TABLE, "/xl/tables/table1.xml"],
        ["gone", TABLE, "/xl/tables/table9.xml"]
      ),
      "xl/worksheets/_rels/sheet2.xml.rels": rels(
        ["comments", COMMENTS, "/xl/comments/comment2.xml"],
        ["anysvml", VML, "/xl/drawings/commentsDrawing2.vml"]
      ),
    };
    const plan = planPartNames(names, (p) => texts[p] ?? null)!;
    expect([...plan.renames]).toEqual([
      ["xl/comments/comment1.xml", "xl/comments1.xml"],
      // vmlDrawing1.vml is taken by another part.
      ["xl/drawings/commentsDrawing1.vml", "xl/drawings/vmlDrawing2.vml"],
      ["xl/comments/comment2.xml", "xl/comments2.xml"],
      ["xl/drawings/commentsDrawing2.vml", "xl/drawings/vmlDrawing3.vml"],
    ]);
    expect(plan.rels.get("xl/worksheets/_rels/sheet1.xml.rels")).toBe(
      rels(
        ["comments", COMMENTS, "../comments1.xml"],
        ["anysvml", VML, "../drawings/vmlDrawing2.vml"],
        ["t", TABLE, "../tables/table1.xml"],
        // A part the package lacks is left to exceljs.
        ["gone", TABLE, "/xl/tables/table9.xml"]
      )
    );
    expect(plan.rels.get("xl/worksheets/_rels/sheet2.xml.rels")).toContain(
      'Target="../drawings/vmlDrawing3.vml"'
    );
  });
});

describe("tables", () => {
  test.each([
    [{}, { headerRow: true, totalsRow: false }],
    [{ headerRowCount: "1" }, { headerRow: true, totalsRow: false }],
    [{ headerRowCount: "0" }, { headerRow: false, totalsRow: false }],
    [
      { totalsRowCount: "1", totalsRowShown: "0" },
      { headerRow: true, totalsRow: true },
    ],
    [{ totalsRowCount: "0" }, { headerRow: true, totalsRow: false }],
  ])("tableRows(%p)", (attributes, expected) => {
    expect(tableRows(attributes)).toEqual(expected);
  });

  test("filter buttons: shown unless the input hides them, matched by colId", () => {
    const table = { autoFilterRef: "A1:C6", columns: [{}, {}, {}] as { filterButton?: boolean }[] };
    filterButtons(table, [{ colId: 2, filterButton: false }]);
    expect(table.columns.map((c) => c.filterButton)).toEqual([true, true, false]);
    const unfiltered = { columns: [{ filterButton: false }] };
    filterButtons(unfiltered, []);
    expect(unfiltered.columns[0].filterButton).toBe(false);
  });
});

describe("a note's box", () => {
  const written = (box: Parameters<typeof boxStream>[1]) => {
    const calls: unknown[][] = [];
    const s = boxStream(
      {
        openNode: (...a: unknown[]) => calls.push(["open", ...a]),
        leafNode: (...a: unknown[]) => calls.push(["leaf", ...a]),
      },
      box
    );
    s.openNode("v:shape", { id: "_x0000_s1025", style: "exceljs's" });
    s.leafNode("x:Anchor", null, "1, 2, 3, 4, 5, 6, 7, 8");
    s.leafNode("x:AutoFill", null, "False");
    return calls;
  };

  test("the input's style, anchor and shown flag replace exceljs's", () => {
    expect(
      written({ style: "visibility:visible", anchor: "7, 15, 6, 10, 9, 15, 12, 2", shown: true })
    ).toEqual([
      ["open", "v:shape", { id: "_x0000_s1025", style: "visibility:visible" }],
      ["leaf", "x:Anchor", null, "7, 15, 6, 10, 9, 15, 12, 2"],
      ["leaf", "x:AutoFill", null, "False"],
      ["leaf", "x:Visible"],
    ]);
  });

  test("a hidden note, and an anchor that is not eight numbers, are left as exceljs writes them", () => {
    expect(written({ anchor: "7, 15, x", shown: false })).toEqual([
      ["open", "v:shape", { id: "_x0000_s1025", style: "exceljs's" }],
      ["leaf", "x:Anchor", null, "1, 2, 3, 4, 5, 6, 7, 8"],
      ["leaf", "x:AutoFill", null, "False"],
    ]);
  });
});

describe("copies of workbooks with notes and tables", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "notes-tables-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("openpyxl's layout: read (exceljs alone stopped), scored like the example, the note's text kept", async () => {
    expect(part(OPENPYXL, "xl/comments/comment1.xml")).toContain(
      "<text><t>请补充偏差原因</t></text>"
    );
    const r = await readWorkbook(OPENPYXL);
    // exceljs gives a note of one unformatted piece as its text.
    expect(r.workbook.worksheets[0].getCell("G8").note).toBe("请补充偏差原因");
    const copy = path.join(tmp, "openpyxl.xlsx");
    const { code, out } = await cli("score", OPENPYXL, "--out", copy);
    expect(code).toBe(0);
    expect(out).toContain("99.54");
    expect(out).not.toContain("其他未识别的内容");
    expect(part(copy, "xl/comments1.xml")).toContain("<t>请补充偏差原因</t>");
    const table = part(copy, "xl/tables/table1.xml") ?? "";
    expect(table).toContain('headerRowCount="1"');
    expect(table).not.toContain('hiddenButton="1"');
    // The input file is as it was.
    expect(part(OPENPYXL, "xl/comments/comment1.xml")).not.toBeNull();
  });

  test("Excel's table: its header row and its one hidden filter button kept, run after run", async () => {
    expect(part(EXCEL_TABLE, "xl/tables/table1.xml")).not.toContain("headerRowCount");
    const copy = path.join(tmp, "excel-table.xlsx");
    expect((await cli("score", EXCEL_TABLE, "--out", copy)).code).toBe(0);
    const first = part(copy, "xl/tables/table1.xml") ?? "";
    expect(first).toContain('headerRowCount="1"');
    expect(/<autoFilter[\s\S]*<\/autoFilter>/.exec(first)?.[0]).toBe(
      '<autoFilter ref="A1:C6"><filterColumn colId="0" hiddenButton="0"/>' +
        '<filterColumn colId="1" hiddenButton="0"/><filterColumn colId="2" hiddenButton="1"/></autoFilter>'
    );
    expect((await cli("score", copy, "--out", copy)).code).toBe(0);
    expect(part(copy, "xl/tables/table1.xml")).toBe(first);
    // The table's cells are the sheet's: header names in row 1, figures below.
    const back = await readWorkbook(copy);
    const sheet = back.workbook.getWorksheet("明细")!;
    expect(sheet.getCell("A1").value).toBe("项目");
    expect(sheet.getCell("B6").value).toBe(40);
  });

  test("LibreOffice's table without a style: written (exceljs stopped), still without one", async () => {
    expect(part(LIBREOFFICE_TABLE, "xl/tables/table1.xml")).not.toContain("tableStyleInfo");
    const copy = path.join(tmp, "libreoffice-table.xlsx");
    const { code, out } = await cli("score", LIBREOFFICE_TABLE, "--out", copy);
    expect([code, out]).toEqual([0, expect.stringContaining("99.54")]);
    const table = part(copy, "xl/tables/table1.xml") ?? "";
    expect(table).toContain('headerRowCount="1"');
    expect(table).not.toContain("tableStyleInfo");
    expect(table).not.toContain('hiddenButton="1"');
  });

  test("Excel's notes: shown or hidden, each in its own box, by its own author, after one run and two", async () => {
    const copy = path.join(tmp, "excel-note.xlsx");
    expect((await cli("score", EXCEL_NOTE, "--out", copy)).code).toBe(0);
    const vml = part(copy, "xl/drawings/vmlDrawing1.vml") ?? "";
    expect(vml).toContain(
      'style="position:absolute;margin-left:465pt;margin-top:120pt;width:180pt;height:96pt;z-index:1;visibility:visible"'
    );
    expect(vml).toContain("<x:Anchor>7, 15, 6, 10, 9, 15, 12, 2</x:Anchor>");
    expect(vml).toContain("<x:Visible/>");
    const comments = part(copy, "xl/comments1.xml") ?? "";
    expect(comments).toContain("请补充偏差原因，并附整改计划。");
    // Each note keeps its author (exceljs wrote "Author" for all); F8's hidden box keeps its anchor.
    expect(/<authors>.*<\/authors>/.exec(comments)?.[0]).toBe(
      "<authors><author>审核人</author><author>财务科</author></authors>"
    );
    expect(comments).toContain('<comment ref="F8" authorId="0">');
    expect(comments).toContain('<comment ref="G8" authorId="1">');
    expect(vml).toContain("<x:Anchor>6, 15, 6, 10, 8, 15, 10, 2</x:Anchor>");
    expect(vml.match(/<x:Visible\/>/g)).toHaveLength(1);
    const again = path.join(tmp, "excel-note-2.xlsx");
    expect((await cli("score", copy, "--out", again)).code).toBe(0);
    expect(part(again, "xl/drawings/vmlDrawing1.vml")).toBe(vml);
    expect(part(again, "xl/comments1.xml")).toBe(comments);
  });
});
