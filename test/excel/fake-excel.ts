/**
 * A small, typed fake of exactly the Excel JavaScript API surface the adapter (src/excel) uses, over an
 * in-memory workbook. It follows Office.js's batching model: calls only queue actions, `context.sync()`
 * runs them in order, and a property that was not loaded throws when read. It counts syncs, measures every
 * request (JSON bytes of the queued actions, as Office.js would send them) and emulates Excel's parsing of
 * strings written to `values` (formulas, numbers, percentages, dates, booleans, quote prefix), so a test
 * sees exactly what would end up in a real workbook. Actions run in the order they were queued, so a load
 * queued before a write of the same request answers the state before it (the Undo snapshot relies on this).
 * worksheet.onChanged handlers are registered and removed by syncs and told of every change (`type()`, the
 * test's other user, and writes through the API) a task later, as Excel's notifications arrive.
 *
 * Where Excel is less kind than a fake would naturally be, the fake has options (FakeHostOptions), each
 * documented against the Office.js page that defines the behaviour it imitates: events late or never
 * (`eventDelayMs`, also from the environment: FAKE_EXCEL_EVENT_DELAY_MS=50 or =never), a user typing in a
 * cell (`cellEditMode`), protected sheets, a host with fewer API sets (`apiSets`, also
 * FAKE_EXCEL_API_SETS=1.8), error messages in Excel's other UI languages (`errorLanguage`). And, as in
 * Excel, a request that fails keeps the actions it ran before the failing one, but answers none of its
 * loads.
 *
 * No Node imports: the same file is bundled for the browser by the e2e test (test/e2e/host-entry.ts).
 */
import { columnLetters } from "../../src/core/a1";
import type { CellValue, MergedArea, SheetGrid } from "../../src/core/types";

// ---------------------------------------------------------------------------------------------------
// The in-memory workbook

export interface FakeCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat: string;
  fill: string | null;
  fontColor: string;
  bold: boolean;
  quotePrefix?: boolean;
  hyperlink?: { documentReference?: string; address?: string; textToDisplay?: string };
  /** Displayed text given by the source (exceljs / SheetGrid), valid until the cell changes. */
  shownText?: string;
  /** Font size in points; absent: the workbook's default (11). */
  fontSize?: number;
  /** RangeFormat.horizontalAlignment / verticalAlignment; absent: "General" / "Bottom". */
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  /** The cell's own borders by side (what Excel keeps per cell); absent: none. */
  borders?: Partial<Record<BorderSide, FakeBorder>>;
}

export type BorderSide = "top" | "bottom" | "left" | "right";

/** One side's line, as RangeBorder has it (style "Continuous", weight "Thin", color "#000000"). */
export interface FakeBorder {
  style: string;
  weight: string;
  color: string;
}

/** Worksheet.pageLayout as far as the adapter sets it (ExcelApi 1.9). */
export interface FakePageLayoutState {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** setPrintTitleRows: the rows repeated on every page, 0-based first and last. */
  printTitleRows: [number, number] | null;
}

/** What a new sheet's page setup reads as in Excel (portrait letter at 100 %, as the en-US default). */
export function defaultPageLayout(): FakePageLayoutState {
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    printTitleRows: null,
  };
}

export interface FakeCF {
  id: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  type: "Custom";
  formula: string;
  fill: string | null;
  fontColor: string | null;
}

export interface FakeSheetData {
  /** Worksheet.id: stable for the sheet's life, whatever its name (a GUID in Excel). */
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  protected: boolean;
  cells: Map<string, FakeCell>;
  cfs: FakeCF[];
  colWidths: Map<number, number>;
  /** Merged areas (0-based): reported by getMergedAreasOrNullObject, made by Range.merge, undone by
   *  Range.unmerge and by clearing formats, copied by copyFrom(…, "Formats"). */
  merges: MergedArea[];
  /**
   * Rows (0-based) hidden or filtered out. Excel hides the rows an AutoFilter filters out, so both read the
   * same through Range.rowHidden (ExcelApi 1.2): true when every row of the range is hidden, false when none
   * is, null when some are (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-rowhidden-member).
   * Hidden rows keep their values: `values` and `text` answer them as any other row.
   */
  hiddenRows?: Set<number>;
  /** Row heights in points where not the standard height (RangeFormat.rowHeight). */
  rowHeights?: Map<number, number>;
  /** Worksheet.pageLayout (ExcelApi 1.9). */
  page?: FakePageLayoutState;
  /** Manual page breaks: a break above each of these rows (0-based), Worksheet.horizontalPageBreaks. */
  pageBreaks?: number[];
  /**
   * The print area (PageLayout.setPrintArea, ExcelApi 1.9): in Excel a sheet-scoped defined name,
   * "Print_Area" in Worksheet.names (the file's _xlnm.Print_Area). Null or absent: none.
   */
  printArea?: Rect[] | null;
}

/** What a worksheet.onChanged handler receives (the part the adapter may look at). */
export interface FakeChangedEventArgs {
  type: "WorksheetChanged";
  source: "Local" | "Remote";
  changeType: "RangeEdited";
  worksheetId: string;
  address: string;
}

export type FakeChangedHandler = (args: FakeChangedEventArgs) => unknown;

export interface RequestRecord {
  bytes: number;
  actions: number;
  responseBytes: number;
  /** The error code when Excel refused the request (a payload over the limits). */
  failed?: string;
}

export interface FakeStats {
  syncs: number;
  /** Round trips: syncs overlapping in time (Promise.all of several contexts) count once. */
  rounds: number;
  requests: RequestRecord[];
}

const MAX_ROWS = 1048576;
/** Excel on the web's request and response limits (5 MB each). */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
const MAX_COLS = 16384;
const key = (row: number, col: number) => `${row},${col}`;

/** Column letters, as the engine writes them. */
export const colLetters = columnLetters;

