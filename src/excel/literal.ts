/**
 * Writing text that stays text.
 *
 * Excel parses a string assigned to `range.values` (or `formulas`) exactly as if the user had typed it:
 * "=A1" becomes a formula, "95%" a number, "2025-03-01" a date, "TRUE" a boolean, "#N/A" an error.
 * A CellWrite string is ALWAYS literal text, so the adapter must neutralise that parsing.
 *
 * Choice: a leading apostrophe (Excel's quote prefix), not the "@" (Text) number format.
 *  - "@" would change the cell's format and leave it behind after Clear: a user typing 95 there later
 *    would get the text "95". The apostrophe leaves the number format alone; Excel stores the quote
 *    prefix as a flag, `values` reads back the text without it, so the ledger comparison still holds.
 *  - The apostrophe is only wrong in a cell that is already formatted "@" (there it stays visible), so
 *    cells whose current or planned number format is "@" are written as-is (they cannot be parsed).
 *  - Only strings Excel could parse are prefixed (`needsQuotePrefix`, in core: the command line's copy sets
 *    the same flag on the same cells).
 */
import { needsQuotePrefix } from "../core";

/** The value to assign so that Excel stores `value` literally. `cellFormat` is the format the cell will have. */
export function literalForExcel(
  value: string | number | boolean | null,
  cellFormat: string | null | undefined
): string | number | boolean {
  if (value === null) return "";
  if (typeof value !== "string") return value;
  if (cellFormat === "@") return value;
  return needsQuotePrefix(value) ? `'${value}` : value;
}
