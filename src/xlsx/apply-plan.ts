/**
 * Applies an engine WritePlan to an exceljs workbook, and writes workbooks to disk atomically.
 *
 * Only the cells named by the plan change (value, number format, highlight, bold, link), plus the summary
 * sheet (rebuilt), the sheets the plan deletes (Clear removes the summary sheet) and the ledger sheet
 * (rewritten, very hidden). Every other cell keeps its value,
 * formula, number format, merge and style.
 *
 * exceljs shares one style object between all cells read with the same style id (and between a merged
 * area's cells), so a cell's style is always copied before it is changed.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { LEDGER_SHEET, ledgerToRows } from "../core/ledger";
import { cellWrites } from "../core/plan-writes";
import { needsQuotePrefix } from "../core/text";
import { CellWrite, HIGHLIGHT_FILL, HIGHLIGHT_FONT, WritePlan } from "../core/types";
import { workbookSources } from "./read-workbook";
import { zipEntryNames } from "./zip-entries";
import { Unkept, droppedParts, unkeptOf, workbookParts, workbookUnkept } from "./unkept";

const FILL_ARGB = `FF${HIGHLIGHT_FILL.replace("#", "").toUpperCase()}`;
const FONT_ARGB = `FF${HIGHLIGHT_FONT.replace("#", "").toUpperCase()}`;

export interface ApplyResult {
  /** Cell writes applied (plan writes and summary writes). */
  applied: number;
  /** Writes left out: the sheet does not exist, or the cell lies inside a merged area (not its top-left). */
  skipped: { write: CellWrite; reason: "no-sheet" | "merged" }[];
  /** Protected sheets (审阅 > 保护工作表) written all the same, in the order first written: the file is
   *  edited, not the open workbook, so nothing stops it; the add-in refuses them, so the caller says so. */
  protectedWritten: string[];
}

function cloneStyle(style: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
  return style ? (structuredClone(style) as Partial<ExcelJS.Style>) : {};
}

/** Whether the style carries Excel's quote prefix (kept by cell-formats.ts). */
function hasQuotePrefix(style: Partial<ExcelJS.Style> | undefined): boolean {
  return (style as { quotePrefix?: boolean } | undefined)?.quotePrefix === true;
}

function argbOf(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  return color && typeof color.argb === "string" ? color.argb.toUpperCase() : undefined;
}

function isOurFill(fill: ExcelJS.Fill | undefined): boolean {
  return (
    !!fill &&
    fill.type === "pattern" &&
    fill.pattern === "solid" &&
    argbOf(fill.fgColor) === FILL_ARGB
  );
}

/** Applies one CellWrite to a worksheet cell. Returns false when the cell is a merged area's non-top-left cell. */
function applyWrite(ws: ExcelJS.Worksheet, w: CellWrite): boolean {
  const cell = ws.getCell(w.row + 1, w.col + 1);
  // Writing into a merged area's hidden cell would write into its top-left cell (exceljs forwards it).
  if (cell.type === ExcelJS.ValueType.Merge) return false;

  if (w.link !== undefined && w.value !== null) {
    cell.value = { text: String(w.value), hyperlink: `#${w.link}` };
  } else if (w.value === null) {
    cell.value = null;
  } else if (typeof w.value === "number") {
    cell.value = Number.isFinite(w.value) ? w.value : null;
  } else {
    // A JS string is always stored as a text cell by exceljs: "=1+1" stays text, it never becomes a formula.
    cell.value = String(w.value);
  }

  // Excel's quote prefix, as the add-in's apostrophe leaves it in Excel (src/excel/literal.ts): set on text
  // Excel would parse if typed, cleared by anything else, as typing into the cell clears it.
  const format = w.numberFormat ?? cell.style?.numFmt;
  const quoted = typeof w.value === "string" && format !== "@" && needsQuotePrefix(w.value);
  const touchesStyle =
    w.numberFormat !== undefined ||
    w.highlight !== undefined ||
    w.bold !== undefined ||
    quoted !== hasQuotePrefix(cell.style);
  if (!touchesStyle) return true;
  const style: Partial<ExcelJS.Style> & { quotePrefix?: boolean } = cloneStyle(cell.style);
  if (quoted) style.quotePrefix = true;
  else delete style.quotePrefix;
  if (w.numberFormat !== undefined) style.numFmt = w.numberFormat;
  if (w.bold !== undefined) style.font = { ...(style.font ?? {}), bold: w.bold };
  if (w.highlight === true) {
    style.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: FILL_ARGB },
      bgColor: { indexed: 64 } as Partial<ExcelJS.Color>,
    };
    style.font = { ...(style.font ?? {}), color: { argb: FONT_ARGB } };
  } else if (w.highlight === false) {
    if (isOurFill(style.fill)) delete style.fill;
    if (style.font && argbOf(style.font.color) === FONT_ARGB) {
      const font = { ...style.font };
      delete font.color;
      style.font = font;
    }
  }
  cell.style = style;
  return true;
}