function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function parseAddress(address: string): Rect {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(a);
  if (cols) {
    const c0 = colIndex(cols[1]);
    return { row: 0, col: c0, rows: MAX_ROWS, cols: colIndex(cols[2]) - c0 + 1 };
  }
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a);
  if (!m) throw fakeError("InvalidArgument", `bad address ${address}`);
  const r0 = Number(m[2]) - 1;
  const c0 = colIndex(m[1]);
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  const c1 = m[3] ? colIndex(m[3]) : c0;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export function rectAddress(r: Rect): string {
  const a = (row: number, col: number) => `${colLetters(col)}${row + 1}`;
  return r.rows === 1 && r.cols === 1
    ? a(r.row, r.col)
    : `${a(r.row, r.col)}:${a(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Compares requirement-set versions ("1.9" < "1.13"). */
function cmp(a: string, b: string): number {
  const [x1, y1] = a.split(".").map(Number);
  const [x2, y2] = b.split(".").map(Number);
  return x1 - x2 || y1 - y2;
}

export function fakeError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = "RichApi.Error";
  e.code = code;
  return e;
}

/**
 * Options of the fake host, each imitating a behaviour documented for Office.js.
 */
export interface FakeHostOptions {
  /**
   * When worksheet.onChanged handlers hear of a change: after this many milliseconds, or "never".
   * Office.js promises no delivery time: events are raised asynchronously, after the change, and a
   * co-author's edit arrives when the service passes it on
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events; Worksheet.onChanged,
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onchanged-member).
   * Default: FAKE_EXCEL_EVENT_DELAY_MS from the environment (a number, or `never`), else 0 (the next task).
   */
  eventDelayMs?: number | "never";
  /**
   * The user is typing in a cell. A batch run without `delayForCellEdit` then fails with
   * InvalidOperationInCellEditMode; with it, Excel holds the batch until the edit ends (`endCellEdit()`)
   * (Excel.RunOptions.delayForCellEdit, https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
   * Contexts made with `new Excel.RequestContext()` do not carry the option.
   */
  cellEditMode?: boolean;
  /** Sheets protected (Review > Protect Sheet): writes to their cells are refused with AccessDenied
   *  (WorksheetProtection, https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotection). */
  protectedSheets?: string[];
  /**
   * The highest ExcelApi set the host supports, e.g. "1.8" for Excel 2019 (no Range.getCellProperties, 1.9)
   * (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets).
   * Default: FAKE_EXCEL_API_SETS from the environment, else "1.9".
   */
  apiSets?: string;
  /**
   * The language Excel words its error messages in (its UI language): the codes stay the same
   * (Excel.ErrorCodes, https://learn.microsoft.com/javascript/api/excel/excel.errorcodes;
   * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
   */
  errorLanguage?: ErrorLanguage;
}

export type ErrorLanguage = "en" | "zh-CN" | "zh-TW" | "de";

/** Excel's messages for the codes the adapter meets, in a few UI languages (the English ones as the fake
 *  words them; the others as localized builds do, near enough: only their being different matters). */
const MESSAGES: Record<string, Partial<Record<ErrorLanguage, string>>> = {
  AccessDenied: {
    "zh-CN": "您无法执行请求的操作。",
    "zh-TW": "您無法執行要求的作業。",
    de: "Sie können den angeforderten Vorgang nicht ausführen.",
  },
  ItemNotFound: {
    "zh-CN": "请求的资源不存在。",
    "zh-TW": "要求的資源不存在。",
    de: "Die angeforderte Ressource ist nicht vorhanden.",
  },
  InvalidOperation: {
    "zh-CN": "操作无效。",
    "zh-TW": "作業無效。",
    de: "Der Vorgang ist ungültig.",
  },
  InvalidOperationInCellEditMode: {
    "zh-CN": "Excel 处于单元格编辑模式。",
    "zh-TW": "Excel 處於儲存格編輯模式。",
    de: "Excel befindet sich im Zellbearbeitungsmodus.",
  },
};

/** The environment's word, where there is an environment (the browser bundle has none). */
function env(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name];
}

/** FAKE_EXCEL_EVENT_DELAY_MS: a number of milliseconds, or "never". */
export function eventDelayFromEnv(): number | "never" {
  const v = env("FAKE_EXCEL_EVENT_DELAY_MS")?.trim();
  if (!v) return 0;
  if (v === "never") return "never";
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`FAKE_EXCEL_EVENT_DELAY_MS must be a number or "never", not ${v}`);
  return n;
}

/** FAKE_EXCEL_API_SETS: the highest ExcelApi version, e.g. 1.8. */
export function apiSetsFromEnv(): string {
  const v = env("FAKE_EXCEL_API_SETS")?.trim();
  return v && /^1\.\d+$/.test(v) ? v : "1.9";
}

/** Excel serial (1900 system) ↔ date. */
function serialToDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));
}

function dateToSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
}

/** A few number formats, enough for what the engine writes and the examples use. */
export function formatValue(v: string | number | boolean | null, fmt: string): string {
  if (v === null || v === "") return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const f = fmt || "General";
  if (f === "General" || f === "@") {
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(11)));
  }
  const pct = /^0(?:\.(0+))?%$/.exec(f);
  if (pct) return `${(v * 100).toFixed(pct[1]?.length ?? 0)}%`;
  const fixed = /^(#,##)?0(?:\.(0+))?$/.exec(f);
  if (fixed) {
    const s = v.toFixed(fixed[2]?.length ?? 0);
    return fixed[1] ? s.replace(/\B(?=(\d{3})+(?!\d))/, ",") : s;
  }
  if (/[yd]/i.test(f.replace(/"[^"]*"/g, ""))) {
    const d = serialToDate(v);
    const y = d.getUTCFullYear();
    const mo = d.getUTCMonth() + 1;
    const da = d.getUTCDate();
    if (/年/.test(f)) return `${y}年${mo}月${da}日`;
    if (/mm/.test(f) && /dd/.test(f))
      return `${y}-${String(mo).padStart(2, "0")}-${String(da).padStart(2, "0")}`;
    return `${y}/${mo}/${da}`;
  }
  return String(v);
}

/** What Excel stores when a string is typed (or assigned to `values`) into a cell with format `fmt`. */
export function parseInput(
  input: string,
  fmt: string
): Pick<FakeCell, "value" | "formula" | "quotePrefix"> & { format?: string } {
  if (fmt === "@") return { value: input };
  if (input === "") return { value: null };
  if (input.startsWith("'")) return { value: input.slice(1), quotePrefix: true };
  if (input.startsWith("=") && input.length > 1) return { value: 0, formula: input };
  const t = input.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  const pct = /^([+-]?(\d+\.?\d*|\.\d+))%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, format: fmt === "General" ? "0%" : undefined };
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (date)
    return {
      value: dateToSerial(+date[1], +date[2], +date[3]),
      format: fmt === "General" ? "yyyy/m/d" : undefined,
    };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  if (/^[+-]/.test(t) && t.length > 1) return { value: 0, formula: "=" + t };
  return { value: input };
}

function blankCell(): FakeCell {
  return { value: null, numberFormat: "General", fill: null, fontColor: "#000000", bold: false };
}

/** Every format of a cell back to the default (Range.clear("Formats")), its content kept. */
function resetFormat(c: FakeCell): void {
  Object.assign(c, { numberFormat: "General", fill: null, fontColor: "#000000", bold: false });
  delete c.fontSize;
  delete c.hAlign;
  delete c.vAlign;
  delete c.wrap;
  delete c.borders;
}

/** The formats of a cell (what copyFrom(…, "Formats") carries): number format, font, fill, alignment,
 *  wrap and borders. */
function formatOf(c: FakeCell): Partial<FakeCell> {
  const f: Partial<FakeCell> = {
    numberFormat: c.numberFormat,
    fill: c.fill,
    fontColor: c.fontColor,
    bold: c.bold,
  };
  if (c.fontSize !== undefined) f.fontSize = c.fontSize;
  if (c.hAlign !== undefined) f.hAlign = c.hAlign;
  if (c.vAlign !== undefined) f.vAlign = c.vAlign;
  if (c.wrap !== undefined) f.wrap = c.wrap;
  if (c.borders) f.borders = JSON.parse(JSON.stringify(c.borders)) as FakeCell["borders"];
  return f;
}

/** A cell's formats beyond fill, font colour and bold, where not the defaults (for snapshots): font size,
 *  alignment, wrap, borders. Null when all are the defaults. */
export function extraFormat(c: FakeCell): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (c.fontSize !== undefined && c.fontSize !== 11) out.size = c.fontSize;
  if (c.hAlign !== undefined && c.hAlign !== "General") out.h = c.hAlign;
  if (c.vAlign !== undefined && c.vAlign !== "Bottom") out.v = c.vAlign;
  if (c.wrap) out.wrap = true;
  const sides = Object.entries(c.borders ?? {})
    .filter(([, b]) => b && b.style !== "None")
    .map(([sd, b]) => `${sd}:${b!.style}/${b!.weight}`)
    .sort();
  if (sides.length) out.borders = sides;
  return Object.keys(out).length ? out : null;
}

/** Whether the host has an ExcelApi set: a call above it fails its request, as Office.js's ApiNotFound. */
function requireApi(wb: FakeWorkbook, version: string, what: string): void {
  if (cmp(wb.apiVersion, version) < 0)
    throw fakeError("ApiNotFound", `${what} needs ExcelApi ${version}`);
}

export class FakeWorkbook {
  sheets: FakeSheetData[] = [];
  active = "";
  selection: { sheet: string; address: string } | null = null;
  stats: FakeStats = { syncs: 0, rounds: 0, requests: [] };
  /** Called before the actions of each sync run (1-based sync number): simulate a user editing meanwhile. */
  beforeSync: ((syncNumber: number, wb: FakeWorkbook) => void) | null = null;
  /**
   * Makes one request fail part-way, as Excel does when it refuses an action (a co-author protected the
   * sheet, deleted it…): the actions before the `after`-th have run and stay; the request answers none of
   * its loads. Called with the sync number; return null to let the request through.
   */
  failPartWay: ((syncNumber: number) => { after: number; error: Error } | null) | null = null;
  /** Highest ExcelApi version the host claims (FakeHostOptions.apiSets). */
  apiVersion = apiSetsFromEnv();
  /** FakeHostOptions.eventDelayMs. */
  eventDelayMs: number | "never" = eventDelayFromEnv();
  /** FakeHostOptions.cellEditMode: the user is in a cell (see `endCellEdit`). */
  cellEditMode = false;
  /** FakeHostOptions.errorLanguage. */
  errorLanguage: ErrorLanguage = "en";
  /**
   * Not Excel's behaviour but the adapter's own rule, enforced: a property of an *OrNullObject result is
   * loaded only after a sync has said whether it is a null object (the docs promise nothing about loading
   * on one). Loading earlier throws at once.
   */
  strictNullObjects = true;
  /** Batches held until the cell edit ends (run with delayForCellEdit). */
  private heldForCellEdit: Array<() => void> = [];
  private nextSheetId = 1;
  /** The workbook counts dates from 1904 (cell values are then 1904-system serials). */
  date1904 = false;
  /** Review > Protect Workbook: sheets cannot be added, deleted, hidden or shown (Excel then throws). */
  structureProtected = false;
  /** Open read-only, as Workbook.readOnly reports it. Desktop Excel still takes writes (they need Save As). */
  readOnly = false;
  /** Excel on the web in view mode, or no permission to edit: every write refused with AccessDenied. */
  writesRefused = false;
  /** Excel on the web's limits; a test may lower them, or lift them to see what an unsplit load would do. */
  maxRequestBytes = MAX_REQUEST_BYTES;
  maxResponseBytes = MAX_RESPONSE_BYTES;
  private nextCf = 1;
  private inflight = 0;
  /** worksheet.onChanged handlers, per sheet (registered and removed by syncs, like Excel's). */
  private changeHandlers = new Map<FakeSheetData, Set<FakeChangedHandler>>();
  /** Listeners told after each sync (the e2e grid re-renders). */
  listeners: Array<() => void> = [];

  /** Applies host options (FakeHostOptions); returns the workbook. */
  configure(opts: FakeHostOptions): this {
    if (opts.eventDelayMs !== undefined) this.eventDelayMs = opts.eventDelayMs;
    if (opts.cellEditMode !== undefined) this.cellEditMode = opts.cellEditMode;
    if (opts.apiSets !== undefined) this.apiVersion = opts.apiSets;
    if (opts.errorLanguage !== undefined) this.errorLanguage = opts.errorLanguage;
    for (const name of opts.protectedSheets ?? []) this.sheet(name)!.protected = true;
    return this;
  }

  /** The user leaves the cell they were typing in: batches held for it run now. */
  endCellEdit(): void {
    this.cellEditMode = false;
    const held = this.heldForCellEdit;
    this.heldForCellEdit = [];
    held.forEach((go) => go());
  }

  static fromGrids(grids: readonly SheetGrid[], active?: string): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const g of grids) {
      const s = wb.addSheet(g.name);
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const f = g.formulas?.[i]?.[j] ?? "";
          const fmt = g.formats?.[i]?.[j] ?? "General";
          const text = g.text?.[i]?.[j];
          if ((v === null || v === "") && !f && (fmt === "General" || !fmt)) return;
          const c: FakeCell = {
            ...blankCell(),
            value: v === "" ? null : (v as FakeCell["value"]),
            numberFormat: fmt || "General",
          };
          if (f) c.formula = f;
          if (text !== undefined && text !== formatValue(c.value, c.numberFormat))
            c.shownText = text;
          s.cells.set(key(g.originRow + i, g.originCol + j), c);
        })
      );
    }
    for (const g of grids) if (g.merges) wb.sheet(g.name)!.merges = g.merges.map((m) => ({ ...m }));
    for (const g of grids) if (g.hiddenRows?.length) wb.hideRows(g.name, g.hiddenRows);
    wb.active = active ?? grids[0]?.name ?? "";
    return wb;
  }

  addSheet(name: string): FakeSheetData {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
      throw fakeError("ItemAlreadyExists", `sheet ${name} exists`);
    const s: FakeSheetData = {
      id: `{${String(this.nextSheetId++).padStart(8, "0")}-0001-0000-0000-000000000000}`,
      name,
      visibility: "Visible",
      protected: false,
      cells: new Map(),
      cfs: [],
      colWidths: new Map(),
      merges: [],
    };
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }

  sheet(name: string): FakeSheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The user hides rows (0-based), or filters them out: Excel shows neither, and says so alike. */
  hideRows(sheet: string, rows: Iterable<number>): void {
    const s = this.sheet(sheet)!;
    s.hiddenRows = new Set([...(s.hiddenRows ?? []), ...rows]);
  }

  /** Renames a sheet as the user would (its id stays). */
  rename(from: string, to: string): void {
    const s = this.sheet(from)!;
    s.name = to;
    if (this.active === from) this.active = to;
  }

  /** WorksheetCollection.getItem(key): "the name or ID of the worksheet". */
  sheetByKey(key: string): FakeSheetData | undefined {
    return this.sheets.find((s) => s.id === key) ?? this.sheet(key);
  }

  cell(sheet: string, row: number, col: number): FakeCell {
    return this.sheet(sheet)?.cells.get(key(row, col)) ?? blankCell();
  }

  /** Cell at an A1 address. */
  at(sheet: string, address: string): FakeCell {
    const r = parseAddress(address);
    return this.cell(sheet, r.row, r.col);
  }

  text(c: FakeCell): string {
    if (c.shownText !== undefined) return c.shownText;
    if (c.value === "#N/A") return "#N/A";
    return formatValue(c.value, c.numberFormat);
  }

  /** Handlers currently registered, over all sheets (a run must leave none behind). */
  get changeHandlerCount(): number {
    let n = 0;
    for (const set of this.changeHandlers.values()) n += set.size;
    return n;
  }

  addChangeHandler(sheet: FakeSheetData, handler: FakeChangedHandler): void {
    let set = this.changeHandlers.get(sheet);
    if (!set) this.changeHandlers.set(sheet, (set = new Set()));
    set.add(handler);
  }

  removeChangeHandler(handler: FakeChangedHandler): void {
    for (const set of this.changeHandlers.values()) set.delete(handler);
  }

  /** Tells the sheet's onChanged handlers, as Excel does: later, as a task of its own. */
  fireChanged(sheet: FakeSheetData, rect: Rect, source: "Local" | "Remote"): void {
    const handlers = [...(this.changeHandlers.get(sheet) ?? [])];
    if (!handlers.length) return;
    const args: FakeChangedEventArgs = {
      type: "WorksheetChanged",
      source,
      changeType: "RangeEdited",
      worksheetId: sheet.id,
      address: rectAddress(rect),
    };
    if (this.eventDelayMs === "never") return;
    setTimeout(() => handlers.forEach((h) => void h(args)), this.eventDelayMs);
  }

  /** Sets a cell as a user would type it (source Local: this Excel; Remote: a co-author). */
  type(
    sheet: string,
    address: string,
    input: string | number,
    source: "Local" | "Remote" = "Local"
  ): void {
    const s = this.sheet(sheet)!;
    const r = parseAddress(address);
    const c = { ...this.cell(sheet, r.row, r.col) };
    delete c.shownText;
    delete c.formula;
    if (typeof input === "number") c.value = input;
    else {
      const p = parseInput(input, c.numberFormat);
      c.value = p.value;
      if (p.formula) c.formula = p.formula;
      if (p.format) c.numberFormat = p.format;
    }
    s.cells.set(key(r.row, r.col), c);
    this.fireChanged(s, r, source);
  }

  usedRect(sheet: FakeSheetData, valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    for (const [k, c] of sheet.cells) {
      const has = (c.value !== null && c.value !== "") || !!c.formula;
      const fmt = c.numberFormat !== "General" || c.fill !== null || c.bold;
      if (!has && (valuesOnly || !fmt)) continue;
      const [r, col] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, col);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, col);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** The sheet as a SheetGrid (what an adapter would read), for assertions. */
  toGrid(name: string): SheetGrid {
    const s = this.sheet(name)!;
    const r = this.usedRect(s, true) ?? { row: 0, col: 0, rows: 0, cols: 0 };
    const values: CellValue[][] = [];
    const text: string[][] = [];
    const formats: string[][] = [];
    const formulas: string[][] = [];
    for (let i = 0; i < r.rows; i++) {
      values.push([]);
      text.push([]);
      formats.push([]);
      formulas.push([]);
      for (let j = 0; j < r.cols; j++) {
        const c = this.cell(name, r.row + i, r.col + j);
        values[i].push(c.value);
        text[i].push(this.text(c));
        formats[i].push(c.numberFormat);
        formulas[i].push(c.formula ?? "");
      }
    }
    return { name, originRow: r.row, originCol: r.col, values, text, formats, formulas };
  }

  /** Deep copy, to compare a workbook before and after. */
  snapshot(): string {
    return JSON.stringify(
      this.sheets.map((s) => {
        const layout: Record<string, unknown> = {};
        if (s.merges.length) layout.merges = s.merges.map((m) => rectAddress(m)).sort();
        if (s.rowHeights?.size) layout.rowHeights = [...s.rowHeights].sort((a, b) => a[0] - b[0]);
        if (s.page) layout.page = s.page;
        if (s.pageBreaks?.length) layout.pageBreaks = s.pageBreaks;
        if (s.printArea?.length) layout.printArea = s.printArea.map((a) => rectAddress(a));
        return {
          name: s.name,
          visibility: s.visibility,
          cells: [...s.cells.entries()]
            .filter(
              ([, c]) =>
                c.value !== null ||
                c.formula ||
                c.numberFormat !== "General" ||
                c.fill ||
                c.bold ||
                c.fontColor !== "#000000" ||
                extraFormat(c)
            )
            .map(([k, c]) => [
              k,
              {
                value: c.value,
                formula: c.formula ?? "",
                numberFormat: c.numberFormat,
                fill: c.fill,
                fontColor: c.fontColor,
                bold: c.bold,
                ...(extraFormat(c) ? { format: extraFormat(c) } : {}),
              },
            ])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          cfs: s.cfs.map((cf) => [rectAddress(cf), cf.formula]).sort(),
          widths: [...s.colWidths.entries()].sort((a, b) => a[0] - b[0]),
          ...(Object.keys(layout).length ? { layout } : {}),
        };
      })
    );
  }

  newCfId(): string {
    return `cf${this.nextCf++}`;
  }

  /** Runs one request. */
  async runSync(ctx: FakeRequestContext): Promise<void> {
    const actions = ctx.takeQueue();
    const syncNumber = ++this.stats.syncs; // its own number, even when several syncs are in flight
    if (this.inflight === 0) this.stats.rounds++;
    this.inflight++;
    const record: RequestRecord = {
      bytes: 200 + actions.reduce((s, a) => s + a.bytes, 0),
      actions: actions.length,
      responseBytes: 0,
    };
    this.stats.requests.push(record);
    const ran: Action[] = [];
    try {
      await Promise.resolve();
      if (this.cellEditMode) {
        // Excel.RunOptions.delayForCellEdit: held until the user leaves the cell, or refused at once.
        if (!ctx.delayForCellEdit) {
          record.failed = "InvalidOperationInCellEditMode";
          throw fakeError(record.failed, "Excel is in cell-editing mode.");
        }
        await new Promise<void>((go) => this.heldForCellEdit.push(go));
      }
      this.beforeSync?.(syncNumber, this);
      if (record.bytes > this.maxRequestBytes) {
        record.failed = "RequestPayloadSizeLimitExceeded";
        throw fakeError(record.failed, `request of ${record.bytes} bytes`);
      }
      const fail = this.failPartWay?.(syncNumber) ?? null;
      for (const a of actions) {
        if (fail && ran.length === fail.after) throw fail.error;
        ran.push(a);
        record.responseBytes += a.run() ?? 0;
      }
      // Excel on the web answers no more than ~5 MB either. (Here the actions have run by then; the
      // adapter only ever gets large answers from loads, which change nothing.)
      if (record.responseBytes > this.maxResponseBytes) {
        record.failed = "ResponsePayloadSizeLimitExceeded";
        throw fakeError(record.failed, `response of ${record.responseBytes} bytes`);
      }
    } catch (e) {
      // A failed request answers none of its loads (what its actions changed before the failure stays).
      for (const a of ran) a.unload?.();
      const err = e as { code?: string; message?: string };
      record.failed ??= err.code;
      const localized = err.code ? MESSAGES[err.code]?.[this.errorLanguage] : undefined;
      if (localized) err.message = localized;
      throw e;
    } finally {
      this.inflight--;
      await Promise.resolve();
      for (const l of this.listeners) l();
    }
  }

  reset(): void {
    this.stats = { syncs: 0, rounds: 0, requests: [] };
  }
}

// ---------------------------------------------------------------------------------------------------
// The API proxies

interface Action {
  bytes: number;
  /** Runs the action; returns the bytes it adds to the response. */
  run: () => number | void;
  /** Takes back what a load delivered, when its request failed (Excel answers nothing then). */
  unload?: () => void;
}

function bytesOf(x: unknown): number {
  const s = JSON.stringify(x) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x800) n += 2;
  return n;
}

/** Office.js: an Action record per call (~120 bytes before arguments); a call that makes an object
 *  (getRange, getItem, add…) also an ObjectPath record and an Instantiate action (~110 more). */
const ACTION = 120;
const PATH = 110;

abstract class Proxy<T> {
  isNullObject = false;
  /** For an *OrNullObject result: a sync has said whether it is a null object. */
  nullKnown = false;
  protected loaded = new Set<string>();
  protected data: Record<string, unknown> = {};
  constructor(
    readonly context: FakeRequestContext,
    protected readonly resolve: () => T | null,
    protected readonly orNull = false
  ) {}

  protected target(): T {
    const t = this.resolve();
    if (!t) throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
    return t;
  }

  protected get<V>(prop: string): V {
    if (!this.loaded.has(prop))
      throw fakeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
      );
    return this.data[prop] as V;
  }

  protected queue(bytes: number, run: () => number | void): void {
    this.context.enqueue({ bytes: ACTION + bytes, run });
  }

  /** For an *OrNullObject result: queued with its creation, tells whether it is a null object at sync. */
  settleNull(): void {
    this.queue(0, () => {
      this.isNullObject = !this.resolve();
      this.nullKnown = true;
    });
  }

  protected abstract read(prop: string, t: T): unknown;

  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(","))
      .map((p) => p.trim())
      .filter(Boolean);
    if (this.orNull && !this.nullKnown && this.context.wb.strictNullObjects)
      throw fakeError(
        "InvalidOperation",
        "a property of an *OrNullObject result was loaded before a sync said whether it is null"
      );
    const before = {
      loaded: new Set(this.loaded),
      data: { ...this.data },
      isNull: this.isNullObject,
    };
    this.context.enqueue({
      bytes: ACTION + bytesOf(list),
      run: () => {
        const t = this.resolve();
        if (!t) {
          if (!this.orNull)
            throw fakeError("ItemNotFound", "The requested resource doesn't exist.");
          this.isNullObject = true;
          return 10;
        }
        let n = 0;
        for (const p of list) {
          const v = this.read(p, t);
          this.data[p] = v;
          this.loaded.add(p);
          n += bytesOf(v);
        }
        return n;
      },
      unload: () => {
        this.loaded = before.loaded;
        this.data = before.data;
        this.isNullObject = before.isNull;
      },
    });
    return this;
  }
}

class FakeRangeFill extends Proxy<RangeTarget> {
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this.queue(bytesOf(v), () => this.target().each((c) => (c.fill = v)));
  }
  clear(): void {
    this.queue(0, () => this.target().each((c) => (c.fill = null)));
  }
  protected read(prop: string, t: RangeTarget): unknown {
    if (prop !== "color") throw fakeError("InvalidArgument", prop);
    const all = t.cells().map((c) => (c.fill ?? "#FFFFFF").toUpperCase());
    return all.every((x) => x === all[0]) ? all[0] : null;
  }
}

class FakeRangeFont extends Proxy<RangeTarget> {
  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this.queue(bytesOf(v), () => this.target().each((c) => (c.fontColor = v)));
  }
  get bold(): boolean {
    return this.get("bold");
  }
  set bold(v: boolean) {
    this.queue(8, () => this.target().each((c) => (c.bold = v)));
  }
  get size(): number {
    return this.get("size");
  }
  set size(v: number) {
    this.queue(8, () => this.target().each((c) => (c.fontSize = v)));
  }
  protected read(prop: string, t: RangeTarget): unknown {
    const all = t
      .cells()
      .map((c) =>
        prop === "bold" ? c.bold : prop === "size" ? (c.fontSize ?? 11) : c.fontColor.toUpperCase()
      );
    return all.every((x) => x === all[0]) ? all[0] : null;
  }
}

const BORDER_INDEXES = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
] as const;
type BorderIndex = (typeof BORDER_INDEXES)[number];

/**
 * range.format.borders.getItem(index).style / weight / color (ExcelApi 1.1). An edge sets that side of the
 * range's outer cells; an inside line the sides between its cells (both neighbours, as Excel shows one
 * line between them). Diagonals are not kept.
 */
class FakeRangeBorder extends Proxy<RangeTarget> {
  constructor(
    ctx: FakeRequestContext,
    resolve: () => RangeTarget | null,
    private readonly index: BorderIndex
  ) {
    super(ctx, resolve);
  }
  private setPart(part: keyof FakeBorder, v: string): void {
    this.queue(bytesOf(v) + 20, () => {
      const t = this.target().editable();
      const { rows, cols } = t.rect;
      const side = (i: number, j: number, sd: BorderSide) => {
        const c = t.cellAt(i, j);
        const b = (c.borders ??= {});
        const line = (b[sd] ??= { style: "None", weight: "Thin", color: "#000000" });
        line[part] = v;
        if (part === "style" && v === "None") delete b[sd];
      };
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) {
          if (this.index === "EdgeTop" && i === 0) side(i, j, "top");
          if (this.index === "EdgeBottom" && i === rows - 1) side(i, j, "bottom");
          if (this.index === "EdgeLeft" && j === 0) side(i, j, "left");
          if (this.index === "EdgeRight" && j === cols - 1) side(i, j, "right");
          if (this.index === "InsideHorizontal") {
            if (i > 0) side(i, j, "top");
            if (i < rows - 1) side(i, j, "bottom");
          }
          if (this.index === "InsideVertical") {
            if (j > 0) side(i, j, "left");
            if (j < cols - 1) side(i, j, "right");
          }
        }
    });
  }
  set style(v: string) {
    this.setPart("style", v);
  }
  set weight(v: string) {
    this.setPart("weight", v);
  }
  set color(v: string) {
    this.setPart("color", v);
  }
  protected read(): unknown {
    throw fakeError("InvalidArgument", "border properties are not read by the adapter");
  }
}

class FakeRangeBorderCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolve: () => RangeTarget | null
  ) {}
  getItem(index: BorderIndex): FakeRangeBorder {
    if (!BORDER_INDEXES.includes(index)) throw fakeError("InvalidArgument", `border ${index}`);
    this.context.enqueue({ bytes: ACTION + PATH, run: () => undefined });
    return new FakeRangeBorder(this.context, this.resolve, index);
  }
}

class FakeRangeFormat extends Proxy<RangeTarget> {
  readonly fill = new FakeRangeFill(this.context, this.resolve);
  readonly font = new FakeRangeFont(this.context, this.resolve);
  readonly borders = new FakeRangeBorderCollection(this.context, this.resolve);
  set horizontalAlignment(v: string) {
    this.queue(bytesOf(v), () => this.target().each((c) => (c.hAlign = v)));
  }
  set verticalAlignment(v: string) {
    this.queue(bytesOf(v), () => this.target().each((c) => (c.vAlign = v)));
  }
  set wrapText(v: boolean) {
    this.queue(8, () => this.target().each((c) => (c.wrap = v)));
  }
  /** RangeFormat.rowHeight: every row of the range (ExcelApi 1.1). */
  set rowHeight(h: number) {
    this.queue(12, () => {
      const t = this.target().editable();
      const heights = (t.sheet.rowHeights ??= new Map());
      for (let i = 0; i < Math.min(t.rect.rows, MAX_ROWS); i++) heights.set(t.rect.row + i, h);
    });
  }
  get rowHeight(): number {
    return this.get("rowHeight");
  }
  /** true: the rows go back to the sheet's standard height (ExcelApi 1.2). */
  set useStandardHeight(v: boolean) {
    this.queue(8, () => {
      const t = this.target().editable();
      if (!v || !t.sheet.rowHeights) return;
      for (const r of [...t.sheet.rowHeights.keys()])
        if (r >= t.rect.row && r < t.rect.row + t.rect.rows) t.sheet.rowHeights.delete(r);
    });
  }
  set columnWidth(w: number) {
    this.queue(12, () => {
      const t = this.target().editable();
      for (let j = 0; j < t.rect.cols; j++) t.sheet.colWidths.set(t.rect.col + j, w);
    });
  }
  get columnWidth(): number {
    return this.get("columnWidth");
  }
  set useStandardWidth(v: boolean) {
    this.queue(8, () => {
      const t = this.target().editable();
      if (v) for (let j = 0; j < t.rect.cols; j++) t.sheet.colWidths.delete(t.rect.col + j);
    });
  }
  protected read(prop: string, t: RangeTarget): unknown {
    if (prop === "columnWidth") return t.sheet.colWidths.get(t.rect.col) ?? 48;
    if (prop === "rowHeight") return t.sheet.rowHeights?.get(t.rect.row) ?? 15;
    throw fakeError("InvalidArgument", prop);
  }
}

/** A rectangle of one sheet, resolved when the request runs. */
class RangeTarget {
  constructor(
    readonly wb: FakeWorkbook,
    readonly sheet: FakeSheetData,
    readonly rect: Rect
  ) {}
  cells(): FakeCell[] {
    const out: FakeCell[] = [];
    for (let i = 0; i < this.rect.rows; i++)
      for (let j = 0; j < this.rect.cols; j++) out.push(this.cellAt(i, j));
    return out;
  }
  cellAt(i: number, j: number): FakeCell {
    const k = key(this.rect.row + i, this.rect.col + j);
    let c = this.sheet.cells.get(k);
    if (!c) {
      c = blankCell();
      this.sheet.cells.set(k, c);
    }
    return c;
  }
  /** Every cell that exists (for whole-sheet ranges). */
  existing(): FakeCell[] {
    const out: FakeCell[] = [];
    for (const [k, c] of this.sheet.cells) {
      const [r, col] = k.split(",").map(Number);
      if (
        r >= this.rect.row &&
        r < this.rect.row + this.rect.rows &&
        col >= this.rect.col &&
        col < this.rect.col + this.rect.cols
      )
        out.push(c);
    }
    return out;
  }
  /** Changes every cell's format (fill, font): refused where Excel takes no write, like any write. */
  each(f: (c: FakeCell) => void): void {
    refuseIfViewOnly(this.wb);
    if (this.rect.rows * this.rect.cols > 1e6) this.existing().forEach(f);
    else this.cells().forEach(f);
  }
  /** Refuses any write where Excel takes none, in view mode (sheet protection, in writable(), spares
   *  formats and widths). */
  editable(): this {
    refuseIfViewOnly(this.wb);
    return this;
  }
  writable(): void {
    this.editable();
    if (this.sheet.protected)
      throw fakeError(
        "AccessDenied",
        "The cell or chart you're trying to change is on a protected sheet."
      );
  }
}

type Grid = unknown[][];

/**
 * range.getMergedAreasOrNullObject() (ExcelApi 1.13): the merged areas whose top-left cell lies in the range
 * (as Excel reports them, office-js#3611), as one address; a null object when there are none.
 */
class FakeRangeAreas extends Proxy<{ sheet: FakeSheetData; areas: MergedArea[] }> {
  get address(): string {
    return this.get("address");
  }
  get areaCount(): number {
    return this.get("areaCount");
  }
  protected read(prop: string, t: { sheet: FakeSheetData; areas: MergedArea[] }): unknown {
    if (prop === "areaCount") return t.areas.length;
    if (prop !== "address") throw fakeError("InvalidArgument", prop);
    const name = `'${t.sheet.name.replace(/'/g, "''")}'`;
    return t.areas
      .map(
        (a) =>
          `${name}!${columnLetters(a.col)}${a.row + 1}:${columnLetters(a.col + a.cols - 1)}${a.row + a.rows}`
      )
      .join(", ");
  }
}

