/**
 * The package reader and writer under fast-check:
 * - any text survives a write and a read exactly (control characters, carriage returns, lone surrogates,
 *   literal `_xHHHH_` sequences, XML's own characters), through the cells the tool writes;
 * - any damage to a sheet part's XML ends as a WorkbookReadError or a successful read, never another error.
 * Cases that once broke them are kept as examples.
 */
import fc from "fast-check";
import JSZip from "jszip";
import { analyzeWorkbook } from "../../src/core";
import { applyPlan, workbookToBuffer, WorkbookWriteError } from "../../src/xlsx/apply-plan";
import { readWorkbookBuffer, WorkbookReadError } from "../../src/xlsx/read-workbook";
import { decodeXstring, encodeXstring } from "../../src/ooxml/xml";
import { buildXlsx, CellInput } from "../support/xlsx-builder";

const HEADER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "实际完成值",
  "偏差原因分析及改进措施",
];
const form = (project: string): CellInput[][] => [
  ["测试项目2025绩效自评表"],
  ["项目名称", project],
  ["预算数", 100, "全年执行数", 95],
  HEADER,
  ["产出指标", "数量指标", "维护系统数量", "≥6个", "7个"],
  ["效益指标", "社会效益指标", "提高服务水平", "作用显著", "达成"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "97%"],
];

const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    "\r\n",
    "\u0001",
    "\uD800",
    "\uDC00x",
    "_x000D_",
    "_x005F_x0041_",
    "<&>\"'",
    " lead",
    "trail ",
    "\uFFFE"
  )
);

test("encodeXstring and decodeXstring are inverse on any string", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (s) => decodeXstring(encodeXstring(s)) === s),
    { examples: [["_x0041_"], ["\uD800"], ["a\r\nb"], ["_x005F_"]] }
  );
});

test("any project name is read exactly, and what the plan writes of it into 评分汇总 reads back exactly", async () => {
  const base = await buildXlsx({
    sheets: [{ name: "表", rows: form("占位") }],
    sharedStrings: false,
  });
  const zip = await JSZip.loadAsync(base);
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  await fc.assert(
    fc.asyncProperty(
      fc.array(nasty, { minLength: 1, maxLength: 3 }).map((a) => `项目${a.join("")}`),
      async (name) => {
        // The name as Excel would store it: escaped for XML and for SpreadsheetML.
        const xmlText = encodeXstring(name)
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/>/g, "&gt;");
        zip.file(
          "xl/worksheets/sheet1.xml",
          sheetXml.replace(
            ">占位<",
            ` xml:space="preserve">${xmlText}<`.replace(/^ xml:space="preserve">/, ">")
          )
        );
        const data = await zip.generateAsync({ type: "nodebuffer" });
        const read = await readWorkbookBuffer(data, "f.xlsx");
        expect(read.sheets[0].values[1][1]).toBe(name);
        const plan = analyzeWorkbook(read.sheets, { ledger: read.ledger }).plan;
        applyPlan(read.workbook, plan);
        const again = await readWorkbookBuffer(workbookToBuffer(read.workbook), "g.xlsx");
        const summary = again.sheets.find((s) => s.name === "评分汇总")!;
        // What the plan wrote (the engine trims a project name's outer spaces and line ends) is what reads back.
        // The name is in the 项目名称 column, on the table's first row (under the summary's title lines).
        const header = plan.summary!.writes.find((w) => w.value === "项目名称")!;
        const at = { row: header.row + 1, col: header.col };
        const written = plan.summary!.writes.find(
          (w) => w.row === at.row && w.col === at.col
        )!.value;
        expect(written).toBe(name.trim());
        expect(summary.values[at.row - summary.originRow][at.col - summary.originCol]).toBe(
          written
        );
      }
    ),
    { numRuns: 60, examples: [["项目\uD800"], ["项目_x000D_"], ["项目\r\n"]] }
  );
});

test("a damaged sheet part is read or refused in one line, never anything else", async () => {
  const base = await buildXlsx({ sheets: [{ name: "表", rows: form("测试项目") }] });
  const zip = await JSZip.loadAsync(base);
  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: sheetXml.length - 1 }),
      fc.nat({ max: 40 }),
      fc.constantFrom(
        "",
        "<",
        ">",
        '"',
        "</row>",
        '<c r="ZZZZ0">',
        '<f t="array" ref="A1:XFD1048576">1</f>',
        "&#xD800;",
        '<row r="-1">'
      ),
      async (at, cut, insert) => {
        zip.file(
          "xl/worksheets/sheet1.xml",
          sheetXml.slice(0, at) + insert + sheetXml.slice(at + cut)
        );
        const data = await zip.generateAsync({ type: "nodebuffer" });
        try {
          const read = await readWorkbookBuffer(data, "d.xlsx");
          const plan = analyzeWorkbook(read.sheets, { ledger: read.ledger }).plan;
          applyPlan(read.workbook, plan);
          workbookToBuffer(read.workbook);
        } catch (err) {
          expect(err instanceof WorkbookReadError || err instanceof WorkbookWriteError).toBe(true);
          expect((err as Error).message).toMatch(/^[^\n]+\.xlsx: [^\n]+$/);
        }
      }
    ),
    // Once looped for ever: a row's end tag cut away sent the patcher back to the file's start.
    { numRuns: 150, examples: [[sheetXml.indexOf("</row>"), 6, ""]] }
  );
}, 60_000);
