import fc from "fast-check";
import { parseDateText, parseMonthText, serialToIso } from "../../src/core/dates";
import { parseChineseNumeral, parseDecimal } from "../../src/core/numerals";
import { isDateFormat } from "../../src/core/number-format";
import { parseTarget } from "../../src/core/parse-target";
import { readActual } from "../../src/core/read-actual";
import { ActualReading, ParsedTarget, TargetContext, TargetKind } from "../../src/core/types";
import { convertUnit, normalizeUnit } from "../../src/core/units";

const KINDS: TargetKind[] = [
  "higher",
  "lower",
  "equal",
  "range",
  "deadline",
  "qualitative",
  "as-incurred",
  "unparsed",
];
const CTX: TargetContext = { defaultYear: 2025, cost: false };
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS) || 1000 };

function wellFormedTarget(t: ParsedTarget, text: string): void {
  expect(KINDS).toContain(t.kind);
  expect(t.text).toBe(text);
  if (t.kind === "higher" || t.kind === "lower" || t.kind === "equal") {
    expect(Number.isFinite(t.value)).toBe(true);
    expect(typeof t.unit).toBe("string");
  }
  if (t.kind === "range") {
    expect(Number.isFinite(t.lo)).toBe(true);
    expect(Number.isFinite(t.hi)).toBe(true);
    expect(t.lo! <= t.hi!).toBe(true);
  }
  if (t.kind === "deadline") expect(t.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

function wellFormedReading(r: ActualReading): void {
  expect(["ok", "missing", "invalid"]).toContain(r.status);
  expect(Array.isArray(r.notes)).toBe(true);
  if (r.number !== undefined) {
    expect(Number.isFinite(r.number)).toBe(true);
    expect(r.number >= 0).toBe(true);
  }
  if (r.bandFraction !== undefined) expect(r.bandFraction >= 0 && r.bandFraction <= 1).toBe(true);
  if (r.status === "ok")
    expect(r.number !== undefined || r.date !== undefined || r.band !== undefined).toBe(true);
  if (r.status === "missing") expect(r.notes).toEqual([]);
  if (r.status === "invalid") expect(r.notes.some((n) => n.severity === "error")).toBe(true);
}

/** Tokens of the grammar: comparators, words, numbers, units, date parts, band words, noise. */
const TOKENS = [
  "≥",
  "≤",
  ">",
  "<",
  "=",
  "＞",
  "＜",
  "＝",
  "≧",
  "≦",
  ">=",
  "<=",
  "=>",
  "≥=",
  "-",
  "~",
  "～",
  "至",
  "到",
  "—",
  "–",
  "不低于",
  "不少于",
  "至少",
  "达到",
  "以上",
  "不高于",
  "不超过",
  "不多于",
  "低于",
  "小于",
  "以内",
  "以下",
  "控制在",
  "等于",
  "大于",
  "高于",
  "内",
  "左右",
  "及以上",
  "0",
  "1",
  "6",
  "12",
  "95",
  "100",
  "43.2",
  "-3",
  "0.55",
  "1,234",
  ".5",
  "1e5",
  "六",
  "十二",
  "二十五",
  "一百",
  "两",
  "〇",
  "百分之",
  "九十",
  "个",
  "%",
  "％",
  "‰",
  "分钟",
  "万元",
  "元",
  "万人次",
  "人次",
  "天",
  "日",
  "个工作日",
  "工作日",
  "台",
  "笔",
  "万张",
  "次/年",
  "days",
  "hours",
  "万",
  "亿",
  "年",
  "月",
  "底",
  "末",
  "前",
  "以前",
  "之前",
  "上旬",
  "中旬",
  "下旬",
  "2025",
  "2025年",
  "3月",
  "12月",
  "31日",
  "年底前",
  "-03-20",
  "/3/20",
  ".",
  "按实际发生值完成",
  "据实",
  "作用显著",
  "良好",
  "达成",
  "部分达成",
  "未达成",
  "完成",
  "（",
  "）",
  "(",
  ")",
  "75%",
  "含",
  "百分比",
  " ",
  "\u3000",
  "\t",
  "\n",
  "#DIV/0!",
  "N/A",
  "待定",
  "",
  "\u0000",
  "\ud800",
  "😀",
  "ｅ",
  "E+",
  "\\",
  "$",
  "^",
  "(?:",
  "[",
  "*",
];
const tokenString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((a) => a.join(""));
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ maxLength: 60 }),
  tokenString
);
const ctxArb: fc.Arbitrary<TargetContext> = fc.record({
  defaultYear: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom(NaN, -1, 0, 1e9)),
  cost: fc.boolean(),
  comparator: fc.option(
    fc.oneof(
      fc.constantFrom("≥", "＞", "＝", "＜", "≤", "定性", "定量", ""),
      fc.string({ maxLength: 5 })
    ),
    { nil: undefined }
  ),
  unit: fc.option(
    fc.oneof(fc.constantFrom("%", "个", "万元", "天", "/", "万"), fc.string({ maxLength: 5 })),
    { nil: undefined }
  ),
});

