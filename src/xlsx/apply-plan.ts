/**
 * Applies an engine WritePlan to the opened package, and writes the package to disk atomically.
 *
 * Only these parts change: the worksheets that receive cells (cells spliced in, sheet-patch.ts), the
 * styles part (formats appended), for the tool's own sheets (评分汇总, the forms, the ledger) their parts,
 * the workbook part, its relationships and the content types, and the workbook part's defined names for
 * print areas and print titles. Every other part is copied through as stored.
 */
import * as fs from "fs";
import * as path from "path";
import {
  CellWrite,
  LEDGER_SHEET,
  Rect,
  STYLES,
  SheetLayout,
  StyleName,
  WIDTH_TOLERANCE_CHARS,
  WriteOp,
  WritePlan,
  a1,
  needsQuotePrefix,
  planOps,
} from "../core";
import { NewCell, newSheetXml } from "../ooxml/new-sheet";
import { REL, relIs } from "../ooxml/package";
import {
  CellEdit,
  SheetXmlError,
  patchSheet,
  stylesAt,
  withColumnWidthResets,
  withColumnWidths,
} from "../ooxml/sheet-patch";
import { FormatChange } from "../ooxml/styles";
import {
  SheetEntry,
  addSheet,
  listSheets,
  parseSheetArea,
  quotedSheet,
  readDefinedNames,
  removeSheet,
  setDefinedName,
  setSheetState,
} from "../ooxml/workbook";
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
function putOwnSheet(
  book: Workbook,
  name: string,
  xml: string,
  state: SheetEntry["state"]
): SheetEntry {
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

/** What the operations say of one cell. `value` undefined: the content stays, only the format changes. */
interface CellPlan {
  row: number;
  col: number;
  value?: string | number | null;
  numberFormat?: string;
  highlight?: boolean;
  bold?: boolean;
  link?: string;
  /** A named style (the tool's own sheets). */
  style?: StyleName;
  /** formatLike: the cell takes the whole format of this column's cell in its row, before the rest. */
  like?: number;
}

/** One of the tool's own sheets to write whole. */
interface Rebuild {
  name: string;
  widths: number[];
  layout?: SheetLayout;
}

/** The write contract's operations (core planOps), gathered cell by cell for each sheet. */
function gather(ops: readonly WriteOp[]) {
  const cells = new Map<string, Map<string, CellPlan>>();
  const widths = new Map<string, { col: number; width: number; reset?: boolean }[]>();
  const cellOf = (sheet: string, row: number, col: number): CellPlan => {
    let m = cells.get(sheet);
    if (!m) cells.set(sheet, (m = new Map()));
    const key = `${row},${col}`;
    let c = m.get(key);
    if (!c) m.set(key, (c = { row, col }));
    return c;
  };
  const each = (sheet: string, r: Rect, f: (c: CellPlan, i: number, j: number) => void) => {
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) f(cellOf(sheet, r.row + i, r.col + j), i, j);
  };
  const rebuilds: Rebuild[] = [];
  const printAreas: { sheet: string; area: Rect | null }[] = [];
  const deletes: string[] = [];
  let ledgerRows: string[][] = [];
  for (const op of ops) {
    switch (op.kind) {
      case "cells":
        each(op.sheet, op.rect, (c, i, j) => {
          c.value = op.values[i][j];
          const f = op.numberFormats?.[i][j];
          if (f !== null && f !== undefined) c.numberFormat = f;
        });
        break;
      case "highlight":
        each(op.sheet, op.rect, (c) => (c.highlight = op.on));
        break;
      case "bold":
        each(op.sheet, op.rect, (c) => (c.bold = op.on));
        break;
      case "link":
        cellOf(op.sheet, op.row, op.col).link = op.target;
        break;
      case "cellStyle":
        each(op.sheet, op.rect, (c) => (c.style = op.style));
        break;
      case "formatLike":
        each(op.sheet, op.rect, (c) => (c.like = op.fromCol));
        break;
      case "printArea":
        printAreas.push({ sheet: op.sheet, area: op.area });
        break;
      case "width": {
        const l = widths.get(op.sheet);
        if (l) l.push(op);
        else widths.set(op.sheet, [op]);
        break;
      }
      case "sheet":
        if (op.action === "rebuild")
          rebuilds.push({
            name: op.name,
            widths: op.widths,
            ...(op.layout ? { layout: op.layout } : {}),
          });
        else deletes.push(op.name);
        break;
      case "ledger":
        ledgerRows = op.rows;
        break;
    }
  }
  return { cells, widths, rebuilds, printAreas, deletes, ledgerRows };
}

