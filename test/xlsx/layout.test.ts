/**
 * The write operations of issue 18 through the package editor, from hand-built plans (the planner is not
 * needed to know the writer applies them): named cell styles and layouts of the tool's own sheets, added
 * columns taking a form's own formats (formatLike), print areas, and defined names that must follow their
 * sheet when sheets before them are removed. Every result is judged by openpyxl, which shares nothing with
 * the writer; a second application of the same plan must give the same bytes, and the parts no operation
 * touches must come through byte for byte.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { LEDGER_SHEET, Ledger, STYLES, SUMMARY_SHEET } from "../../src/core";
import type { WritePlan } from "../../src/core";
import { run } from "../../src/cli/run";
import { applyPlan, workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { buildXlsx } from "../support/xlsx-builder";
import { readWithOpenpyxl } from "../support/openpyxl";
import { readPrintSettings } from "../support/openpyxl-print";
import { FORMS, formsPlan, planOf, summaryPlan } from "../support/own-sheet-plans";

const HIGHLIGHT = "FFFFC7CE";
const THIN = { left: "thin", right: "thin", top: "thin", bottom: "thin" };
const NONE = { left: null, right: null, top: null, bottom: null };

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "layout-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function apply(data: Buffer, plan: WritePlan): Promise<Buffer> {
  const { workbook } = await readWorkbookBuffer(data);
  applyPlan(workbook, plan);
  return workbookToBuffer(workbook);
}

function save(name: string, data: Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Each part's inflated bytes, by name. */
async function parts(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(data);
  const out = new Map<string, Buffer>();
  for (const [name, e] of Object.entries(zip.files))
    if (!e.dir) out.set(name, await e.async("nodebuffer"));
  return out;
}

