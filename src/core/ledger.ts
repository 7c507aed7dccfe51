import { a1, parseA1 } from "./a1";
import type { CellValue, Rect, SheetGrid } from "./types";

/**
 * The ledger records every cell the engine wrote and the value it wrote, in a very hidden sheet of the
 * workbook itself. It is how the engine tells its own output (safe to refresh or clear) from a user's
 * content (never touched), across runs, machines, the add-in and the command line alike.
 */
export const LEDGER_SHEET = "IndicatorScorerLedger";
/** Cell key used for a whole sheet the engine owns (the summary sheet). */
export const WHOLE_SHEET = "*";

/** What the engine wrote into one cell. */
export type Recorded = string | number | null;

/**
 * Cell key of a print-area record: the sheet's print area before the engine grew it over the columns it
 * added (`original`, null: the sheet had none) and the area it set (`set`). Clear puts `original` back
 * while the sheet still has `set`; a print area the user changed since is theirs. A key that is no A1
 * address, so earlier readers skip the row.
 */
export const PRINT_AREA_KEY = "printArea";
/**
 * Cell key of a sheet's "added columns formatted" mark: Score gave the columns it added the form's own
 * formats (formatLike). From then on only cells it newly claims take them, so that a format the user gave
 * one of the tool's cells since (a fill of their own) stays. A sheet scored by a version before the mark
 * has its added columns formatted once. A key that is no A1 address, so earlier readers skip the row.
 */
export const FORMATTED_KEY = "formatLike";
/**
 * Cell key of an own sheet's digest: a sheet the tool makes whole and large (the forms, a page a project)
 * is recorded by one digest of what it wrote rather than cell by cell (own-sheets.ts), which keeps the
 * ledger small. A key that is no A1 address, so earlier readers skip the row.
 */
export const DIGEST_KEY = "digest";
export interface PrintAreaRecord {
  original: Rect | null;
  set: Rect;
}

/**
 * Width records: the width (in characters) the engine set on a column of a sheet, so that Clear can put
 * the standard width back where that width still stands. A ledger row `[sheet, "H:H", "14"]`: a column
 * reference, which earlier readers (and parseA1) skip as no cell.
 */
export const WIDTH_TOLERANCE_CHARS = 0.125;
/** Width records of earlier add-in versions (ledger sheet columns E:G: sheet, 0-based column, points),
 *  read for workbooks scored by them; points per character as that version set them. */
const LEGACY_WIDTH_COL = 4;
const LEGACY_POINTS_PER_CHAR = 6;

/** Rows of a worksheet (Excel's limit): a recorded cell outside them cannot be one the engine wrote. */
const SHEET_ROWS = 1 << 20;

/** Rows per page of a column's numbers. */
const PAGE_BITS = 12;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;

/** The numbers of 4,096 consecutive rows of a column; `has` marks the rows that hold one. */
interface Page {
  nums: Float64Array;
  has: Uint8Array;
}

/**
 * One recorded output column: its numbers in pages of fixed-size typed arrays, its texts and blanks by row
 * in a map beside them, and how many cells there are in all. Nearly every recorded cell is a score or a
 * rate. Kept in one growing JS array, those cost four times as much to record (2026-12-02, 200,000 cells:
 * 40–44 ms against 10–11 ms): every growth of a large array copies it into a fresh allocation, and one header
 * text among the numbers makes each number a heap object of its own. Pages never grow or move, and a lone
 * far-away cell costs one page (32 KB plus 4 KB).
 */
interface Column {
  pages: (Page | undefined)[];
  other: Map<number, string | null> | null;
  count: number;
}

function copyColumn(c: Column): Column {
  const pages: (Page | undefined)[] = [];
  c.pages.forEach((p, i) => {
    if (p) pages[i] = { nums: p.nums.slice(), has: p.has.slice() };
  });
  return { pages, other: c.other && new Map(c.other), count: c.count };
}

function hasNumber(c: Column, row: number): boolean {
  const p = c.pages[row >>> PAGE_BITS];
  return p !== undefined && p.has[row & PAGE_MASK] === 1;
}

/**
 * The ledger in memory: sheet → column → values by row. Numbers as keys, not `Sheet!H12` strings: a Score
 * of 100,000 indicators records 200,000 cells, and building, hashing and parsing those strings back was
 * most of the write plan's cost. Grouped by column because the engine writes whole output columns, which
 * is also how the ledger sheet stores them.
 */
