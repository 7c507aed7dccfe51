/**
 * Every data type the engine speaks, declared once.
 *
 * Coordinates: inside the engine, `row` and `col` are 0-based *sheet* coordinates (A1 is row 0, col 0),
 * whatever the used range's origin. The report (report-schema.json) uses 1-based rows and A1 addresses;
 * conversion happens only when the report is built (see a1.ts).
 */

export type CellValue = string | number | boolean | null;

/**
 * One sheet's used range, as an adapter read it. All arrays have the same shape:
 * `values[i][j]` is the cell at sheet row `originRow + i`, column `originCol + j`.
 */
export interface SheetGrid {
  name: string;
  originRow: number;
  originCol: number;
  /** Raw values. Dates are Excel serial numbers (see `date1904`); empty cells are null or "". */
  values: CellValue[][];
  /** The text Excel displays for each cell (number formats applied). */
  text: string[][];
  /** Number formats ("General", "0.00%", "yyyy-mm-dd"); optional, used to tell dates from numbers. */
  formats?: string[][];
  /** Formula of each cell ("=SUM(A1:A3)") or "" when the cell holds a constant; optional. */
  formulas?: string[][];
  /**
   * The workbook counts dates from 1904 (an old Mac setting): its date cells hold serials 1,462 lower than
   * the 1900 system's. Adapters pass the values as stored and set this; the engine shifts the dates it reads.
   */
  date1904?: boolean;
  /**
   * Merged areas (absolute, 0-based), when the adapter can tell: Excel keeps a merged area's value in its
   * top-left cell and shows it over the whole area, so the engine never writes into the other cells.
   */
  merges?: MergedArea[];
  /**
   * The sheet's stable id, when the host has one (the workbook's `sheetId` in an .xlsx file, Office.js
   * `worksheet.id`): the ledger follows a renamed sheet by it.
   */
  id?: string;
  /** Rows (absolute, 0-based, ascending) hidden or filtered out on the sheet, when the adapter can tell. */
  hiddenRows?: number[];
  /**
   * Areas the engine must never write into even when they look blank: the other cells of an array
   * formula or a shared formula's range, a table's header row. A plan that lands there is refused with a
   * finding.
   */
  noWrite?: MergedArea[];
  /** The sheet's print area (absolute, 0-based), when it has one and the adapter can tell. */
  printArea?: MergedArea;
}

