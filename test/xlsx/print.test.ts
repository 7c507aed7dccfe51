/**
 * Printed pages, judged by LibreOffice (issue 18, point 7): what the .xlsx writer's page setup makes of
 * the tool's own sheets once printed. A sheet is printed alone from a copy of the workbook in which every
 * other sheet is hidden (test/support/libreoffice.ts): LibreOffice's PDF export prints visible sheets only,
 * which each test checks by the PDF's text (the hidden sheets' words are absent). A page range would
 * depend on how many pages the sheets before it take, which is what is being measured. All copies go
 * through one soffice run (starting it costs seconds). PNGs of first pages are left in test-output/print/
 * for a person to look at.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FORMS_SHEET, SUMMARY_SHEET } from "../../src/core";
import { run } from "../../src/cli/run";
import type { WritePlan } from "../../src/core";
import { applyPlan, workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import {
  convertAllWithLibreOffice,
  pdfPageToPng,
  pdfPages,
  pdfText,
  withOnlySheetVisible,
} from "../support/libreoffice";
import { FORMS, formsPlan, planOf, summaryPlan } from "../support/own-sheet-plans";
import { buildXlsx } from "../support/xlsx-builder";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
const PNG_DIR = path.join(ROOT, "test-output", "print");

/** A4 in points, either way round, to the point. */
const A4 = { short: 595, long: 842 };
const isA4 = (s: { w: number; h: number }, orientation: "portrait" | "landscape") =>
  orientation === "portrait"
    ? Math.round(s.w) === A4.short && Math.round(s.h) === A4.long
    : Math.round(s.w) === A4.long && Math.round(s.h) === A4.short;

/** The text of each page (pdftotext separates pages with form feeds). */
const pagesOf = (text: string) =>
  text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim());

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "print-"));
  fs.mkdirSync(PNG_DIR, { recursive: true });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function apply(data: Buffer, plan: WritePlan): Promise<Buffer> {
  const { workbook } = await readWorkbookBuffer(data);
  applyPlan(workbook, plan);
  return workbookToBuffer(workbook);
}

describe("hand-built own sheets, printed by LibreOffice", () => {
  let forms: { pages: number; sizes: { w: number; h: number }[]; text: string; pdf: string };
  let summary: typeof forms;

  beforeAll(async () => {
    const input = await buildXlsx({
      styles: { defaultFont: { name: "宋体", size: 11 } },
      sheets: [{ name: "绩效表", rows: [["用户工作表的内容", "不应打印"]] }],
    });
    const out = await apply(input, planOf({ summary: summaryPlan(), forms: formsPlan(3) }));
    const copies = ["hand-forms.xlsx", "hand-summary.xlsx"].map((n) => path.join(tmp, n));
    fs.writeFileSync(copies[0], await withOnlySheetVisible(out, FORMS));
    fs.writeFileSync(copies[1], await withOnlySheetVisible(out, SUMMARY_SHEET));
    const [f, s] = convertAllWithLibreOffice(copies, "pdf", tmp);
    forms = { ...pdfPages(f), text: pdfText(f), pdf: f };
    summary = { ...pdfPages(s), text: pdfText(s), pdf: s };
    pdfPageToPng(f, 1, path.join(PNG_DIR, "hand-forms-1"));
    pdfPageToPng(s, 1, path.join(PNG_DIR, "hand-summary-1"));
  }, 180_000);

  test("only the visible sheet is printed (the hidden sheets' text is absent)", () => {
    expect(forms.text).toContain("项目支出绩效自评表（项目1）");
    expect(forms.text).not.toContain("用户工作表的内容");
    expect(forms.text).not.toContain("列30");
    expect(summary.text).toContain("列30");
    expect(summary.text).not.toContain("用户工作表的内容");
    expect(summary.text).not.toContain("项目支出绩效自评表");
  });

  test("three forms with two manual breaks: three portrait A4 pages, one form each", () => {
    expect(forms.pages).toBe(3);
    expect(forms.sizes.every((s) => isA4(s, "portrait"))).toBe(true);
    const pages = pagesOf(forms.text);
    expect(pages).toHaveLength(3);
    pages.forEach((p, k) => {
      expect(p).toContain(`项目支出绩效自评表（项目${k + 1}）`);
      // A form's last line is on its own page: one page wide and not cut.
      expect(p).toContain("填报人");
      expect(p).toContain("得分");
    });
  });

  test("a summary 30 columns wide prints on one landscape A4 page: fitted one page wide", () => {
    expect(summary.pages).toBe(1);
    expect(isA4(summary.sizes[0], "landscape")).toBe(true);
    expect(summary.text).toContain("列1");
    expect(summary.text).toContain("列30");
    expect(summary.text).toContain("项目10");
  });
});

