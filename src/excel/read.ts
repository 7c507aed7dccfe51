/**
 * Reads what the engine needs in ONE Excel.run: the sheets' used ranges (values, displayed text, number
 * formats, formulas), the ledger sheet and the summary sheet.
 *
 * Two rounds, whatever the size of the sheets: the first learns where the used ranges are (address and
 * dimensions, of the ledger and summary sheets too), sheet and workbook protection, whether the workbook
 * is open read-only, and the names of the sheets, and registers the change handlers that tell the write
 * whether a sheet was edited since (watch.ts); the second loads the cells in row bands small enough for
 * Excel on the web's ~5 MB response limit, all bands synced together (bands.ts), and with them what the
 * write needs to decide without a round of its own: our conditional formats (deleted by the write) and the
 * widths of the columns the engine may widen.
 * The whole workbook needs one more round first when the sheet names are not known from a previous read.
 */
import {
  LEDGER_SHEET,
  SUMMARY_SHEET,
  CellValue,
  Ledger,
  MergedArea,
  SheetGrid,
  areasOfAddress,
  emptyGrid,
  ledgerFromGrid,
} from "../core";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  LoadOptions,
  RangeProp,
  RectLoad,
  RequestPacker,
  loadRects,
} from "./bands";
import { ACTION_OVERHEAD, PATH_BYTES, Rect } from "./blocks";
import { queueLoadMarks } from "./conditional";
import { DEFAULT_MAX_REQUEST_BYTES } from "./execute";
import { ChangeWatch } from "./watch";

/** Our conditional formats found on a sheet at read time (their proxies belong to the run's context). */
export type MarkLoad = ReturnType<typeof queueLoadMarks>;

/** Column widths (points) of a sheet at read time: the standard width (of XFD, which nobody touches) and
 *  those of the used range's columns and a few to its right (where the engine adds result columns). */
export interface SheetWidths {
  standard: () => number;
  cols: Map<number, () => number>;
}

/** Columns right of the used range whose width is read (result columns are added there). */
export const WIDTH_MARGIN = 16;
/** At most this many columns a sheet; a column beyond is looked at in a round of its own, if ever. */
export const WIDTH_MAX_COLS = 128;

export type Scope = "active" | "workbook";

/** What was read, plus what the writer needs to know about the workbook's state at read time. */
export interface WorkbookRead {
  /** Sheets in workbook order, never the ledger sheet; the summary sheet last when it exists (the engine
   *  skips it when the ledger says it is ours, and reports it as occupied when it is not). */
  sheets: SheetGrid[];
  ledger: Ledger;
  /** Rows of the ledger sheet as stored (so that Undo can put them back). */
  ledgerRows: CellValue[][];
  activeSheet: string;
  summaryExists: boolean;
  /** The summary sheet's used range at read time (for Undo), null when absent or empty. */
  summaryGrid: SheetGrid | null;
  ledgerExists: boolean;
  protectedSheets: string[];
  /** The workbook's structure is protected (Review > Protect Workbook): no sheet can be added or removed. */
  workbookProtected: boolean;
  /** The workbook is open read-only (a file opened read-only on the desktop, view mode on the web): its
   *  writes need Save As, or are refused. False where it cannot be known (below ExcelApi 1.8). */
  workbookReadOnly: boolean;
  /** All sheet names in workbook order (workbook scope), the hint for the next read. */
  names: string[];
  /** Our conditional formats on every read user sheet (the summary and ledger sheets have none). */
  marks: Map<string, MarkLoad>;
  /** Column widths of every non-empty read user sheet. */
  widths: Map<string, SheetWidths>;
  /** Columns the add-in widened, as recorded beside the ledger (so that Clear can narrow them back). */
  widthRecords: WidthRecord[];
}

/**
 * A column the add-in widened, and the width (points) it set. Kept in the ledger sheet's columns E:G
 * (the ledger proper is A:C and the engine reads nothing else), one record a row, as text.
 */
export interface WidthRecord {
  sheet: string;
  col: number;
  points: number;
}

/** First column (E) of the width records in the ledger sheet. */
export const WIDTH_RECORD_COL = 4;

function widthRecordsOf(origin: { row: number; col: number }, values: unknown[][]): WidthRecord[] {
  const out: WidthRecord[] = [];
  const at = (row: unknown[], col: number) => row[col - origin.col];
  for (const row of values) {
    const sheet = at(row, WIDTH_RECORD_COL);
    const col = Number(at(row, WIDTH_RECORD_COL + 1));
    const points = Number(at(row, WIDTH_RECORD_COL + 2));
    if (typeof sheet === "string" && sheet && Number.isInteger(col) && col >= 0 && points > 0)
      out.push({ sheet, col, points });
  }
  return out;
}

