import { LEDGER_SHEET, ledgerToRows } from "./ledger";
import { cellWrites } from "./plan-writes";
import { CellValue, SheetGrid, WritePlan } from "./types";

/**
 * Applies a write plan to in-memory grids, the way the adapters apply it to a workbook. Used by the tests
 * (a run twice equals once), the fake Excel host and the benchmarks; not by the adapters themselves.
 * Displayed text of written numbers is their plain decimal form.
 */
export function applyPlanToGrids(sheets: SheetGrid[], plan: WritePlan): SheetGrid[] {
  const out = new Map<string, SheetGrid>();
  for (const s of sheets) {
    if (plan.deleteSheets?.includes(s.name)) continue;
    out.set(s.name, {
      ...s,
      values: s.values.map((r) => [...r]),
      text: s.text.map((r) => [...r]),
      formats: s.formats?.map((r) => [...r]),
      formulas: s.formulas?.map((r) => [...r]),
    });
  }
  const ensure = (name: string): SheetGrid => {
    let g = out.get(name);
    if (!g) {
      g = { name, originRow: 0, originCol: 0, values: [], text: [], formats: [], formulas: [] };
      out.set(name, g);
    }
    return g;
  };
  const set = (g: SheetGrid, row: number, col: number, value: CellValue, format?: string) => {
    // Grow the used range to cover the cell (the origin may move up/left).
    if (g.values.length === 0) {
      g.originRow = row;
      g.originCol = col;
    }
    if (row < g.originRow) {
      const n = g.originRow - row;
      for (const arr of [g.values, g.text, g.formats, g.formulas])
        arr?.unshift(...Array.from({ length: n }, () => []));
      g.originRow = row;
    }
    if (col < g.originCol) {
      const n = g.originCol - col;
      for (const arr of [g.values, g.text, g.formats, g.formulas])
        arr?.forEach((r) => r.unshift(...Array(n).fill(null)));
      g.originCol = col;
    }
    const i = row - g.originRow;
    const j = col - g.originCol;
    for (const arr of [g.values, g.text, g.formats, g.formulas]) {
      if (!arr) continue;
      while (arr.length <= i) arr.push([]);
    }
    g.values[i][j] = value;
    g.text[i][j] = value === null ? "" : String(value);
    if (g.formats) g.formats[i][j] = format ?? g.formats[i][j] ?? "General";
    if (g.formulas) g.formulas[i][j] = "";
    // Holes left by growth read as blank.
    for (const arr of [g.values, g.text, g.formats, g.formulas] as (CellValue[][] | undefined)[]) {
      if (!arr) continue;
      const r = arr[i];
      for (let k = 0; k < r.length; k++)
        if (r[k] === undefined) r[k] = arr === g.values ? null : arr === g.formats ? "General" : "";
    }
  };

  for (const w of cellWrites(plan)) set(ensure(w.sheet), w.row, w.col, w.value, w.numberFormat);
  // The tool's own sheets (the summary, the forms) are rebuilt whole.
  for (const own of [plan.summary, plan.forms]) {
    if (!own) continue;
    out.delete(own.name);
    const g = ensure(own.name);
    for (const w of own.writes) set(g, w.row, w.col, w.value, w.numberFormat);
  }
  for (const { sheet, area } of plan.printAreas ?? []) {
    const g = out.get(sheet);
    if (!g) continue;
    if (area) g.printArea = { ...area };
    else delete g.printArea;
  }
  out.delete(LEDGER_SHEET);
  if (plan.ledger.size > 0) {
    const g = ensure(LEDGER_SHEET);
    ledgerToRows(plan.ledger).forEach((r, i) => r.forEach((v, j) => set(g, i, j, v)));
  }
  return [...out.values()];
}
