import { Category, categoryOf } from "./categories";
import { Profile } from "./types";

/** What the weight rules need to know of one indicator (a RawIndicator is one). */
export interface WeightInput {
  level1: string;
  weightText: string;
}

export interface WeightNote {
  code: "WEIGHTS_SUM";
  severity: "error" | "info";
  params: Record<string, string | number>;
  /** Index of the indicator whose cell to point at; -1 = the table's weight or level-1 header. */
  index: number;
}

/** How one indicator's weight was set (for its weightExplain, §8). */
export type WeightBasis =
  | { source: "column" }
  | { source: "blank" }
  | { source: "unknown" }
  | {
      source: "share";
      /** The pool the indicator draws from, its points (after moves), the number of indicators sharing them. */
      category: Category;
      points: number;
      count: number;
      /** How many of the first indicators (table order) get one unit of the last decimal more. */
      larger: number;
    };

export interface WeightResult {
  weights: number[];
  budgetWeight: number;
  notes: WeightNote[];
  /** Per indicator, how its weight was set. */
  basis: WeightBasis[];
  /** Indicator weights plus the budget weight, and whether that is 100 (±0.01): a grade needs it (§4). */
  sum: number;
  hundred: boolean;
}

const ORDER: Category[] = ["产出指标", "成本指标", "效益指标", "满意度指标"];

/* Module-level: read once per indicator row of a table with a weight column (see isCost in categories.ts). */
const WEIGHT_NOISE = /[\s,分]/g;
const WEIGHT = /^[+]?\d+(\.\d+)?$/;

export function parseWeight(text: string): number | null {
  const s = text.normalize("NFKC").replace(WEIGHT_NOISE, "");
  if (!WEIGHT.test(s)) return null;
  return Number(s);
}

/**
 * Splits `points` into `n` shares that differ by at most one unit of the last decimal and add up to
 * exactly `points` at that precision, so a fully met category prints exactly its points. The larger
 * shares come first: they go to the first indicators in table order (§4: 50 over 7 → 7.15, 7.15, 7.14 × 5).
 */
export function splitEvenly(points: number, n: number, decimals: number): number[] {
  const unit = 10 ** decimals;
  const total = Math.round(points * unit);
  const base = Math.floor(total / n);
  let rest = total - base * n;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push((base + (rest > 0 ? 1 : 0)) / unit);
    if (rest > 0) rest--;
  }
  return out;
}

/* Shared: one object per kind, so that explanations can be cached by basis. */
const FROM_COLUMN: WeightBasis = { source: "column" };
const BLANK: WeightBasis = { source: "blank" };
const UNKNOWN: WeightBasis = { source: "unknown" };

function explicitWeights(items: readonly WeightInput[], budgetWeight: number): WeightResult {
  const notes: WeightNote[] = [];
  const basis: WeightBasis[] = [];
  const weights = items.map((it, i) => {
    const w = parseWeight(it.weightText);
    basis.push(w === null ? BLANK : FROM_COLUMN);
    if (w === null)
      notes.push({
        code: "WEIGHTS_SUM",
        severity: "error",
        params: { reason: "blank" },
        index: i,
      });
    return w ?? 0;
  });
  const sum = weights.reduce((a, b) => a + b, 0) + budgetWeight;
  const hundred = Math.abs(sum - 100) <= 0.01 + 1e-9;
  if (!hundred) {
    notes.push({
      code: "WEIGHTS_SUM",
      severity: "error",
      params: { reason: "sum", sum: Math.round(sum * 1e6) / 1e6 },
      index: -1,
    });
  }
  return { weights, budgetWeight, notes, basis, sum: Math.round(sum * 1e6) / 1e6, hundred };
}

/**
 * Per-indicator weights (scoring-spec §4): the table's own weight column when it has one, else the
 * profile's level-1 weights (or the table's stated `产出指标(50分)` weights), split equally per category.
 */
