import fc from "fast-check";
import { parseTarget } from "../../src/core/parse-target";
import { readActual } from "../../src/core/read-actual";
import {
  ActualCell,
  ActualReading,
  CellValue,
  ParsedTarget,
  TargetContext,
} from "../../src/core/types";

const CTX: TargetContext = { defaultYear: 2025, cost: false };

function t(text: string, ctx: Partial<TargetContext> = {}): ParsedTarget {
  return parseTarget(text, { ...CTX, ...ctx });
}

/** A text cell (value = text), or a number cell shown as `text`. */
function cell(text: string, value?: CellValue, isDate = false): ActualCell {
  return { value: value === undefined ? text : value, text, isDate };
}

function read(target: string, text: string, value?: CellValue, isDate = false): ActualReading {
  return readActual(t(target), cell(text, value, isDate));
}

function codes(r: ActualReading): string[] {
  return r.notes.map((n) => `${n.code}:${n.severity}`);
}

describe("spec §6 actual readings", () => {
  test("7个 vs ≥6个", () => {
    expect(read("≥6个", "7个")).toEqual({ status: "ok", number: 7, notes: [] });
  });

  test("0.9 shown as 90% vs ≥95% reads 90 (%)", () => {
    expect(read("≥95%", "90%", 0.9)).toEqual({ status: "ok", number: 90, notes: [] });
  });

  test("6% vs ≤5%", () => {
    expect(read("≤5%", "6%", 0.06)).toMatchObject({ status: "ok", number: 6 });
  });

  test("45分钟 vs ≤30分钟", () => {
    expect(read("≤30分钟", "45分钟")).toMatchObject({ status: "ok", number: 45 });
  });

  test("965000元 vs ≤97万元 → 96.5", () => {
    expect(read("≤97万元", "965000元")).toEqual({ status: "ok", number: 96.5, notes: [] });
  });

  test("12 vs ≤5个工作日", () => {
    expect(read("≤5个工作日", "12", 12)).toEqual({ status: "ok", number: 12, notes: [] });
  });

  test("a 2025-04-02 date cell vs 2025年3月底前", () => {
    const r = read("2025年3月底前", "2025-04-02", 45749, true);
    expect(r).toMatchObject({ status: "ok", date: "2025-04-02", band: "未达成" });
    expect(r.notes).toEqual([]);
  });

  test("部分达成（75%） vs 作用显著", () => {
    expect(read("作用显著", "部分达成（75%）")).toEqual({
      status: "ok",
      band: "部分达成",
      bandFraction: 0.75,
      notes: [],
    });
  });

  test("96.5万元 vs 按实际发生值完成", () => {
    expect(read("按实际发生值完成", "96.5万元")).toEqual({
      status: "ok",
      band: "达成",
      number: 96.5,
      notes: [],
    });
  });

  test("37.24 vs bare 43.2", () => {
    expect(read("43.2", "37.24", 37.24)).toEqual({ status: "ok", number: 37.24, notes: [] });
  });
});

