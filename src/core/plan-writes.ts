import { a1, sheetRef } from "./a1";
import { textAt, formulaAt } from "./grid";
import { Ledger } from "./ledger";
import { Merges, lastStartingAtOrAbove } from "./merges";
import { roundHalfUp } from "./decimal";
import { issueMessage } from "./messages";
import { TableScore } from "./score-table";
import {
  CellValue,
  CellWrite,
  ColumnRun,
  Issue,
  Lang,
  LocatedTable,
  MergedArea,
  Profile,
  SheetGrid,
  SummarySheetPlan,
  WritePlan,
} from "./types";

export const SUMMARY_SHEET = "评分汇总";

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

/** A cell still holds what the ledger recorded (numbers to within float noise, text trimmed). */
export function sameAsRecorded(
  cur: CellValue | undefined,
  recorded: string | number | null
): boolean {
  if (cur === undefined) cur = null;
  if (recorded === null) return cur === null || (typeof cur === "string" && cur.trim() === "");
  if (typeof recorded === "number")
    return (
      typeof cur === "number" && Math.abs(cur - recorded) <= 1e-9 * Math.max(1, Math.abs(recorded))
    );
  return typeof cur === "string" && cur.trim() === recorded.trim();
}

/**
 * The summary sheet is the engine's to rebuild or remove: the ledger says the engine made it, and it still
 * holds exactly what was written (a note typed beside it, or a figure changed, makes it the user's). A
 * ledger from before summary cells were recorded is trusted on the sheet's name alone.
 */
export function summaryIsOurs(grids: Map<string, SheetGrid>, ledger: Ledger): boolean {
  if (!ledger.ownsSheet(SUMMARY_SHEET)) return false;
  const g = grids.get(SUMMARY_SHEET);
  if (!g || ledger.columnsOf(SUMMARY_SHEET).length === 0) return true;
  for (const [row, col, value] of ledger.cellsOf(SUMMARY_SHEET))
    if (!sameAsRecorded(g.values[row - g.originRow]?.[col - g.originCol] ?? null, value))
      return false;
  for (let i = 0; i < g.values.length; i++) {
    const r = g.values[i];
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (v === null || (typeof v === "string" && v.trim() === "")) continue;
      if (!ledger.has(SUMMARY_SHEET, g.originRow + i, g.originCol + j)) return false;
    }
  }
  return true;
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

/** True when every cell of the column is blank or holds what the ledger says the engine wrote. */
function onlyOurs(g: SheetGrid, col: number, ledger: Ledger): boolean {
  const j = col - g.originCol;
  if (j < 0) return true;
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i][j];
    if (v === null || v === undefined || v === "") continue;
    if (!ledger.has(g.name, g.originRow + i, col)) return false;
  }
  return true;
}

/** 复核总分 − 自评总分 (§7), null outside review mode or when either is missing. */
function difference(r: TableScore["result"], decimals: number): number | null {
  if (!r.review || r.total === null || r.unitTotal === null || r.unitTotal === undefined)
    return null;
  return roundHalfUp(r.total - r.unitTotal, decimals);
}

