/**
 * The named cell styles of the tool's own sheets (the forms, the summary), defined once. Hosts map each to
 * their primitives (.xlsx: a cellXfs entry with font, fill, border and alignment; Office.js: range.format).
 * Kept plain and official-looking: the forms are printed, signed and handed in.
 *
 * Body text is 10 points (BODY_SIZE), not the workbook's default 11: a form of twenty-odd indicators must
 * fit one portrait A4 page, and at 10 points its long indicator names take one line where 11 takes two
 * (the column widths are measured in characters of the default font, so a smaller font fits more of them).
 * Printed at the forms' fit-one-page-wide scale (about 91%) it is still over 9 points.
 */
import type { CellStyle, StyleName } from "./types";

/** The size (points) of the own sheets' body text; sheet-builder measures wrapped text at it. */
export const BODY_SIZE = 10;

export const STYLES: Readonly<Record<StyleName, Readonly<CellStyle>>> = {
  title: { bold: true, size: 16, h: "center", v: "center" },
  caption: { size: BODY_SIZE, h: "center", v: "center" },
  header: {
    bold: true,
    size: BODY_SIZE,
    border: true,
    h: "center",
    v: "center",
    wrap: true,
    fill: "#F2F2F2",
  },
  label: { size: BODY_SIZE, border: true, h: "center", v: "center", wrap: true },
  text: { size: BODY_SIZE, border: true, h: "left", v: "center", wrap: true },
  number: { size: BODY_SIZE, border: true, h: "right", v: "center" },
  blank: { size: BODY_SIZE, border: true, v: "center", wrap: true },
  total: { bold: true, size: BODY_SIZE, border: true, h: "center", v: "center" },
};