export function assignWeights(
  items: readonly WeightInput[],
  opts: {
    explicit: boolean;
    stated: Record<string, number>;
    budgetWeight: number | null;
    profile: Profile;
    /** No longer used: unequal shares go by table order (§4, amended). Kept so that callers still compile. */
    order?: (a: number, b: number) => number;
  }
): WeightResult {
  const { profile } = opts;
  const budgetWeight = opts.budgetWeight ?? profile.weights.budget ?? 0;
  if (opts.explicit) return explicitWeights(items, budgetWeight);

  const notes: WeightNote[] = [];
  const stated: Partial<Record<Category, number>> = {};
  for (const [name, w] of Object.entries(opts.stated)) {
    const c = categoryOf(name);
    if (c) stated[c] = w;
  }
  const base = (c: Category): number | undefined => stated[c] ?? profile.weights[c];
  const costHasOwnPoints = base("成本指标") !== undefined;

  // Which pool each indicator draws from.
  const pools = new Map<Category, number[]>();
  const unknownSeen = new Set<string>();
  items.forEach((it, i) => {
    let c = categoryOf(it.level1);
    if (c === "成本指标" && !costHasOwnPoints) c = "产出指标";
    if (!c) {
      if (!unknownSeen.has(it.level1)) {
        unknownSeen.add(it.level1);
        notes.push({
          code: "WEIGHTS_SUM",
          severity: "error",
          params: { reason: "unknown", level1: it.level1 },
          index: i,
        });
      }
      return;
    }
    const list = pools.get(c) ?? [];
    list.push(i);
    pools.set(c, list);
  });

  const points = new Map<Category, number>();
  for (const c of ORDER) if (pools.has(c)) points.set(c, base(c) ?? 0);
  const present = ORDER.filter((c) => pools.has(c));
  if (present.length > 0) {
    for (const c of ORDER) {
      const w = base(c);
      if (pools.has(c) || !w) continue;
      if (c === "满意度指标" && pools.has("效益指标")) {
        points.set("效益指标", (points.get("效益指标") ?? 0) + w);
        notes.push({
          code: "WEIGHTS_SUM",
          severity: "info",
          params: { reason: "moved", points: w },
          index: -1,
        });
        continue;
      }
      const presentSum = present.reduce((s, p) => s + (base(p) ?? 0), 0);
      for (const p of present) {
        const share = presentSum > 0 ? (w * (base(p) ?? 0)) / presentSum : w / present.length;
        points.set(p, (points.get(p) ?? 0) + share);
      }
      notes.push({
        code: "WEIGHTS_SUM",
        severity: "info",
        params: { reason: "spread", from: c, points: w },
        index: -1,
      });
    }
  }

  const weights = items.map(() => 0);
  const basis: WeightBasis[] = items.map(() => UNKNOWN);
  for (const [c, members] of pools) {
    const pts = points.get(c) ?? 0;
    const shares = splitEvenly(pts, members.length, profile.decimals);
    // Members are in table order (top to bottom): the larger shares go to the first indicators.
    let larger = 0;
    while (larger < shares.length && shares[larger] !== shares[shares.length - 1]) larger++;
    const b: WeightBasis = {
      source: "share",
      category: c,
      points: pts,
      count: members.length,
      larger,
    };
    members.forEach((idx, k) => {
      weights[idx] = shares[k];
      basis[idx] = b;
    });
  }
  // The scale: budget plus the points given out (a move or spread keeps the sum). Not 100 when the
  // table's own `产出指标(70分)` weights or the profile say otherwise, or a category has no indicator to go to.
  let sum = budgetWeight;
  for (const c of pools.keys()) sum += points.get(c) ?? 0;
  if (present.length === 0) sum = budgetWeight;
  sum = Math.round(sum * 1e6) / 1e6;
  const hundred = Math.abs(sum - 100) <= 0.01 + 1e-9;
  if (!hundred && items.length > 0 && unknownSeen.size === 0) {
    notes.push({
      code: "WEIGHTS_SUM",
      severity: "error",
      params: { reason: "sum", sum },
      index: -1,
    });
  }
  return { weights, budgetWeight, notes, basis, sum, hundred };
}
