/**
 * SpreadsheetML's `_xHHHH_` escapes (ST_Xstring): Excel writes a carriage return as `_x000D_`, and reads
 * `_x005F_` as an underscore. exceljs decodes them in shared strings only and encodes none; with
 * acceptXstrings (installed by read-workbook) it does both everywhere, and reads ISO date cells as dates.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { applyPlan, writeWorkbook } from "../../src/xlsx/apply-plan";
import { readWorkbook, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import {
  XSTRING_PATCHES,
  acceptXstrings,
  decodeXstring,
  encodeXstring,
  isoDateCell,
} from "../../src/xlsx/xstring";
import { readZipEntry, zipDirectory } from "../../src/xlsx/zip-entries";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");

/** Pieces that make escape-like text likely: `_x`, four hex digits, characters that need an escape. */
const TOKENS = fc.constantFrom(
  "_",
  "x",
  "_x",
  "4041",
  "0041",
  "000D",
  "D",
  "F",
  "\r",
  "\n",
  "\t",
  "\u0001",
  "\u001F",
  "\uFFFF",
  "个",
  "a",
  " "
);

describe("decodeXstring", () => {
  test.each([
    ["≥6个_x000D_\n", "≥6个\r\n"],
    ["_x0041__x0042_", "AB"],
    ["_x00e9_", "é"],
    ["_x005F_x000D_", "_x000D_"], // an escaped underscore: the text really says _x000D_
    ["_x005F_", "_"],
    ["_x12_", "_x12_"],
    ["x000D_", "x000D_"],
    ["_X000D_", "_X000D_"],
    ["无转义", "无转义"],
    ["", ""],
  ])("%j → %j", (raw, text) => {
    expect(decodeXstring(raw)).toBe(text);
  });
});

