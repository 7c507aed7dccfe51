/**
 * Applies a WritePlan in the run that read the workbook:
 *
 *   preflight (one round): the used ranges again (has anyone edited the sheets since the read? their
 *           address, and their values in bands), the current content of every cell about to be overwritten
 *           (for Undo), and our conditional formats; split into parallel requests so that neither what is
 *           sent nor what comes back exceeds Excel on the web's ~5 MB limits (bands.ts);
 *   write (one round): everything else, packed into requests below 5 MB and synced together (execute.ts).
 *
 * With the read's two rounds that is 4 round trips for Score at 10 rows, 10,000 or 100,000 (5 when the whole
 * workbook is read without the sheet names of a previous read).
 */
import { CellValue, LEDGER_SHEET, SUMMARY_SHEET, SheetGrid, SummarySheetPlan, WritePlan, ledgerToRows } from "../core";
import { CELL_PROPERTIES_BYTES, DEFAULT_MAX_RESPONSE_BYTES, Loaded, RectLoad, bandRect, loadRects } from "./bands";
import { ACTION_OVERHEAD, PATH_BYTES, Rect } from "./blocks";
import { MarkRange, markRanges, queueLoadMarks } from "./conditional";
import { DEFAULT_MAX_REQUEST_BYTES, ExecuteOptions, ExecuteStats, Structural, executeOps } from "./execute";
import { literalForExcel } from "./literal";
import { AUTO_FONT, CellsOp, NO_FILL, Op, Scalar, StyleOp, opsFromWrites, sheetCache, splitCellsOp } from "./ops";
import { EMPTY_FINGERPRINT, WIDTH_RECORD_COL, WidthRecord, WorkbookRead, fingerprint } from "./read";

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
}

export type WriteOutcome =
  | { status: "written"; undo: UndoRecord; stats: ExecuteStats }
  | { status: "stale"; sheets: string[] }
  | { status: "protected"; sheets: string[] };

export interface WriteOptions extends ExecuteOptions {
  /** ExcelApi 1.9 is available: snapshot fills per cell with getCellProperties (exact), else per block. */
  cellProperties?: boolean;
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
  return [{ kind: "cells", sheet: LEDGER_SHEET, rect: { row: 0, col: WIDTH_RECORD_COL, rows: values.length, cols: 3 }, values, numberFormat }];
}

/** True when, once `plan` is written, column `col` of `sheet` holds no value (every value in it is cleared). */
export function columnEmptied(read: WorkbookRead, plan: WritePlan, sheet: string, col: number): boolean {
  const grid = read.sheets.find((s) => s.name === sheet);
  if (!grid) return false;
  const j = col - grid.originCol;
  const cleared = new Set(plan.writes.filter((w) => w.sheet === sheet && w.col === col && (w.value === null || w.value === "")).map((w) => w.row));
  return grid.values.every((row, i) => {
    const v = row[j];
    return v === null || v === undefined || v === "" || cleared.has(grid.originRow + i);
  });
}

export function formatLookup(sheets: readonly SheetGrid[]): (sheet: string, row: number, col: number) => string | undefined {
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
  const values = rows.map((r) => Array.from({ length: width }, (_, j) => (r[j] === null || r[j] === undefined ? "" : (r[j] as Scalar))));
  const numberFormat = values.map((r) => r.map(() => "@"));
  return splitCellsOp({ kind: "cells", sheet: LEDGER_SHEET, rect: { row: 0, col: 0, rows: values.length, cols: width }, values, numberFormat });
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
  return splitCellsOp({ kind: "cells", sheet: grid.name, rect: { row: grid.originRow, col: grid.originCol, rows, cols }, values, numberFormat });
}

interface StyleSnapshot {
  op: StyleOp;
  range: Excel.Range;
  props?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
}

