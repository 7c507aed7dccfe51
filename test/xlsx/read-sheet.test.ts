/**
 * How one `<c>` element reads, table-driven: the cell kinds Excel, WPS, LibreOffice and exporters write,
 * with the value the engine sees and the text Excel shows. Each row is a worksheet part of its own.
 */
import { Styles } from "../../src/ooxml/styles";
import { readSharedStrings, readSheet } from "../../src/xlsx/read-sheet";

const STYLES = new Styles(
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<numFmts count="3"><numFmt numFmtId="164" formatCode="0\\%"/><numFmt numFmtId="165" formatCode="G/通用格式&quot;个&quot;"/>` +
    `<numFmt numFmtId="166" formatCode="#,##0.00_);[红色]\\(#,##0.00\\)"/></numFmts>` +
    `<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>` +
    `<xf numFmtId="31"/><xf numFmtId="10"/><xf numFmtId="14"/></cellXfs></styleSheet>`
);
const STRINGS = readSharedStrings(
  `<sst><si><t>≥6个</t></si><si><r><t>作用</t></r><r><rPr><b/></rPr><t>显著</t></r><rPh><t>ZUOYONG</t></rPh></si><si><t xml:space="preserve"> 达成_x000D_
</t></si></sst>`
);

function read(cell: string, date1904 = false) {
  const xml = `<worksheet><sheetData><row r="3">${cell}</row></sheetData></worksheet>`;
  const g = readSheet(
    { name: "表", xml, strings: STRINGS, styles: STYLES, date1904 },
    { count: 0, cells: [] }
  );
  return {
    value: g.values[0]?.[0] ?? null,
    text: g.text[0]?.[0] ?? "",
    formula: g.formulas?.[0]?.[0] ?? "",
  };
}

test.each([
  ["a number", `<c r="B3"><v>7</v></c>`, 7, "7"],
  ["a shared string", `<c r="B3" t="s"><v>0</v></c>`, "≥6个", "≥6个"],
  ["rich text without its phonetic guide", `<c r="B3" t="s"><v>1</v></c>`, "作用显著", "作用显著"],
  [
    "a shared string with an escaped carriage return",
    `<c r="B3" t="s"><v>2</v></c>`,
    " 达成\r\n",
    " 达成\r\n",
  ],
  [
    "an inline string with an escaped carriage return (Apache POI)",
    `<c r="B3" t="inlineStr"><is><t>≥6个_x000D_</t></is></c>`,
    "≥6个\r",
    "≥6个\r",
  ],
  [
    "a literal escape kept literal",
    `<c r="B3" t="inlineStr"><is><t>_x005F_x0041_</t></is></c>`,
    "_x0041_",
    "_x0041_",
  ],
  ["3 under 0\\% shows 3%", `<c r="B3" s="1"><v>3</v></c>`, 3, "3%"],
  ['7 under G/通用格式"个" shows 7个', `<c r="B3" s="2"><v>7</v></c>`, 7, "7个"],
  ["-5 under [红色] shows (5.00)", `<c r="B3" s="3"><v>-5</v></c>`, -5, "(5.00)"],
  ["a date in the zh-CN built-in 31", `<c r="B3" s="4"><v>45736</v></c>`, 45736, "2025年3月20日"],
  ["a percent", `<c r="B3" s="5"><v>0.97</v></c>`, 0.97, "97.00%"],
  [
    "an ISO date cell (t=d)",
    `<c r="B3" t="d" s="6"><v>2025-03-20T00:00:00</v></c>`,
    45736,
    "2025/3/20",
  ],
  ["a boolean", `<c r="B3" t="b"><v>1</v></c>`, true, "TRUE"],
  ["an error", `<c r="B3" t="e"><v>#DIV/0!</v></c>`, "#DIV/0!", "#DIV/0!"],
  ["a formula whose result is 0", `<c r="B3"><f>A1-A1</f><v>0</v></c>`, 0, "0"],
  [
    "a formula whose result is empty text (calculated, not missing)",
    `<c r="B3" t="str"><f>""</f><v></v></c>`,
    "",
    "",
  ],
  [
    "XML's own characters",
    `<c r="B3" t="inlineStr"><is><t>&lt;5 &amp; &#x2265;6</t></is></c>`,
    "<5 & ≥6",
    "<5 & ≥6",
  ],
])("%s", (_what, cell, value, text) => {
  const r = read(cell);
  expect(r.value).toEqual(value);
  expect(r.text).toBe(text);
});

test("a formula cell keeps its formula, and one saved without a result is counted", () => {
  const uncalculated = { count: 0, cells: [] as string[] };
  const xml = `<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(B1:B2)</f><v>3</v></c><c r="C1"><f>1+1</f></c></row></sheetData></worksheet>`;
  const g = readSheet(
    { name: "表", xml, strings: [], styles: STYLES, date1904: false },
    uncalculated
  );
  expect(g.formulas![0][0]).toBe("=SUM(B1:B2)");
  expect(uncalculated).toEqual({ count: 1, cells: ["表!C1"] });
});

test("dates in the 1904 system are passed as stored, and the grid says so", () => {
  const xml = `<worksheet><sheetData><row r="1"><c r="A1" s="6"><v>44274</v></c></row></sheetData></worksheet>`;
  const g = readSheet(
    { name: "表", xml, strings: [], styles: STYLES, date1904: true },
    { count: 0, cells: [] }
  );
  expect(g.values[0][0]).toBe(44274);
  expect(g.text[0][0]).toBe("2025/3/20");
  expect(g.date1904).toBe(true);
});

test("hidden rows and cells without a reference are read where they stand", () => {
  const xml =
    `<worksheet><sheetData><row r="2" hidden="1"><c><v>1</v></c><c><v>2</v></c></row>` +
    `<row><c r="C3"><v>3</v></c></row></sheetData></worksheet>`;
  const g = readSheet(
    { name: "表", xml, strings: [], styles: STYLES, date1904: false },
    { count: 0, cells: [] }
  );
  expect(g.hiddenRows).toEqual([1]);
  expect([g.originRow, g.originCol]).toEqual([1, 0]);
  expect(g.values).toEqual([
    [1, 2, null],
    [null, null, 3],
  ]);
});
