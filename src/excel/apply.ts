/**
 * Applies a WritePlan in the run that read the workbook: a preflight (every sheet touched exists and is
 * not protected, the tool's own included; a protected structure; below ExcelApi 1.9, whether formats can
 * be saved), then requests below Excel on the web's ~5 MB limits sent one after another (execute.ts).
 * Each request first loads what its own writes will overwrite (values, formulas, number formats; fills
 * and fonts per cell, with getCellProperties where ExcelApi 1.9 is there, one by one below): the Undo
 * snapshot, taken in the same batch, before the writes. Once a request has landed, what it loaded is
 * compared with what the read saw: a cell the user changed since stops the write ("changed"), and the
 * session takes back what landed. A request Excel refuses stops it too ("failed").
 * What the decisions need (our conditional formats, column widths, print areas) came with the read (read.ts).
 *
 * Issue 18: the tool's own sheets (the summary, the forms) are rebuilt whole with their layout (merges,
 * row heights, named styles; from ExcelApi 1.9 the page setup and page breaks), and are the tool's only
 * while the ledger says so; added columns take the form's formats by Range.copyFrom (ExcelApi 1.9), whose
 * request first loads the whole formats it replaces (getCellProperties) for Undo (setCellProperties); print
 * areas are set or removed in the first request. None of it takes a round of its own. Below 1.9 page
 * setup, formatLike and print areas are left out, and the outcome says so (NotApplied).
 *
 * With the read's two rounds that is 3 round trips for Score at 10 rows (4 when the whole workbook is read
 * without the sheets of a previous read, or a result column lies beyond the widths read); one more per
 * further request of a large write.
 */
import {
  CellValue,
  HIGHLIGHT_FILL,
  HIGHLIGHT_FONT,
  LEDGER_SHEET,
  OwnSheetPlan,
  SUMMARY_SHEET,
  SheetGrid,
  SummarySheetPlan,
  WritePlan,
  a1,
  WriteOp,
  cellWrites,
  planOps,
  toRects,
} from "../core";
import {
  CELL_PROPERTIES_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  Loaded,
  RESPONSE_BYTES_PER_CELL_PROP,
  RequestPacker,
  bandRect,
} from "./bands";
import { ACTION_OVERHEAD, PATH_BYTES, Rect, splitRows } from "./blocks";
import { MarkRange, markRanges } from "./conditional";
import {
  DEFAULT_MAX_REQUEST_BYTES,
  ExecuteOptions,
  ExecuteStats,
  Snapshot,
  Structural,
  executeOps,
} from "./execute";
import { literalForExcel } from "./literal";
import {
  AUTO_FONT,
  CellsOp,
  FormatLikeOp,
  FormatsOp,
  NO_FILL,
  Op,
  Scalar,
  StyleOp,
  layoutOps,
  opBytes,
  styleMergedAreas,
  opsFromWriteOps,
  queueOp,
  rectAddress,
  splitCellsOp,
} from "./ops";
import { WIDTH_RECORD_COL, WidthRecord, WorkbookRead } from "./read";
import { SheetKey, SheetRef, keyOf, sheetProxies } from "./sheets";
import { ChangeWatch } from "./watch";

export type ActionKind = "score" | "prepare" | "clear";

/** Everything needed to put the workbook back as it was before one run. Kept in memory by the session. */
export interface UndoRecord {
  kind: ActionKind;
  /** Previous values / formulas and number formats of every user cell the run overwrote. */
  cells: CellsOp[];
  /** Previous fill / font of every cell whose style the run changed. */
  styles: StyleOp[];
  /** What the run wrote (as text/number), to notice cells the user edited after the run. */
  written: CellsOp[];
  /** Summary sheet before the run (null: the run did not touch it). */
  summary: { existed: boolean; grid: SheetGrid | null; plan?: SummarySheetPlan } | null;
  ledgerExisted: boolean;
  ledgerRows: CellValue[][];
  /** Our conditional formats before the run, and the sheets where marks were looked for. */
  marks: MarkRange[];
  sheets: string[];
  /** Column widths (points) the run changed, as they were; `standard`: the sheet's default width. */
  widths: { sheet: string; col: number; points: number; standard?: boolean }[];
  /** The ledger sheet's width records (E:G) before the run. */
  widthRecords: WidthRecord[];
  /** The sheets as the run found them (ids and names): Undo finds a sheet renamed since by its id. */
  refs?: SheetRef[];
  /** Cells whose fill and font the run changed without a per-cell snapshot (a host below ExcelApi 1.9,
   *  the user agreed): Undo leaves their format as it is. */
  formatsUnsaved?: number;
  /** The forms sheet before the run (absent or null: the run did not touch it), as `summary`. */
  forms?: OwnSheetRecord | null;
  /** Print areas the run changed, as they were before it (null: none). ExcelApi 1.9. */
  printAreas?: { sheet: string; area: Rect | null }[];
  /** The whole formats of the cells a formatLike changed, as they were (ExcelApi 1.9): put back after
   *  `cells` and `styles`, whose snapshots may have been taken after the copy. */
  formats?: FormatsOp[];
}

/** One of the tool's own sheets before a run: whether it existed, what it held, and (when this session
 *  wrote it and it still shows that) the plan that rebuilds it exactly. */
export interface OwnSheetRecord {
  name: string;
  existed: boolean;
  grid: SheetGrid | null;
  plan?: OwnSheetPlan;
}

/**
 * What a run could not do on this host, and left out (the pane says so): below ExcelApi 1.9 there is no
 * Worksheet.pageLayout, page breaks or Range.copyFrom, so the tool's sheets are written without their page
 * setup (A4, fitted one page wide, print titles, page breaks), added columns without the form's own
 * styles, and print areas are not grown. Sheet names.
 */
export interface NotApplied {
  pageSetup: string[];
  formatLike: string[];
  printArea: string[];
}

export type WriteOutcome =
  | { status: "written"; undo: UndoRecord; stats: ExecuteStats; notApplied?: NotApplied }
  /** A sheet the plan rebuilds or removes as the tool's own is not the tool's (the ledger does not say
   *  it made it): nothing sent. */
  | { status: "notOurs"; sheets: string[] }
  | { status: "protected"; sheets: string[] }
  | { status: "workbookProtected" }
  /** Sheets the plan writes that the read did not find (preflight): nothing sent. */
  | { status: "missing"; sheets: string[] }
  /** Below ExcelApi 1.9, too many cells' formats to save one by one, and the user said no: nothing sent. */
  | { status: "formatsNotRestorable"; cells: number }
  /** The user changed `cells` after the read: the requests stopped; `undo` puts back what had landed. */
  | { status: "changed"; undo: UndoRecord; cells: string[]; stats: ExecuteStats }
  /** Excel refused a request: `undo` puts back what had landed (unless `nothingLanded`). */
  | {
      status: "failed";
      undo: UndoRecord;
      error: unknown;
      nothingLanded: boolean;
      /** The refused request was the first one. */
      first: boolean;
      stats: ExecuteStats;
    };

