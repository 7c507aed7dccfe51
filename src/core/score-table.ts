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
import { assignWeights, parseWeight, WeightBasis } from "./weights";
import { explainBudget, explainIndicator, explainWeight } from "./explain";
import { looksLikeFigure } from "./read-actual";

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

  /** Explanation lines (§8) by reading and weight: the same target, actual and weight give the same line. */
  private readonly explains = new Map<ActualReading, Map<number, string>>();

  /** The explanation of a score from `reading` at `weight`, built once per run and then shared. */
  explain(reading: ActualReading, weight: number, build: () => string): string {
    let byWeight = this.explains.get(reading);
    if (!byWeight) this.explains.set(reading, (byWeight = new Map()));
    let line = byWeight.get(weight);
    if (line === undefined) byWeight.set(weight, (line = build()));
    return line;
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

/** A 不适用 mark alone in a target cell (§1): `/`, `／`, `—`, `-`, `--`, `无`, `不适用`, `不涉及`, `N/A`, `NA`. */
const NA_MARK =
  /^(?:[/\\\u2010-\u2015\u2212\u2500\u2501\-~～]+|无|不适用|不涉及|暂不涉及|本项目不涉及|此项不适用|n\/?a|n\.a\.?)$/i;

/** Characters a 不适用 mark can start with (after white space): a cheap test before NFKC. */
const NA_FIRST = new Set([..."/／\\—–-－―─━‐‑−~～无不暂本此nNＮｎ"].map((c) => c.charCodeAt(0)));

export function isNotApplicableMark(text: string): boolean {
  if (text === "" || text.length > 12) return false;
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0x3000)) i++;
  if (i === text.length || !NA_FIRST.has(text.charCodeAt(i))) return false;
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  return s !== "" && NA_MARK.test(s);
}

/** A unit's own figure in a score cell: a number, or text such as `9`, `9.5分`. Null otherwise. */
export function unitFigure(value: unknown, text: string | undefined): number | null {
  if (typeof value === "number")
    return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : null;
  if (typeof value === "boolean") return null;
  const raw = typeof value === "string" && value.trim() !== "" ? value : (text ?? "");
  if (raw === "") return null;
  return parseWeight(raw);
}

/** The unit's execution rate as a fraction (`92%`, 0.92 shown as 92%, or `92` meaning 92 %). */
function unitRateOf(c: { value: unknown; text: string } | null | undefined): number | null {
  if (!c) return null;
  const pctShown = c.text.trim().endsWith("%");
  if (typeof c.value === "number") {
    if (!Number.isFinite(c.value)) return null;
    return pctShown || c.value <= 1.5 ? c.value : c.value / 100;
  }
  const s = c.text.normalize("NFKC").replace(/\s+/g, "");
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  return pctShown || n > 1.5 ? n / 100 : n;
}

/** Codes added with issue 17: their messages name the sheet and the cell. */
const PLACED = new Set<IssueCode>([
  "TARGET_MISSING",
  "NOT_APPLICABLE",
  "HIDDEN_ROWS",
  "BUDGET_INVALID",
  "SCORE_DIFFERS",
  "TOTAL_DIFFERS",
]);