function planTable(
  b: PlanBuilder,
  t: LocatedTable,
  s: TableScore,
  profile: Profile,
  widths: Map<string, number>,
  previous: Ledger
): void {
  const { sheet, columns: cols } = t;
  if (cols.actual === undefined) return; // a plain target table: nothing to score yet
  const fmt = scoreFormat(profile.decimals);
  const res = s.result;
  // Review mode (§7): the score column holds the unit's own figures. They are never overwritten or
  // re-styled: the tool's scores go into an added 复核得分 column right of the table.
  const review = res.review === true;
  let next = outputStart(b, t);
  let scoreCol: number;
  let completionCol: number;
  if (!review) {
    scoreCol = cols.score ?? next++;
    completionCol = cols.completion ?? next++;
    if (cols.score === undefined)
      b.put({ sheet, row: t.headerRow, col: scoreCol, value: "得分", bold: true }, "得分");
  } else {
    completionCol = cols.completion ?? next++;
    scoreCol = next++;
    b.put({ sheet, row: t.headerRow, col: scoreCol, value: "复核得分", bold: true }, "复核得分");
  }
  if (cols.completion === undefined)
    b.put({ sheet, row: t.headerRow, col: completionCol, value: "完成率", bold: true }, "完成率");
  // In review mode the table's own 完成率 column is the unit's too when it holds anything of theirs.
  const writeCompletion =
    !review ||
    cols.completion === undefined ||
    s.result.indicators.every((r) => b.owns(sheet, r.row - 1, completionCol, null));

  let completions: ColumnRun | null = null;
  let scores: ColumnRun | null = null;
  for (const r of s.result.indicators) {
    const row = r.row - 1; // the report's rows are numbered as Excel shows them
    const unmet = r.status === "unmet";
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
  if (t.totalRow !== null)
    b.put(
      { sheet, row: t.totalRow, col: scoreCol, value: res.total, numberFormat: fmt, bold: true },
      review ? "复核总分" : "总分"
    );

  // The per-table result block, right of the table after a one-column gap, kept within the table's own
  // rows so that it can never run into a neighbouring table: when the table is short, pairs go side by side.
  const labelCol = next + 1;
  const lines: [string, string | number | null, string | undefined][] = [
    ["评分结果", profile.name, undefined],
    ["预算执行率", res.budget.rate, PCT],
    ["预算执行得分", res.budget.score, fmt],
    ...res.categories.map((c): [string, number, string] => [
      `${c.level1 || "未分类指标"}得分`,
      c.score,
      fmt,
    ]),
    ...(review
      ? ([
          ["自评总分", res.unitTotal, fmt],
          ["复核总分", res.total, fmt],
          ["差异", difference(res, profile.decimals), fmt],
        ] as [string, number | null, string][])
      : ([["总分", res.total, fmt]] as [string, number | null, string][])),
    ["等级", res.grade, undefined],
    ["未达成指标数", res.indicators.filter((i) => i.status === "unmet").length, "0"],
  ];
  const rowsAvailable = Math.max(1, t.lastRow - t.firstRow + 1);
  const perRow = Math.ceil(lines.length / rowsAvailable);
  const height = Math.ceil(lines.length / perRow);
  for (let k = 0; k < perRow; k++) {
    widths.set(`${sheet}\u0000${labelCol + 2 * k}`, 14);
    widths.set(`${sheet}\u0000${labelCol + 2 * k + 1}`, 12);
  }
  lines.forEach(([label, value, numberFormat], i) => {
    const row = t.firstRow + (i % height);
    const col = labelCol + 2 * Math.floor(i / height);
    b.put({ sheet, row, col, value: label, bold: true }, label);
    b.put(
      {
        sheet,
        row,
        col: col + 1,
        value,
        numberFormat,
        bold: label === "总分" || label === "复核总分" || label === "等级",
      },
      label
    );
  });
}

const SUMMARY_HEADER = ["工作表", "项目名称", "预算数", "全年执行数", "预算执行率", "预算执行得分"];
const SUMMARY_TAIL = ["总分", "等级", "未达成指标数", "评分完整"];
/** With any table in review mode (§7): the unit's total, the reviewed total and their difference. */
const SUMMARY_TAIL_REVIEW = ["自评总分", "复核总分", "差异", "等级", "未达成指标数", "评分完整"];

function planSummary(scored: Scored[], profile: Profile): SummarySheetPlan {
  const cats = ["产出指标", "成本指标", "效益指标", "满意度指标"].filter((c) =>
    scored.some((s) => s.score.result.categories.some((k) => k.level1 === c))
  );
  const extra = [
    ...new Set(scored.flatMap((s) => s.score.result.categories.map((k) => k.level1))),
  ].filter(
    (c) => !cats.includes(c) && !["产出指标", "成本指标", "效益指标", "满意度指标"].includes(c)
  );
  const allCats = [...cats, ...extra];
  const anyReview = scored.some((s) => s.score.result.review);
  const header = [
    ...SUMMARY_HEADER,
    ...allCats,
    ...(anyReview ? SUMMARY_TAIL_REVIEW : SUMMARY_TAIL),
  ];
  const fmt = scoreFormat(profile.decimals);
  const writes: CellWrite[] = header.map((h, col) => ({
    sheet: SUMMARY_SHEET,
    row: 0,
    col,
    value: h,
    bold: true,
  }));
  scored.forEach(({ table: t, score: { result: r } }, i) => {
    const row = i + 1;
    const cells: [string | number | null, string | undefined][] = [
      [r.sheet, undefined],
      [r.project ?? t.title ?? `(${a1(t.headerRow, t.firstCol)})`, undefined],
      [r.budget.planned, "0.00"],
      [r.budget.executed, "0.00"],
      [r.budget.rate, PCT],
      [r.budget.score, fmt],
      ...allCats.map((c): [number | null, string] => [
        r.categories.find((k) => k.level1 === c)?.score ?? null,
        fmt,
      ]),
      ...(anyReview
        ? ([
            [r.unitTotal ?? null, fmt],
            [r.total, fmt],
            [difference(r, profile.decimals), fmt],
          ] as [number | null, string][])
        : ([[r.total, fmt]] as [number | null, string][])),
      [r.grade, undefined],
      [r.indicators.filter((x) => x.status === "unmet").length, "0"],
      [r.complete ? "是" : "否", undefined],
    ];
    cells.forEach(([value, numberFormat], col) => {
      if (value === null) return;
      const w: CellWrite = { sheet: SUMMARY_SHEET, row, col, value, numberFormat };
      if (col === 1) w.link = sheetRef(t.sheet, t.firstRow, t.firstCol);
      writes.push(w);
    });
  });
  const columnWidths = header.map((h, i) => (i === 1 ? 44 : Math.max(10, h.length * 2 + 2)));
  return { name: SUMMARY_SHEET, writes, columnWidths };
}

/**
 * Output an earlier run wrote beside a table and this run did not write again, still as written: cleared.
 * The layout beside a table changes when a table enters or leaves review mode (§7: a 复核得分 column, two
 * more lines in the result block) or gains or loses a category; what the old layout left would otherwise
 * stay, stale, among the new figures. Only cells of the table's rows from its first output column on are
 * looked at, and only those the ledger recorded and that still hold what it recorded (never a user's).
 */
function clearStale(b: PlanBuilder, scored: Scored[], previous: Ledger): void {
  const rectsBySheet = new Map<string, { top: number; bottom: number; left: number }[]>();
  for (const { table: t } of scored) {
    if (t.columns.actual === undefined) continue;
    let list = rectsBySheet.get(t.sheet);
    if (!list) rectsBySheet.set(t.sheet, (list = []));
    list.push({ top: t.firstRow, bottom: t.lastRow, left: outputStart(b, t) });
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
      if (row > rect.bottom || col < rect.left) continue;
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

/** The writes of Score: output cells of every table, the result blocks, the summary sheet, the ledger. */
export function planWrites(
  grids: Map<string, SheetGrid>,
  scored: Scored[],
  ledger: Ledger,
  profile: Profile,
  lang: Lang
): WritePlan {
  const b = new PlanBuilder(grids, ledger, lang);
  const widths = new Map<string, number>();
  for (const s of scored) planTable(b, s.table, s.score, profile, widths, ledger);
  if (ledger.size > 0) clearStale(b, scored, ledger);
  const columnWidths: NonNullable<WritePlan["columnWidths"]> = [];
  for (const [key, width] of widths) {
    const [sheet, col] = key.split("\u0000");
    const g = grids.get(sheet);
    if (g && onlyOurs(g, Number(col), ledger)) {
      columnWidths.push({ sheet, col: Number(col), width });
      // Recorded, so that Clear can put the standard width back where this width still stands.
      b.ledger.setWidth(sheet, Number(col), width);
    }
  }

  let summary: SummarySheetPlan | null = null;
  const foreignSummary = grids.has(SUMMARY_SHEET) && !summaryIsOurs(grids, ledger);
  if (foreignSummary) {
    const params = { sheetName: SUMMARY_SHEET };
    b.skipped.push({
      severity: "warning",
      code: "OUTPUT_OCCUPIED",
      sheet: SUMMARY_SHEET,
      cell: null,
      message: issueMessage("OUTPUT_OCCUPIED", params, lang),
      params,
    });
  } else if (scored.length > 0) {
    summary = planSummary(scored, profile);
    // Rebuilt whole: what was recorded of it before gives way to what is written now.
    const id = b.ledger.sheetId(SUMMARY_SHEET);
    b.ledger.dropSheet(SUMMARY_SHEET);
    b.ledger.addSheet(SUMMARY_SHEET);
    if (id !== undefined) b.ledger.setSheetId(SUMMARY_SHEET, id);
    for (const w of summary.writes)
      if (w.value !== null) b.ledger.set(SUMMARY_SHEET, w.row, w.col, w.value);
  }
  return {
    writes: b.writes,
    runs: b.runs,
    summary,
    unmetCells: b.unmetCells,
    ledger: b.ledger,
    skipped: b.skipped,
    columnWidths,
  };
}