/** Round 1: where the used range is. Round 2: its cells, in bands. */
const DIMS = "address,rowIndex,columnIndex,rowCount,columnCount";
const CELL_PROPS: readonly RangeProp[] = ["values", "text", "numberFormat", "formulas"];
/** Ledger cells hold JSON of up to 30,000 characters; an average over its columns (A:G). */
const LEDGER_CELL_BYTES = 12_000;
/** One area of a merged-areas address (`'Sheet name'!AB12:AC13, `), generously. */
const MERGED_AREA_BYTES = 80;
/** More merged areas than this on one sheet (about 1.6 MB of address) are not read. */
export const MAX_MERGED_AREAS = 20_000;

/** Loaded range data → SheetGrid. `formulas` from Excel repeats constants; only real formulas are kept. */
export function toSheetGrid(
  name: string,
  r: {
    rowIndex: number;
    columnIndex: number;
    values: unknown[][];
    text?: string[][];
    numberFormat?: unknown[][];
    formulas?: unknown[][];
  }
): SheetGrid {
  const values: CellValue[][] = r.values.map((row) =>
    row.map((v) => (v === undefined ? null : (v as CellValue)))
  );
  const text: string[][] = values.map((row, i) =>
    row.map((v, j) => {
      const t = r.text?.[i]?.[j];
      const s = t === undefined || t === null ? (v === null ? "" : String(v)) : String(t);
      // "#####" is Excel saying the column is too narrow, not the cell's text: fall back to the raw value.
      return /^#+$/.test(s) && typeof v === "number" ? "" : s;
    })
  );
  const grid: SheetGrid = { name, originRow: r.rowIndex, originCol: r.columnIndex, values, text };
  if (r.numberFormat)
    grid.formats = r.numberFormat.map((row) =>
      row.map((f) => (typeof f === "string" ? f : "General"))
    );
  if (r.formulas) {
    grid.formulas = r.formulas.map((row, i) =>
      row.map((f, j) =>
        typeof f === "string" && f.startsWith("=") && f !== values[i]?.[j] ? f : ""
      )
    );
  }
  return grid;
}

/** True when a used range read with valuesOnly is really empty (Excel returns A1 with "" for a blank sheet). */
function isEmptyRange(values: unknown[][]): boolean {
  return (
    values.length === 1 && values[0].length === 1 && (values[0][0] === "" || values[0][0] === null)
  );
}

