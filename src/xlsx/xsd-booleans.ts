/**
 * SpreadsheetML's flags are xsd:boolean: `1`/`0` as Excel and WPS write them, or `true`/`false` as
 * LibreOffice does. exceljs 4.4 compares many of them with "1" or "0" alone, so in a workbook LibreOffice
 * saved they read as unset: the 1904 date system (every date of a copy would move four years), the sheet's
 * protection and the cells it leaves unlocked (a copy's entry cells would be locked, or its sheet not
 * protected at all), fit-to-page and centred printing, printed grid lines, hidden grid lines, a different
 * first page's header and footer (首页不同: a cover page got the page number footer), conditional
 * formats' "top n %" and "below average"… Each parser below is handed its element with those flags spelled
 * the way it expects, before it reads them; nothing else of exceljs changes.
 */

import { wrapExceljsMethod } from "./exceljs-patch";

/** exceljs parser modules (under exceljs/lib/xlsx/xform/) and the xsd:boolean attributes each compares. */
const FLAGS: [string, string[]][] = [
  ["book/workbook-properties-xform", ["date1904"]],
  ["sheet/page-setup-properties-xform", ["fitToPage"]],
  [
    "sheet/page-setup-xform",
    ["blackAndWhite", "draft", "useFirstPageNumber", "usePrinterDefaults"],
  ],
  [
    "sheet/print-options-xform",
    ["headings", "gridLines", "horizontalCentered", "verticalCentered"],
  ],
  [
    "sheet/sheet-view-xform",
    ["rightToLeft", "tabSelected", "showRuler", "showRowColHeaders", "showGridLines"],
  ],
  [
    "sheet/sheet-protection-xform",
    [
      "sheet",
      "objects",
      "scenarios",
      "selectLockedCells",
      "selectUnlockedCells",
      "formatCells",
      "formatColumns",
      "formatRows",
      "insertColumns",
      "insertRows",
      "insertHyperlinks",
      "deleteColumns",
      "deleteRows",
      "sort",
      "autoFilter",
      "pivotTables",
    ],
  ],
  ["style/protection-xform", ["locked", "hidden"]],
  ["sheet/header-footer-xform", ["differentFirst", "differentOddEven"]],
  ["sheet/cf/cf-rule-xform", ["percent", "bottom", "aboveAverage"]],
  ["sheet/cf/icon-set-xform", ["reverse", "showValue"]],
  ["sheet/cf-ext/icon-set-ext-xform", ["reverse", "showValue"]],
  [
    "sheet/cf-ext/databar-ext-xform",
    [
      "border",
      "gradient",
      "negativeBarColorSameAsPositive",
      "negativeBarBorderColorSameAsPositive",
    ],
  ],
  [
    "table/table-style-info-xform",
    ["showFirstColumn", "showLastColumn", "showRowStripes", "showColumnStripes"],
  ],
  ["table/filter-column-xform", ["hiddenButton"]],
];

interface XmlNode {
  name?: string;
  attributes?: Record<string, string | undefined>;
}
type ParseOpen = (this: unknown, node: XmlNode) => unknown;

/** `true`/`false` as `1`/`0`, in place, for the named attributes only (a text that says "true" stays). */
export function spellFlags(node: XmlNode, names: readonly string[]): void {
  const attributes = node?.attributes;
  if (!attributes) return;
  for (const name of names) {
    const value = attributes[name];
    if (value === "true") attributes[name] = "1";
    else if (value === "false") attributes[name] = "0";
  }
}

/**
 * Installs the spelling on each parser (once, however often it is called). Returns how many parsers carry
 * it; fewer than FLAGS lists means exceljs's layout changed and those flags read as before.
 */
export function acceptXsdBooleans(): number {
  return FLAGS.filter(([module, names]) =>
    wrapExceljsMethod<ParseOpen>(
      `xlsx/xform/${module}`,
      "parseOpen",
      "xsdBooleans",
      (original) =>
        function (this: unknown, node: XmlNode) {
          spellFlags(node, names);
          return original.call(this, node);
        }
    )
  ).length;
}

/** The number of parsers listed, for tests. */
export const XSD_BOOLEAN_PARSERS = FLAGS.length;