function sheetOrder(ws: ExcelJS.Worksheet): number {
  return (ws as unknown as { orderNo: number }).orderNo;
}

function setSheetOrder(ws: ExcelJS.Worksheet, orderNo: number): void {
  (ws as unknown as { orderNo: number }).orderNo = orderNo;
}

/** Removes a worksheet (if any) and adds an empty one with the same name at the same position. */
function recreateSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  options: Partial<ExcelJS.AddWorksheetOptions> = {}
): ExcelJS.Worksheet {
  const existing = workbook.getWorksheet(name);
  const orderNo = existing ? sheetOrder(existing) : undefined;
  if (existing) workbook.removeWorksheet(existing.id);
  const ws = workbook.addWorksheet(name, options);
  if (orderNo !== undefined) setSheetOrder(ws, orderNo);
  return ws;
}

/** After sheets were removed, keep the workbook's active tab on an existing, visible sheet. */
function clampActiveTab(workbook: ExcelJS.Workbook): void {
  const views = workbook.views as { activeTab?: number; firstSheet?: number }[] | undefined;
  const sheets = workbook.worksheets;
  if (!views?.length || !sheets.length) return;
  for (const v of views) {
    const tab = v.activeTab ?? 0;
    if (tab >= sheets.length || sheets[tab].state !== "visible") {
      const first = sheets.findIndex((ws) => ws.state === "visible");
      v.activeTab = first < 0 ? 0 : first;
    }
    if ((v.firstSheet ?? 0) >= sheets.length) v.firstSheet = 0;
  }
}