export class FakeRange extends Proxy<RangeTarget> {
  readonly format = new FakeRangeFormat(this.context, this.resolve);
  readonly conditionalFormats = new FakeConditionalFormatCollection(this.context, this.resolve);

  getMergedAreasOrNullObject(): FakeRangeAreas {
    const wb = this.context.wb;
    this.queue(PATH, () => {
      if (cmp(wb.apiVersion, "1.13") < 0)
        throw fakeError("ApiNotFound", "getMergedAreasOrNullObject needs ExcelApi 1.13");
    });
    const areas = new FakeRangeAreas(
      this.context,
      () => {
        const t = this.resolve();
        if (!t) return null;
        const { row, col, rows, cols } = t.rect;
        const areas = t.sheet.merges.filter(
          (m) => m.row >= row && m.row < row + rows && m.col >= col && m.col < col + cols
        );
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
      true
    );
    areas.settleNull();
    return areas;
  }

  get values(): Grid {
    return this.get("values");
  }
  set values(v: Grid) {
    this.set2d("values", v);
  }
  get formulas(): Grid {
    return this.get("formulas");
  }
  set formulas(v: Grid) {
    this.set2d("formulas", v);
  }
  get numberFormat(): Grid {
    return this.get("numberFormat");
  }
  set numberFormat(v: Grid) {
    this.check(v);
    this.queue(bytesOf(v), () => {
      const t = this.target();
      t.writable();
      v.forEach((row, i) =>
        row.forEach((f, j) => {
          if (f === null || f === undefined) return;
          const c = t.cellAt(i, j);
          c.numberFormat = String(f);
          delete c.shownText;
        })
      );
      t.wb.fireChanged(t.sheet, t.rect, "Local");
    });
  }
  get text(): string[][] {
    return this.get("text");
  }
  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  /** Range.rowHidden (ExcelApi 1.2): true, false, or null when the range's rows are some hidden, some not. */
  get rowHidden(): boolean | null {
    return this.get("rowHidden");
  }
  set hyperlink(h: { documentReference?: string; address?: string; textToDisplay?: string }) {
    this.queue(bytesOf(h), () => {
      const t = this.target();
      t.writable();
      const c = t.cellAt(0, 0);
      c.hyperlink = { ...h };
      if (h.textToDisplay !== undefined && (c.value === null || c.value === ""))
        c.value = h.textToDisplay;
    });
  }

  private check(v: Grid): void {
    const t = this.resolve();
    if (t && (v.length !== t.rect.rows || v.some((r) => r.length !== t.rect.cols))) {
      throw fakeError(
        "InvalidArgument",
        `array ${v.length}x${v[0]?.length} does not match range ${t.rect.rows}x${t.rect.cols}`
      );
    }
  }

  private set2d(_prop: "values" | "formulas", v: Grid): void {
    this.check(v);
    this.queue(bytesOf(v), () => {
      const t = this.target();
      t.writable();
      v.forEach((row, i) =>
        row.forEach((x, j) => {
          if (x === null || x === undefined) return; // Office.js: null inside a 2D array leaves the cell alone
          const c = t.cellAt(i, j);
          delete c.shownText;
          delete c.formula;
          delete c.quotePrefix;
          if (typeof x === "string") {
            const p = parseInput(x, c.numberFormat);
            c.value = p.value;
            if (p.formula) c.formula = p.formula;
            if (p.quotePrefix) c.quotePrefix = true;
            if (p.format) c.numberFormat = p.format;
          } else c.value = x as number | boolean;
        })
      );
      t.wb.fireChanged(t.sheet, t.rect, "Local");
    });
  }

  protected read(prop: string, t: RangeTarget): unknown {
    const grid = <V>(f: (c: FakeCell) => V): V[][] => {
      const out: V[][] = [];
      for (let i = 0; i < t.rect.rows; i++) {
        const row: V[] = [];
        for (let j = 0; j < t.rect.cols; j++)
          row.push(f(t.sheet.cells.get(key(t.rect.row + i, t.rect.col + j)) ?? blankCell()));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((c) => (c.value === null ? "" : c.value));
      case "text":
        return grid((c) => t.wb.text(c));
      case "numberFormat":
        return grid((c) => c.numberFormat);
      case "formulas":
        return grid((c) => c.formula ?? (c.value === null ? "" : c.value));
      case "address":
        return `${quoteSheet(t.sheet.name)}!${rectAddress(t.rect)}`;
      case "rowIndex":
        return t.rect.row;
      case "columnIndex":
        return t.rect.col;
      case "rowCount":
        return t.rect.rows;
      case "columnCount":
        return t.rect.cols;
      case "rowHidden": {
        let hidden = 0;
        for (const r of t.sheet.hiddenRows ?? [])
          if (r >= t.rect.row && r < t.rect.row + t.rect.rows) hidden++;
        return hidden === 0 ? false : hidden === t.rect.rows ? true : null;
      }
      default:
        throw fakeError("InvalidArgument", `unknown property ${prop}`);
    }
  }

  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.queue(bytesOf(applyTo), () => {
      const t = this.target();
      t.writable();
      for (const [k, c] of [...t.sheet.cells]) {
        const [r, col] = k.split(",").map(Number);
        if (
          r < t.rect.row ||
          r >= t.rect.row + t.rect.rows ||
          col < t.rect.col ||
          col >= t.rect.col + t.rect.cols
        )
          continue;
        if (applyTo === "All") t.sheet.cells.delete(k);
        else if (applyTo === "Contents") {
          c.value = null;
          delete c.formula;
          delete c.shownText;
          delete c.hyperlink;
        } else resetFormat(c);
      }
      if (applyTo === "All") t.sheet.cfs = t.sheet.cfs.filter((cf) => !inside(cf, t.rect));
      // A merge is part of the cells' format (alignment): clearing formats undoes it, as in Excel.
      if (applyTo !== "Contents") t.sheet.merges = t.sheet.merges.filter((m) => !inside(m, t.rect));
      t.wb.fireChanged(t.sheet, t.rect, "Local");
    });
  }

  select(): void {
    this.queue(0, () => {
      const t = this.target();
      t.wb.active = t.sheet.name;
      t.wb.selection = { sheet: t.sheet.name, address: rectAddress(t.rect) };
    });
  }

  getEntireColumn(): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      return (
        t &&
        new RangeTarget(t.wb, t.sheet, {
          row: 0,
          col: t.rect.col,
          rows: MAX_ROWS,
          cols: t.rect.cols,
        })
      );
    });
  }

  /** Range.getCellProperties (ExcelApi 1.9): each cell's format, only the parts asked for. */
  getCellProperties(opts: CellPropsLoad): { value: unknown[][] } {
    let answer: unknown[][] | null = null;
    const result = {
      get value(): unknown[][] {
        if (!answer) throw fakeError("PropertyNotLoaded", "ClientResult.value");
        return answer;
      },
    };
    const wb = this.context.wb;
    this.context.enqueue({
      bytes: ACTION + bytesOf(opts),
      unload: () => (answer = null),
      run: () => {
        requireApi(wb, "1.9", "Range.getCellProperties");
        const t = this.target();
        const value: unknown[][] = [];
        for (let i = 0; i < t.rect.rows; i++) {
          const row: unknown[] = [];
          for (let j = 0; j < t.rect.cols; j++)
            row.push(
              cellProps(t.sheet.cells.get(key(t.rect.row + i, t.rect.col + j)) ?? blankCell(), opts)
            );
          value.push(row);
        }
        answer = value;
        return bytesOf(value);
      },
    });
    return result;
  }

  /**
   * Range.setCellProperties (ExcelApi 1.9): each cell's format from a 2D array of the range's size; what a
   * cell's object leaves out stays as it is.
   */
  setCellProperties(data: { format?: SettableFormat }[][]): void {
    this.check(data);
    const wb = this.context.wb;
    this.queue(bytesOf(data), () => {
      requireApi(wb, "1.9", "Range.setCellProperties");
      const t = this.target();
      t.editable();
      data.forEach((row, i) =>
        row.forEach((p, j) => {
          const f = p?.format;
          if (!f) return;
          const c = t.cellAt(i, j);
          if (f.fill) {
            if (f.fill.pattern === "None") c.fill = null;
            else if (f.fill.color !== undefined) c.fill = f.fill.color;
          }
          if (f.font?.color !== undefined) c.fontColor = f.font.color;
          if (f.font?.bold !== undefined) c.bold = f.font.bold;
          if (f.font?.size !== undefined) c.fontSize = f.font.size;
          if (f.horizontalAlignment !== undefined) c.hAlign = f.horizontalAlignment;
          if (f.verticalAlignment !== undefined) c.vAlign = f.verticalAlignment;
          if (f.wrapText !== undefined) c.wrap = f.wrapText;
          if (f.borders)
            for (const sd of ["top", "bottom", "left", "right"] as const) {
              const b = f.borders[sd];
              if (!b) continue;
              const bs = (c.borders ??= {});
              if (!b.style || b.style === "None") delete bs[sd];
              else
                bs[sd] = {
                  style: b.style,
                  weight: b.weight ?? "Thin",
                  color: b.color ?? "#000000",
                };
            }
        })
      );
    });
  }

  /** Range.merge (ExcelApi 1.2): one merged area; Excel keeps the top-left cell's value and drops the others'. */
  merge(across = false): void {
    this.queue(8, () => {
      const t = this.target();
      t.writable();
      const areas = across
        ? Array.from({ length: t.rect.rows }, (_, i) => ({
            ...t.rect,
            row: t.rect.row + i,
            rows: 1,
          }))
        : [t.rect];
      for (const a of areas) {
        if (a.rows * a.cols < 2) continue;
        if (t.sheet.merges.some((m) => intersects(m, a) && !inside(m, a)))
          throw fakeError("InvalidOperation", "cannot merge over part of a merged area");
        t.sheet.merges = t.sheet.merges.filter((m) => !inside(m, a));
        for (let i = 0; i < a.rows; i++)
          for (let j = 0; j < a.cols; j++) {
            if (i === 0 && j === 0) continue;
            const c = t.sheet.cells.get(key(a.row + i, a.col + j));
            if (c) {
              c.value = null;
              delete c.formula;
              delete c.shownText;
            }
          }
        t.sheet.merges.push({ ...a });
      }
    });
  }

  /** Range.unmerge (ExcelApi 1.2): every merged area the range touches is split back into its cells. */
  unmerge(): void {
    this.queue(0, () => {
      const t = this.target();
      t.writable();
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect));
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9), copy type "Formats" only (the adapter's one use): as Excel's paste, a
   * destination that is an exact multiple of the source in rows or columns takes it tiled; any other takes
   * one copy from its top-left corner (the destination grows to the source's size). Formats are the
   * cells' number formats, fonts, fills, alignment, wrap and borders, and the merged areas inside the
   * source, copied along.
   */
  copyFrom(source: FakeRange | string, copyType = "All"): void {
    const wb = this.context.wb;
    this.queue(
      PATH + bytesOf(copyType) + (typeof source === "string" ? bytesOf(source) : 0),
      () => {
        requireApi(wb, "1.9", "Range.copyFrom");
        if (copyType !== "Formats")
          throw fakeError("InvalidArgument", `copy type ${copyType} not modelled`);
        const t = this.target();
        t.writable();
        const src =
          typeof source === "string"
            ? new RangeTarget(wb, t.sheet, parseAddress(source))
            : (source as unknown as { target(): RangeTarget }).target();
        const sr = src.rect;
        const tiled = t.rect.rows % sr.rows === 0 && t.rect.cols % sr.cols === 0;
        const rows = tiled ? t.rect.rows : sr.rows;
        const cols = tiled ? t.rect.cols : sr.cols;
        // Read the whole source first: the destination may overlap it.
        const formats = Array.from({ length: sr.rows }, (_, i) =>
          Array.from({ length: sr.cols }, (_, j) =>
            formatOf(src.sheet.cells.get(key(sr.row + i, sr.col + j)) ?? blankCell())
          )
        );
        const merges = src.sheet.merges.filter((m) => inside(m, sr));
        const dest = new RangeTarget(wb, t.sheet, { row: t.rect.row, col: t.rect.col, rows, cols });
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < cols; j++) {
            const c = dest.cellAt(i, j);
            resetFormat(c);
            // A copy of its own for each cell (formatOf copies the borders): cells share no format object.
            Object.assign(c, formatOf(formats[i % sr.rows][j % sr.cols] as FakeCell));
            delete c.shownText;
          }
        t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, dest.rect));
        for (let ti = 0; ti < rows / sr.rows; ti++)
          for (let tj = 0; tj < cols / sr.cols; tj++)
            for (const m of merges)
              t.sheet.merges.push({
                ...m,
                row: dest.rect.row + ti * sr.rows + (m.row - sr.row),
                col: dest.rect.col + tj * sr.cols + (m.col - sr.col),
              });
        wb.fireChanged(t.sheet, dest.rect, "Local");
      }
    );
  }
}

