/**
 * The hosts the write contract is run through, and what the contract compares of a workbook, whatever the
 * host. Each host opens the same .xlsx bytes, applies a plan through its own real write path (the plan made
 * from what that host read), and says what it left as a ContractState: every host's answer must be the
 * same. Add a host by pushing a ContractHost onto HOSTS (the WPS adapter's fake host, for one).
 *
 *   excelHost  the add-in (a Session, its real read and apply) on the fake Excel host (test/excel), the
 *              workbook's cells, styles, merges, row heights, page setup and print areas loaded from the
 *              file; excelHostAt(version) the same on a host with fewer API sets
 *   xlsxHost   the command line's .xlsx writer (src/xlsx), read back by openpyxl, which shares nothing
 *              with the writer
 *   wpsHost    the WPS adapter (a WpsSession, its real read and Writer) on the fake WPS host (test/wps),
 *              loaded from the file as the fake Excel host is; WPS's own words (BGR colours, xlHAlign and
 *              VBA line-style constants, Zoom=false with FitToPagesWide, "$3:$3", "$A$1:$E$14") are turned
 *              into the contract's here, not in the product
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  FORMS_SHEET,
  LEDGER_SHEET,
  Ledger,
  SUMMARY_SHEET,
  SheetGrid,
  WritePlan,
  analyzeWorkbook,
  columnLetters,
  ledgerFromRows,
  parseA1,
  planClear,
} from "../../src/core";
import { applyPlan, workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { patchSheet } from "../../src/ooxml/sheet-patch";
import { Engine, Session } from "../../src/excel/session";
import {
  FakeBorder,
  FakeCell,
  FakeWorkbook,
  installFakeOffice,
  rectAddress,
} from "../excel/fake-excel";
import { WpsApplication } from "../../src/wps/api";
import { WpsSession } from "../../src/wps/session";
import { FakeWps, WCell, bgrOf, hexOf } from "../wps/fake-wps";
import { OpenpyxlBook, readWithOpenpyxl } from "../support/openpyxl";
import { readPrintSettings } from "../support/openpyxl-print";

/** What the contract says of a cell. Colours "#RRGGBB"; borders and alignment in the file's words. */
export interface ContractCell {
  value: string | number | boolean | null;
  numberFormat: string;
  bold: boolean;
  size: number;
  fill: string | null;
  /** Each side's line ("thin", "medium"…), null for none: top, bottom, left, right. */
  border: [string | null, string | null, string | null, string | null];
  /** null: general (horizontal) / bottom (vertical), the defaults. */
  h: string | null;
  v: string | null;
  wrap: boolean;
}

export interface ContractPage {
  orientation: "portrait" | "landscape" | null;
  /** 9 is A4. */
  paperSize: number | null;
  /** Pages wide and tall when fitted (0: as many as it takes); null when not fitted. */
  fit: [number, number] | null;
  /** e.g. "3:3" (1-based rows). */
  printTitleRows: string | null;
  /** A manual break above each of these rows (0-based). */
  rowBreaks: number[];
}

export interface ContractSheet {
  name: string;
  /** Non-default cells by A1 address. */
  cells: Map<string, ContractCell>;
  merges: string[];
  /** Row heights in points where set, by 0-based row. */
  heights: Record<number, number>;
  page: ContractPage;
  /** e.g. "A1:J12" (several areas joined by ","), null for none. */
  printArea: string | null;
}

export interface ContractState {
  sheets: Map<string, ContractSheet>;
  ledger: Ledger;
}

export interface UserEdit {
  value?: string;
  fill?: string;
}

/** A plan made from what the host read: its sheets and its ledger. */
export type PlanOf = (sheets: SheetGrid[], ledger: Ledger) => WritePlan;

export interface OpenHost {
  /** Applies `planOf(read)` through the host's own write path. */
  apply(planOf: PlanOf): Promise<void>;
  /** The engine's Score and Clear, through the host's own path (the add-in runs its actions). */
  score(): Promise<void>;
  clear(): Promise<void>;
  /** The user types a value into a cell, or gives it a solid fill of their own ("#RRGGBB"). */
  edit(sheet: string, addr: string, e: UserEdit): Promise<void>;
  state(): Promise<ContractState>;
}

