import { a1 } from "./a1";
import { textAt, formulaAt } from "./grid";
import { Ledger } from "./ledger";
import { Merges, lastStartingAtOrAbove } from "./merges";
import { issueMessage } from "./messages";
import {
  FORMS_SHEET,
  SUMMARY_SHEET,
  ownSheetIsOurs,
  recordOwnSheet,
  sameAsRecorded,
  summaryIsOurs,
} from "./own-sheets";
import { planForms } from "./plan-forms";
import { planSummary } from "./plan-summary";
import { projectInfo, ProjectInfo } from "./project-info";
import { TableScore } from "./score-table";
import {
  CellWrite,
  ColumnRun,
  FormatLike,
  Issue,
  Lang,
  LocatedTable,
  MergedArea,
  OwnSheetPlan,
  Profile,
  Rect,
  SheetGrid,
  WritePlan,
} from "./types";
import { toRects } from "./write-ops";

export { SUMMARY_SHEET, FORMS_SHEET, sameAsRecorded, summaryIsOurs, ownSheetIsOurs };

/** The cell lies in one of the areas (an array formula's range, a table header…). */
function inArea(areas: readonly MergedArea[], row: number, col: number): boolean {
  return areas.some(
    (a) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols
  );
}
const PCT = "0.00%";

function scoreFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
}

/**
 * Collects writes into output cells, checking each against the sheet and the ledger: a cell is ours when
 * it is empty, still holds what the ledger says we wrote, or already holds exactly what we would write.
 * Anything else is the user's, and is left alone with an OUTPUT_OCCUPIED finding.
 */
export class PlanBuilder {
  readonly writes: CellWrite[] = [];
  readonly skipped: Issue[] = [];
  readonly ledger: Ledger;
  readonly unmetCells: WritePlan["unmetCells"] = [];

  constructor(
    private readonly grids: Map<string, SheetGrid>,
    private readonly previous: Ledger,
    private readonly lang: Lang,
    private readonly record = true
  ) {
    this.ledger = new Ledger(previous);
  }

  private lastSheet: string | null = null;
  private lastGrid: SheetGrid | undefined;

  /** The sheet's grid; writes come sheet by sheet, so the last one is kept at hand. */
  private grid(sheet: string): SheetGrid | undefined {
    if (sheet !== this.lastSheet) {
      this.lastSheet = sheet;
      this.lastGrid = this.grids.get(sheet);
    }
    return this.lastGrid;
  }

  private readonly mergesBySheet = new Map<string, Merges>();

  /** The sheet's merged areas (none when the adapter did not give them). */
  merges(sheet: string): Merges {
    let m = this.mergesBySheet.get(sheet);
    if (!m) this.mergesBySheet.set(sheet, (m = new Merges(this.grids.get(sheet)?.merges)));
    return m;
  }

  /** True when the cell may be written by the engine. */
  owns(sheet: string, row: number, col: number, intended: string | number | null): boolean {
    const g = this.grid(sheet);
    if (!g) return true;
    if (g.merges && this.merges(sheet).hidden(row, col)) return false;
    if (g.noWrite && inArea(g.noWrite, row, col)) return false;
    // Direct reads rather than grid.ts's helpers: this runs for every output cell.
    const i = row - g.originRow;
    const j = col - g.originCol;
    if (g.formulas?.[i]?.[j]) return false;
    const cur = g.values[i]?.[j] ?? null;
    if (cur === null || (typeof cur === "string" && cur.trim() === "")) return true;
    const recorded = this.previous.get(sheet, row, col);
    if (recorded !== undefined && sameAsRecorded(cur, recorded)) return true;
    return intended !== null && sameAsRecorded(cur, intended);
  }

