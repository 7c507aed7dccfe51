/**
 * The write contract (core planOps, issue 16 point 4): the same plans applied by the add-in (its real
 * apply path, a Session on the fake Excel host) and by the .xlsx writer (read back with the product's
 * reader and with openpyxl for fills and bold) give the same cells, number formats, fills (the tool's
 * highlight or not), bold, ledgers (width records included) and sheets.
 *
 * Host-specific, and so not compared:
 * - the conditional-format marks of unmet actual cells: the add-in's alone (Validate/Score in Excel); the
 *   .xlsx writer does not write them;
 * - the ledger's sheet ids (column D): each host's own numbering (xlsx `sheetId`, Office.js `worksheet.id`),
 *   which the add-in neither writes nor reads (src/excel/read.ts); `Ledger.entries()` leaves them out;
 * - column widths themselves: points in Office.js, characters in the file; what is compared is which
 *   widths the ledger records, and (in the Clear case) that both put the standard width back.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  HIGHLIGHT_FILL,
  LEDGER_SHEET,
  Ledger,
  SUMMARY_SHEET,
  SheetGrid,
  WritePlan,
  a1,
  analyzeWorkbook,
  cellWrites,
  ledgerFromRows,
  parseA1,
  planClear,
  planPrepare,
} from "../../src/core";
import { ReadResult, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { applyPlan, workbookToBuffer } from "../../src/xlsx/apply-plan";
import { FakeWorkbook } from "../excel/fake-excel";
import { setup } from "../excel/helpers";
import { form } from "../core/forms";
import { readWithOpenpyxl } from "../support/openpyxl";
import { newSheetXml } from "../../src/ooxml/new-sheet";
import {
  ContractState,
  DEFAULT_CELL,
  HOSTS,
  OpenHost,
  editXlsx,
  excelHostAt,
  stateDiff,
  xlsxHost,
} from "./hosts";
import { FORMS, formsPlan, summaryPlan } from "../support/own-sheet-plans";
import type { CellWrite } from "../../src/core";

const EXAMPLES = path.join(__dirname, "../../examples");

type Action = "score" | "clear" | "prepare";

/** Both hosts, from the same sheets. */
interface Hosts {
  buf: Buffer;
  wb: FakeWorkbook;
  session: ReturnType<typeof setup>["session"];
  /** Cells any plan so far wrote, by sheet: what is compared. */
  touched: Map<string, Set<string>>;
}

async function fromFile(file: string): Promise<Hosts> {
  const buf = fs.readFileSync(path.join(EXAMPLES, file));
  const read = await readWorkbookBuffer(buf, file);
  return fromRead(buf, read);
}

function fromRead(buf: Buffer, read: ReadResult): Hosts {
  const { wb, session } = setup(read.sheets);
  return { buf, wb, session, touched: new Map() };
}

function planFor(action: Action, read: ReadResult): WritePlan {
  const opts = { ledger: read.ledger };
  if (action === "score") return analyzeWorkbook(read.sheets, opts).plan;
  if (action === "prepare") return planPrepare(read.sheets, opts);
  return planClear(read.sheets, read.ledger);
}

/** One action in both hosts: the .xlsx writer applies the engine's plan; the add-in runs the action. */
async function run(h: Hosts, action: Action): Promise<void> {
  const read = await readWorkbookBuffer(h.buf);
  const plan = planFor(action, read);
  applyPlan(read.workbook, plan);
  h.buf = workbookToBuffer(read.workbook);
  for (const w of cellWrites(plan)) {
    const s = h.touched.get(w.sheet) ?? new Set<string>();
    s.add(a1(w.row, w.col));
    h.touched.set(w.sheet, s);
  }
  if (action === "score") await h.session.score("workbook");
  else if (action === "prepare") await h.session.prepare("workbook");
  else await h.session.clear();
}

const blank = (v: unknown) => (v === null || v === undefined || v === "" ? null : v);

/** What the contract says of a cell, as each host left it. */
interface CellState {
  value: unknown;
  numberFormat: string;
  highlight: boolean;
  bold: boolean;
}