export interface WriteOptions extends ExecuteOptions {
  /** ExcelApi 1.9 is available: snapshot fills per cell with getCellProperties (exact), else per block. */
  cellProperties?: boolean;
  /**
   * Below ExcelApi 1.9, asked before anything is written when more cells' formats would have to be saved
   * one by one than a request can carry: true writes anyway (Undo will leave those formats), false (or
   * no answer) writes nothing.
   */
  confirmFormatLoss?: (cells: number) => Promise<boolean>;
  /** Below ExcelApi 1.9, how many cells' formats may be loaded one by one (MAX_CELL_FORMAT_LOADS). */
  maxCellFormatLoads?: number;
  /** ExcelApi 1.9: Worksheet.pageLayout and page breaks (own sheets' page setup, print areas). */
  pageLayout?: boolean;
}

/** Excel column width is in points; the plan gives widths in characters (as exceljs does). */
export const POINTS_PER_CHAR = 6;

/** Excel keeps column widths in its own units: a width read back may differ from the one set by a fraction of a point. */
export const WIDTH_TOLERANCE = 0.75;

/** The ledger sheet's columns the add-in owns: the ledger (A:C) and the width records (E:G). */
export const LEDGER_COLUMNS = "A:G";

/** Width records as one "@"-formatted block at E1 of the ledger sheet. */
export function widthRecordOps(records: readonly WidthRecord[]): CellsOp[] {
  if (!records.length) return [];
  const values = records.map((r) => [r.sheet, String(r.col), String(r.points)]);
  const numberFormat = values.map((r) => r.map(() => "@"));
  return [
    {
      kind: "cells",
      sheet: LEDGER_SHEET,
      rect: { row: 0, col: WIDTH_RECORD_COL, rows: values.length, cols: 3 },
      values,
      numberFormat,
    },
  ];
}

/** True when, once `plan` is written, column `col` of `sheet` holds no value (every value in it is cleared). */
export function columnEmptied(
  read: WorkbookRead,
  plan: WritePlan,
  sheet: string,
  col: number
): boolean {
  const grid = read.sheets.find((s) => s.name === sheet);
  if (!grid) return false;
  const j = col - grid.originCol;
  const cleared = new Set(
    cellWrites(plan)
      .filter((w) => w.sheet === sheet && w.col === col && (w.value === null || w.value === ""))
      .map((w) => w.row)
  );
  return grid.values.every((row, i) => {
    const v = row[j];
    return v === null || v === undefined || v === "" || cleared.has(grid.originRow + i);
  });
}

export function formatLookup(
  sheets: readonly SheetGrid[]
): (sheet: string, row: number, col: number) => string | undefined {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  return (sheet, row, col) => {
    const g = byName.get(sheet);
    return g?.formats?.[row - g.originRow]?.[col - g.originCol];
  };
}

/** Ledger rows as one "@"-formatted block (the sheet is ours: Text format keeps "8.62" a string). */
export function ledgerOps(rows: readonly (readonly CellValue[])[]): CellsOp[] {
  if (!rows.length) return [];
  const width = 3;
  const values = rows.map((r) =>
    Array.from({ length: width }, (_, j) =>
      r[j] === null || r[j] === undefined ? "" : (r[j] as Scalar)
    )
  );
  const numberFormat = values.map((r) => r.map(() => "@"));
  return splitCellsOp({
    kind: "cells",
    sheet: LEDGER_SHEET,
    rect: { row: 0, col: 0, rows: values.length, cols: width },
    values,
    numberFormat,
  });
}

/** A grid read from the summary sheet → ops that write it back (Undo of a rebuilt summary). */
export function gridOps(grid: SheetGrid): CellsOp[] {
  const rows = grid.values.length;
  const cols = Math.max(0, ...grid.values.map((r) => r.length));
  if (!rows || !cols) return [];
  const values: (Scalar | null)[][] = [];
  const numberFormat: (string | null)[][] = [];
  for (let i = 0; i < rows; i++) {
    const vr: (Scalar | null)[] = [];
    const fr: (string | null)[] = [];
    for (let j = 0; j < cols; j++) {
      const fmt = grid.formats?.[i]?.[j] ?? "General";
      const formula = grid.formulas?.[i]?.[j];
      vr.push(formula ? formula : literalForExcel(grid.values[i]?.[j] ?? null, fmt));
      fr.push(fmt);
    }
    values.push(vr);
    numberFormat.push(fr);
  }
  return splitCellsOp({
    kind: "cells",
    sheet: grid.name,
    rect: { row: grid.originRow, col: grid.originCol, rows, cols },
    values,
    numberFormat,
  });
}

interface StyleSnapshot {
  op: StyleOp;
  range?: Excel.Range;
  /** ExcelApi 1.9: each cell's fill and font, from the snapshot of the cells op that wrote it. */
  propAt?: (row: number, col: number) => Excel.CellProperties | undefined;
  /** Below ExcelApi 1.9: each cell of the op, its fill and font loaded on its own. */
  cells?: Excel.Range[][];
}

/** Below ExcelApi 1.9, at most this many cells have their fill and font loaded one by one in a run (a few
 *  requests' worth); beyond, the user is asked before writing (WriteOptions.confirmFormatLoss). */
export const MAX_CELL_FORMAT_LOADS = 20_000;
/** Request bytes of one cell's fill and font load: its range, and two loads. */
const PER_CELL_FORMAT_BYTES = PATH_BYTES + ACTION_OVERHEAD * 2 + 40;

type SheetOf = (name: string) => Excel.Worksheet;

/** What getCellProperties is asked for: the fill and font a style op may change. */
const STYLE_PROPS: Excel.CellPropertiesLoadOptions = {
  format: { fill: { color: true, pattern: true }, font: { color: true, bold: true } },
};

/** Estimated answer per cell of a cells op's snapshot: values, formulas, numberFormat. */
const CELL_SNAPSHOT_BYTES = 3 * RESPONSE_BYTES_PER_CELL_PROP;

