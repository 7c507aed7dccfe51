/**
 * Applies an engine WritePlan to the opened package, and writes the package to disk atomically.
 *
 * Only these parts change: the worksheets that receive cells (cells spliced in, sheet-patch.ts), the
 * styles part (formats appended), and for the tool's own sheets (评分汇总, the ledger) their parts, the
 * workbook part, its relationships and the content types. Every other part is copied through as stored.
 */
import * as fs from "fs";
import * as path from "path";
import { CellWrite, LEDGER_SHEET, Ledger, WritePlan, cellWrites, ledgerToRows, needsQuotePrefix } from "../core";
import { NewCell, newSheetXml } from "../ooxml/new-sheet";
import { REL, relIs } from "../ooxml/package";
import { CellEdit, patchSheet, withColumnWidths } from "../ooxml/sheet-patch";
import { FormatChange } from "../ooxml/styles";
import { SheetEntry, addSheet, listSheets, removeSheet, setSheetState } from "../ooxml/workbook";
import { findElement, attribute } from "../ooxml/xml";
import type { Workbook } from "./read-workbook";
import { writeFileAtomic } from "./write-file";

export interface ApplyResult {
  /** Cell writes applied (plan writes and summary writes). */
  applied: number;
  /** Writes left out: the sheet does not exist, or the cell holds a formula. */
  skipped: { write: CellWrite; reason: "no-sheet" | "formula" }[];
  /** Protected sheets (审阅 > 保护工作表) written all the same, in the order first written: the file is
   *  edited, not the open workbook, so nothing stops it; the add-in refuses them, so the caller says so. */
  protectedWritten: string[];
}

/** The format change a write asks for, the quote prefix included: set on text Excel would parse if typed
 *  (as the add-in's apostrophe leaves it in Excel), cleared by anything else, as typing clears it. */
function changeOf(w: CellWrite, currentFormat: string): FormatChange {
  const format = w.numberFormat ?? currentFormat;
  return {
    numberFormat: w.numberFormat,
    highlight: w.highlight,
    bold: w.bold,
    quotePrefix: typeof w.value === "string" && format !== "@" && needsQuotePrefix(w.value),
  };
}

function isProtected(xml: string): boolean {
  const p = findElement(xml, "sheetProtection");
  const v = p ? attribute(p.tag, "sheet") : undefined;
  return v === "1" || v === "true";
}

/** Styles part to extend: the package's, or a minimal one added for a package that has none. */
function ensureStylesPart(book: Workbook): string {
  const rel = book.pkg.rels(book.workbookPart).find((r) => relIs(r, REL.styles) && !r.external);
  if (rel) return rel.target;
  const part = `${path.posix.dirname(book.workbookPart)}/styles.xml`;
  book.pkg.addRel(book.workbookPart, REL.styles, part);
  const ct = book.pkg.text("[Content_Types].xml");
  if (ct !== null) {
    const end = ct.lastIndexOf("</");
    book.pkg.setText(
      "[Content_Types].xml",
      `${ct.slice(0, end)}<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${ct.slice(end)}`
    );
  }
  return part;
}

/** Writes a sheet of the tool's own, replacing its part when it exists (same id, same place). */
function putOwnSheet(book: Workbook, name: string, xml: string, state: SheetEntry["state"]): SheetEntry {
  const existing = book.sheets.find((s) => s.name === name);
  if (existing?.part) {
    book.pkg.setText(existing.part, xml);
    if (existing.state !== state) setSheetState(book.pkg, book.workbookPart, existing, state);
  } else {
    if (existing) removeSheet(book.pkg, book.workbookPart, existing);
    addSheet(book.pkg, book.workbookPart, name, xml, state);
  }
  book.sheets = listSheets(book.pkg, book.workbookPart);
  return book.sheets.find((s) => s.name === name)!;
}

