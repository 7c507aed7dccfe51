import { a1, parseA1 } from "./a1";
import { CellValue, Ledger, SheetGrid } from "./types";

/**
 * The ledger records every cell the engine wrote and the value it wrote, in a very hidden sheet of the
 * workbook itself. It is how the engine tells its own output (safe to refresh or clear) from a user's
 * content (never touched), across runs, machines, the add-in and the command line alike.
 */
export const LEDGER_SHEET = "IndicatorScorerLedger";
/** Cell key used for a whole sheet the engine owns (the summary sheet). */
export const WHOLE_SHEET = "*";

export function ledgerKey(sheet: string, row: number, col: number): string {
  return `${sheet}!${a1(row, col)}`;
}

export function sheetKey(sheet: string): string {
  return `${sheet}!${WHOLE_SHEET}`;
}

type Recorded = string | number | null;

function isRecorded(v: unknown): v is Recorded {
  return typeof v === "string" || typeof v === "number" || v === null;
}

/**
 * Reads the ledger sheet's rows. Each row is [sheet, first cell, JSON]: the JSON is either one value,
 * or an array of values for the cells going down from the first cell (one row records a whole output
 * column, which keeps the ledger a few hundred cells for a sheet of thousands). Bad rows are ignored.
 */
export function ledgerFromRows(rows: CellValue[][]): Ledger {
  const ledger: Ledger = new Map();
  for (let i = 1; i < rows.length; i++) {
    const [sheet, cell, json] = rows[i] ?? [];
    if (typeof sheet !== "string" || typeof cell !== "string" || !sheet) continue;
    if (cell === WHOLE_SHEET) {
      ledger.set(`${sheet}!${cell}`, null);
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
      if (isRecorded(v)) ledger.set(ledgerKey(sheet, pos.row + k, pos.col), v);
    });
  }
  return ledger;
}

export function ledgerFromGrid(grid: SheetGrid | undefined): Ledger {
  return grid ? ledgerFromRows(grid.values) : new Map();
}

/** Longest JSON text per ledger cell, well under Excel's 32,767 characters. */
const MAX_JSON = 30_000;

/** Rows to store, sorted so that the same ledger always gives the same sheet. */
export function ledgerToRows(ledger: Ledger): string[][] {
  // Group by sheet and column, then write runs of consecutive rows.
  const cols = new Map<string, { sheet: string; col: number; cells: Map<number, Recorded> }>();
  const whole: string[] = [];
  for (const [key, value] of ledger) {
    const bang = key.lastIndexOf("!");
    const sheet = key.slice(0, bang);
    const cell = key.slice(bang + 1);
    if (cell === WHOLE_SHEET) {
      whole.push(sheet);
      continue;
    }
    const pos = parseA1(cell);
    if (!pos) continue;
    const id = `${sheet}\u0000${pos.col}`;
    let entry = cols.get(id);
    if (!entry) cols.set(id, (entry = { sheet, col: pos.col, cells: new Map() }));
    entry.cells.set(pos.row, value ?? null);
  }
  const rows: string[][] = [["sheet", "cell", "values"]];
  for (const sheet of whole.sort()) rows.push([sheet, WHOLE_SHEET, "null"]);
  const entries = [...cols.values()].sort((a, b) =>
    a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.col - b.col
  );
  for (const { sheet, col, cells } of entries) {
    const rowNums = [...cells.keys()].sort((a, b) => a - b);
    let start = 0;
    while (start < rowNums.length) {
      const run: Recorded[] = [cells.get(rowNums[start]) ?? null];
      let length = JSON.stringify(run[0]).length + 2;
      let end = start + 1;
      while (end < rowNums.length && rowNums[end] === rowNums[end - 1] + 1) {
        const v = cells.get(rowNums[end]) ?? null;
        const add = JSON.stringify(v).length + 1;
        if (length + add > MAX_JSON) break;
        run.push(v);
        length += add;
        end++;
      }
      rows.push([sheet, a1(rowNums[start], col), JSON.stringify(run)]);
      start = end;
    }
  }
  return rows;
}