export async function writePlan(
  context: Excel.RequestContext,
  read: WorkbookRead,
  plan: WritePlan,
  kind: ActionKind,
  opts: WriteOptions = {},
): Promise<WriteOutcome> {
  const userOps = opsFromWrites(
    plan.writes.filter((w) => w.sheet !== SUMMARY_SHEET && w.sheet !== LEDGER_SHEET),
    formatLookup(read.sheets),
  );
  const summaryOps: Op[] = plan.summary ? opsFromWrites(plan.summary.writes.map((w) => ({ ...w, sheet: plan.summary!.name })), () => undefined) : [];
  const deletes = (plan.deleteSheets ?? []).filter((n) => n === SUMMARY_SHEET ? read.summaryExists : read.sheets.some((s) => s.name === n));
  const touched = new Set<string>([...userOps.map((o) => o.sheet), ...plan.unmetCells.map((c) => c.sheet)]);
  const blocked = read.protectedSheets.filter((s) => touched.has(s));
  if (blocked.length) return { status: "protected", sheets: blocked };

  // ---- preflight (one round; split into parallel requests when large, like the writes) ------------
  // Requests are bounded twice: what is sent (maxRequestBytes) and what comes back (maxResponseBytes).
  const limit = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const responseLimit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const newContext = opts.newContext ?? (() => new Excel.RequestContext());
  const contexts: Excel.RequestContext[] = [context];
  let used = 0;
  let answered = 0;
  let sheetOf = sheetCache(context);
  /** The context a probe of `bytes` (answered by about `response` bytes) goes to: the current one, or a new one when it is full. */
  const probe = (bytes: number, response = 200) => {
    if ((used + bytes > limit || answered + response > responseLimit) && used > 0) {
      const c = newContext();
      contexts.push(c);
      sheetOf = sheetCache(c);
      used = 0;
      answered = 0;
    }
    used += bytes;
    answered += response;
    return sheetOf;
  };
  // Our marks are on user sheets only; a sheet this run deletes (the summary on Clear) is not looked at,
  // nor is it by Undo, which could not find it.
  const markSheets = [...new Set([...read.sheets.map((s) => s.name), ...touched])].filter((n) => n !== SUMMARY_SHEET && !deletes.includes(n));
  // Marks are deleted in the main request, so they are loaded there.
  const markLoads = markSheets.map((name) => queueLoadMarks(probe(PATH_BYTES * 2, 2_000)(name), name));
  // Has anyone edited the sheets since the read? The used range's address here, its values in bands
  // over the rectangle read (compared only when the address is unchanged).
  const recheck = [...read.fingerprints.keys()].map((name) => {
    const usedRange = probe(PATH_BYTES * 2)(name).getUsedRangeOrNullObject(true);
    usedRange.load("address");
    return { name, used: usedRange };
  });
  const bandLoads: RectLoad[] = [];
  const recheckLoads = new Map<string, number>();
  for (const [name, r] of read.ranges) {
    recheckLoads.set(name, bandLoads.length);
    bandLoads.push({ sheet: name, rect: r.rect, props: ["values"] });
  }
  const rangeAt = (sheet: string, rect: Rect, response: number) =>
    probe(PATH_BYTES * 3 + ACTION_OVERHEAD * 2, response)(sheet).getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols);
  /** getCellProperties answers ~110 bytes a cell: bands of a style op's rectangle under the response limit. */
  const propBands = (rect: Rect) => bandRect(rect, CELL_PROPERTIES_BYTES, responseLimit);
  const cellSnaps: { op: CellsOp; load: number }[] = [];
  const styleSnaps: StyleSnapshot[] = [];
  for (const op of userOps) {
    if (op.kind === "link" || op.kind === "mark") continue;
    if (op.kind === "cells") {
      cellSnaps.push({ op, load: bandLoads.length });
      bandLoads.push({ sheet: op.sheet, rect: op.rect, props: ["values", "formulas", "numberFormat"] });
    } else if (opts.cellProperties) {
      for (const rect of propBands(op.rect)) {
        const range = rangeAt(op.sheet, rect, CELL_PROPERTIES_BYTES * rect.rows * rect.cols);
        const props = range.getCellProperties({ format: { fill: { color: true, pattern: true }, font: { color: true, bold: true } } });
        styleSnaps.push({ op: { ...op, rect }, range, props }); // a band of a uniform style op is the same op, fewer rows
      }
    } else {
      const range = rangeAt(op.sheet, op.rect, 200);
      range.format.fill.load("color");
      range.format.font.load("color,bold");
      styleSnaps.push({ op, range });
    }
  }
  // Widths of the engine's result columns: applied only where the column still has the default width,
  // judged against a column nobody touches (XFD).
  const readNames = new Set(read.sheets.map((x) => x.name));
  const widthProbes = (plan.columnWidths ?? [])
    .filter((w) => readNames.has(w.sheet) && w.width > 0)
    .map((w) => {
      const format = probe(PATH_BYTES * 2 + ACTION_OVERHEAD)(w.sheet).getRangeByIndexes(0, w.col, 1, 1).format;
      format.load("columnWidth");
      return { ...w, format };
    });
  // Clear: columns the add-in widened (width records) that the plan leaves empty go back to the standard
  // width, if nobody has resized them since (their width is still the one the add-in set).
  const narrowProbes = (kind === "clear" ? read.widthRecords : [])
    .filter((r) => readNames.has(r.sheet) && columnEmptied(read, plan, r.sheet, r.col))
    .map((r) => {
      const format = probe(PATH_BYTES * 2 + ACTION_OVERHEAD)(r.sheet).getRangeByIndexes(0, r.col, 1, 1).format;
      format.load("columnWidth");
      return { ...r, format };
    });
  const widthRefs = new Map(
    [...new Set(widthProbes.map((w) => w.sheet))].map((name) => {
      const format = probe(PATH_BYTES * 2 + ACTION_OVERHEAD)(name).getRange("XFD1").format;
      format.load("columnWidth");
      return [name, format] as const;
    }),
  );
  const [loaded] = await Promise.all([loadRects(null, bandLoads, opts), ...contexts.map((c) => c.sync())]);

  const now = (r: { name: string; used: Excel.Range }) => {
    if (r.used.isNullObject) return EMPTY_FINGERPRINT;
    const then = read.ranges.get(r.name);
    if (!then || then.address !== r.used.address) return `moved:${r.used.address}`;
    return fingerprint(r.used.address, loaded[recheckLoads.get(r.name)!].values ?? []);
  };
  const changed = recheck.filter((r) => now(r) !== read.fingerprints.get(r.name)).map((r) => r.name);
  if (changed.length) return { status: "stale", sheets: changed };

  // ---- undo record from the snapshot ---------------------------------------------------------------
  const oldMarks = markLoads.flatMap((m) => m.ours());
  const undo: UndoRecord = {
    kind,
    cells: cellSnaps.map(({ op, load }) => restoreCellsOp(op, loaded[load])),
    styles: styleSnaps.flatMap(restoreStyleOps),
    written: userOps.filter((o): o is CellsOp => o.kind === "cells"),
    summary: plan.summary || deletes.includes(SUMMARY_SHEET) ? { existed: read.summaryExists, grid: read.summaryGrid } : null,
    ledgerExisted: read.ledgerExists,
    ledgerRows: read.ledgerRows,
    marks: oldMarks.map(({ sheet, address }) => ({ sheet, address })),
    sheets: markSheets,
    widths: [],
    widthRecords: read.widthRecords,
  };
  const widen = widthProbes.filter((w) => Math.abs(w.format.columnWidth - widthRefs.get(w.sheet)!.columnWidth) < 0.01);
  const narrow = narrowProbes.filter((r) => Math.abs(r.format.columnWidth - r.points) <= WIDTH_TOLERANCE);
  undo.widths = [
    ...widen.map((w) => ({ sheet: w.sheet, col: w.col, points: w.format.columnWidth, standard: true })),
    ...narrow.map((r) => ({ sheet: r.sheet, col: r.col, points: r.points })),
  ];
  const set = widen.map((w) => ({ sheet: w.sheet, col: w.col, points: w.width * POINTS_PER_CHAR }));
  const records = [...read.widthRecords.filter((r) => !set.some((w) => w.sheet === r.sheet && w.col === r.col)), ...set];

  // ---- write (one round) ---------------------------------------------------------------------------
  const structural: Structural[] = [];
  structural.push({ bytes: oldMarks.length * ACTION_OVERHEAD, queue: () => oldMarks.forEach((m) => m.cf.delete()) });
  if (plan.summary) {
    const summary = plan.summary;
    structural.push({
      bytes: 3 * ACTION_OVERHEAD + summary.columnWidths.length * 2 * ACTION_OVERHEAD,
      queue: (ctx) => queueSummaryReset(ctx, summary, read.summaryExists),
    });
  }
  for (const name of deletes) {
    if (name === plan.summary?.name) continue;
    structural.push({ bytes: 2 * ACTION_OVERHEAD, queue: (ctx) => ctx.workbook.worksheets.getItem(name).delete() });
  }
  structural.push({
    bytes: (widen.length + narrow.length) * (PATH_BYTES * 3 + ACTION_OVERHEAD),
    queue: (ctx) => queueWidths(ctx, [...set, ...narrow.map((r) => ({ ...r, standard: true }))]),
  });
  const ledgerData = plan.ledger.size > 0 ? [...ledgerOps(ledgerToRows(plan.ledger)), ...widthRecordOps(records)] : [];
  if (plan.ledger.size === 0 && read.ledgerExists) {
    // Nothing of ours left: remove the ledger sheet (a VeryHidden sheet must be made visible-ish first).
    structural.push({ bytes: 3 * ACTION_OVERHEAD, queue: (ctx) => removeLedgerSheet(ctx) });
  } else if (plan.ledger.size > 0) {
    structural.push({
      bytes: 4 * ACTION_OVERHEAD,
      queue: (ctx) => {
        const sheet = read.ledgerExists ? ctx.workbook.worksheets.getItem(LEDGER_SHEET) : ctx.workbook.worksheets.add(LEDGER_SHEET);
        sheet.getRange(LEDGER_COLUMNS).clear("Contents");
        sheet.visibility = "VeryHidden";
      },
    });
  }
  const newMarks: Op[] = markRanges(plan.unmetCells).map((m) => ({ kind: "mark", ...m }));
  const stats = await executeOps(context, structural, [...summaryOps, ...ledgerData], [...userOps, ...newMarks], opts);
  return { status: "written", undo, stats };
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
      vr.push(typeof f === "string" && f.startsWith("=") && f !== v ? f : literalForExcel(v ?? null, fmt));
      fr.push(fmt);
    }
    values.push(vr);
    numberFormat.push(fr);
  }
  return { kind: "cells", sheet: op.sheet, rect: op.rect, values, numberFormat };
}