describe("numbers and units", () => {
  test.each([
    ["≥6个", "七个", 7],
    ["≥1000元", "1,234", 1234],
    ["≥1000元", "1,234元", 1234],
    ["≥1000元", "1，234元", 1234],
    ["≥6个", "  7 个 ", 7],
    ["≥6个", "约7个", 7],
    ["≥6个", "7个（含新建2个）", 7],
    ["≥6个", "7个系统", 7],
    ["≥280万张", "3000000张", 300],
    ["≥280万张", "300万张", 300],
    ["≥20万人次", "250000人次", 25],
    ["≤97万元", "96.5万", 96.5],
    ["≤97万元", "0.965亿元", 9650],
    ["≥2000元", "0.2万元", 2000],
    ["≤1小时", "30分钟", 0.5],
    ["≥1年", "12个月", 1],
    ["≥365天", "1年", 365],
    ["≤30分钟", "0.5小时", 30],
    ["≤5‰", "0.3%", 3],
    ["≥95%", "95.5％", 95.5],
    ["90%-95%", "92%", 92],
    ["≥5 days", "6天", 6],
    ["≥5天", "1 week", 7],
    ["≥100000", "1.2E+05", 120000],
    ["≥95%", "百分之九十", 90],
  ])("%s / %p → %p", (target, text, want) => {
    const r = read(target, text);
    expect(r.status).toBe("ok");
    expect(r.number).toBe(want);
  });

  test("a different count unit is UNIT_MISMATCH (error, invalid)", () => {
    const r = read("≥6个", "7张");
    expect(r.status).toBe("invalid");
    expect(r.number).toBeUndefined();
    expect(r.notes).toEqual([
      {
        code: "UNIT_MISMATCH",
        severity: "error",
        params: { actual: "7张", unit: "张", targetUnit: "个" },
      },
    ]);
  });

  test.each([
    ["≥6个", "7%"],
    ["≤5个工作日", "3天"],
    ["≤5天", "3个工作日"],
    ["≥20万人次", "25万人"],
    ["≥95%", "95个"],
  ])("%s / %p is a unit mismatch", (target, text) => {
    const r = read(target, text);
    expect(r.status).toBe("invalid");
    expect(codes(r)).toEqual(["UNIT_MISMATCH:error"]);
  });

  test("a bare number is in the target's unit", () => {
    expect(read("≤97万元", "96.5", 96.5)).toMatchObject({ status: "ok", number: 96.5 });
    expect(read("≥20万人次", "25", 25)).toMatchObject({ status: "ok", number: 25 });
  });

  test("a unit on the actual when the target has none is taken as is", () => {
    expect(read("43.2", "37.24万元")).toMatchObject({ status: "ok", number: 37.24, notes: [] });
  });

  test("a fraction against a percentage target reads ×100 with a warning", () => {
    const r = read("≥95%", "0.9", 0.9);
    expect(r).toMatchObject({ status: "ok", number: 90 });
    expect(r.notes).toEqual([
      {
        code: "UNIT_MISMATCH",
        severity: "warning",
        params: { actual: "0.9", value: 90, targetUnit: "%", reason: "fraction" },
      },
    ]);
    expect(read("≥95%", "1", 1)).toMatchObject({ number: 100 });
    expect(read("90%-95%", "0.93", 0.93)).toMatchObject({ number: 93 });
    expect(read("≥95", "0.9", 0.9, false)).toMatchObject({ number: 0.9, notes: [] }); // no unit, no rule
  });

  test("the fraction rule needs a percentage above 1 and a number in (0, 1]", () => {
    expect(read("≤1%", "0.5", 0.5)).toEqual({ status: "ok", number: 0.5, notes: [] });
    expect(read("≥95%", "0", 0)).toEqual({ status: "ok", number: 0, notes: [] });
    expect(read("≥95%", "1.5", 1.5)).toEqual({ status: "ok", number: 1.5, notes: [] });
    expect(read("≥95%", "0.9%", 0.009)).toEqual({ status: "ok", number: 0.9, notes: [] });
  });

  test("a negative actual counts as 0", () => {
    expect(read("≥6个", "-3", -3)).toEqual({ status: "ok", number: 0, notes: [] });
    expect(read("≤5%", "-2%", -0.02)).toMatchObject({ number: 0 });
    expect(read("≥6个", "(3)", -3)).toMatchObject({ number: 0 });
    expect(read("≥6个", "-0", -0).number).toBe(0);
    expect(Object.is(read("≥6个", "-0", -0).number, -0)).toBe(false);
  });

  test("the value is used when Excel shows ##### or nothing", () => {
    expect(readActual(t("≥6个"), { value: 7, text: "#####", isDate: false })).toMatchObject({
      status: "ok",
      number: 7,
    });
    expect(readActual(t("≥6个"), { value: 7, text: "", isDate: false })).toMatchObject({
      status: "ok",
      number: 7,
    });
  });
});

describe("clock text: durations and times of day (`[h]:mm`, `h:mm`, typed `0:25`)", () => {
  // Once read as the figure before the colon: 36:00 against ≤2天 was 36 days, 12:30 against ≤30分钟 was 12.
  test.each([
    ["≤2天", "36:00", 1.5],
    ["≤30分钟", "0:25", 25],
    ["≤30分钟", "00:25:00", 25],
    ["≤30分钟", "0:25:30", 25.5],
    ["≤30分钟", "12:30", 750],
    ["≤2小时", "1:30", 1.5],
    ["≤2小时", "１：３０", 1.5],
    ["≤5秒", "0:00:04.5", 4.5],
  ])("%s, %p reads %p", (target, text, number) => {
    expect(read(target, text)).toEqual({ status: "ok", number, notes: [] });
  });

  test("a duration cell ([h]:mm, value in days) reads its displayed hours", () => {
    expect(read("≤2天", "36:00", 1.5)).toEqual({ status: "ok", number: 1.5, notes: [] });
  });

  test.each([
    ["≥6个", "6:10", ["UNIT_MISMATCH:error"]],
    ["≤2", "1:30", ["ACTUAL_INVALID:error"]],
    ["≥6个", "6:1", ["ACTUAL_INVALID:error"]],
    ["≤30分钟", "8:30-17:30", ["ACTUAL_INVALID:error"]],
    ["≤30分钟", "25:99", ["ACTUAL_INVALID:error"]],
  ])("%s, %p cannot be read", (target, text, expected) => {
    const r = read(target, text);
    expect(r.status).toBe("invalid");
    expect(codes(r)).toEqual(expected);
  });

  test("a colon before words is still a remark", () => {
    expect(read("≥95%", "95%:来源统计局")).toMatchObject({ status: "ok", number: 95 });
  });
});