describe("parseTarget never throws", () => {
  test("arbitrary unicode strings", () => {
    fc.assert(
      fc.property(anyString, ctxArb, (s, ctx) => {
        wellFormedTarget(parseTarget(s, ctx), s);
      }),
      RUNS
    );
  });

  test("strings built from the grammar's own tokens", () => {
    fc.assert(
      fc.property(tokenString, fc.boolean(), (s, cost) => {
        wellFormedTarget(parseTarget(s, { defaultYear: 2025, cost }), s);
      }),
      RUNS
    );
  });

  test("very long input", () => {
    const long = "≥".repeat(5000) + "1".repeat(5000) + "万".repeat(5000) + "个工作日".repeat(1000);
    const start = Date.now();
    wellFormedTarget(parseTarget(long, CTX), long);
    wellFormedTarget(parseTarget("1-".repeat(20000), CTX), "1-".repeat(20000));
    wellFormedTarget(parseTarget("年".repeat(20000) + "底前", CTX), "年".repeat(20000) + "底前");
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("readActual never throws", () => {
  const targetArb = fc.oneof(
    fc.constantFrom(
      "≥6个",
      "≥95%",
      "≤97万元",
      "≤5个工作日",
      "2025年3月底前",
      "作用显著",
      "按实际发生值完成",
      "43.2",
      "90%-95%",
      "≥280万张",
      "",
      "≥"
    ),
    anyString
  );
  const valueArb = fc.oneof(fc.constant(null), fc.double(), fc.integer(), fc.boolean(), anyString);

  test("arbitrary actual cells against arbitrary targets", () => {
    fc.assert(
      fc.property(targetArb, anyString, valueArb, fc.boolean(), (target, text, value, isDate) => {
        wellFormedReading(readActual(parseTarget(target, CTX), { value, text, isDate }));
      }),
      RUNS
    );
  });

  test("grammar-token actuals", () => {
    fc.assert(
      fc.property(targetArb, tokenString, (target, text) => {
        wellFormedReading(
          readActual(parseTarget(target, CTX), { value: text, text, isDate: false })
        );
      }),
      RUNS
    );
  });

  test("hand-made targets with odd fields", () => {
    const odd = fc.record({
      kind: fc.constantFrom(...KINDS),
      text: anyString,
      value: fc.option(fc.double(), { nil: undefined }),
      lo: fc.option(fc.double(), { nil: undefined }),
      hi: fc.option(fc.double(), { nil: undefined }),
      unit: fc.option(anyString, { nil: undefined }),
      deadline: fc.option(anyString, { nil: undefined }),
    });
    fc.assert(
      fc.property(odd, anyString, valueArb, fc.boolean(), (target, text, value, isDate) => {
        wellFormedReading(readActual(target as ParsedTarget, { value, text, isDate }));
      }),
      RUNS
    );
  });
});

describe("round trips", () => {
  const UNITS = [
    "个",
    "%",
    "分钟",
    "万元",
    "万人次",
    "天",
    "个工作日",
    "台",
    "笔",
    "次/年",
    "days",
    "",
    "万张",
    "人",
    "元",
    "‰",
    "小时",
    "个月",
  ];
  /** Plain decimal figures (no exponent), as people type them. */
  const figure = fc
    .tuple(
      fc.boolean(),
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.option(fc.integer({ min: 0, max: 9999 }), { nil: null })
    )
    .map(([neg, int, frac]) =>
      Number(`${neg ? "-" : ""}${int}${frac === null ? "" : "." + String(frac).padStart(4, "0")}`)
    )
    .map((n) => (n === 0 ? 0 : n)); // -0 prints as "0"

  test("≥{n}{unit} reads back n and the unit", () => {
    fc.assert(
      fc.property(figure, fc.constantFrom(...UNITS), fc.boolean(), (n, unit, cost) => {
        const text = `≥${n}${unit}`;
        const t = parseTarget(text, { defaultYear: 2025, cost });
        expect(t).toMatchObject({ kind: "higher", value: n, unit });
      }),
      RUNS
    );
  });

  test("≤{n}{unit}, {n}{unit}以上 and {lo}-{hi}{unit} read back too", () => {
    fc.assert(
      fc.property(
        figure,
        figure,
        fc.constantFrom(...UNITS.filter((u) => u !== "")),
        (a, b, unit) => {
          expect(parseTarget(`≤${a}${unit}`, CTX)).toMatchObject({ kind: "lower", value: a, unit });
          expect(parseTarget(`${Math.abs(a)}${unit}以上`, CTX)).toMatchObject({
            kind: "higher",
            value: Math.abs(a),
            unit,
          });
          const lo = Math.min(Math.abs(a), Math.abs(b));
          const hi = Math.max(Math.abs(a), Math.abs(b));
          expect(parseTarget(`${Math.abs(a)}${unit}~${Math.abs(b)}${unit}`, CTX)).toMatchObject({
            kind: "range",
            lo,
            hi,
            unit,
          });
        }
      ),
      RUNS
    );
  });

  test("an actual in the target's unit reads back (negatives as 0)", () => {
    fc.assert(
      fc.property(figure, figure, fc.constantFrom(...UNITS), (a, b, unit) => {
        const r = readActual(parseTarget(`≥${Math.abs(a) + 2}${unit}`, CTX), {
          value: `${b}${unit}`,
          text: `${b}${unit}`,
          isDate: false,
        });
        expect(r).toMatchObject({ status: "ok", number: Math.max(b, 0) });
      }),
      RUNS
    );
  });

  test("serial → ISO → parseDateText is the identity on real dates", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const iso = serialToIso(serial);
        expect(parseDateText(iso)).toBe(iso);
        const [y, m, d] = iso.split("-").map(Number);
        expect(parseDateText(`${y}年${m}月${d}日`)).toBe(iso);
        expect(parseDateText(`${y}/${m}/${d}`)).toBe(iso);
      }),
      RUNS
    );
  });

  test("money converts both ways", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom("元", "千元", "万元", "亿元"),
        fc.constantFrom("元", "千元", "万元", "亿元"),
        (n, a, b) => {
          const there = convertUnit(n, a, b)!;
          expect(there).not.toBeNull();
          expect(convertUnit(there, b, a)!).toBeCloseTo(n, 6);
        }
      ),
      RUNS
    );
  });
});