/** What getCellProperties may be asked for (Excel.CellPropertiesLoadOptions, the parts modelled). */
export interface CellPropsLoad {
  format?: {
    fill?: { color?: boolean; pattern?: boolean };
    font?: { color?: boolean; bold?: boolean; size?: boolean };
    borders?: { style?: boolean; weight?: boolean; color?: boolean };
    horizontalAlignment?: boolean;
    verticalAlignment?: boolean;
    wrapText?: boolean;
  };
}

/** Excel.SettableCellProperties' format, the parts modelled. */
interface SettableFormat {
  fill?: { color?: string; pattern?: string };
  font?: { color?: string; bold?: boolean; size?: number };
  borders?: Partial<Record<BorderSide, { style?: string; weight?: string; color?: string }>>;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
}

/** One cell's answer to getCellProperties: only what was asked for. */
function cellProps(c: FakeCell, opts: CellPropsLoad): unknown {
  const o = opts.format ?? {};
  const format: Record<string, unknown> = {};
  if (o.fill) {
    const fill: Record<string, unknown> = {};
    if (o.fill.color) fill.color = c.fill ?? "#FFFFFF";
    if (o.fill.pattern) fill.pattern = c.fill ? "Solid" : "None";
    format.fill = fill;
  }
  if (o.font) {
    const font: Record<string, unknown> = {};
    if (o.font.color) font.color = c.fontColor;
    if (o.font.bold) font.bold = c.bold;
    if (o.font.size) font.size = c.fontSize ?? 11;
    format.font = font;
  }
  if (o.borders) {
    const borders: Record<string, unknown> = {};
    for (const sd of ["top", "bottom", "left", "right"] as const) {
      const b = c.borders?.[sd];
      const out: Record<string, unknown> = {};
      if (o.borders.style) out.style = b?.style ?? "None";
      if (o.borders.weight) out.weight = b?.weight ?? "Thin";
      if (o.borders.color) out.color = b?.color ?? "#000000";
      borders[sd] = out;
    }
    format.borders = borders;
  }
  if (o.horizontalAlignment) format.horizontalAlignment = c.hAlign ?? "General";
  if (o.verticalAlignment) format.verticalAlignment = c.vAlign ?? "Bottom";
  if (o.wrapText) format.wrapText = c.wrap ?? false;
  return { format };
}

