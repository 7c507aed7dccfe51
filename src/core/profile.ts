import { Profile, ProfileOverrides } from "./types";

/** 财政部默认 / MoF default (scoring-spec §5). */
export const DEFAULT_PROFILE: Readonly<Profile> = Object.freeze({
  name: "财政部默认",
  weights: { budget: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  reverseRule: "linear",
  bands: { 达成: 1.0, 部分达成: 0.7, 未达成: 0 },
  overAchievement: 1.2,
  grades: { 优: 90, 良: 80, 中: 60 },
  decimals: 2,
  hiddenRows: "skip",
  reviewTolerance: 0.1,
}) as Profile;

/** Thrown for a profile that cannot be used; the message is one line naming the field. */
export class ProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProfileError";
  }
}

const FIELDS = new Set([
  "name",
  "weights",
  "reverseRule",
  "bands",
  "overAchievement",
  "grades",
  "decimals",
  "hiddenRows",
  "reviewTolerance",
]);
/** `budget` and the level-1 categories a profile may weigh. */
const WEIGHT_KEYS = new Set(["budget", "产出指标", "成本指标", "效益指标", "满意度指标"]);
const BAND_KEYS = ["达成", "部分达成", "未达成"] as const;
const GRADE_KEYS = ["优", "良", "中"] as const;

function fail(field: string, what: string): never {
  throw new ProfileError(`profile field "${field}" ${what}`);
}

function typeName(v: unknown): string {
  if (typeof v === "number") return String(v); // NaN, Infinity: an empty or broken entry
  if (typeof v === "string") return `text ${JSON.stringify(v)}`;
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

function num(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    fail(field, `must be a number (found ${typeName(v)})`);
  return v;
}

function obj(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    fail(field, `must be an object (found ${typeName(v)})`);
  return v as Record<string, unknown>;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Applies user overrides on top of the default profile, checking every field (scoring-spec §5): an
 * unknown field, a wrong type or null, weights not adding up to 100 or negative, grades not strictly
 * descending within 0–100, bands outside 0–1 or out of order, decimals not an integer 0–4,
 * overAchievement ≤ 1, an unknown word for reverseRule or hiddenRows, reviewTolerance < 0: a
 * ProfileError naming the field.
 */
export function resolveProfile(overrides?: ProfileOverrides | null): Profile {
  const base = DEFAULT_PROFILE;
  if (overrides === undefined || overrides === null)
    return {
      ...base,
      weights: { ...base.weights },
      bands: { ...base.bands },
      grades: { ...base.grades },
    };
  if (typeof overrides !== "object" || Array.isArray(overrides))
    throw new ProfileError("a profile must be a JSON object");
  const o = overrides as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!FIELDS.has(k)) fail(k, `is unknown (known fields: ${[...FIELDS].join(", ")})`);
    if (o[k] === null) fail(k, "must not be null");
  }

  let name = base.name;
  if (o.name !== undefined) {
    if (typeof o.name !== "string") fail("name", `must be text (found ${typeName(o.name)})`);
    if (o.name.trim() !== "") name = o.name;
  }

  const weights: Record<string, number> = { ...base.weights };
  if (o.weights !== undefined) {
    for (const [k, v] of Object.entries(obj(o.weights, "weights"))) {
      if (!WEIGHT_KEYS.has(k))
        fail(`weights.${k}`, `is unknown (known: ${[...WEIGHT_KEYS].join(", ")})`);
      if (v === null) fail(`weights.${k}`, "must not be null");
      const w = num(v, `weights.${k}`);
      if (w < 0) fail(`weights.${k}`, `must not be negative (found ${w})`);
      weights[k] = w;
    }
    const sum = round6(Object.values(weights).reduce((a, b) => a + b, 0));
    if (Math.abs(sum - 100) > 1e-6)
      fail("weights", `must add up to 100 (budget plus the level-1 categories), found ${sum}`);
  }

  const bands = { ...base.bands };
  if (o.bands !== undefined) {
    for (const [k, v] of Object.entries(obj(o.bands, "bands"))) {
      if (!(BAND_KEYS as readonly string[]).includes(k))
        fail(`bands.${k}`, `is unknown (known: ${BAND_KEYS.join(", ")})`);
      if (v === null) fail(`bands.${k}`, "must not be null");
      const b = num(v, `bands.${k}`);
      if (b < 0 || b > 1) fail(`bands.${k}`, `must lie within 0–1 (found ${b})`);
      bands[k as keyof typeof bands] = b;
    }
    if (!(bands.达成 >= bands.部分达成 && bands.部分达成 >= bands.未达成))
      fail("bands", "must be ordered 达成 ≥ 部分达成 ≥ 未达成");
  }

  const grades = { ...base.grades };
  if (o.grades !== undefined) {
    for (const [k, v] of Object.entries(obj(o.grades, "grades"))) {
      if (!(GRADE_KEYS as readonly string[]).includes(k))
        fail(`grades.${k}`, `is unknown (known: ${GRADE_KEYS.join(", ")})`);
      if (v === null) fail(`grades.${k}`, "must not be null");
      const g = num(v, `grades.${k}`);
      if (g < 0 || g > 100) fail(`grades.${k}`, `must lie within 0–100 (found ${g})`);
      grades[k as keyof typeof grades] = g;
    }
    if (!(grades.优 > grades.良 && grades.良 > grades.中))
      fail(
        "grades",
        `must be strictly descending 优 > 良 > 中 (found ${grades.优}, ${grades.良}, ${grades.中})`
      );
  }

  const reverseRule = o.reverseRule ?? base.reverseRule;
  if (reverseRule !== "linear" && reverseRule !== "ratio")
    fail("reverseRule", `must be "linear" or "ratio" (found ${JSON.stringify(reverseRule)})`);

  const hiddenRows = o.hiddenRows ?? base.hiddenRows;
  if (hiddenRows !== "skip" && hiddenRows !== "include")
    fail("hiddenRows", `must be "skip" or "include" (found ${JSON.stringify(hiddenRows)})`);

  let overAchievement = base.overAchievement;
  if (o.overAchievement !== undefined) {
    overAchievement = num(o.overAchievement, "overAchievement");
    if (overAchievement <= 1) fail("overAchievement", `must be above 1 (found ${overAchievement})`);
  }

  let decimals = base.decimals;
  if (o.decimals !== undefined) {
    decimals = num(o.decimals, "decimals");
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4)
      fail("decimals", `must be a whole number 0–4 (found ${decimals})`);
  }

  let reviewTolerance = base.reviewTolerance;
  if (o.reviewTolerance !== undefined) {
    reviewTolerance = num(o.reviewTolerance, "reviewTolerance");
    if (reviewTolerance < 0)
      fail("reviewTolerance", `must not be negative (found ${reviewTolerance})`);
  }

  return {
    name,
    weights,
    reverseRule,
    bands,
    overAchievement,
    grades,
    decimals,
    hiddenRows,
    reviewTolerance,
  };
}
