/**
 * Builds a SheetGrid from a 2D array, for tests.
 *
 *   buildGrid([["一级指标", "三级指标", "指标值"], ["产出指标", "数量", "≥6个"]])
 *
 * A cell is a string (text), a number, a boolean, null/undefined/"" (blank), or an object
 * `{ v, t?, fmt?, f? }` giving the raw value, the displayed text, the number format and a formula.
 * Numbers display as String(n) unless `t` says otherwise. Rows may be ragged (kept ragged in
 * `values`, as adapters may deliver them) unless `rectangular: true`.
 */
import { CellValue, SheetGrid } from "../../src/core/types";

export interface CellSpec {
  v: CellValue;
  t?: string;
  fmt?: string;
  f?: string;
}

export type CellInput = string | number | boolean | null | undefined | CellSpec;

export interface BuildOptions {
  name?: string;
  originRow?: number;
  originCol?: number;
  /** Pad every row to the widest one. */
  rectangular?: boolean;
}

function isSpec(c: CellInput): c is CellSpec {
  return typeof c === "object" && c !== null;
}

export function buildGrid(rows: CellInput[][], options: BuildOptions = {}): SheetGrid {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values: CellValue[][] = [];
  const text: string[][] = [];
  const formats: string[][] = [];
  const formulas: string[][] = [];
  for (const r of rows) {
    const n = options.rectangular ? width : r.length;
    const vr: CellValue[] = [];
    const tr: string[] = [];
    const fr: string[] = [];
    const xr: string[] = [];
    for (let j = 0; j < n; j++) {
      const c = r[j];
      if (isSpec(c)) {
        vr.push(c.v);
        tr.push(c.t ?? (c.v === null ? "" : String(c.v)));
        fr.push(c.fmt ?? "General");
        xr.push(c.f ?? "");
      } else {
        const v: CellValue = c === undefined || c === "" ? null : c;
        vr.push(v);
        tr.push(v === null ? "" : String(v));
        fr.push("General");
        xr.push("");
      }
    }
    values.push(vr);
    text.push(tr);
    formats.push(fr);
    formulas.push(xr);
  }
  return {
    name: options.name ?? "Sheet1",
    originRow: options.originRow ?? 0,
    originCol: options.originCol ?? 0,
    values,
    text,
    formats,
    formulas,
  };
}

/** Stacks blocks of rows with `gap` blank rows between them. */
export function stack(blocks: CellInput[][][], gap = 2): CellInput[][] {
  const out: CellInput[][] = [];
  blocks.forEach((b, i) => {
    if (i > 0) for (let k = 0; k < gap; k++) out.push([]);
    out.push(...b);
  });
  return out;
}