function inside(cf: Rect, r: Rect): boolean {
  return (
    cf.row >= r.row &&
    cf.col >= r.col &&
    cf.row + cf.rows <= r.row + r.rows &&
    cf.col + cf.cols <= r.col + r.cols
  );
}

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

// ---- conditional formats ----

class FakeCFTarget {
  constructor(
    readonly sheet: FakeSheetData,
    readonly cf: FakeCF
  ) {}
}

class FakeCFFill extends Proxy<FakeCFTarget> {
  set color(v: string) {
    this.queue(bytesOf(v), () => {
      refuseIfViewOnly(this.context.wb);
      this.target().cf.fill = v;
    });
  }
  protected read(): unknown {
    return null;
  }
}
class FakeCFFont extends Proxy<FakeCFTarget> {
  set color(v: string) {
    this.queue(bytesOf(v), () => {
      refuseIfViewOnly(this.context.wb);
      this.target().cf.fontColor = v;
    });
  }
  protected read(): unknown {
    return null;
  }
}

class FakeCustomConditionalFormat {
  readonly rule: { formula: string };
  readonly format: { fill: FakeCFFill; font: FakeCFFont };
  isNullObject = false;
  constructor(
    ctx: FakeRequestContext,
    resolve: () => FakeCFTarget | null,
    holder: { formula?: string }
  ) {
    const enqueue = (bytes: number, run: () => void) => ctx.enqueue({ bytes: ACTION + bytes, run });
    this.rule = {
      get formula(): string {
        if (holder.formula === undefined) throw fakeError("PropertyNotLoaded", "rule.formula");
        return holder.formula;
      },
      set formula(v: string) {
        enqueue(bytesOf(v), () => {
          refuseIfViewOnly(ctx.wb);
          const t = resolve();
          if (t) t.cf.formula = v;
        });
      },
    };
    this.format = { fill: new FakeCFFill(ctx, resolve), font: new FakeCFFont(ctx, resolve) };
  }
}

