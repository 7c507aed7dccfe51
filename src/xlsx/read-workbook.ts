/**
 * Reads an .xlsx file into the engine's SheetGrids with exceljs.
 *
 * - every worksheet (visible, hidden or very hidden) except the ledger sheet becomes a SheetGrid of its
 *   used range (the bounding box of the cells that hold something);
 * - merged areas: only the top-left cell keeps the value (as Excel and Office.js show it);
 * - formula cells give their cached result as value and "=…" in `formulas`;
 * - dates are Excel serials; `text` is the displayed text (display-text.ts);
 * - the ledger sheet is read into a Ledger.
 *
 * Anything that is not a readable .xlsx throws a WorkbookReadError with a one-line reason.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { emptyGrid } from "../core/grid";
import { LEDGER_SHEET, Ledger, ledgerFromGrid } from "../core/ledger";
import type { CellValue, MergedArea, SheetGrid } from "../core/types";
import { keepCellFormats } from "./cell-formats";
import { keepConditionalFormats } from "./conditional-formats";
import { cellContent } from "./display-text";
import {
  countInParts,
  unkeptFeatures,
  watchDrawings,
  workbookParts,
  workbookUnkept,
} from "./unkept";
import { acceptXsdBooleans } from "./xsd-booleans";
import { acceptXstrings } from "./xstring";
import {
  UNCALCULATED_SHOWN,
  Uncalculated,
  acceptFormulaResults,
  isUncalculated,
} from "./formula-results";
import { readNotesAndTables } from "./notes-and-tables";
import { keepTables } from "./tables";
import { keepPictures } from "./pictures";
import { withExceljsPartNames } from "./part-names";
import { keepLinks } from "./links";
import { keepSheetDetails } from "./sheet-details";
import { keepSheetFormat } from "./sheet-format";
import { keepValidations } from "./validations";
import { keepWorkbookPart, readWorkbookPart, workbookSourceParts } from "./workbook-part";
import { keepWorkbookStyles, readSourceStyles, workbookSourceStyles } from "./workbook-styles";
import { ZipEntry, readZipEntry, zipDirectory } from "./zip-entries";

export type WorkbookReadErrorCode =
  | "NOT_FOUND"
  | "NOT_A_FILE"
  | "EMPTY"
  | "ENCRYPTED"
  | "XLS"
  | "NOT_XLSX"
  | "CORRUPT"
  | "NO_WORKSHEETS"
  | "TOO_LARGE"
  | "IO";

const REASONS_EN: Record<WorkbookReadErrorCode, string> = {
  NOT_FOUND: "file not found",
  NOT_A_FILE: "not a file",
  EMPTY: "the file is empty",
  ENCRYPTED: "the workbook is password-protected (encrypted); save a copy without a password",
  XLS: "this is an old .xls workbook (or an encrypted one); save it as .xlsx first",
  NOT_XLSX: "not an .xlsx workbook",
  CORRUPT: "the file is damaged or truncated and cannot be opened as .xlsx",
  NO_WORKSHEETS: "the workbook has no worksheets",
  TOO_LARGE: "a sheet's used range is too large to read",
  IO: "cannot read the file",
};

const REASONS_ZH: Record<WorkbookReadErrorCode, string> = {
  NOT_FOUND: "文件不存在",
  NOT_A_FILE: "不是文件",
  EMPTY: "文件为空",
  ENCRYPTED: "工作簿设置了打开密码（已加密），请另存一份不带密码的副本",
  XLS: "这是旧版 .xls 工作簿（或已加密），请先另存为 .xlsx",
  NOT_XLSX: "不是 .xlsx 工作簿",
  CORRUPT: "文件已损坏或不完整，无法作为 .xlsx 打开",
  NO_WORKSHEETS: "工作簿中没有工作表",
  TOO_LARGE: "工作表的已用区域过大，无法读取",
  IO: "无法读取文件",
};

/** A file that cannot be read as an .xlsx workbook. `message` is one line naming the file. */
export class WorkbookReadError extends Error {
  readonly file: string;
  readonly code: WorkbookReadErrorCode;
  readonly detail?: string;

  constructor(file: string, code: WorkbookReadErrorCode, detail?: string) {
    super(`${path.basename(file)}: ${REASONS_EN[code]}${detail ? ` (${detail})` : ""}`);
    this.name = "WorkbookReadError";
    this.file = file;
    this.code = code;
    this.detail = detail;
  }

  /** The one-line message in the user's language. */
  localized(lang: "zh" | "en" = "en"): string {
    if (lang === "en") return this.message;
    return `${path.basename(this.file)}：${REASONS_ZH[this.code]}${this.detail ? `（${this.detail}）` : ""}`;
  }
}