describe("completion words on a quantitative target", () => {
  test.each(["完成", "已完成", "达成", "已达成", "全部完成"])(
    "%s → 达成 with an ACTUAL_INVALID warning",
    (text) => {
      const r = read("≥6个", text);
      expect(r).toMatchObject({ status: "ok", band: "达成" });
      expect(r.number).toBeUndefined();
      expect(r.notes).toEqual([
        {
          code: "ACTUAL_INVALID",
          severity: "warning",
          params: { actual: text, reason: "doneWord" },
        },
      ]);
    }
  );

  test.each(["部分达成", "未完成", "好", "是"])("%s is not a figure: invalid", (text) => {
    const r = read("≥95%", text);
    expect(r.status).toBe("invalid");
    expect(codes(r)).toEqual(["ACTUAL_INVALID:error"]);
  });
});

describe("unreadable and empty", () => {
  test.each([
    "N/A",
    "n/a",
    "NA",
    "#DIV/0!",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "待定",
    "暂无",
    "无",
    "/",
    "-",
    "—",
    "？",
    "abc",
    "很多",
  ])("%p is ACTUAL_INVALID (error)", (text) => {
    const targets = ["≥6个", "作用显著", "2025年3月底前", "90%-95%"];
    // As-incurred takes any text, but not these explicit "no value" markers.
    if (text !== "abc" && text !== "很多") targets.push("按实际发生值完成");
    for (const target of targets) {
      const r = read(target, text);
      expect(r.status).toBe("invalid");
      expect(r.notes).toEqual([
        { code: "ACTUAL_INVALID", severity: "error", params: { actual: text } },
      ]);
    }
  });

  test.each([
    ["", ""],
    ["   ", "   "],
    ["\t\n", null],
    ["\u3000", null],
  ])("%p is missing with no notes", (text, value) => {
    for (const target of ["≥6个", "作用显著", "2025年3月底前", "按实际发生值完成"]) {
      expect(readActual(t(target), { value, text, isDate: false })).toEqual({
        status: "missing",
        notes: [],
      });
    }
  });

  test("a null value with no text is missing", () => {
    expect(readActual(t("≥6个"), { value: null, text: "", isDate: false })).toEqual({
      status: "missing",
      notes: [],
    });
  });
});

describe("bands (qualitative)", () => {
  test.each([
    ["达成", "达成"],
    ["已达成", "达成"],
    ["达成预期指标", "达成"],
    ["达成年度指标", "达成"],
    ["完成", "达成"],
    ["已完成", "达成"],
    ["全部完成", "达成"],
    ["是", "达成"],
    ["好", "达成"],
    ["优", "达成"],
    ["按时完成", "达成"],
    ["按期完成", "达成"],
    ["如期完成", "达成"],
    ["提前完成", "达成"],
    ["Achieved", "达成"],
    ["部分达成", "部分达成"],
    ["部分达成预期指标并具有一定效果", "部分达成"],
    ["基本达成", "部分达成"],
    ["基本完成", "部分达成"],
    ["较好", "部分达成"],
    ["一般", "部分达成"],
    ["未达成", "未达成"],
    ["未达成预期指标且效果较差", "未达成"],
    ["未完成", "未达成"],
    ["否", "未达成"],
    ["较差", "未达成"],
    ["差", "未达成"],
    ["逾期", "未达成"],
    ["延期", "未达成"],
    ["not achieved", "未达成"],
  ])("%s → %s", (text, band) => {
    expect(read("作用显著", text)).toEqual({ status: "ok", band, notes: [] });
  });

  test("an actual equal to the target text is 达成", () => {
    expect(read("作用显著", "作用显著")).toEqual({ status: "ok", band: "达成", notes: [] });
    expect(read("良好", " 良好 ")).toEqual({ status: "ok", band: "达成", notes: [] });
    expect(read("2025年全年", "2025年全年")).toMatchObject({ band: "达成" });
  });

  test.each([
    ["部分达成 75%", "部分达成", 0.75],
    ["部分达成（75%）", "部分达成", 0.75],
    ["部分达成(75%)", "部分达成", 0.75],
    ["部分达成75%", "部分达成", 0.75],
    ["部分达成，60%", "部分达成", 0.6],
    ["部分达成（80%）", "部分达成", 0.8],
    ["达成（90%）", "达成", 0.9],
    ["达成 100%", "达成", 1],
    ["未达成（30%）", "未达成", 0.3],
    ["未达成 0%", "未达成", 0],
    ["75% 部分达成", "部分达成", 0.75],
    ["部分达成（百分之七十）", "部分达成", 0.7],
  ])("%p → %s at %p", (text, band, fraction) => {
    expect(read("作用显著", text)).toEqual({
      status: "ok",
      band,
      bandFraction: fraction,
      notes: [],
    });
  });

  test.each([
    ["部分达成 90%", "部分达成", 90],
    ["部分达成（50%）", "部分达成", 50],
    ["达成（70%）", "达成", 70],
    ["未达成（70%）", "未达成", 70],
    ["达成 120%", "达成", 120],
  ])("%p: a percentage outside the band is ACTUAL_INVALID", (text, band, percent) => {
    const r = read("作用显著", text);
    expect(r.status).toBe("invalid");
    expect(r.notes).toEqual([
      {
        code: "ACTUAL_INVALID",
        severity: "error",
        params: expect.objectContaining({ actual: text, band, percent }),
      },
    ]);
  });

  test("other text on a qualitative target is invalid", () => {
    expect(codes(read("作用显著", "作用较显著"))).toEqual(["ACTUAL_INVALID:error"]);
    expect(codes(read("作用显著", "75%"))).toEqual(["ACTUAL_INVALID:error"]);
    expect(read("作用显著", "7个").status).toBe("invalid");
  });
});

