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
 *  - Only strings Excel could parse are prefixed: anything containing a digit (numbers, dates, times,
 *    percentages, fractions, currencies), anything starting with = + - @ # or ' , and TRUE/FALSE.
 *    Plain words ("优", "未达成", "Output") are written unchanged.
 */
export function needsQuotePrefix(text: string): boolean {
  if (text === "") return false;
  if (/[0-9\uFF10-\uFF19]/.test(text)) return true;
  const first = text.trimStart().charAt(0);
  if ("=+-@#'\uFF1D\uFF0B\uFF0D".includes(first) && first !== "") return true;
  return /^\s*(true|false)\s*$/i.test(text);
}

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