export interface ReadResult {
  workbook: ExcelJS.Workbook;
  sheets: SheetGrid[];
  ledger: Ledger;
  /** Formula cells saved without a result (they read as blank): see formula-results.ts. */
  uncalculated: Uncalculated;
}

// ---------------------------------------------------------------------------------------------
// Chinese built-in date formats

/**
 * Excel stores the Chinese date formats (`yyyy"年"m"月"d"日"`, `m"月"d"日"` …) as built-in ids 27–36 and
 * 50–58 without their code; exceljs only knows their code per locale and otherwise drops them, so a date
 * typed as 2025年3月20日 would read as the bare number 45736. Give those ids their zh-CN code.
 */
function installChineseBuiltinFormats(): void {
  try {
    const table = require("exceljs/lib/xlsx/defaultnumformats") as Record<
      string,
      { f?: string; "zh-cn"?: string }
    >;
    for (const [id, entry] of Object.entries(table)) {
      const n = Number(id);
      if (((n >= 27 && n <= 36) || (n >= 50 && n <= 58)) && !entry.f && entry["zh-cn"])
        entry.f = entry["zh-cn"];
    }
  } catch {
    // exceljs layout changed: dates in those formats read as numbers; nothing else is affected.
  }
}
installChineseBuiltinFormats();
// LibreOffice's true/false flags (the 1904 date system, protection, print settings): see xsd-booleans.ts.
acceptXsdBooleans();
// Text escapes (_x000D_) both ways, and ISO date cells: see xstring.ts.
acceptXstrings();
// A formula's empty text result told apart from no result at all: see formula-results.ts.
acceptFormulaResults();
// Defined names and calculation settings written back as the input had them: see workbook-part.ts.
keepWorkbookPart();
// Sheet view, conditional format and protection details: see sheet-details.ts.
keepSheetDetails();
// Links within the workbook, to places in other files and pages, and their screen tips: see links.ts.
keepLinks();
// Data validations kept whole, with their limits and input settings as written: see validations.ts.
keepValidations();
// Conditional formats exceljs does not write (duplicate values, text rules): see conditional-formats.ts.
keepConditionalFormats();
// The quote prefix and justify-distributed alignment kept in cell formats: see cell-formats.ts.
keepCellFormats();
// The default font, named cell styles and colour palette of the input's styles: see workbook-styles.ts.
keepWorkbookStyles();
// Rows hidden below a form, the base column width, and row heights Excel fitted: see sheet-format.ts.
keepSheetFormat();
// A note's plain text, a table's header row and filter buttons, as written: see notes-and-tables.ts.
readNotesAndTables();
// A table's formula columns, formats, last sort and settings: see tables.ts.
keepTables();
// A picture's crop, transparency, rotation, shape, name, alternative text and print setting: pictures.ts.
keepPictures();

// ---------------------------------------------------------------------------------------------
// Sniffing

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

function sniff(file: string, data: Buffer): void {
  if (data.length === 0) throw new WorkbookReadError(file, "EMPTY");
  if (data.length >= 8 && data.subarray(0, 8).equals(CFB_MAGIC)) {
    throw new WorkbookReadError(file, data.includes(ENCRYPTION_INFO) ? "ENCRYPTED" : "XLS");
  }
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) {
    const head = data.subarray(0, 512).toString("utf8").trimStart().toLowerCase();
    let what = "";
    if (head.startsWith("<?xml") || head.startsWith("<html") || head.startsWith("<!doctype"))
      what = "it is an XML/HTML file";
    // Text files have no control bytes below the tab; binary formats do.
    // eslint-disable-next-line no-control-regex
    else if (/^[^\x00-\x08]*$/.test(head) && /[,;\t]/.test(head))
      what = "it looks like a CSV/text file";
    throw new WorkbookReadError(file, "NOT_XLSX", what || undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Grids

interface Bounds {
  minRow: number;
  maxRow: number;
  minCol: number;
  maxCol: number;
}
interface ReadCell {
  row: number; // 1-based
  col: number;
  value: CellValue;
  text: string;
  format: string;
  formula: string;
}

function readCells(
  ws: ExcelJS.Worksheet,
  date1904: boolean,
  uncalculated?: Uncalculated
): ReadCell[] {
  const out: ReadCell[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // exceljs repeats the master's value in every cell of a merged area; Excel shows them blank.
      if (cell.type === ExcelJS.ValueType.Merge || (cell.isMerged && cell.master !== cell)) return;
      const format = typeof cell.numFmt === "string" && cell.numFmt ? cell.numFmt : "General";
      let formulaText: string | undefined;
      let raw: unknown = cell.value;
      if (cell.type === ExcelJS.ValueType.Formula) {
        try {
          formulaText = cell.formula;
        } catch {
          formulaText = undefined;
        }
        // cell.value leaves out a result that is 0, FALSE or "" (exceljs copies only truthy fields): a
        // formula giving 0 would read as blank. The result is taken from the cell itself.
        raw = { formula: formulaText ?? "", result: (cell as { result?: unknown }).result };
        if (uncalculated && isUncalculated(raw)) {
          if (uncalculated.count++ < UNCALCULATED_SHOWN)
            uncalculated.cells.push(`${ws.name}!${cell.address}`);
        }
      }
      const content = cellContent(raw, format, { date1904, formulaText });
      if (content.value === null && content.text === "" && content.formula === "") return;
      out.push({
        row: rowNumber,
        col: colNumber,
        value: content.value,
        text: content.text,
        format,
        formula: content.formula,
      });
    });
  });
  return out;
}