describe("examples/year-end-2025.xlsx scored through the command line, printed by LibreOffice", () => {
  type Printed = { pages: number; sizes: { w: number; h: number }[]; text: string };
  let forms: Printed;
  let summary: Printed;
  let projects: string[];

  beforeAll(async () => {
    const out = path.join(tmp, "year-end.scored.xlsx");
    const json = path.join(tmp, "year-end.json");
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    expect(await run(["score", EXAMPLE, "--out", out, "--json", json], quiet)).toBe(0);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as {
      tables: { project: string | null }[];
    };
    projects = report.tables.map((t) => t.project ?? "");
    const data = fs.readFileSync(out);
    const copies = ["cli-forms.xlsx", "cli-summary.xlsx"].map((n) => path.join(tmp, n));
    fs.writeFileSync(copies[0], await withOnlySheetVisible(data, FORMS_SHEET));
    fs.writeFileSync(copies[1], await withOnlySheetVisible(data, SUMMARY_SHEET));
    const [f, s] = convertAllWithLibreOffice(copies, "pdf", tmp);
    forms = { ...pdfPages(f), text: pdfText(f) };
    summary = { ...pdfPages(s), text: pdfText(s) };
    pdfPageToPng(f, 1, path.join(PNG_DIR, "forms-1"), 80);
    pdfPageToPng(s, 1, path.join(PNG_DIR, "summary-1"), 80);
  }, 180_000);

  test("the example has seven projects, each named", () => {
    expect(projects).toHaveLength(7);
    expect(projects.every((p) => p.length > 0)).toBe(true);
  });

  test("评分汇总 prints on one landscape A4 page, every project on it", () => {
    expect(summary.pages).toBe(1);
    expect(isA4(summary.sizes[0], "landscape")).toBe(true);
    expect(summary.text).not.toContain("项目支出绩效自评表");
    // pdftotext may break a long name across lines of its cell: its first six characters are enough.
    for (const p of projects) expect(summary.text).toContain(p.slice(0, 6));
  });

  test("绩效自评表: every form starts a page of its own, in order, on portrait A4, one page wide", () => {
    expect(forms.sizes.every((s) => isA4(s, "portrait"))).toBe(true);
    const pages = pagesOf(forms.text);
    const starts = pages
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.includes("项目支出绩效自评表"));
    expect(starts).toHaveLength(projects.length);
    // No page holds two forms, and each form's page names its own project.
    for (const { p } of starts) expect(p.split("项目支出绩效自评表").length).toBe(2);
    starts.forEach(({ p }, k) => expect(p).toContain(projects[k].slice(0, 6)));
    // One page wide: the form's last column (偏差原因分析及改进措施) is on each form's first page.
    for (const { p } of starts) expect(p).toMatch(/偏差原因分析及改进/);
  });

  // The fifth project's form (车辆管理所车驾管专用设备提升项目, 22 indicators, long names) is the one at
  // stake: 36 rows, 1,261 points tall as first planned (11-point text, names fitted on the row they are
  // merged down from), so LibreOffice continued it on an eighth page. Planned now (10-point body, widths
  // given to the columns that wrap row by row, level names wrapping in the rows they are merged over) it
  // is 930 points; the other six are 418–609. A page setup fitted one page tall as well (fitToHeight > 0)
  // makes LibreOffice ignore the manual breaks, so the layout is what makes this hold.
  // Measured here: LibreOffice without Calibri sizes columns by DejaVu Sans, whose digits are wider, so
  // its fit-one-page-wide scale is about 72% and a page holds about 1,010 points of sheet. Excel with
  // Calibri fits the 97-character sheet at about 91% (~806 points a page, body text 9.1 points): there
  // that form, and any of over ~17 such indicators, still takes a second page.
  test("绩效自评表: one page a project (seven projects, seven pages)", () => {
    expect(forms.pages).toBe(projects.length);
  });
});
