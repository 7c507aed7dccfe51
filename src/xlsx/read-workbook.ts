/**
 * Reads an .xlsx file into the engine's SheetGrids, straight from the package's parts (no object model of
 * the workbook): every worksheet but the ledger sheet becomes a SheetGrid of its used range (read-sheet.ts);
 * the ledger sheet is read into a Ledger. The opened package is kept in the result, so that applyPlan
 * edits the very parts that were read and writeWorkbook copies every other part through unchanged.
 *
 * Anything that is not a readable .xlsx throws a WorkbookReadError with a one-line reason; sizes are checked
 * from the zip directory before anything is inflated.
 */
import * as fs from "fs";
import * as path from "path";
import { LEDGER_SHEET, Ledger, MergedArea, SheetGrid, ledgerFromGrid } from "../core";
import { REL, XlsxPackage, relIs } from "../ooxml/package";
import { Styles } from "../ooxml/styles";
import {
  SheetEntry,
  isDate1904,
  listSheets,
  parseSheetArea,
  readDefinedNames,
  workbookPartName,
} from "../ooxml/workbook";
import { attribute, findElement } from "../ooxml/xml";
import { ZipError } from "../ooxml/zip";
import { GridTooLargeError, Uncalculated, readSharedStrings, readSheet } from "./read-sheet";

export type { Uncalculated } from "./read-sheet";

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
  | "TOO_BIG"
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
  TOO_BIG: "the workbook is larger than the command line reads",
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
  TOO_BIG: "工作簿过大，命令行无法读取",
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

/** A workbook opened for scoring: its package, and what applyPlan needs to know of it. */
export interface Workbook {
  pkg: XlsxPackage;
  workbookPart: string;
  sheets: SheetEntry[];
  styles: Styles;
  /** Where the workbook was read from (writeWorkbook refuses to overwrite it unless told to). */
  source?: string;
}

export interface ReadResult {
  workbook: Workbook;
  sheets: SheetGrid[];
  ledger: Ledger;
  /** Formula cells saved without a result (they read as blank). */
  uncalculated: Uncalculated;
}

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
// Entry points

/** Table header rows of a worksheet part (from its table parts), which no plan may write into. */
function tableHeaders(pkg: XlsxPackage, part: string): MergedArea[] {
  const out: MergedArea[] = [];
  for (const rel of pkg.rels(part)) {
    if (!relIs(rel, REL.table) || rel.external) continue;
    const table = findElement(pkg.text(rel.target) ?? "", "table");
    const ref = table ? attribute(table.tag, "ref") : undefined;
    const m = ref ? /^([A-Z]+)(\d+):([A-Z]+)\d+$/i.exec(ref) : null;
    if (!table || !m || attribute(table.tag, "headerRowCount") === "0") continue;
    const col = (s: string) =>
      [...s.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
    out.push({ row: Number(m[2]) - 1, col: col(m[1]), rows: 1, cols: col(m[3]) - col(m[1]) + 1 });
  }
  return out;
}

/** A zip problem as the one line the user reads: damaged, too big (with what), or not a workbook. */
function zipReadError(file: string, err: ZipError): WorkbookReadError {
  if (err.kind === "TOO_LARGE") return new WorkbookReadError(file, "TOO_BIG", err.message);
  if (err.kind === "UNSUPPORTED") return new WorkbookReadError(file, "NOT_XLSX", err.message);
  return new WorkbookReadError(file, "CORRUPT");
}

function open(data: Buffer, file: string): XlsxPackage {
  try {
    return XlsxPackage.open(data);
  } catch (err) {
    throw err instanceof ZipError ? zipReadError(file, err) : err;
  }
}

/** Reads an .xlsx workbook from memory; `file` names it in errors. */
export async function readWorkbookBuffer(
  data: Buffer,
  file = "workbook.xlsx"
): Promise<ReadResult> {
  sniff(file, data);
  const pkg = open(data, file);
  try {
    const workbookPart = workbookPartName(pkg);
    if (!workbookPart) throw new WorkbookReadError(file, "NO_WORKSHEETS");
    const entries = listSheets(pkg, workbookPart);
    if (!entries.some((e) => e.part)) throw new WorkbookReadError(file, "NO_WORKSHEETS");
    const wbRels = pkg.rels(workbookPart);
    const stylesRel = wbRels.find((r) => relIs(r, REL.styles) && !r.external);
    const stringsRel = wbRels.find((r) => relIs(r, REL.sharedStrings) && !r.external);
    const styles = new Styles(stylesRel ? pkg.text(stylesRel.target) : null);
    const strings = readSharedStrings(stringsRel ? pkg.text(stringsRel.target) : null);
    const date1904 = isDate1904(pkg, workbookPart);
    const sheets: SheetGrid[] = [];
    let ledger = new Ledger();
    const uncalculated: Uncalculated = { count: 0, cells: [] };
    // Print areas are names scoped to a sheet by its position; one the engine cannot read as a single
    // rectangle of that sheet (several areas, a formula) is not given, so no plan grows it.
    const printAreas = new Map<number, MergedArea>();
    for (const n of readDefinedNames(pkg.text(workbookPart) ?? "")) {
      if (n.name.toLowerCase() !== "_xlnm.print_area" || n.localSheetId === undefined) continue;
      const e = entries[n.localSheetId];
      const area = e ? parseSheetArea(n.text, e.name) : undefined;
      if (area) printAreas.set(n.localSheetId, area);
    }
    for (const e of entries) {
      if (!e.part) continue;
      const src = {
        name: e.name,
        id: e.sheetId,
        xml: pkg.text(e.part) ?? "",
        strings,
        styles,
        date1904,
      };
      if (e.name === LEDGER_SHEET) {
        ledger = ledgerFromGrid(readSheet({ ...src, fromA1: true }, { count: 0, cells: [] }));
        continue;
      }
      const grid = readSheet({ ...src, tableHeaders: tableHeaders(pkg, e.part) }, uncalculated);
      const printArea = printAreas.get(e.index);
      sheets.push(printArea ? { ...grid, printArea } : grid);
    }
    return {
      workbook: { pkg, workbookPart, sheets: entries, styles },
      sheets,
      ledger,
      uncalculated,
    };
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    if (err instanceof GridTooLargeError)
      throw new WorkbookReadError(file, "TOO_LARGE", err.message);
    if (err instanceof ZipError) throw zipReadError(file, err);
    throw new WorkbookReadError(
      file,
      "CORRUPT",
      firstLine(err instanceof Error ? err.message : String(err))
    );
  }
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
  result.workbook.source = path.resolve(file);
  return result;
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0].trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
