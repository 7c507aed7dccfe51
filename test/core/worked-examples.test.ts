/**
 * scoring-spec §6, every worked example end to end: the target text and the actual cell as a finance
 * officer types them, through parseTarget → readActual → scoreIndicator, to the cent.
 */
import { parseTarget } from "../../src/core/parse-target";
import { DEFAULT_PROFILE, resolveProfile } from "../../src/core/profile";
import { readActual } from "../../src/core/read-actual";
import { scoreIndicator } from "../../src/core/score-indicator";
import { ActualCell } from "../../src/core/types";

const text = (t: string): ActualCell => ({ value: t, text: t, isDate: false });
const shown = (value: number, t: string): ActualCell => ({ value, text: t, isDate: false });
// 2025-04-02 as an Excel serial (days since 1899-12-30).
const date = (iso: string): ActualCell => ({
  value: (Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86400000,
  text: iso,
  isDate: true,
});

const ctx = { defaultYear: 2025, cost: false };

test.each([
  ["≥6个", text("7个"), 10, 1.1667, 10, "met"],
  ["≥95%", shown(0.9, "90%"), 10, 0.9474, 9.47, "unmet"],
  ["≤5%", text("6%"), 10, 0.8, 8, "unmet"],
  ["≤30分钟", text("45分钟"), 10, 0.5, 5, "unmet"],
  ["≤97万元", text("965000元"), 10, 1, 10, "met"],
  ["≤5个工作日", shown(12, "12"), 10, 0, 0, "unmet"],
  ["2025年3月底前", date("2025-04-02"), 5, 0, 0, "unmet"],
  ["作用显著", text("部分达成（75%）"), 10, 0.75, 7.5, "unmet"],
  ["按实际发生值完成", text("96.5万元"), 5, 1, 5, "met"],
  ["43.2", shown(37.24, "37.24"), 10, 0.862, 8.62, "unmet"],
] as const)(
  "%s with %j, w=%d → completion %d, score %d, %s",
  (target, actual, w, completion, score, status) => {
    const t = parseTarget(target, ctx);
    const r = scoreIndicator(t, readActual(t, actual), w, DEFAULT_PROFILE);
    expect(r.completion).not.toBeNull();
    expect(r.completion as number).toBeCloseTo(completion, 4);
    expect(r.score).toBe(score);
    expect(r.status).toBe(status);
  }
);

test("the bare 43.2 example is 'higher' outside cost indicators and 'lower' inside", () => {
  expect(parseTarget("43.2", ctx)).toMatchObject({ kind: "higher", value: 43.2, bare: true });
  expect(parseTarget("43.2", { ...ctx, cost: true })).toMatchObject({
    kind: "lower",
    value: 43.2,
    bare: true,
  });
});

test("decimals: 0 reproduces whole-number tables (8.62 → 9)", () => {
  const t = parseTarget("43.2", ctx);
  expect(
    scoreIndicator(t, readActual(t, shown(37.24, "37.24")), 10, resolveProfile({ decimals: 0 }))
      .score
  ).toBe(9);
});
