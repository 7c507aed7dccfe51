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

/** Reads the ledger sheet's rows ([sheet, cell, value-as-JSON], first row a header). Bad rows are ignored. */
export function ledgerFromRows(rows: CellValue[][]): Ledger {
  const ledger: Ledger = new Map();
  for (let i = 1; i < rows.length; i++) {
    const [sheet, cell, json] = rows[i] ?? [];
    if (typeof sheet !== "string" || typeof cell !== "string" || !sheet) continue;
    if (cell !== WHOLE_SHEET && !parseA1(cell)) continue;
    let value: string | number | null = null;
    if (typeof json === "string" && json !== "") {
      try {
        const parsed: unknown = JSON.parse(json);
        if (typeof parsed === "string" || typeof parsed === "number" || parsed === null) value = parsed;
      } catch {
        continue;
      }
    }
    ledger.set(`${sheet}!${cell}`, value);
  }
  return ledger;
}

export function ledgerFromGrid(grid: SheetGrid | undefined): Ledger {
  return grid ? ledgerFromRows(grid.values) : new Map();
}

/** Rows to store, sorted so that the same ledger always gives the same sheet. Values are JSON text. */
export function ledgerToRows(ledger: Ledger): string[][] {
  const rows: string[][] = [["sheet", "cell", "value"]];
  const keys = [...ledger.keys()].sort();
  for (const key of keys) {
    const bang = key.lastIndexOf("!");
    rows.push([key.slice(0, bang), key.slice(bang + 1), JSON.stringify(ledger.get(key) ?? null)]);
  }
  return rows;
}
