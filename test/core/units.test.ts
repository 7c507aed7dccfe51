import { parseChineseNumeral, parseDecimal, parseNumber } from "../../src/core/numerals";
import { convertUnit, isCountWord, normalizeUnit, sameUnit, unitInfo } from "../../src/core/units";

describe("convertUnit: money", () => {
  test.each([
    [965000, "元", "万元", 96.5],
    [96.5, "万元", "元", 965000],
    [0.55, "万元", "元", 5500],
    [1, "亿元", "万元", 10000],
    [12345, "千元", "万元", 1234.5],
    [3, "百万元", "万元", 300],
    [1, "千万元", "万元", 1000],
    [97, "万元", "万元", 97],
    [1, "亿元", "元", 1e8],
    [500, "yuan", "元", 500],
  ])("%p %s → %s = %p", (v, from, to, want) => {
    expect(convertUnit(v, from, to)).toBe(want);
  });
});

describe("convertUnit: time", () => {
  test.each([
    [45, "分钟", "小时", 0.75],
    [2, "小时", "分钟", 120],
    [90, "秒", "分钟", 1.5],
    [1, "天", "小时", 24],
    [3, "日", "天", 3],
    [2, "周", "天", 14],
    [12, "个月", "年", 1],
    [1, "年", "个月", 12],
    [1, "年", "天", 365],
    [1, "月", "天", 30],
    [2, "季度", "月", 6],
    [30, "minutes", "小时", 0.5],
    [1, "hour", "分钟", 60],
    [2, "Days", "天", 2],
    [1, "week", "day", 7],
    [6, "months", "year", 0.5],
    [3, "seconds", "秒", 3],
    [5, "min", "分钟", 5],
    [2, "years", "月", 24],
  ])("%p %s → %s = %p", (v, from, to, want) => {
    expect(convertUnit(v, from, to)).toBe(want);
  });

  test("working days convert to nothing else", () => {
    expect(convertUnit(5, "个工作日", "工作日")).toBe(5);
    expect(convertUnit(5, "working days", "个工作日")).toBe(5);
    expect(convertUnit(5, "工作日", "天")).toBeNull();
    expect(convertUnit(5, "天", "个工作日")).toBeNull();
    expect(convertUnit(5, "工作日", "小时")).toBeNull();
  });
});

describe("convertUnit: percent and counts", () => {
  test.each([
    [5, "%", "‰", 50],
    [50, "‰", "%", 5],
    [95, "百分比", "%", 95],
    [2, "个百分点", "%", 2],
    [280, "万张", "张", 2800000],
    [2800000, "张", "万张", 280],
    [25, "万人次", "人次", 250000],
    [1, "亿人次", "万人次", 10000],
    [3, "千人", "人", 3000],
    [7, "个", "个", 7],
    [2, "万元/台", "元/台", 20000],
    [5, "", "", 5],
  ])("%p %s → %s = %p", (v, from, to, want) => {
    expect(convertUnit(v, from, to)).toBe(want);
  });

  test.each([
    ["张", "个"],
    ["万人次", "人"],
    ["人次", "万人"],
    ["%", "个"],
    ["个", "%"],
    ["天", "个"],
    ["元", "个"],
    ["", "个"],
    ["个", ""],
    ["分", "分钟"],
    ["万小时", "小时"],
  ])("%s → %s is not convertible", (from, to) => {
    expect(convertUnit(1, from, to)).toBeNull();
  });

  test("NaN is not converted", () => {
    expect(convertUnit(NaN, "元", "万元")).toBeNull();
  });
});

describe("normalizeUnit and unitInfo", () => {
  test.each([
    ["个月", "月"],
    ["个小时", "小时"],
    ["个工作日", "工作日"],
    ["Working Days", "工作日"],
    ["日", "天"],
    ["days", "天"],
    ["Hours", "小时"],
    ["％", "%"],
    ["百分比", "%"],
    ["万元", "万元"],
    [" 万 人次 ", "万人次"],
    ["个", "个"],
    ["", ""],
  ])("%p → %p", (u, want) => {
    expect(normalizeUnit(u)).toBe(want);
  });

  test("families", () => {
    expect(unitInfo("万元")).toMatchObject({ family: "count", base: "元", factor: 1e4 });
    expect(unitInfo("万人次")).toMatchObject({ family: "count", base: "人次", factor: 1e4 });
    expect(unitInfo("分钟").family).toBe("time");
    expect(unitInfo("‰").family).toBe("percent");
    expect(unitInfo("个工作日").family).toBe("workday");
    expect(unitInfo("").family).toBe("none");
    expect(unitInfo("千分比")).toMatchObject({ family: "percent", unit: "‰" });
    expect(unitInfo(undefined).family).toBe("none");
  });

  test("sameUnit and isCountWord", () => {
    expect(sameUnit("个月", "月")).toBe(true);
    expect(sameUnit("个", "张")).toBe(false);
    expect(isCountWord("个")).toBe(true);
    expect(isCountWord("万人次")).toBe(true);
    expect(isCountWord("十二个月")).toBe(false);
    expect(isCountWord("般")).toBe(false);
  });
});

describe("numerals", () => {
  test.each([
    ["〇", 0],
    ["零", 0],
    ["一", 1],
    ["两", 2],
    ["六", 6],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十五", 25],
    ["一百", 100],
    ["一百零五", 105],
    ["一百一十", 110],
    ["三千二百", 3200],
    ["两万", 20000],
    ["十万", 100000],
    ["十五万三千", 153000],
    ["一亿两千万", 120000000],
    ["二〇二五", 2025],
    ["贰拾", 20],
  ])("%s = %p", (s, want) => {
    expect(parseChineseNumeral(s)).toBe(want);
  });

  test.each(["", "十十", "二三", "万", "百千", "abc", "六个", "一万亿"])(
    "%p is not a numeral",
    (s) => {
      expect(parseChineseNumeral(s)).toBeNull();
    }
  );

  test.each([
    ["43.2", 43.2],
    ["-3", -3],
    ["+2", 2],
    [".5", 0.5],
    ["1,234", 1234],
    ["1,234,567.89", 1234567.89],
    [" 12 ", 12],
  ])("decimal %p = %p", (s, want) => {
    expect(parseDecimal(s)).toBe(want);
  });

  test.each(["", "1,23", "1,2345", "--1", "1.2.3", "abc", "1e5", "Infinity", "NaN"])(
    "%p is not a decimal",
    (s) => {
      expect(parseDecimal(s)).toBeNull();
    }
  );

  test("exponent only when asked", () => {
    expect(parseDecimal("1.2E+05", true)).toBe(120000);
    expect(parseDecimal("1e999", true)).toBeNull();
  });

  test("parseNumber takes either", () => {
    expect(parseNumber("1,234")).toBe(1234);
    expect(parseNumber("十二")).toBe(12);
    expect(parseNumber("x")).toBeNull();
  });
});
