import {
  findDateInText,
  isLeapYear,
  isoToSerial,
  lastDayOfMonth,
  parseDateText,
  serialToIso,
} from "../../src/core/dates";
import { isDateFormat } from "../../src/core/number-format";

describe("serialToIso (Excel 1900 system)", () => {
  test.each([
    [1, "1900-01-01"],
    [31, "1900-01-31"],
    [59, "1900-02-28"],
    [60, "1900-02-29"], // Excel's phantom leap day
    [61, "1900-03-01"],
    [366, "1900-12-31"],
    [367, "1901-01-01"],
    [36526, "2000-01-01"],
    [43831, "2020-01-01"],
    [45658, "2025-01-01"],
    [45747, "2025-03-31"],
    [45749, "2025-04-02"],
    [45749.75, "2025-04-02"], // time of day ignored
    [2958465, "9999-12-31"],
  ])("%p → %s", (serial, iso) => {
    expect(serialToIso(serial)).toBe(iso);
  });

  test.each([0, -1, 0.5, 2958466, NaN, Infinity])("%p is not a date", (serial) => {
    expect(serialToIso(serial)).toBe("");
  });

  test("isoToSerial is its inverse", () => {
    for (const s of [1, 59, 60, 61, 366, 45658, 45749, 2958465])
      expect(isoToSerial(serialToIso(s))).toBe(s);
    expect(isoToSerial("2025-02-30")).toBeNull();
    expect(isoToSerial("nope")).toBeNull();
  });
});

describe("lastDayOfMonth", () => {
  test.each([
    [2025, 1, 31],
    [2025, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2025, 4, 30],
    [2025, 6, 30],
    [2025, 9, 30],
    [2025, 11, 30],
    [2025, 12, 31],
  ])("%p-%p → %p", (y, m, d) => {
    expect(lastDayOfMonth(y, m)).toBe(d);
  });

  test("months outside 1–12", () => {
    expect(lastDayOfMonth(2025, 0)).toBeNaN();
    expect(lastDayOfMonth(2025, 13)).toBeNaN();
  });

  test("leap years", () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("parseDateText", () => {
  test.each([
    ["2025-03-20", "2025-03-20"],
    ["2025-3-20", "2025-03-20"],
    ["2025/3/20", "2025-03-20"],
    ["2025/03/20", "2025-03-20"],
    ["2025年3月20日", "2025-03-20"],
    ["2025 年 3 月 20 日", "2025-03-20"],
    ["2025年3月20号", "2025-03-20"],
    ["2025年3月20", "2025-03-20"],
    ["２０２５年３月２０日", "2025-03-20"],
    ["二〇二五年三月二十日", "2025-03-20"],
    ["2025.3.20", "2025-03-20"],
    ["2025-03-20 10:00", "2025-03-20"],
    ["2025-03-20 10:00:30", "2025-03-20"],
    ["2025-03-20T10:00:00Z", "2025-03-20"],
    ["2025/3/20 9:05", "2025-03-20"],
    ["2025年3月20日 10:00", "2025-03-20"],
    ["3/20/2025", "2025-03-20"],
    ["20/3/2025", "2025-03-20"],
    ["  2025-03-20  ", "2025-03-20"],
    ["2024-02-29", "2024-02-29"],
  ])("%p → %s", (text, iso) => {
    expect(parseDateText(text)).toBe(iso);
  });

  test.each([
    "",
    "2025-02-30",
    "2025-13-01",
    "2025-03",
    "2025年3月",
    "20250320",
    "45749",
    "2025-03/20",
    "按时完成",
    "2023-02-29",
    "2025年3月20日完成",
  ])("%p is not a date", (text) => {
    expect(parseDateText(text)).toBeNull();
  });

  test("findDateInText", () => {
    expect(findDateInText("已于2025年3月20日完成")).toBe("2025-03-20");
    expect(findDateInText("完成时间：2025-04-02")).toBe("2025-04-02");
    expect(findDateInText("完成")).toBeNull();
    expect(findDateInText("2025年2月30日")).toBeNull();
  });
});

describe("isDateFormat", () => {
  test.each([
    "yyyy-mm-dd",
    "m/d/yyyy",
    "m/d/yy",
    'yyyy"年"m"月"d"日"',
    '[$-804]yyyy"年"m"月"d"日"',
    "yyyy年m月d日",
    "[DBNum1][$-804]yyyy年m月d日",
    "d-mmm-yy",
    "mmm-yy",
    "mmmm",
    "dd/mm/yyyy hh:mm",
    "yyyy/m/d h:mm AM/PM",
    "[$-F800]dddd, mmmm dd, yyyy",
    "e/m/d",
    "yyyy-mm-dd;@",
  ])("%p is a date format", (f) => {
    expect(isDateFormat(f)).toBe(true);
  });

  test.each([
    "0.00%",
    "#,##0.00",
    "General",
    "@",
    '0.0"万元"',
    "[Red]0.00",
    "[h]:mm",
    "[h]:mm:ss",
    "[mm]:ss",
    "h:mm",
    "h:mm:ss",
    "mm:ss",
    "h:mm AM/PM",
    "0.00E+00",
    '#,##0.00"元";[Red]-#,##0.00"元"',
    '"date" 0',
    "\\d0",
    "0_);(0)",
    'General"天"',
    // General as Chinese Excel and WPS spell it: its "G" is no era.
    'G/通用格式"个"',
    "G/通用格式;-G/通用格式;",
    "[红色]0.00",
    '上午/下午h"时"mm"分"',
    "",
    null,
    undefined,
  ])("%p is not a date format", (f) => {
    expect(isDateFormat(f)).toBe(false);
  });
});