export async function writePlan(
  context: Excel.RequestContext,
  read: WorkbookRead,
  plan: WritePlan,
  kind: ActionKind,
  opts: WriteOptions = {},
  watch?: ChangeWatch
): Promise<WriteOutcome> {
  // The write contract (core planOps), as every host applies it: cells, highlight, bold and links become
  // Office.js operations; widths, sheets and the ledger are the structural steps below.
  const writeOps = planOps(plan);
  // The tool's own sheets (the summary, the forms): rebuilt whole, their cells written after the rebuild.
  const own = [plan.summary, plan.forms ?? null].filter((p): p is OwnSheetPlan => !!p);
  const ownNames = new Set(own.map((p) => p.name));
  const exists = (name: string) =>
    name === SUMMARY_SHEET ? read.summaryExists : read.refs.some((r) => r.name === name);
  const formatOf = formatLookup(read.sheets);
  const cellOps = writeOps.filter(
    (
      o
    ): o is Extract<
      WriteOp,
      { kind: "cells" | "highlight" | "bold" | "link" | "cellStyle" | "formatLike" }
    > =>
      o.kind === "cells" ||
      o.kind === "highlight" ||
      o.kind === "bold" ||
      o.kind === "link" ||
      o.kind === "cellStyle" ||
      o.kind === "formatLike"
  );
  const notApplied: NotApplied = { pageSetup: [], formatLike: [], printArea: [] };
  const userOps = userCellOps(
    opsFromWriteOps(
      cellOps.filter(
        (o) => !ownNames.has(o.sheet) && o.sheet !== LEDGER_SHEET && o.kind !== "cellStyle"
      ),
      formatOf
    ),
    read,
    !!opts.cellProperties,
    notApplied
  );
  // Own sheets: their layout (merges, row heights, page breaks), then their cells and styles.
  const summaryOps: Op[] = own.flatMap((p) => [
    ...layoutOps(p.name, p.layout, !!opts.pageLayout),
    ...styleMergedAreas(
      opsFromWriteOps(
        cellOps.filter((o) => o.sheet === p.name),
        () => undefined
      ),
      p.layout?.merges ?? []
    ),
  ]);
  // Print areas (ExcelApi 1.9): set, or removed, where they differ from what the read found.
  const printAreas = writeOps
    .filter((o): o is Extract<WriteOp, { kind: "printArea" }> => o.kind === "printArea")
    .map((o) => ({ ...o, before: read.sheets.find((g) => g.name === o.sheet)?.printArea ?? null }))
    .filter((o) => read.sheets.some((g) => g.name === o.sheet) && !sameArea(o.area, o.before));
  if (!opts.pageLayout) {
    notApplied.printArea.push(...new Set(printAreas.map((o) => o.sheet)));
    printAreas.length = 0;
    for (const p of own) if (p.layout) notApplied.pageSetup.push(p.name);
  }
  const widthOps = writeOps.filter(
    (o): o is Extract<WriteOp, { kind: "width" }> => o.kind === "width"
  );
  const ledgerRowsNow = writeOps.reduce<string[][]>(
    (rows, o) => (o.kind === "ledger" ? o.rows : rows),
    []
  );
  const deletes = (plan.deleteSheets ?? []).filter((n) =>
    n === SUMMARY_SHEET ? read.summaryExists : read.sheets.some((s) => s.name === n)
  );
  // ---- preflight: every sheet the write touches exists and is not protected (the tool's own too) --------
  // Our marks are on user sheets only; a sheet this run deletes (the summary on Clear) is not looked at,
  // nor is it by Undo, which could not find it.
  const markSheets = [...read.marks.keys()].filter(
    (n) => n !== SUMMARY_SHEET && !deletes.includes(n)
  );
  const oldMarks = markSheets.flatMap((name) => read.marks.get(name)!.ours());
  const touched = new Set<string>([
    ...userOps.map((o) => o.sheet),
    ...plan.unmetCells.map((c) => c.sheet),
    ...oldMarks.map((m) => m.sheet),
    ...printAreas.map((o) => o.sheet),
    ...deletes,
  ]);
  for (const p of own) if (exists(p.name)) touched.add(p.name);
  // Never rebuild or remove a sheet of a tool's name that the tool did not make (the engine decided so
  // from the ledger; checked again here, against the same read, before anything is sent).
  const notOurs = [
    ...own.filter((p) => p.name !== SUMMARY_SHEET && exists(p.name)).map((p) => p.name),
    ...deletes.filter((n) => n !== SUMMARY_SHEET),
  ].filter((n) => !read.ledger.ownsSheet(n));
  if (notOurs.length) return { status: "notOurs", sheets: notOurs };
  if (read.ledgerExists) touched.add(LEDGER_SHEET);
  const known = new Set(read.refs.map((r) => r.name));
  const missing = [...touched].filter((s) => !known.has(s));
  if (missing.length) return { status: "missing", sheets: missing };
  const blocked = read.protectedSheets.filter((s) => touched.has(s));
  if (blocked.length) return { status: "protected", sheets: blocked };
  // Excel refuses adding or removing a sheet in a workbook whose structure is protected: refused here, before
  // anything is sent, rather than by the write's first action. Refilling existing summary and ledger sheets
  // is allowed (the ledger is then not re-hidden, which would change the structure too).
  const ledgerAddedOrRemoved = plan.ledger.size > 0 ? !read.ledgerExists : read.ledgerExists;
  const sheetsChange =
    own.some((p) => !exists(p.name)) || deletes.length > 0 || ledgerAddedOrRemoved;
  if (read.workbookProtected && sheetsChange) return { status: "workbookProtected" };
  const sheetKey = keyOf(read.refs);

  // Below ExcelApi 1.9 a block's fill reads as null when its cells differ: each cell's is loaded on its
  // own, as long as that stays a few requests; beyond, the user is asked before anything is written.
  // (A style op on one cell is exact as it is: only blocks count.)
  const styleCellCount = userOps.reduce(
    (n, o) =>
      n + (o.kind === "style" && o.rect.rows * o.rect.cols > 1 ? o.rect.rows * o.rect.cols : 0),
    0
  );
  const perCellStyles =
    !opts.cellProperties && styleCellCount <= (opts.maxCellFormatLoads ?? MAX_CELL_FORMAT_LOADS);
  if (!opts.cellProperties && !perCellStyles) {
    const go = opts.confirmFormatLoss ? await opts.confirmFormatLoss(styleCellCount) : false;
    if (!go) return { status: "formatsNotRestorable", cells: styleCellCount };
  }

  // ---- what the read brought for the write: our marks, column widths ------------------------------
  const responseLimit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // Widths of the engine's result columns: applied only where the column still has the default width,
  // judged against a column nobody touches (XFD). Width resets (Clear): the standard width put back where
  // the width the tool set (recorded in the ledger, in characters) still stands.
  const readNames = new Set(read.sheets.map((x) => x.name));
  const widthWanted = widthOps.filter((w) => !w.reset && readNames.has(w.sheet) && w.width > 0);
  const narrowWanted = widthOps
    .filter((w) => w.reset && readNames.has(w.sheet))
    .map((w) => ({ sheet: w.sheet, col: w.col, points: w.width * POINTS_PER_CHAR }));
  const widthAt = await columnWidths(
    context,
    read,
    [...widthWanted.map((w) => ({ ...w, standard: true })), ...narrowWanted],
    opts
  );
  const widen = widthWanted.filter(
    (w) => Math.abs(widthAt(w.sheet, w.col) - widthAt(w.sheet, STANDARD)) < 0.01
  );
  const narrow = narrowWanted.filter(
    (r) => Math.abs(widthAt(r.sheet, r.col) - r.points) <= WIDTH_TOLERANCE
  );
  const set = widen.map((w) => ({ sheet: w.sheet, col: w.col, points: w.width * POINTS_PER_CHAR }));

  // ---- the Undo snapshot, taken by the write itself ---------------------------------------------------
  const requestLimit = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  // Each op's request first loads what the op will overwrite (execute.ts): the ops are cut so that the
  // answer of one stays well under the response limit.
  // With ExcelApi 1.9 the fills and fonts of the cells a style op changes come with the snapshot of the
  // cells op that writes them (getCellProperties over the same rectangle): every style op lies on cells
  // the plan writes, and comes after their cells op, so that snapshot is taken first (same request or an
  // earlier one). One load per block of cells rather than one per stretch of equal highlight.
  const styledSheets = new Set(userOps.filter((o) => o.kind === "style").map((o) => o.sheet));
  const withProps = (op: CellsOp) => !!opts.cellProperties && styledSheets.has(op.sheet);
  const snapOps = userOps.flatMap((op): Op[] => {
    if (op.kind === "cells") {
      const perCell = CELL_SNAPSHOT_BYTES + (withProps(op) ? CELL_PROPERTIES_BYTES : 0);
      return splitRows(
        op.rect,
        Math.max(1, Math.floor(responseLimit / 4 / (op.rect.cols * perCell)))
      ).map((rect) => sliceCellsOp(op, rect));
    }
    if (op.kind === "formatLike")
      return splitRows(
        op.rect,
        Math.max(1, Math.floor(responseLimit / 4 / (op.rect.cols * FORMAT_SNAPSHOT_BYTES)))
      ).map((rect) => ({
        ...op,
        rect,
        unmerge: op.unmerge?.filter((m) => m.row >= rect.row && m.row < rect.row + rect.rows),
      }));
    if (op.kind === "style" && perCellStyles && op.rect.rows * op.rect.cols > 1)
      return bandRect(op.rect, PER_CELL_FORMAT_BYTES, requestLimit / 4).map((rect) => ({
        ...op,
        rect,
      })); // each band's cells loaded one by one, in a request of its own if need be
    return [op];
  });
  const taken = new Map<
    Op,
    {
      range: Excel.Range;
      props?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
      cells?: Excel.Range[][];
    }
  >();
  const snapshotOf = (op: Op): Snapshot | null => {
    if (op.kind === "formatLike") {
      // The whole formats of the cells the copy overwrites (ExcelApi 1.9, as copyFrom), for Undo.
      const { rect } = op;
      return {
        bytes: PATH_BYTES + ACTION_OVERHEAD * 2 + 120,
        response: rect.rows * rect.cols * FORMAT_SNAPSHOT_BYTES + 64,
        queue: (sheetOf) => {
          const range = sheetOf(op.sheet)
            .getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols)
            .load("numberFormat");
          taken.set(op, { range, props: range.getCellProperties(FORMAT_PROPS) });
        },
      };
    }
    if (op.kind !== "cells" && op.kind !== "style") return null;
    const { rect } = op;
    const cells = rect.rows * rect.cols;
    const rangeOf = (sheetOf: SheetOf) =>
      sheetOf(op.sheet).getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols);
    if (op.kind === "cells") {
      const props = withProps(op);
      return {
        bytes: PATH_BYTES + ACTION_OVERHEAD * (props ? 2 : 1) + 60,
        response: cells * (CELL_SNAPSHOT_BYTES + (props ? CELL_PROPERTIES_BYTES : 0)) + 64,
        queue: (sheetOf) => {
          const range = rangeOf(sheetOf).load("values,formulas,numberFormat");
          taken.set(op, { range, props: props ? range.getCellProperties(STYLE_PROPS) : undefined });
        },
      };
    }
    if (opts.cellProperties) return null; // with its cells op's snapshot
    if (perCellStyles && cells > 1) {
      // Each cell's fill and font on its own (a block's reads as null where its cells differ).
      return {
        bytes: cells * PER_CELL_FORMAT_BYTES,
        response: cells * 80 + 64,
        queue: (sheetOf) => {
          const ws = sheetOf(op.sheet);
          const grid = Array.from({ length: rect.rows }, (_, i) =>
            Array.from({ length: rect.cols }, (_, j) => {
              const cell = ws.getRangeByIndexes(rect.row + i, rect.col + j, 1, 1);
              cell.format.fill.load("color");
              cell.format.font.load("color,bold");
              return cell;
            })
          );
          taken.set(op, { range: grid[0][0], cells: grid });
        },
      };
    }
    return {
      bytes: PATH_BYTES * 3 + ACTION_OVERHEAD * 2,
      response: 200,
      queue: (sheetOf) => {
        const range = rangeOf(sheetOf);
        range.format.fill.load("color");
        range.format.font.load("color,bold");
        taken.set(op, { range });
      },
    };
  };

  // ---- write (one round at 10 rows or 10,000; requests in order) -----------------------------------
  const structural: Structural[] = [];
  structural.push({
    bytes: oldMarks.length * ACTION_OVERHEAD,
    queue: () => oldMarks.forEach((m) => m.cf.delete()),
  });
  for (const p of own) {
    structural.push({
      bytes: ownSheetResetBytes(p),
      queue: (ctx) => queueOwnSheetReset(ctx, p, exists(p.name), !!opts.pageLayout),
    });
  }
  if (printAreas.length)
    structural.push({
      bytes: printAreas.length * (3 * PATH_BYTES + ACTION_OVERHEAD + 40),
      queue: (ctx) => {
        for (const o of printAreas) {
          const ws = ctx.workbook.worksheets.getItem(sheetKey(o.sheet));
          // No print area: Excel keeps it as the sheet's name Print_Area, which the read found.
          if (o.area) ws.pageLayout.setPrintArea(rectAddress(o.area));
          else ws.names.getItem("Print_Area").delete();
        }
      },
    });
  for (const name of deletes) {
    if (ownNames.has(name)) continue;
    structural.push({
      bytes: 2 * ACTION_OVERHEAD,
      queue: (ctx) => ctx.workbook.worksheets.getItem(sheetKey(name)).delete(),
    });
  }
  structural.push({
    bytes: (widen.length + narrow.length) * (PATH_BYTES * 3 + ACTION_OVERHEAD),
    queue: (ctx) =>
      queueWidths(ctx, [...set, ...narrow.map((r) => ({ ...r, standard: true }))], sheetKey),
  });
  // The ledger's rows as the contract gives them (width records included), in A:C (see ledgerOps).
  const ledgerData = plan.ledger.size > 0 ? ledgerOps(ledgerRowsNow) : [];
  if (plan.ledger.size === 0 && read.ledgerExists) {
    // Nothing of ours left: remove the ledger sheet (a VeryHidden sheet must be made visible-ish first).
    structural.push({ bytes: 3 * ACTION_OVERHEAD, queue: (ctx) => removeLedgerSheet(ctx) });
  } else if (plan.ledger.size > 0) {
    structural.push({
      bytes: 4 * ACTION_OVERHEAD,
      queue: (ctx) => queueLedgerReset(ctx, read.ledgerExists, !read.workbookProtected),
    });
  }
  const newMarks: Op[] = markRanges(plan.unmetCells).map((m) => ({ kind: "mark", ...m }));
  // The change handlers go with the first request (their notifications of this write no longer count).
  watch?.removeAll();
  // After each request: did the user change a cell it overwrote since the read? The snapshot says, whatever
  // the events did (they are only the fast path, watch.ts).
  const changed: string[] = [];
  const out = await executeOps(
    context,
    structural,
    [...summaryOps, ...ledgerData],
    [...snapOps, ...newMarks],
    { ...opts, sheetKey },
    snapshotOf,
    (ops) => {
      for (const op of ops) {
        if (op.kind !== "cells") continue;
        const r = taken.get(op)?.range;
        if (r) changed.push(...changedSinceRead(read, op, r.values, r.formulas));
      }
      return changed.length === 0;
    }
  );

  // ---- undo record from the snapshots ------------------------------------------------------------------
  // What landed is put back from what its own requests loaded; the cells of a request that failed (its
  // loads lost with it) from what the read saw there, which its check had not yet compared.
  const landed = new Set(out.requests.slice(0, out.landed).flat());
  const ranNothing = out.stop?.kind === "failed" && failedRanNothing(out.stop.error, read);
  const failedOps =
    out.stop?.kind === "failed" && !ranNothing ? (out.requests[out.stop.request] ?? []) : [];
  const failed = new Set(failedOps);
  const written = snapOps.filter(
    (o): o is CellsOp => o.kind === "cells" && (landed.has(o) || failed.has(o))
  );
  // Fills and fonts as the cells ops' snapshots found them (ExcelApi 1.9), cell by cell.
  const propsAt = new Map<string, Excel.CellProperties>();
  for (const op of written) {
    const props = landed.has(op) ? taken.get(op)?.props : undefined;
    if (!props) continue;
    props.value.forEach((row, i) =>
      row.forEach((p, j) =>
        propsAt.set(`${op.sheet}\u0000${op.rect.row + i},${op.rect.col + j}`, p)
      )
    );
  }
  const styles = snapOps
    .filter((o): o is StyleOp => o.kind === "style" && landed.has(o))
    .map((op) =>
      restoreStyleOps(
        opts.cellProperties
          ? { op, propAt: (row, col) => propsAt.get(`${op.sheet}\u0000${row},${col}`) }
          : { op, ...taken.get(op)! }
      )
    );
  // The formats a formatLike overwrote, from its own request's loads (lost with a request that failed).
  const formats: FormatsOp[] = [];
  let formatsLost = 0;
  for (const op of snapOps) {
    if (op.kind !== "formatLike") continue;
    const t = taken.get(op);
    if (landed.has(op) && t?.props) formats.push(restoreFormatsOp(op, t.range, t.props.value));
    else if (failed.has(op)) formatsLost += op.rect.rows * op.rect.cols;
  }
  const formsName = plan.forms?.name ?? deletes.find((n) => n !== SUMMARY_SHEET);
  const undo: UndoRecord = {
    kind,
    cells: written.map((op) => {
      if (!landed.has(op)) return restoreFromRead(read, op);
      const r = taken.get(op)!.range;
      return restoreCellsOp(op, {
        values: r.values,
        formulas: r.formulas,
        numberFormat: r.numberFormat,
      });
    }),
    styles: styles.flatMap((r) => r.ops),
    written,
    summary:
      plan.summary || deletes.includes(SUMMARY_SHEET)
        ? { existed: read.summaryExists, grid: read.summaryGrid }
        : null,
    ledgerExisted: read.ledgerExists,
    ledgerRows: read.ledgerRows,
    marks: oldMarks.map(({ sheet, address }) => ({ sheet, address })),
    sheets: markSheets,
    widths: [
      ...widen.map((w) => ({
        sheet: w.sheet,
        col: w.col,
        points: widthAt(w.sheet, w.col),
        standard: true,
      })),
      ...narrow.map((r) => ({ sheet: r.sheet, col: r.col, points: r.points })),
    ],
    widthRecords: read.widthRecords,
    refs: read.refs,
    // Fills of a failed request's style ops: its loads were lost with it, so they cannot be put back.
    formatsUnsaved:
      styles.reduce((n, r) => n + r.unsaved, 0) +
      formatsLost +
      failedOps.reduce((n, o) => n + (o.kind === "style" ? o.rect.rows * o.rect.cols : 0), 0),
    forms: formsName
      ? {
          name: formsName,
          existed: exists(formsName),
          grid: read.sheets.find((g) => g.name === formsName) ?? null,
        }
      : null,
    printAreas: printAreas.map((o) => ({ sheet: o.sheet, area: o.before })),
    formats,
  };
  const stats = out.stats;
  if (!out.stop) {
    // Highlight off means the tool's own highlight removed, a fill the user chose kept (the write contract,
    // as the .xlsx writer does it). Office.js cannot clear a fill only where it is a given colour, so the
    // write cleared them all; the fills and font colours the user had chosen there, known from the write's
    // own snapshot, are put back: one more round, only when there are any.
    const back = userFillsUnder(
      snapOps.filter((o): o is StyleOp => o.kind === "style" && !!o.highlightOff),
      (op, i, j) => {
        const row = op.rect.row + i;
        const col = op.rect.col + j;
        if (opts.cellProperties) {
          const p = propsAt.get(`${op.sheet}\u0000${row},${col}`)?.format;
          return p
            ? { fill: p.fill?.color, pattern: p.fill?.pattern, font: p.font?.color }
            : undefined;
        }
        const t = taken.get(op);
        const f = t?.cells ? t.cells[i][j].format : t?.range.format;
        return f ? { fill: f.fill.color, font: f.font.color ?? undefined } : undefined;
      }
    );
    if (back.length) {
      const sheets = sheetProxies(context, sheetKey);
      for (const op of back) queueOp(op, sheets);
      stats.requests++;
      stats.rounds++;
      stats.bytes.push(back.reduce((n, o) => n + opBytes(o), 0));
      try {
        await context.sync();
      } catch {
        // Left cleared; the Undo record has them.
      }
    }
  }
  if (out.stop?.kind === "refused") return { status: "changed", undo, cells: changed, stats };
  const skipped =
    notApplied.pageSetup.length + notApplied.formatLike.length + notApplied.printArea.length > 0;
  if (out.stop?.kind === "failed")
    return {
      status: "failed",
      undo,
      error: out.stop.error,
      nothingLanded: out.stop.request === 0 && ranNothing,
      first: out.stop.request === 0,
      stats,
    };
  return { status: "written", undo, stats, ...(skipped ? { notApplied } : {}) };
}

