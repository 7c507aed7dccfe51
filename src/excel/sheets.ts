import { LEDGER_SHEET, OWN_SHEETS } from "../core";

/**
 * Worksheets found by their stable id (`Worksheet.id`, ExcelApi 1.1) rather than by name: a sheet the
 * user renames between two runs — or between the read and the write of one — is still the same sheet.
 * `WorksheetCollection.getItem(key)` takes a name or an id.
 */

/** A sheet as the adapter remembers it: its id, and the name it had when last seen. */
export interface SheetRef {
  id: string;
  name: string;
}

/** Maps a sheet name (as the engine and the ops know it) to the key to find it by: its id when known. */
export type SheetKey = (name: string) => string;

/**
 * A SheetKey from the refs of a read (names not among them are looked up by name). The tool's own sheets
 * (the summary, the forms, the ledger) go by name: a write may delete and add them again, under the same
 * name and a new id.
 */
export function keyOf(refs: readonly SheetRef[]): SheetKey {
  const own = (n: string) => (OWN_SHEETS as readonly string[]).includes(n) || n === LEDGER_SHEET;
  const ids = new Map(refs.filter((r) => !own(r.name)).map((r) => [r.name, r.id]));
  return (name) => ids.get(name) ?? name;
}

/** Per-context worksheet proxies (one ObjectPath per sheet and request), found by `key`. */
export function sheetProxies(
  context: Excel.RequestContext,
  key: SheetKey = (name) => name
): (name: string) => Excel.Worksheet {
  const cache = new Map<string, Excel.Worksheet>();
  return (name) => {
    let ws = cache.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(key(name));
      cache.set(name, ws);
    }
    return ws;
  };
}

/** True for the error Excel gives when a sheet asked for by id or name is not there. */
export function isItemNotFound(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ItemNotFound";
}
