/**
 * The workbook part of the command line's copies: the input's defined names and calculation settings, as
 * they were (src/xlsx/workbook-part.ts). The fixture (scripts/make-cell-image-fixtures.py) is the example
 * with a second sheet, twelve names of every kind exceljs mangles on its own (constants, a formula, a whole
 * column, sheet scopes of the same spelling, print titles, hidden names) and Excel's calculation settings
 * for precision as displayed and iterative calculation.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  calcPrFor,
  definedNamesFor,
  keepWorkbookPart,
  readWorkbookPart,
} from "../../src/xlsx/workbook-part";
import { cli, part } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "workbook-part.xlsx");

const workbookXml = (file: string) => part(file, "xl/workbook.xml") ?? "";

const calcPr = (file: string) => /<calcPr\b[^>]*>/.exec(workbookXml(file))?.[0];

const namesBlock = (file: string) =>
  /<definedNames>[\s\S]*<\/definedNames>/.exec(workbookXml(file))?.[0] ?? null;

const sheetsOf = (file: string) =>
  [...workbookXml(file).matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);

describe("readWorkbookPart", () => {
  test.each([
    [
      "workbook and sheet scopes, by the sheets' order",
      '<sheets><sheet name="甲" sheetId="1" r:id="rId1"/><sheet name="乙" sheetId="2" r:id="rId2"/></sheets>' +
        '<definedNames><definedName name="率">0.05</definedName>' +
        '<definedName name="数" localSheetId="1">乙!$B$1</definedName></definedNames>',
      ["甲", "乙"],
      [
        { attributes: ' name="率"', text: "0.05", sheet: null },
        { attributes: ' name="数" localSheetId="1"', text: "乙!$B$1", sheet: "乙" },
      ],
    ],
    [
      "sheet names with entities are read as the sheets are named",
      '<sheets><sheet name="A&amp;B" sheetId="1" r:id="rId1"/></sheets>' +
        "<definedNames><definedName name='x' localSheetId='0'>'A&amp;B'!$A$1</definedName></definedNames>",
      ["A&B"],
      [{ attributes: " name='x' localSheetId='0'", text: "'A&amp;B'!$A$1", sheet: "A&B" }],
    ],
    [
      "a prefixed main namespace and an empty element",
      '<x:sheets><x:sheet name="甲" sheetId="1" r:id="rId1"/></x:sheets>' +
        '<x:definedNames><x:definedName name="空"/><x:definedName name="y">甲!$A$1</x:definedName></x:definedNames>',
      ["甲"],
      [
        { attributes: ' name="空"', text: "", sheet: null },
        { attributes: ' name="y"', text: "甲!$A$1", sheet: null },
      ],
    ],
    [
      "a scope that names no sheet is kept as written",
      '<sheets><sheet name="甲" sheetId="1" r:id="rId1"/></sheets>' +
        '<definedNames><definedName name="z" localSheetId="7">1</definedName></definedNames>',
      ["甲"],
      [{ attributes: ' name="z" localSheetId="7"', text: "1", sheet: null }],
    ],
  ])("%s", (_label, xml, sheets, names) => {
    expect(readWorkbookPart(`<workbook>${xml}</workbook>`)).toEqual({
      sheets,
      names,
      calcPr: null,
    });
  });

  test("a workbook without names has none", () => {
    expect(readWorkbookPart('<workbook><sheets><sheet name="甲"/></sheets></workbook>')).toEqual({
      sheets: ["甲"],
      names: [],
      calcPr: null,
    });
    expect(readWorkbookPart("<workbook><definedNames></definedNames></workbook>").names).toEqual(
      []
    );
  });
});

describe("calcPrFor: the input's calculation settings, calculated in full when opened", () => {
  test.each([
    [
      ' calcId="191029" fullPrecision="0" iterate="1"',
      '<calcPr calcId="191029" fullPrecision="0" iterate="1" fullCalcOnLoad="1"/>',
    ],
    [
      ' calcId="191029" fullCalcOnLoad="0" calcMode="manual" ',
      '<calcPr calcId="191029" fullCalcOnLoad="1" calcMode="manual"/>',
    ],
    [" calcId='162913' fullCalcOnLoad='true'", "<calcPr calcId='162913' fullCalcOnLoad=\"1\"/>"],
    [null, '<calcPr calcId="171027" fullCalcOnLoad="1"/>'],
  ])("%p", (calcPr, expected) => {
    expect(calcPrFor({ sheets: [], names: [], calcPr })).toBe(expected);
  });

  test("read from the element, prefixed or not", () => {
    expect(
      readWorkbookPart('<x:workbook><x:calcPr calcId="1" iterate="1"/></x:workbook>').calcPr
    ).toBe(' calcId="1" iterate="1"');
  });
});

describe("definedNamesFor", () => {
  const source = readWorkbookPart(
    "<workbook><sheets>" +
      '<sheet name="甲"/><sheet name="评分汇总"/><sheet name="乙"/>' +
      "</sheets><definedNames>" +
      '<definedName name="率" hidden="1">0.05</definedName>' +
      '<definedName name="数" localSheetId="0">甲!$B$1</definedName>' +
      '<definedName name="汇" localSheetId="1">评分汇总!$A$1</definedName>' +
      '<definedName name="数" localSheetId="2" comment="c">乙!$B$1</definedName>' +
      "</definedNames></workbook>"
  );

  test("sheet scopes follow their sheets; a gone sheet's name goes with it", () => {
    // Clear deleted the summary sheet: 乙 moved from 2 to 1.
    expect(definedNamesFor(source, ["甲", "乙"], [])).toEqual([
      '<definedName name="率" hidden="1">0.05</definedName>',
      '<definedName name="数" localSheetId="0">甲!$B$1</definedName>',
      '<definedName name="数" localSheetId="1" comment="c">乙!$B$1</definedName>',
    ]);
  });

  test("exceljs's own names are kept only for sheets the input did not have", () => {
    const own = [
      { name: "_xlnm.Print_Area", localSheetId: 0, ranges: ["'甲'!$A$1:$B$2"] },
      { name: "_xlnm.Print_Area", localSheetId: 3, ranges: ["'新'!$A$1:$B$2"] },
      { name: "率", ranges: [] },
    ];
    const out = definedNamesFor(source, ["甲", "评分汇总", "乙", "新"], own);
    expect(out.slice(0, 4).every((x: unknown) => typeof x === "string")).toBe(true);
    expect(out[2]).toBe('<definedName name="汇" localSheetId="1">评分汇总!$A$1</definedName>');
    expect(out.slice(4)).toEqual([own[1]]);
  });
});

describe("the command line's copies keep every defined name and the calculation settings", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "workbook-part-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds what exceljs alone loses", () => {
    const block = namesBlock(FIXTURE)!;
    expect(block).toContain(
      '<definedName name="考核系数" comment="年度考核系数">0.05</definedName>'
    );
    expect(block).toContain("OFFSET(选项!$A$1,0,0,COUNTA(选项!$A:$A),1)");
    expect(block.match(/name="预算数"/g)).toHaveLength(2);
    expect(sheetsOf(FIXTURE)).toEqual(["绩效目标表", "选项"]);
    expect(calcPr(FIXTURE)).toBe(
      '<calcPr calcId="191029" iterate="1" iterateCount="50" fullPrecision="0"/>'
    );
  });

  test("score, score again in place, prepare and clear: the names and settings stay as the input had them", async () => {
    const input = namesBlock(FIXTURE);
    const settings =
      '<calcPr calcId="191029" iterate="1" iterateCount="50" fullPrecision="0" fullCalcOnLoad="1"/>';
    const scored = path.join(tmp, "scored.xlsx");
    expect((await cli("score", FIXTURE, "--out", scored)).code).toBe(0);
    // The copy has the summary and ledger sheets after the input's, so every scope keeps its number.
    expect(sheetsOf(scored)).toEqual(["绩效目标表", "选项", "评分汇总", "IndicatorScorerLedger"]);
    expect(namesBlock(scored)).toBe(input);
    expect(calcPr(scored)).toBe(settings);

    expect((await cli("score", scored, "--out", scored)).code).toBe(0);
    expect(namesBlock(scored)).toBe(input);
    expect(calcPr(scored)).toBe(settings);

    const cleared = path.join(tmp, "cleared.xlsx");
    expect((await cli("clear", scored, "--out", cleared)).code).toBe(0);
    // The summary sheet is gone (the ledger stays, empty): the input's scopes still hold.
    expect(sheetsOf(cleared)).toEqual(["绩效目标表", "选项", "IndicatorScorerLedger"]);
    expect(namesBlock(cleared)).toBe(input);
    expect(calcPr(cleared)).toBe(settings);

    const prepared = path.join(tmp, "prepared.xlsx");
    expect((await cli("prepare", FIXTURE, "--out", prepared)).code).toBe(0);
    expect(namesBlock(prepared)).toBe(input);
    expect(calcPr(prepared)).toBe(settings);
  });

  test("installing again wraps nothing twice", () => {
    const proto = (require("exceljs/lib/xlsx/xlsx") as { prototype: { addWorkbook: unknown } })
      .prototype;
    const once = proto.addWorkbook;
    expect(keepWorkbookPart()).toBe(true);
    expect(proto.addWorkbook).toBe(once);
  });
});