export interface MergedArea {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Pos {
  row: number;
  col: number;
}

export type Lang = "zh" | "en";

// ---------------------------------------------------------------------------------------------
// Profile (scoring-spec §5)

export type Band = "达成" | "部分达成" | "未达成";

export interface Profile {
  name: string;
  /** `budget` plus level-1 category weights (产出指标, 效益指标, 满意度指标, optionally 成本指标). */
  weights: Record<string, number>;
  reverseRule: "linear" | "ratio";
  bands: Record<Band, number>;
  overAchievement: number;
  grades: { 优: number; 良: number; 中: number };
  decimals: number;
  /** Rows hidden or filtered out on the sheet: not read as indicators ("skip"), or read as usual ("include"). */
  hiddenRows: "skip" | "include";
  /** Review mode (§7): a unit's own score differing from the tool's by more than this is a finding. */
  reviewTolerance: number;
}

export type ProfileOverrides = Partial<Omit<Profile, "bands" | "grades">> & {
  bands?: Partial<Record<Band, number>>;
  grades?: Partial<Profile["grades"]>;
};

// ---------------------------------------------------------------------------------------------
// Targets and actuals (scoring-spec §2, §3)

export type TargetKind =
  "higher" | "lower" | "equal" | "range" | "deadline" | "qualitative" | "as-incurred" | "unparsed";

export interface ParsedTarget {
  kind: TargetKind;
  /** The target text as displayed in the sheet. */
  text: string;
  /** Threshold A for higher / lower / equal. */
  value?: number;
  /** Bounds for range. */
  lo?: number;
  hi?: number;
  /** Unit text after the number ("个", "%", "分钟", "万元", "万人次"); "" when none. */
  unit?: string;
  /** Last day meant by a deadline, ISO "YYYY-MM-DD". */
  deadline?: string;
  /** True when the number had no comparator (`100%`, `365天`) and the kind came from the category. */
  bare?: boolean;
}

export interface TargetContext {
  /** Text of a separate comparator column (≥ ＞ ＝ ＜ ≤ 定性), if the table has one. */
  comparator?: string;
  /** Text of a separate unit column, if the table has one. */
  unit?: string;
  /** Year used for deadlines written without one (`年底前`). */
  defaultYear: number;
  /** Level 1 or level 2 names a cost indicator (成本指标, 经济成本指标…): bare numbers are then `lower`. */
  cost: boolean;
}

/** What an actual cell holds, with what is needed to read it. */
export interface ActualCell {
  value: CellValue;
  text: string;
  /** The cell is a real date (date number format); `value` is then its serial. */
  isDate: boolean;
}

/** A finding raised while reading one cell, before it is placed on a sheet. */
export interface CellNote {
  code: IssueCode;
  severity: Severity;
  params?: Record<string, string | number>;
}

export interface ActualReading {
  /** ok: something scorable was read; missing: empty cell; invalid: unreadable. */
  status: "ok" | "missing" | "invalid";
  /** B, converted into the target's unit (quantitative targets). */
  number?: number;
  /** A date actual, ISO "YYYY-MM-DD". */
  date?: string;
  /** A rating band (qualitative, deadline, as-incurred, or 完成 on a quantitative target). */
  band?: Band;
  /** An explicit point inside the band (`部分达成（75%）` → 0.75). */
  bandFraction?: number;
  notes: CellNote[];
}

// ---------------------------------------------------------------------------------------------
// Located tables (scoring-spec §1)

export type ColumnRole =
  | "level1"
  | "level2"
  | "level3"
  | "description"
  | "comparator"
  | "target"
  | "unit"
  | "actual"
  | "weight"
  | "score"
  | "completion"
  | "reason";

/** Absolute column index of each recognised header; level1, level3 and target are always present. */
export type ColumnMap = Partial<Record<ColumnRole, number>> & {
  level1: number;
  level3: number;
  target: number;
};

export interface RawIndicator {
  row: number;
  level1: string;
  level2: string;
  name: string;
  description: string;
  targetText: string;
  comparatorText: string;
  unitText: string;
  /**
   * The actual cell, flat rather than a nested ActualCell: one object per row fewer, and tables run to
   * 100,000 rows. Value null and text "" when the cell is blank or the table has no actual column.
   */
  actualValue: CellValue;
  actualText: string;
  /** The actual cell is a real date (date number format); `actualValue` is then its 1900-system serial. */
  actualIsDate: boolean;
  /** Text of the weight cell ("" when blank or no weight column). */
  weightText: string;
  reasonText: string;
  /**
   * The score cell as the user left it (cells the engine wrote read as blank): the unit's own 得分 in a
   * submitted 自评表 (review mode, §7). Value null and text "" when blank or no score column.
   */
  scoreValue?: CellValue;
  scoreText?: string;
  /** The row is hidden or filtered out on the sheet (read only with the profile's hiddenRows "include"). */
  hidden?: boolean;
}

export interface BudgetBlock {
  planned: number | null;
  plannedCell: Pos | null;
  executed: number | null;
  executedCell: Pos | null;
  /** 分值 of the funding block, when the table states one. */
  weight: number | null;
  /** The funding block's own 执行率 / 得分 cells (self-evaluation form), where the engine writes. */
  rateCell: Pos | null;
  scoreCell: Pos | null;
  /** The 年度资金总额 row was blank or zero while the rows under it carry amounts. */
  inconsistent: boolean;
  /** Cell of the 预算数 label: Prepare puts 全年执行数 beside it. */
  plannedLabelCell: Pos | null;
  /** Cell of the 全年执行数 / 执行数 label, when present. */
  executedLabelCell: Pos | null;
  /** The unit every amount is given in (`单位：元`, `（万元）`; default 万元): amounts written with another unit are converted. */
  unit?: string;
  /** Filled amount cells that hold no readable amount, a negative one or a non-finite number (BUDGET_INVALID). */
  invalid?: { cell: Pos; text: string; what: "planned" | "executed" }[];
  /** What the funding block's 执行率 / 得分 cells hold as the user left them (the unit's own figures, §7). */
  unitRate?: { value: CellValue; text: string } | null;
  unitScore?: { value: CellValue; text: string } | null;
}

export interface LocatedTable {
  sheet: string;
  /** First row of the project block (title or 项目名称), or the header row when there is none. */
  firstRow: number;
  /** Header rows (one, or two when the header is spread over two rows); the last one is `headerRow`. */
  headerRows: number[];
  headerRow: number;
  columns: ColumnMap;
  /** Left-most and right-most columns of the header. */
  firstCol: number;
  lastCol: number;
  indicators: RawIndicator[];
  /** Last row belonging to the table (last indicator row, or the 合计/总分 row). */
  lastRow: number;
  /** The 合计 / 总分 row, if any. */
  totalRow: number | null;
  project: string | null;
  projectCell: Pos | null;
  /** The table's title (first non-empty text of the block), if any. */
  title: string | null;
  /** First year 19xx/20xx in the title or project name. */
  year: number | null;
  /** Level-1 weights stated in the table itself (`产出指标(50分)`), keyed by category. */
  statedWeights: Record<string, number>;
  budget: BudgetBlock;
  layout: "target" | "self-evaluation";
  /**
   * Rows of the table hidden or filtered out on the sheet that hold an indicator (a target, an actual or a
   * weight): skipped with the profile's hiddenRows "skip", read (and marked `hidden`) with "include".
   */
  hiddenIndicatorRows?: number[];
  /** The 合计 / 总分 row's score cell as the user left it (the unit's own total, §7). */
  totalScore?: { value: CellValue; text: string } | null;
}

// ---------------------------------------------------------------------------------------------
// Results (report-schema.json, version 1)

export type Severity = "error" | "warning" | "info";

export type IssueCode =
  | "NO_TABLE"
  | "TARGET_UNPARSED"
  | "ACTUAL_MISSING"
  | "ACTUAL_INVALID"
  | "UNIT_MISMATCH"
  | "REASON_MISSING"
  | "WEIGHTS_SUM"
  | "BUDGET_MISSING"
  | "BUDGET_INCONSISTENT"
  | "OVER_ACHIEVED"
  | "OUTPUT_OCCUPIED"
  | "TARGET_MISSING"
  | "NOT_APPLICABLE"
  | "HIDDEN_ROWS"
  | "BUDGET_INVALID"
  | "SCORE_DIFFERS"
  | "TOTAL_DIFFERS";

export interface Issue {
  severity: Severity;
  code: IssueCode;
  sheet: string;
  /** A1 address of the cell to fix, null for a sheet-level finding. */
  cell: string | null;
  message: string;
  /** The values the message was built from, so a UI can re-word it in another language. */
  params?: Record<string, string | number>;
}

export type IndicatorStatus = "met" | "unmet" | "missing" | "invalid";

export interface IndicatorResult {
  row: number; // 1-based
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: string | null;
  kind: TargetKind;
  weight: number;
  completion: number | null;
  score: number | null;
  status: IndicatorStatus;
  /** The unit's own 得分 (review mode, §7), null otherwise. */
  unitScore: number | null;
  /** The rule and the numbers behind the score, one line in the report language (§8); null when unscored. */
  explain: string | null;
  /** How the 分值 was set: read from the weight column, or the category's points shared out. */
  weightExplain: string | null;
}

export interface CategoryResult {
  level1: string;
  weight: number;
  score: number;
}

export interface BudgetResult {
  planned: number | null;
  executed: number | null;
  rate: number | null;
  weight: number;
  score: number | null;
  /** The execution rate and score worked out in one line (§8); null when there is no score. */
  explain: string | null;
  /** The unit's own budget score and rate (review mode), null otherwise. */
  unitScore: number | null;
  unitRate: number | null;
}

export type Grade = "优" | "良" | "中" | "差";

export interface TableResult {
  sheet: string;
  headerRow: number; // 1-based
  layout: "target" | "self-evaluation";
  project: string | null;
  indicators: IndicatorResult[];
  categories: CategoryResult[];
  budget: BudgetResult;
  total: number | null;
  grade: Grade | null;
  complete: boolean;
  /** The score column held the unit's own figures (§7): the tool's scores go into an added 复核得分 column. */
  review: boolean;
  /** The unit's own total (review mode), null otherwise. */
  unitTotal: number | null;
}

export interface Report {
  version: 1;
  source?: string;
  tables: TableResult[];
  issues: Issue[];
}

// ---------------------------------------------------------------------------------------------
// Write plan: what the adapters apply, and nothing else.

/** Light red fill with dark red text, Excel's own "bad" style. */
export const HIGHLIGHT_FILL = "#FFC7CE";
export const HIGHLIGHT_FONT = "#9C0006";

export interface CellWrite {
  sheet: string;
  row: number;
  col: number;
  /** Literal value. A string is always text: adapters must never let it become a formula. */
  value: string | number | null;
  /** Number format to set with the value ("0.00%", "0.00"); undefined leaves the format alone. */
  numberFormat?: string;
  /** Highlight (unmet target) or explicitly none; undefined leaves the fill alone. */
  highlight?: boolean;
  bold?: boolean;
  /** An internal link shown as the value's text, e.g. "'Sheet1'!A5" (summary sheet only). */
  link?: string;
  /** One of the tool's named cell styles (style.ts); only on the tool's own sheets (forms, summary). */
  style?: StyleName;
}

/**
 * The named cell styles of the tool's own sheets, defined once in style.ts (`STYLES`): every host maps a
 * name to its own primitives, so the forms print alike from the add-in and the command line.
 */
export type StyleName =
  | "title" // the form's title: large, bold, centred, no border
  | "caption" // a line under the title (unit, year, 单位：万元): centred or right, no border
  | "header" // a column or block header: bold, centred, wrapped, thin borders, light fill
  | "label" // a row label inside the form: centred, wrapped, thin borders
  | "text" // free text inside the form: left, top, wrapped, thin borders
  | "number" // a figure: right, thin borders
  | "blank" // an empty bordered cell for the clerk to fill in
  | "total"; // the total row: bold, thin borders

export interface CellStyle {
  bold?: boolean;
  /** Points; absent: the workbook's default size. */
  size?: number;
  /** Thin borders on all four sides. */
  border?: boolean;
  h?: "left" | "center" | "right";
  v?: "top" | "center";
  wrap?: boolean;
  /** "#RRGGBB" */
  fill?: string;
}

/** A rectangle of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * How one of the tool's own sheets is laid out and printed. Rows and columns 0-based.
 */
export interface SheetLayout {
  merges: Rect[];
  /** Row heights in points, where not the default. */
  rowHeights?: { row: number; height: number }[];
  page: {
    orientation: "portrait" | "landscape";
    /** Always A4 (paperSize 9). */
    paper: "A4";
    /** Fit to one page wide, as many tall as it takes. */
    fitToWidth: true;
    /** Rows repeated at the top of every printed page, first and last (0-based), e.g. a header row. */
    printTitleRows?: [number, number];
    /** A manual page break above each of these rows (0-based): one form a page. */
    rowBreaks: number[];
  };
}

/**
 * Cells of a user's sheet that take the whole format of another cell of the same sheet, row by row: each
 * cell (r, c) of `rect` takes the font, fill, borders, alignment, wrap and number format of (r, fromCol).
 * How added columns (分值, 得分, 完成率, 复核得分) take the form's own header and body styles. Applied before
 * the plan's values, number formats and highlight, which then override.
 */
export interface FormatLike {
  sheet: string;
  rect: Rect;
  fromCol: number;
}

/**
 * A stretch of one output column written top-down from `row`: the completion rates or the scores of a
 * table's consecutive indicator rows. Cell `i` says what the CellWrite `{ sheet, row: row + i, col,
 * value: values[i], numberFormat, highlight: highlight[i] }` would. One object for a whole column rather
 * than one per cell: on a sheet of 100,000 indicators the per-cell objects, kept to the end of the run,
 * were half of the write plan's time; and Excel writes such a column as one range anyway.
 */
export interface ColumnRun {
  sheet: string;
  col: number;
  row: number;
  values: (number | null)[];
  numberFormat: string;
  highlight: boolean[];
}

export interface SummarySheetPlan {
  name: string;
  /** Written from A1; each cell a CellWrite with sheet = name. */
  writes: CellWrite[];
  columnWidths: number[];
  /** Merges, row heights and page setup; absent: none (a plain sheet). */
  layout?: SheetLayout;
}

/** One of the tool's own sheets, rebuilt whole (the summary, the forms): same shape as the summary's plan. */
export type OwnSheetPlan = SummarySheetPlan;

/** Cells the engine has written before, and what it wrote, kept in the workbook (a class: see ledger.ts). */
import type { Ledger } from "./ledger";
export type { Ledger };

export interface WritePlan {
  writes: CellWrite[];
  /** The indicator rows' output columns (after `writes`; no cell is in both). `cellWrites` lists them cell by cell. */
  runs: ColumnRun[];
  /** The summary sheet to create or rebuild; null when it must not be touched. */
  summary: SummarySheetPlan | null;
  /** The forms sheet (项目支出绩效自评表, one form a project) to create or rebuild; absent or null: not touched. */
  forms?: OwnSheetPlan | null;
  /** Added columns' cells that take the form's own styles (applied before `writes` and `runs`). */
  formatLike?: FormatLike[];
  /**
   * Print areas to set on user sheets: where a sheet has one and the added columns fall outside it, it
   * grows to hold them (`area`); null puts back the area the ledger recorded (Clear).
   */
  printAreas?: { sheet: string; area: Rect | null }[];
  /** Cells of unmet targets' actuals (user cells): the add-in may mark them with a conditional format. */
  unmetCells: { sheet: string; row: number; col: number }[];
  /** The ledger after this plan is applied. */
  ledger: Ledger;
  /** OUTPUT_OCCUPIED findings: writes the plan left out because the cell holds foreign content. */
  skipped: Issue[];
  /** Sheets the engine made and now removes (Clear removes the summary sheet). */
  deleteSheets?: string[];
  /** Widths (in characters) for columns that hold nothing but the engine's output; applied only where
   * the column still has Excel's default width. `reset` (Clear): the column goes back to the sheet's
   * standard width where the width the engine set (`width`, recorded in the ledger) still stands. */
  columnWidths?: { sheet: string; col: number; width: number; reset?: boolean }[];
}

export interface AnalyzeOptions {
  profile?: ProfileOverrides;
  lang?: Lang;
  /** Year used for deadlines without a year when the table names none (defaults to the clock's year). */
  currentYear?: number;
  /** What the engine wrote before (read back from the workbook). */
  ledger?: Ledger;
  source?: string;
}

export interface Analysis {
  report: Report;
  tables: LocatedTable[];
  plan: WritePlan;
}