export class Ledger {
  private readonly bySheet = new Map<string, Map<number, Column>>();
  private readonly wholeSheets = new Set<string>();
  /** Sheet name → the host's stable id of that sheet (xlsx `sheetId`, Office.js `worksheet.id`). */
  private readonly ids = new Map<string, string>();
  /** Sheet → column → the width (characters) the engine set there. */
  private readonly widthsBySheet = new Map<string, Map<number, number>>();
  /** Sheet → the print area the engine grew there, and the one it found. */
  private readonly printAreas = new Map<string, PrintAreaRecord>();
  /** Sheet → the digest of what the engine wrote on it (own sheets recorded whole). */
  private readonly digests = new Map<string, string>();
  /** Sheets whose added columns Score has formatted like the form. */
  private readonly formattedSheets = new Set<string>();
  private cellCount = 0;

  constructor(from?: Ledger) {
    if (!from) return;
    for (const [sheet, cols] of from.bySheet) {
      const copy = new Map<number, Column>();
      for (const [col, c] of cols) copy.set(col, copyColumn(c));
      this.bySheet.set(sheet, copy);
    }
    for (const s of from.wholeSheets) this.wholeSheets.add(s);
    for (const [name, id] of from.ids) this.ids.set(name, id);
    for (const [sheet, w] of from.widthsBySheet) this.widthsBySheet.set(sheet, new Map(w));
    for (const [sheet, p] of from.printAreas) this.printAreas.set(sheet, p);
    for (const sheet of from.formattedSheets) this.formattedSheets.add(sheet);
    for (const [sheet, d] of from.digests) this.digests.set(sheet, d);
    this.cellCount = from.cellCount;
  }

  /** Recorded cells, whole sheets and column widths. */
  get size(): number {
    let widths = 0;
    for (const w of this.widthsBySheet.values()) widths += w.size;
    return (
      this.cellCount +
      this.wholeSheets.size +
      widths +
      this.printAreas.size +
      this.formattedSheets.size +
      this.digests.size
    );
  }

  /** The digest recorded for an own sheet, if it is recorded that way. */
  digest(sheet: string): string | undefined {
    return this.digests.get(sheet);
  }

  setDigest(sheet: string, digest: string): void {
    this.digests.set(sheet, digest);
  }

  /** Sheets recorded by a digest, sorted. */
  sheetsWithDigests(): string[] {
    return [...this.digests.keys()].sort();
  }

  /** Score formatted the sheet's added columns like the form (see FORMATTED_KEY). */
  formatted(sheet: string): boolean {
    return this.formattedSheets.has(sheet);
  }

  setFormatted(sheet: string): void {
    this.formattedSheets.add(sheet);
  }

  /** Sheets marked formatted, sorted. */
  sheetsFormatted(): string[] {
    return [...this.formattedSheets].sort();
  }

  /** The print area the engine set on a sheet and the one it replaced, if recorded. */
  printArea(sheet: string): PrintAreaRecord | undefined {
    return this.printAreas.get(sheet);
  }

  setPrintArea(sheet: string, record: PrintAreaRecord): void {
    this.printAreas.set(sheet, record);
  }

  deletePrintArea(sheet: string): void {
    this.printAreas.delete(sheet);
  }

  /** Sheets with a print-area record, sorted. */
  sheetsWithPrintAreas(): string[] {
    return [...this.printAreas.keys()].sort();
  }

  /** The width (characters) the engine set on a column, if recorded. */
  width(sheet: string, col: number): number | undefined {
    return this.widthsBySheet.get(sheet)?.get(col);
  }

  /** Records the width the engine set on a column. A column outside the sheet or a width that is no
   *  width (a damaged ledger row) is ignored. */
  setWidth(sheet: string, col: number, width: number): void {
    if (!(Number.isInteger(col) && col >= 0 && col < 16_384 && Number.isFinite(width) && width > 0))
      return;
    let w = this.widthsBySheet.get(sheet);
    if (!w) this.widthsBySheet.set(sheet, (w = new Map()));
    w.set(col, width);
  }

