/**
 * A formula's cached result is what a reader without a calculation engine sees of it. Excel and WPS save
 * one with every formula; a workbook made by a program (openpyxl, a reporting system's export, exceljs)
 * often has none (`<f>…</f>` with an empty or no `<v>`), and then its cells read as blank here although
 * Excel shows their values once it calculates. Such cells are counted, so that the command line can say
 * why an actual it reads as missing is not missing in Excel.
 *
 * exceljs gives both "no result saved" and "the result is empty text" (`t="str"` with an empty `<v>`, what
 * Excel saves for `=IF(A1="","",…)`) as an undefined result; acceptFormulaResults makes the second an empty
 * string, so that undefined means not calculated.
 */

import { exceljsModule, wrapExceljsMethod } from "./exceljs-patch";

interface CellParser {
  t?: string;
  model?: { type?: number; result?: unknown };
}
type ParseClose = (this: CellParser, name: string) => boolean;

/** Installs the distinction on exceljs's cell parser (once). Returns 1 when installed, 0 when exceljs's
 *  layout changed (then an empty text result counts as not calculated: a note too many, nothing lost). */
export function acceptFormulaResults(): number {
  const enums = exceljsModule<{ ValueType: { Formula: number } }>("doc/enums");
  if (!enums) return 0;
  const { Formula } = enums.ValueType;
  const installed = wrapExceljsMethod<ParseClose>(
    "xlsx/xform/sheet/cell-xform",
    "parseClose",
    "formulaResults",
    (parseClose) =>
      function (name) {
        const t = this.t;
        const more = parseClose.call(this, name);
        const model = this.model;
        if (name === "c" && model?.type === Formula && t === "str" && model.result === undefined)
          model.result = "";
        return more;
      }
  );
  return installed ? 1 : 0;
}

/** Formula cells of a read workbook that hold no calculated result: how many, and the first few. */
export interface Uncalculated {
  count: number;
  /** `Sheet!A1`, in reading order, at most UNCALCULATED_SHOWN. */
  cells: string[];
}

export const UNCALCULATED_SHOWN = 3;

/** Whether an exceljs cell value is a formula saved without its result. */
export function isUncalculated(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
  return (v.formula !== undefined || v.sharedFormula !== undefined) && v.result === undefined;
}