export class FakeConditionalFormat extends Proxy<FakeCFTarget> {
  private readonly holder: { formula?: string } = {};
  readonly custom: FakeCustomConditionalFormat;
  readonly customOrNullObject: FakeCustomConditionalFormat;
  constructor(ctx: FakeRequestContext, resolve: () => FakeCFTarget | null, snapshot?: FakeCF) {
    super(ctx, resolve);
    this.custom = new FakeCustomConditionalFormat(ctx, resolve, this.holder);
    this.customOrNullObject = this.custom;
    if (snapshot) {
      this.data = { id: snapshot.id, type: snapshot.type };
      this.loaded = new Set(["id", "type"]);
      this.holder.formula = snapshot.formula;
    }
  }
  get id(): string {
    return this.get("id");
  }
  get type(): string {
    return this.get("type");
  }
  delete(): void {
    this.queue(0, () => {
      refuseIfViewOnly(this.context.wb);
      const t = this.target();
      t.sheet.cfs = t.sheet.cfs.filter((c) => c.id !== t.cf.id);
    });
  }
  protected read(prop: string, t: FakeCFTarget): unknown {
    return prop === "id" ? t.cf.id : prop === "type" ? t.cf.type : null;
  }
}

class FakeConditionalFormatCollection extends Proxy<RangeTarget> {
  private list: FakeConditionalFormat[] | null = null;
  get items(): FakeConditionalFormat[] {
    if (!this.list) throw fakeError("PropertyNotLoaded", "items");
    return this.list;
  }
  add(type: "Custom"): FakeConditionalFormat {
    let made: FakeCFTarget | null = null;
    this.queue(PATH + bytesOf(type), () => {
      const t = this.target();
      t.writable();
      const cf: FakeCF = {
        id: t.wb.newCfId(),
        ...t.rect,
        type,
        formula: "",
        fill: null,
        fontColor: null,
      };
      t.sheet.cfs.unshift(cf);
      made = new FakeCFTarget(t.sheet, cf);
    });
    return new FakeConditionalFormat(this.context, () => made);
  }
  load(props?: string | string[]): this {
    this.context.enqueue({
      bytes: ACTION + bytesOf(props ?? ""),
      unload: () => (this.list = null),
      run: () => {
        const t = this.target();
        const found = t.sheet.cfs.filter((cf) => intersects(cf, t.rect));
        this.list = found.map(
          (cf) =>
            new FakeConditionalFormat(
              this.context,
              () => (t.sheet.cfs.includes(cf) ? new FakeCFTarget(t.sheet, cf) : null),
              { ...cf }
            )
        );
        return bytesOf(found.map((cf) => [cf.id, cf.type, cf.formula]));
      },
    });
    return this;
  }
  protected read(): unknown {
    return null;
  }
}