/** Rewrites xl/workbook.xml with JSZip, as a user's Excel would have saved names into it. */
async function withWorkbookXml(data: Buffer, f: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  zip.file("xl/workbook.xml", f(await zip.file("xl/workbook.xml")!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Adds `<definedNames>` with these elements right after `<sheets>` (CT_Workbook's place for them). */
function addNames(names: string): (xml: string) => string {
  return (xml) => xml.replace("</sheets>", `</sheets><definedNames>${names}</definedNames>`);
}

const userBook = () =>
  buildXlsx({
    styles: { defaultFont: { name: "宋体", size: 11 } },
    sheets: [{ name: "绩效表", rows: [["项目名称", "道路养护"]] }],
  });

describe("the tool's own sheets: named styles and layout", () => {
  let input: Buffer;
  let out: Buffer;
  beforeAll(async () => {
    input = await userBook();
    out = await apply(input, planOf({ summary: summaryPlan(), forms: formsPlan() }));
  });

  test("styles read back by openpyxl: the workbook's own font, bold and size, fills, thin borders, alignment", () => {
    const file = save("styles.xlsx", out);
    const c = readWithOpenpyxl(file, { styledEmpty: true, cellsOf: [FORMS] }).sheet(FORMS).cells;
    // title: the default font (宋体, so a CJK font stays) made bold and 16 points, centred, no border
    expect(c.A1.font).toMatchObject({ name: "宋体", size: 16, bold: true });
    expect(c.A1.alignment).toEqual({ horizontal: "center", vertical: "center", wrapText: false });
    expect(c.A1.border).toEqual(NONE);
    // caption: the default font at the style's size (style.ts: the body size), not bold
    expect(c.A2.font).toMatchObject({ name: "宋体", size: STYLES.caption.size, bold: false });
    // label: centred, wrapped, thin borders on all four sides
    expect(c.A3.border).toEqual(THIN);
    expect(c.A3.alignment).toEqual({ horizontal: "center", vertical: "center", wrapText: true });
    // header: bold with the light fill
    expect(c.A4.font.bold).toBe(true);
    expect(c.A4.fill).toBe("FFF2F2F2");
    expect(c.A4.border).toEqual(THIN);
    // text: left; number: right with its number format; the highlight over the style's fill
    expect(c.B3.alignment.horizontal).toBe("left");
    expect(c.C5).toMatchObject({ v: 20, numFmt: "0.00", border: THIN, fill: null });
    expect(c.C5.alignment.horizontal).toBe("right");
    expect(c.D5).toMatchObject({ v: 12.5, numFmt: "0.00", border: THIN, fill: HIGHLIGHT });
    expect(c.D6).toMatchObject({ v: 92.5, numFmt: "0.00", border: THIN });
    expect(c.D6.font.bold).toBe(true);
    // blank: a bordered empty cell
    expect(c.B7).toMatchObject({ v: null, border: THIN });
    // The hidden cells of a bordered merge carry its style, so its right and bottom edges print
    // (openpyxl shows a merge's hidden cells with the merge's outer edges only).
    expect(c.D3.border).toMatchObject({ right: "thin", top: "thin", bottom: "thin" });
    expect(c.D7.border).toMatchObject({ right: "thin", top: "thin", bottom: "thin" });
  });

  test("one cell format per combination, reused across forms", async () => {
    const p = await parts(out);
    const formsXml = [...p.entries()].find(
      ([n, d]) => /^xl\/worksheets\//.test(n) && d.toString("utf8").includes("道路养护1")
    )![1];
    const s = (ref: string) =>
      new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(formsXml.toString("utf8"))?.[1];
    expect(s("A3")).toBeDefined();
    expect(s("A11")).toBe(s("A3")); // 项目名称 of the second form
    expect(s("A12")).toBe(s("A4"));
    expect(s("C13")).toBe(s("C5"));
    expect(s("D13")).toBe(s("D5"));
    expect(s("D5")).not.toBe(s("C5")); // the highlight is its own combination
    // label, text, header, number, number+highlight, total, total+format, blank, title, caption
    const styles = p.get("xl/styles.xml")!.toString("utf8");
    const xfs = (x: string) => Number(/<cellXfs count="(\d+)"/.exec(x)![1]);
    const before = (await parts(input)).get("xl/styles.xml")!.toString("utf8");
    expect(xfs(styles) - xfs(before)).toBeLessThanOrEqual(12);
  });

  test("merges, row heights, A4 page setup one page wide, manual breaks and print titles", () => {
    const file = save("layout.xlsx", out);
    const book = readWithOpenpyxl(file, { cellsOf: [] });
    expect(book.sheet(FORMS).merges).toEqual(
      expect.arrayContaining(["A1:D1", "A2:D2", "B3:D3", "A6:C6", "B7:D7", "A9:D9", "B23:D23"])
    );
    expect(book.sheet(FORMS).merges).toHaveLength(15);
    expect(book.sheet(FORMS).heights).toMatchObject({ "1": 30, "9": 30, "17": 30 });
    const p = readPrintSettings(file);
    expect(p[FORMS]).toMatchObject({
      orientation: "portrait",
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      fitToPage: true,
      printTitleRows: null,
      printArea: null,
    });
    // Breaks after rows 8 and 16 (1-based): the second and third forms each start a page.
    expect(p[FORMS].rowBreaks).toEqual([
      { id: 8, man: true, max: 16383 },
      { id: 16, man: true, max: 16383 },
    ]);
    expect(p[SUMMARY_SHEET]).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToWidth: 1,
      fitToHeight: 0,
      fitToPage: true,
      printTitleRows: "$1:$1",
      rowBreaks: [],
    });
    // The user's sheet is not given a page setup.
    expect(p["绩效表"]).toMatchObject({ fitToPage: false, printTitleRows: null });
  });

  test("worksheet elements in CT_Worksheet's order (Excel repairs a file that breaks it)", async () => {
    const order = [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "mergeCells",
      "hyperlinks",
      "pageMargins",
      "pageSetup",
      "rowBreaks",
    ];
    for (const [name, data] of await parts(out)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      const xml = data.toString("utf8");
      const seen = [...xml.matchAll(/<(\w+)[\s/>]/g)]
        .map((m) => m[1])
        .filter((n) => order.includes(n));
      const firsts = seen.filter((n, i) => seen.indexOf(n) === i);
      expect({ name, firsts }).toEqual({
        name,
        firsts: [...firsts].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
      });
    }
  });

  test("the same plan again gives the same bytes; untouched parts come through byte for byte", async () => {
    const again = await apply(out, planOf({ summary: summaryPlan(), forms: formsPlan() }));
    expect(again.equals(out)).toBe(true);
    const before = await parts(input);
    const after = await parts(out);
    const allowed = (n: string) =>
      /^xl\/worksheets\/sheet\d+\.xml$/.test(n) ||
      [
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
      ].includes(n);
    for (const [name, data] of before)
      if (!allowed(name))
        expect({ name, same: after.get(name)?.equals(data) }).toEqual({ name, same: true });
    // The user's sheet receives nothing here: its part is untouched too.
    const userPart = [...before.keys()].find((n) => /^xl\/worksheets\/sheet1\.xml$/.test(n))!;
    expect(after.get(userPart)!.equals(before.get(userPart)!)).toBe(true);
  });

  test("rebuilt without print titles, the old title name goes; removed, the forms sheet leaves no name", async () => {
    const plain = summaryPlan();
    plain.layout!.page.printTitleRows = undefined;
    const rebuilt = await apply(out, planOf({ summary: plain, forms: formsPlan() }));
    const wb = (await parts(rebuilt)).get("xl/workbook.xml")!.toString("utf8");
    expect(wb).not.toContain("Print_Titles");
    const gone = await apply(out, planOf({ deleteSheets: [SUMMARY_SHEET, FORMS] }));
    const file = save("gone.xlsx", gone);
    expect(readWithOpenpyxl(file, { cellsOf: [] }).sheets.map((s) => s.name)).toEqual(["绩效表"]);
    expect((await parts(gone)).get("xl/workbook.xml")!.toString("utf8")).not.toContain(
      "definedName"
    );
  });

  test("the ledger follows both own sheets by their ids", async () => {
    const ledger = new Ledger();
    ledger.addSheet(SUMMARY_SHEET);
    ledger.addSheet(FORMS);
    const withLedger = await apply(
      input,
      planOf({ summary: summaryPlan(), forms: formsPlan(), ledger })
    );
    const file = save("ledger.xlsx", withLedger);
    const book = readWithOpenpyxl(file, { cellsOf: [LEDGER_SHEET] });
    const rows = Object.entries(book.sheet(LEDGER_SHEET).cells)
      .filter(([ref]) => /^A\d+$/.test(ref))
      .map(([ref, c]) => [c.v, book.sheet(LEDGER_SHEET).cells[`D${ref.slice(1)}`]?.v]);
    const wbXml = (await parts(withLedger)).get("xl/workbook.xml")!.toString("utf8");
    const idOf = (name: string) => new RegExp(`name="${name}" sheetId="(\\d+)"`).exec(wbXml)![1];
    expect(rows).toEqual(
      expect.arrayContaining([
        [FORMS, idOf(FORMS)],
        [SUMMARY_SHEET, idOf(SUMMARY_SHEET)],
      ])
    );
  });
});

describe("formatLike: added columns take the form's own formats, row by row", () => {
  test("the source cell's format, else its row's, else its column's; values, number formats and highlight over it", async () => {
    const input = await buildXlsx({
      sheets: [
        {
          name: "绩效表",
          rows: [
            [
              {
                v: "指标",
                style: {
                  font: { bold: true },
                  fill: "FFDDEBF7",
                  border: "thin",
                  alignment: { horizontal: "center" },
                },
              },
              {
                v: "指标值",
                style: {
                  font: { bold: true },
                  fill: "FFDDEBF7",
                  border: "thin",
                  alignment: { horizontal: "center" },
                },
              },
            ],
            [
              { v: "数量", style: { border: "thin" } },
              { v: 6, style: { border: "thin", numFmt: "0.0" } },
            ],
            [
              { v: "质量", style: { border: "thin" } },
              { v: 0.95, style: { border: "thin", numFmt: "0.0" } },
            ],
            [
              { v: "时效", style: { border: "thin" } },
              { v: 3, style: { border: "thin", numFmt: "0.0" } },
            ],
            ["成本"],
            ["效益"],
          ],
          rowProps: { 5: { style: { fill: "FFFFFF00" } } },
          cols: [{ min: 2, max: 2, style: { font: { italic: true } } }],
        },
      ],
    });
    const sheet = "绩效表";
    const plan = planOf({
      formatLike: [{ sheet, rect: { row: 0, col: 3, rows: 6, cols: 2 }, fromCol: 1 }],
      writes: [
        { sheet, row: 0, col: 3, value: "分值" },
        { sheet, row: 1, col: 3, value: 10, numberFormat: "0.00" },
        { sheet, row: 2, col: 3, value: 5, highlight: true },
      ],
    });
    const out = await apply(input, plan);
    const file = save("like.xlsx", out);
    const c = readWithOpenpyxl(file, { styledEmpty: true }).sheet(sheet).cells;
    expect(c.D1).toMatchObject({ v: "分值", fill: "FFDDEBF7", border: THIN });
    expect(c.D1.font.bold).toBe(true);
    expect(c.D1.alignment.horizontal).toBe("center");
    expect(c.E1).toMatchObject({ v: null, fill: "FFDDEBF7", border: THIN });
    expect(c.D2).toMatchObject({ v: 10, numFmt: "0.00", border: THIN });
    expect(c.E2).toMatchObject({ v: null, numFmt: "0.0", border: THIN });
    expect(c.D3).toMatchObject({ v: 5, numFmt: "0.0", border: THIN, fill: HIGHLIGHT });
    // Row 5 has no cell in B: its row's format (yellow); row 6 neither: B's column format (italic).
    expect(c.D5.fill).toBe("FFFFFF00");
    expect(c.E5.fill).toBe("FFFFFF00");
    expect(c.D6.font.italic).toBe(true);
    // The source column is left as it was.
    expect(c.B2).toMatchObject({ v: 6, numFmt: "0.0", fill: null });
    expect((await apply(out, plan)).equals(out)).toBe(true);
  });
});

describe("print areas", () => {
  test("set, grown and removed as _xlnm.Print_Area scoped to the sheet; read back into SheetGrid.printArea", async () => {
    const built = await buildXlsx({
      sheets: [
        { name: "绩效表", rows: [["a", 1]] },
        { name: "第 二's", rows: [["b", 2]] },
      ],
    });
    const input = await withWorkbookXml(
      built,
      addNames(
        `<definedName name="_xlnm.Print_Area" localSheetId="1">'第 二''s'!$A$1:$C$10</definedName>`
      )
    );
    expect((await readWorkbookBuffer(input)).sheets[1].printArea).toEqual({
      row: 0,
      col: 0,
      rows: 10,
      cols: 3,
    });
    const grown = await apply(
      input,
      planOf({
        printAreas: [
          { sheet: "绩效表", area: { row: 0, col: 0, rows: 20, cols: 8 } },
          { sheet: "第 二's", area: { row: 0, col: 0, rows: 10, cols: 6 } },
        ],
      })
    );
    const file = save("areas.xlsx", grown);
    let p = readPrintSettings(file);
    expect(p["绩效表"].printArea).toEqual(["$A$1:$H$20"]);
    expect(p["第 二's"].printArea).toEqual(["$A$1:$F$10"]);
    const read = await readWorkbookBuffer(grown);
    expect(read.sheets.map((s) => s.printArea)).toEqual([
      { row: 0, col: 0, rows: 20, cols: 8 },
      { row: 0, col: 0, rows: 10, cols: 6 },
    ]);
    const plan = planOf({
      printAreas: [
        { sheet: "绩效表", area: null },
        { sheet: "第 二's", area: { row: 0, col: 0, rows: 10, cols: 6 } },
      ],
    });
    const back = await apply(grown, plan);
    p = readPrintSettings(save("back.xlsx", back));
    expect(p["绩效表"].printArea).toBeNull();
    expect(p["第 二's"].printArea).toEqual(["$A$1:$F$10"]);
    expect((await apply(back, plan)).equals(back)).toBe(true);
  });

  test("an area spelt another way but naming the same cells is left as written", async () => {
    const built = await buildXlsx({ sheets: [{ name: "表", rows: [["a"]] }] });
    const input = await withWorkbookXml(
      built,
      addNames(`<definedName name="_xlnm.Print_Area" localSheetId="0">表!A1:C10</definedName>`)
    );
    const out = await apply(
      input,
      planOf({ printAreas: [{ sheet: "表", area: { row: 0, col: 0, rows: 10, cols: 3 } }] })
    );
    expect(
      (await parts(out))
        .get("xl/workbook.xml")!
        .equals((await parts(input)).get("xl/workbook.xml")!)
    ).toBe(true);
  });

  test("areas the engine cannot grow safely are not given: several areas, another sheet, whole columns read as such", async () => {
    const built = await buildXlsx({
      sheets: [
        { name: "A", rows: [["a"]] },
        { name: "B", rows: [["b"]] },
        { name: "C", rows: [["c"]] },
      ],
    });
    const input = await withWorkbookXml(
      built,
      addNames(
        `<definedName name="_xlnm.Print_Area" localSheetId="0">A!$A$1:$B$2,A!$D$1:$E$2</definedName>` +
          `<definedName name="_xlnm.Print_Area" localSheetId="1">C!$A$1:$B$2</definedName>` +
          `<definedName name="_xlnm.Print_Area" localSheetId="2">C!$A:$C</definedName>`
      )
    );
    const read = await readWorkbookBuffer(input);
    expect(read.sheets.map((s) => s.printArea)).toEqual([
      undefined,
      undefined,
      { row: 0, col: 0, rows: 1_048_576, cols: 3 },
    ]);
  });
});

describe("defined names follow their sheet when sheets before it are removed", () => {
  test("Clear removes the summary, the forms and the ledger: later sheets keep their own print areas", async () => {
    const built = await buildXlsx({
      sheets: [
        { name: "绩效表", rows: [["a"]] },
        { name: SUMMARY_SHEET, rows: [["汇总"]] },
        { name: FORMS, rows: [["自评表"]] },
        { name: "第二表", rows: [["b"]] },
        { name: LEDGER_SHEET, state: "veryHidden", rows: [["sheet", "cell", "values", "sheetId"]] },
        { name: "第三表", rows: [["c"]] },
      ],
    });
    const input = await withWorkbookXml(
      built,
      addNames(
        `<definedName name="_xlnm.Print_Area" localSheetId="0">'绩效表'!$A$1:$B$2</definedName>` +
          `<definedName name="_xlnm.Print_Titles" localSheetId="1">'${SUMMARY_SHEET}'!$1:$1</definedName>` +
          `<definedName name="_xlnm.Print_Titles" localSheetId="2">'${FORMS}'!$1:$2</definedName>` +
          `<definedName name="_xlnm.Print_Area" localSheetId="3">'第二表'!$A$1:$C$3</definedName>` +
          `<definedName name="_xlnm.Print_Area" localSheetId="5">'第三表'!$A$1:$D$4</definedName>` +
          `<definedName name="合计">'第三表'!$A$1</definedName>`
      )
    );
    const out = await apply(input, planOf({ deleteSheets: [SUMMARY_SHEET, FORMS] }));
    const file = save("removed.xlsx", out);
    const p = readPrintSettings(file);
    expect(Object.keys(p)).toEqual(["绩效表", "第二表", "第三表"]);
    expect(p["绩效表"].printArea).toEqual(["$A$1:$B$2"]);
    expect(p["第二表"].printArea).toEqual(["$A$1:$C$3"]);
    expect(p["第三表"].printArea).toEqual(["$A$1:$D$4"]);
    expect(Object.values(p).every((s) => s.printTitleRows === null)).toBe(true);
    const wb = (await parts(out)).get("xl/workbook.xml")!.toString("utf8");
    expect(wb).toContain(`<definedName name="合计">'第三表'!$A$1</definedName>`);
    // Read again, each area is its own sheet's.
    expect((await readWorkbookBuffer(out)).sheets.map((s) => s.printArea)).toEqual([
      { row: 0, col: 0, rows: 2, cols: 2 },
      { row: 0, col: 0, rows: 3, cols: 3 },
      { row: 0, col: 0, rows: 4, cols: 4 },
    ]);
  });

  test("rebuilding the summary in the middle keeps every other sheet's names where they were", async () => {
    const built = await buildXlsx({
      sheets: [
        { name: "绩效表", rows: [["a"]] },
        { name: SUMMARY_SHEET, rows: [["汇总"]] },
        { name: "第二表", rows: [["b"]] },
      ],
    });
    const input = await withWorkbookXml(
      built,
      addNames(
        `<definedName name="_xlnm.Print_Titles" localSheetId="1">'${SUMMARY_SHEET}'!$1:$1</definedName>` +
          `<definedName name="_xlnm.Print_Area" localSheetId="2">'第二表'!$A$1:$C$3</definedName>`
      )
    );
    const summary = summaryPlan();
    summary.layout!.page.printTitleRows = [0, 1];
    const out = await apply(input, planOf({ summary }));
    const p = readPrintSettings(save("rebuilt.xlsx", out));
    expect(Object.keys(p)).toEqual(["绩效表", SUMMARY_SHEET, "第二表"]);
    expect(p[SUMMARY_SHEET].printTitleRows).toBe("$1:$2");
    expect(p["第二表"].printArea).toEqual(["$A$1:$C$3"]);
    expect(p["绩效表"].printArea).toBeNull();
  });
});

describe("a user's print area through the command line (reader, planner and writer together)", () => {
  test("score grows it over the added columns, a second score changes nothing, clear puts it back", async () => {
    const example = fs.readFileSync(
      path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx")
    );
    const input = save(
      "area-in.xlsx",
      await withWorkbookXml(
        example,
        addNames(
          `<definedName name="_xlnm.Print_Area" localSheetId="0">绩效目标表!$A$1:$G$131</definedName>`
        )
      )
    );
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    const scored = path.join(tmp, "area-scored.xlsx");
    expect(await run(["score", input, "--out", scored], quiet)).toBe(0);
    const grid = (await readWorkbookBuffer(fs.readFileSync(scored))).sheets[0];
    // Every cell the plan wrote (added columns, a total row under the last table) is inside it now.
    let [lastRow, lastCol] = [0, 0];
    grid.values.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null) return;
        lastRow = Math.max(lastRow, grid.originRow + i);
        lastCol = Math.max(lastCol, grid.originCol + j);
      })
    );
    const area = grid.printArea!;
    expect(area).toMatchObject({ row: 0, col: 0 });
    expect(area.cols).toBeGreaterThan(7);
    expect(area.cols).toBeGreaterThanOrEqual(lastCol + 1);
    expect(area.rows).toBeGreaterThanOrEqual(Math.max(131, lastRow + 1));
    expect(readPrintSettings(scored)["绩效目标表"].printArea).toEqual([
      `$A$1:$${String.fromCharCode(64 + area.cols)}$${area.rows}`,
    ]);
    const again = path.join(tmp, "area-again.xlsx");
    expect(await run(["score", scored, "--out", again], quiet)).toBe(0);
    expect(fs.readFileSync(again).equals(fs.readFileSync(scored))).toBe(true);
    const cleared = path.join(tmp, "area-cleared.xlsx");
    expect(await run(["clear", scored, "--out", cleared], quiet)).toBe(0);
    expect(readPrintSettings(cleared)["绩效目标表"].printArea).toEqual(["$A$1:$G$131"]);
    expect((await readWorkbookBuffer(fs.readFileSync(cleared))).sheets[0].printArea).toEqual({
      row: 0,
      col: 0,
      rows: 131,
      cols: 7,
    });
  });
});