  deleteWidth(sheet: string, col: number): void {
    const w = this.widthsBySheet.get(sheet);
    if (!w) return;
    w.delete(col);
    if (w.size === 0) this.widthsBySheet.delete(sheet);
  }

  /** Recorded widths of a sheet, columns ascending. */
  widthsOf(sheet: string): [col: number, width: number][] {
    return [...(this.widthsBySheet.get(sheet) ?? [])].sort((a, b) => a[0] - b[0]);
  }

  /** Sheets with recorded widths, sorted. */
  sheetsWithWidths(): string[] {
    return [...this.widthsBySheet.keys()].sort();
  }

  has(sheet: string, row: number, col: number): boolean {
    return this.get(sheet, row, col) !== undefined;
  }

  get(sheet: string, row: number, col: number): Recorded | undefined {
    const c = this.bySheet.get(sheet)?.get(col);
    if (!c) return undefined;
    const p = c.pages[row >>> PAGE_BITS];
    if (p !== undefined && p.has[row & PAGE_MASK] === 1) return p.nums[row & PAGE_MASK];
    return c.other?.get(row);
  }

  /** Records a cell. A row outside the sheet (`A0` or `A9999999` in a damaged ledger sheet) is ignored. */
  set(sheet: string, row: number, col: number, value: Recorded): void {
    if (!(Number.isInteger(row) && row >= 0 && row < SHEET_ROWS)) return;
    let cols = this.bySheet.get(sheet);
    if (!cols) this.bySheet.set(sheet, (cols = new Map()));
    let c = cols.get(col);
    if (!c) cols.set(col, (c = { pages: [], other: null, count: 0 }));
    const wasNumber = hasNumber(c, row);
    const wasOther = !wasNumber && c.other !== null && c.other.has(row);
    if (!wasNumber && !wasOther) {
      c.count++;
      this.cellCount++;
    }
    if (typeof value === "number") {
      if (wasOther) c.other!.delete(row);
      let p = c.pages[row >>> PAGE_BITS];
      if (p === undefined) {
        p = { nums: new Float64Array(PAGE_ROWS), has: new Uint8Array(PAGE_ROWS) };
        c.pages[row >>> PAGE_BITS] = p;
      }
      p.has[row & PAGE_MASK] = 1;
      p.nums[row & PAGE_MASK] = value;
    } else {
      if (wasNumber) c.pages[row >>> PAGE_BITS]!.has[row & PAGE_MASK] = 0;
      (c.other ??= new Map()).set(row, value);
    }
  }

  delete(sheet: string, row: number, col: number): void {
    const cols = this.bySheet.get(sheet);
    const c = cols?.get(col);
    if (!cols || !c) return;
    if (hasNumber(c, row)) c.pages[row >>> PAGE_BITS]!.has[row & PAGE_MASK] = 0;
    else if (!c.other?.delete(row)) return;
    c.count--;
    this.cellCount--;
    if (c.count === 0) cols.delete(col);
    if (cols.size === 0) this.bySheet.delete(sheet);
  }

  /** The stable id recorded for a sheet, if any. */
  sheetId(sheet: string): string | undefined {
    return this.ids.get(sheet);
  }

  setSheetId(sheet: string, id: string): void {
    this.ids.set(sheet, id);
  }

  /** Everything recorded under `from` moves to `to` (the user renamed the sheet). */
  renameSheet(from: string, to: string): void {
    const cols = this.bySheet.get(from);
    if (cols) {
      this.bySheet.delete(from);
      this.bySheet.set(to, cols);
    }
    if (this.wholeSheets.delete(from)) this.wholeSheets.add(to);
    const widths = this.widthsBySheet.get(from);
    if (widths) {
      this.widthsBySheet.delete(from);
      this.widthsBySheet.set(to, widths);
    }
    const area = this.printAreas.get(from);
    if (area) {
      this.printAreas.delete(from);
      this.printAreas.set(to, area);
    }
    if (this.formattedSheets.delete(from)) this.formattedSheets.add(to);
    const digest = this.digests.get(from);
    if (digest !== undefined) {
      this.digests.delete(from);
      this.digests.set(to, digest);
    }
    const id = this.ids.get(from);
    this.ids.delete(from);
    if (id !== undefined) this.ids.set(to, id);
  }