/** Above this many cells (rows × columns of the used range) a sheet's grid is built with ragged rows. */
const MAX_RECT_CELLS = 5_000_000;
/** Above this many cells even with ragged rows a sheet is refused (TOO_LARGE). */
const MAX_GRID_CELLS = 20_000_000;

class GridTooLargeError extends Error {
  constructor(
    readonly sheet: string,
    readonly rows: number,
    readonly cols: number
  ) {
    super(`sheet "${sheet}": ${rows} rows × ${cols} columns`);
  }
}

/** Builds the SheetGrid of a worksheet; `fromA1` anchors it at A1 whatever the used range. */
export function worksheetToGrid(
  ws: ExcelJS.Worksheet,
  options: { date1904?: boolean; fromA1?: boolean; uncalculated?: Uncalculated } = {}
): SheetGrid {
  const cells = readCells(ws, options.date1904 ?? false, options.uncalculated);
  if (cells.length === 0) {
    return emptyGrid(ws.name);
  }
  const b: Bounds = { minRow: Infinity, maxRow: -Infinity, minCol: Infinity, maxCol: -Infinity };
  for (const c of cells) {
    if (c.row < b.minRow) b.minRow = c.row;
    if (c.row > b.maxRow) b.maxRow = c.row;
    if (c.col < b.minCol) b.minCol = c.col;
    if (c.col > b.maxCol) b.maxCol = c.col;
  }
  if (options.fromA1) {
    b.minRow = 1;
    b.minCol = 1;
  }
  const rows = b.maxRow - b.minRow + 1;
  const cols = b.maxCol - b.minCol + 1;
  // A rectangle, unless one stray cell far away (XFD1048576) makes it huge: then each row is only as wide
  // as its own last cell (the engine reads ragged rows as blank to the right), and a sheet that is still
  // too big to hold is refused rather than exhausting memory.
  let widths: number[] | null = null;
  if (rows * cols > MAX_RECT_CELLS) {
    widths = new Array<number>(rows).fill(0);
    for (const c of cells) {
      const i = c.row - b.minRow;
      widths[i] = Math.max(widths[i], c.col - b.minCol + 1);
    }
    let total = 0;
    for (const w of widths) total += w;
    if (total > MAX_GRID_CELLS) throw new GridTooLargeError(ws.name, rows, cols);
  }
  const make = <T>(fill: T): T[][] =>
    Array.from({ length: rows }, (_, i) => new Array<T>(widths ? widths[i] : cols).fill(fill));
  const values = make<CellValue>(null);
  const text = make("");
  const formats = make("General");
  const formulas = make("");
  for (const c of cells) {
    const i = c.row - b.minRow;
    const j = c.col - b.minCol;
    values[i][j] = c.value;
    text[i][j] = c.text;
    formats[i][j] = c.format;
    formulas[i][j] = c.formula;
  }
  return {
    name: ws.name,
    originRow: b.minRow - 1,
    originCol: b.minCol - 1,
    values,
    text,
    formats,
    formulas,
    ...(options.date1904 ? { date1904: true } : {}),
    ...mergesOf(ws),
  };
}

/**
 * The sheet's merged areas, 0-based. exceljs keeps them in `_merges` (top-left address → range); its
 * public `model.merges` would first build the model of every row.
 */