describe("encodeXstring", () => {
  test.each([
    ["\r", "_x000D_"],
    ["第一行\r\n第二行", "第一行_x000D_\n第二行"],
    ["a\tb\nc", "a\tb\nc"],
    ["\u0001\u001F", "_x0001__x001F_"],
    ["_x0041_", "_x005F_x0041_"],
    // Found by the fast-check round trip below: the escape of \u001F would close `_x4041` into an escape.
    ["_x4041\u001F_", "_x005F_x4041_x001F__"],
    ["_x0041\r", "_x005F_x0041_x000D_"],
    ["_x41_ and _y0041_", "_x41_ and _y0041_"],
    ["\uFFFF", "_xFFFF_"],
    ["=1+1", "=1+1"],
    ["优", "优"],
  ])("%j → %j", (text, raw) => {
    expect(encodeXstring(text)).toBe(raw);
  });

  test("decoding undoes encoding, and the encoding holds no character exceljs drops or XML changes (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(TOKENS, { maxLength: 40 }).map((a) => a.join("")),
        fc.string(),
        (s, t) => {
          for (const text of [s, t, s + t]) {
            const raw = encodeXstring(text);
            expect(decodeXstring(raw)).toBe(text);
            // eslint-disable-next-line no-control-regex
            expect(raw).not.toMatch(/[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/);
          }
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("a workbook whose cells hold Windows line ends, as Excel stores them", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xstring-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The example with E8's target and B3's project name ending in a Windows line end, saved as Excel saves
   *  them (`_x000D_`: the writer acceptXstrings gives exceljs). */
  const withLineEnds = async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(EXAMPLE);
    const ws = wb.worksheets[0];
    ws.getCell("E8").value = "≥6个\r\n";
    ws.getCell("B3").value = "车管所计算机软硬件系统运行维护项目2025\r\n（续）";
    const file = path.join(tmp, "line-ends.xlsx");
    await wb.xlsx.writeFile(file);
    expect(sheetXml(file, "xl/sharedStrings.xml")).toContain(
      '<t xml:space="preserve">≥6个_x000D_\n</t>'
    );
    return file;
  };
  const sheetXml = (file: string, part: string) => {
    const data = fs.readFileSync(file);
    const entry = zipDirectory(data)!.find((e) => e.name === part)!;
    return readZipEntry(data, entry, 1 << 24)!.toString("utf8");
  };

  test("targets and names read as Excel shows them, and score like the example", async () => {
    const file = await withLineEnds();
    const r = await readWorkbook(file);
    expect(r.sheets[0].text[7][4]).toBe("≥6个\r\n");
    const report = analyzeWorkbook(r.sheets, { currentYear: 2025 }).report;
    const example = analyzeWorkbook((await readWorkbook(EXAMPLE)).sheets, {
      currentYear: 2025,
    }).report;
    expect(report.tables[0].project).toBe("车管所计算机软硬件系统运行维护项目2025\r\n（续）");
    expect(report.tables[0].indicators[0]).toEqual(example.tables[0].indicators[0]);
    expect(report.tables[0].total).toBe(example.tables[0].total);
    expect(report.issues.filter((i) => i.cell === "E8")).toEqual([]);
  });

  test("the name copied into the summary is written escaped, reads back the same, and scoring again changes nothing", async () => {
    const file = await withLineEnds();
    const once = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    const score = async (from: string, to: string) => {
      const r = await readWorkbook(from);
      const analysis = analyzeWorkbook(r.sheets, { currentYear: 2025, ledger: r.ledger });
      applyPlan(r.workbook, analysis.plan);
      await writeWorkbook(r.workbook, to);
      return analysis;
    };
    await score(file, once);
    const second = await score(once, twice);
    expect(second.report.issues.filter((i) => i.code === "OUTPUT_OCCUPIED")).toEqual([]);
    const textParts = (f: string) =>
      zipDirectory(fs.readFileSync(f))!
        .map((e) => e.name)
        .filter((n) => /^xl\/(?:worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))
        .map((n) => sheetXml(f, n))
        .join("");
    expect(textParts(once)).toContain("运行维护项目2025_x000D_\n（续）");
    expect(textParts(once)).not.toContain("\r");
    const grids = async (f: string) => (await readWorkbook(f)).sheets.map((s) => s.text);
    expect(await grids(twice)).toEqual(await grids(once));
    const summary = (await readWorkbook(once)).sheets.find((s) => s.name === "评分汇总")!;
    expect(summary.text.flat()).toContain("车管所计算机软硬件系统运行维护项目2025\r\n（续）");
  });
});

describe("exceljs with acceptXstrings, on files", () => {
  /** A workbook whose sheet1 cells are the given XML (A1 onwards), zipped as Excel would. */
  const withCells = async (cells: string) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表一").getCell("A1").value = "x";
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheet.replace(
        /<sheetData>[^]*<\/sheetData>/,
        `<sheetData><row r="1">${cells}</row></sheetData>`
      )
    );
    return zip.generateAsync({ type: "nodebuffer" });
  };
  const readRow = async (cells: string) => {
    const r = await readWorkbookBuffer(await withCells(cells), "cells.xlsx");
    return { text: r.sheets[0].text[0], ws: r.workbook.worksheets[0] };
  };

  test("inline strings and text results are decoded once, shared strings in either case of hex, and never twice", async () => {
    const { text } = await readRow(
      '<c r="A1" t="inlineStr"><is><t>≥6个_x000D_</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c>' +
        '<c r="C1" t="str"><f>"a"&amp;CHAR(13)</f><v>a_x000D_</v></c>' +
        '<c r="D1" t="inlineStr"><is><r><t>≥6</t></r><r><t>个_x000D_</t></r></is></c>'
    );
    expect(text.slice(0, 4)).toEqual(["≥6个\r", "_x0041_", "a\r", "≥6个\r"]);
    // Shared strings: lower-case hex is an escape too, as Excel reads it.
    const JSZip = (await import("jszip")).default;
    const shared = new ExcelJS.Workbook();
    shared.addWorksheet("表一").getCell("A1").value = "placeholder";
    const zip = await JSZip.loadAsync(await shared.xlsx.writeBuffer());
    const sst = await zip.file("xl/sharedStrings.xml")!.async("string");
    zip.file("xl/sharedStrings.xml", sst.replace("placeholder", "≥6个_x000d_ _x005F_x000d_"));
    const lower = await readWorkbookBuffer(
      await zip.generateAsync({ type: "nodebuffer" }),
      "l.xlsx"
    );
    expect(lower.sheets[0].text[0][0]).toBe("≥6个\r _x000d_");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表一").getCell("A1").value = "_x0041_"; // stored _x005F_x0041_ by the patched writer
    const again = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "s.xlsx");
    expect(again.sheets[0].text[0][0]).toBe("_x0041_");
  });

  test("an ISO 8601 date cell reads as its date, not as its year", async () => {
    const { text, ws } = await readRow(
      '<c r="A1" t="d"><v>2025-03-20T00:00:00</v></c><c r="B1" t="d"><v>2025-03-20</v></c>' +
        '<c r="C1" t="d"><v>not a date</v></c>'
    );
    expect(ws.getCell("A1").value).toEqual(new Date(Date.UTC(2025, 2, 20)));
    expect(ws.getCell("B1").value).toEqual(new Date(Date.UTC(2025, 2, 20)));
    expect(text[0]).toBe("2025/3/20");
  });

  test("any text survives a write and a read exactly: carriage returns, control characters, literal escapes (fast-check)", async () => {
    const texts = fc.array(TOKENS, { minLength: 1, maxLength: 30 }).map((a) => a.join(""));
    await fc.assert(
      fc.asyncProperty(texts, texts, async (plain, run) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet("表一");
        ws.getCell("A1").value = plain;
        ws.getCell("B1").value = {
          richText: [{ text: run }, { text: "尾", font: { bold: true } }],
        };
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(await wb.xlsx.writeBuffer());
        expect(back.worksheets[0].getCell("A1").value).toBe(plain);
        expect(back.worksheets[0].getCell("B1").text).toBe(run + "尾");
      }),
      { numRuns: 150 }
    );
  });

  test("both patches are found in this exceljs, and installing again wraps nothing twice", () => {
    expect(acceptXstrings()).toBe(XSTRING_PATCHES);
    const proto = (
      require("exceljs/lib/xlsx/xform/strings/text-xform") as { prototype: { render: unknown } }
    ).prototype;
    const once = proto.render;
    acceptXstrings();
    expect(proto.render).toBe(once);
  });
});

describe("isoDateCell", () => {
  test.each([
    ["2025-03-20", Date.UTC(2025, 2, 20)],
    ["2025-03-20T08:30", Date.UTC(2025, 2, 20, 8, 30)],
    ["2025-03-20T08:30:15.5Z", Date.UTC(2025, 2, 20, 8, 30, 15, 500)],
    ["2025-03-20T08:30:15+08:00", Date.UTC(2025, 2, 20, 8, 30, 15)],
    ["2025-02-30", null],
    ["2025-3-20", null],
    ["20250320", null],
  ])("%s", (s, expected) => {
    expect(isoDateCell(s)?.getTime() ?? null).toBe(expected);
  });
});
