import { DEFAULT_PROFILE, resolveProfile } from "../../src/core/profile";
import { lowerCompletion, scoreIndicator } from "../../src/core/score-indicator";
import { ActualReading, ParsedTarget } from "../../src/core/types";

const P = DEFAULT_PROFILE;
const num = (n: number): ActualReading => ({ status: "ok", number: n, notes: [] });
const t = (kind: ParsedTarget["kind"], extra: Partial<ParsedTarget> = {}): ParsedTarget => ({
  kind,
  text: "",
  ...extra,
});

describe("scoreIndicator: quantitative rules (spec §3.1–3.3)", () => {
  test.each([
    ["higher met", t("higher", { value: 6 }), 7, 10, 7 / 6, 10, "met"],
    ["higher unmet", t("higher", { value: 95 }), 90, 10, 90 / 95, 9.47, "unmet"],
    ["higher A=0", t("higher", { value: 0 }), 0, 10, 1, 10, "met"],
    ["equal exact", t("equal", { value: 100 }), 100, 5, 1, 5, "met"],
    ["lower met", t("lower", { value: 5 }), 4, 10, 1, 10, "met"],
    ["lower linear", t("lower", { value: 5 }), 6, 10, 0.8, 8, "unmet"],
    ["lower linear half", t("lower", { value: 30 }), 45, 10, 0.5, 5, "unmet"],
    ["lower linear ≥2A", t("lower", { value: 5 }), 12, 10, 0, 0, "unmet"],
    ["lower A=0 met", t("lower", { value: 0 }), 0, 10, 1, 10, "met"],
    ["lower A=0 unmet", t("lower", { value: 0 }), 1, 10, 0, 0, "unmet"],
    ["range inside", t("range", { lo: 90, hi: 95 }), 92, 10, 1, 10, "met"],
    ["range below", t("range", { lo: 90, hi: 95 }), 45, 10, 0.5, 5, "unmet"],
    ["range above", t("range", { lo: 3, hi: 5 }), 6, 10, 0.8, 8, "unmet"],
    ["negative counts as 0", t("higher", { value: 10 }), -3, 10, 0, 0, "unmet"],
  ])("%s", (_name, target, b, w, completion, score, status) => {
    const r = scoreIndicator(target, num(b), w, P);
    expect(r.completion).toBeCloseTo(completion, 10);
    expect(r.score).toBe(score);
    expect(r.status).toBe(status);
  });

  test("ratio reverse rule is A/B", () => {
    const prof = resolveProfile({ reverseRule: "ratio" });
    expect(scoreIndicator(t("lower", { value: 30 }), num(45), 10, prof).score).toBe(6.67);
    expect(lowerCompletion(5, 6, "ratio")).toBeCloseTo(5 / 6, 12);
  });

  test("bare 43.2 → 37.24 scores 8.62, or 9 with decimals 0", () => {
    expect(scoreIndicator(t("higher", { value: 43.2, bare: true }), num(37.24), 10, P).score).toBe(
      8.62
    );
    expect(
      scoreIndicator(
        t("higher", { value: 43.2, bare: true }),
        num(37.24),
        10,
        resolveProfile({ decimals: 0 })
      ).score
    ).toBe(9);
  });
});

describe("scoreIndicator: bands and findings", () => {
  test("bands use profile points unless the actual names one", () => {
    const q = t("qualitative");
    expect(scoreIndicator(q, { status: "ok", band: "达成", notes: [] }, 10, P)).toMatchObject({
      score: 10,
      status: "met",
    });
    expect(scoreIndicator(q, { status: "ok", band: "部分达成", notes: [] }, 10, P)).toMatchObject({
      score: 7,
      status: "unmet",
    });
    expect(
      scoreIndicator(q, { status: "ok", band: "部分达成", bandFraction: 0.75, notes: [] }, 10, P)
    ).toMatchObject({ score: 7.5, completion: 0.75 });
    expect(scoreIndicator(q, { status: "ok", band: "未达成", notes: [] }, 10, P)).toMatchObject({
      score: 0,
      status: "unmet",
    });
  });

  test("deadline compares ISO dates", () => {
    const d = t("deadline", { deadline: "2025-03-31" });
    expect(scoreIndicator(d, { status: "ok", date: "2025-04-02", notes: [] }, 5, P)).toMatchObject({
      score: 0,
      completion: 0,
      status: "unmet",
    });
    expect(scoreIndicator(d, { status: "ok", date: "2025-03-31", notes: [] }, 5, P)).toMatchObject({
      score: 5,
      status: "met",
    });
  });

  test("missing, invalid and unparsed have no score", () => {
    expect(
      scoreIndicator(t("higher", { value: 1 }), { status: "missing", notes: [] }, 10, P)
    ).toMatchObject({ score: null, completion: null, status: "missing" });
    expect(
      scoreIndicator(t("higher", { value: 1 }), { status: "invalid", notes: [] }, 10, P)
    ).toMatchObject({ score: null, status: "invalid" });
    expect(scoreIndicator(t("unparsed"), num(3), 10, P)).toMatchObject({
      score: null,
      status: "invalid",
    });
  });

  test("over-achievement is flagged at the threshold, and any excess on an equal target", () => {
    const codes = (target: ParsedTarget, b: number) =>
      scoreIndicator(target, num(b), 10, P).notes.map((n) => n.code);
    expect(codes(t("higher", { value: 10 }), 12)).toEqual(["OVER_ACHIEVED"]);
    expect(codes(t("higher", { value: 10 }), 11.9)).toEqual([]);
    expect(codes(t("equal", { value: 100 }), 100.5)).toEqual(["OVER_ACHIEVED"]);
    expect(scoreIndicator(t("higher", { value: 10 }), num(30), 10, P).score).toBe(10);
  });
});
