import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { LEDGER_SHEET } from "../../src/core/ledger";
import type { SheetGrid } from "../../src/core/types";
import {
  cellContent,
  dateToSerial,
  displayText,
  withEnglishTokens,
} from "../../src/xlsx/display-text";
import { readWorkbook, readWorkbookBuffer, WorkbookReadError } from "../../src/xlsx/read-workbook";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-wb-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

function at(
  g: SheetGrid,
  a1: string
): { value: unknown; text: string; format?: string; formula?: string } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  const i = Number(m[2]) - 1 - g.originRow;
  const j = col - 1 - g.originCol;
  return {
    value: g.values[i]?.[j] ?? null,
    text: g.text[i]?.[j] ?? "",
    format: g.formats?.[i]?.[j],
    formula: g.formulas?.[i]?.[j],
  };
}

describe("displayText (numfmt)", () => {
  test.each([
    [0.97, "0%", "97%"],
    [0.965, "0.00%", "96.50%"],
    [97, "0.00", "97.00"],
    [92.5, "General", "92.5"],
    [0.1 + 0.2, "General", "0.3"],
    [45736, "yyyy-mm-dd", "2025-03-20"],
    [45736, 'yyyy"年"m"月"d"日"', "2025年3月20日"],
    [45736, "mm-dd-yy", "2025/3/20"],
    [12, "@", "12"],
    ["=1+1", "@", "=1+1"],
    [true, "General", "TRUE"],
    [1234.5, "#,##0.00", "1,234.50"],
    // Chinese spellings Chinese Excel and WPS leave in format codes (numfmt failed on them: General).
    [7, 'G/通用格式"个"', "7个"],
    [-3, "G/通用格式;-G/通用格式;", "-3"],
    [-5, "#,##0.00_);[红色](#,##0.00)", "(5.00)"],
    [5, "[颜色10]0.0", "5.0"],
    [0.6, '上午/下午h"时"mm"分"', "下午2时24分"],
    // Quoted or escaped, they are text.
    [5, '"[红色]"0', "[红色]5"],
    [3, '0"G/通用格式"', "3G/通用格式"],
  ])("%p in %p shows %p", (value, fmt, text) => {
    expect(displayText(value as never, fmt)).toBe(text);
  });

  test("Chinese format tokens: replaced outside quotes and escapes only, whatever the code (fuzzed)", () => {
    const piece = fc.constantFrom(
      "G/通用格式",
      "上午/下午",
      "[红色]",
      "[颜色",
      '"',
      "\\",
      "0",
      "#,##0.00",
      ";",
      "[",
      "]",
      "年",
      "_ ",
      "@"
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((a) => a.join("")),
        (code) => {
          const out = withEnglishTokens(code);
          // Quoted text is text: wrapped in quotes (its own quotes dropped), it comes back as it was.
          const quoted = `"${code.replace(/"/g, "")}"`;
          expect(withEnglishTokens(quoted)).toBe(quoted);
          // An escaped character is literal: the character after a backslash never changes.
          if (code.startsWith("\\")) expect(out.slice(0, 2)).toBe(code.slice(0, 2));
          // No Chinese spelling of a token is left in a run of code between quotes and escapes.
          const runs = [""];
          for (let i = 0; i < out.length; i++) {
            if (out[i] === "\\") i++;
            else if (out[i] === '"')
              i = out.indexOf('"', i + 1) < 0 ? out.length : out.indexOf('"', i + 1);
            else {
              runs[runs.length - 1] += out[i];
              continue;
            }
            runs.push("");
          }
          for (const run of runs) expect(run).not.toMatch(/G\/通用格式|上午\/下午|\[红色\]/);
          expect(typeof displayText(3.5, code)).toBe("string");
        }
      ),
      // Once taken for a token left behind: `[` and an escaped `[` before 红色] are no [红色].
      { numRuns: 500, examples: [["[\\[红色]"]] }
    );
  });

  test("an invalid format falls back to General", () => {
    expect(displayText(3.5, '"abc')).toBe("3.5");
  });

  test("JS dates from exceljs are UTC wall-clock dates", () => {
    expect(dateToSerial(new Date(Date.UTC(2025, 2, 20)))).toBe(45736);
    expect(cellContent(new Date(Date.UTC(2025, 2, 20)), "yyyy-mm-dd")).toEqual({
      value: 45736,
      text: "2025-03-20",
      formula: "",
    });
  });

  test("formula results, errors, rich text and hyperlinks", () => {
    expect(cellContent({ formula: "A1/B1", result: 0.5 }, "0%")).toEqual({
      value: 0.5,
      text: "50%",
      formula: "=A1/B1",
    });
    expect(cellContent({ formula: "A1/0", result: { error: "#DIV/0!" } }, "General")).toEqual({
      value: "#DIV/0!",
      text: "#DIV/0!",
      formula: "=A1/0",
    });
    expect(cellContent({ error: "#N/A" }, "General")).toEqual({
      value: "#N/A",
      text: "#N/A",
      formula: "",
    });
    expect(
      cellContent({ richText: [{ text: "7" }, { font: { bold: true }, text: "个" }] }, "General")
        .value
    ).toBe("7个");
    expect(cellContent({ text: "link", hyperlink: "https://example.com" }, "General").text).toBe(
      "link"
    );
    expect(cellContent({ formula: "X", result: undefined }, "General")).toEqual({
      value: null,
      text: "",
      formula: "=X",
    });
  });
});