describe("helpers never throw", () => {
  test("numerals, units, dates, formats", () => {
    fc.assert(
      fc.property(anyString, fc.double(), (s, x) => {
        parseDecimal(s, true);
        parseChineseNumeral(s);
        normalizeUnit(s);
        convertUnit(x, s, "万元");
        parseDateText(s);
        const month = parseMonthText(s);
        if (month) expect(month[0] <= month[1]).toBe(true);
        serialToIso(x);
        expect(typeof isDateFormat(s)).toBe("boolean");
      }),
      RUNS
    );
  });
});

/** Counterexamples fast-check found once; kept as plain named cases. */
describe("regressions", () => {
  test("a negative figure on an as-incurred target counts as 0 (was -95)", () => {
    expect(
      readActual(parseTarget("按实际发生值完成", CTX), { value: "-95", text: "-95", isDate: false })
    ).toEqual({ status: "ok", band: "达成", number: 0, notes: [] });
  });

  test("a tiny negative raw value with no text (was -5e-324)", () => {
    const r = readActual(parseTarget("按实际发生值完成", CTX), {
      value: -5e-324,
      text: "",
      isDate: false,
    });
    expect(r).toMatchObject({ status: "ok", band: "达成", number: 0 });
  });

  test("`-0` reads as 0, not -0 (the round trip once compared -0 with 0)", () => {
    expect(Object.is(parseTarget("≥-0个", CTX).value, 0)).toBe(true);
    expect(Object.is(parseTarget("-0.0", CTX).value, 0)).toBe(true);
  });

  test.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "prototype names as units and text: %s",
    (s) => {
      expect(normalizeUnit(s)).toBe(s.toLowerCase());
      expect(convertUnit(1, s, "万元")).toBeNull();
      expect(convertUnit(1, s, s)).toBe(1);
      expect(parseTarget(s, CTX).kind).toBe("qualitative");
      expect(parseTarget("≥6", { ...CTX, comparator: s, unit: s }).kind).toBe("higher");
      expect(parseTarget(`≥6${s}`, CTX)).toMatchObject({ kind: "higher", value: 6 });
      expect(
        readActual(parseTarget("≥6个", CTX), { value: s, text: s, isDate: false }).status
      ).toBe("invalid");
      expect(
        readActual(parseTarget(`≥6${s}`, CTX), { value: `7${s}`, text: `7${s}`, isDate: false })
          .status
      ).toBe("ok");
    }
  );
});