  /**
   * Claims a cell for a write: false when there is nothing of ours to refresh or clear (null into a cell
   * never written), or when the cell holds foreign content (an OUTPUT_OCCUPIED finding); otherwise records
   * the value in the ledger and returns true.
   */
  private claim(
    sheet: string,
    row: number,
    col: number,
    value: string | number | null,
    what: string
  ): boolean {
    if (value === null && !this.previous.has(sheet, row, col)) return false;
    if (!this.owns(sheet, row, col, value)) {
      const g = this.grids.get(sheet);
      const content = g ? textAt(g, row, col) || formulaAt(g, row, col) : "";
      const params: Record<string, string | number> = this.merges(sheet).hidden(row, col)
        ? { merged: 1, what }
        : { content: content.length > 40 ? `${content.slice(0, 40)}…` : content, what };
      this.skipped.push({
        severity: "warning",
        code: "OUTPUT_OCCUPIED",
        sheet,
        cell: a1(row, col),
        message: issueMessage("OUTPUT_OCCUPIED", params, this.lang),
        params,
      });
      return false;
    }
    if (this.record) {
      if (value === null) this.ledger.delete(sheet, row, col);
      else this.ledger.set(sheet, row, col, value);
    }
    return true;
  }

  put(w: CellWrite, what: string): void {
    if (this.claim(w.sheet, w.row, w.col, w.value, what)) this.writes.push(w);
  }

  readonly runs: ColumnRun[] = [];

  /**
   * Puts one cell of an output column: appended to `open` when it is the cell right below that run's
   * last one, else the start of a new run. Returns the run to extend next, null when the cell was left
   * alone (which ends the run).
   */
  putInRun(
    open: ColumnRun | null,
    sheet: string,
    row: number,
    col: number,
    value: number | null,
    numberFormat: string,
    highlight: boolean,
    what: string
  ): ColumnRun | null {
    if (!this.claim(sheet, row, col, value, what)) return null;
    if (open && open.row + open.values.length === row) {
      open.values.push(value);
      open.highlight.push(highlight);
      return open;
    }
    const run: ColumnRun = {
      sheet,
      col,
      row,
      values: [value],
      numberFormat,
      highlight: [highlight],
    };
    this.runs.push(run);
    return run;
  }
}

/** Every cell a plan writes on user sheets, one CellWrite each: `writes`, then the runs cell by cell. */
export function cellWrites(plan: Pick<WritePlan, "writes" | "runs">): CellWrite[] {
  const out = plan.writes.slice();
  for (const r of plan.runs)
    r.values.forEach((value, i) =>
      out.push({
        sheet: r.sheet,
        row: r.row + i,
        col: r.col,
        value,
        numberFormat: r.numberFormat,
        highlight: r.highlight[i],
      })
    );
  return out;
}

/** How many cells a plan writes on user sheets. */
export function cellWriteCount(plan: Pick<WritePlan, "writes" | "runs">): number {
  let n = plan.writes.length;
  for (const r of plan.runs) n += r.values.length;
  return n;
}

/**
 * The first column right of the table where Score and Prepare add columns: past the table's last column,
 * and past merged cells that start in the table and reach further (a 偏差原因 column merged over G:H puts the
 * added columns at I, not inside the merge at H).
 */
export function outputStart(b: PlanBuilder, t: LocatedTable): number {
  return b.merges(t.sheet).rightEdge(t.headerRows[0], t.lastRow, t.firstCol, t.lastCol) + 1;
}

interface Scored {
  table: LocatedTable;
  score: TableScore;
}

/** True when every non-blank cell of the column holds what the ledger says the engine wrote there. */
function onlyOurs(g: SheetGrid, col: number, ledger: Ledger): boolean {
  const j = col - g.originCol;
  if (j < 0) return true;
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i][j];
    if (v === null || v === undefined || v === "") continue;
    const recorded = ledger.get(g.name, g.originRow + i, col);
    if (recorded === undefined || !sameAsRecorded(v, recorded)) return false;
  }
  return true;
}

/** Where a table's output went: the columns added right of it, and the rows and columns it reaches. */
interface TableOutput {
  sheet: string;
  /** The rows the output spans (the table's header to its last row, or the total row under it). */
  top: number;
  bottom: number;
  /** The right-most column written (an added column, or the grade beside a total under the table). */
  right: number;
}

