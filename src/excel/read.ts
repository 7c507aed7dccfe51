/**
 * Reads what the engine needs in ONE Excel.run: the sheets' used ranges (values, displayed text, number
 * formats, formulas), the ledger sheet and the summary sheet.
 *
 * Two rounds, whatever the size of the sheets: the first learns which sheets there are (ids and names, from
 * the collection), where the used ranges are (address and dimensions, of the ledger and summary sheets
 * too, and whether any of a user sheet's rows are hidden), sheet and workbook protection (the write's preflight: every sheet it touches, the tool's own
 * included), whether the workbook is open read-only, and registers the change handlers of the fast path
 * (watch.ts); the second loads the cells in row bands small enough for
 * Excel on the web's ~5 MB response limit, all bands synced together (bands.ts), and with them what the
 * write needs to decide without a round of its own: our conditional formats (deleted by the write), the
 * widths of the columns the engine may widen, and which rows are hidden where round 1 found some.
 * The whole workbook needs one more round first when the sheet names are not known from a previous read.
 */
import {
  FORMS_SHEET,
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
import { SheetRef, isItemNotFound, keyOf } from "./sheets";
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
  /** All sheet names in workbook order. */
  names: string[];
  /** Every sheet, by id and name, in workbook order: the hint for the next read (sheets.ts). */
  refs: SheetRef[];
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
      // Range.text is the cell's formatted text, with no "#####" for a narrow column (that is the grid's
      // drawing, not the API's answer): taken as it is.
      return t === undefined || t === null ? (v === null ? "" : String(v)) : String(t);
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

/** A used range after round 1: where it is (A1 on a blank sheet). */
interface Dims {
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  /** Range.rowHidden (ExcelApi 1.2), user sheets only: true when every row of the used range is hidden
   *  (or filtered out), false when none is, null when some are. Anything else: not known, none assumed. */
  rowHidden?: boolean | null;
}

const rectOf = (d: Dims): Rect => ({
  row: d.rowIndex,
  col: d.columnIndex,
  rows: d.rowCount,
  cols: d.columnCount,
});

/** A sheet queued in round 1: its proxy, used range (values only) and, from ExcelApi 1.13, merged areas. */
interface Pending {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  /** Not loaded in round 1: an *OrNullObject result is loaded only once the sync has said it is not null. */
  merged: Excel.RangeAreas | null;
  /** The print area (ExcelApi 1.9, user sheets), likewise: loaded in round 2 where there is one. */
  printArea: Excel.RangeAreas | null;
}

/**
 * Queues and syncs the reads: two rounds whatever the size of the workbook (three without the hint).
 * `hint`: the sheets of the previous read, by id, so that round 1 can ask for their used ranges at once; a
 * renamed one is found by its id, and one that is gone fails round 1 before anything in it has run (a
 * remembered sheet is asked for first), after which the workbook is read as one never seen. No property of
 * an *OrNullObject result is loaded before a sync has said it is not null: which sheets exist comes from the
 * collection's items; used ranges are asked for with getUsedRange(true), which answers A1 on a blank sheet.
 * `watch`: gets a change handler on every user sheet read, queued before the first sync.
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  scope: Scope,
  hint?: readonly SheetRef[],
  opts: LoadOptions & {
    maxRequestBytes?: number;
    mergedAreas?: boolean;
    readOnly?: boolean;
    /** ExcelApi 1.9: each user sheet's print area (SheetGrid.printArea), in the same two rounds. */
    pageLayout?: boolean;
  } = {},
  watch?: ChangeWatch
): Promise<WorkbookRead> {
  const worksheets = context.workbook.worksheets;
  const own = (n: string) => n === LEDGER_SHEET || n === SUMMARY_SHEET; // read separately
  // Read whatever the scope, as the tool's own are: the forms sheet (read as a user sheet, so that the
  // engine sees whether it is still the tool's, and Undo has what it held).
  const always = (n: string) => own(n) || n === FORMS_SHEET;
  // Remembered sheets first: one that is gone fails the request here, before any other action has run.
  const remembered = (hint ?? []).filter((r) => scope === "workbook" || always(r.name));
  const byId = new Map<string, Pending>();
  const found = remembered.map((ref) => {
    const sheet = worksheets.getItem(ref.id);
    sheet.load("name,id");
    return { ref, sheet };
  });
  worksheets.load("items/name,items/id");
  const active = worksheets.getActiveWorksheet();
  active.load("name,id");
  // The workbook's date system: DATE(1904,1,1) is serial 0 when dates count from 1904, 1462 otherwise.
  // Workbook.use1904DateSystem is preview-only; the function is evaluated without touching a cell.
  const epoch = context.workbook.functions.date(1904, 1, 1);
  epoch.load("value");
  const workbookProtection = context.workbook.protection;
  workbookProtection.load("protected");
  // Workbook.readOnly is ExcelApi 1.8, above the add-in's minimum: asked for only where the host has it.
  if (opts.readOnly) context.workbook.load("readOnly");

  const queueSheet = (sheet: Excel.Worksheet, isOwn: boolean): Pending => {
    sheet.load("name");
    sheet.protection.load("protected");
    if (!isOwn) watch?.watch(sheet);
    const used = sheet.getUsedRange(true);
    // With its dimensions, whether any of a user sheet's rows are hidden: round 2 asks which only then.
    // eslint-disable-next-line office-addins/no-empty-load -- DIMS names the properties
    used.load(isOwn ? DIMS : `${DIMS},rowHidden`);
    // Merged areas (ExcelApi 1.13; core/merges.ts says why): asked for here, loaded once known not null.
    const merged = opts.mergedAreas ? used.getMergedAreasOrNullObject() : null;
    // The print area (the planner grows it over the columns it adds): asked for here, loaded in round 2.
    const printArea =
      opts.pageLayout && !isOwn ? sheet.pageLayout.getPrintAreaOrNullObject() : null;
    return { sheet, used, merged, printArea };
  };
  const queued = found.map(({ ref, sheet }) => ({
    sheet,
    pending: queueSheet(sheet, own(ref.name)),
  }));
  let activePending: Pending | null = null;
  if (scope === "active") activePending = queueSheet(active, false);
  try {
    await context.sync();
  } catch (e) {
    if (!found.length || !isItemNotFound(e)) throw e;
    // A remembered sheet was deleted: nothing of this request ran, its handlers were never registered.
    watch?.forget();
    return readWorkbook(context, scope, undefined, opts, watch);
  }
  const refs: SheetRef[] = worksheets.items.map((w) => ({ id: w.id, name: w.name }));
  // By the id Excel gives (a remembered sheet may have been asked for by name: the tool's own).
  for (const { sheet, pending } of queued) byId.set(sheet.id, pending);
  const names = refs.map((r) => r.name);
  // The sheets this read needs, and those round 1 did not ask for (not remembered, or new): one more sync.
  const wanted = refs.filter((r) =>
    scope === "workbook" ? true : always(r.name) || r.id === active.id
  );
  const missing = wanted.filter((r) => !byId.has(r.id) && !(activePending && r.id === active.id));
  for (const r of missing) byId.set(r.id, queueSheet(worksheets.getItem(r.id), own(r.name)));
  if (missing.length) await context.sync();
  const pendingOf = (r: SheetRef): Pending =>
    activePending && r.id === active.id ? activePending : byId.get(r.id)!;
  const summaryRef = refs.find((r) => r.name === SUMMARY_SHEET);
  const ledgerRef = refs.find((r) => r.name === LEDGER_SHEET);
  const userRefs = wanted.filter((r) => !own(r.name));

  // Round 2: the cells of every non-empty used range, in bands.
  const toLoad: {
    name: string;
    id: string;
    dims: Dims;
    protected: boolean;
    merged: Excel.RangeAreas | null;
    printArea: Excel.RangeAreas | null;
  }[] = userRefs.map((r) => {
    const p = pendingOf(r);
    return {
      name: r.name,
      id: r.id,
      dims: p.used as unknown as Dims,
      protected: p.sheet.protection.protected,
      merged: p.merged && !p.merged.isNullObject ? p.merged : null,
      printArea: p.printArea && !p.printArea.isNullObject ? p.printArea : null,
    };
  });
  const summaryExists = !!summaryRef;
  const summaryDims = summaryRef ? (pendingOf(summaryRef).used as unknown as Dims) : null;
  const ledgerDims = ledgerRef ? (pendingOf(ledgerRef).used as unknown as Dims) : null;
  const sheetKey = keyOf(refs);
  const loadOpts: LoadOptions = { ...opts, sheetKey };
  const items: RectLoad[] = [];
  const itemOf = new Map<string, number>();
  for (const { name, dims } of [
    ...toLoad,
    ...(summaryDims ? [{ name: SUMMARY_SHEET, dims: summaryDims }] : []),
  ]) {
    itemOf.set(name, items.length);
    items.push({ sheet: name, rect: rectOf(dims), props: CELL_PROPS });
  }
  // The ledger: long JSON cells (up to 30,000 characters), hence its own estimate.
  const ledgerItem = ledgerDims ? items.length : -1;
  if (ledgerDims)
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
    opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    sheetKey
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
  // Hidden and filtered-out rows (the engine does not score them, scoring-spec §1), in this same round:
  // where round 1 found the used range's rows some hidden, some not (rowHidden null), each row's own
  // Range.rowHidden (ExcelApi 1.2, a row property: hidden columns do not matter), one small proxy a row.
  // A sheet with no hidden row (the usual case) costs nothing more; one with all rows hidden, nothing either.
  const hiddenOf = new Map<string, () => number[]>();
  for (const { name, dims } of toLoad) {
    const all = dims.rowHidden === true;
    if (dims.rowHidden !== null && !all) continue;
    if (all) {
      hiddenOf.set(name, () => Array.from({ length: dims.rowCount }, (_, i) => dims.rowIndex + i));
      continue;
    }
    const rows: { row: number; range: Excel.Range }[] = [];
    for (let i = 0; i < dims.rowCount; i++) {
      const row = dims.rowIndex + i;
      const range = packer.at(PROBE, 40)(name).getRangeByIndexes(row, dims.columnIndex, 1, 1);
      range.load("rowHidden");
      rows.push({ row, range });
    }
    hiddenOf.set(name, () => rows.filter((r) => r.range.rowHidden === true).map((r) => r.row));
  }
  for (const { name, dims } of toLoad) {
    const first = dims.columnIndex;
    const last = Math.min(first + dims.columnCount + WIDTH_MARGIN, first + WIDTH_MAX_COLS, 16_383);
    const cols = new Map<number, () => number>();
    for (let c = first; c < last; c++) cols.set(c, widthOf(packer.at(PROBE, 40), name, c));
    widths.set(name, { standard: widthOf(packer.at(PROBE, 40), name, 0, "XFD1"), cols });
  }
  // The merged areas (known not null since round 1), with the small loads: their count and addresses.
  // A merged area covers two cells at least, so a used range of up to 2 × MAX_MERGED_AREAS cells cannot
  // answer more than one response carries; a larger one is counted first, and its addresses are asked
  // for in a round of their own only when there are not too many (else it is read without, as on hosts
  // below ExcelApi 1.13).
  const mergedAddress = new Map<string, Excel.RangeAreas>();
  const countFirst: { name: string; merged: Excel.RangeAreas }[] = [];
  for (const { name, dims, merged } of toLoad) {
    if (!merged) continue;
    const most = Math.floor((dims.rowCount * dims.columnCount) / 2);
    packer.at(
      PATH_BYTES + ACTION_OVERHEAD,
      Math.min(most, MAX_MERGED_AREAS) * MERGED_AREA_BYTES + 64
    );
    if (most <= MAX_MERGED_AREAS) {
      merged.load("areaCount,address");
      mergedAddress.set(name, merged);
    } else {
      merged.load("areaCount");
      countFirst.push({ name, merged });
    }
  }
  // Print areas (known not null since round 1), with the small loads.
  for (const { printArea } of toLoad) {
    if (!printArea) continue;
    packer.at(PATH_BYTES + ACTION_OVERHEAD, 400);
    printArea.load("areaCount,address");
  }
  // The bands on extra contexts, sent together with the small loads; should the user be typing in a cell,
  // the bands Excel refuses for it are asked again on the run's own context, which Excel holds instead.
  const [loaded] = await Promise.all([
    items.length
      ? loadRects(null, items, { ...loadOpts, heldContext: context })
      : Promise.resolve([]),
    packer.sync(),
  ]);
  const counted = countFirst.filter((c) => c.merged.areaCount <= MAX_MERGED_AREAS);
  for (const { name, merged } of counted) {
    merged.load("address");
    mergedAddress.set(name, merged);
  }
  if (counted.length) await context.sync();
  const mergesOf = (name: string): MergedArea[] => {
    const areas = mergedAddress.get(name);
    return areas ? areasOfAddress(areas.address) : [];
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

  const printAreaOf = new Map<string, MergedArea>();
  for (const { name, printArea } of toLoad) {
    if (!printArea || printArea.areaCount !== 1) continue;
    const [area] = areasOfAddress(printArea.address);
    if (area) printAreaOf.set(name, area);
  }
  const sheets: SheetGrid[] = [];
  const protectedSheets: string[] = [];
  const date1904 = epoch.value === 0;
  for (const { name, id, dims, protected: isProtected } of toLoad) {
    if (isProtected) protectedSheets.push(name);
    const cells = cellsOf(name, dims);
    const empty = isEmptyRange(cells.values);
    const grid = empty ? emptyGrid(name) : toSheetGrid(name, cells);
    grid.id = id;
    if (date1904) grid.date1904 = true;
    const merges = mergesOf(name);
    if (merges.length) grid.merges = merges;
    // One rectangle: what the planner can grow; several areas (or whole rows or columns) are left alone.
    const area = printAreaOf.get(name);
    if (area) grid.printArea = area;
    const hidden = empty ? [] : (hiddenOf.get(name)?.() ?? []);
    if (hidden.length) grid.hiddenRows = hidden;
    sheets.push(grid);
  }
  // The tool's own sheets are written too: their protection is part of the write's preflight.
  for (const ref of [summaryRef, ledgerRef]) {
    if (ref && pendingOf(ref).sheet.protection.protected) protectedSheets.push(ref.name);
  }

  const ledgerExists = !!ledgerRef;
  let ledgerRows: CellValue[][] = [];
  let ledger = new Ledger();
  let widthRecords: WidthRecord[] = [];
  if (ledgerDims && !isEmptyRange(loaded[ledgerItem].values ?? [])) {
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
      // Column D (the command line's sheet ids) is not read here: worksheet ids are another numbering.
      // E:G: width records of earlier versions of the add-in (core ledgerFromRows reads them).
      ledger = ledgerFromGrid({
        ...grid,
        values: grid.values.map((row) => [...row.slice(0, 3), null, ...row.slice(4, 7)]),
      });
    }
  }
  let summaryGrid: SheetGrid | null = null;
  if (summaryDims) {
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
    refs,
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
