/**
 * Requirement sets. The manifest asks for ExcelApi 1.7, the highest set among the calls the add-in makes:
 *   1.7  Worksheet.getRangeByIndexes, Range.hyperlink (summary links), Worksheet.onChanged (edits between
 *        the read and the write, watch.ts), Workbook.protection (a protected structure, read.ts)
 *   1.6  conditional formats (unmet marks)
 *   1.2  getUsedRange(valuesOnly), setting worksheet visibility (VeryHidden ledger), protection (also loaded
 *        through the collection: items/protection/protected), column width, useStandardWidth,
 *        Functions.date (the workbook's date system, read.ts)
 *   1.1  everything else (values, text, numberFormat, formulas, fill, font, select, worksheets.add,
 *        Worksheet.id: sheets are found by id, sheets.ts)
 * Optional: 1.8 Workbook.readOnly, read when present so that a write Excel refuses in a workbook open
 * read-only is said as such (below 1.8 it shows as Excel's AccessDenied); 1.9 Range.getCellProperties, used when present
 * to snapshot fills per cell for an exact Undo, and (issue 18) for Range.copyFrom (added columns take the
 * form's own styles), Range.setCellProperties (their Undo), Worksheet.pageLayout and page breaks (the
 * tool's sheets printed A4, one page wide) and print areas: below 1.9 these are left out and said;
 * 1.13 Range.getMergedAreasOrNullObject, used when present so that the columns Score adds go right of a
 * table's merged cells and nothing is written into a cell a merge hides (read.ts, core/merges.ts).
 * Hosts below 1.7 (Excel 2016 volume licence) never load the add-in from the store manifest; a sideloaded
 * copy shows `unsupported` instead of failing half-way through a write.
 */
export const REQUIRED_EXCEL_API = "1.7";
export const READ_ONLY_API = "1.8";
export const CELL_PROPERTIES_API = "1.9";
export const MERGED_AREAS_API = "1.13";
export const PAGE_LAYOUT_API = "1.9";

export interface Support {
  ok: boolean;
  /** Workbook.readOnly (ExcelApi 1.8). */
  readOnly: boolean;
  /** Per-cell fill snapshots (ExcelApi 1.9). */
  cellProperties: boolean;
  /** The merged areas of a range (ExcelApi 1.13). */
  mergedAreas: boolean;
  /** Worksheet.pageLayout, page breaks, print areas (ExcelApi 1.9). */
  pageLayout: boolean;
  /** Workbook settings (profile storage); false outside Office. */
  settings: boolean;
}

export function hostSupport(): Support {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const req = office?.context?.requirements;
  const has = (v: string) => !!req && req.isSetSupported("ExcelApi", v);
  return {
    ok: has(REQUIRED_EXCEL_API),
    readOnly: has(READ_ONLY_API),
    cellProperties: has(CELL_PROPERTIES_API),
    mergedAreas: has(MERGED_AREAS_API),
    pageLayout: has(PAGE_LAYOUT_API),
    settings: !!office?.context?.document?.settings,
  };
}
