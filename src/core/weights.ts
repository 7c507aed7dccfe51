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

export interface WeightResult {
  weights: number[];
  budgetWeight: number;
  notes: WeightNote[];
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
 * exactly `points` at that precision, so a fully met category prints exactly its points.
 * Shares go to indicators in `order` (content order), the larger shares first.
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

function explicitWeights(items: readonly WeightInput[], budgetWeight: number): WeightResult {
  const notes: WeightNote[] = [];
  const weights = items.map((it, i) => {
    const w = parseWeight(it.weightText);
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
  if (Math.abs(sum - 100) > 0.01) {
    notes.push({
      code: "WEIGHTS_SUM",
      severity: "error",
      params: { reason: "sum", sum: Math.round(sum * 1e6) / 1e6 },
      index: -1,
    });
  }
  return { weights, budgetWeight, notes };
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
    /**
     * Content order of two indicators (by index), so that unequal shares do not depend on row order. A
     * comparison rather than a key per indicator: it is needed only when a category's points do not split
     * evenly, and building keys for every row of a large table cost more than the rest of the weighting.
     */
    order: (a: number, b: number) => number;
  }
): WeightResult {
  const { profile, order } = opts;
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
  for (const [c, members] of pools) {
    const shares = splitEvenly(points.get(c) ?? 0, members.length, profile.decimals);
    // Unequal shares go by content, not row order, so that reordering rows changes nothing.
    let ordered = members;
    if (shares[0] !== shares[shares.length - 1]) {
      ordered = [...members].sort((a, b) => order(a, b) || a - b);
    }
    ordered.forEach((idx, k) => (weights[idx] = shares[k]));
  }
  return { weights, budgetWeight, notes };
}