describe("deadline", () => {
  test("date cells", () => {
    expect(read("2025年3月底前", "2025/3/31", 45747, true)).toMatchObject({
      status: "ok",
      date: "2025-03-31",
      band: "达成",
    });
    expect(read("2025年3月底前", "3/20/2025", 45736, true)).toMatchObject({
      date: "2025-03-20",
      band: "达成",
    });
    // the serial wins over a localised display
    expect(read("2025年3月底前", "2025年4月2日", 45749, true)).toMatchObject({
      date: "2025-04-02",
      band: "未达成",
    });
  });

  test.each([
    ["2025-03-20", "2025-03-20", "达成"],
    ["2025/3/31", "2025-03-31", "达成"],
    ["2025年3月20日", "2025-03-20", "达成"],
    ["2025.4.1", "2025-04-01", "未达成"],
    ["2025-04-02 10:00", "2025-04-02", "未达成"],
    ["已于2025年3月20日完成", "2025-03-20", "达成"],
  ])("date text %p → %s %s", (text, date, band) => {
    expect(read("2025年3月底前", text)).toEqual({ status: "ok", date, band, notes: [] });
  });

  test.each([
    ["按时完成", "达成"],
    ["已完成", "达成"],
    ["逾期", "未达成"],
    ["延期完成", "未达成"],
    ["基本完成", "部分达成"],
  ])("band word %s → %s", (text, band) => {
    expect(read("2025年3月底前", text)).toEqual({ status: "ok", band, notes: [] });
  });

  test("the target text itself is 达成; a number is not a date", () => {
    expect(read("2025年3月底前", "2025年3月底前")).toMatchObject({ band: "达成" });
    expect(codes(read("2025年3月底前", "45749", 45749, false))).toEqual(["ACTUAL_INVALID:error"]);
    expect(codes(read("2025年3月底前", "2025-02-30"))).toEqual(["ACTUAL_INVALID:error"]);
  });

  test("a date cell with an impossible serial falls back to its text", () => {
    expect(read("2025年3月底前", "按时完成", -5, true)).toMatchObject({
      status: "ok",
      band: "达成",
    });
  });
});

describe("deadline: a month without its day", () => {
  // Once unreadable. A month decides only when it lies wholly on one side of the deadline.
  test.each([
    ["2025年3月底前", "2025年3月", "达成"],
    ["2025年3月底前", "2025年3月份", "达成"],
    ["2025年3月底前", "2025-03", "达成"],
    ["2025年3月底前", "2025年二月", "达成"],
    ["2025年3月底前", "2025年4月", "未达成"],
    ["2025年3月底前", "2025.4", "未达成"],
    ["2025年12月31日前", "2025年12月", "达成"],
  ])("%s, %p → %s", (target, text, band) => {
    expect(read(target, text)).toMatchObject({ status: "ok", band, notes: [] });
  });

  test.each([
    ["2025年3月15日前", "2025年3月"], // the deadline falls inside the month
    ["2025年3月底前", "3月25日"], // a day without its year: 12月20日 against 2026年1月底前 could mean either year
    ["2025年3月底前", "2025年13月"],
  ])("%s, %p cannot be read", (target, text) => {
    expect(codes(read(target, text))).toEqual(["ACTUAL_INVALID:error"]);
  });
});

