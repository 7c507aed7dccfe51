/**
 * Finds the indicator tables of a sheet (scoring-spec §1).
 *
 * One pass, top to bottom. Every row is classified once (its cells' header roles, whether it holds a
 * 项目名称 label); every distinct cell text is normalised once (cached). A header is a row whose
 * recognised cells include level1, level3 and target, possibly together with the row below (a header
 * spread over two rows). Indicator rows follow until a 合计/总分 row, a new project block, a new header,
 * two empty rows or the end of the used range.
 */
import {
  CellValue,
  ColumnMap,
  ColumnRole,
  LocatedTable,
  Pos,
  RawIndicator,
  SheetGrid,
} from "./types";
import { formatAt, formulaAt, valueAt } from "./grid";
import { normalizeLabel, splitWeightSuffix, firstYear, trimmed } from "./text";
import { isDateFormat } from "./number-format";
import { DATE1904_OFFSET } from "./dates";
import { HEADER_SYNONYMS, isReasonHeader, roleOfNormalized } from "./headers";
import { findBudget, rowWindowEnd } from "./budget";

const PROJECT_LABELS = new Set(["项目名称", "project", "projectname"]);
const TOTAL_LABELS = new Set(["合计", "总分", "总计", "total", "合计得分", "总得分", "totalscore"]);
/** A title-like text, preferred as the table's title over other text in the block. */
const TITLE_HINT = /绩效|评价|目标表|自评表|evaluation|performance|target/i;
/** Longest cell text worth normalising as a label. */
const MAX_LABEL_LEN = 60;
const MAX_CACHE = 20000;
const INLINE_PROJECT = /^(?:项目名称|project(?:name)?)[:：](.+)$/i;
const NUMERIC_ISH = /^[\d\s.,:%-]*$/;
const SPACES = /\s+/g;
/** A year subtitle under the title: `（2025年度）`, `2025年`. */
const YEAR_SUBTITLE = /^[(（]?(19|20)\d{2}年度?[)）]?$/;

/**
 * The first three characters (normalised) of every label, or the whole label when it is shorter; a
 * cell starting otherwise is no label (a cheap test before the full normalisation).
 */
const PREFIXES: ReadonlySet<string> = (() => {
  const set = new Set<string>();
  const all = [...PROJECT_LABELS, ...TOTAL_LABELS, ...Object.values(HEADER_SYNONYMS).flat()];
  for (const l of all) {
    const n = normalizeLabel(l);
    if (n) set.add(n.slice(0, 3));
  }
  return set;
})();
const FIRST_CODES: ReadonlySet<number> = new Set([...PREFIXES].map((p) => p.charCodeAt(0)));

function isSpace(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0x200b ||
    code === 0xfeff ||
    code === 0x85
  );
}

/**
 * Per UTF-16 code unit: 1 when the character, normalised alone, can begin a label; 2 when it cannot; 0 not
 * yet known. Filled lazily so that module load stays cheap.
 */
const FIRST_STATE = new Uint8Array(0x10000);

function mayStartLabel(code: number): boolean {
  let s = FIRST_STATE[code];
  if (s === 0) {
    const n = String.fromCharCode(code).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
    // A character that normalises to nothing (or a lone surrogate) decides nothing: keep looking.
    s = n === "" || (code >= 0xd800 && code <= 0xdfff) || FIRST_CODES.has(n.charCodeAt(0)) ? 1 : 2;
    FIRST_STATE[code] = s;
  }
  return s === 1;
}

/** Could this text be a label? Looks at its first three visible characters, each normalised alone. */
function mayBeLabel(text: string): boolean {
  // Fast reject on the first visible character, the common case for indicator, target and actual cells.
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i === text.length || !mayStartLabel(text.charCodeAt(i))) return false;
  let prefix = "";
  for (; i < text.length && prefix.length < 3; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) continue;
    if (code < 0x80) prefix += text[i].toLowerCase();
    else if (code >= 0x4e00 && code <= 0x9fff) prefix += text[i];
    else {
      const cp = text.codePointAt(i) ?? code;
      if (cp > 0xffff) i++;
      prefix += String.fromCodePoint(cp).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
    }
  }
  if (prefix.length > 3) prefix = prefix.slice(0, 3);
  return PREFIXES.has(prefix) || PREFIXES.has(prefix.slice(0, 2));
}