async function compare(h: Hosts): Promise<void> {
  const back = await readWorkbookBuffer(h.buf);
  const py = openpyxlOf(h.buf);

  // Sheets that exist (the ledger sheet included).
  const xlsxSheets = py.sheets.map((s) => s.name).sort();
  const candidates = new Set([...xlsxSheets, SUMMARY_SHEET, LEDGER_SHEET, ...h.touched.keys()]);
  const addinSheets = [...candidates].filter((n) => h.wb.sheet(n)).sort();
  expect(addinSheets).toEqual(xlsxSheets);

  // Cells every plan wrote: value, number format, the tool's highlight or not, bold.
  const xlsxGrids = new Map(back.sheets.map((g) => [g.name, g]));
  for (const [sheet, cells] of h.touched) {
    if (sheet === LEDGER_SHEET || !h.wb.sheet(sheet)) continue;
    const g = xlsxGrids.get(sheet);
    const pys = py.sheets.find((s) => s.name === sheet);
    const diffs: string[] = [];
    for (const addr of cells) {
      const pos = /^([A-Z]+)(\d+)$/.exec(addr)!;
      const fake = h.wb.at(sheet, addr);
      const addin: CellState = {
        value: blank(fake.value),
        numberFormat: fake.numberFormat || "General",
        highlight: (fake.fill ?? "").toUpperCase() === HIGHLIGHT_FILL.toUpperCase(),
        bold: !!fake.bold,
      };
      const row = Number(pos[2]) - 1;
      const col = [...pos[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
      const gi = g ? row - g.originRow : -1;
      const gj = g ? col - g.originCol : -1;
      const pc = pys?.cells[addr];
      const xlsx: CellState = {
        value: blank(g?.values[gi]?.[gj]),
        numberFormat: g?.formats?.[gi]?.[gj] || "General",
        highlight: (pc?.fill ?? "").toUpperCase() === `FF${HIGHLIGHT_FILL.slice(1)}`.toUpperCase(),
        bold: !!pc?.font.bold,
      };
      if (JSON.stringify(addin) !== JSON.stringify(xlsx))
        diffs.push(`${sheet}!${addr} add-in ${JSON.stringify(addin)} xlsx ${JSON.stringify(xlsx)}`);
    }
    expect(diffs).toEqual([]);
  }

  // The ledgers, parsed the same way (cells, whole sheets, width records).
  const addinLedger = h.wb.sheet(LEDGER_SHEET)
    ? ledgerFromRows(h.wb.toGrid(LEDGER_SHEET).values)
    : new Ledger();
  expect(addinLedger.entries()).toEqual(back.ledger.entries());
  expect(addinLedger.widthEntries()).toEqual(back.ledger.widthEntries());
}

const FORM_SHEET = "绩效目标表";

/** A form's grid as an .xlsx (the one sheet of the bundled targets workbook replaced) in both hosts. */
async function fromGrid(grid: SheetGrid): Promise<Hosts> {
  const buf = await gridXlsx(grid);
  return fromRead(buf, await readWorkbookBuffer(buf));
}

/** A form's grid as an .xlsx: the one sheet of the bundled targets workbook replaced. */
async function gridXlsx(grid: SheetGrid): Promise<Buffer> {
  const read = await readWorkbookBuffer(fs.readFileSync(path.join(EXAMPLES, "targets-2025.xlsx")));
  const entry = read.workbook.sheets.find((x) => x.name === FORM_SHEET)!;
  const cells = grid.values.flatMap((row, i) =>
    row.flatMap((v, j) =>
      v === null || v === ""
        ? []
        : [
            {
              row: grid.originRow + i,
              col: grid.originCol + j,
              value: v as string | number,
              style: 0,
            },
          ]
    )
  );
  read.workbook.pkg.setText(entry.part!, newSheetXml(cells));
  return workbookToBuffer(read.workbook);
}

describe("one write contract: the add-in and the .xlsx writer give the same workbook", () => {
  test("Score of the bundled example, a second Score, then Clear (widths put back)", async () => {
    const h = await fromFile("year-end-2025.xlsx");
    const widthsBefore = openpyxlOf(h.buf).sheets.map((s) => [s.name, s.widths]);
    await run(h, "score");
    await compare(h);
    const scored = await readWorkbookBuffer(h.buf);
    // Since issue 18 Score sets no column widths (the result block they were for is gone); the widths
    // check below still holds for a workbook an earlier version scored.
    expect(scored.ledger.widthEntries()).toEqual([]);
    await run(h, "score");
    await compare(h);
    await run(h, "clear");
    await compare(h);
    // Clear put the standard width back where the tool's width still stood: in the file, the widths are
    // those the workbook came with; in the add-in, no column keeps a width of its own.
    expect(openpyxlOf(h.buf).sheets.map((s) => [s.name, s.widths])).toEqual(widthsBefore);
    for (const s of scored.sheets)
      if (h.wb.sheet(s.name))
        expect([s.name, [...h.wb.sheet(s.name)!.colWidths]]).toEqual([s.name, []]);
  }, 180_000);

  test("Prepare of the bundled target tables", async () => {
    const h = await fromFile("targets-2025.xlsx");
    await run(h, "prepare");
    await compare(h);
  }, 60_000);

  test("a review-mode form (the unit's own scores kept, 复核得分 added), then Clear", async () => {
    const f = form(
      [
        {
          l1: "产出指标",
          l2: "数量指标",
          name: "维护系统",
          target: "≥6个",
          actual: "7个",
          weight: 20,
          score: 20,
        },
        {
          l2: "质量指标",
          name: "故障率",
          target: "≤5%",
          actual: "6%",
          weight: 15,
          score: 12,
          reason: "硬件老化",
        },
        {
          l1: "满意度指标",
          l2: "满意度",
          name: "满意度",
          target: "≥90%",
          actual: "95%",
          weight: 10,
          score: 10,
        },
      ],
      { name: FORM_SHEET, budgetScore: 9.2, total: 51.2 }
    );
    const h = await fromGrid(f.grid);
    await run(h, "score");
    const read = await readWorkbookBuffer(h.buf);
    expect(analyzeWorkbook(read.sheets, { ledger: read.ledger }).report.tables[0].review).toBe(
      true
    );
    await compare(h);
    await run(h, "clear");
    await compare(h);
  }, 60_000);

  test("a highlight turned off over a user's fill: the fill stays in both hosts", async () => {
    const f = form(
      [
        {
          l1: "产出指标",
          l2: "数量指标",
          name: "维护系统",
          target: "≥6个",
          actual: "5个",
          weight: 50,
        },
        {
          l1: "满意度指标",
          l2: "满意度",
          name: "满意度",
          target: "≥90%",
          actual: "95%",
          weight: 40,
        },
      ],
      { name: FORM_SHEET, scores: false }
    );
    const h = await fromGrid(f.grid);
    await run(h, "score");
    // The unmet indicator's output cells carry the tool's highlight in both hosts.
    const read = await readWorkbookBuffer(h.buf);
    const plan = analyzeWorkbook(read.sheets, { ledger: read.ledger }).plan;
    const lit = plan.runs.flatMap((r) =>
      r.highlight.flatMap((on, k) => (on ? [a1(r.row + k, r.col)] : []))
    );
    expect(lit.length).toBeGreaterThan(0);
    const [cell] = lit;
    expect(h.wb.at(FORM_SHEET, cell).fill).toBe(HIGHLIGHT_FILL);
    // The user gives that cell a fill of their own, and fills in an actual that meets the target.
    h.wb.at(FORM_SHEET, cell).fill = "#FFFF00";
    h.wb.type(FORM_SHEET, f.cell("actual", 0), "8个");
    h.buf = await editXlsx(h.buf, FORM_SHEET, cell, { fill: "#FFFF00" });
    h.buf = await editXlsx(h.buf, FORM_SHEET, f.cell("actual", 0), { value: "8个" });
    await run(h, "score");
    await compare(h);
    expect(h.wb.at(FORM_SHEET, cell).fill).toBe("#FFFF00");
    expect(openpyxlOf(h.buf).sheet(FORM_SHEET).cells[cell].fill).toBe("FFFFFF00");
    // The other cells of that row lost the tool's highlight in both (compare() checked them).
  }, 60_000);
});

function openpyxlOf(buf: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contract-"));
  const file = path.join(dir, "book.xlsx");
  fs.writeFileSync(file, buf);
  try {
    return readWithOpenpyxl(file, { styledEmpty: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- issue 18: named styles, own sheets' layout, formatLike and print areas (hosts.ts) ---------------

const TARGETS = fs.readFileSync(path.join(EXAMPLES, "targets-2025.xlsx"));
const YEAR_END = fs.readFileSync(path.join(EXAMPLES, "year-end-2025.xlsx"));

/** Opens `buf` in every host, runs the steps in each, and compares every host with the first after each. */
async function everyHost(
  buf: Buffer,
  steps: { name: string; run: (h: OpenHost) => Promise<void> }[]
) {
  const hosts = await Promise.all(HOSTS.map(async (h) => ({ host: h, open: await h.open(buf) })));
  const states: ContractState[][] = [];
  for (const step of steps) {
    const now: ContractState[] = [];
    for (const { open } of hosts) {
      await step.run(open);
      now.push(await open.state());
    }
    for (let i = 1; i < hosts.length; i++) {
      // What host i is excused from (hosts.ts names each, and why) is taken out of both sides alike.
      const strip = (s: ContractState) =>
        (hosts[i].host.excludes ?? []).reduce((x, e) => e.strip(x), s);
      expect({
        step: step.name,
        diff: stateDiff(strip(now[0]), strip(now[i]), [hosts[0].host.name, hosts[i].host.name]),
      }).toEqual({ step: step.name, diff: [] });
    }
    states.push(now);
  }
  return states;
}

const plan = (p: Partial<WritePlan>): WritePlan => ({
  writes: [],
  runs: [],
  summary: null,
  unmetCells: [],
  ledger: new Ledger(),
  skipped: [],
  ...p,
});

describe("issue 18: every host leaves the same styles, merges, page setup and print areas (test/contract/hosts.ts)", () => {
  test("own sheets: forms with merged areas, row heights, A4 portrait one page wide and a break above each form; a landscape summary with print titles — written twice, the same", async () => {
    const own = () => {
      const ledger = new Ledger();
      ledger.addSheet(FORMS);
      ledger.addSheet(SUMMARY_SHEET);
      return plan({ forms: formsPlan(3), summary: summaryPlan(), ledger });
    };
    const [once, twice] = await everyHost(TARGETS, [
      { name: "first write", run: (h) => h.apply(own) },
      { name: "second write", run: (h) => h.apply(own) },
    ]);
    // Run twice = once, in each host.
    for (let i = 0; i < once.length; i++) expect(stateDiff(once[i], twice[i])).toEqual([]);
    const forms = once[0].sheets.get(FORMS)!;
    expect(forms.page).toMatchObject({ orientation: "portrait", paperSize: 9, fit: [1, 0] });
    expect(forms.page.rowBreaks).toEqual([8, 16]);
    expect(forms.merges.length).toBeGreaterThan(0);
    const summary = once[0].sheets.get(SUMMARY_SHEET)!;
    expect(summary.page).toMatchObject({ orientation: "landscape", printTitleRows: "1:1" });
    expect(summary.cells.get("A1")).toMatchObject({
      bold: true,
      fill: "#F2F2F2",
      border: ["thin", "thin", "thin", "thin"],
      h: "center",
      wrap: true,
    });
  }, 120_000);

  test("formatLike over a user's bordered form: added columns take its borders, font, alignment and wrap row by row, number formats and the highlight on top", async () => {
    const sheet = FORM_SHEET;
    const added = (sheets: SheetGrid[]): WritePlan => {
      const g = sheets.find((s) => s.name === sheet)!;
      expect(g.values[6 - g.originRow][4 - g.originCol]).toBe("指标值");
      const writes: CellWrite[] = [
        { sheet, row: 6, col: 5, value: "分值", bold: true },
        { sheet, row: 6, col: 6, value: "完成率", bold: true },
        { sheet, row: 6, col: 7, value: "备注" },
      ];
      for (let row = 7; row <= 13; row++) {
        writes.push({ sheet, row, col: 5, value: row * 1.5, numberFormat: "0.00" });
        writes.push({
          sheet,
          row,
          col: 6,
          value: row / 10,
          numberFormat: "0.00%",
          highlight: row === 9,
        });
      }
      return plan({
        writes,
        // (A source column with merged cells is tested in test/excel: openpyxl, which loads the fake
        // host here, rewrites the hidden cells' borders, so the two hosts would not start alike.)
        formatLike: [
          { sheet, rect: { row: 6, col: 5, rows: 8, cols: 2 }, fromCol: 4 },
          { sheet, rect: { row: 6, col: 7, rows: 8, cols: 1 }, fromCol: 2 },
        ],
      });
    };
    const [[state]] = await everyHost(TARGETS, [
      { name: "formatLike", run: (h) => h.apply(added) },
      { name: "again", run: (h) => h.apply(added) },
    ]);
    const s = state.sheets.get(sheet)!;
    expect(s.cells.get("F8")?.border).toEqual(s.cells.get("E8")?.border);
    expect(s.cells.get("F8")?.numberFormat).toBe("0.00");
    expect(s.cells.get("G10")?.fill).toBe(HIGHLIGHT_FILL.toUpperCase());
    expect(s.merges.some((m) => m.startsWith("H"))).toBe(false);
  }, 120_000);

  test("a print area grown over added columns, put back by Clear, then removed", async () => {
    const sheet = FORM_SHEET;
    const area = (cols: number | null) => () =>
      plan({ printAreas: [{ sheet, area: cols ? { row: 0, col: 0, rows: 14, cols } : null }] });
    const grown = () =>
      plan({
        writes: [7, 8, 9].map((row) => ({ sheet, row, col: 6, value: row, numberFormat: "0" })),
        printAreas: [{ sheet, area: { row: 0, col: 0, rows: 14, cols: 7 } }],
      });
    const cleared = () =>
      plan({
        writes: [7, 8, 9].map((row) => ({
          sheet,
          row,
          col: 6,
          value: null,
          numberFormat: "General",
        })),
        printAreas: [{ sheet, area: { row: 0, col: 0, rows: 14, cols: 5 } }],
      });
    const states = await everyHost(TARGETS, [
      { name: "the user's area", run: (h) => h.apply(area(5)) },
      { name: "grown", run: (h) => h.apply(grown) },
      { name: "put back", run: (h) => h.apply(cleared) },
      { name: "removed", run: (h) => h.apply(area(null)) },
    ]);
    expect(states.map(([s]) => s.sheets.get(sheet)!.printArea)).toEqual([
      "A1:E14",
      "A1:G14",
      "A1:E14",
      null,
    ]);
  }, 120_000);

  test("the engine's Score, a second Score and Clear of the bundled example: the forms sheet, the summary and the form's added columns alike", async () => {
    await everyHost(YEAR_END, [
      { name: "score", run: (h) => h.score() },
      { name: "score again", run: (h) => h.score() },
      { name: "clear", run: (h) => h.clear() },
    ]);
  }, 240_000);

  // The engine's Prepare: the plan each host makes from what it read (hosts.ts runs it through the
  // host's Prepare path, the add-in's and WPS's sessions included).
  test("the engine's Prepare of the bundled target tables, twice", async () => {
    const prepare = (sheets: SheetGrid[], ledger: Ledger) => planPrepare(sheets, { ledger });
    const [once] = await everyHost(TARGETS, [
      { name: "prepare", run: (h) => h.apply(prepare) },
      { name: "prepare again", run: (h) => h.apply(prepare) },
    ]);
    // Prepare changed the workbook (else the comparison above compared unchanged workbooks).
    const untouched = await (await HOSTS[0].open(TARGETS)).state();
    expect(stateDiff(untouched, once[0]).length).toBeGreaterThan(0);
  }, 120_000);

  test("a review-mode form (the unit's own scores kept, 复核得分 added): Score, then Clear", async () => {
    const f = form(
      [
        {
          l1: "产出指标",
          l2: "数量指标",
          name: "维护系统",
          target: "≥6个",
          actual: "7个",
          weight: 20,
          score: 20,
        },
        {
          l2: "质量指标",
          name: "故障率",
          target: "≤5%",
          actual: "6%",
          weight: 15,
          score: 12,
          reason: "硬件老化",
        },
      ],
      { name: FORM_SHEET, budgetScore: 9.2, total: 41.2 }
    );
    expect(analyzeWorkbook([f.grid]).report.tables[0].review).toBe(true);
    await everyHost(await gridXlsx(f.grid), [
      { name: "score", run: (h) => h.score() },
      { name: "clear", run: (h) => h.clear() },
    ]);
  }, 120_000);

  test("a highlight turned off over a user's fill: the user's fill stays on every host", async () => {
    const f = form(
      [
        {
          l1: "产出指标",
          l2: "数量指标",
          name: "维护系统",
          target: "≥6个",
          actual: "5个",
          weight: 50,
        },
        {
          l1: "满意度指标",
          l2: "满意度",
          name: "满意度",
          target: "≥90%",
          actual: "95%",
          weight: 40,
        },
      ],
      { name: FORM_SHEET, scores: false }
    );
    const highlight = HIGHLIGHT_FILL.toUpperCase();
    /** The form's cells carrying the tool's highlight, as a host shows them. */
    const litIn = (s: ContractState) =>
      [...s.sheets.get(FORM_SHEET)!.cells]
        .filter(([, c]) => c.fill === highlight)
        .map(([addr]) => addr)
        .sort();
    let lit = "";
    const [scored, rescored] = await everyHost(await gridXlsx(f.grid), [
      { name: "score", run: (h) => h.score() },
      {
        // On each host: the user fills the highlighted cell yellow and types an actual that meets the target.
        name: "the user's fill and a met actual, then score",
        run: async (h) => {
          // The same cell on every host: the first host's first, in address order.
          lit ||= litIn(await h.state())[0];
          await h.edit(FORM_SHEET, lit, { fill: "#FFFF00" });
          await h.edit(FORM_SHEET, f.cell("actual", 0), { value: "8个" });
          await h.score();
        },
      },
    ]);
    expect(lit).toBeTruthy();
    expect(litIn(scored[0])).toContain(lit);
    // The highlight is gone from the form, the user's yellow stays (on every host: compared above).
    expect(litIn(rescored[0])).toEqual([]);
    expect(rescored[0].sheets.get(FORM_SHEET)!.cells.get(lit)?.fill).toBe("#FFFF00");
  }, 120_000);
});

describe("issue 18 below ExcelApi 1.9 (Excel 2016/2019): what the add-in leaves out, and only that", () => {
  test("Score of the bundled example: the same values, number formats, own sheets' cells, styles and merges; no page setup and no form formats on the added columns", async () => {
    const [xl, file] = await Promise.all([
      excelHostAt("1.8").open(YEAR_END),
      xlsxHost.open(YEAR_END),
    ]);
    await xl.score();
    await file.score();
    const a = await xl.state();
    const b = await file.state();
    expect([...a.sheets.keys()].sort()).toEqual([...b.sheets.keys()].sort());
    const own = new Set<string>([SUMMARY_SHEET, FORMS]);
    const out: string[] = [];
    for (const [name, x] of a.sheets) {
      const y = b.sheets.get(name)!;
      for (const addr of new Set([...x.cells.keys(), ...y.cells.keys()])) {
        const p = x.cells.get(addr) ?? DEFAULT_CELL;
        const q = y.cells.get(addr) ?? DEFAULT_CELL;
        // Own sheets: every format. User sheets: the content (the added columns' look is what is left out).
        const same = own.has(name)
          ? JSON.stringify(p) === JSON.stringify(q)
          : p.value === q.value && p.numberFormat === q.numberFormat;
        if (!same) out.push(`${name}!${addr} ${JSON.stringify(p)} ${JSON.stringify(q)}`);
      }
      if (JSON.stringify(x.merges) !== JSON.stringify(y.merges)) out.push(`${name} merges`);
      if (JSON.stringify(x.heights) !== JSON.stringify(y.heights)) out.push(`${name} heights`);
      // Page setup: none from the add-in on its own sheets; the user's sheets as they were.
      if (own.has(name)) expect(x.page.paperSize).toBeNull();
      else if (JSON.stringify(x.page) !== JSON.stringify(y.page)) out.push(`${name} page`);
    }
    expect(out).toEqual([]);
    expect(b.sheets.get(FORMS)!.page.paperSize).toBe(9);
  }, 120_000);
});
