import { roundHalfUp } from "./decimal";
import { ActualReading, Band, CellNote, IndicatorStatus, ParsedTarget, Profile } from "./types";

/**
 * What the completion was computed from, kept so that the explanation (§8) names the very numbers the
 * score used, never a second computation.
 */
export type ScoreBasis =
  /** A rating band (qualitative, as-incurred, a deadline met or missed, 完成 on a quantitative target). */
  | {
      rule: "band";
      band: Band;
      fraction: number;
      explicit: boolean;
      date?: string;
      doneWord?: boolean;
    }
  /** B against A: higher / equal (B ÷ A), lower (met, linear, ratio), range (inside, below, above). */
  | {
      rule: "quantity";
      b: number;
      how:
        | "ratio-higher"
        | "zero-target"
        | "lower-met"
        | "lower-linear"
        | "lower-ratio"
        | "lower-zero"
        | "range-in"
        | "range-below"
        | "range-above-linear"
        | "range-above-ratio"
        | "range-above-met";
    };

export interface IndicatorScore {
  /** Completion as a fraction before capping, null when it cannot be computed. */
  completion: number | null;
  score: number | null;
  status: IndicatorStatus;
  notes: CellNote[];
  basis?: ScoreBasis;
}

function quantityHow(
  target: ParsedTarget,
  b: number,
  rule: Profile["reverseRule"]
): Extract<ScoreBasis, { rule: "quantity" }>["how"] {
  if (target.kind === "lower") {
    const a = target.value ?? 0;
    if (a === 0) return "lower-zero";
    if (b <= a) return "lower-met";
    return rule === "ratio" ? "lower-ratio" : "lower-linear";
  }
  if (target.kind === "range") {
    const lo = target.lo ?? 0;
    const hi = target.hi ?? 0;
    if (b >= lo && b <= hi) return "range-in";
    if (b < lo) return lo === 0 ? "range-in" : "range-below";
    if (hi === 0) return "range-above-met";
    return rule === "ratio" ? "range-above-ratio" : "range-above-linear";
  }
  return (target.value ?? 0) === 0 ? "zero-target" : "ratio-higher";
}

/** Lower-is-better completion (scoring-spec §3.2). */
export function lowerCompletion(a: number, b: number, rule: Profile["reverseRule"]): number {
  if (a === 0) return b <= 0 ? 1 : 0;
  if (b <= a) return 1;
  if (rule === "ratio") return a / b;
  return Math.max(0, 1 - (b - a) / a);
}

function quantitativeCompletion(
  target: ParsedTarget,
  b: number,
  rule: Profile["reverseRule"]
): number | null {
  switch (target.kind) {
    case "higher":
    case "equal": {
      const a = target.value ?? NaN;
      if (!Number.isFinite(a)) return null;
      if (a === 0) return b >= 0 ? 1 : 0;
      return b / a;
    }
    case "lower": {
      const a = target.value ?? NaN;
      return Number.isFinite(a) ? lowerCompletion(a, b, rule) : null;
    }
    case "range": {
      const lo = target.lo ?? NaN;
      const hi = target.hi ?? NaN;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
      if (b >= lo && b <= hi) return 1;
      if (b < lo) return lo === 0 ? 1 : b / lo;
      return lowerCompletion(hi, b, rule);
    }
    default:
      return null;
  }
}

/**
 * Scores one indicator from its parsed target and its read actual (scoring-spec §3).
 * The score is w × min(completion, 1), rounded half-up; status is met only at full completion.
 */
export function scoreIndicator(
  target: ParsedTarget,
  actual: ActualReading,
  weight: number,
  profile: Profile
): IndicatorScore {
  // Readings are shared between rows (memoised): their notes are copied only when a note is added.
  let notes: CellNote[] = actual.notes;
  if (target.kind === "unparsed")
    return { completion: null, score: null, status: "invalid", notes };
  if (actual.status === "missing")
    return { completion: null, score: null, status: "missing", notes };
  if (actual.status === "invalid")
    return { completion: null, score: null, status: "invalid", notes };

  let completion: number | null = null;
  let met = false;
  let basis: ScoreBasis | undefined;
  if (actual.band) {
    completion = actual.bandFraction ?? profile.bands[actual.band];
    met = actual.band === "达成";
    basis = {
      rule: "band",
      band: actual.band,
      fraction: completion,
      explicit: actual.bandFraction !== undefined,
    };
    if (actual.date) basis.date = actual.date;
    if (actual.notes.some((n) => n.params?.reason === "doneWord")) basis.doneWord = true;
  } else if (target.kind === "deadline" && actual.date && target.deadline) {
    met = actual.date <= target.deadline;
    completion = met ? profile.bands["达成"] : profile.bands["未达成"];
    basis = {
      rule: "band",
      band: met ? "达成" : "未达成",
      fraction: completion,
      explicit: false,
      date: actual.date,
    };
  } else if (actual.number !== undefined) {
    const b = Math.max(0, actual.number);
    completion = quantitativeCompletion(target, b, profile.reverseRule);
    if (completion !== null)
      basis = { rule: "quantity", b, how: quantityHow(target, b, profile.reverseRule) };
    met = completion !== null && completion >= 1 - 1e-12;
    if (completion !== null && (target.kind === "higher" || target.kind === "equal")) {
      const a = target.value ?? 0;
      if (target.kind === "equal" && b > a) {
        notes = [
          ...notes,
          {
            code: "OVER_ACHIEVED",
            severity: "info",
            params: { completion, reason: "equal" },
          },
        ];
      } else if (a > 0 && completion >= profile.overAchievement) {
        notes = [
          ...notes,
          {
            code: "OVER_ACHIEVED",
            severity: "info",
            params: { completion, reason: "threshold" },
          },
        ];
      }
    }
  }
  if (completion === null) {
    notes = [
      ...notes,
      { code: "ACTUAL_INVALID", severity: "error", params: { reason: "unreadable" } },
    ];
    return { completion: null, score: null, status: "invalid", notes };
  }
  const score = roundHalfUp(weight * Math.min(completion, 1), profile.decimals);
  return { completion, score, status: met ? "met" : "unmet", notes, basis };
}
