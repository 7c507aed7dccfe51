/**
 * A worksheet part written from scratch: the tool's own sheets (评分汇总, the ledger), which it builds
 * whole. Cells are inline strings and numbers; links are internal (`location`), so need no relationships.
 */
import { a1 } from "../core";
import { encodeXstring, escapeAttr, escapeText } from "./xml";

export interface NewCell {
  row: number;
  col: number;
  value: string | number | null;
  style: number;
  /** An internal link target such as `'Sheet1'!A5`. */
  link?: string;
}

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

export function newSheetXml(cells: readonly NewCell[], widths: readonly number[] = []): string {
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
  const data = [...rows.keys()]
    .sort((x, y) => x - y)
    .map(
      (r) =>
        `<row r="${r + 1}">${rows
          .get(r)!
          .sort((x, y) => x.col - y.col)
          .map(cell)
          .join("")}</row>`
    )
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
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>` +
    `<dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${data}</sheetData>` +
    (links ? `<hyperlinks>${links}</hyperlinks>` : "") +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}