/** The format change a cell asks for, the quote prefix included: set on text Excel would parse if typed
 *  (as the add-in's apostrophe leaves it in Excel), cleared by anything else, as typing clears it. */
function changeOf(c: CellPlan, currentFormat: string): FormatChange {
  const format = c.numberFormat ?? currentFormat;
  return {
    ...(c.style ? { cellStyle: STYLES[c.style] } : {}),
    numberFormat: c.numberFormat,
    highlight: c.highlight,
    bold: c.bold,
    quotePrefix:
      c.value === undefined
        ? undefined
        : typeof c.value === "string" && format !== "@" && needsQuotePrefix(c.value),
  };
}

/** Applies a WritePlan to the package in memory, through the write contract every host shares. */
export function applyPlan(book: Workbook, plan: WritePlan): ApplyResult {
  const result: ApplyResult = { applied: 0, skipped: [], protectedWritten: [] };
  const { pkg, styles } = book;
  const { cells, widths, rebuilds, printAreas, deletes, ledgerRows } = gather(planOps(plan));
  const skip = (c: CellPlan, sheet: string, reason: ApplyResult["skipped"][number]["reason"]) =>
    result.skipped.push({
      write: { sheet, row: c.row, col: c.col, value: c.value ?? null },
      reason,
    });

  // The tool's own sheets (the summary, the forms), written whole; each keeps its id, and its print
  // titles are a name scoped to it in the workbook part.
  const ownIds = new Map<string, string>();
  for (const rebuild of rebuilds) {
    const list = [...(cells.get(rebuild.name)?.values() ?? [])];
    const fresh: NewCell[] = list.map((c) => ({
      row: c.row,
      col: c.col,
      value: c.value ?? null,
      link: c.link,
      style: styles.derive(0, changeOf(c, "General")),
    }));
    const entry = putOwnSheet(
      book,
      rebuild.name,
      newSheetXml(fresh, rebuild.widths, rebuild.layout),
      "visible"
    );
    ownIds.set(rebuild.name, entry.sheetId);
    const titles = rebuild.layout?.page.printTitleRows;
    setDefinedName(
      pkg,
      book.workbookPart,
      "_xlnm.Print_Titles",
      entry.index,
      titles ? `${quotedSheet(rebuild.name)}!$${titles[0] + 1}:$${titles[1] + 1}` : null
    );
    result.applied += list.filter((c) => c.value !== undefined).length;
    cells.delete(rebuild.name);
  }

  for (const sheet of new Set([...cells.keys(), ...widths.keys()])) {
    if (sheet === LEDGER_SHEET) continue;
    const entry = book.sheets.find((s) => s.name === sheet);
    const list = [...(cells.get(sheet)?.values() ?? [])];
    if (!entry?.part) {
      for (const c of list) skip(c, sheet, "no-sheet");
      continue;
    }
    const before = pkg.text(entry.part)!;
    // formatLike: the source cells' formats as the sheet has them before this plan writes anything.
    const likes = stylesAt(
      before,
      list.filter((c) => c.like !== undefined).map((c) => ({ row: c.row, col: c.like! }))
    );
    const edits: CellEdit[] = list.map((c) => ({
      row: c.row,
      col: c.col,
      value: c.value,
      style: (own: number) => {
        const s = c.like !== undefined ? (likes.get(`${c.row},${c.like}`) ?? 0) : own;
        return styles.derive(s, changeOf(c, styles.numberFormat(s)));
      },
    }));
    let patched: ReturnType<typeof patchSheet>;
    try {
      patched = patchSheet(before, edits);
    } catch (err) {
      if (!(err instanceof SheetXmlError)) throw err;
      throw new WorkbookWriteError(
        book.source ?? "workbook.xlsx",
        `sheet "${sheet}" is damaged and cannot be edited (${err.message})`
      );
    }
    const ws = widths.get(sheet) ?? [];
    const xml = withColumnWidthResets(
      withColumnWidths(
        patched.xml,
        ws.filter((w) => !w.reset)
      ),
      ws.filter((w) => w.reset),
      WIDTH_TOLERANCE_CHARS
    );
    const refused = new Set(patched.formulaCells);
    for (const c of list) {
      if (refused.has(a1(c.row, c.col))) skip(c, sheet, "formula");
      else if (c.value !== undefined || c.like === undefined) result.applied++;
    }
    if (xml !== before) pkg.setText(entry.part, xml);
    if (list.length > 0 && isProtected(xml) && !result.protectedWritten.includes(sheet))
      result.protectedWritten.push(sheet);
  }

  // Print areas of users' sheets, grown over the added columns or put back. One already naming the same
  // cells is left as written (however it spells them), so that a second run changes nothing.
  for (const { sheet, area } of printAreas) {
    const entry = book.sheets.find((s) => s.name === sheet);
    if (!entry) continue;
    const now = readDefinedNames(pkg.text(book.workbookPart) ?? "").find(
      (n) => n.name.toLowerCase() === "_xlnm.print_area" && n.localSheetId === entry.index
    );
    const was = now ? parseSheetArea(now.text, sheet) : undefined;
    if (area && was && sameRect(area, was)) continue;
    if (!area && !now) continue;
    setDefinedName(
      pkg,
      book.workbookPart,
      "_xlnm.Print_Area",
      entry.index,
      area ? `${quotedSheet(sheet)}!${absoluteRef(area)}` : null
    );
  }

  for (const name of deletes) {
    const entry = book.sheets.find((s) => s.name === name);
    if (entry) {
      removeSheet(pkg, book.workbookPart, entry);
      book.sheets = listSheets(pkg, book.workbookPart);
    }
  }

  if (ledgerRows.length > 0) {
    // The ledger follows the tool's own sheets by the ids they have now, should the user rename them.
    const rows = ledgerRows.map((r, i) =>
      i > 0 && ownIds.has(r[0]) ? [r[0], r[1], r[2], ownIds.get(r[0])!] : r
    );
    const fresh: NewCell[] = rows.flatMap((row, r) =>
      row.map((value, c) => ({ row: r, col: c, value, style: 0 }))
    );
    putOwnSheet(book, LEDGER_SHEET, newSheetXml(fresh), "veryHidden");
  } else {
    // Nothing of the tool's is left (Clear): its ledger goes too.
    const entry = book.sheets.find((s) => s.name === LEDGER_SHEET);
    if (entry) {
      removeSheet(pkg, book.workbookPart, entry);
      book.sheets = listSheets(pkg, book.workbookPart);
    }
  }
  if (styles.changed) pkg.setText(ensureStylesPart(book), styles.toXml());
  return result;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** `$A$1:$H$30` (a single cell `$A$1`). */
function absoluteRef(r: Rect): string {
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  const from = abs(r.row, r.col);
  return r.rows === 1 && r.cols === 1
    ? from
    : `${from}:${abs(r.row + r.rows - 1, r.col + r.cols - 1)}`;
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
export async function writeWorkbook(
  book: Workbook,
  file: string,
  options: WriteOptions = {}
): Promise<void> {
  const target = path.resolve(file);
  if (book.source !== undefined && sameFile(book.source, target) && !options.overwriteInput)
    throw new WorkbookWriteError(file, "refusing to overwrite the input workbook");
  let data: Buffer;
  try {
    data = workbookToBuffer(book);
  } catch (err) {
    throw new WorkbookWriteError(
      file,
      `cannot build the workbook (${err instanceof Error ? err.message : String(err)})`
    );
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