/** Something a host cannot match, named, and taken out of both states before they are compared. */
export interface Exclusion {
  name: string;
  strip(s: ContractState): ContractState;
}

export interface ContractHost {
  name: string;
  /** What this host is not compared on (none: everything). */
  excludes?: Exclusion[];
  /** Opens a copy of the workbook in `buf`. */
  open(buf: Buffer): Promise<OpenHost>;
}

export const DEFAULT_CELL: ContractCell = {
  value: null,
  numberFormat: "General",
  bold: false,
  size: 11,
  fill: null,
  border: [null, null, null, null],
  h: null,
  v: null,
  wrap: false,
};

const EMPTY_PAGE: ContractPage = {
  orientation: null,
  paperSize: null,
  fit: null,
  printTitleRows: null,
  rowBreaks: [],
};

const blank = (v: unknown) => (v === null || v === undefined || v === "" ? null : v);

/** "FFF2F2F2" or "#f2f2f2" → "#F2F2F2". */
function rgb(c: string | null | undefined): string | null {
  if (!c) return null;
  const hex = c.replace(/^#/, "").toUpperCase();
  return `#${hex.length === 8 ? hex.slice(2) : hex}`;
}

/** Office.js's RangeBorder style and weight in the file's words (the add-in only draws thin lines). */
function fileBorder(b: FakeBorder | undefined): string | null {
  if (!b || b.style === "None") return null;
  if (b.style === "Double") return "double";
  if (b.style === "Dash") return "dashed";
  if (b.style === "Dot") return "dotted";
  const byWeight: Record<string, string> = {
    Hairline: "hair",
    Thin: "thin",
    Medium: "medium",
    Thick: "thick",
  };
  return byWeight[b.weight] ?? "thin";
}

/** The file's line style as Office.js sets it (what the fake host keeps). */
function fakeBorder(style: string | null): FakeBorder | undefined {
  if (!style) return undefined;
  const map: Record<string, [string, string]> = {
    hair: ["Continuous", "Hairline"],
    thin: ["Continuous", "Thin"],
    medium: ["Continuous", "Medium"],
    thick: ["Continuous", "Thick"],
    double: ["Double", "Thick"],
    dashed: ["Dash", "Thin"],
    dotted: ["Dot", "Thin"],
  };
  const [s, w] = map[style] ?? ["Continuous", "Thin"];
  return { style: s, weight: w, color: "#000000" };
}

const lower = (x: string | null | undefined, dflt: string) => {
  const v = x ? x.toLowerCase() : null;
  return v === dflt ? null : v;
};

/**
 * Merged areas compared as they show: the top-left cell's format, and the lines on the area's outer edges.
 * What the hidden cells hold besides (a writer may give them the area's style, Excel keeps its own per cell,
 * openpyxl rewrites their borders on load) is not seen, and not compared; nor are lines inside an area.
 */
function normalizeMerges(cells: Map<string, ContractCell>, merges: string[]): void {
  for (const m of merges) {
    const [p, q] = m.split(":");
    const a = parseA1(p)!;
    const b = parseA1(q ?? p)!;
    for (let row = a.row; row <= b.row; row++)
      for (let col = a.col; col <= b.col; col++) {
        const addr = `${columnLetters(col)}${row + 1}`;
        const c = cells.get(addr) ?? DEFAULT_CELL;
        const edge = (on: boolean, side: string | null) => (on ? side : null);
        const border: ContractCell["border"] = [
          edge(row === a.row, c.border[0]),
          edge(row === b.row, c.border[1]),
          edge(col === a.col, c.border[2]),
          edge(col === b.col, c.border[3]),
        ];
        const top = row === a.row && col === a.col;
        const n: ContractCell = top ? { ...c, border } : { ...DEFAULT_CELL, border };
        if (defaultish(n)) cells.delete(addr);
        else cells.set(addr, n);
      }
  }
}

/** An Excel date serial (1900 system) from openpyxl's ISO date-time. */
function serialOf(iso: string): number {
  const t = Date.parse(iso.endsWith("Z") ? iso : `${iso}Z`);
  return (t - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function defaultish(c: ContractCell): boolean {
  return JSON.stringify(c) === JSON.stringify(DEFAULT_CELL);
}

function rangeText(a: { row: number; col: number; rows: number; cols: number }): string {
  return rectAddress(a);
}

/** "'绩效目标表'!$A$1:$G$10" or "$A$1:$G$10,$I$1:$J$3" → "A1:G10" / "A1:G10,I1:J3". */
function areaText(areas: string[] | null): string | null {
  if (!areas || !areas.length) return null;
  return areas
    .flatMap((a) => a.split(","))
    .map((a) => a.slice(a.lastIndexOf("!") + 1).replace(/\$/g, ""))
    .join(",");
}

/** A sheet's page setup as openpyxl reads it, in the contract's words (none set: EMPTY_PAGE). */
function pageOfFile(p: ReturnType<typeof readPrintSettings>[string] | undefined): ContractPage {
  if (!p) return EMPTY_PAGE;
  const rowBreaks = p.rowBreaks.map((b) => b.id).sort((a, b) => a - b);
  const titles = p.printTitleRows ? p.printTitleRows.replace(/\$/g, "") : null;
  if (!p.orientation && !p.paperSize && !p.fitToPage && !titles && !rowBreaks.length)
    return EMPTY_PAGE;
  return {
    orientation: p.orientation === "landscape" ? "landscape" : "portrait",
    paperSize: p.paperSize ?? 1,
    fit: p.fitToPage ? [p.fitToWidth ?? 1, p.fitToHeight ?? 1] : null,
    printTitleRows: titles,
    rowBreaks,
  };
}

const PAPER: Record<number, string> = { 1: "Letter", 9: "A4", 8: "A3" };

// ---- the .xlsx writer ---------------------------------------------------------------------------

/** The .xlsx with a user's edit: a value typed into a cell, or a solid fill of their own on it. */
export async function editXlsx(
  buf: Buffer,
  sheet: string,
  addr: string,
  edit: { value?: string; fill?: string }
): Promise<Buffer> {
  const read = await readWorkbookBuffer(buf);
  const { pkg } = read.workbook;
  const part = read.workbook.sheets.find((x) => x.name === sheet)!.part!;
  const pos = parseA1(addr)!;
  let style: number | undefined;
  if (edit.fill) {
    const stylesPart = "xl/styles.xml";
    let xml = pkg.text(stylesPart)!;
    const fills = Number(/<fills count="(\d+)"/.exec(xml)![1]);
    xml = xml
      .replace(/<fills count="\d+">/, `<fills count="${fills + 1}">`)
      .replace(
        "</fills>",
        `<fill><patternFill patternType="solid"><fgColor rgb="FF${edit.fill.slice(1)}"/><bgColor indexed="64"/></patternFill></fill></fills>`
      );
    const xfs = Number(/<cellXfs count="(\d+)"/.exec(xml)![1]);
    xml = xml
      .replace(/<cellXfs count="\d+">/, `<cellXfs count="${xfs + 1}">`)
      .replace(
        "</cellXfs>",
        `<xf numFmtId="0" fontId="0" fillId="${fills}" borderId="0" xfId="0" applyFill="1"/></cellXfs>`
      );
    pkg.setText(stylesPart, xml);
    style = xfs;
  }
  const patched = patchSheet(pkg.text(part)!, [
    { row: pos.row, col: pos.col, value: edit.value, style: (s) => style ?? s },
  ]);
  pkg.setText(part, patched.xml);
  return workbookToBuffer(read.workbook);
}

function openpyxlOf(buf: Buffer): {
  book: OpenpyxlBook;
  print: ReturnType<typeof readPrintSettings>;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "contract-"));
  const file = path.join(dir, "book.xlsx");
  fs.writeFileSync(file, buf);
  try {
    return { book: readWithOpenpyxl(file, { styledEmpty: true }), print: readPrintSettings(file) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function cellOfOpenpyxl(c: OpenpyxlBook["sheets"][number]["cells"][string]): ContractCell {
  return {
    // A date as the serial the cell holds (what the add-in reads and writes).
    value: (c.t === "d" && typeof c.v === "string"
      ? serialOf(c.v)
      : blank(c.v)) as ContractCell["value"],
    numberFormat: c.numFmt || "General",
    bold: c.font.bold,
    size: c.font.size ?? 11,
    fill: rgb(c.fill),
    border: [c.border.top, c.border.bottom, c.border.left, c.border.right],
    h: lower(c.alignment.horizontal, "general"),
    v: lower(c.alignment.vertical, "bottom"),
    wrap: c.alignment.wrapText,
  };
}

/** What the file holds, as openpyxl reads it (and the product's reader, for the ledger). */
export async function stateOfXlsx(buf: Buffer): Promise<ContractState> {
  const { book, print } = openpyxlOf(buf);
  const back = await readWorkbookBuffer(buf);
  const sheets = new Map<string, ContractSheet>();
  for (const s of book.sheets) {
    if (s.name === LEDGER_SHEET) continue;
    const cells = new Map<string, ContractCell>();
    for (const [addr, c] of Object.entries(s.cells)) {
      const cell = cellOfOpenpyxl(c);
      if (!defaultish(cell)) cells.set(addr, cell);
    }
    const p = print[s.name];
    const heights: Record<number, number> = {};
    for (const [r, h] of Object.entries(s.heights)) heights[Number(r) - 1] = h;
    const merges = [...s.merges].sort();
    normalizeMerges(cells, merges);
    sheets.set(s.name, {
      name: s.name,
      cells,
      merges,
      heights,
      page: pageOfFile(p),
      printArea: areaText(p?.printArea ?? null),
    });
  }
  return { sheets, ledger: back.ledger };
}

export const xlsxHost: ContractHost = {
  name: ".xlsx writer",
  async open(start: Buffer): Promise<OpenHost> {
    let buf = start;
    const apply = async (planOf: PlanOf) => {
      const read = await readWorkbookBuffer(buf);
      applyPlan(read.workbook, planOf(read.sheets, read.ledger));
      buf = workbookToBuffer(read.workbook);
    };
    return {
      apply,
      score: () => apply((sheets, ledger) => analyzeWorkbook(sheets, { ledger }).plan),
      clear: () => apply((sheets, ledger) => planClear(sheets, ledger)),
      async edit(sheet, addr, e) {
        buf = await editXlsx(buf, sheet, addr, e);
      },
      state: () => stateOfXlsx(buf),
    };
  },
};

// ---- the add-in on the fake Excel host ------------------------------------------------------------

/**
 * The file's cells as the fake Excel host holds them: values and number formats from the product's reader
 * (as the add-in tests load a workbook), formats, merges, row heights and print areas from openpyxl.
 */
export async function fakeOf(buf: Buffer, apiSets = "1.13"): Promise<FakeWorkbook> {
  const read = await readWorkbookBuffer(buf);
  const wb = FakeWorkbook.fromGrids(read.sheets);
  wb.apiVersion = apiSets;
  const { book, print } = openpyxlOf(buf);
  for (const s of book.sheets) {
    const sheet = wb.sheet(s.name);
    if (!sheet) continue;
    for (const [addr, c] of Object.entries(s.cells)) {
      const pos = parseA1(addr)!;
      const k = `${pos.row},${pos.col}`;
      const cell: FakeCell = sheet.cells.get(k) ?? {
        value: null,
        numberFormat: c.numFmt || "General",
        fill: null,
        fontColor: "#000000",
        bold: false,
      };
      cell.fill = rgb(c.fill);
      cell.bold = c.font.bold;
      if (c.font.size !== null && c.font.size !== 11) cell.fontSize = c.font.size;
      if (c.font.color) cell.fontColor = rgb(c.font.color)!;
      const h = lower(c.alignment.horizontal, "general");
      const v = lower(c.alignment.vertical, "bottom");
      if (h) cell.hAlign = h[0].toUpperCase() + h.slice(1);
      if (v) cell.vAlign = v[0].toUpperCase() + v.slice(1);
      if (c.alignment.wrapText) cell.wrap = true;
      const borders: FakeCell["borders"] = {};
      for (const sd of ["top", "bottom", "left", "right"] as const) {
        const b = fakeBorder(c.border[sd]);
        if (b) borders[sd] = b;
      }
      if (Object.keys(borders).length) cell.borders = borders;
      sheet.cells.set(k, cell);
    }
    for (const [r, h] of Object.entries(s.heights))
      (sheet.rowHeights ??= new Map()).set(Number(r) - 1, h);
    const page = pageOfFile(print[s.name]);
    if (page !== EMPTY_PAGE) {
      sheet.page = {
        orientation: page.orientation === "landscape" ? "Landscape" : "Portrait",
        paperSize: PAPER[page.paperSize ?? 1] ?? String(page.paperSize),
        zoom: page.fit
          ? { horizontalFitToPages: page.fit[0], verticalFitToPages: page.fit[1] }
          : { scale: 100 },
        printTitleRows: page.printTitleRows
          ? (page.printTitleRows.split(":").map((r) => Number(r) - 1) as [number, number])
          : null,
      };
      if (page.rowBreaks.length) sheet.pageBreaks = [...page.rowBreaks];
    }
    const area = print[s.name]?.printArea;
    if (area?.length)
      sheet.printArea = areaText(area)!
        .split(",")
        .map((a) => {
          const [p, q] = a.split(":");
          const x = parseA1(p)!;
          const y = parseA1(q ?? p)!;
          return { row: x.row, col: x.col, rows: y.row - x.row + 1, cols: y.col - x.col + 1 };
        });
  }
  return wb;
}

function cellOfFake(c: FakeCell): ContractCell {
  return {
    value: blank(c.value) as ContractCell["value"],
    numberFormat: c.numberFormat || "General",
    bold: c.bold,
    size: c.fontSize ?? 11,
    fill: rgb(c.fill),
    border: [
      fileBorder(c.borders?.top),
      fileBorder(c.borders?.bottom),
      fileBorder(c.borders?.left),
      fileBorder(c.borders?.right),
    ],
    h: lower(c.hAlign, "general"),
    v: lower(c.vAlign, "bottom"),
    wrap: !!c.wrap,
  };
}

/** What the fake Excel host holds, in the contract's words. */
export function stateOfFake(wb: FakeWorkbook): ContractState {
  const sheets = new Map<string, ContractSheet>();
  for (const s of wb.sheets) {
    if (s.name === LEDGER_SHEET) continue;
    const cells = new Map<string, ContractCell>();
    for (const [k, c] of s.cells) {
      const [row, col] = k.split(",").map(Number);
      const cell = cellOfFake(c);
      if (!defaultish(cell)) cells.set(`${columnLetters(col)}${row + 1}`, cell);
    }
    const p = s.page;
    const heights: Record<number, number> = {};
    for (const [r, h] of s.rowHeights ?? []) heights[r] = h;
    const merges = s.merges.map(rangeText).sort();
    normalizeMerges(cells, merges);
    sheets.set(s.name, {
      name: s.name,
      cells,
      merges,
      heights,
      page: p
        ? {
            orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
            paperSize: Number(
              Object.entries(PAPER).find(([, name]) => name === p.paperSize)?.[0] ?? 1
            ),
            fit:
              p.zoom.horizontalFitToPages !== undefined || p.zoom.verticalFitToPages !== undefined
                ? [p.zoom.horizontalFitToPages ?? 0, p.zoom.verticalFitToPages ?? 0]
                : null,
            printTitleRows: p.printTitleRows
              ? `${p.printTitleRows[0] + 1}:${p.printTitleRows[1] + 1}`
              : null,
            rowBreaks: [...(s.pageBreaks ?? [])].sort((a, b) => a - b),
          }
        : { ...EMPTY_PAGE, rowBreaks: [...(s.pageBreaks ?? [])] },
      printArea: s.printArea?.length ? s.printArea.map(rangeText).join(",") : null,
    });
  }
  // The ledger's rows as the add-in wrote them, parsed as the core parses a file's.
  const ledger = wb.sheet(LEDGER_SHEET)
    ? ledgerFromRows(wb.toGrid(LEDGER_SHEET).values)
    : new Ledger();
  return { sheets, ledger };
}

/** The add-in's Session on the fake host, with an engine whose Prepare applies the given plan. */
export function excelHostAt(apiSets: string): ContractHost {
  return {
    name: `add-in (ExcelApi ${apiSets})`,
    async open(buf: Buffer): Promise<OpenHost> {
      const wb = await fakeOf(buf, apiSets);
      let next: PlanOf | null = null;
      // Hand-built plans go through Prepare: the one action whose plan is made from the read alone.
      const engine: Engine = {
        analyzeWorkbook,
        planClear,
        planPrepare: (sheets, opts) => {
          if (!next) throw new Error("no plan");
          return next(sheets, opts?.ledger ?? new Ledger());
        },
      };
      const session = new Session({
        lang: () => "zh",
        confirmFormatLoss: async () => true,
        engine,
      });
      return {
        async apply(planOf) {
          installFakeOffice(wb);
          next = planOf;
          await session.prepare("workbook");
        },
        async score() {
          installFakeOffice(wb);
          await session.score("workbook");
        },
        async clear() {
          installFakeOffice(wb);
          await session.clear();
        },
        async edit(sheet, addr, e) {
          if (e.fill) wb.at(sheet, addr).fill = e.fill;
          if (e.value !== undefined) wb.type(sheet, addr, e.value);
        },
        state: async () => stateOfFake(wb),
      };
    },
  };
}

export const excelHost = excelHostAt("1.13");

// ---- the WPS adapter on the fake WPS host -------------------------------------------------------------

/** xlHAlign / xlVAlign constants by the file's words (general and bottom: the defaults, 1 and -4107). */
const WPS_H: Record<string, number> = {
  left: -4131,
  center: -4108,
  right: -4152,
  justify: -4130,
  distributed: -4117,
  fill: 5,
  centerContinuous: 7,
};
const WPS_V: Record<string, number> = {
  top: -4160,
  center: -4108,
  justify: -4130,
  distributed: -4117,
};
const WPS_GENERAL = 1;
const WPS_BOTTOM = -4107;
/** VBA XlLineStyle by the file's line style. The fake keeps no weight (Borders.Weight reads xlThin). */
const WPS_LINE: Record<string, number> = {
  thin: 1, // xlContinuous
  dashed: -4115, // xlDash
  dotted: -4118, // xlDot
  double: -4119, // xlDouble
};

const nameOf = (table: Record<string, number>, v: number) =>
  Object.entries(table).find(([, n]) => n === v)?.[0] ?? `?${v}`;

/**
 * The file's cells as the fake WPS host holds them: values and number formats from the product's reader
 * (as the WPS tests load a workbook), formats, merges, row heights, page setup and print areas from
 * openpyxl, each in WPS's words.
 */
export async function fakeWpsOf(buf: Buffer): Promise<FakeWps> {
  const read = await readWorkbookBuffer(buf);
  const wb = FakeWps.fromGrids(read.sheets);
  const { book, print } = openpyxlOf(buf);
  for (const s of book.sheets) {
    const sheet = wb.sheet(s.name);
    if (!sheet) continue;
    for (const [addr, c] of Object.entries(s.cells)) {
      const pos = parseA1(addr)!;
      const k = `${pos.row},${pos.col}`;
      const cell: WCell = sheet.cells.get(k) ?? {
        value: null,
        numberFormat: c.numFmt || "General",
        fill: null,
        fontColor: null,
        bold: false,
        size: 11,
        border: null,
        hAlign: WPS_GENERAL,
        vAlign: WPS_BOTTOM,
        wrap: false,
      };
      const fill = rgb(c.fill);
      cell.fill = fill ? bgrOf(fill) : null;
      cell.bold = c.font.bold;
      cell.size = c.font.size ?? 11;
      if (c.font.color) cell.fontColor = bgrOf(rgb(c.font.color)!);
      const h = lower(c.alignment.horizontal, "general");
      const v = lower(c.alignment.vertical, "bottom");
      cell.hAlign = h ? (WPS_H[h] ?? WPS_H[c.alignment.horizontal!]) : WPS_GENERAL;
      cell.vAlign = v ? WPS_V[v] : WPS_BOTTOM;
      cell.wrap = c.alignment.wrapText;
      // One line style for all four sides (what Borders.LineStyle reads and sets), else each side's.
      const sides = [c.border.top, c.border.bottom, c.border.left, c.border.right];
      const line = (x: string | null) => (x ? (WPS_LINE[x] ?? WPS_LINE.thin) : null);
      if (sides.some((x) => x !== sides[0])) {
        cell.border = null;
        cell.sides = sides.map(line) as WCell["sides"];
      } else cell.border = line(sides[0]);
      sheet.cells.set(k, cell);
    }
    for (const [r, h] of Object.entries(s.heights)) sheet.rowHeights.set(Number(r) - 1, h);
    const page = pageOfFile(print[s.name]);
    if (page !== EMPTY_PAGE) {
      sheet.page.Orientation = page.orientation === "landscape" ? 2 : 1;
      sheet.page.PaperSize = page.paperSize ?? 1;
      if (page.fit) {
        sheet.page.Zoom = false;
        sheet.page.FitToPagesWide = page.fit[0] || false;
        sheet.page.FitToPagesTall = page.fit[1] || false;
      } else sheet.page.Zoom = 100;
      if (page.printTitleRows)
        sheet.page.PrintTitleRows = page.printTitleRows.replace(/(\d+)/g, "$$$1");
      sheet.breaks = [...page.rowBreaks];
    }
    const area = areaText(print[s.name]?.printArea ?? null);
    if (area) sheet.page.PrintArea = area.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  }
  return wb;
}

function cellOfWps(c: WCell): ContractCell {
  const line = (x: number | null) => (x === null ? null : nameOf(WPS_LINE, x));
  const sides = c.sides ?? [c.border, c.border, c.border, c.border];
  return {
    value: blank(c.value) as ContractCell["value"],
    numberFormat: c.numberFormat || "General",
    bold: c.bold,
    size: c.size,
    fill: c.fill === null ? null : hexOf(c.fill),
    border: sides.map(line) as ContractCell["border"],
    h: c.hAlign === WPS_GENERAL ? null : nameOf(WPS_H, c.hAlign),
    v: c.vAlign === WPS_BOTTOM ? null : nameOf(WPS_V, c.vAlign),
    wrap: c.wrap,
  };
}

/** WPS's page setup in the contract's words: nothing set (or only a print area) is EMPTY_PAGE. */
function pageOfWps(s: FakeWps["sheets"][number]): ContractPage {
  const p = s.page;
  const rowBreaks = [...s.breaks].sort((a, b) => a - b);
  if (p.Orientation === undefined) return { ...EMPTY_PAGE, rowBreaks };
  // Zoom=false: fitted; FitToPages… false is "as many as it takes" (the file's 0).
  const pages = (n: unknown) => (n === false || n === undefined ? 0 : Number(n));
  const titles = typeof p.PrintTitleRows === "string" && p.PrintTitleRows ? p.PrintTitleRows : null;
  return {
    orientation: p.Orientation === 2 ? "landscape" : "portrait",
    paperSize: Number(p.PaperSize ?? 1),
    fit: p.Zoom === false ? [pages(p.FitToPagesWide), pages(p.FitToPagesTall)] : null,
    printTitleRows: titles ? titles.replace(/\$/g, "") : null,
    rowBreaks,
  };
}

/** What the fake WPS host holds, in the contract's words. */
export function stateOfWps(wb: FakeWps): ContractState {
  const sheets = new Map<string, ContractSheet>();
  for (const s of wb.sheets) {
    if (s.name === LEDGER_SHEET) continue;
    const cells = new Map<string, ContractCell>();
    for (const [k, c] of s.cells) {
      const [row, col] = k.split(",").map(Number);
      const cell = cellOfWps(c);
      if (!defaultish(cell)) cells.set(`${columnLetters(col)}${row + 1}`, cell);
    }
    const heights: Record<number, number> = {};
    for (const [r, h] of s.rowHeights) heights[r] = h;
    const merges = s.merges.map(rangeText).sort();
    normalizeMerges(cells, merges);
    const area = typeof s.page.PrintArea === "string" ? s.page.PrintArea : "";
    sheets.set(s.name, {
      name: s.name,
      cells,
      merges,
      heights,
      page: pageOfWps(s),
      printArea: area ? area.replace(/\$/g, "") : null,
    });
  }
  const ledger = wb.sheet(LEDGER_SHEET)
    ? ledgerFromRows(wb.toGrid(LEDGER_SHEET).values)
    : new Ledger();
  return { sheets, ledger };
}

/** The WPS adapter's session on the fake WPS host; hand-built plans go through Prepare, as for the add-in. */
export const wpsHost: ContractHost = {
  name: "WPS adapter",
  excludes: [],
  async open(buf: Buffer): Promise<OpenHost> {
    const wb = await fakeWpsOf(buf);
    let next: PlanOf | null = null;
    const session = new WpsSession({
      app: () => wb.application() as unknown as WpsApplication,
      lang: () => "zh",
      engine: {
        analyzeWorkbook,
        planClear,
        planPrepare: (sheets, opts) => {
          if (!next) throw new Error("no plan");
          return next(sheets, opts?.ledger ?? new Ledger());
        },
      },
    });
    return {
      async apply(planOf) {
        next = planOf;
        await session.prepare("workbook");
      },
      score: () => session.score("workbook").then(() => undefined),
      clear: () => session.clear().then(() => undefined),
      async edit(sheet, addr, e) {
        if (e.fill) wb.setFill(sheet, addr, e.fill);
        if (e.value !== undefined) wb.type(sheet, addr, e.value);
      },
      state: async () => stateOfWps(wb),
    };
  },
};

/**
 * Every host the contract runs through. The add-in twice: with the merged areas read (ExcelApi 1.13) and
 * without (1.9 to 1.12, where a formatLike's source merges cannot be known to be split again; none of the
 * plans here copies from a merged cell). The WPS adapter on its fake host, excused by name from what it
 * cannot match (wpsHost.excludes).
 */
export const HOSTS: ContractHost[] = [excelHost, excelHostAt("1.9"), xlsxHost, wpsHost];

/** Differences between two hosts' states, as lines naming the sheet, the cell and both answers. */
export function stateDiff(a: ContractState, b: ContractState, names = ["a", "b"]): string[] {
  const out: string[] = [];
  const all = new Set([...a.sheets.keys(), ...b.sheets.keys()]);
  for (const name of [...all].sort()) {
    const x = a.sheets.get(name);
    const y = b.sheets.get(name);
    if (!x || !y) {
      out.push(`${name}: only in ${x ? names[0] : names[1]}`);
      continue;
    }
    for (const addr of new Set([...x.cells.keys(), ...y.cells.keys()])) {
      const p = JSON.stringify(x.cells.get(addr) ?? DEFAULT_CELL);
      const q = JSON.stringify(y.cells.get(addr) ?? DEFAULT_CELL);
      if (p !== q) out.push(`${name}!${addr} ${names[0]} ${p} ${names[1]} ${q}`);
    }
    for (const f of ["merges", "heights", "page", "printArea"] as const) {
      const p = JSON.stringify(x[f]);
      const q = JSON.stringify(y[f]);
      if (p !== q) out.push(`${name} ${f}: ${names[0]} ${p} ${names[1]} ${q}`);
    }
  }
  const la = JSON.stringify(a.ledger.entries());
  const lb = JSON.stringify(b.ledger.entries());
  if (la !== lb) out.push(`ledger: ${names[0]} ${la} ${names[1]} ${lb}`);
  return out;
}