  /** Forgets a sheet: it is not the one the engine wrote into. */
  dropSheet(sheet: string): void {
    const cols = this.bySheet.get(sheet);
    if (cols) for (const c of cols.values()) this.cellCount -= c.count;
    this.bySheet.delete(sheet);
    this.wholeSheets.delete(sheet);
    this.widthsBySheet.delete(sheet);
    this.printAreas.delete(sheet);
    this.formattedSheets.delete(sheet);
    this.digests.delete(sheet);
    this.ids.delete(sheet);
  }

  /** The engine made the whole sheet (the summary sheet). */
  ownsSheet(sheet: string): boolean {
    return this.wholeSheets.has(sheet);
  }

  addSheet(sheet: string): void {
    this.wholeSheets.add(sheet);
  }

  /** Sheets made whole by the engine, sorted. */
  ownedSheets(): string[] {
    return [...this.wholeSheets].sort();
  }

  /** Sheets with recorded cells, sorted. */
  sheetsWithCells(): string[] {
    return [...this.bySheet.keys()].sort();
  }

  /** The recorded cells of one sheet, column by column, rows ascending. */
  *cellsOf(sheet: string): IterableIterator<[row: number, col: number, value: Recorded]> {
    for (const col of this.columnsOf(sheet))
      for (const [row, value] of this.column(sheet, col)) yield [row, col, value];
  }

