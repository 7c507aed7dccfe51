/**
 * One-line explanations of every figure (scoring-spec §8): an indicator's score, its weight share and the
 * budget score, in Chinese or English. Each is built from the numbers the score itself used (the reading,
 * the basis scoreIndicator kept, the reported completion, weight and score): never a second computation
 * that could disagree.
 */
import { ScoreBasis } from "./score-indicator";
import { Lang, ParsedTarget, TargetKind } from "./types";
import { WeightBasis } from "./weights";

/** A number with at most `max` decimals, trailing zeros dropped (`265`, `7.14`, `0.5`). */
export function plainNumber(x: number, max = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** max;
  const r = Math.round(x * f) / f;
  return (r === 0 ? 0 : r).toString();
}

/** A fraction as a percentage with at most 2 decimals (`0.9464` → `94.64%`, `0.8` → `80%`). */
export function percent(fraction: number): string {
  return `${plainNumber(fraction * 100, 2)}%`;
}

/** A score at the profile's decimals (`8.00`). */
export function fixed(x: number, decimals: number): string {
  return x.toFixed(decimals);
}

const KIND_ZH: Record<TargetKind, string> = {
  higher: "正向指标",
  equal: "等值指标",
  lower: "反向指标",
  range: "区间指标",
  deadline: "时限指标",
  qualitative: "定性指标",
  "as-incurred": "据实指标",
  unparsed: "指标",
};
const KIND_EN: Record<TargetKind, string> = {
  higher: "Higher is better",
  equal: "Equal to target",
  lower: "Lower is better",
  range: "Within a range",
  deadline: "Deadline",
  qualitative: "Qualitative",
  "as-incurred": "As incurred",
  unparsed: "Indicator",
};
const BAND_EN = { 达成: "achieved", 部分达成: "partly achieved", 未达成: "not achieved" } as const;

export interface IndicatorFigures {
  target: ParsedTarget;
  basis: ScoreBasis;
  weight: number;
  /** Completion and score as reported (completion rounded to 4 decimals). */
  completion: number;
  score: number;
  decimals: number;
}

/** The line of one scored indicator. */
export function explainIndicator(f: IndicatorFigures, lang: Lang): string {
  const { target: t, basis, weight, completion, score, decimals } = f;
  const zh = lang !== "en";
  const unit = t.unit ?? "";
  const q = (x: number | undefined) => `${plainNumber(x ?? 0)}${unit}`;
  const capped = Math.min(completion, 1);
  const scorePart = zh
    ? `得分 = 分值 ${plainNumber(weight)} × ${percent(capped)} = ${fixed(score, decimals)}`
    : `score = ${plainNumber(weight)} × ${percent(capped)} = ${fixed(score, decimals)}`;
  const cap = completion > 1 ? (zh ? `，超过 100% 按 100% 计` : `, counted as 100%`) : "";
  const name = zh ? KIND_ZH[t.kind] : KIND_EN[t.kind];

  if (basis.rule === "band") {
    const band = zh ? basis.band : BAND_EN[basis.band];
    const pctText = percent(basis.fraction);
    if (basis.doneWord)
      return zh
        ? `${name}：实际完成值为文字，按${band}（${pctText}）计；${scorePart}`
        : `${name}: the actual is a word, counted as ${band} (${pctText}); ${scorePart}`;
    if (t.kind === "deadline" && basis.date && t.deadline) {
      const rel = basis.date <= t.deadline;
      return zh
        ? `${name}：完成于 ${basis.date}，${rel ? "不晚于" : "晚于"}期限 ${t.deadline}，${band}（${pctText}）；${scorePart}`
        : `${name}: done on ${basis.date}, ${rel ? "on or before" : "after"} ${t.deadline}: ${band} (${pctText}); ${scorePart}`;
    }
    if (t.kind === "as-incurred" && basis.band === "达成")
      return zh
        ? `${name}：已填写实际值，按${band}（${pctText}）计；${scorePart}`
        : `${name}: an actual is recorded, counted as ${band} (${pctText}); ${scorePart}`;
    return zh
      ? `${name}：${band}（${pctText}）；${scorePart}`
      : `${name}: ${band} (${pctText}); ${scorePart}`;
  }

  const b = basis.b;
  const a = t.value;
  const pc = percent(completion);
  switch (basis.how) {
    case "ratio-higher":
      return zh
        ? `${name}：实际 ${q(b)} ÷ 目标 ${q(a)} = ${pc}${cap}；${scorePart}`
        : `${name}: actual ${q(b)} ÷ target ${q(a)} = ${pc}${cap}; ${scorePart}`;
    case "zero-target":
      return zh
        ? `${name}：目标为 0，实际 ${q(b)} 不低于 0，完成率 ${pc}；${scorePart}`
        : `${name}: the target is 0 and the actual ${q(b)} is not below it: ${pc}; ${scorePart}`;
    case "lower-met":
      return zh
        ? `${name}：实际 ${q(b)} 不超过目标 ${q(a)}，完成率 ${pc}；${scorePart}`
        : `${name}: actual ${q(b)} within target ${q(a)}: ${pc}; ${scorePart}`;
    case "lower-zero":
      return zh
        ? `${name}：目标为 0，实际 ${q(b)}，完成率 ${pc}；${scorePart}`
        : `${name}: the target is 0, actual ${q(b)}: ${pc}; ${scorePart}`;
    case "lower-linear": {
      const over = percent((b - (a ?? 0)) / (a ?? 1));
      return zh
        ? `${name}（线性扣分）：实际 ${q(b)} 超出目标 ${q(a)} 的 ${over}；完成率 ${pc}；${scorePart}`
        : `${name} (linear): actual ${q(b)} exceeds target ${q(a)} by ${over}; completion ${pc}; ${scorePart}`;
    }
    case "lower-ratio":
      return zh
        ? `${name}（比值）：目标 ${q(a)} ÷ 实际 ${q(b)} = ${pc}；${scorePart}`
        : `${name} (ratio): target ${q(a)} ÷ actual ${q(b)} = ${pc}; ${scorePart}`;
    case "range-in":
      return zh
        ? `${name}：实际 ${q(b)} 在 ${q(t.lo)}–${q(t.hi)} 之间，完成率 ${pc}；${scorePart}`
        : `${name}: actual ${q(b)} within ${q(t.lo)}–${q(t.hi)}: ${pc}; ${scorePart}`;
    case "range-below":
      return zh
        ? `${name}：实际 ${q(b)} ÷ 下限 ${q(t.lo)} = ${pc}；${scorePart}`
        : `${name}: actual ${q(b)} ÷ lower bound ${q(t.lo)} = ${pc}; ${scorePart}`;
    case "range-above-linear": {
      const over = percent((b - (t.hi ?? 0)) / (t.hi ?? 1));
      return zh
        ? `${name}（线性扣分）：实际 ${q(b)} 超出上限 ${q(t.hi)} 的 ${over}；完成率 ${pc}；${scorePart}`
        : `${name} (linear): actual ${q(b)} exceeds the upper bound ${q(t.hi)} by ${over}; completion ${pc}; ${scorePart}`;
    }
    case "range-above-ratio":
      return zh
        ? `${name}（比值）：上限 ${q(t.hi)} ÷ 实际 ${q(b)} = ${pc}；${scorePart}`
        : `${name} (ratio): upper bound ${q(t.hi)} ÷ actual ${q(b)} = ${pc}; ${scorePart}`;
    case "range-above-met":
    default:
      return zh
        ? `${name}：实际 ${q(b)}，完成率 ${pc}；${scorePart}`
        : `${name}: actual ${q(b)}: ${pc}; ${scorePart}`;
  }
}

