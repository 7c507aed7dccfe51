import fc from "fast-check";
import { DEFAULT_PROFILE, resolveProfile } from "../../src/core/profile";
import { assignWeights, splitEvenly } from "../../src/core/weights";

type Item = { level1: string; weightText: string; key: string };
const items = (...level1s: string[]): Item[] =>
  level1s.map((level1, i) => ({ level1, weightText: "", key: `k${i}` }));
/** assignWeights with each item's content key taken from the item. */
const assign = (xs: Item[], opts: Omit<Parameters<typeof assignWeights>[1], "order">) =>
  assignWeights(xs, {
    ...opts,
    order: (a, b) => (xs[a].key < xs[b].key ? -1 : xs[a].key > xs[b].key ? 1 : 0),
  });
const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

describe("assignWeights (spec §4)", () => {
  test("profile weights split equally per category", () => {
    const r = assign(items("产出指标", "产出指标", "效益指标", "满意度指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.weights).toEqual([25, 25, 30, 10]);
    expect(r.budgetWeight).toBe(10);
    expect(r.notes).toEqual([]);
  });

  test("shares add up exactly at the profile's decimals (50 over 9)", () => {
    const r = assign(items(...Array(9).fill("产出指标"), "效益指标", "满意度指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(sum(r.weights.slice(0, 9))).toBe(50);
    expect(new Set(r.weights.slice(0, 9))).toEqual(new Set([5.56, 5.55]));
  });

  test("no 满意度 → its points go to 效益 (info)", () => {
    const r = assign(items("产出指标", "效益指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.weights).toEqual([50, 40]);
    expect(r.notes).toMatchObject([
      { code: "WEIGHTS_SUM", severity: "info", params: { reason: "moved" } },
    ]);
  });

  test("another absent category is spread in proportion", () => {
    const r = assign(items("产出指标", "满意度指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.weights).toEqual([75, 15]);
  });

  test("level-1 成本指标 shares the 产出 points; English names map", () => {
    const r = assign(items("Output", "成本指标", "Outcome", "Satisfaction"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.weights).toEqual([25, 25, 30, 10]);
  });

  test("stated (50分)-style weights override the profile", () => {
    const r = assign(items("产出指标", "效益指标", "满意度指标"), {
      explicit: false,
      stated: { 产出指标: 40, 效益指标: 40 },
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.weights).toEqual([40, 40, 10]);
  });

  test("unknown level 1 is an error without a weight column", () => {
    const r = assign(items("产出指标", "其他", "效益指标", "满意度指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: DEFAULT_PROFILE,
    });
    expect(r.notes).toMatchObject([
      { severity: "error", params: { reason: "unknown", level1: "其他" } },
    ]);
  });

  test("explicit weights: blank cell and wrong sum are errors", () => {
    const r = assign(
      [
        { level1: "产出指标", weightText: "50", key: "a" },
        { level1: "效益指标", weightText: "", key: "b" },
      ],
      { explicit: true, stated: {}, budgetWeight: 10, profile: DEFAULT_PROFILE }
    );
    expect(r.weights).toEqual([50, 0]);
    expect(r.notes.map((n) => n.params.reason)).toEqual(["blank", "sum"]);
    expect(r.notes[1].params.sum).toBe(60);
  });

  test("equal shares do not depend on row order", () => {
    const a = assign(
      [
        { level1: "产出指标", weightText: "", key: "x" },
        { level1: "产出指标", weightText: "", key: "y" },
        { level1: "产出指标", weightText: "", key: "z" },
      ],
      { explicit: false, stated: {}, budgetWeight: null, profile: DEFAULT_PROFILE }
    );
    const b = assign(
      [
        { level1: "产出指标", weightText: "", key: "z" },
        { level1: "产出指标", weightText: "", key: "x" },
        { level1: "产出指标", weightText: "", key: "y" },
      ],
      { explicit: false, stated: {}, budgetWeight: null, profile: DEFAULT_PROFILE }
    );
    expect([b.weights[1], b.weights[2], b.weights[0]]).toEqual(a.weights);
  });

  test("property: splitEvenly adds up and shares differ by one unit at most", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 4 }),
        (cents, n, d) => {
          const points = cents / 100;
          const s = splitEvenly(points, n, d);
          const unit = 10 ** d;
          expect(Math.round(s.reduce((a, b) => a + b, 0) * unit)).toBe(Math.round(points * unit));
          expect(Math.round((Math.max(...s) - Math.min(...s)) * unit)).toBeLessThanOrEqual(1);
        }
      )
    );
  });

  test("decimals 0 gives whole points", () => {
    const r = assign(items(...Array(9).fill("产出指标"), "效益指标", "满意度指标"), {
      explicit: false,
      stated: {},
      budgetWeight: null,
      profile: resolveProfile({ decimals: 0 }),
    });
    expect(r.weights.slice(0, 9).every(Number.isInteger)).toBe(true);
    expect(sum(r.weights.slice(0, 9))).toBe(50);
  });
});
