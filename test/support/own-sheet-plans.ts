/**
 * Hand-built plans for the tool's own sheets, as the planner will make them: small forms a page apart,
 * and a summary 30 columns wide. They let the writer and the printed pages be tested without the planner
 * (test/xlsx/layout.test.ts, test/xlsx/print.test.ts).
 */
import { FORMS_SHEET, Ledger, SUMMARY_SHEET } from "../../src/core";
import type { CellWrite, OwnSheetPlan, WritePlan } from "../../src/core";

/** The forms sheet's name: the planner's, so that tests comparing the engine's own Score find it. */
export const FORMS = FORMS_SHEET;

export function planOf(p: Partial<WritePlan>): WritePlan {
  return {
    writes: [],
    runs: [],
    summary: null,
    unmetCells: [],
    ledger: new Ledger(),
    skipped: [],
    ...p,
  };
}

const w = (
  row: number,
  col: number,
  value: string | number | null,
  more: Partial<CellWrite> = {}
) => ({ sheet: "", row, col, value, ...more }) as CellWrite;

/** `count` small forms, one a page: title, caption, label/value rows in merged areas, a total. */
export function formsPlan(count = 3): OwnSheetPlan {
  const writes: CellWrite[] = [];
  const merges = [];
  const rowBreaks: number[] = [];
  for (let k = 0; k < count; k++) {
    const top = k * 8;
    if (k > 0) rowBreaks.push(top);
    writes.push(w(top, 0, `项目支出绩效自评表（项目${k + 1}）`, { style: "title" }));
    writes.push(w(top + 1, 0, "（2025年度）", { style: "caption" }));
    writes.push(w(top + 2, 0, "项目名称", { style: "label" }));
    writes.push(w(top + 2, 1, `道路养护${k + 1}`, { style: "text" }));
    writes.push(w(top + 3, 0, "一级指标", { style: "header" }));
    writes.push(w(top + 3, 1, "指标值", { style: "header" }));
    writes.push(w(top + 3, 2, "分值", { style: "header" }));
    writes.push(w(top + 3, 3, "得分", { style: "header" }));
    writes.push(w(top + 4, 0, "产出指标", { style: "label" }));
    writes.push(w(top + 4, 1, "≥6个", { style: "text" }));
    writes.push(w(top + 4, 2, 20, { style: "number", numberFormat: "0.00" }));
    writes.push(w(top + 4, 3, 12.5, { style: "number", numberFormat: "0.00", highlight: true }));
    writes.push(w(top + 5, 0, "总分", { style: "total" }));
    writes.push(w(top + 5, 3, 92.5, { style: "total", numberFormat: "0.00" }));
    writes.push(w(top + 6, 0, "填报人：", { style: "blank" }));
    writes.push(w(top + 6, 1, null, { style: "blank" }));
    merges.push(
      { row: top, col: 0, rows: 1, cols: 4 },
      { row: top + 1, col: 0, rows: 1, cols: 4 },
      { row: top + 2, col: 1, rows: 1, cols: 3 },
      { row: top + 5, col: 0, rows: 1, cols: 3 },
      { row: top + 6, col: 1, rows: 1, cols: 3 }
    );
  }
  return {
    name: FORMS,
    writes,
    columnWidths: [14, 30, 10, 10],
    layout: {
      merges,
      rowHeights: [0, ...rowBreaks].map((row) => ({ row, height: 30 })),
      page: { orientation: "portrait", paper: "A4", fitToWidth: true, rowBreaks },
    },
  };
}

/** A summary 30 columns wide: a header row repeated on every page, ten project rows. */
export function summaryPlan(): OwnSheetPlan {
  const writes: CellWrite[] = [];
  for (let c = 0; c < 30; c++) writes.push(w(0, c, `列${c + 1}`, { style: "header" }));
  for (let r = 1; r <= 10; r++)
    for (let c = 0; c < 30; c++)
      writes.push(
        c === 0
          ? w(r, c, `项目${r}`, { style: "text" })
          : w(r, c, r * 100 + c, { style: "number", numberFormat: "#,##0.00" })
      );
  return {
    name: SUMMARY_SHEET,
    writes,
    columnWidths: new Array<number>(30).fill(12),
    layout: {
      merges: [],
      page: {
        orientation: "landscape",
        paper: "A4",
        fitToWidth: true,
        printTitleRows: [0, 0],
        rowBreaks: [],
      },
    },
  };
}