/** The line of one indicator's weight (分值). */
export function explainWeight(
  basis: WeightBasis,
  weight: number,
  decimals: number,
  lang: Lang
): string {
  const zh = lang !== "en";
  const w = plainNumber(weight);
  switch (basis.source) {
    case "column":
      return zh ? `分值 ${w}：取自表中分值列` : `Weight ${w}: from the table's weight column`;
    case "blank":
      return zh ? `分值为空，按 0 计` : `Weight blank: counted as 0`;
    case "unknown":
      return zh
        ? `分值 ${w}：一级指标不属于产出、成本、效益或满意度指标，没有默认分值`
        : `Weight ${w}: the level-1 name is not output, cost, effect or satisfaction, so no default weight applies`;
    case "share": {
      const pts = plainNumber(basis.points);
      const base = zh
        ? `分值 ${w}：${basis.category} ${pts} 分 ÷ ${basis.count} 项`
        : `Weight ${w}: ${basis.category} ${pts} points ÷ ${basis.count} indicators`;
      if (basis.larger === 0) return base;
      // The first `larger` indicators (table order) get one unit of the last decimal more.
      const step = 1 / 10 ** decimals;
      return zh
        ? `${base}，不能整除：按表中顺序前 ${basis.larger} 项各多 ${plainNumber(step)} 分，合计仍为 ${pts} 分`
        : `${base}; not even, so the first ${basis.larger} in table order get ${plainNumber(step)} more, still ${pts} in all`;
    }
  }
}

export interface BudgetFigures {
  planned: number;
  executed: number;
  /** Rate as reported (4 decimals), weight, score. */
  rate: number;
  weight: number;
  score: number;
  decimals: number;
}

/** The line of the budget score. */
export function explainBudget(f: BudgetFigures, lang: Lang): string {
  const zh = lang !== "en";
  const capped = Math.min(Math.max(f.rate, 0), 1);
  const cap = f.rate > 1 ? (zh ? `，超过 100% 按 100% 计` : `, counted as 100%`) : "";
  return zh
    ? `预算执行率 = 全年执行数 ${f.executed.toFixed(2)} ÷ 全年预算数 ${f.planned.toFixed(2)} = ${percent(f.rate)}${cap}；得分 = 分值 ${plainNumber(f.weight)} × ${percent(capped)} = ${fixed(f.score, f.decimals)}`
    : `Execution rate = executed ${f.executed.toFixed(2)} ÷ planned ${f.planned.toFixed(2)} = ${percent(f.rate)}${cap}; score = ${plainNumber(f.weight)} × ${percent(capped)} = ${fixed(f.score, f.decimals)}`;
}