/**
 * True when the request that failed ran none of its actions: refused whole for its size or because the
 * user was typing in a cell, or refused at its first write in a workbook where Excel takes none (the web
 * in view mode: read-only, AccessDenied).
 */
function failedRanNothing(error: unknown, read: WorkbookRead): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "RequestPayloadSizeLimitExceeded" || code === "InvalidOperationInCellEditMode")
    return true;
  return code === "AccessDenied" && read.workbookReadOnly;
}

/** Cells of `op` whose content differs, in what its request loaded before writing, from what was read. */
function changedSinceRead(
  read: WorkbookRead,
  op: CellsOp,
  values: unknown[][],
  formulas: unknown[][]
): string[] {
  const grid = read.sheets.find((g) => g.name === op.sheet);
  const out: string[] = [];
  const blank = (v: unknown) => v === null || v === undefined || v === "";
  for (let i = 0; i < op.rect.rows; i++) {
    for (let j = 0; j < op.rect.cols; j++) {
      if (op.values?.[i]?.[j] == null && op.numberFormat?.[i]?.[j] == null) continue;
      const row = op.rect.row + i;
      const col = op.rect.col + j;
      const gi = grid ? row - grid.originRow : -1;
      const gj = grid ? col - grid.originCol : -1;
      const wasValue = grid?.values[gi]?.[gj] ?? null;
      const wasFormula = grid?.formulas?.[gi]?.[gj] ?? "";
      const nowValue = values[i]?.[j];
      const nowFormula = formulas[i]?.[j];
      const nowIsFormula = typeof nowFormula === "string" && nowFormula.startsWith("=");
      const same = wasFormula
        ? nowFormula === wasFormula
        : !nowIsFormula && ((blank(wasValue) && blank(nowValue)) || nowValue === wasValue);
      if (!same) out.push(`${op.sheet}!${a1(row, col)}`);
    }
  }
  return out;
}

