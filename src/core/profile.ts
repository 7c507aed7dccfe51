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
}) as Profile;

/** Thrown for a profile that cannot be used; the message names the field. */
export class ProfileError extends Error {}

function num(v: unknown, field: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
    throw new ProfileError(`profile field "${field}" must be a number between ${min} and ${max}`);
  }
  return v;
}

/** Applies user overrides on top of the default profile, checking every field it takes. */
export function resolveProfile(overrides?: ProfileOverrides | null): Profile {
  const base = DEFAULT_PROFILE;
  const o = (overrides ?? {}) as Record<string, unknown>;
  if (typeof o !== "object" || Array.isArray(o))
    throw new ProfileError("a profile must be a JSON object");
  const weights: Record<string, number> = { ...base.weights };
  if (o.weights !== undefined) {
    if (typeof o.weights !== "object" || o.weights === null)
      throw new ProfileError('profile field "weights" must be an object');
    for (const [k, v] of Object.entries(o.weights as Record<string, unknown>))
      weights[k] = num(v, `weights.${k}`, 0, 100);
  }
  const bands = { ...base.bands };
  if (o.bands !== undefined) {
    for (const [k, v] of Object.entries(o.bands as Record<string, unknown>)) {
      if (!(k in bands)) throw new ProfileError(`unknown band "${k}" in profile field "bands"`);
      bands[k as keyof typeof bands] = num(v, `bands.${k}`, 0, 1);
    }
  }
  const grades = { ...base.grades };
  if (o.grades !== undefined) {
    for (const [k, v] of Object.entries(o.grades as Record<string, unknown>)) {
      if (!(k in grades)) throw new ProfileError(`unknown grade "${k}" in profile field "grades"`);
      grades[k as keyof typeof grades] = num(v, `grades.${k}`, 0, 100);
    }
  }
  const reverseRule = o.reverseRule ?? base.reverseRule;
  if (reverseRule !== "linear" && reverseRule !== "ratio")
    throw new ProfileError('profile field "reverseRule" must be "linear" or "ratio"');
  return {
    name: typeof o.name === "string" && o.name ? o.name : base.name,
    weights,
    reverseRule,
    bands,
    overAchievement:
      o.overAchievement === undefined
        ? base.overAchievement
        : num(o.overAchievement, "overAchievement", 1, 100),
    grades,
    decimals:
      o.decimals === undefined ? base.decimals : Math.trunc(num(o.decimals, "decimals", 0, 6)),
  };
}
