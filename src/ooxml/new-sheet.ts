/**
 * A worksheet part written from scratch: the tool's own sheets (评分汇总, the forms, the ledger), which it
 * builds whole. Cells are inline strings and numbers; links are internal (`location`), so need no
 * relationships. A layout adds merges, row heights, an A4 page setup fitted one page wide and manual page
 * breaks; every element in CT_Worksheet's order, which Excel insists on (it repairs a file that breaks it).
 * Print titles are a defined name of the workbook part (apply-plan.ts), not part of the sheet.
 */
import { SheetLayout, a1 } from "../core";
import { encodeXstring, escapeAttr, escapeText } from "./xml";

export interface NewCell {
  row: number;
  col: number;
  value: string | number | null;
  style: number;
  /** An internal link target such as `'Sheet1'!A5`. */
  link?: string;
}

const MAX_BREAKS = 1026;

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function cell(c: NewCell): string {
  const r = a1(c.row, c.col);
  const s = c.style ? ` s="${c.style}"` : "";
  if (c.value === null || (typeof c.value === "number" && !Number.isFinite(c.value)))
    return `<c r="${r}"${s}/>`;
  if (typeof c.value === "number") return `<c r="${r}"${s}><v>${c.value}</v></c>`;
  const t = encodeXstring(c.value);
  const space = /^\s|\s$/.test(t) ? ' xml:space="preserve"' : "";
  return `<c r="${r}"${s} t="inlineStr"><is><t${space}>${escapeText(t)}</t></is></c>`;
}

/**
 * The hidden cells of each merged area, given the style of its top-left cell where the plan left them
 * out: Excel draws a merged area's borders from every cell along its edges, so a bordered merge whose
 * other cells have no style prints with its right and bottom lines missing.
 */
function withMergedStyles(
  cells: readonly NewCell[],
  merges: readonly SheetLayout["merges"][number][]
): NewCell[] {
  if (merges.length === 0) return [...cells];
  const at = new Map<string, NewCell>();
  for (const c of cells) at.set(`${c.row},${c.col}`, c);
  const out = [...cells];
  for (const m of merges) {
    const style = at.get(`${m.row},${m.col}`)?.style ?? 0;
    if (!style) continue;
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++)
        if (!at.has(`${r},${c}`)) out.push({ row: r, col: c, value: null, style });
  }
  return out;
}

export function newSheetXml(
  given: readonly NewCell[],
  widths: readonly number[] = [],
  layout?: SheetLayout
): string {
  const cells = withMergedStyles(given, layout?.merges ?? []);
  const heights = new Map<number, number>();
  for (const h of layout?.rowHeights ?? [])
    if (Number.isFinite(h.height) && h.height > 0 && h.row >= 0) heights.set(h.row, h.height);
  const rows = new Map<number, NewCell[]>();
  let maxRow = 0;
  let maxCol = 0;
  for (const c of cells) {
    const l = rows.get(c.row);
    if (l) l.push(c);
    else rows.set(c.row, [c]);
    maxRow = Math.max(maxRow, c.row);
    maxCol = Math.max(maxCol, c.col);
  }
  for (const r of heights.keys()) if (!rows.has(r)) rows.set(r, []);
  const data = [...rows.keys()]
    .sort((x, y) => x - y)
    .map((r) => {
      const h = heights.get(r);
      const ht = h !== undefined ? ` ht="${h}" customHeight="1"` : "";
      const list = rows.get(r)!.sort((x, y) => x.col - y.col);
      return list.length
        ? `<row r="${r + 1}"${ht}>${list.map(cell).join("")}</row>`
        : `<row r="${r + 1}"${ht}/>`;
    })
    .join("");
  const cols = widths
    .map((w, i) =>
      Number.isFinite(w) && w > 0
        ? `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`
        : ""
    )
    .join("");
  const links = cells
    .filter((c) => c.link)
    .map(
      (c) =>
        `<hyperlink ref="${a1(c.row, c.col)}" location="${escapeAttr(c.link!)}" display="${escapeAttr(String(c.value ?? ""))}"/>`
    )
    .join("");
  const dim = cells.length ? `A1:${a1(maxRow, maxCol)}` : "A1";
  const merges = (layout?.merges ?? []).filter((m) => m.rows * m.cols > 1);
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges
        .map(
          (m) =>
            `<mergeCell ref="${a1(m.row, m.col)}:${a1(m.row + m.rows - 1, m.col + m.cols - 1)}"/>`
        )
        .join("")}</mergeCells>`
    : "";
  const page = layout?.page;
  // A break id is the last row (1-based) before the break: a break above 0-based row r is id r.
  // Excel keeps at most 1,026 manual breaks a sheet; past that it would repair the file.
  const breaks = [...new Set(page?.rowBreaks ?? [])]
    .filter((r) => Number.isInteger(r) && r > 0 && r < 1_048_576)
    .sort((x, y) => x - y)
    .slice(0, MAX_BREAKS);
  const breakXml = breaks.length
    ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks
        .map((r) => `<brk id="${r}" max="16383" man="1"/>`)
        .join("")}</rowBreaks>`
    : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>` +
    (page ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
    `<dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${data}</sheetData>` +
    mergeXml +
    (links ? `<hyperlinks>${links}</hyperlinks>` : "") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    // A4 (9), fitted one page wide and as many tall as it takes (fitToHeight 0); fitToPage above.
    (page
      ? `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="1" fitToHeight="0"/>`
      : "") +
    breakXml +
    `</worksheet>`
  );
}