describe("readWorkbook", () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表一");
    ws.getCell("B2").value = "标题";
    ws.mergeCells("B2:F2");
    ws.getCell("B3").value = "一级指标";
    ws.getCell("B4").value = "产出指标";
    ws.mergeCells("B4:B6");
    ws.getCell("C4").value = 0.97;
    ws.getCell("C4").numFmt = "0%";
    ws.getCell("C5").value = new Date(Date.UTC(2025, 2, 20));
    ws.getCell("C5").numFmt = "yyyy-mm-dd";
    ws.getCell("C6").value = { formula: "C4*100", result: 97 };
    ws.getCell("D4").value = 97;
    ws.getCell("D4").numFmt = "0.00";
    ws.getCell("D5").value = "=not a formula";
    ws.getCell("D6").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("E4").value = { richText: [{ text: "7" }, { text: "个" }] };
    ws.getCell("E5").value = true;
    ws.getCell("E6").value = "  ";
    const hidden = wb.addWorksheet("hidden", { state: "hidden" });
    hidden.getCell("A1").value = 1;
    wb.addWorksheet("empty");
    const ledger = wb.addWorksheet(LEDGER_SHEET, { state: "veryHidden" });
    ledger.addRow(["sheet", "cell", "value"]);
    ledger.addRow(["表一", "G4", JSON.stringify("达成")]);
    ledger.addRow(["表一", "H4", JSON.stringify(9.5)]);
    file = await save(wb, "basic.xlsx");
  });

  test("sheets, used range and origin", async () => {
    const { sheets } = await readWorkbook(file);
    expect(sheets.map((s) => s.name)).toEqual(["表一", "hidden", "empty"]);
    const g = sheets[0];
    expect([g.originRow, g.originCol]).toEqual([1, 1]);
    expect(g.values.length).toBe(5);
    expect(g.values.every((r) => r.length === 4)).toBe(true);
    expect(sheets[2].values).toEqual([]);
  });

  test("merged areas are blank except their top-left cell", async () => {
    const g = (await readWorkbook(file)).sheets[0];
    expect(at(g, "B2").value).toBe("标题");
    expect(at(g, "C2").value).toBeNull();
    expect(at(g, "C2").text).toBe("");
    expect(at(g, "B4").value).toBe("产出指标");
    expect(at(g, "B5").value).toBeNull();
    expect(at(g, "B6").text).toBe("");
  });

  test("the merged areas come with the grid, 0-based, for the plan to keep out of", async () => {
    const g = (await readWorkbook(file)).sheets[0];
    expect(g.merges).toEqual(
      expect.arrayContaining([
        { row: 1, col: 1, rows: 1, cols: 5 }, // B2:F2
        { row: 3, col: 1, rows: 3, cols: 1 }, // B4:B6
      ])
    );
    expect(g.merges).toHaveLength(2);
    expect((await readWorkbook(file)).sheets[2].merges).toBeUndefined();
  });

  test("values, formats, display text and formulas", async () => {
    const g = (await readWorkbook(file)).sheets[0];
    expect(at(g, "C4")).toMatchObject({ value: 0.97, text: "97%", format: "0%", formula: "" });
    expect(at(g, "C5")).toMatchObject({ value: 45736, text: "2025-03-20", format: "yyyy-mm-dd" });
    expect(at(g, "C6")).toMatchObject({ value: 97, text: "97", formula: "=C4*100" });
    expect(at(g, "D4")).toMatchObject({ value: 97, text: "97.00" });
    expect(at(g, "D5")).toMatchObject({
      value: "=not a formula",
      text: "=not a formula",
      formula: "",
    });
    expect(at(g, "D6")).toMatchObject({ value: "#DIV/0!", text: "#DIV/0!", formula: "=1/0" });
    expect(at(g, "E4")).toMatchObject({ value: "7个", text: "7个" });
    expect(at(g, "E5")).toMatchObject({ value: true, text: "TRUE" });
  });

  test("the ledger sheet is read and left out of the sheets", async () => {
    const { sheets, ledger } = await readWorkbook(file);
    expect(sheets.find((s) => s.name === LEDGER_SHEET)).toBeUndefined();
    expect(ledger.get("表一", 3, 6)).toBe("达成");
    expect(ledger.get("表一", 3, 7)).toBe(9.5);
  });

  test("Chinese built-in date formats (id 31) read as dates", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.getCell("A1").value = 45736;
    const f = await save(wb, "zh-date.xlsx");
    // Rewrite the style to the built-in id 31 (yyyy"年"m"月"d"日" in Chinese Excel), as Excel stores it.
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(f));
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const patched = styles
      .replace(/<cellXfs count="(\d+)">/, (_m, n) => `<cellXfs count="${Number(n) + 1}">`)
      .replace(
        "</cellXfs>",
        '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
      );
    const xfCount = Number(/<cellXfs count="(\d+)">/.exec(patched)![1]);
    zip.file("xl/styles.xml", patched);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      sheet.replace(/<c r="A1"( s="\d+")?/, `<c r="A1" s="${xfCount - 1}"`)
    );
    fs.writeFileSync(f, await zip.generateAsync({ type: "nodebuffer" }));
    const g = (await readWorkbook(f)).sheets[0];
    expect(at(g, "A1")).toMatchObject({ value: 45736, text: "2025年3月20日" });
  });

  test("1904 date system: dates show their own day, durations and times are not shifted", async () => {
    // A workbook made on an old Mac: serials count from 1904-01-01. A date shows as the same day as in
    // Excel; a duration ([h]:mm) or a time of day is no date and shows its hours unshifted.
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("s");
    const cells: [string, number, string][] = [
      ["A1", 44274, "yyyy-mm-dd"], // 2025-03-20 in the 1904 system
      ["A2", 1.5, "[h]:mm"],
      ["A3", 0.5, "h:mm"],
      ["A4", 0.975, "0.0%"],
    ];
    for (const [a1, value, numFmt] of cells) {
      ws.getCell(a1).value = value;
      ws.getCell(a1).numFmt = numFmt;
    }
    const g = (await readWorkbook(await save(wb, "date1904.xlsx"))).sheets[0];
    // Values as stored (the adapter moves data; the engine shifts dates, see the core and CLI tests).
    expect(g.date1904).toBe(true);
    expect(at(g, "A1")).toMatchObject({ value: 44274, text: "2025-03-20" });
    expect(at(g, "A2")).toMatchObject({ value: 1.5, text: "36:00" });
    expect(at(g, "A3").text).toBe("12:00");
    expect(at(g, "A4")).toMatchObject({ value: 0.975, text: "97.5%" });
  });
});