/**
 * The column whose formats the added columns take, row by row: a figure column of the table's own (its
 * 分值, else 得分, else 指标值: short figures, usually centred, and present in every table), not a wide
 * free-text column (偏差原因, 绩效指标描述, often 实际完成值 too) whose left/top wrap would look wrong for scores.
 */
function formatSource(t: LocatedTable): number {
  const c = t.columns;
  return c.weight ?? c.score ?? c.target;
}

/** The row under the table is free for a total: blank (or ours) from the table's first column to `right`, and no table's. */
function freeRowBelow(
  b: PlanBuilder,
  t: LocatedTable,
  right: number,
  tables: readonly LocatedTable[]
): number | null {
  const row = t.lastRow + 1;
  if (tables.some((o) => o !== t && o.sheet === t.sheet && o.firstRow <= row && row <= o.lastRow))
    return null;
  for (let c = t.firstCol; c <= right; c++) if (!b.owns(t.sheet, row, c, null)) return null;
  return row;
}

function planTable(
  b: PlanBuilder,
  t: LocatedTable,
  s: TableScore,
  profile: Profile,
  previous: Ledger,
  tables: readonly LocatedTable[],
  formatLike: FormatLike[]
): TableOutput | null {
  const { sheet, columns: cols } = t;
  if (cols.actual === undefined) return null; // a plain target table: nothing to score yet
  const fmt = scoreFormat(profile.decimals);
  const res = s.result;
  // Review mode (§7): the score column holds the unit's own figures. They are never overwritten or
  // re-styled: the tool's scores go into an added 复核得分 column right of the table.
  const review = res.review === true;
  const first = outputStart(b, t);
  let next = first;
  // 分值 where the table has none (a 绩效目标表 read at year end): the weight the engine used, so that each
  // score can be checked against it.
  const weightCol = cols.weight === undefined ? next++ : null;
  let scoreCol: number;
  let completionCol: number;
  const header = (col: number, value: string) =>
    b.put({ sheet, row: t.headerRow, col, value, bold: true }, value);
  if (weightCol !== null) header(weightCol, "分值");
  if (!review) {
    scoreCol = cols.score ?? next++;
    completionCol = cols.completion ?? next++;
    if (cols.score === undefined) header(scoreCol, "得分");
  } else {
    completionCol = cols.completion ?? next++;
    scoreCol = next++;
    header(scoreCol, "复核得分");
  }
  if (cols.completion === undefined) header(completionCol, "完成率");
  // In review mode the table's own 完成率 column is the unit's too when it holds anything of theirs.
  const writeCompletion =
    !review ||
    cols.completion === undefined ||
    s.result.indicators.every((r) => b.owns(sheet, r.row - 1, completionCol, null));

  let weights: ColumnRun | null = null;
  let completions: ColumnRun | null = null;
  let scores: ColumnRun | null = null;
  for (const r of s.result.indicators) {
    const row = r.row - 1; // the report's rows are numbered as Excel shows them
    const unmet = r.status === "unmet";
    if (weightCol !== null)
      weights = b.putInRun(weights, sheet, row, weightCol, r.weight, "General", false, "分值");
    if (writeCompletion)
      completions = b.putInRun(
        completions,
        sheet,
        row,
        completionCol,
        r.completion,
        PCT,
        unmet,
        "完成率"
      );
    scores = b.putInRun(
      scores,
      sheet,
      row,
      scoreCol,
      r.score,
      fmt,
      unmet,
      review ? "复核得分" : "得分"
    );
    // The unit's actual cells are marked only outside review mode: in review nothing of theirs is re-styled.
    if (unmet && !review) b.unmetCells.push({ sheet, row, col: cols.actual });
    // A score the engine wrote into the unit's column on an earlier run, still as written: cleared, so
    // that the column holds the unit's figures only.
    if (
      review &&
      cols.score !== undefined &&
      previous.has(sheet, row, cols.score) &&
      b.owns(sheet, row, cols.score, null)
    )
      b.put({ sheet, row, col: cols.score, value: null, highlight: false }, "得分");
  }

  /**
   * In review mode a funding-block cell holding the unit's figure is left alone, without a finding, even
   * when it equals the tool's (taking it would make it read as the tool's own on the next run).
   */
  const mayWrite = (row: number, col: number) => !review || b.owns(sheet, row, col, null);
  if (t.budget.rateCell && mayWrite(t.budget.rateCell.row, t.budget.rateCell.col))
    b.put({ sheet, ...t.budget.rateCell, value: res.budget.rate, numberFormat: PCT }, "执行率");
  if (t.budget.scoreCell && mayWrite(t.budget.scoreCell.row, t.budget.scoreCell.col))
    b.put({ sheet, ...t.budget.scoreCell, value: res.budget.score, numberFormat: fmt }, "预算得分");

  const lastAdded = next - 1;
  const out: TableOutput = {
    sheet,
    top: t.headerRows[0],
    bottom: t.lastRow,
    right: Math.max(t.lastCol, lastAdded),
  };
  const what = review ? "复核总分" : "总分";
  if (t.totalRow !== null)
    b.put(
      { sheet, row: t.totalRow, col: scoreCol, value: res.total, numberFormat: fmt, bold: true },
      what
    );
  else if (scoreCol > t.firstCol) {
    // No 合计 row: the total goes into the row under the table, labelled, when that row is free (else
    // it is in the summary and on the form only). The grade beside it where that is a column Score added
    // (完成率); else in the label: never under a column of the user's (their 偏差原因) nor past the
    // printed columns.
    const gradeCol = scoreCol + 1 >= first && scoreCol + 1 <= lastAdded ? scoreCol + 1 : null;
    const row = freeRowBelow(b, t, out.right, tables);
    if (row !== null) {
      const grade = res.grade ?? null;
      const label = gradeCol === null && grade ? `${what}（${grade}）` : what;
      b.put({ sheet, row, col: scoreCol - 1, value: label, bold: true }, what);
      b.put({ sheet, row, col: scoreCol, value: res.total, numberFormat: fmt, bold: true }, what);
      if (gradeCol !== null) b.put({ sheet, row, col: gradeCol, value: grade, bold: true }, "等级");
      out.bottom = row;
    }
  }

  // The added columns take the table's own header and body formats, cell by cell where the cell is ours
  // to format: a user's cell there keeps its look. Once the sheet is marked formatted, only cells not yet
  // the tool's take them (a fill the user gave a tool's cell since stays, as highlight-off keeps it).
  if (lastAdded >= first) {
    const from = formatSource(t);
    const again = previous.formatted(sheet);
    const cells: { row: number; col: number }[] = [];
    for (let row = t.headerRows[0]; row <= t.lastRow; row++)
      for (let col = first; col <= lastAdded; col++)
        if (b.owns(sheet, row, col, null) && !(again && previous.has(sheet, row, col)))
          cells.push({ row, col });
    b.ledger.setFormatted(sheet);
    for (const { rect } of toRects(cells)) formatLike.push({ sheet, rect, fromCol: from });
  }
  return out;
}