/** Applies a WritePlan to the package in memory. */
export function applyPlan(book: Workbook, plan: WritePlan): ApplyResult {
  const result: ApplyResult = { applied: 0, skipped: [], protectedWritten: [] };
  const { pkg, styles } = book;
  let ledger = plan.ledger;
  const bySheet = new Map<string, CellWrite[]>();
  for (const w of cellWrites(plan)) {
    if ((plan.summary && w.sheet === plan.summary.name) || w.sheet === LEDGER_SHEET) continue;
    const l = bySheet.get(w.sheet);
    if (l) l.push(w);
    else bySheet.set(w.sheet, [w]);
  }
  const widths = new Map<string, { col: number; width: number }[]>();
  for (const w of plan.columnWidths ?? []) {
    const l = widths.get(w.sheet);
    if (l) l.push(w);
    else widths.set(w.sheet, [w]);
  }
  for (const sheet of new Set([...bySheet.keys(), ...widths.keys()])) {
    const entry = book.sheets.find((s) => s.name === sheet);
    const writes = bySheet.get(sheet) ?? [];
    if (!entry?.part) {
      for (const write of writes) result.skipped.push({ write, reason: "no-sheet" });
      continue;
    }
    // The last write of a cell wins, as in the add-in.
    const at = new Map<string, CellWrite>();
    for (const w of writes) at.set(`${w.row},${w.col}`, w);
    const edits: CellEdit[] = [...at.values()].map((w) => ({
      row: w.row,
      col: w.col,
      value: w.value,
      style: (s: number) => styles.derive(s, changeOf(w, styles.numberFormat(s))),
    }));
    let xml = pkg.text(entry.part)!;
    const patched = patchSheet(xml, edits);
    xml = withColumnWidths(patched.xml, widths.get(sheet) ?? []);
    const refused = new Set(patched.formulaCells);
    for (const w of at.values()) {
      if (refused.size && refused.has(`${columnName(w.col)}${w.row + 1}`))
        result.skipped.push({ write: w, reason: "formula" });
      else result.applied++;
    }
    if (xml !== pkg.text(entry.part)) pkg.setText(entry.part, xml);
    if (at.size > 0 && isProtected(xml) && !result.protectedWritten.includes(sheet))
      result.protectedWritten.push(sheet);
  }

  if (plan.summary) {
    const cells: NewCell[] = plan.summary.writes.map((w) => ({
      row: w.row,
      col: w.col,
      value: w.value,
      link: w.link,
      style: styles.derive(0, changeOf(w, "General")),
    }));
    const entry = putOwnSheet(book, plan.summary.name, newSheetXml(cells, plan.summary.columnWidths), "visible");
    // The ledger follows the summary by the id it now has, should the user rename it.
    ledger = new Ledger(ledger);
    ledger.setSheetId(plan.summary.name, entry.sheetId);
    result.applied += cells.length;
  }

  for (const name of plan.deleteSheets ?? []) {
    if (name === LEDGER_SHEET || (plan.summary && name === plan.summary.name)) continue;
    const entry = book.sheets.find((s) => s.name === name);
    if (entry) {
      removeSheet(pkg, book.workbookPart, entry);
      book.sheets = listSheets(pkg, book.workbookPart);
    }
  }

  const ledgerEntry = book.sheets.find((s) => s.name === LEDGER_SHEET);
  if (ledger.size > 0) {
    const cells: NewCell[] = ledgerToRows(ledger).flatMap((row, r) =>
      row.map((value, c) => ({ row: r, col: c, value, style: 0 }))
    );
    putOwnSheet(book, LEDGER_SHEET, newSheetXml(cells), "veryHidden");
  } else if (ledgerEntry) {
    // Nothing of the tool's is left (Clear): its ledger goes too.
    removeSheet(pkg, book.workbookPart, ledgerEntry);
    book.sheets = listSheets(pkg, book.workbookPart);
  }
  if (styles.changed) pkg.setText(ensureStylesPart(book), styles.toXml());
  return result;
}

function columnName(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
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

/** The package as bytes: every part the plan did not change copied as stored. */
export function workbookToBuffer(book: Workbook): Buffer {
  return book.pkg.toBuffer();
}

/**
 * Writes the workbook to `file` atomically (write-file.ts): a crash never leaves a half-written workbook,
 * and a rewritten file keeps its mode. Refuses to overwrite the file the workbook was read from unless
 * `overwriteInput` is set.
 */
export async function writeWorkbook(book: Workbook, file: string, options: WriteOptions = {}): Promise<void> {
  const target = path.resolve(file);
  if (book.source !== undefined && sameFile(book.source, target) && !options.overwriteInput)
    throw new WorkbookWriteError(file, "refusing to overwrite the input workbook");
  let data: Buffer;
  try {
    data = workbookToBuffer(book);
  } catch (err) {
    throw new WorkbookWriteError(file, `cannot build the workbook (${err instanceof Error ? err.message : String(err)})`);
  }
  try {
    await writeFileAtomic(target, data);
  } catch (err) {
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
