/**
 * Requirement sets. The manifest asks for ExcelApi 1.7, the highest set among the calls the add-in makes:
 *   1.7  Worksheet.getRangeByIndexes, Range.hyperlink (summary links), Worksheet.onChanged (edits between
 *        the read and the write, watch.ts), Workbook.protection (a protected structure, read.ts)
 *   1.6  conditional formats (unmet marks)
 *   1.4  getItemOrNullObject, getUsedRangeOrNullObject
 *   1.2  getUsedRange(valuesOnly), setting worksheet visibility (VeryHidden ledger), protection, column width,
 *        useStandardWidth, Functions.date (the workbook's date system, read.ts)
 *   1.1  everything else (values, text, numberFormat, formulas, fill, font, select, worksheets.add)
 * Optional: 1.9 Range.getCellProperties, used when present to snapshot fills per cell for an exact Undo.
 * Hosts below 1.7 (Excel 2016 volume licence) never load the add-in from the store manifest; a sideloaded
 * copy shows `unsupported` instead of failing half-way through a write.
 */
export const REQUIRED_EXCEL_API = "1.7";
export const CELL_PROPERTIES_API = "1.9";

export interface Support {
  ok: boolean;
  /** Per-cell fill snapshots (ExcelApi 1.9). */
  cellProperties: boolean;
  /** Workbook settings (profile storage); false outside Office. */
  settings: boolean;
}

export function hostSupport(): Support {
  const office = (globalThis as { Office?: typeof Office }).Office;
  const req = office?.context?.requirements;
  const has = (v: string) => !!req && req.isSetSupported("ExcelApi", v);
  return {
    ok: has(REQUIRED_EXCEL_API),
    cellProperties: has(CELL_PROPERTIES_API),
    settings: !!office?.context?.document?.settings,
  };
}