/** The op that puts back what the read saw in `op`'s cells (values, formulas, number formats). */
function restoreFromRead(read: WorkbookRead, op: CellsOp): CellsOp {
  const grid = read.sheets.find((g) => g.name === op.sheet);
  const at = <T>(a: T[][] | undefined, i: number, j: number): T | undefined =>
    grid ? a?.[op.rect.row + i - grid.originRow]?.[op.rect.col + j - grid.originCol] : undefined;
  const rows = (f: (i: number, j: number) => unknown) =>
    Array.from({ length: op.rect.rows }, (_, i) =>
      Array.from({ length: op.rect.cols }, (_, j) => f(i, j))
    );
  return restoreCellsOp(op, {
    values: rows((i, j) => at(grid?.values, i, j) ?? ""),
    formulas: rows((i, j) => at(grid?.formulas, i, j) || at(grid?.values, i, j) || ""),
    numberFormat: rows((i, j) => at(grid?.formats, i, j) ?? "General"),
  });
}

/** Key of a sheet's standard width in `columnWidths`' answer. */
const STANDARD = -1;

/**
 * Current widths of the given columns (and the standard width of their sheets), as read with the cells.
 * A column the read did not look at (far right of the used range) is asked for here, in one more round:
 * only then.
 */
async function columnWidths(
  context: Excel.RequestContext,
  read: WorkbookRead,
  wanted: readonly { sheet: string; col: number; standard?: boolean }[],
  opts: WriteOptions
): Promise<(sheet: string, col: number) => number> {
  const extra = new Map<string, () => number>();
  const known = (sheet: string, col: number) => {
    const w = read.widths.get(sheet);
    return col === STANDARD ? w?.standard : w?.cols.get(col);
  };
  const missing = new Set<string>();
  for (const w of wanted) {
    if (!known(w.sheet, w.col)) missing.add(`${w.sheet}\u0000${w.col}`);
    if (w.standard && !known(w.sheet, STANDARD)) missing.add(`${w.sheet}\u0000${STANDARD}`);
  }
  if (missing.size) {
    const packer = new RequestPacker(
      context,
      opts.newContext ?? (() => new Excel.RequestContext()),
      opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      keyOf(read.refs)
    );
    for (const k of missing) {
      const [sheet, c] = k.split("\u0000");
      const col = Number(c);
      const ws = packer.at(PATH_BYTES * 2 + ACTION_OVERHEAD, 40)(sheet);
      const format = (col === STANDARD ? ws.getRange("XFD1") : ws.getRangeByIndexes(0, col, 1, 1))
        .format;
      format.load("columnWidth");
      extra.set(k, () => format.columnWidth);
    }
    await packer.sync();
  }
  return (sheet, col) => (known(sheet, col) ?? extra.get(`${sheet}\u0000${col}`)!)();
}