  /** Columns of a sheet with recorded cells, ascending. */
  columnsOf(sheet: string): number[] {
    return [...(this.bySheet.get(sheet)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** The recorded cells of one column of a sheet, rows ascending. */
  column(sheet: string, col: number): [row: number, value: Recorded][] {
    const c = this.bySheet.get(sheet)?.get(col);
    const out: [number, Recorded][] = [];
    if (!c) return out;
    c.pages.forEach((p, i) => {
      if (!p) return;
      const first = i << PAGE_BITS;
      for (let k = 0; k < PAGE_ROWS; k++) if (p.has[k] === 1) out.push([first + k, p.nums[k]]);
    });
    if (c.other && c.other.size > 0) {
      for (const [r, v] of c.other) out.push([r, v]);
      out.sort((a, b) => a[0] - b[0]);
    }
    return out;
  }

  /** Every width record as `Sheet!H:H` → width (characters), sorted: for tests and debugging. */
  widthEntries(): [string, number][] {
    const out: [string, number][] = [];
    for (const sheet of this.sheetsWithWidths())
      for (const [col, w] of this.widthsOf(sheet)) out.push([`${sheet}!${widthKey(col)}`, w]);
    return out;
  }

  /** Every entry as `Sheet!A1` → value, sorted (whole sheets first, then by sheet, column, row): for tests and debugging. */
  entries(): [string, Recorded][] {
    const out: [string, Recorded][] = this.ownedSheets().map((s) => [`${s}!${WHOLE_SHEET}`, null]);
    for (const sheet of this.sheetsWithCells()) {
      for (const [row, col, value] of this.cellsOf(sheet))
        out.push([`${sheet}!${a1(row, col)}`, value]);
    }
    for (const sheet of this.sheetsWithPrintAreas())
      out.push([`${sheet}!${PRINT_AREA_KEY}`, JSON.stringify(this.printAreas.get(sheet))]);
    for (const sheet of this.sheetsFormatted()) out.push([`${sheet}!${FORMATTED_KEY}`, 1]);
    for (const sheet of this.sheetsWithDigests())
      out.push([`${sheet}!${DIGEST_KEY}`, this.digests.get(sheet)!]);
    return out;
  }

  /** A ledger of `Sheet!A1` → value entries (the inverse of `entries`), for tests and hand-made ledgers. */
  static of(entries: Iterable<readonly [string, Recorded]>): Ledger {
    const l = new Ledger();
    for (const [key, value] of entries) {
      const bang = key.lastIndexOf("!");
      const sheet = key.slice(0, bang);
      const cell = key.slice(bang + 1);
      if (cell === WHOLE_SHEET) l.addSheet(sheet);
      else if (cell === FORMATTED_KEY) l.setFormatted(sheet);
      else if (cell === DIGEST_KEY) {
        if (typeof value === "string") l.setDigest(sheet, value);
      } else if (cell === PRINT_AREA_KEY) {
        const rec = typeof value === "string" ? parsePrintArea(value) : null;
        if (rec) l.setPrintArea(sheet, rec);
      } else if (parseWidthKey(cell) !== null) {
        if (typeof value === "number") l.setWidth(sheet, parseWidthKey(cell)!, value);
      } else {
        const pos = parseA1(cell);
        if (pos) l.set(sheet, pos.row, pos.col, value);
      }
    }
    return l;
  }
}

/** A width record's cell key: the column as a column range (`H:H`). */
function widthKey(col: number): string {
  const c = a1(0, col).replace(/\d+$/, "");
  return `${c}:${c}`;
}

function parseWidthKey(cell: string): number | null {
  const m = /^([A-Z]{1,3}):\1$/.exec(cell);
  if (!m) return null;
  return parseA1(`${m[1]}1`)?.col ?? null;
}

function isRect(v: unknown): v is Rect {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  const int = (x: unknown, min: number) => Number.isInteger(x) && (x as number) >= min;
  return int(r.row, 0) && int(r.col, 0) && int(r.rows, 1) && int(r.cols, 1);
}

/** A print-area record's JSON, or null when damaged (then nothing is put back). */
function parsePrintArea(json: string): PrintAreaRecord | null {
  try {
    const v = JSON.parse(json) as { original?: unknown; set?: unknown };
    if (!isRect(v.set) || !(v.original === null || isRect(v.original))) return null;
    const rect = (r: Rect): Rect => ({ row: r.row, col: r.col, rows: r.rows, cols: r.cols });
    return { original: v.original === null ? null : rect(v.original), set: rect(v.set) };
  } catch {
    return null;
  }
}

function isRecorded(v: unknown): v is Recorded {
  return typeof v === "string" || typeof v === "number" || v === null;
}

/**
 * Reads the ledger sheet's rows. Each row is [sheet, first cell, JSON]: the JSON is either one value,
 * or an array of values for the cells going down from the first cell (one row records a whole output
 * column, which keeps the ledger a few hundred cells for a sheet of thousands); or [sheet, "H:H", width]
 * for a column width. Columns E:G of any row may hold an earlier add-in's width record (sheet, column,
 * points). Bad rows are ignored.
 */
export function ledgerFromRows(rows: CellValue[][]): Ledger {
  const ledger = new Ledger();
  // Earlier add-in versions kept width records in E:G, from the first row (header row included).
  const legacy: [string, number, number][] = [];
  for (const row of rows) {
    const [s, c, p] = (row ?? []).slice(LEGACY_WIDTH_COL, LEGACY_WIDTH_COL + 3);
    const col = Number(c);
    const points = Number(p);
    if (typeof s === "string" && s && c !== "" && c !== null && Number.isInteger(col) && points > 0)
      legacy.push([s, col, points / LEGACY_POINTS_PER_CHAR]);
  }
  for (const [s, col, w] of legacy) ledger.setWidth(s, col, w);
  for (let i = 1; i < rows.length; i++) {
    const [sheet, cell, json, id] = rows[i] ?? [];
    if (typeof sheet !== "string" || typeof cell !== "string" || !sheet) continue;
    if ((typeof id === "string" && id !== "") || typeof id === "number")
      ledger.setSheetId(sheet, String(id));
    if (cell === WHOLE_SHEET) {
      ledger.addSheet(sheet);
      continue;
    }
    if (cell === FORMATTED_KEY) {
      ledger.setFormatted(sheet);
      continue;
    }
    if (cell === DIGEST_KEY) {
      if (typeof json === "string" && json !== "") ledger.setDigest(sheet, json);
      continue;
    }
    if (cell === PRINT_AREA_KEY) {
      const rec = typeof json === "string" ? parsePrintArea(json) : null;
      if (rec) ledger.setPrintArea(sheet, rec);
      continue;
    }
    const widthCol = parseWidthKey(cell);
    if (widthCol !== null) {
      const w = typeof json === "number" ? json : typeof json === "string" ? Number(json) : NaN;
      ledger.setWidth(sheet, widthCol, w);
      continue;
    }
    const pos = parseA1(cell);
    if (!pos) continue;
    let parsed: unknown = null;
    if (typeof json === "string" && json !== "") {
      try {
        parsed = JSON.parse(json);
      } catch {
        continue;
      }
    }
    const values = Array.isArray(parsed) ? parsed : [parsed];
    values.forEach((v, k) => {
      if (isRecorded(v)) ledger.set(sheet, pos.row + k, pos.col, v);
    });
  }
  return ledger;
}

export function ledgerFromGrid(grid: SheetGrid | undefined): Ledger {
  return grid ? ledgerFromRows(grid.values) : new Ledger();
}

/** Longest JSON text per ledger cell, well under Excel's 32,767 characters. */
const MAX_JSON = 30_000;

/** Rows to store, sorted so that the same ledger always gives the same sheet. */
export function ledgerToRows(ledger: Ledger): string[][] {
  const rows: string[][] = [["sheet", "cell", "values", "sheetId"]];
  const withId = (row: string[]): string[] => {
    const id = ledger.sheetId(row[0]);
    return id === undefined ? row : [...row, id];
  };
  for (const sheet of ledger.ownedSheets()) rows.push(withId([sheet, WHOLE_SHEET, "null"]));
  // Runs of consecutive rows, column by column: one ledger row records a stretch of an output column.
  for (const sheet of ledger.sheetsWithCells()) {
    for (const col of ledger.columnsOf(sheet)) {
      const cells = ledger.column(sheet, col);
      let start = 0;
      while (start < cells.length) {
        const run: Recorded[] = [cells[start][1]];
        let length = JSON.stringify(run[0]).length + 2;
        let end = start + 1;
        while (end < cells.length && cells[end][0] === cells[end - 1][0] + 1) {
          const v = cells[end][1];
          const add = JSON.stringify(v).length + 1;
          if (length + add > MAX_JSON) break;
          run.push(v);
          length += add;
          end++;
        }
        rows.push(withId([sheet, a1(cells[start][0], col), JSON.stringify(run)]));
        start = end;
      }
    }
  }
  for (const sheet of ledger.sheetsWithWidths())
    for (const [col, w] of ledger.widthsOf(sheet))
      rows.push(withId([sheet, widthKey(col), String(w)]));
  for (const sheet of ledger.sheetsWithPrintAreas())
    rows.push(withId([sheet, PRINT_AREA_KEY, JSON.stringify(ledger.printArea(sheet))]));
  for (const sheet of ledger.sheetsFormatted()) rows.push(withId([sheet, FORMATTED_KEY, "1"]));
  for (const sheet of ledger.sheetsWithDigests())
    rows.push(withId([sheet, DIGEST_KEY, ledger.digest(sheet)!]));
  return rows;
}

/**
 * The ledger as it applies to the sheets read now. A sheet is followed by its stable id: recorded cells
 * move with a renamed sheet; a sheet now under a recorded name but with another id is not the one the
 * engine wrote into, and what was recorded for it is dropped (never cleared or trusted). Every sheet read
 * with an id has it recorded, so that the next run can follow it.
 */
export function followSheets(ledger: Ledger, sheets: readonly SheetGrid[]): Ledger {
  const byId = new Map<string, string>();
  for (const s of sheets) if (s.id !== undefined) byId.set(s.id, s.name);
  if (byId.size === 0) return ledger;
  const out = new Ledger(ledger);
  const names = new Set([
    ...ledger.sheetsWithCells(),
    ...ledger.ownedSheets(),
    ...ledger.sheetsWithWidths(),
    ...ledger.sheetsWithPrintAreas(),
    ...ledger.sheetsFormatted(),
    ...ledger.sheetsWithDigests(),
  ]);
  const moves: [string, string][] = [];
  for (const name of names) {
    const id = ledger.sheetId(name);
    if (id === undefined) continue;
    const now = byId.get(id);
    if (now === undefined) {
      // The sheet is gone; a sheet of the same name made since is another sheet.
      if (sheets.some((s) => s.name === name)) out.dropSheet(name);
    } else if (now !== name) moves.push([name, now]);
  }
  // Two passes, so that sheets whose names were swapped both move.
  const parked = moves.map(([from], k): [string, string] => {
    const tmp = `\u0000${k}`;
    out.renameSheet(from, tmp);
    return [tmp, moves[k][1]];
  });
  for (const [tmp, to] of parked) {
    if (!moves.some(([from]) => from === to)) out.dropSheet(to);
    out.renameSheet(tmp, to);
  }
  for (const s of sheets) if (s.id !== undefined) out.setSheetId(s.name, s.id);
  return out;
}