function isProtected(ws: ExcelJS.Worksheet): boolean {
  return (
    (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet === true
  );
}

/** Applies a WritePlan to the workbook in memory. */
export function applyPlan(workbook: ExcelJS.Workbook, plan: WritePlan): ApplyResult {
  const result: ApplyResult = { applied: 0, skipped: [], protectedWritten: [] };
  const apply = (w: CellWrite): void => {
    const ws = workbook.getWorksheet(w.sheet);
    if (!ws || w.sheet === LEDGER_SHEET) {
      result.skipped.push({ write: w, reason: "no-sheet" });
      return;
    }
    if (applyWrite(ws, w)) {
      result.applied++;
      if (isProtected(ws) && !result.protectedWritten.includes(ws.name))
        result.protectedWritten.push(ws.name);
    } else result.skipped.push({ write: w, reason: "merged" });
  };

  for (const w of cellWrites(plan)) {
    if (plan.summary && w.sheet === plan.summary.name) continue; // the summary sheet is rebuilt below
    apply(w);
  }

  // Widen the engine's own result columns, unless the user has set a width there.
  for (const { sheet, col, width } of plan.columnWidths ?? []) {
    const column = workbook.getWorksheet(sheet)?.getColumn(col + 1);
    if (column && !column.width) column.width = width;
  }

  if (plan.summary) {
    const ws = recreateSheet(workbook, plan.summary.name);
    plan.summary.columnWidths.forEach((width, i) => {
      if (Number.isFinite(width) && width > 0) ws.getColumn(i + 1).width = width;
    });
    for (const w of plan.summary.writes) apply({ ...w, sheet: plan.summary.name });
  }

  for (const name of plan.deleteSheets ?? []) {
    if (name === LEDGER_SHEET || (plan.summary && name === plan.summary.name)) continue;
    const ws = workbook.getWorksheet(name);
    if (ws) workbook.removeWorksheet(ws.id);
  }

  const hadLedger = !!workbook.getWorksheet(LEDGER_SHEET);
  if (hadLedger || plan.ledger.size > 0) {
    const ws = recreateSheet(workbook, LEDGER_SHEET, { state: "veryHidden" });
    ws.state = "veryHidden";
    for (const row of ledgerToRows(plan.ledger)) {
      const r = ws.addRow(row.map((v) => String(v)));
      r.commit?.();
    }
  }
  clampActiveTab(workbook);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Refused or failed write; `message` is one line naming the file. */
export class WorkbookWriteError extends Error {
  readonly file: string;
  constructor(file: string, reason: string) {
    super(`${path.basename(file)}: ${reason}`);
    this.name = "WorkbookWriteError";
    this.file = file;
  }
}

/** Rewriting the input would lose what exceljs cannot write back (`lost`): the caller words it for the user. */
export class WouldLoseError extends WorkbookWriteError {
  constructor(
    file: string,
    readonly lost: Unkept[]
  ) {
    super(
      file,
      "refusing to overwrite the input workbook: it holds parts that would be lost (charts, pivot tables, macros…)"
    );
    this.name = "WouldLoseError";
  }
}

/** The same file, by path or by device and inode (a link or another spelling of the path). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

export interface WriteOptions {
  /** Allow writing onto the file the workbook was read from. */
  overwriteInput?: boolean;
}

/**
 * Adds to what the workbook lacks once written (unkeptOf) the parts of its input that `written` does not hold
 * and no rule of unkept.ts names: the safety net under those rules, for whatever exceljs drops that nobody
 * listed. A workbook not read from a file has nothing to compare.
 */
function noteDroppedParts(workbook: ExcelJS.Workbook, written: Buffer): void {
  const input = workbookParts.get(workbook);
  if (!input) return;
  const known = unkeptOf(workbook).filter((u) => u.feature !== "otherParts");
  const parts = droppedParts(input, zipEntryNames(written) ?? [], known.length > 0);
  workbookUnkept.set(
    workbook,
    parts.length > 0 ? [...known, { feature: "otherParts", count: parts.length, parts }] : known
  );
}

/**
 * Writes the workbook to `file` atomically: a temporary file in the same folder, flushed, then renamed
 * over the target, so that a crash never leaves a half-written workbook. Refuses to overwrite the file
 * the workbook was read from unless `overwriteInput` is set, and even then when the workbook holds parts
 * that exceljs cannot write back (see unkept.ts): those it knows of before building the copy, any other
 * part the built copy lacks after.
 */
export async function writeWorkbook(
  workbook: ExcelJS.Workbook,
  file: string,
  options: WriteOptions = {}
): Promise<void> {
  const target = path.resolve(file);
  const source = workbookSources.get(workbook);
  const inPlace = source !== undefined && sameFile(source, target);
  if (inPlace) {
    if (!options.overwriteInput)
      throw new WorkbookWriteError(file, "refusing to overwrite the input workbook");
    const lost = unkeptOf(workbook);
    if (lost.length > 0) throw new WouldLoseError(file, lost);
  }
  let data: Buffer;
  try {
    data = Buffer.from(await workbook.xlsx.writeBuffer());
  } catch (err) {
    throw new WorkbookWriteError(
      file,
      `cannot build the workbook (${err instanceof Error ? err.message : String(err)})`
    );
  }
  noteDroppedParts(workbook, data);
  if (inPlace) {
    const lost = unkeptOf(workbook);
    if (lost.length > 0) throw new WouldLoseError(file, lost);
  }
  const dir = path.dirname(target);
  const tmp = path.join(
    dir,
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    const fh = await fs.promises.open(tmp, "wx");
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "the folder does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a folder"
            : (code ?? String(err));
    throw new WorkbookWriteError(file, `cannot write (${reason})`);
  }
}