/** What a short cell text means as a label. */
type Code = ColumnRole | "project" | "total" | "";

/** What the header logic needs of a row. */
interface RowInfo {
  /** Columns and roles of the header-like cells, left to right (first occurrence of each role only). */
  roleCols: number[];
  roles: ColumnRole[];
  nonBlank: number;
  /** Number of non-blank cells that are header roles (duplicates included). */
  roleCells: number;
}

/** Rows of at most this many cells get a bit mask of their non-blank cells. */
const MASK_WIDTH = 31;

const NONE: number[] = [];
const NO_COLS: ReadonlySet<number> = new Set();
const NONE_ROLES: ColumnRole[] = [];

interface Header {
  rows: number[];
  columns: ColumnMap;
  firstCol: number;
  lastCol: number;
}

const NO_ROLES: RowInfo = { roleCols: NONE, roles: NONE_ROLES, nonBlank: 0, roleCells: 0 };

function lastRoleCol(info: RowInfo): number {
  let hi = -1;
  for (const c of info.roleCols) if (c > hi) hi = c;
  return hi;
}

export function isProjectLabel(text: string): boolean {
  return PROJECT_LABELS.has(normalizeLabel(text));
}

export function isTotalLabel(text: string): boolean {
  const n = normalizeLabel(text);
  return TOTAL_LABELS.has(n) || TOTAL_LABELS.has(splitWeightSuffix(n).name.toLowerCase());
}

class Locator {
  private readonly rowStart: number;
  private readonly rowEnd: number;
  private readonly colStart: number;
  private readonly colEnd: number;
  private readonly codes = new Map<string, Code>();
  /*
   * What one scan of a row found, one typed array per fact rather than one object per row: a sheet of
   * 100,000 indicator rows would otherwise keep 100,000 objects alive for the whole run.
   */
  /** 0 = not scanned yet, 1 = scanned, 2 = scanned and wider than MASK_WIDTH. */
  private readonly scanned: Uint8Array;
  private readonly nonBlankOf: Int32Array;
  /** Non-blank cells that are header roles (duplicates included). */
  private readonly roleCellsOf: Int32Array;
  /** First column holding a 项目名称 / Project label, or -1. */
  private readonly projectColOf: Int32Array;
  /** First column holding a 合计 / 总分 label, or -1. */
  private readonly totalColOf: Int32Array;
  /** Bit j set when the cell at colStart + j is non-blank (rows of at most MASK_WIDTH cells). */
  private readonly maskOf: Int32Array;
  /** Header-like cells of the few rows that have any. */
  private readonly roleRows = new Map<number, RowInfo>();

  /** Hidden or filtered-out rows of the sheet (absolute), and whether to read them as indicators. */
  private readonly hidden: ReadonlySet<number>;

  constructor(
    private readonly g: SheetGrid,
    private readonly includeHidden = false
  ) {
    this.hidden = new Set(Array.isArray(g.hiddenRows) ? g.hiddenRows : []);
    this.rowStart = g.originRow;
    this.rowEnd = g.originRow + g.values.length;
    let w = 0;
    for (const r of g.values) if (Array.isArray(r) && r.length > w) w = r.length;
    this.colStart = g.originCol;
    this.colEnd = g.originCol + w;
    const n = g.values.length;
    this.scanned = new Uint8Array(n);
    this.nonBlankOf = new Int32Array(n);
    this.roleCellsOf = new Int32Array(n);
    this.projectColOf = new Int32Array(n);
    this.totalColOf = new Int32Array(n);
    this.maskOf = new Int32Array(n);
  }

  // ------------------------------------------------------------------------------------------
  // Cells

