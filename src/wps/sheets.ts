/**
 * The tool's own sheets (the summary, the forms, the ledger): made or emptied whole, laid out for print.
 */
import { LEDGER_SHEET, SheetLayout, a1, columnLetters, rowHeightRuns } from "../core";
import { WpsApplication, WpsWorkbook, WpsWorksheet, XL, grid } from "./api";
import { literalBlock } from "./literal";
import { FORMAT_PROPS, Restore, Target, snapshot } from "./props";
import { rangeOf } from "./ranges";
import { mergedAreas, usedRect } from "./read";

function find(wb: WpsWorkbook, name: string): WpsWorksheet | null {
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const ws = sheets.Item(i);
    if (ws.Name === name) return ws;
  }
  return null;
}

export function sheetExists(wb: WpsWorkbook, name: string): boolean {
  return find(wb, name) !== null;
}

/** Deletes a sheet without WPS asking for confirmation. */
export function removeSheet(app: WpsApplication, ws: WpsWorksheet): void {
  app.DisplayAlerts = false;
  try {
    ws.Delete();
  } finally {
    app.DisplayAlerts = true;
  }
}

/** One of the tool's sheets removed; Undo makes it again at its place, with its values, formats, merges. */
export function deleteSheet(t: Target, name: string): void {
  if (!sheetExists(t.wb, name)) return;
  const ws = t.ws(name);
  const contents = saveContents(ws);
  const at = ws().Index;
  t.save(() => {
    buildSheet(t.app, t.wb, name, [], at);
    contents();
  });
  removeSheet(t.app, ws());
  t.forget();
}

/**
 * The sheet `name` empty (made after the last sheet when missing; the ledger very hidden), with `widths`
 * (characters) from column A. Returns what puts back the sheet as it was (its values; gone if it was new).
 */
export function buildSheet(
  app: WpsApplication,
  wb: WpsWorkbook,
  name: string,
  widths: readonly number[],
  /** Where a missing sheet goes (1-based index); default: after the last. */
  at?: number
): Restore {
  let ws = find(wb, name);
  let restore: Restore;
  if (ws) {
    const contents = saveContents(() => wb.Worksheets.Item(name));
    ws.Cells.Clear();
    restore = () => {
      wb.Worksheets.Item(name).Cells.Clear();
      contents();
    };
  } else {
    const sheets = wb.Worksheets;
    const count = sheets.Count;
    ws =
      at !== undefined && at <= count
        ? sheets.Add(sheets.Item(at))
        : sheets.Add(undefined, sheets.Item(count));
    ws.Name = name;
    if (name === LEDGER_SHEET) ws.Visible = XL.sheetVeryHidden;
    restore = () => removeSheet(app, wb.Worksheets.Item(name));
  }
  widths.forEach((w, i) => {
    const c = columnLetters(i);
    ws!.Range(`${c}:${c}`).ColumnWidth = w;
  });
  return restore;
}

/** What puts back a sheet's used range as it is now: its values, formats and merges. */
export function saveContents(sheet: () => WpsWorksheet): Restore {
  const ws = sheet();
  const r = usedRect(ws);
  if (!r) return () => undefined;
  const values = grid(rangeOf(ws, r).Value2);
  const formats = snapshot(sheet, r, FORMAT_PROPS);
  const merges = mergedAreas(ws, r);
  return () => {
    formats();
    for (const m of merges) rangeOf(sheet(), m).Merge();
    rangeOf(sheet(), r).Value2 = literalBlock(values);
  };
}

/** Merges, row heights and an A4 page fitted one page wide, with print titles and a break above each form. */
export function layoutSheet(ws: WpsWorksheet, layout: SheetLayout): void {
  for (const m of layout.merges) rangeOf(ws, m).Merge();
  // Consecutive rows of one height: one call.
  for (const h of rowHeightRuns(layout))
    ws.Range(`${h.row + 1}:${h.row + h.rows}`).RowHeight = h.height;
  const p = layout.page;
  const setup = ws.PageSetup;
  setup.Orientation = p.orientation === "landscape" ? XL.landscape : XL.portrait;
  setup.PaperSize = XL.paperA4;
  setup.Zoom = false;
  setup.FitToPagesWide = 1;
  setup.FitToPagesTall = false;
  if (p.printTitleRows)
    setup.PrintTitleRows = `$${p.printTitleRows[0] + 1}:$${p.printTitleRows[1] + 1}`;
  for (const row of p.rowBreaks) ws.HPageBreaks.Add(ws.Range(a1(row, 0)));
}