function restoreStyleOps(s: StyleSnapshot): StyleOp[] {
  const { op } = s;
  const want = { fill: op.fill !== undefined || op.fontColor !== undefined, bold: op.bold !== undefined };
  const style = (fill: string | null | undefined, pattern: string | undefined, font: string | undefined, bold: boolean | undefined) => ({
    fill: want.fill ? (pattern === "None" || !fill || fill.toUpperCase() === "#FFFFFF" ? NO_FILL : fill) : undefined,
    fontColor: want.fill ? font ?? AUTO_FONT : undefined,
    bold: want.bold ? bold ?? false : undefined,
  });
  if (s.props) {
    const out: StyleOp[] = [];
    const grid = s.props.value;
    for (let j = 0; j < op.rect.cols; j++) {
      for (let i = 0; i < op.rect.rows; i++) {
        const p = grid[i]?.[j]?.format;
        out.push({ kind: "style", sheet: op.sheet, rect: { row: op.rect.row + i, col: op.rect.col + j, rows: 1, cols: 1 }, ...style(p?.fill?.color, p?.fill?.pattern, p?.font?.color, p?.font?.bold ?? undefined) });
      }
    }
    return mergeStyles(out);
  }
  const f = s.range.format;
  return [{ kind: "style", sheet: op.sheet, rect: op.rect, ...style(f.fill.color, undefined, f.font.color ?? undefined, f.font.bold ?? undefined) }];
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


/** Deletes the ledger sheet: Excel refuses to delete a VeryHidden sheet, so it is made Hidden first. */
export function removeLedgerSheet(ctx: Excel.RequestContext): void {
  const sheet = ctx.workbook.worksheets.getItem(LEDGER_SHEET);
  sheet.visibility = "Hidden";
  sheet.delete();
}

/** Creates (or clears) the summary sheet and sets its column widths; its cells follow as dependent ops. */
export function queueSummaryReset(ctx: Excel.RequestContext, summary: SummarySheetPlan, exists: boolean): void {
  const sheet = exists ? ctx.workbook.worksheets.getItem(summary.name) : ctx.workbook.worksheets.add(summary.name);
  sheet.getRange().clear("All");
  summary.columnWidths.forEach((w, col) => {
    if (w > 0) sheet.getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = w * POINTS_PER_CHAR;
  });
}

/** True when the summary sheet still shows exactly what `plan` wrote (so Undo may rebuild it from the plan). */
export function summaryMatches(grid: SheetGrid | null, plan: SummarySheetPlan): boolean {
  if (!grid) return false;
  return plan.writes.every((w) => {
    const v = grid.values[w.row - grid.originRow]?.[w.col - grid.originCol] ?? null;
    return v === w.value || (typeof v === "string" && typeof w.value === "string" && v.trim() === w.value.trim());
  });
}

/** Sets column widths (points), or back to the sheet's standard width (useStandardWidth, ExcelApi 1.2). */
export function queueWidths(ctx: Excel.RequestContext, widths: readonly { sheet: string; col: number; points: number; standard?: boolean }[]): void {
  for (const w of widths) {
    const format = ctx.workbook.worksheets.getItem(w.sheet).getRangeByIndexes(0, w.col, 1, 1).getEntireColumn().format;
    if (w.standard) format.useStandardWidth = true;
    else format.columnWidth = w.points;
  }
}
