/**
 * The ledger sheet (core LEDGER_SHEET, the one the Excel add-in and the command line keep): written whole as
 * literal text in one block, very hidden (xlSheetVeryHidden: not listed under 取消隐藏), removed when the
 * ledger is empty. What it held before is saved for Undo.
 */
import { LEDGER_SHEET } from "../core";
import { XL, grid } from "./api";
import { literalBlock } from "./literal";
import type { Target } from "./props";
import { rangeOf } from "./ranges";
import { usedRect } from "./read";
import { deleteSheet, removeSheet, sheetExists } from "./sheets";

export function writeLedger(t: Target, rows: readonly string[][]): void {
  if (!rows.length) return deleteSheet(t, LEDGER_SHEET);
  const ws = t.ws(LEDGER_SHEET);
  if (!sheetExists(t.wb, LEDGER_SHEET)) {
    const sheets = t.wb.Worksheets;
    const added = sheets.Add(undefined, sheets.Item(sheets.Count));
    added.Name = LEDGER_SHEET;
    added.Visible = XL.sheetVeryHidden;
    t.forget();
    t.save(() => removeSheet(t.app, ws()));
  } else {
    const r = usedRect(ws());
    const all = r && { row: 0, col: 0, rows: r.row + r.rows, cols: r.col + r.cols };
    const before = all ? grid(rangeOf(ws(), all).Value2) : [];
    t.save(() => {
      ws().Cells.ClearContents();
      if (all) rangeOf(ws(), all).Value2 = literalBlock(before);
    });
    ws().Cells.ClearContents();
  }
  const cols = Math.max(...rows.map((r) => r.length));
  const block = rows.map((r) => [...r, ...new Array<string>(cols - r.length).fill("")]);
  rangeOf(ws(), { row: 0, col: 0, rows: block.length, cols }).Value2 = literalBlock(block);
}