// ---- worksheets ----

class FakeProtection extends Proxy<FakeSheetData> {
  get protected(): boolean {
    return this.get("protected");
  }
  protected read(_p: string, t: FakeSheetData): unknown {
    return t.protected;
  }
}

/**
 * Worksheet.pageLayout (ExcelApi 1.9): orientation, paperSize and zoom (set as one object, as the docs
 * require), print titles and the print area. Every call fails its request below 1.9, as ApiNotFound.
 */
class FakePageLayout extends Proxy<FakeSheetData> {
  private setPage(bytes: number, f: (p: FakePageLayoutState, s: FakeSheetData) => void): void {
    const wb = this.context.wb;
    this.queue(bytes, () => {
      requireApi(wb, "1.9", "Worksheet.pageLayout");
      refuseIfViewOnly(wb);
      const s = this.target();
      f((s.page ??= defaultPageLayout()), s);
    });
  }
  set orientation(v: "Portrait" | "Landscape") {
    this.setPage(bytesOf(v), (p) => (p.orientation = v));
  }
  set paperSize(v: string) {
    this.setPage(bytesOf(v), (p) => (p.paperSize = v));
  }
  set zoom(v: FakePageLayoutState["zoom"]) {
    this.setPage(bytesOf(v), (p) => {
      if (
        v.scale !== undefined &&
        (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined)
      )
        throw fakeError("InvalidArgument", "a zoom is a scale or pages to fit, not both");
      p.zoom = { ...v };
    });
  }
  /** The rows must span whole rows ("$1:$3"), as the docs say. */
  setPrintTitleRows(rows: string): void {
    this.setPage(PATH + bytesOf(rows), (p) => {
      const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      if (!m) throw fakeError("InvalidArgument", `print title rows ${rows} are not whole rows`);
      p.printTitleRows = [Number(m[1]) - 1, Number(m[2]) - 1];
    });
  }
  /** A name of the sheet's, not part of its page setup: the page setup is left as it is. */
  setPrintArea(area: string): void {
    const wb = this.context.wb;
    this.queue(PATH + bytesOf(area), () => {
      requireApi(wb, "1.9", "PageLayout.setPrintArea");
      refuseIfViewOnly(wb);
      this.target().printArea = area.split(",").map((a) => parseAddress(a.trim()));
    });
  }
  /** The print area as RangeAreas, a null object when the sheet has none. */
  getPrintAreaOrNullObject(): FakeRangeAreas {
    const wb = this.context.wb;
    this.queue(PATH, () => requireApi(wb, "1.9", "PageLayout.getPrintAreaOrNullObject"));
    const areas = new FakeRangeAreas(
      this.context,
      () => {
        const s = this.resolve();
        return s?.printArea?.length ? { sheet: s, areas: s.printArea } : null;
      },
      true
    );
    areas.settleNull();
    return areas;
  }
  protected read(prop: string, s: FakeSheetData): unknown {
    const p = s.page ?? defaultPageLayout();
    if (prop === "orientation") return p.orientation;
    if (prop === "paperSize") return p.paperSize;
    if (prop === "zoom") return { ...p.zoom };
    throw fakeError("InvalidArgument", prop);
  }
}