/** A used range after round 1: a null object, or where it is. */
interface Dims {
  isNullObject: boolean;
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

const rectOf = (d: Dims): Rect => ({
  row: d.rowIndex,
  col: d.columnIndex,
  rows: d.rowCount,
  cols: d.columnCount,
});

/**
 * Queues and syncs the reads: two rounds whatever the size of the workbook (three without the names hint).
 * `watch`: gets a change handler on every user sheet read, queued before the first sync.
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  scope: Scope,
  hint?: readonly string[],
  opts: LoadOptions & { maxRequestBytes?: number; mergedAreas?: boolean; readOnly?: boolean } = {},
  watch?: ChangeWatch
): Promise<WorkbookRead> {
  const worksheets = context.workbook.worksheets;
  const active = worksheets.getActiveWorksheet();
  active.load("name");
  const summary = worksheets.getItemOrNullObject(SUMMARY_SHEET);
  summary.load("name");
  const summaryUsed = summary.getUsedRangeOrNullObject(true);
  // eslint-disable-next-line office-addins/no-empty-load -- DIMS names the properties
  summaryUsed.load(DIMS);
  const ledgerSheet = worksheets.getItemOrNullObject(LEDGER_SHEET);
  ledgerSheet.load("name");
  const ledgerUsed = ledgerSheet.getUsedRangeOrNullObject(true);
  // eslint-disable-next-line office-addins/no-empty-load -- DIMS names the properties
  ledgerUsed.load(DIMS);
  // The workbook's date system: DATE(1904,1,1) is serial 0 when dates count from 1904, 1462 otherwise.
  // Workbook.use1904DateSystem is preview-only; the function is evaluated without touching a cell.
  const epoch = context.workbook.functions.date(1904, 1, 1);
  epoch.load("value");
  const workbookProtection = context.workbook.protection;
  workbookProtection.load("protected");
  // Workbook.readOnly is ExcelApi 1.8, above the add-in's minimum: asked for only where the host has it.
  if (opts.readOnly) context.workbook.load("readOnly");

  type Pending = {
    sheet: Excel.Worksheet;
    used: Excel.Range;
    merged: Excel.RangeAreas | null;
    name?: string;
  };
  // Merged areas (ExcelApi 1.13; core/merges.ts says why): how many in the first round, where in the second.
  const mergedOf = (used: Excel.Range): Excel.RangeAreas | null => {
    if (!opts.mergedAreas) return null;
    const merged = used.getMergedAreasOrNullObject();
    merged.load("areaCount");
    return merged;
  };
  let pending: Pending[] = [];
  let names: string[] = [];
  const own = (n: string) => n === LEDGER_SHEET || n === SUMMARY_SHEET; // read separately above
  if (scope === "active") {
    active.protection.load("protected");
    watch?.watch(active);
    const used = active.getUsedRange(true);
    // eslint-disable-next-line office-addins/no-empty-load -- DIMS names the properties
    used.load(DIMS);
    pending = [{ sheet: active, used, merged: mergedOf(used) }];
    await context.sync();
  } else {
    // The sheet names are needed before the used ranges can be asked for. With the names of the previous
    // run as a hint, both go in one sync; only a workbook whose sheets changed needs a second one.
    worksheets.load("items/name");
    const queueSheet = (name: string): Pending => {
      const sheet = worksheets.getItemOrNullObject(name);
      sheet.protection.load("protected");
      if (!own(name)) watch?.watch(sheet, name);
      const used = sheet.getUsedRangeOrNullObject(true);
      // eslint-disable-next-line office-addins/no-empty-load -- DIMS names the properties
      used.load(DIMS);
      return { sheet, used, merged: mergedOf(used), name };
    };
    const hinted = new Map((hint ?? []).filter((n) => !own(n)).map((n) => [n, queueSheet(n)]));
    await context.sync();
    names = worksheets.items.map((w) => w.name);
    const missing = names.filter((n) => !own(n) && !hinted.has(n));
    const fresh = new Map(missing.map((n) => [n, queueSheet(n)]));
    if (missing.length) await context.sync();
    pending = names.filter((n) => !own(n)).map((n) => hinted.get(n) ?? fresh.get(n)!);
  }

  // Round 2: the cells of every non-empty used range, in bands.
  const toLoad: { name: string; dims: Dims; protected: boolean; mergedAreas: number }[] = [];
  for (const p of pending) {
    const name = p.name ?? p.sheet.name;
    if (own(name)) continue;
    toLoad.push({
      name,
      dims: p.used as unknown as Dims,
      protected: p.sheet.protection.protected,
      mergedAreas: p.merged && !p.merged.isNullObject ? p.merged.areaCount : 0,
    });
  }
  const summaryExists = !summary.isNullObject;
  const summaryDims = summaryUsed as unknown as Dims;
  const items: RectLoad[] = [];
  const itemOf = new Map<string, number>();
  for (const { name, dims } of [
    ...toLoad,
    ...(summaryExists ? [{ name: SUMMARY_SHEET, dims: summaryDims }] : []),
  ]) {
    if (dims.isNullObject) continue;
    itemOf.set(name, items.length);
    items.push({ sheet: name, rect: rectOf(dims), props: CELL_PROPS });
  }
  // The ledger: long JSON cells (up to 30,000 characters), hence its own estimate.
  const ledgerDims = ledgerUsed as unknown as Dims;
  const ledgerItem = !ledgerSheet.isNullObject && !ledgerDims.isNullObject ? items.length : -1;
  if (ledgerItem >= 0)
    items.push({
      sheet: LEDGER_SHEET,
      rect: rectOf(ledgerDims),
      props: ["values"],
      cellBytes: LEDGER_CELL_BYTES,
    });
  // With the bands, on the run's own context (the write deletes through these proxies): our marks; and
  // the column widths the write compares against.
  const packer = new RequestPacker(
    context,
    opts.newContext ?? (() => new Excel.RequestContext()),
    opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
    opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  );
  const marks = new Map(
    toLoad.map(
      ({ name }) =>
        [
          name,
          queueLoadMarks(packer.at(PATH_BYTES * 2 + ACTION_OVERHEAD, 2_000)(name), name),
        ] as const
    )
  );
  const widths = new Map<string, SheetWidths>();
  const widthOf = (
    sheetOf: (name: string) => Excel.Worksheet,
    name: string,
    col: number,
    address?: string
  ) => {
    const ws = sheetOf(name);
    const format = (address ? ws.getRange(address) : ws.getRangeByIndexes(0, col, 1, 1)).format;
    format.load("columnWidth");
    return () => format.columnWidth;
  };
  const PROBE = PATH_BYTES * 2 + ACTION_OVERHEAD;
  for (const { name, dims } of toLoad) {
    if (dims.isNullObject) continue;
    const first = dims.columnIndex;
    const last = Math.min(first + dims.columnCount + WIDTH_MARGIN, first + WIDTH_MAX_COLS, 16_383);
    const cols = new Map<number, () => number>();
    for (let c = first; c < last; c++) cols.set(c, widthOf(packer.at(PROBE, 40), name, c));
    widths.set(name, { standard: widthOf(packer.at(PROBE, 40), name, 0, "XFD1"), cols });
  }
  // The merged areas' addresses, in the requests of the small loads. A sheet with more of them than one
  // response can carry is read without (as on hosts below ExcelApi 1.13).
  const mergedAddress = new Map<string, Excel.RangeAreas>();
  for (const { name, dims, mergedAreas } of toLoad) {
    if (mergedAreas === 0 || mergedAreas > MAX_MERGED_AREAS || dims.isNullObject) continue;
    const ws = packer.at(
      PATH_BYTES * 3 + ACTION_OVERHEAD,
      mergedAreas * MERGED_AREA_BYTES + 64
    )(name);
    const { rowIndex, columnIndex, rowCount, columnCount } = dims;
    const areas = ws
      .getRangeByIndexes(rowIndex, columnIndex, rowCount, columnCount)
      .getMergedAreasOrNullObject();
    areas.load("address");
    mergedAddress.set(name, areas);
  }
  const [loaded] = await Promise.all([
    items.length ? loadRects(null, items, opts) : Promise.resolve([]),
    packer.sync(),
  ]);
  const mergesOf = (name: string): MergedArea[] => {
    const areas = mergedAddress.get(name);
    return areas && !areas.isNullObject ? areasOfAddress(areas.address) : [];
  };
  const cellsOf = (name: string, dims: Dims) => {
    const data = loaded[itemOf.get(name)!];
    return {
      rowIndex: dims.rowIndex,
      columnIndex: dims.columnIndex,
      values: data.values ?? [],
      text: data.text as string[][] | undefined,
      numberFormat: data.numberFormat,
      formulas: data.formulas,
    };
  };

  const sheets: SheetGrid[] = [];
  const protectedSheets: string[] = [];
  const date1904 = epoch.value === 0;
  for (const { name, dims, protected: isProtected } of toLoad) {
    if (isProtected) protectedSheets.push(name);
    if (dims.isNullObject) {
      sheets.push(emptyGrid(name));
      continue;
    }
    const cells = cellsOf(name, dims);
    const empty = isEmptyRange(cells.values);
    const grid = empty ? emptyGrid(name) : toSheetGrid(name, cells);
    if (date1904) grid.date1904 = true;
    const merges = mergesOf(name);
    if (merges.length) grid.merges = merges;
    sheets.push(grid);
  }

  const ledgerExists = !ledgerSheet.isNullObject;
  let ledgerRows: CellValue[][] = [];
  let ledger = new Ledger();
  let widthRecords: WidthRecord[] = [];
  if (ledgerItem >= 0) {
    const values = loaded[ledgerItem].values ?? [];
    widthRecords = widthRecordsOf(
      { row: ledgerDims.rowIndex, col: ledgerDims.columnIndex },
      values
    );
    // The ledger's own columns are A:C; anything else in that sheet is not the engine's concern.
    const grid = toSheetGrid(LEDGER_SHEET, {
      rowIndex: ledgerDims.rowIndex,
      columnIndex: ledgerDims.columnIndex,
      values,
    });
    if (grid.originRow === 0 && grid.originCol === 0) {
      ledgerRows = grid.values.map((row) => row.slice(0, 3));
      ledger = ledgerFromGrid({ ...grid, values: ledgerRows });
    }
  }
  let summaryGrid: SheetGrid | null = null;
  if (summaryExists && !summaryDims.isNullObject) {
    const cells = cellsOf(SUMMARY_SHEET, summaryDims);
    if (!isEmptyRange(cells.values)) summaryGrid = toSheetGrid(SUMMARY_SHEET, cells);
  }
  if (summaryExists && !sheets.some((s) => s.name === SUMMARY_SHEET)) {
    sheets.push(summaryGrid ?? emptyGrid(SUMMARY_SHEET));
  }
  return {
    sheets,
    ledger,
    ledgerRows,
    activeSheet: active.name,
    summaryExists,
    summaryGrid,
    ledgerExists,
    protectedSheets,
    workbookProtected: workbookProtection.protected,
    workbookReadOnly: opts.readOnly ? context.workbook.readOnly : false,
    names,
    marks,
    widths,
    widthRecords,
  };
}