  /** Displayed text of a cell, trimmed (the raw value when there is no displayed text). */
  text(row: number, col: number): string {
    const i = row - this.rowStart;
    return this.textIn(this.g.text[i], this.g.values[i], col - this.colStart);
  }

  /**
   * `text` for the hot loops: the row's arrays are looked up once by the caller and the column is an
   * index into them (-1 for a role the table lacks).
   */
  private textIn(texts: string[] | undefined, vals: CellValue[] | undefined, j: number): string {
    if (j < 0) return "";
    const t = texts?.[j];
    if (typeof t === "string") {
      if (t !== "") return trimmed(t);
    } else if (t !== undefined && t !== null) {
      return trimmed(String(t));
    }
    const v = vals?.[j];
    return v === null || v === undefined ? "" : trimmed(String(v));
  }

  blank(row: number, col: number): boolean {
    return this.text(row, col) === "" && !formulaAt(this.g, row, col);
  }

  code(text: string): Code {
    if (text.length === 0 || text.length > MAX_LABEL_LEN || !mayBeLabel(text)) return "";
    let c = this.codes.get(text);
    if (c === undefined) {
      const n = normalizeLabel(text);
      if (PROJECT_LABELS.has(n)) c = "project";
      else if (TOTAL_LABELS.has(n) || TOTAL_LABELS.has(splitWeightSuffix(n).name.toLowerCase()))
        c = "total";
      else c = roleOfNormalized(n) ?? "";
      if (this.codes.size >= MAX_CACHE) this.codes.clear();
      this.codes.set(text, c);
    }
    return c;
  }

  /** Scans the row once (cell texts, label codes) and returns its index into the typed arrays. */
  private scan(row: number): number {
    const i = row - this.rowStart;
    if (this.scanned[i] !== 0) return i;
    let nonBlank = 0;
    let roleCells = 0;
    let projectCol = -1;
    let totalCol = -1;
    let mask = 0;
    let roleCols = NONE;
    let roles = NONE_ROLES;
    const vals = this.g.values[i];
    const texts = this.g.text[i];
    const formulas = this.g.formulas?.[i];
    const width = Array.isArray(vals) ? vals.length : 0;
    for (let j = 0; j < width; j++) {
      const col = this.colStart + j;
      const t = this.textIn(texts, vals, j);
      if (t === "") {
        if (formulas?.[j]) {
          nonBlank++;
          if (j < MASK_WIDTH) mask |= 1 << j;
        }
        continue;
      }
      nonBlank++;
      if (j < MASK_WIDTH) mask |= 1 << j;
      const v = vals[j];
      if (typeof v === "number" || typeof v === "boolean") continue;
      const c = this.code(t);
      if (c === "") continue;
      if (c === "project") {
        if (projectCol < 0) projectCol = col;
        continue;
      }
      if (c === "total") {
        if (totalCol < 0) totalCol = col;
        continue;
      }
      roleCells++;
      if (roleCols === NONE) {
        roleCols = [];
        roles = [];
      }
      if (!roles.includes(c)) {
        roleCols.push(col);
        roles.push(c);
      }
    }
    this.scanned[i] = width > MASK_WIDTH ? 2 : 1;
    this.nonBlankOf[i] = nonBlank;
    this.roleCellsOf[i] = roleCells;
    this.projectColOf[i] = projectCol;
    this.totalColOf[i] = totalCol;
    this.maskOf[i] = mask;
    if (roleCells > 0) this.roleRows.set(i, { roleCols, roles, nonBlank, roleCells });
    return i;
  }

  info(row: number): RowInfo {
    const i = this.scan(row);
    return (
      this.roleRows.get(i) ??
      (this.nonBlankOf[i] === 0 ? NO_ROLES : { ...NO_ROLES, nonBlank: this.nonBlankOf[i] })
    );
  }

  roleCells(row: number): number {
    return this.roleCellsOf[this.scan(row)];
  }

  // ------------------------------------------------------------------------------------------
  // Headers