/** Worksheet.horizontalPageBreaks (ExcelApi 1.9): manual breaks above rows. */
class FakePageBreakCollection extends Proxy<FakeSheetData> {
  /** A break above the top-left cell of the range (an address, or a Range). */
  add(at: string | FakeRange): void {
    const wb = this.context.wb;
    this.queue(PATH + (typeof at === "string" ? bytesOf(at) : 0), () => {
      requireApi(wb, "1.9", "PageBreakCollection.add");
      refuseIfViewOnly(wb);
      const s = this.target();
      const row =
        typeof at === "string"
          ? parseAddress(at).row
          : (at as unknown as { target(): RangeTarget }).target().rect.row;
      if (row === 0) throw fakeError("InvalidArgument", "no page break above the first row");
      s.pageBreaks = [...new Set([...(s.pageBreaks ?? []), row])].sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    const wb = this.context.wb;
    this.queue(0, () => {
      requireApi(wb, "1.9", "PageBreakCollection.removePageBreaks");
      refuseIfViewOnly(wb);
      this.target().pageBreaks = [];
    });
  }
  protected read(): unknown {
    return null;
  }
}

/**
 * Worksheet.names (ExcelApi 1.4), as far as the print area goes: Excel keeps it as the sheet-scoped name
 * "Print_Area" (_xlnm.Print_Area in the file), and deleting that name removes the print area. Other names
 * are not modelled.
 */
class FakeNamedItem extends Proxy<FakeSheetData> {
  constructor(
    ctx: FakeRequestContext,
    resolve: () => FakeSheetData | null,
    private readonly name: string
  ) {
    super(ctx, () => {
      const s = resolve();
      return s && this.name.toLowerCase() === "print_area" && s.printArea?.length ? s : null;
    });
  }
  delete(): void {
    this.queue(0, () => {
      refuseIfViewOnly(this.context.wb);
      this.target().printArea = null;
    });
  }
  protected read(prop: string, s: FakeSheetData): unknown {
    if (prop === "name") return "Print_Area";
    if (prop === "formula")
      return (
        "=" + (s.printArea ?? []).map((a) => `${quoteSheet(s.name)}!${rectAddress(a)}`).join(",")
      );
    throw fakeError("InvalidArgument", prop);
  }
}

class FakeNamedItemCollection {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolve: () => FakeSheetData | null
  ) {}
  getItem(name: string): FakeNamedItem {
    const wb = this.context.wb;
    this.context.enqueue({
      bytes: ACTION + PATH + bytesOf(name),
      run: () => requireApi(wb, "1.4", "Worksheet.names"),
    });
    return new FakeNamedItem(this.context, this.resolve, name);
  }
}

export class FakeWorksheet extends Proxy<FakeSheetData> {
  readonly protection = new FakeProtection(this.context, this.resolve, this.orNull);
  readonly pageLayout = new FakePageLayout(this.context, this.resolve);
  readonly horizontalPageBreaks = new FakePageBreakCollection(this.context, this.resolve);
  readonly names = new FakeNamedItemCollection(this.context, this.resolve);
  constructor(
    ctx: FakeRequestContext,
    resolve: () => FakeSheetData | null,
    orNull = false,
    private readonly wb: FakeWorkbook = ctx.wb
  ) {
    super(ctx, resolve, orNull);
  }
  get name(): string {
    return this.get("name");
  }
  /**
   * worksheet.onChanged (ExcelApi 1.7): `add` and `remove` are carried out by the next sync, in order
   * with the other actions of its request. On a sheet that does not exist (a null object) nothing is
   * registered.
   */
  get onChanged(): { add: (h: FakeChangedHandler) => { remove: () => void } } {
    return {
      add: (handler) => {
        this.queue(40, () => {
          const t = this.resolve();
          if (t) this.wb.addChangeHandler(t, handler);
        });
        return { remove: () => this.queue(40, () => this.wb.removeChangeHandler(handler)) };
      },
    };
  }
  get visibility(): string {
    return this.get("visibility");
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.queue(bytesOf(v), () => {
      const t = this.target();
      refuseIfViewOnly(this.wb);
      refuseIfStructureProtected(this.wb); // even to the same value: Excel's behaviour there is not known
      if (
        v !== "Visible" &&
        this.wb.sheets.filter((s) => s.visibility === "Visible" && s !== t).length === 0
      )
        throw fakeError("InvalidOperation", "cannot hide the last visible sheet");
      t.visibility = v;
      if (this.wb.active === t.name && v !== "Visible")
        this.wb.active = this.wb.sheets.find((s) => s.visibility === "Visible")!.name;
    });
  }
  get id(): string {
    return this.get("id");
  }
  protected read(prop: string, t: FakeSheetData): unknown {
    if (prop === "name") return t.name;
    if (prop === "id") return t.id;
    if (prop === "visibility") return t.visibility;
    throw fakeError("InvalidArgument", prop);
  }
  private range(rect: () => Rect | null): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this.resolve();
        const r = s && rect();
        return s && r ? new RangeTarget(this.wb, s, r) : null;
      },
      this.orNull
    );
  }
  getRange(address?: string): FakeRange {
    this.queue(PATH + bytesOf(address ?? ""), () => undefined);
    return this.range(() =>
      address ? parseAddress(address) : { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS }
    );
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.queue(PATH + 16, () => undefined);
    return this.range(() => ({ row, col, rows, cols }));
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    this.queue(PATH + 8, () => undefined);
    return this.range(() => {
      const s = this.resolve();
      return (s && this.wb.usedRect(s, !!valuesOnly)) ?? { row: 0, col: 0, rows: 1, cols: 1 };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.queue(PATH + 8, () => undefined);
    const range = new FakeRange(
      this.context,
      () => {
        const s = this.resolve();
        const r = s && this.wb.usedRect(s, !!valuesOnly);
        return s && r ? new RangeTarget(this.wb, s, r) : null;
      },
      true
    );
    range.settleNull();
    return range;
  }
  activate(): void {
    this.queue(0, () => {
      this.wb.active = this.target().name;
    });
  }
  delete(): void {
    this.queue(0, () => {
      const t = this.target();
      refuseIfViewOnly(this.wb);
      refuseIfStructureProtected(this.wb);
      if (t.visibility === "VeryHidden")
        throw fakeError("InvalidOperation", "a very hidden worksheet cannot be deleted");
      this.wb.sheets = this.wb.sheets.filter((s) => s !== t);
      if (this.wb.active === t.name) this.wb.active = this.wb.sheets[0]?.name ?? "";
    });
  }
}

class FakeWorksheetCollection extends Proxy<FakeWorkbook> {
  private list: FakeWorksheet[] | null = null;
  get items(): FakeWorksheet[] {
    if (!this.list) throw fakeError("PropertyNotLoaded", "items");
    return this.list;
  }
  private byKey(key: string, orNull: boolean): FakeWorksheet {
    const wb = this.context.wb;
    return new FakeWorksheet(this.context, () => wb.sheetByKey(key) ?? null, orNull);
  }
  /** getItem(key): by name or id; a sheet that is not there fails the request where it is first used. */
  getItem(key: string): FakeWorksheet {
    this.queue(PATH + bytesOf(key), () => undefined);
    return this.byKey(key, false);
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    this.queue(PATH + bytesOf(key), () => undefined);
    const sheet = this.byKey(key, true);
    sheet.settleNull();
    return sheet;
  }
  getActiveWorksheet(): FakeWorksheet {
    this.queue(0, () => undefined);
    const wb = this.context.wb;
    let pinned: FakeSheetData | null = null;
    return new FakeWorksheet(this.context, () => (pinned ??= wb.sheet(wb.active) ?? null));
  }
  add(name: string): FakeWorksheet {
    const wb = this.context.wb;
    let made: FakeSheetData | null = null;
    this.queue(PATH + bytesOf(name), () => {
      refuseIfViewOnly(wb);
      refuseIfStructureProtected(wb);
      made = wb.addSheet(name);
    });
    return new FakeWorksheet(this.context, () => made);
  }
  load(props?: string | string[]): this {
    const wanted = String(props ?? "");
    this.context.enqueue({
      bytes: ACTION + bytesOf(wanted),
      unload: () => (this.list = null),
      run: () => {
        const wb = this.context.wb;
        this.list = wb.sheets.map((s) => {
          const w = new FakeWorksheet(this.context, () => (wb.sheets.includes(s) ? s : null));
          (w as unknown as { data: Record<string, unknown> }).data = {
            name: s.name,
            id: s.id,
            visibility: s.visibility,
          };
          (w as unknown as { loaded: Set<string> }).loaded = new Set(["name", "id", "visibility"]);
          // A navigation path through each item ("items/protection/protected"), as Office.js loads it.
          if (wanted.includes("items/protection/protected")) {
            const p = w.protection as unknown as {
              data: Record<string, unknown>;
              loaded: Set<string>;
            };
            p.data = { protected: s.protected };
            p.loaded = new Set(["protected"]);
          }
          return w;
        });
        return bytesOf(wb.sheets.map((s) => [s.name, s.id]));
      },
    });
    return this;
  }
  protected read(): unknown {
    return null;
  }
}

/** Excel's answer to any write it does not take (its words say nothing of a protection). */
function refuseIfViewOnly(wb: FakeWorkbook): void {
  if (wb.writesRefused)
    throw fakeError("AccessDenied", "You cannot perform the requested operation.");
}

function refuseIfStructureProtected(wb: FakeWorkbook): void {
  if (wb.structureProtected)
    throw fakeError("AccessDenied", "The workbook is protected: its sheets cannot be changed.");
}

/** workbook.protection (ExcelApi 1.7): only `protected` is read. */
class FakeWorkbookProtection extends Proxy<FakeWorkbook> {
  get protected(): boolean {
    return this.get("protected");
  }
  protected read(_p: string, wb: FakeWorkbook): unknown {
    return wb.structureProtected;
  }
}

/** context.workbook: its collections, and `readOnly` (ExcelApi 1.8), its only property read. */
class FakeWorkbookObject extends Proxy<FakeWorkbook> {
  readonly worksheets = new FakeWorksheetCollection(this.context, this.resolve);
  readonly functions = new FakeFunctions(this.context);
  readonly protection = new FakeWorkbookProtection(this.context, this.resolve);
  get readOnly(): boolean {
    return this.get("readOnly");
  }
  protected read(prop: string, wb: FakeWorkbook): unknown {
    if (prop !== "readOnly") throw fakeError("InvalidArgument", prop);
    if (cmp(wb.apiVersion, "1.8") < 0)
      throw fakeError("ApiNotFound", "Workbook.readOnly needs ExcelApi 1.8");
    return wb.readOnly;
  }
}

/** Workbook functions, evaluated without a cell (Excel.Functions); only DATE is used. */
class FakeFunctionResult extends Proxy<FakeWorkbook> {
  constructor(
    context: FakeRequestContext,
    private readonly compute: (wb: FakeWorkbook) => number
  ) {
    super(context, () => context.wb);
  }
  get value(): number {
    return this.get("value");
  }
  protected read(prop: string, wb: FakeWorkbook): unknown {
    return prop === "value" ? this.compute(wb) : null;
  }
}

class FakeFunctions {
  constructor(private readonly context: FakeRequestContext) {}
  /** DATE(y, m, d): the serial in the workbook's date system (dates from 1900-03-01 on). */
  date(year: number, month: number, day: number): FakeFunctionResult {
    this.context.enqueue({ bytes: ACTION + PATH, run: () => undefined });
    return new FakeFunctionResult(this.context, (wb) => {
      const serial1900 = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
      return wb.date1904 ? serial1900 - 1462 : serial1900;
    });
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbookObject;
  private pending: Action[] = [];
  /** Made by Excel.run({ delayForCellEdit: true }, …): held while the user types in a cell. */
  delayForCellEdit = false;
  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new FakeWorkbookObject(this, () => wb);
  }
  enqueue(a: Action): void {
    this.pending.push(a);
  }
  takeQueue(): Action[] {
    const q = this.pending;
    this.pending = [];
    return q;
  }
  sync(): Promise<void> {
    return this.wb.runSync(this);
  }
}

// ---------------------------------------------------------------------------------------------------
// Globals

export interface FakeOfficeOptions {
  displayLanguage?: string;
  settings?: Record<string, unknown>;
}

export interface FakeHost {
  wb: FakeWorkbook;
  settings: Map<string, unknown>;
  /** Notifications shown through Office.context.ui / event.completed. */
  associated: Map<string, (event: unknown) => void>;
}

/** Installs `Excel` and `Office` globals backed by `wb` (Node tests and the browser e2e alike). */
export function installFakeOffice(
  wb: FakeWorkbook,
  opts: FakeOfficeOptions = {},
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>
): FakeHost {
  const settings = new Map<string, unknown>(Object.entries(opts.settings ?? {}));
  const associated = new Map<string, (event: unknown) => void>();
  const excel = {
    /** Excel.run(batch) or Excel.run(options, batch) (Excel.RunOptions: delayForCellEdit). */
    run: async <T>(
      a: { delayForCellEdit?: boolean } | ((ctx: FakeRequestContext) => Promise<T>),
      b?: (ctx: FakeRequestContext) => Promise<T>
    ): Promise<T> => {
      const ctx = new FakeRequestContext(wb);
      if (typeof a === "function") return a(ctx);
      ctx.delayForCellEdit = !!a.delayForCellEdit;
      return b!(ctx);
    },
    RequestContext: function RequestContext(this: unknown) {
      return new FakeRequestContext(wb);
    },
  };
  const office = {
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady: (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: "Excel", platform: "OfficeOnline" };
      cb?.(info);
      return Promise.resolve(info);
    },
    actions: { associate: (name: string, f: (event: unknown) => void) => associated.set(name, f) },
    context: {
      displayLanguage: opts.displayLanguage ?? "zh-CN",
      requirements: {
        isSetSupported: (name: string, v?: string) =>
          name === "ExcelApi" && cmp(wb.apiVersion, v ?? "1.1") >= 0,
      },
      document: {
        settings: {
          get: (k: string) => (settings.has(k) ? settings.get(k) : null),
          set: (k: string, v: unknown) => void settings.set(k, v),
          remove: (k: string) => void settings.delete(k),
          saveAsync: (cb?: (r: { status: string }) => void) => cb?.({ status: "succeeded" }),
        },
      },
    },
  };
  target.Excel = excel;
  target.Office = office;
  return { wb, settings, associated };
}
