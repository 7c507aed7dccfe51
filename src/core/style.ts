/**
 * The named cell styles of the tool's own sheets (the forms, the summary), defined once. Hosts map each to
 * their primitives (.xlsx: a cellXfs entry with font, fill, border and alignment; Office.js: range.format).
 * Kept plain and official-looking: the forms are printed, signed and handed in.
 */
import type { CellStyle, StyleName } from "./types";

export const STYLES: Readonly<Record<StyleName, Readonly<CellStyle>>> = {
  title: { bold: true, size: 16, h: "center", v: "center" },
  caption: { h: "center", v: "center" },
  header: { bold: true, border: true, h: "center", v: "center", wrap: true, fill: "#F2F2F2" },
  label: { border: true, h: "center", v: "center", wrap: true },
  text: { border: true, h: "left", v: "center", wrap: true },
  number: { border: true, h: "right", v: "center" },
  blank: { border: true, v: "center", wrap: true },
  total: { bold: true, border: true, h: "center", v: "center" },
};