/** The part of a cells op over `rect` (a row band of its own). */
function sliceCellsOp(op: CellsOp, rect: Rect): CellsOp {
  if (rect.rows === op.rect.rows) return op;
  const from = rect.row - op.rect.row;
  return {
    ...op,
    rect,
    values: op.values?.slice(from, from + rect.rows),
    numberFormat: op.numberFormat?.slice(from, from + rect.rows),
  };
}

/** The op that puts back what a snapshot range held: formulas stay formulas, text stays text. */
function restoreCellsOp(op: CellsOp, range: Loaded): CellsOp {
  const values: (Scalar | null)[][] = [];
  const numberFormat: (string | null)[][] = [];
  for (let i = 0; i < op.rect.rows; i++) {
    const vr: (Scalar | null)[] = [];
    const fr: (string | null)[] = [];
    for (let j = 0; j < op.rect.cols; j++) {
      const v = range.values?.[i]?.[j] as CellValue | undefined;
      const f = range.formulas?.[i]?.[j] as unknown;
      const fmt = (range.numberFormat?.[i]?.[j] as string | undefined) ?? "General";
      vr.push(
        typeof f === "string" && f.startsWith("=") && f !== v ? f : literalForExcel(v ?? null, fmt)
      );
      fr.push(fmt);
    }
    values.push(vr);
    numberFormat.push(fr);
  }
  return { kind: "cells", sheet: op.sheet, rect: op.rect, values, numberFormat };
}

/**
 * The ops that put back the fills and fonts a style op overwrote. `unsaved`: cells whose format cannot be
 * known (a block loaded whole whose cells differed, which reads as null): left as the run leaves them
 * rather than given a made-up one — null is not "no fill".
 */