/** Grows `area` to hold the output rectangles that start inside it; null when it already does. */
function grown(area: Rect, outputs: readonly TableOutput[]): Rect | null {
  let right = area.col + area.cols - 1;
  let bottom = area.row + area.rows - 1;
  for (const o of outputs) {
    // Only output of tables the area prints (their first row inside it) pulls it wider.
    if (o.top < area.row || o.top > area.row + area.rows - 1) continue;
    right = Math.max(right, o.right);
    bottom = Math.max(bottom, o.bottom);
  }
  if (right === area.col + area.cols - 1 && bottom === area.row + area.rows - 1) return null;
  return { row: area.row, col: area.col, rows: bottom - area.row + 1, cols: right - area.col + 1 };
}

const sameRect = (a: Rect | null | undefined, b: Rect | null | undefined) =>
  !!a && !!b && a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;

/**
 * Print areas: a sheet's print area grows over the columns (and a total row) Score added to the tables it
 * prints; the area it had is recorded so that Clear puts it back. An area the user changed since the
 * engine set it is theirs: it becomes the one recorded, and grows only if it must.
 */
function planPrintAreas(
  grids: Map<string, SheetGrid>,
  outputs: readonly TableOutput[],
  ledger: Ledger
): NonNullable<WritePlan["printAreas"]> {
  const out: NonNullable<WritePlan["printAreas"]> = [];
  const sheets = new Set([...outputs.map((o) => o.sheet), ...ledger.sheetsWithPrintAreas()]);
  for (const sheet of [...sheets].sort()) {
    const current = grids.get(sheet)?.printArea ?? null;
    const rec = ledger.printArea(sheet);
    const ours = rec !== undefined && sameRect(current, rec.set);
    if (!ours) ledger.deletePrintArea(sheet);
    if (!current) continue;
    const area = grown(
      current,
      outputs.filter((o) => o.sheet === sheet)
    );
    if (area) {
      ledger.setPrintArea(sheet, { original: ours ? rec!.original : current, set: area });
      out.push({ sheet, area });
    } else if (ours) out.push({ sheet, area: current }); // as set before: the same plan as last time
  }
  return out;
}

