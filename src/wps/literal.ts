/**
 * Values to assign to Value2 so that WPS stores them as they are: WPS parses a string assigned to Value2 as
 * if typed ("=A1" a formula, "95%" a number), so a string it could parse gets Excel's quote prefix, as in
 * the Excel add-in (src/excel/literal.ts, which explains the choice); none in a cell formatted "@".
 */
import { literalForExcel } from "../excel/literal";
import type { V2 } from "./api";

/** Value2 for `values`, strings made literal (`formats`: each cell's number format, when known). */
export function literalBlock(
  values: readonly (readonly V2[])[],
  formats?: (string | null)[][]
): V2[][] {
  return values.map((row, i) =>
    row.map((v, j) => (v === undefined || v === null ? "" : literalForExcel(v, formats?.[i]?.[j])))
  );
}