function restoreStyleOps(s: StyleSnapshot): { ops: StyleOp[]; unsaved: number } {
  const { op } = s;
  const want = {
    fill: op.fill !== undefined || op.fontColor !== undefined,
    bold: op.bold !== undefined,
  };
  const style = (
    fill: string | null | undefined,
    pattern: string | undefined,
    font: string | undefined,
    bold: boolean | undefined
  ) => ({
    fill: want.fill
      ? pattern === "None" || !fill || fill.toUpperCase() === "#FFFFFF"
        ? NO_FILL
        : fill
      : undefined,
    fontColor: want.fill ? (font ?? AUTO_FONT) : undefined,
    bold: want.bold ? (bold ?? false) : undefined,
  });
  const cell = (i: number, j: number, st: ReturnType<typeof style>): StyleOp => ({
    kind: "style",
    sheet: op.sheet,
    rect: { row: op.rect.row + i, col: op.rect.col + j, rows: 1, cols: 1 },
    ...st,
  });
  if (s.propAt) {
    const out: StyleOp[] = [];
    for (let j = 0; j < op.rect.cols; j++) {
      for (let i = 0; i < op.rect.rows; i++) {
        const p = s.propAt(op.rect.row + i, op.rect.col + j)?.format;
        out.push(
          cell(
            i,
            j,
            style(p?.fill?.color, p?.fill?.pattern, p?.font?.color, p?.font?.bold ?? undefined)
          )
        );
      }
    }
    return { ops: mergeStyles(out), unsaved: 0 };
  }
  if (s.cells) {
    // Below ExcelApi 1.9: each cell's own fill and font (no pattern: a white fill counts as none).
    const out: StyleOp[] = [];
    for (let j = 0; j < op.rect.cols; j++) {
      for (let i = 0; i < op.rect.rows; i++) {
        const f = s.cells[i][j].format;
        out.push(
          cell(
            i,
            j,
            style(f.fill.color, undefined, f.font.color ?? undefined, f.font.bold ?? undefined)
          )
        );
      }
    }
    return { ops: mergeStyles(out), unsaved: 0 };
  }
  const f = s.range!.format;
  const mixed =
    (want.fill && (f.fill.color === null || f.font.color === null)) ||
    (want.bold && f.font.bold === null);
  if (mixed) return { ops: [], unsaved: op.rect.rows * op.rect.cols };
  return {
    ops: [
      {
        kind: "style",
        sheet: op.sheet,
        rect: op.rect,
        ...style(f.fill.color, undefined, f.font.color ?? undefined, f.font.bold ?? undefined),
      },
    ],
    unsaved: 0,
  };
}

/** A cell's fill and font colour before the write, as its snapshot loaded them (null: mixed, unknown). */
interface FillBefore {
  fill: string | null | undefined;
  pattern?: string;
  font: string | null | undefined;
}

/**
 * The fills and font colours a user chose on cells whose highlight the write turned off (cleared with the
 * tool's own, see ops.ts highlightStyle): style ops putting them back. The tool's highlight, no fill and
 * the automatic font are not put back; a block whose cells differed (null) is not known and left.
 */
export function userFillsUnder(
  offs: readonly StyleOp[],
  before: (op: StyleOp, i: number, j: number) => FillBefore | undefined
): StyleOp[] {
  const out: StyleOp[] = [];
  const same = (a: string | null | undefined, b: string) =>
    !!a && a.toUpperCase() === b.toUpperCase();
  for (const op of offs) {
    for (let j = 0; j < op.rect.cols; j++) {
      for (let i = 0; i < op.rect.rows; i++) {
        const b = before(op, i, j);
        if (!b) continue;
        const fill =
          b.fill &&
          b.pattern !== "None" &&
          !same(b.fill, "#FFFFFF") &&
          !same(b.fill, HIGHLIGHT_FILL)
            ? b.fill
            : undefined;
        const font =
          b.font && !same(b.font, AUTO_FONT) && !same(b.font, HIGHLIGHT_FONT) ? b.font : undefined;
        if (fill === undefined && font === undefined) continue;
        out.push({
          kind: "style",
          sheet: op.sheet,
          rect: { row: op.rect.row + i, col: op.rect.col + j, rows: 1, cols: 1 },
          ...(fill !== undefined ? { fill } : {}),
          ...(font !== undefined ? { fontColor: font } : {}),
        });
      }
    }
  }
  return mergeStyles(out);
}

/** Merges per-cell style ops with equal styles into vertical runs. */
function mergeStyles(ops: StyleOp[]): StyleOp[] {
  const out: StyleOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (
      last &&
      last.sheet === op.sheet &&
      last.rect.col === op.rect.col &&
      last.rect.cols === 1 &&
      last.rect.row + last.rect.rows === op.rect.row &&
      last.fill === op.fill &&
      last.fontColor === op.fontColor &&
      last.bold === op.bold
    ) {
      last.rect = { ...last.rect, rows: last.rect.rows + 1 };
    } else out.push({ ...op, rect: { ...op.rect } });
  }
  return out;
}

/**
 * Creates the very hidden ledger sheet, or empties the existing one, ready for its new rows. `rehide`: set
 * an existing one very hidden again (in case a macro showed it); not in a workbook with a protected structure.
 */
export function queueLedgerReset(ctx: Excel.RequestContext, exists: boolean, rehide = true): void {
  const sheet = exists
    ? ctx.workbook.worksheets.getItem(LEDGER_SHEET)
    : ctx.workbook.worksheets.add(LEDGER_SHEET);
  sheet.getRange(LEDGER_COLUMNS).clear("Contents");
  if (!exists || rehide) sheet.visibility = "VeryHidden";
}

/** Deletes the ledger sheet: Excel refuses to delete a VeryHidden sheet, so it is made Hidden first. */
export function removeLedgerSheet(ctx: Excel.RequestContext): void {
  const sheet = ctx.workbook.worksheets.getItem(LEDGER_SHEET);
  sheet.visibility = "Hidden";
  sheet.delete();
}

/**
 * Creates (or empties) one of the tool's own sheets (the summary, the forms) and lays it out: column
 * widths, merged areas and row heights, and where ExcelApi 1.9 is there the page setup (A4 in the plan's
 * orientation, fitted one page wide and as many tall as it takes, print titles, a manual page break above
 * each form). What an earlier build left that clearing does not take (merges, row heights, page breaks)
 * goes first. Its cells and their styles follow as dependent ops, after the merges: written into merged
 * areas, the styles' borders fall on the areas' edges.
 */
export function queueOwnSheetReset(
  ctx: Excel.RequestContext,
  p: OwnSheetPlan,
  exists: boolean,
  pageLayout = false
): void {
  const sheet = exists
    ? ctx.workbook.worksheets.getItem(p.name)
    : ctx.workbook.worksheets.add(p.name);
  const all = sheet.getRange();
  all.clear("All");
  if (exists) {
    all.unmerge();
    all.format.useStandardHeight = true;
    if (pageLayout) sheet.horizontalPageBreaks.removePageBreaks();
  }
  p.columnWidths.forEach((w, col) => {
    if (w > 0)
      sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth =
        w * POINTS_PER_CHAR;
  });
  // Merges, row heights and page breaks follow as dependent ops (ops.ts layoutOps), then the cells.
  const layout = p.layout;
  if (!layout || !pageLayout) return; // below ExcelApi 1.9: no page setup (NotApplied says so)
  const page = sheet.pageLayout;
  page.orientation = layout.page.orientation === "landscape" ? "Landscape" : "Portrait";
  page.paperSize = "A4";
  // One page wide, as many tall as it takes (0: no limit, as fitToHeight="0" in the file).
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  const titles = layout.page.printTitleRows;
  if (titles) page.setPrintTitleRows(`$${titles[0] + 1}:$${titles[1] + 1}`);
}