/**
 * Column widths the engine set on an earlier run (the old result block's) where the column now holds
 * nothing of the engine's: the standard width goes back, so that an empty column never widens the page.
 */
function resetStaleWidths(
  b: PlanBuilder,
  grids: Map<string, SheetGrid>,
  previous: Ledger
): NonNullable<WritePlan["columnWidths"]> {
  const out: NonNullable<WritePlan["columnWidths"]> = [];
  for (const sheet of previous.sheetsWithWidths()) {
    const g = grids.get(sheet);
    if (!g) continue;
    for (const [col, width] of previous.widthsOf(sheet)) {
      if (b.ledger.column(sheet, col).some(([, v]) => v !== null)) continue;
      if (!onlyOurs(g, col, previous)) continue;
      out.push({ sheet, col, width, reset: true });
      b.ledger.deleteWidth(sheet, col);
    }
  }
  return out;
}

/**
 * One of the tool's sheets, rebuilt when it is the engine's (or absent), else left alone with a finding.
 * Returns the plan to apply, or null.
 */
function ownSheet(
  b: PlanBuilder,
  grids: Map<string, SheetGrid>,
  previous: Ledger,
  name: string,
  make: () => OwnSheetPlan | null,
  lang: Lang
): OwnSheetPlan | null {
  if (grids.has(name) && !ownSheetIsOurs(grids, previous, name)) {
    const params: Record<string, string> = { sheetName: name };
    if (name === FORMS_SHEET) params.what = "forms";
    b.skipped.push({
      severity: "warning",
      code: "OUTPUT_OCCUPIED",
      sheet: name,
      cell: null,
      message: issueMessage("OUTPUT_OCCUPIED", params, lang),
      params,
    });
    return null;
  }
  const plan = make();
  if (plan) recordOwnSheet(b.ledger, plan);
  return plan;
}

/**
 * Output an earlier run wrote beside a table and this run did not write again, still as written: cleared.
 * The layout beside a table changes when a table enters or leaves review mode (§7: a 复核得分 column) or
 * gains a 合计 row; and earlier versions wrote a result block (评分结果, 预算执行率 … 未达成指标数) right of
 * each table, which this version no longer writes. What an old layout left would otherwise stay, stale,
 * among the new figures. Looked at: cells of the table's rows from its first output column on, and of
 * the row under it (where a total may have been written) from its first column; only those the ledger
 * recorded and that still hold what it recorded (never a user's).
 */
