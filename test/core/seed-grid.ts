/**
 * The seed fixture (test/fixtures/seed-000.txt: seven 绩效目标表 pasted from Word) as one sheet, laid out
 * like the bundled example workbook: each table stacked under the previous one with 2 blank rows between.
 *
 *   title                                  (A, merged A:E in the workbook)
 *   agency | 单位：万元
 *   项目名称 | project name
 *   预算规模及资金用途 | 预算数 | 97.00 | 其中：财政    资金 | 97.00 | 其他资金 | (blank)
 *   (blank, merged from above) | 用途 text [ | 全年执行数 | 92.5 ]   ← only with options.executed
 *   绩效目标 | goal text
 *   一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值
 *   indicator rows (a blank level-1 cell = merged from above)
 *
 * Word rows are cells listed one per line after a tab, rows separated by blank lines; a line without a
 * tab right after a cell continues that cell; `[bookmark: …]` markers are dropped; stray lines such as
 * page numbers are skipped. No actual values are added.
 */
import * as fs from "fs";
import * as path from "path";
import { SheetGrid } from "../../src/core/types";
import { CellInput, buildGrid } from "./grid-builder";

export const SEED_PATH = path.join(__dirname, "..", "fixtures", "seed-000.txt");

export interface SeedTable {
  title: string;
  /** Word rows, each a list of cell texts (merged cells appear once). */
  rows: string[][];
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** Parses the pasted Word text into tables (title + rows). */
export function parseSeedText(text: string): SeedTable[] {
  const tables: SeedTable[] = [];
  let current: SeedTable | null = null;
  let row: string[] | null = null;
  let lastWasCell = false;
  const endRow = () => {
    if (row && current) current.rows.push(row);
    row = null;
  };
  for (const rawLine of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (rawLine.startsWith("\t")) {
      if (!current) continue;
      if (!row) row = [];
      row.push(rawLine.slice(1).replace(BOOKMARK, ""));
      lastWasCell = true;
      continue;
    }
    if (rawLine.trim() === "") {
      endRow();
      lastWasCell = false;
      continue;
    }
    if (lastWasCell && row) {
      const cells: string[] = row;
      cells[cells.length - 1] += "\n" + rawLine.replace(BOOKMARK, "");
      continue;
    }
    if (rawLine.includes("[bookmark: _Toc")) {
      endRow();
      current = { title: rawLine.replace(BOOKMARK, "").trim(), rows: [] };
      tables.push(current);
    }
    // anything else (page numbers) is skipped
  }
  endRow();
  return tables;
}

export interface SeedGridOptions {
  name?: string;
  originRow?: number;
  originCol?: number;
  /** Budget figures as text cells ("97.00") instead of numbers shown with two decimals. */
  numbersAsText?: boolean;
  /** 全年执行数 per table, written as `全年执行数 | value` right of the 用途 text (F:G); null = label only. */
  executed?: (number | null)[];
}

export interface SeedLayout {
  grid: SheetGrid;
  tables: SeedTable[];
  /** 0-based sheet rows of each table's title, header and first indicator. */
  titleRows: number[];
  headerRows: number[];
}

const NUMBER = /^\d+(\.\d+)?$/;

/** The seven seed tables stacked on one sheet. */
export function seedLayout(options: SeedGridOptions = {}): SeedLayout {
  const tables = parseSeedText(fs.readFileSync(SEED_PATH, "utf8"));
  const rows: CellInput[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const originRow = options.originRow ?? 0;
  tables.forEach((t, ti) => {
    if (ti > 0) rows.push([], []);
    titleRows.push(originRow + rows.length);
    rows.push([t.title]);
    t.rows.forEach((cells, ri) => {
      const out: CellInput[] = cells.map((c) => {
        const s = c.trim() === "" ? null : c;
        if (s !== null && NUMBER.test(s.trim()) && !options.numbersAsText) {
          return { v: Number(s), t: s.trim(), fmt: "0.00" };
        }
        return s;
      });
      if (cells[0] === "一级指标") headerRows.push(originRow + rows.length);
      // the row under the budget row: `(merged) | 用途`
      const prev = t.rows[ri - 1];
      if (options.executed && prev && prev[0] === "预算规模及资金用途") {
        while (out.length < 5) out.push(null);
        const e = options.executed[ti];
        out.push(
          "全年执行数",
          e === null || e === undefined ? null : { v: e, t: e.toFixed(2), fmt: "0.00" }
        );
      }
      rows.push(out);
    });
  });
  const grid = buildGrid(rows, {
    name: options.name ?? "绩效目标表",
    originRow,
    originCol: options.originCol ?? 0,
  });
  return { grid, tables, titleRows, headerRows };
}

export function seedGrid(options: SeedGridOptions = {}): SheetGrid {
  return seedLayout(options).grid;
}