describe("as-incurred", () => {
  test.each([
    ["96.5万元", 96.5],
    ["965000", 965000],
    ["1,234.5", 1234.5],
  ])("%p → 达成, number %p", (text, n) => {
    expect(read("按实际发生值完成", text)).toEqual({
      status: "ok",
      band: "达成",
      number: n,
      notes: [],
    });
  });

  test("any text → 达成", () => {
    expect(read("按实际发生值完成", "已按实际发生支付")).toEqual({
      status: "ok",
      band: "达成",
      notes: [],
    });
    expect(read("据实", "完成")).toEqual({ status: "ok", band: "达成", notes: [] });
  });

  test("explicit 部分达成 / 未达成 keep their band", () => {
    expect(read("按实际发生值完成", "未完成")).toEqual({ status: "ok", band: "未达成", notes: [] });
    expect(read("按实际发生值完成", "部分达成（70%）")).toEqual({
      status: "ok",
      band: "部分达成",
      bandFraction: 0.7,
      notes: [],
    });
  });

  test("a unit column converts the figure", () => {
    const target = parseTarget("按实际发生值完成", CTX);
    expect(readActual({ ...target, unit: "万元" }, cell("965000元"))).toMatchObject({
      number: 96.5,
    });
  });
});

describe("unparsed target", () => {
  test("numbers and band words still read", () => {
    expect(read("≥", "7")).toMatchObject({ status: "ok", number: 7 });
    expect(read("", "完成")).toMatchObject({ status: "ok", band: "达成" });
    expect(read("", "abc").status).toBe("invalid");
  });
});

describe("robustness", () => {
  test("bad inputs do not throw", () => {
    expect(readActual(undefined as unknown as ParsedTarget, cell("7")).status).toBe("ok");
    expect(readActual(t("≥6个"), undefined as unknown as ActualCell).status).toBe("missing");
    expect(readActual(t("≥6个"), { value: true, text: "TRUE", isDate: false }).status).toBe(
      "invalid"
    );
    expect(readActual(t("≥6个"), { value: NaN, text: "", isDate: false }).status).toBe("missing");
    expect(readActual(t("2025年3月底前"), { value: "x", text: "x", isDate: true }).status).toBe(
      "invalid"
    );
    expect(readActual({ kind: "deadline", text: "?" }, cell("2025-01-01"))).toEqual({
      status: "ok",
      date: "2025-01-01",
      notes: [],
    });
  });
});

describe("number formats in the displayed text", () => {
  test.each([
    ["≤97万元", "¥96.50", 96.5],
    ["≤97万元", "￥96.50", 96.5],
    ["≥1000", "$1,234.00", 1234],
    ["≥6个", "(¥3)", 0],
    ["≥0.5", ".75", 0.75],
    ["≥95%", "95.00%", 95],
  ])("%s / %p → %p", (target, text, want) => {
    expect(read(target, text)).toMatchObject({ status: "ok", number: want });
  });
});

describe("plain figures take a short way that reads exactly as the general grammar", () => {
  const TARGETS = [
    "≥95%",
    "≤5%",
    "≥6个",
    "≤30分钟",
    "≤97万元",
    "100%",
    "=12个",
    "90%-95%",
    "≥20万人次",
    "≥0.5",
  ];
  const figure = fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true })
      ),
      fc.constantFrom("", "%", "个", "分钟", "万元", "元", "人次", "万人次", "小时", "天", "张")
    )
    .map(([n, unit]) => `${String(n).includes("e") ? Math.round(n) : n}${unit}`);

  test("property: a figure reads the same as the same figure after a leading space (the general path)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS), figure, (target, text) => {
        const tg = t(target);
        expect(readActual(tg, cell(text))).toEqual(readActual(tg, cell(` ${text}`)));
      }),
      { numRuns: 3000 }
    );
  });

  test.each([
    ["≥95%", "96.5%", 96.5],
    ["≤97万元", "96万元", 96],
    ["≤97万元", "912345元", 91.2345],
    ["≥6个", "0", 0],
    ["≥95%", "0.96", 96],
  ])("%s ← %s is %s", (target, text, expected) => {
    expect(readActual(t(target), cell(text)).number).toBeCloseTo(expected, 9);
  });
});
