/**
 * The part of WPS 表格's JS API (the jsaddon `Application`, an Excel-VBA-shaped COM bridge) this adapter
 * calls, typed as WPS answers it. Every member named here is declared by the published typings —
 * wps-jsapi 1.0.5's `Et.EtApplication`, `EtWorkbook`, `EtWorksheet`, `EtRange`… and wps-jsapi-declare
 * 2.2.0's `WPS.AddonRoot` (CreateTaskPane, GetTaskPane, PluginStorage) — which test/wps/typings.test.ts
 * checks name by name. Those typings come from the COM type library and give methods' results as a
 * trailing `RHS` parameter (`Range(Cell1, Cell2, RHS?: EtRange): void`), so the shapes below say what a
 * call returns instead.
 *
 * How WPS answers, as in Excel VBA (the fake host in test/wps models exactly this): every property read or
 * write and every method is one synchronous call; a multi-cell range's `Value2` and `Formula` are 2-D
 * arrays (rows of cells, 1-based in the API but 0-based in the array), a single cell's a scalar; an empty
 * cell is `undefined` (VBA's Empty) — null and "" are taken alike; dates are serial numbers; a property of
 * a multi-cell range that differs between its cells (`NumberFormat`, `Interior.Color`, `Font.Bold`,
 * `MergeCells`, `Hidden`, `Text`) reads as null; colours are BGR longs. None of it was tried on a running WPS.
 */
export type V2 = string | number | boolean | undefined | null;

export interface WpsInterior {
  Color: number | null;
  /** xlNone (-4142): no fill. */
  ColorIndex: number | null;
}

export interface WpsFont {
  Bold: boolean | null;
  Color: number | null;
  /** xlColorIndexAutomatic (-4105): the automatic (black) font colour. */
  ColorIndex: number | null;
  Size: number | null;
}

export interface WpsBorders {
  LineStyle: number | null;
  Weight: number | null;
}

export interface WpsRange {
  Value2: V2 | V2[][];
  Formula: V2 | V2[][];
  NumberFormat: string | null;
  readonly Text: string | null;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: WpsRange & { readonly Count: number };
  readonly Columns: WpsRange & { readonly Count: number };
  readonly Count: number;
  readonly Interior: WpsInterior;
  readonly Font: WpsFont;
  readonly Borders: WpsBorders;
  HorizontalAlignment: number | null;
  VerticalAlignment: number | null;
  WrapText: boolean | null;
  readonly MergeCells: boolean | null;
  readonly MergeArea: WpsRange;
  Hidden: boolean | null;
  readonly EntireRow: WpsRange;
  ColumnWidth: number | null;
  RowHeight: number | null;
  UseStandardWidth: boolean | null;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  Merge(Across?: boolean): void;
  UnMerge(): void;
  Select(): void;
  Clear(): void;
  ClearContents(): void;
  ClearFormats(): void;
  Copy(Destination?: WpsRange): void;
  PasteSpecial(Paste?: number): void;
  readonly Hyperlinks: {
    Add(
      Anchor: WpsRange,
      Address: string,
      SubAddress?: string,
      ScreenTip?: string,
      TextToDisplay?: string
    ): unknown;
  };
}

export interface WpsPageSetup {
  Orientation: number;
  PaperSize: number;
  Zoom: number | boolean;
  FitToPagesWide: number | boolean;
  FitToPagesTall: number | boolean;
  PrintTitleRows: string;
  PrintArea: string;
}

export interface WpsWorksheet {
  Name: string;
  /** xlSheetVisible -1, xlSheetHidden 0, xlSheetVeryHidden 2. */
  Visible: number;
  readonly Index: number;
  readonly UsedRange: WpsRange;
  readonly ProtectContents: boolean;
  readonly PageSetup: WpsPageSetup;
  readonly HPageBreaks: { Add(Before: WpsRange): unknown };
  readonly StandardWidth: number;
  Range(Cell1: string): WpsRange;
  readonly Cells: WpsRange;
  Activate(): void;
  Delete(): void;
}

export interface WpsSheets {
  readonly Count: number;
  Item(index: number | string): WpsWorksheet;
  Add(Before?: WpsWorksheet, After?: WpsWorksheet): WpsWorksheet;
}

export interface WpsCustomProperty {
  readonly Name: string;
  Value: string;
  Delete(): void;
}

export interface WpsWorkbook {
  readonly Name: string;
  readonly Worksheets: WpsSheets;
  readonly ActiveSheet: WpsWorksheet;
  readonly Date1904: boolean;
  readonly ReadOnly: boolean;
  readonly ProtectStructure: boolean;
  readonly CustomDocumentProperties: {
    readonly Count: number;
    Item(index: number | string): WpsCustomProperty;
    Add(Name: string, LinkToContent: boolean, Type: number, Value: string): WpsCustomProperty;
  };
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
  Width: number;
}

export interface WpsPluginStorage {
  setItem(key: string, value: string | number | boolean): void;
  getItem(key: string): string | null;
}

export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  readonly PluginStorage: WpsPluginStorage;
  /** Screen repainting during a write (VBA's ScreenUpdating). */
  ScreenUpdating: boolean;
  /** False: Worksheet.Delete asks no confirmation. */
  DisplayAlerts: boolean;
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null;
}

/** VBA constants the adapter uses (Et.EtXl… enums in wps-jsapi). */
export const XL = {
  sheetVisible: -1,
  sheetVeryHidden: 2,
  none: -4142,
  colorIndexAutomatic: -4105,
  continuous: 1,
  thin: 2,
  hLeft: -4131,
  hCenter: -4108,
  hRight: -4152,
  vTop: -4160,
  vCenter: -4108,
  portrait: 1,
  landscape: 2,
  paperA4: 9,
  pasteFormats: -4122,
  propertyTypeString: 4,
} as const;

/** WPS's `Application` (also `wps`), or null outside WPS. */
export function wpsApp(): WpsApplication | null {
  const g = globalThis as { Application?: unknown; wps?: unknown };
  const app = g.Application ?? g.wps;
  return app !== null && typeof app === "object" ? (app as WpsApplication) : null;
}

/** "#RRGGBB" as the BGR long WPS (and VBA) colours take. */
export function bgr(hex: string): number {
  const n = parseInt(hex.replace("#", ""), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** A 2-D `Value2`/`Formula` answer whatever the shape WPS gives: a single cell's scalar becomes [[v]]. */
export function grid(v: V2 | V2[][]): V2[][] {
  return Array.isArray(v) ? v : [[v]];
}