/** Request bytes of queueOwnSheetReset, generously. */
export function ownSheetResetBytes(p: OwnSheetPlan): number {
  return (12 + 2 * p.columnWidths.length) * (ACTION_OVERHEAD + PATH_BYTES);
}

/** The summary sheet reset: see queueOwnSheetReset. */
export function queueSummaryReset(
  ctx: Excel.RequestContext,
  summary: SummarySheetPlan,
  exists: boolean,
  pageLayout = false
): void {
  queueOwnSheetReset(ctx, summary, exists, pageLayout);
}

function sameArea(a: Rect | null, b: Rect | null): boolean {
  if (!a || !b) return a === b;
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

function intersects(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

/**
 * The user sheets' operations as this host applies them, for the write contract's formatLike:
 * - below ExcelApi 1.9 (no Range.copyFrom, no getCellProperties to save what it overwrites) a formatLike
 *   is left out, and said (`notApplied`): the added columns get their values and number formats only;
 * - from 1.9, with the merged areas of its source column (from the read, ExcelApi 1.13) that the copy
 *   carries along, to split again: the contract gives cells formats, not merges;
 * - a highlight off over cells a formatLike restyles is left out: the copy has just given them the form's
 *   own fill and font, which is what "off" leaves of a fill that is not the tool's (the source column is
 *   the form's, never an output column carrying the tool's highlight).
 */
function userCellOps(
  ops: Op[],
  read: WorkbookRead,
  canCopy: boolean,
  notApplied: NotApplied
): Op[] {
  const likes = ops.filter((o): o is FormatLikeOp => o.kind === "formatLike");
  if (!likes.length) return ops;
  if (!canCopy) {
    notApplied.formatLike.push(...new Set(likes.map((o) => o.sheet)));
    return ops.filter((o) => o.kind !== "formatLike");
  }
  const covered = (sheet: string, row: number, col: number) =>
    likes.some(
      (l) =>
        l.sheet === sheet &&
        row >= l.rect.row &&
        row < l.rect.row + l.rect.rows &&
        col >= l.rect.col &&
        col < l.rect.col + l.rect.cols
    );
  const out: Op[] = [];
  for (const op of ops) {
    if (op.kind === "formatLike") {
      const { rect, fromCol } = op;
      const merges = read.sheets.find((g) => g.name === op.sheet)?.merges ?? [];
      const unmerge = merges
        .filter(
          (m) =>
            m.col === fromCol &&
            m.cols === 1 &&
            m.row >= rect.row &&
            m.row + m.rows <= rect.row + rect.rows
        )
        .flatMap((m) => Array.from({ length: rect.cols }, (_, j) => ({ ...m, col: rect.col + j })));
      out.push(unmerge.length ? { ...op, unmerge } : op);
      continue;
    }
    if (
      op.kind === "style" &&
      op.highlightOff &&
      likes.some((l) => l.sheet === op.sheet && intersects(l.rect, op.rect))
    ) {
      const left: { row: number; col: number }[] = [];
      for (let i = 0; i < op.rect.rows; i++)
        for (let j = 0; j < op.rect.cols; j++) {
          const row = op.rect.row + i;
          const col = op.rect.col + j;
          if (!covered(op.sheet, row, col)) left.push({ row, col });
        }
      for (const { rect } of toRects(left)) out.push({ ...op, rect });
      continue;
    }
    out.push(op);
  }
  return out;
}

/** What a formatLike's snapshot loads of each cell: the formats the copy replaces (ExcelApi 1.9). */
const FORMAT_PROPS: Excel.CellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true },
    font: { color: true, bold: true, size: true },
    borders: { style: true, weight: true, color: true },
    horizontalAlignment: true,
    verticalAlignment: true,
    wrapText: true,
  },
};

/** Estimated answer per cell of a formatLike's snapshot: its number format and FORMAT_PROPS. */
const FORMAT_SNAPSHOT_BYTES = RESPONSE_BYTES_PER_CELL_PROP + 640;

/** The op that puts back what a formatLike's snapshot found (whole formats, number formats). */
function restoreFormatsOp(
  op: FormatLikeOp,
  range: Excel.Range,
  props: Excel.CellProperties[][]
): FormatsOp {
  const sides = ["top", "bottom", "left", "right"] as const;
  return {
    kind: "formats",
    sheet: op.sheet,
    rect: op.rect,
    props: props.map((row) =>
      row.map((p): Excel.SettableCellProperties => {
        const f = p.format ?? {};
        const borders: Excel.CellBorderCollection = {};
        for (const sd of sides) {
          const b = f.borders?.[sd];
          if (!b) continue;
          borders[sd] =
            !b.style || b.style === "None"
              ? { style: "None" }
              : { style: b.style, weight: b.weight, color: b.color };
        }
        return {
          format: {
            // No fill reads as white with no pattern: put back as no pattern, not as a white fill.
            fill:
              f.fill?.pattern === "None" || !f.fill?.color
                ? { pattern: "None" }
                : { color: f.fill.color },
            font: { color: f.font?.color, bold: f.font?.bold, size: f.font?.size },
            borders,
            horizontalAlignment: f.horizontalAlignment,
            verticalAlignment: f.verticalAlignment,
            wrapText: f.wrapText,
          },
        };
      })
    ),
    numberFormat: (range.numberFormat as unknown[][]).map((r) =>
      r.map((x) => (typeof x === "string" ? x : "General"))
    ),
  };
}

/** True when one of the tool's sheets still shows exactly what `plan` wrote (so Undo may rebuild it from
 *  the plan); a blank cell of the plan (a bordered blank of the forms) reads as "". */
export function summaryMatches(grid: SheetGrid | null, plan: SummarySheetPlan): boolean {
  if (!grid) return false;
  return plan.writes.every((w) => {
    const v = grid.values[w.row - grid.originRow]?.[w.col - grid.originCol] ?? null;
    const blank = (x: unknown) => x === null || x === "";
    return (
      v === w.value ||
      (blank(v) && blank(w.value)) ||
      (typeof v === "string" && typeof w.value === "string" && v.trim() === w.value.trim())
    );
  });
}

/** Sets column widths (points), or back to the sheet's standard width (useStandardWidth, ExcelApi 1.2). */
export function queueWidths(
  ctx: Excel.RequestContext,
  widths: readonly { sheet: string; col: number; points: number; standard?: boolean }[],
  key: SheetKey = (name) => name
): void {
  for (const w of widths) {
    const format = ctx.workbook.worksheets
      .getItem(key(w.sheet))
      .getRangeByIndexes(0, w.col, 1, 1)
      .getEntireColumn().format;
    if (w.standard) format.useStandardWidth = true;
    else format.columnWidth = w.points;
  }
}