  /** The header starting at `row` (one row, or this row and the next), or null. */
  headerAt(row: number): Header | null {
    if (row < this.rowStart || row >= this.rowEnd) return null;
    if (this.roleCells(row) === 0) return null;
    const a = this.info(row);
    const hasNext = row + 1 < this.rowEnd;
    const single = this.build([row]);
    if (single) {
      if (hasNext) {
        const b = this.info(row + 1);
        // The lower row's span: the upper header's columns, plus non-blank cells right next to them (得分 /
        // 完成率 columns added by Score); a role word further right after a gap is not part of it.
        let hi = single.lastCol;
        while (hi + 1 < this.colEnd && !this.blank(row + 1, hi + 1)) hi++;
        if (
          b.roleCells > 0 &&
          b.roleCols.some((c) => c <= hi) &&
          this.headerOnlyUpTo(row + 1, hi)
        ) {
          const two = this.build([row, row + 1]);
          if (two) return two;
        }
      }
      return single;
    }
    if (!hasNext) return null;
    if (this.roleCells(row + 1) === 0) return null;
    const b = this.info(row + 1);
    const hi = Math.max(lastRoleCol(a), lastRoleCol(b));
    if (!this.headerOnlyUpTo(row, hi) && !this.headerOnlyUpTo(row + 1, hi)) return null;
    return this.build([row, row + 1]);
  }

  /**
   * Every non-blank cell of the row up to column `hi` (the header's right-most role) is a header cell.
   * Cells further right do not count: they are the engine's own result block (评分结果, 总分 …), written
   * beside the table's first rows by an earlier Score, which must not stop a two-row header from being
   * recognised the next time.
   */
  private headerOnlyUpTo(row: number, hi: number): boolean {
    const info = this.info(row);
    if (info.roleCells === 0) return false;
    if (info.roleCells === info.nonBlank) return true;
    for (let c = this.colStart; c <= hi && c < this.colEnd; c++) {
      if (this.blank(row, c)) continue;
      const v = valueAt(this.g, row, c);
      if (typeof v === "number" || typeof v === "boolean") return false;
      const code = this.code(this.text(row, c));
      if (code === "" || code === "project" || code === "total") return false;
    }
    return true;
  }

  /**
   * A header cell naming 原因 within the header's columns or right after them (without a blank column
   * between), not already a role; -1 when there is none.
   */
  private reasonHeaderCol(rows: number[], firstCol: number, lastCol: number): number {
    for (let c = firstCol; c < this.colEnd; c++) {
      let anyText = false;
      for (const r of rows) {
        const t = this.text(r, c);
        if (t === "") continue;
        anyText = true;
        if (t.length <= MAX_LABEL_LEN && t.includes("原因") && isReasonHeader(normalizeLabel(t)))
          return c;
      }
      if (!anyText && c > lastCol) break;
    }
    return -1;
  }

