import { a1 } from "./a1";
import { categoryOf, isCost } from "./categories";
import { roundHalfUp, sumRounded } from "./decimal";
import { issueMessage } from "./messages";
import { parseTarget } from "./parse-target";
import { readActual } from "./read-actual";
import { IndicatorScore, scoreIndicator } from "./score-indicator";
import {
  ActualCell,
  ActualReading,
  CategoryResult,
  CellValue,
  Grade,
  IndicatorResult,
  Issue,
  IssueCode,
  Lang,
  LocatedTable,
  ParsedTarget,
  Pos,
  RawIndicator,
  Profile,
  Severity,
  TableResult,
  TargetContext,
} from "./types";
import { assignWeights } from "./weights";

/**
 * Parsing is memoised per run: real workbooks repeat the same targets (≥95%, 100%, 作用显著) and
 * actuals (100%, 达成) hundreds of times. Readings are shared, never mutated.
 */
export class ParseCache {
  /** Context key (cost, year, comparator, unit) → target text → parsed target. */
  private readonly targets = new Map<string, Map<string, ParsedTarget>>();
  /** The same for the common context without comparator and unit cells, by year: [not cost, cost]. */
  private readonly plainTargets = [
    new Map<number, Map<string, ParsedTarget>>(),
    new Map<number, Map<string, ParsedTarget>>(),
  ];
  /** Per target: displayed text → reading (the common case), and other keys (dates, raw values). */
  private readonly actuals = new Map<
    ParsedTarget,
    { byText: Map<string, ActualReading>; other: Map<string, ActualReading> }
  >();

  /** The parsed target of a row: its text in the context of its category, year and comparator/unit cells. */
  target(
    text: string,
    cost: boolean,
    defaultYear: number,
    comparator: string,
    unit: string
  ): ParsedTarget {
    // Nested maps, not one concatenated key: the context repeats on every row, the texts vary; and no key
    // string at all in the common case, where building one per row cost more than the lookup.
    let byText: Map<string, ParsedTarget> | undefined;
    if (comparator === "" && unit === "") {
      const byYear = this.plainTargets[cost ? 1 : 0];
      byText = byYear.get(defaultYear);
      if (!byText) byYear.set(defaultYear, (byText = new Map()));
    } else {
      const ctxKey = `${cost ? "c" : "n"}${defaultYear}\u0001${comparator}\u0001${unit}`;
      byText = this.targets.get(ctxKey);
      if (!byText) this.targets.set(ctxKey, (byText = new Map()));
    }
    let t = byText.get(text);
    if (!t) {
      const ctx: TargetContext = { defaultYear, cost };
      if (comparator !== "") ctx.comparator = comparator;
      if (unit !== "") ctx.unit = unit;
      t = parseTarget(text, ctx);
      byText.set(text, t);
    }
    return t;
  }

  /** The reading of an actual cell (value, displayed text, date or not) against its target. */
  actual(target: ParsedTarget, value: CellValue, text: string, isDate: boolean): ActualReading {
    let memo = this.actuals.get(target);
    if (!memo) this.actuals.set(target, (memo = { byText: new Map(), other: new Map() }));
    // What readActual looks at: a date cell's serial, else the displayed text, else the raw value.
    const plainText = !isDate && text !== "" && !text.startsWith("#");
    const map = plainText ? memo.byText : memo.other;
    const key = plainText ? text : isDate ? `d${String(value)}` : `v${String(value)}|${text}`;
    let r = map.get(key);
    if (!r) {
      const cell: ActualCell = { value, text, isDate };
      r = readActual(target, cell);
      map.set(key, r);
    }
    return r;
  }
}

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Content order of two indicators (level 2, name, description, target), whatever their rows. */
export function compareContent(
  a: RawIndicator,
  aTarget: string,
  b: RawIndicator,
  bTarget: string
): number {
  return (
    compareText(a.level2, b.level2) ||
    compareText(a.name, b.name) ||
    compareText(a.description, b.description) ||
    compareText(aTarget, bTarget)
  );
}