describe("unreadable files → WorkbookReadError", () => {
  async function reason(name: string, data: Buffer | string): Promise<WorkbookReadError> {
    const f = path.join(dir, name);
    fs.writeFileSync(f, data);
    try {
      await readWorkbook(f);
    } catch (err) {
      expect(err).toBeInstanceOf(WorkbookReadError);
      const e = err as WorkbookReadError;
      expect(e.message).toContain(name);
      expect(e.message).not.toMatch(/\n/);
      return e;
    }
    throw new Error("no error thrown");
  }

  test("not a zip", async () => {
    expect((await reason("noise.xlsx", Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]))).code).toBe(
      "NOT_XLSX"
    );
  });
  test("CSV renamed .xlsx", async () => {
    const e = await reason("data.xlsx", "一级指标,二级指标,三级指标\n产出指标,数量指标,x\n");
    expect(e.code).toBe("NOT_XLSX");
    expect(e.message).toMatch(/CSV/);
  });
  test("empty file", async () => {
    expect((await reason("empty.xlsx", Buffer.alloc(0))).code).toBe("EMPTY");
  });
  test("truncated", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("s").getCell("A1").value = "x".repeat(1000);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await reason("cut.xlsx", buf.subarray(0, Math.floor(buf.length / 2)))).code).toBe(
      "CORRUPT"
    );
  });
  test("old .xls / encrypted (CFB container)", async () => {
    const cfb = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600),
    ]);
    expect((await reason("old.xls", cfb)).code).toBe("XLS");
    const enc = Buffer.concat([cfb, Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(64)]);
    const e = await reason("locked.xlsx", enc);
    expect(e.code).toBe("ENCRYPTED");
    expect(e.localized("zh")).toContain("密码");
  });
  test("a zip that is not a workbook", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file("hello.txt", "hi");
    const e = await reason("other.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
    expect(["NOT_XLSX", "NO_WORKSHEETS", "CORRUPT"]).toContain(e.code);
  });
  test("missing file", async () => {
    await expect(readWorkbook(path.join(dir, "nope.xlsx"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
  test("buffer variant", async () => {
    await expect(readWorkbookBuffer(Buffer.from("a,b\n1,2\n"), "x.xlsx")).rejects.toBeInstanceOf(
      WorkbookReadError
    );
  });
});