  /** Column map of the given header rows (the lower row wins), or null when level1/level3/target lack. */
  private build(rows: number[]): Header | null {
    const byCol = new Map<number, ColumnRole>();
    for (let k = rows.length - 1; k >= 0; k--) {
      const info = this.info(rows[k]);
      for (let j = 0; j < info.roleCols.length; j++) {
        if (!byCol.has(info.roleCols[j])) byCol.set(info.roleCols[j], info.roles[j]);
      }
    }
    // A role appearing in both rows: keep its left-most column.
    const cols = [...byCol.keys()].sort((x, y) => x - y);
    if (cols.length < 3) return null;
    // Clusters: role columns joined by non-blank header cells; across a blank header column only when
    // the next role is new to the cluster (a horizontally merged header), never into a repeated role
    // (an output block written to the right after a gap).
    let cluster: Map<ColumnRole, number> = new Map();
    let prev = -1;
    const done: Map<ColumnRole, number>[] = [];
    for (const c of cols) {
      const role = byCol.get(c) as ColumnRole;
      if (prev >= 0) {
        let gap = false;
        for (let x = prev + 1; x < c && !gap; x++) {
          let allBlank = true;
          for (const r of rows) if (!this.blank(r, x)) allBlank = false;
          if (allBlank) gap = true;
        }
        if (gap && cluster.has(role)) {
          done.push(cluster);
          cluster = new Map();
        }
      }
      if (!cluster.has(role)) cluster.set(role, c);
      prev = c;
    }
    done.push(cluster);
    for (const cl of done) {
      const l1 = cl.get("level1");
      const l3 = cl.get("level3");
      const tg = cl.get("target");
      if (l1 === undefined || l3 === undefined || tg === undefined) continue;
      const columns: ColumnMap = { level1: l1, level3: l3, target: tg };
      let firstCol = Infinity;
      let lastCol = -Infinity;
      for (const [role, c] of cl) {
        columns[role] = c;
        if (c < firstCol) firstCol = c;
        if (c > lastCol) lastCol = c;
      }
      if (columns.reason === undefined) {
        // Any other header naming 原因 (`原因说明`, `产生偏差的原因及改进措施`) is the reason column (§1).
        // Looked for here, in the header rows only, so that a reason typed in a row is never a header cell.
        const found = this.reasonHeaderCol(rows, firstCol, lastCol);
        if (found >= 0) {
          columns.reason = found;
          if (found > lastCol) lastCol = found;
        }
      }
      return { rows, columns, firstCol, lastCol };
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------
  // Tables

  run(): LocatedTable[] {
    const tables: LocatedTable[] = [];
    let prevEnd = this.rowStart - 1;
    let row = this.rowStart;
    while (row < this.rowEnd) {
      const h = this.headerAt(row);
      if (!h) {
        row++;
        continue;
      }
      const { table, next } = this.table(h, prevEnd);
      tables.push(table);
      prevEnd = table.lastRow;
      row = Math.max(next, row + 1);
    }
    return tables;
  }

  private isTotalRow(row: number, firstCol: number, lastCol: number): boolean {
    if (this.totalColOf[this.scan(row)] < 0) return false;
    let firstAny = true;
    for (let c = this.colStart; c <= lastCol && c < this.colEnd; c++) {
      if (this.blank(row, c)) continue;
      const v = valueAt(this.g, row, c);
      const isTotal =
        typeof v !== "number" && typeof v !== "boolean" && this.code(this.text(row, c)) === "total";
      if (isTotal && (firstAny || c >= firstCol)) return true;
      firstAny = false;
      if (c >= firstCol) return false;
    }
    return false;
  }

  /**
   * No content in the table's columns on this row. The 得分 / 完成率 columns do not count: Score adds them to
   * the right of a table, and a stray cell there must not make the table end elsewhere on the next run.
   */
  private rowBlankWithin(
    row: number,
    firstCol: number,
    lastCol: number,
    skip: ReadonlySet<number> = NO_COLS
  ): boolean {
    const i = this.scan(row);
    if (this.nonBlankOf[i] === 0) return true;
    if (this.scanned[i] === 1) {
      // Cells past the row's own width are blank, so the range may be clipped to the mask.
      const lo = Math.max(0, firstCol - this.colStart);
      const hi = Math.min(MASK_WIDTH - 1, lastCol - this.colStart);
      if (hi < lo) return true;
      let within = this.maskOf[i] & (hi === MASK_WIDTH - 1 ? 0x7fffffff : (1 << (hi + 1)) - 1);
      within &= ~((1 << lo) - 1);
      for (const c of skip) {
        const j = c - this.colStart;
        if (j >= 0 && j < MASK_WIDTH) within &= ~(1 << j);
      }
      return within === 0;
    }
    for (let c = firstCol; c <= lastCol; c++) if (!skip.has(c) && !this.blank(row, c)) return false;
    return true;
  }

  private table(h: Header, prevEnd: number): { table: LocatedTable; next: number } {
    const g = this.g;
    const { columns, firstCol, lastCol } = h;
    const headerRow = h.rows[h.rows.length - 1];
    const at = (role: ColumnRole): number => {
      const c = columns[role];
      return c === undefined ? -1 : c - this.colStart;
    };
    const jLevel1 = at("level1");
    const jLevel2 = at("level2");
    const jLevel3 = at("level3");
    const jDescription = at("description");
    const jTarget = at("target");
    const jComparator = at("comparator");
    const jUnit = at("unit");
    const jWeight = at("weight");
    const jReason = at("reason");
    const jActual = at("actual");
    const jScore = at("score");

    const outputCols = new Set(
      [columns.score, columns.completion].filter((c): c is number => c !== undefined)
    );
    // The right-most column that is not 得分 / 完成率 (columns Score may have added): a 项目名称 label right of
    // it does not end the table, whether or not an earlier run added those columns.
    let inputLastCol = firstCol;
    for (const [role, c] of Object.entries(columns) as [ColumnRole, number][]) {
      if (role !== "score" && role !== "completion" && c > inputLastCol) inputLastCol = c;
    }
    const indicators: RawIndicator[] = [];
    const hiddenIndicatorRows: number[] = [];
    const statedWeights: Record<string, number> = {};
    let lastRow = headerRow;
    let totalRow: number | null = null;
    let level1 = "";
    let level2 = "";
    let empties = 0;
    let row = headerRow + 1;
    for (; row < this.rowEnd; row++) {
      const i = this.scan(row);
      const projectCol = this.projectColOf[i];
      if (projectCol >= 0 && projectCol <= inputLastCol) break;
      if (this.roleCellsOf[i] > 0 && this.headerAt(row)) break;
      if (this.rowBlankWithin(row, firstCol, lastCol, outputCols)) {
        empties++;
        if (empties >= 2) break;
        continue;
      }
      empties = 0;
      if (this.isTotalRow(row, firstCol, lastCol)) {
        totalRow = row;
        lastRow = row;
        row++;
        break;
      }

      const texts = g.text[i];
      const vals = g.values[i];
      const l1raw = this.textIn(texts, vals, jLevel1);
      if (l1raw !== "") {
        const { name, weight } = splitWeightSuffix(l1raw);
        if (weight !== null && !(name in statedWeights)) statedWeights[name] = weight;
        if (name !== level1) level2 = "";
        level1 = name;
      }
      const l2raw = this.textIn(texts, vals, jLevel2);
      if (l2raw !== "") level2 = l2raw;

      const targetText = this.textIn(texts, vals, jTarget);
      let actualValue: CellValue = null;
      let actualText = "";
      let actualIsDate = false;
      if (jActual >= 0) {
        const raw = vals?.[jActual];
        actualValue = raw === undefined || raw === "" ? null : raw;
        actualText = this.textIn(texts, vals, jActual);
        actualIsDate =
          typeof actualValue === "number" &&
          isDateFormat(formatAt(g, row, jActual + this.colStart));
        if (actualIsDate && g.date1904) actualValue = (actualValue as number) + DATE1904_OFFSET;
      }
      const weightText = this.textIn(texts, vals, jWeight);
      // A row with no target, no actual and no weight is a template placeholder (§1); a weighted row
      // without a target is an indicator that cannot be scored (TARGET_MISSING), never dropped.
      if (targetText === "" && actualText === "" && actualValue === null && weightText === "")
        continue;
      const hidden = this.hidden.size > 0 && this.hidden.has(row);
      if (hidden) {
        hiddenIndicatorRows.push(row);
        if (!this.includeHidden) continue;
      }
      const scoreRaw = jScore >= 0 ? vals?.[jScore] : null;

      const ind: RawIndicator = {
        row,
        level1,
        level2,
        name: this.textIn(texts, vals, jLevel3),
        description: this.textIn(texts, vals, jDescription),
        targetText,
        comparatorText: this.textIn(texts, vals, jComparator),
        unitText: this.textIn(texts, vals, jUnit),
        actualValue,
        actualText,
        actualIsDate,
        weightText,
        reasonText: this.textIn(texts, vals, jReason),
      };
      if (jScore >= 0) {
        ind.scoreValue = scoreRaw === undefined || scoreRaw === "" ? null : scoreRaw;
        ind.scoreText = this.textIn(texts, vals, jScore);
      }
      if (hidden) ind.hidden = true;
      indicators.push(ind);
      lastRow = row;
    }

    // Project block: rows above the header back to the previous table.
    const blockTop = Math.max(prevEnd + 1, this.rowStart);
    const blockBottom = h.rows[0]; // exclusive
    let firstRow = -1;
    let project: string | null = null;
    let projectCell: Pos | null = null;
    let projectRow = -1;
    let title: string | null = null;
    let fallbackTitle: string | null = null;
    let subtitleYear: number | null = null;
    for (let r = blockTop; r < blockBottom; r++) {
      const end = rowWindowEnd(g, r, lastCol, this.colEnd);
      for (let c = this.colStart; c <= end; c++) {
        const t = this.text(r, c);
        if (t === "") continue;
        if (firstRow < 0) firstRow = r;
        const v = valueAt(g, r, c);
        if (typeof v === "number" || typeof v === "boolean") continue;
        const code = this.code(t);
        if (code === "project") {
          if (projectRow < 0) {
            projectRow = r;
            for (let x = c + 1; x <= end; x++) {
              const pt = this.text(r, x);
              if (pt !== "") {
                project = pt;
                projectCell = { row: r, col: x };
                break;
              }
            }
          }
          continue;
        }
        if (projectRow < 0 && project === null) {
          const inline = INLINE_PROJECT.exec(t.replace(SPACES, ""));
          if (inline && inline[1]) {
            projectRow = r;
            project = t.slice(t.search(/[:：]/) + 1).trim();
            projectCell = { row: r, col: c };
            continue;
          }
        }
        if (code !== "" || projectRow >= 0 || NUMERIC_ISH.test(t)) continue;
        if (subtitleYear === null && YEAR_SUBTITLE.test(t.replace(SPACES, ""))) {
          subtitleYear = firstYear(t);
          continue;
        }
        if (title === null && TITLE_HINT.test(t)) title = t;
        if (fallbackTitle === null) fallbackTitle = t;
      }
    }
    if (title === null) title = fallbackTitle;
    if (firstRow < 0) firstRow = h.rows[0];

    const budget = findBudget(g, firstRow, h.rows[0], firstCol, lastCol, this.colEnd);
    const layout =
      columns.actual !== undefined && columns.score !== undefined ? "self-evaluation" : "target";

    return {
      table: {
        sheet: g.name,
        firstRow,
        headerRows: h.rows.slice(),
        headerRow,
        columns,
        firstCol,
        lastCol,
        indicators,
        lastRow,
        totalRow,
        project,
        projectCell,
        title,
        year: firstYear(title) ?? firstYear(project) ?? subtitleYear,
        statedWeights,
        budget,
        layout,
        ...(hiddenIndicatorRows.length > 0 ? { hiddenIndicatorRows } : {}),
        ...(totalRow !== null && columns.score !== undefined && !this.blank(totalRow, columns.score)
          ? {
              totalScore: {
                value: valueAt(g, totalRow, columns.score),
                text: this.text(totalRow, columns.score),
              },
            }
          : {}),
      },
      next: row,
    };
  }
}

/**
 * Every indicator table of a sheet, top to bottom. Never throws; an unreadable grid has no tables.
 * Rows the grid lists as hidden are not read as indicators unless `includeHidden` (profile hiddenRows
 * "include"); either way a table names them in `hiddenIndicatorRows`.
 */
export function locateTables(grid: SheetGrid, includeHidden = false): LocatedTable[] {
  if (!grid || !Array.isArray(grid.values) || grid.values.length === 0) return [];
  try {
    return new Locator(grid, includeHidden).run();
  } catch {
    return [];
  }
}