export interface TableScore {
  result: TableResult;
  issues: Issue[];
}

/** The reading of an indicator in a table without an actual column (shared, never mutated). */
const NO_ACTUAL: ActualReading = { status: "missing", notes: [] };

const CATEGORY_ORDER = ["产出指标", "成本指标", "效益指标", "满意度指标"];

export function gradeOf(total: number, grades: Profile["grades"]): Grade {
  if (total >= grades.优) return "优";
  if (total >= grades.良) return "良";
  if (total >= grades.中) return "中";
  return "差";
}

/**
 * The budget score followed by every row's score. A loop, not `[b, ...rows.map(…)]`: V8 specialises that
 * spread to the elements kind of the mapped array (small integers, doubles or mixed, which varies from
 * table to table), and it threw away scoreTable's optimised code on almost every table of a large sheet
 * (171 times in one benchmark process, 2026-12-02).
 */
function scoresWith(budgetScore: number, rows: IndicatorResult[]): number[] {
  const scores = [budgetScore];
  for (const r of rows) scores.push(r.score as number);
  return scores;
}

/** Scores one located table (scoring-spec §3, §4) and gathers its findings with sheet and cell. */
export function scoreTable(
  table: LocatedTable,
  profile: Profile,
  defaultYear: number,
  lang: Lang,
  cache = new ParseCache()
): TableScore {
  const issues: Issue[] = [];
  const { columns: cols, sheet } = table;
  const add = (
    code: IssueCode,
    severity: Severity,
    at: Pos | null,
    params: Record<string, string | number> = {}
  ) =>
    issues.push({
      severity,
      code,
      sheet,
      cell: at ? a1(at.row, at.col) : null,
      message: issueMessage(code, params, lang),
      params,
    });
  const headerCell = (col: number | undefined): Pos | null =>
    col === undefined ? null : { row: table.headerRow, col };

  const year = table.year ?? defaultYear;
  // Level-1/level-2 names repeat down a table: decide "cost" once per change, not per row.
  let prevL1: string | null = null;
  let prevL2: string | null = null;
  let cost = false;
  const targets = table.indicators.map((ind) => {
    if (ind.level1 !== prevL1 || ind.level2 !== prevL2) {
      prevL1 = ind.level1;
      prevL2 = ind.level2;
      cost = isCost(ind.level1, ind.level2);
    }
    return cache.target(ind.targetText, cost, year, ind.comparatorText, ind.unitText);
  });

  const w = assignWeights(table.indicators, {
    explicit: cols.weight !== undefined,
    stated: table.statedWeights,
    budgetWeight: table.budget.weight,
    profile,
    order: (a, b) =>
      compareContent(table.indicators[a], targets[a].text, table.indicators[b], targets[b].text),
  });
  for (const n of w.notes) {
    const ind = table.indicators[n.index];
    const params = { ...n.params, name: ind?.name ?? "" };
    const at =
      n.index < 0
        ? headerCell(cols.weight ?? cols.level1)
        : {
            row: ind.row,
            col: n.params.reason === "unknown" ? cols.level1 : (cols.weight ?? cols.level1),
          };
    add(n.code, n.severity, at, params);
  }

  const noActualColumn = cols.actual === undefined;
  if (noActualColumn && table.indicators.length > 0) {
    add("ACTUAL_MISSING", "warning", headerCell(cols.target), {
      noColumn: 1,
      project: table.project ?? table.title ?? "",
    });
  }

  const rows: IndicatorResult[] = table.indicators.map((ind, i) => {
    const target = targets[i];
    const reading = noActualColumn
      ? NO_ACTUAL
      : cache.actual(target, ind.actualValue, ind.actualText, ind.actualIsDate);
    const s = scoreIndicator(target, reading, w.weights[i], profile);
    const actualText = ind.actualText !== "" ? ind.actualText : null; // the locator trims cell text
    const needsFinding =
      target.kind === "unparsed" ||
      (s.status === "missing" && !noActualColumn) ||
      s.notes.length > 0 ||
      (s.status === "unmet" && ind.reasonText === "");
    if (needsFinding) addFindings(ind, target, s, actualText);
    return {
      row: ind.row + 1,
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      target: target.text,
      actual: actualText,
      kind: target.kind,
      weight: w.weights[i],
      completion: s.completion === null ? null : roundHalfUp(s.completion, 4),
      score: s.score,
      status: s.status,
    };
  });

  /** The findings of one indicator row (most rows have none: kept out of the loop above). */
  function addFindings(
    ind: RawIndicator,
    target: ParsedTarget,
    s: IndicatorScore,
    actualText: string | null
  ): void {
    const targetCell = { row: ind.row, col: cols.target };
    const actualCell = cols.actual === undefined ? targetCell : { row: ind.row, col: cols.actual };
    const base = { name: ind.name, actual: actualText ?? "", target: target.text };
    if (target.kind === "unparsed")
      add("TARGET_UNPARSED", "error", targetCell, { ...base, target: target.text.trim() });
    else if (s.status === "missing" && !noActualColumn)
      add("ACTUAL_MISSING", "error", actualCell, base);
    for (const note of s.notes)
      add(note.code, note.severity, actualCell, { ...base, ...(note.params ?? {}) });
    if (s.status === "unmet" && ind.reasonText === "") {
      const reasonCell =
        cols.reason === undefined ? actualCell : { row: ind.row, col: cols.reason };
      add(
        "REASON_MISSING",
        "warning",
        reasonCell,
        cols.reason === undefined ? { ...base, noColumn: 1 } : base
      );
    }
  }

  // Budget execution (§4).
  const b = table.budget;
  if (b.inconsistent)
    add("BUDGET_INCONSISTENT", "warning", b.plannedCell, { sum: b.planned ?? "" });
  let rate: number | null = null;
  let budgetScore: number | null = null;
  if (b.planned === null || b.planned === 0) {
    add(
      "BUDGET_MISSING",
      noActualColumn ? "warning" : "error",
      b.plannedCell ?? b.plannedLabelCell,
      { reason: "planned" }
    );
  } else if (b.executed === null) {
    add(
      "BUDGET_MISSING",
      noActualColumn ? "warning" : "error",
      b.executedCell ?? b.executedLabelCell ?? b.plannedLabelCell,
      { reason: "executed" }
    );
  } else {
    rate = b.executed / b.planned;
    budgetScore = roundHalfUp(w.budgetWeight * Math.min(Math.max(rate, 0), 1), profile.decimals);
  }

  // Categories and total: sums of rounded figures, so printed columns add up.
  const byCat = new Map<string, { weights: number[]; scores: number[] }>();
  for (const r of rows) {
    const name = categoryOf(r.level1) ?? r.level1;
    const e = byCat.get(name) ?? { weights: [], scores: [] };
    e.weights.push(r.weight);
    if (r.score !== null) e.scores.push(r.score);
    byCat.set(name, e);
  }
  const catNames = [...byCat.keys()].sort((x, y) => rank(x) - rank(y));
  const categories: CategoryResult[] = catNames.map((name) => {
    const e = byCat.get(name)!;
    return {
      level1: name,
      weight: sumRounded(e.weights, 6),
      score: sumRounded(e.scores, profile.decimals),
    };
  });

  const complete = budgetScore !== null && rows.length > 0 && rows.every((r) => r.score !== null);
  const total = complete
    ? sumRounded(scoresWith(budgetScore as number, rows), profile.decimals)
    : null;

  return {
    issues,
    result: {
      sheet,
      headerRow: table.headerRow + 1,
      layout: table.layout,
      project: table.project,
      indicators: rows,
      categories,
      budget: {
        planned: b.planned,
        executed: b.executed,
        rate: rate === null ? null : roundHalfUp(rate, 4),
        weight: w.budgetWeight,
        score: budgetScore,
      },
      total,
      grade: total === null ? null : gradeOf(total, profile.grades),
      complete,
    },
  };
}

function rank(name: string): number {
  const i = CATEGORY_ORDER.indexOf(name);
  return i < 0 ? CATEGORY_ORDER.length : i;
}