/** Scores one located table (scoring-spec §3, §4, §7, §8) and gathers its findings with sheet and cell. */
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
  ) => {
    const cell = at ? a1(at.row, at.col) : null;
    if (PLACED.has(code)) params = { ...params, sheet, cell: cell ?? "" };
    issues.push({
      severity,
      code,
      sheet,
      cell,
      message: issueMessage(code, params, lang),
      params,
    });
  };
  const headerCell = (col: number | undefined): Pos | null =>
    col === undefined ? null : { row: table.headerRow, col };
  /** Where a finding about the whole table points (§4): the weight header, else the level-1 header. */
  const tableCell = (): Pos | null => headerCell(cols.weight ?? cols.level1);

  // Hidden rows (§1): one finding per table, at the first hidden row's level-3 cell.
  const hiddenRows = table.hiddenIndicatorRows ?? [];
  if (hiddenRows.length > 0) {
    const shown = hiddenRows.slice(0, 10).map((r) => r + 1);
    add(
      "HIDDEN_ROWS",
      "info",
      { row: hiddenRows[0], col: cols.level3 },
      {
        count: hiddenRows.length,
        rows: shown.join("、") + (hiddenRows.length > 10 ? "…" : ""),
        ...(profile.hiddenRows === "include" ? { included: 1 } : {}),
      }
    );
  }

  // Not applicable rows (§1): not scored, no share of the weights, not listed.
  let indicators = table.indicators;
  if (indicators.some((ind) => isNotApplicableMark(ind.targetText))) {
    indicators = [];
    for (const ind of table.indicators) {
      if (!isNotApplicableMark(ind.targetText)) {
        indicators.push(ind);
        continue;
      }
      const w = cols.weight === undefined ? null : parseWeight(ind.weightText);
      add(
        "NOT_APPLICABLE",
        w !== null && w > 0 ? "warning" : "info",
        {
          row: ind.row,
          col: cols.target,
        },
        {
          name: ind.name,
          target: ind.targetText,
          ...(w !== null && w > 0 ? { weight: w } : {}),
        }
      );
    }
  }

  const year = table.year ?? defaultYear;
  // Level-1/level-2 names repeat down a table: decide "cost" once per change, not per row.
  let prevL1: string | null = null;
  let prevL2: string | null = null;
  let cost = false;
  const targets = indicators.map((ind) => {
    if (ind.level1 !== prevL1 || ind.level2 !== prevL2) {
      prevL1 = ind.level1;
      prevL2 = ind.level2;
      cost = isCost(ind.level1, ind.level2);
    }
    return cache.target(ind.targetText, cost, year, ind.comparatorText, ind.unitText);
  });

  const w = assignWeights(indicators, {
    explicit: cols.weight !== undefined,
    stated: table.statedWeights,
    budgetWeight: table.budget.weight,
    profile,
  });
  for (const n of w.notes) {
    const ind = indicators[n.index];
    const params = { ...n.params, name: ind?.name ?? "" };
    const at =
      n.index < 0
        ? tableCell()
        : {
            row: ind.row,
            col: n.params.reason === "unknown" ? cols.level1 : (cols.weight ?? cols.level1),
          };
    add(n.code, n.severity, at, params);
  }

  const noActualColumn = cols.actual === undefined;
  if (noActualColumn && indicators.length > 0) {
    add("ACTUAL_MISSING", "warning", headerCell(cols.target), {
      noColumn: 1,
      project: table.project ?? table.title ?? "",
    });
  }

  // Review mode (§7): the score column holds figures the engine did not write.
  const unitTotalCell = table.totalScore
    ? unitFigure(table.totalScore.value, table.totalScore.text)
    : null;
  // Figures that are all 0 are a template's formulas (=SUM over blank cells), not a unit's scores.
  let review = unitTotalCell !== null && unitTotalCell !== 0;
  const unitScores = indicators.map((ind) => {
    if (ind.scoreText === undefined) return null;
    const u = unitFigure(ind.scoreValue, ind.scoreText);
    if (u !== null && u !== 0) review = true;
    return u;
  });

  const tolerance = profile.reviewTolerance + 1e-9;
  /** Weight lines by basis (shared per category, or one per kind) and weight: a few per table. */
  const weightLines = new Map<WeightBasis, Map<number, string>>();
  const weightLine = (basis: WeightBasis, weight: number): string => {
    let byWeight = weightLines.get(basis);
    if (!byWeight) weightLines.set(basis, (byWeight = new Map()));
    let line = byWeight.get(weight);
    if (line === undefined)
      byWeight.set(weight, (line = explainWeight(basis, weight, profile.decimals, lang)));
    return line;
  };
  const rows: IndicatorResult[] = indicators.map((ind, i) => {
    const target = targets[i];
    const actualText = ind.actualText !== "" ? ind.actualText : null; // the locator trims cell text
    const weight = w.weights[i];
    const weightExplain = weightLine(w.basis[i], weight);
    const unitScore = review ? unitScores[i] : null;
    if (ind.targetText === "") {
      // A weighted row, or one with an actual, and no target (§1): never dropped silently.
      const has =
        ind.weightText !== "" && actualText !== null
          ? "both"
          : ind.weightText !== ""
            ? "weight"
            : "actual";
      add("TARGET_MISSING", "error", { row: ind.row, col: cols.target }, { name: ind.name, has });
      return {
        row: ind.row + 1,
        level1: ind.level1,
        level2: ind.level2,
        name: ind.name,
        target: "",
        actual: actualText,
        kind: "unparsed",
        weight,
        completion: null,
        score: null,
        status: "invalid",
        unitScore,
        explain: null,
        weightExplain,
      };
    }
    const reading = noActualColumn
      ? NO_ACTUAL
      : cache.actual(target, ind.actualValue, ind.actualText, ind.actualIsDate);
    const s = scoreIndicator(target, reading, weight, profile);
    const completion = s.completion === null ? null : roundHalfUp(s.completion, 4);
    // A text target a figure cannot be measured against (`较低` with the actual 3%): the target is what to fix.
    const targetAtFault =
      target.kind === "qualitative" &&
      s.status === "invalid" &&
      actualText !== null &&
      looksLikeFigure(actualText);
    const needsFinding =
      target.kind === "unparsed" ||
      targetAtFault ||
      (s.status === "missing" && !noActualColumn) ||
      s.notes.length > 0 ||
      (s.status === "unmet" && ind.reasonText === "");
    if (needsFinding) addFindings(ind, target, s, actualText, targetAtFault);
    const explain =
      s.score !== null && s.basis !== undefined && completion !== null
        ? cache.explain(reading, weight, () =>
            explainIndicator(
              {
                target,
                basis: s.basis!,
                weight,
                completion,
                score: s.score!,
                decimals: profile.decimals,
              },
              lang
            )
          )
        : null;
    if (
      unitScore !== null &&
      s.score !== null &&
      Math.abs(unitScore - s.score) > tolerance &&
      cols.score !== undefined
    )
      add(
        "SCORE_DIFFERS",
        "warning",
        { row: ind.row, col: cols.score },
        {
          name: ind.name,
          unit: unitScore,
          review: s.score,
          explain: explain ?? "",
          decimals: profile.decimals,
        }
      );
    return {
      row: ind.row + 1,
      level1: ind.level1,
      level2: ind.level2,
      name: ind.name,
      target: target.text,
      actual: actualText,
      kind: target.kind,
      weight,
      completion,
      score: s.score,
      status: targetAtFault ? "invalid" : s.status,
      unitScore,
      explain,
      weightExplain,
    };
  });

  /** The findings of one indicator row (most rows have none: kept out of the loop above). */
  function addFindings(
    ind: RawIndicator,
    target: ParsedTarget,
    s: IndicatorScore,
    actualText: string | null,
    targetAtFault: boolean
  ): void {
    const targetCell = { row: ind.row, col: cols.target };
    const actualCell = cols.actual === undefined ? targetCell : { row: ind.row, col: cols.actual };
    const base = { name: ind.name, actual: actualText ?? "", target: target.text };
    if (target.kind === "unparsed" || targetAtFault) {
      // The target is what cannot be read: the finding names it, at its own cell, and nothing is said
      // of the actual, which cannot be judged without it.
      add("TARGET_UNPARSED", "error", targetCell, {
        ...base,
        target: target.text.trim(),
        ...(targetAtFault ? { numericActual: 1 } : {}),
      });
      return;
    }
    if (s.status === "missing" && !noActualColumn) add("ACTUAL_MISSING", "error", actualCell, base);
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
  const invalid = b.invalid ?? [];
  for (const inv of invalid) {
    const negative = /^-/.test(inv.text.normalize("NFKC").trim());
    add("BUDGET_INVALID", "error", inv.cell, {
      text: inv.text,
      what: inv.what,
      unit: b.unit ?? "万元",
      ...(negative ? { reason: "negative" } : {}),
    });
  }
  const invalidSide = (what: "planned" | "executed") => invalid.some((x) => x.what === what);
  let rate: number | null = null;
  let budgetScore: number | null = null;
  if (b.planned === null || b.planned === 0) {
    if (!invalidSide("planned"))
      add(
        "BUDGET_MISSING",
        noActualColumn ? "warning" : "error",
        b.plannedCell ?? b.plannedLabelCell ?? tableCell(),
        { reason: "planned" }
      );
  } else if (b.executed === null) {
    if (!invalidSide("executed"))
      add(
        "BUDGET_MISSING",
        noActualColumn ? "warning" : "error",
        b.executedCell ?? b.executedLabelCell ?? b.plannedLabelCell ?? tableCell(),
        { reason: "executed" }
      );
  } else {
    rate = b.executed / b.planned;
    budgetScore = roundHalfUp(w.budgetWeight * Math.min(Math.max(rate, 0), 1), profile.decimals);
  }
  const reportedRate = rate === null ? null : roundHalfUp(rate, 4);
  const budgetExplain =
    budgetScore !== null && reportedRate !== null
      ? explainBudget(
          {
            planned: b.planned as number,
            executed: b.executed as number,
            rate: reportedRate,
            weight: w.budgetWeight,
            score: budgetScore,
            decimals: profile.decimals,
          },
          lang
        )
      : null;

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

  // The unit's own budget figures and total, compared (§7).
  let unitBudgetScore: number | null = null;
  let unitRate: number | null = null;
  let unitTotal: number | null = null;
  if (review) {
    unitBudgetScore = b.unitScore ? unitFigure(b.unitScore.value, b.unitScore.text) : null;
    unitRate = unitRateOf(b.unitRate);
    if (
      unitBudgetScore !== null &&
      budgetScore !== null &&
      b.scoreCell &&
      Math.abs(unitBudgetScore - budgetScore) > tolerance
    )
      add("SCORE_DIFFERS", "warning", b.scoreCell, {
        what: "budget",
        unit: unitBudgetScore,
        review: budgetScore,
        explain: budgetExplain ?? "",
        decimals: profile.decimals,
      });
    if (
      unitRate !== null &&
      reportedRate !== null &&
      b.rateCell &&
      Math.abs(unitRate - reportedRate) * 100 > tolerance
    )
      add("SCORE_DIFFERS", "warning", b.rateCell, {
        what: "budgetRate",
        unit: roundHalfUp(unitRate, 4),
        review: reportedRate,
        explain: budgetExplain ?? "",
      });
    let fromRows = false;
    if (unitTotalCell !== null) unitTotal = unitTotalCell;
    else {
      // The sum of the unit's own scores, when it scored every row (a partial sum is no total).
      const own = rows.map((r) => r.unitScore).filter((x): x is number => x !== null);
      if (own.length > 0 && own.length === rows.length) {
        if (unitBudgetScore !== null) own.push(unitBudgetScore);
        unitTotal = sumRounded(own, Math.max(profile.decimals, 2));
        fromRows = true;
      }
    }
    if (unitTotal !== null && total !== null && Math.abs(unitTotal - total) > tolerance) {
      const at =
        unitTotalCell !== null && table.totalRow !== null && cols.score !== undefined
          ? { row: table.totalRow, col: cols.score }
          : tableCell();
      add("TOTAL_DIFFERS", "warning", at, {
        unit: unitTotal,
        review: total,
        difference: roundHalfUp(total - unitTotal, profile.decimals),
        decimals: profile.decimals,
        ...(fromRows ? { fromRows: 1 } : {}),
      });
    }
  }

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
        rate: reportedRate,
        weight: w.budgetWeight,
        score: budgetScore,
        explain: budgetExplain,
        unitScore: unitBudgetScore,
        unitRate: unitRate === null ? null : roundHalfUp(unitRate, 4),
      },
      total,
      // A grade only on a 100-point scale (§4): with weights ≠ 100 the total stands, ungraded.
      grade: total === null || !w.hundred ? null : gradeOf(total, profile.grades),
      complete,
      review,
      unitTotal,
    },
  };
}

function rank(name: string): number {
  const i = CATEGORY_ORDER.indexOf(name);
  return i < 0 ? CATEGORY_ORDER.length : i;
}
