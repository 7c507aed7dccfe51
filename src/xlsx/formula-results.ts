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

interface CellParser {
  t?: string;
  model?: { type?: number; result?: unknown };
  parseClose(name: string): boolean;
}

const PATCHED = Symbol.for("indicator-scorer.formulaResults");

/** Installs the distinction on exceljs's cell parser (once). Returns 1 when installed, 0 when exceljs's
 *  layout changed (then an empty text result counts as not calculated: a note too many, nothing lost). */
export function acceptFormulaResults(): number {
  let cell: { prototype: CellParser & { [PATCHED]?: boolean } };
  let enums: { ValueType: { Formula: number } };
  try {
    cell = require("exceljs/lib/xlsx/xform/sheet/cell-xform");
    enums = require("exceljs/lib/doc/enums");
  } catch {
    return 0;
  }
  const proto = cell?.prototype;
  if (!proto || typeof proto.parseClose !== "function") return 0;
  if (!Object.prototype.hasOwnProperty.call(proto, PATCHED)) {
    const parseClose = proto.parseClose;
    const { Formula } = enums.ValueType;
    proto.parseClose = function (this: CellParser, name: string) {
      const t = this.t;
      const more = parseClose.call(this, name);
      const model = this.model;
      if (name === "c" && model?.type === Formula && t === "str" && model.result === undefined)
        model.result = "";
      return more;
    };
    proto[PATCHED] = true;
  }
  return 1;
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