function mergesOf(ws: ExcelJS.Worksheet): { merges?: MergedArea[] } {
  const index = (ws as unknown as { _merges?: Record<string, unknown> })._merges;
  const merges: MergedArea[] = [];
  for (const r of Object.values(index ?? {})) {
    const { top, left, bottom, right } = r as Record<string, unknown>;
    if ([top, left, bottom, right].every((n) => Number.isInteger(n) && (n as number) >= 1))
      merges.push({
        row: (top as number) - 1,
        col: (left as number) - 1,
        rows: (bottom as number) - (top as number) + 1,
        cols: (right as number) - (left as number) + 1,
      });
  }
  return merges.length ? { merges } : {};
}

function gridsOf(workbook: ExcelJS.Workbook): {
  sheets: SheetGrid[];
  ledger: Ledger;
  uncalculated: Uncalculated;
} {
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheets: SheetGrid[] = [];
  let ledger = new Ledger();
  const uncalculated: Uncalculated = { count: 0, cells: [] };
  for (const ws of workbook.worksheets) {
    if (ws.name === LEDGER_SHEET) {
      ledger = ledgerFromGrid(worksheetToGrid(ws, { date1904, fromA1: true }));
      continue;
    }
    sheets.push(worksheetToGrid(ws, { date1904, uncalculated }));
  }
  return { sheets, ledger, uncalculated };
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Where each workbook was read from, so that writeWorkbook can refuse to overwrite it. */
export const workbookSources = new WeakMap<ExcelJS.Workbook, string>();

/** Reads an .xlsx workbook from memory; `file` names it in errors. */
export async function readWorkbookBuffer(
  data: Buffer,
  file = "workbook.xlsx"
): Promise<ReadResult> {
  sniff(file, data);
  // openpyxl's names for notes and tables, renamed in memory to exceljs's: see part-names.ts.
  data = (await exceljsNames(data)) ?? data;
  const workbook = new ExcelJS.Workbook();
  const drawings = watchDrawings(workbook);
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/central directory|corrupt|zip|end of data|invalid|unexpected|signature/i.test(msg))
      throw new WorkbookReadError(file, "CORRUPT");
    throw new WorkbookReadError(file, "NOT_XLSX", firstLine(msg));
  }
  if (workbook.worksheets.length === 0) throw new WorkbookReadError(file, "NO_WORKSHEETS");
  let grids: ReturnType<typeof gridsOf>;
  try {
    grids = gridsOf(workbook);
  } catch (err) {
    if (err instanceof GridTooLargeError)
      throw new WorkbookReadError(file, "TOO_LARGE", err.message);
    throw new WorkbookReadError(
      file,
      "CORRUPT",
      firstLine(err instanceof Error ? err.message : String(err))
    );
  }
  const entries = zipDirectory(data) ?? [];
  // What a copy keeps of the workbook part, read where exceljs reads it: xl/workbook.xml.
  const texts = partTexts(data, entries);
  const workbookXml = texts("xl/workbook.xml");
  if (workbookXml !== null) workbookSourceParts.set(workbook, readWorkbookPart(workbookXml));
  // And of the styles part (the default font, named styles, palette), read where exceljs reads it.
  const stylesXml = texts("xl/styles.xml");
  const styles = stylesXml === null ? null : readSourceStyles(stylesXml);
  if (styles !== null) workbookSourceStyles.set(workbook, styles);
  workbookParts.set(
    workbook,
    entries.map((e) => e.name)
  );
  workbookUnkept.set(
    workbook,
    unkeptFeatures(
      entries.map((e) => e.name),
      drawings,
      countInParts(data, entries)
    )
  );
  return { workbook, ...grids };
}

/** A part's text by its name (without a leading slash), or null when the package has no such part. */
function partTexts(data: Buffer, entries: readonly ZipEntry[]): (part: string) => string | null {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, ""), e]));
  return (part) => {
    const entry = byName.get(part);
    const bytes = entry ? readZipEntry(data, entry, 64 * 1024 * 1024) : null;
    return bytes ? bytes.toString("utf8") : null;
  };
}

function exceljsNames(data: Buffer): Promise<Buffer | null> {
  const entries = zipDirectory(data) ?? [];
  const names = entries.map((e) => e.name.replace(/^\//, ""));
  // A package JSZip cannot read is left to exceljs, which says so in its own words.
  return withExceljsPartNames(data, names, partTexts(data, entries)).catch(() => null);
}

/** Reads an .xlsx workbook from disk. */
export async function readWorkbook(file: string): Promise<ReadResult> {
  let data: Buffer;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) throw new WorkbookReadError(file, "NOT_A_FILE");
    data = await fs.promises.readFile(file);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new WorkbookReadError(file, "NOT_FOUND");
    throw new WorkbookReadError(file, "IO", code);
  }
  const result = await readWorkbookBuffer(data, file);
  workbookSources.set(result.workbook, path.resolve(file));
  return result;
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0].trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