function clearStale(b: PlanBuilder, scored: Scored[], previous: Ledger): void {
  const rectsBySheet = new Map<
    string,
    { top: number; bottom: number; left: number; firstCol: number }[]
  >();
  for (const { table: t } of scored) {
    if (t.columns.actual === undefined) continue;
    let list = rectsBySheet.get(t.sheet);
    if (!list) rectsBySheet.set(t.sheet, (list = []));
    list.push({
      top: t.firstRow,
      bottom: t.lastRow,
      left: outputStart(b, t),
      firstCol: t.firstCol,
    });
  }
  if (rectsBySheet.size === 0) return;
  // What this plan writes there: single cells by key, output columns as runs (most of the cells, kept as
  // intervals rather than one key each).
  const key = (row: number, col: number) => row * 16384 + col;
  const written = new Map<string, Set<number>>();
  const runsAt = new Map<string, Map<number, ColumnRun[]>>();
  for (const sheet of rectsBySheet.keys()) {
    written.set(sheet, new Set());
    runsAt.set(sheet, new Map());
  }
  for (const w of b.writes) written.get(w.sheet)?.add(key(w.row, w.col));
  for (const r of b.runs) {
    const byCol = runsAt.get(r.sheet);
    if (!byCol) continue;
    const list = byCol.get(r.col);
    if (list) list.push(r);
    else byCol.set(r.col, [r]);
  }
  for (const byCol of runsAt.values())
    for (const list of byCol.values()) list.sort((x, y) => x.row - y.row);
  /** A run of the column covers the row: the last run starting at or above it (runs do not overlap). */
  const inRun = (list: ColumnRun[] | undefined, row: number): boolean => {
    if (!list) return false;
    const found = lastStartingAtOrAbove(list, row);
    return found >= 0 && row < list[found].row + list[found].values.length;
  };
  for (const [sheet, rects] of rectsBySheet) {
    rects.sort((x, y) => x.top - y.top);
    const set = written.get(sheet)!;
    const byCol = runsAt.get(sheet)!;
    const stale: [number, number][] = [];
    for (const [row, col] of previous.cellsOf(sheet)) {
      // The table whose rows hold this cell: the last one starting at or above it.
      let lo = 0;
      let hi = rects.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (rects[mid].top <= row) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) continue;
      const rect = rects[found];
      if (row > rect.bottom + 1 || col < (row > rect.bottom ? rect.firstCol : rect.left)) continue;
      if (set.has(key(row, col)) || inRun(byCol.get(col), row)) continue;
      stale.push([row, col]);
    }
    for (const [row, col] of stale) {
      if (!b.owns(sheet, row, col, null)) continue; // edited since: the user's now
      b.put(
        { sheet, row, col, value: null, numberFormat: "General", highlight: false, bold: false },
        "旧输出"
      );
    }
  }
}

/**
 * The writes of Score: output cells of every table (分值 / 得分 / 完成率 columns in the table's own format,
 * the funding block's 执行率 / 得分, the total), print areas grown over them, the summary sheet, the forms
 * sheet, the ledger.
 */
export function planWrites(
  grids: Map<string, SheetGrid>,
  scored: Scored[],
  ledger: Ledger,
  profile: Profile,
  lang: Lang,
  defaultYear: number = new Date().getFullYear()
): WritePlan {
  const b = new PlanBuilder(grids, ledger, lang);
  const tables = scored.map((s) => s.table);
  const formatLike: FormatLike[] = [];
  const outputs: TableOutput[] = [];
  for (const s of scored) {
    const o = planTable(b, s.table, s.score, profile, ledger, tables, formatLike);
    if (o) outputs.push(o);
  }
  if (ledger.size > 0) clearStale(b, scored, ledger);
  const columnWidths = resetStaleWidths(b, grids, ledger);
  const printAreas = planPrintAreas(grids, outputs, b.ledger);

  let infos: ProjectInfo[] | null = null;
  const sources = () => {
    infos ??= scored.map((s) => projectInfo(grids.get(s.table.sheet)!, s.table));
    return scored.map((s, i) => ({ table: s.table, result: s.score.result, info: infos![i] }));
  };
  const any = scored.length > 0;
  const summary = ownSheet(
    b,
    grids,
    ledger,
    SUMMARY_SHEET,
    () => (any ? planSummary(sources(), profile, defaultYear) : null),
    lang
  );
  const forms = ownSheet(
    b,
    grids,
    ledger,
    FORMS_SHEET,
    () => (any ? planForms(sources(), profile, defaultYear) : null),
    lang
  );
  return {
    writes: b.writes,
    runs: b.runs,
    summary,
    forms,
    formatLike,
    printAreas,
    unmetCells: b.unmetCells,
    ledger: b.ledger,
    skipped: b.skipped,
    columnWidths,
  };
}
