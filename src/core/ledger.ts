import { a1, parseA1 } from "./a1";
import type { CellValue, SheetGrid } from "./types";

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

/** One recorded output column: values by row (holes where nothing was written), and how many there are. */
interface Column {
  rows: (Recorded | undefined)[];
  count: number;
}

/**
 * Far more holes than cells (a lone cell at row 1,000,000): walk the indices with Object.keys, which lists
 * those of a sparse (dictionary) array without visiting its holes.
 */
function sparse(c: Column): boolean {
  return c.rows.length > 4 * (c.count + 16);
}

function copyRows(c: Column): Column["rows"] {
  if (!sparse(c)) return c.rows.slice();
  const rows: Column["rows"] = [];
  for (const k of Object.keys(c.rows)) rows[Number(k)] = c.rows[Number(k)];
  return rows;
}

/**
 * The ledger in memory: sheet → column → values by row. Numbers as keys, not `Sheet!H12` strings: a Score
 * of 100,000 indicators records 200,000 cells, and building, hashing and parsing those strings back was
 * most of the write plan's cost. Grouped by column because the engine writes whole output columns, which
 * is also how the ledger sheet stores them; a column is an array indexed by row (V8 keeps a sparse one
 * as a dictionary, so a lone far-away cell costs nothing).
 */
export class Ledger {
  private readonly bySheet = new Map<string, Map<number, Column>>();
  private readonly wholeSheets = new Set<string>();
  private cellCount = 0;

  constructor(from?: Ledger) {
    if (!from) return;
    for (const [sheet, cols] of from.bySheet) {
      const copy = new Map<number, Column>();
      for (const [col, c] of cols) copy.set(col, { rows: copyRows(c), count: c.count });
      this.bySheet.set(sheet, copy);
    }
    for (const s of from.wholeSheets) this.wholeSheets.add(s);
    this.cellCount = from.cellCount;
  }

  /** Recorded cells and whole sheets. */
  get size(): number {
    return this.cellCount + this.wholeSheets.size;
  }

  has(sheet: string, row: number, col: number): boolean {
    return this.get(sheet, row, col) !== undefined;
  }

  get(sheet: string, row: number, col: number): Recorded | undefined {
    return this.bySheet.get(sheet)?.get(col)?.rows[row];
  }

  set(sheet: string, row: number, col: number, value: Recorded): void {
    let cols = this.bySheet.get(sheet);
    if (!cols) this.bySheet.set(sheet, (cols = new Map()));
    let c = cols.get(col);
    if (!c) cols.set(col, (c = { rows: [], count: 0 }));
    if (c.rows[row] === undefined) {
      c.count++;
      this.cellCount++;
    }
    c.rows[row] = value;
  }

  delete(sheet: string, row: number, col: number): void {
    const cols = this.bySheet.get(sheet);
    const c = cols?.get(col);
    if (!cols || !c || c.rows[row] === undefined) return;
    delete c.rows[row];
    c.count--;
    this.cellCount--;
    if (c.count === 0) cols.delete(col);
    if (cols.size === 0) this.bySheet.delete(sheet);
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
    const rows = c.rows;
    if (sparse(c)) {
      for (const k of Object.keys(rows)) out.push([Number(k), rows[Number(k)] as Recorded]);
    } else {
      for (let r = 0; r < rows.length; r++) {
        const v = rows[r];
        if (v !== undefined) out.push([r, v]);
      }
    }
    return out;
  }

  /** Every entry as `Sheet!A1` → value, sorted (whole sheets first, then by sheet, column, row): for tests and debugging. */
  entries(): [string, Recorded][] {
    const out: [string, Recorded][] = this.ownedSheets().map((s) => [`${s}!${WHOLE_SHEET}`, null]);
    for (const sheet of this.sheetsWithCells()) {
      for (const [row, col, value] of this.cellsOf(sheet))
        out.push([`${sheet}!${a1(row, col)}`, value]);
    }
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
      else {
        const pos = parseA1(cell);
        if (pos) l.set(sheet, pos.row, pos.col, value);
      }
    }
    return l;
  }
}

function isRecorded(v: unknown): v is Recorded {
  return typeof v === "string" || typeof v === "number" || v === null;
}

/**
 * Reads the ledger sheet's rows. Each row is [sheet, first cell, JSON]: the JSON is either one value,
 * or an array of values for the cells going down from the first cell (one row records a whole output
 * column, which keeps the ledger a few hundred cells for a sheet of thousands). Bad rows are ignored.
 */
export function ledgerFromRows(rows: CellValue[][]): Ledger {
  const ledger = new Ledger();
  for (let i = 1; i < rows.length; i++) {
    const [sheet, cell, json] = rows[i] ?? [];
    if (typeof sheet !== "string" || typeof cell !== "string" || !sheet) continue;
    if (cell === WHOLE_SHEET) {
      ledger.addSheet(sheet);
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
  const rows: string[][] = [["sheet", "cell", "values"]];
  for (const sheet of ledger.ownedSheets()) rows.push([sheet, WHOLE_SHEET, "null"]);
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
        rows.push([sheet, a1(cells[start][0], col), JSON.stringify(run)]);
        start = end;
      }
    }
  }
  return rows;
}
