import { readFileSync } from "fs";
import { join } from "path";
import {
  normalizeTargetText,
  parseDeadline,
  parseTarget,
  readComparatorColumn,
} from "../../src/core/parse-target";
import { firstYear } from "../../src/core/text";
import { ParsedTarget, TargetContext, TargetKind } from "../../src/core/types";

const CTX: TargetContext = { defaultYear: 2025, cost: false };
const COST: TargetContext = { defaultYear: 2025, cost: true };

function p(text: string, ctx: Partial<TargetContext> = {}): ParsedTarget {
  return parseTarget(text, { ...CTX, ...ctx });
}

// ---------------------------------------------------------------------------------------------
// The seed workbook: every 指标值 must parse to the right kind.

interface SeedRow {
  title: string;
  level1: string;
  level2: string;
  name: string;
  target: string;
}

/** Reads the indicator rows of test/fixtures/seed-000.txt (header `一级指标 … 指标值`, then 5-line blocks). */
function seedRows(): SeedRow[] {
  const lines = readFileSync(join(__dirname, "../fixtures/seed-000.txt"), "utf8").split(/\r?\n/);
  const rows: SeedRow[] = [];
  let title = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("[bookmark")) title = line.replace(/^\[bookmark:[^\]]*\]/, "");
    if (line.trim() !== "指标值") continue;
    let level1 = "";
    let level2 = "";
    let j = i + 1;
    for (;;) {
      while (j < lines.length && lines[j] === "") j++; // a lone tab is a blank level-1 cell, not a gap
      const block: string[] = [];
      while (j < lines.length && lines[j].startsWith("\t")) block.push(lines[j++].slice(1));
      if (block.length !== 5) break;
      if (block[0].trim()) level1 = block[0].trim();
      if (block[1].trim()) level2 = block[1].trim();
      rows.push({ title, level1, level2, name: block[2].trim(), target: block[4] });
    }
    i = j - 1;
  }
  return rows;
}

/** Hand-written expectations for every distinct 指标值 of the seed. */
const SEED_EXPECT: Record<
  string,
  { kind: TargetKind; value?: number; unit?: string; deadline?: string; bare?: boolean }
> = {
  "≥6个": { kind: "higher", value: 6, unit: "个" },
  "≥1个": { kind: "higher", value: 1, unit: "个" },
  "≤5%": { kind: "lower", value: 5, unit: "%" },
  "≤30分钟": { kind: "lower", value: 30, unit: "分钟" },
  "≤97万元": { kind: "lower", value: 97, unit: "万元" },
  实际采购单价是否等于或低于预算价格: { kind: "qualitative" },
  "≥95%": { kind: "higher", value: 95, unit: "%" },
  "100%": { kind: "higher", value: 100, unit: "%", bare: true },
  "≥1笔": { kind: "higher", value: 1, unit: "笔" },
  "≤11.09万元": { kind: "lower", value: 11.09, unit: "万元" },
  "365天": { kind: "higher", value: 365, unit: "天", bare: true },
  "≥98%": { kind: "higher", value: 98, unit: "%" },
  按实际发生值完成: { kind: "as-incurred" },
  "6个": { kind: "higher", value: 6, unit: "个", bare: true },
  "2025年12月底之前完成项目资金阶段性支付": { kind: "deadline", deadline: "2025-12-31" },
  "2025年全年": { kind: "qualitative" },
  "≤100万元": { kind: "lower", value: 100, unit: "万元" },
  持续保障车驾管业务顺利开展: { kind: "qualitative" },
  "≥280万张": { kind: "higher", value: 280, unit: "万张" },
  "≥10万副": { kind: "higher", value: 10, unit: "万副" },
  "≥80万副": { kind: "higher", value: 80, unit: "万副" },
  "≤5个工作日": { kind: "lower", value: 5, unit: "个工作日" },
  "≤60%": { kind: "lower", value: 60, unit: "%" },
  "≤6300万元": { kind: "lower", value: 6300, unit: "万元" },
  "≥90%": { kind: "higher", value: 90, unit: "%" },
  "≥5台": { kind: "higher", value: 5, unit: "台" },
  "≥60台": { kind: "higher", value: 60, unit: "台" },
  "≥6台": { kind: "higher", value: 6, unit: "台" },
  "≥1台": { kind: "higher", value: 1, unit: "台" },
  "≥10台": { kind: "higher", value: 10, unit: "台" },
  "≥99%": { kind: "higher", value: 99, unit: "%" },
  "≥15%": { kind: "higher", value: 15, unit: "%" },
  "≥5分钟": { kind: "higher", value: 5, unit: "分钟" },
  "≤21万元": { kind: "lower", value: 21, unit: "万元" },
  "≤0.55万元": { kind: "lower", value: 0.55, unit: "万元" },
  "≤1.1万元": { kind: "lower", value: 1.1, unit: "万元" },
  "≤24万元": { kind: "lower", value: 24, unit: "万元" },
  "≤4.74万元": { kind: "lower", value: 4.74, unit: "万元" },
  作用显著: { kind: "qualitative" },
  显著提高: { kind: "qualitative" },
  有效推动: { kind: "qualitative" },
  ">90%": { kind: "higher", value: 90, unit: "%" },
  "≥20万人次": { kind: "higher", value: 20, unit: "万人次" },
  "2025年3月底前": { kind: "deadline", deadline: "2025-03-31" },
  "≤1200万元": { kind: "lower", value: 1200, unit: "万元" },
  "≥2000万元": { kind: "higher", value: 2000, unit: "万元" },
  良好: { kind: "qualitative" },
  "≤93万元": { kind: "lower", value: 93, unit: "万元" },
  "≥25万人次": { kind: "higher", value: 25, unit: "万人次" },
};

describe("seed workbook 指标值", () => {
  const rows = seedRows();

  test("the extractor finds all seven tables' indicators", () => {
    expect(rows.length).toBe(70);
    expect(new Set(rows.map((r) => r.title)).size).toBe(7);
    expect(rows[0]).toMatchObject({ level1: "产出指标", level2: "数量指标", target: "≥6个" });
  });

  test("every distinct seed target has a hand-written expectation", () => {
    const missing = [...new Set(rows.map((r) => r.target.trim()))].filter(
      (t) => !(t in SEED_EXPECT)
    );
    expect(missing).toEqual([]);
  });

  test.each(rows.map((r, i) => [i + 1, r.target, r] as const))("row %i: %s", (_i, target, row) => {
    const cost = /成本/.test(row.level1) || /成本/.test(row.level2);
    const ctx: TargetContext = { defaultYear: firstYear(row.title) ?? 2025, cost };
    const got = parseTarget(target, ctx);
    const want = SEED_EXPECT[target.trim()];
    expect(got.kind).not.toBe("unparsed");
    expect(got.text).toBe(target);
    expect(got.kind).toBe(want.kind);
    if (want.value !== undefined) expect(got.value).toBe(want.value);
    if (want.unit !== undefined) expect(got.unit).toBe(want.unit);
    if (want.deadline !== undefined) expect(got.deadline).toBe(want.deadline);
    expect(!!got.bare).toBe(!!want.bare);
  });

  test("a bare seed number under 成本指标 would be lower", () => {
    expect(parseTarget("100%", { defaultYear: 2025, cost: true })).toMatchObject({
      kind: "lower",
      value: 100,
      bare: true,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Spec §2 examples

describe("spec §2 examples", () => {
  test.each([
    ["≥6个", "higher", 6, "个"],
    [">90%", "higher", 90, "%"],
    ["不低于95%", "higher", 95, "%"],
    ["不少于10次", "higher", 10, "次"],
    ["至少3个", "higher", 3, "个"],
    ["达到98%", "higher", 98, "%"],
    ["95%以上", "higher", 95, "%"],
    ["≥ 20万人次", "higher", 20, "万人次"],
    ["大于0", "higher", 0, ""],
    ["高于80%", "higher", 80, "%"],
    ["≤5%", "lower", 5, "%"],
    ["<3天", "lower", 3, "天"],
    ["不高于5%", "lower", 5, "%"],
    ["不超过3次", "lower", 3, "次"],
    ["不多于2个", "lower", 2, "个"],
    ["低于1%", "lower", 1, "%"],
    ["小于5", "lower", 5, ""],
    ["50万元以内", "lower", 50, "万元"],
    ["3个工作日以下", "lower", 3, "个工作日"],
    ["控制在97万元以内", "lower", 97, "万元"],
    ["=100%", "equal", 100, "%"],
    ["＝100%", "equal", 100, "%"],
    ["等于1个", "equal", 1, "个"],
  ])("%s → %s %p %s", (text, kind, value, unit) => {
    const t = p(text);
    expect(t).toMatchObject({ kind, value, unit, text });
    expect(t.bare).toBeUndefined();
  });

  test.each([
    ["90%-95%", 90, 95, "%"],
    ["3~5天", 3, 5, "天"],
    ["3至5天", 3, 5, "天"],
    ["3-5", 3, 5, ""],
    ["3到5天", 3, 5, "天"],
    ["3天-5天", 3, 5, "天"],
    ["90-95%", 90, 95, "%"],
    ["3～5天", 3, 5, "天"],
    ["95%-90%", 90, 95, "%"],
    ["-5~5", -5, 5, ""],
    ["在90%至95%之间", 90, 95, "%"],
    ["30分钟-1小时", 0.5, 1, "小时"],
  ])("range %s → [%p, %p] %s", (text, lo, hi, unit) => {
    expect(p(text)).toMatchObject({ kind: "range", lo, hi, unit });
  });

  test("a leading minus sign is not a range", () => {
    expect(p("-3")).toMatchObject({ kind: "higher", value: -3, bare: true });
    expect(p("≥-5%")).toMatchObject({ kind: "higher", value: -5, unit: "%" });
    expect(p("-3.5天")).toMatchObject({ kind: "higher", value: -3.5, unit: "天" });
  });

  test.each([
    ["2025年3月底前", "2025-03-31"],
    ["2025年12月底之前完成项目资金阶段性支付", "2025-12-31"],
    ["2025年6月30日前", "2025-06-30"],
    ["12月31日以前", "2025-12-31"],
    ["年底前", "2025-12-31"],
  ])("deadline %s → %s", (text, deadline) => {
    expect(p(text)).toMatchObject({ kind: "deadline", deadline });
  });

  test.each(["按实际发生值完成", "据实", "按实际发生", "据实结算", "按实际发生数支付"])(
    "as-incurred %s",
    (text) => {
      expect(p(text).kind).toBe("as-incurred");
    }
  );

  test.each([
    "作用显著",
    "显著提高",
    "良好",
    "有效推动",
    "效果明显",
    "实际采购单价是否等于或低于预算价格",
    "2025年全年",
    "持续保障车驾管业务顺利开展",
    "不高于",
    "达到预期",
    "一般",
    "十分满意",
    "一次性验收合格",
    "abc",
    "A>B",
    "次月10日前完成",
  ])("qualitative %s", (text) => {
    expect(p(text).kind).toBe("qualitative");
  });

  test.each([
    ["100%", 100, "%"],
    ["365天", 365, "天"],
    ["43.2", 43.2, ""],
    ["6个", 6, "个"],
    ["1,234", 1234, ""],
    ["95%左右", 95, "%"],
  ])("bare %s → higher, or lower for a cost indicator", (text, value, unit) => {
    expect(p(text)).toMatchObject({ kind: "higher", value, unit, bare: true });
    expect(parseTarget(text, COST)).toMatchObject({ kind: "lower", value, unit, bare: true });
  });

  test.each(["", "   ", "\t\n", "≥", "≥abc", "≤", "=", "/", "—", "--", "……", "≥一流"])(
    "unparsed %p",
    (text) => {
      expect(p(text).kind).toBe("unparsed");
    }
  );
});

// ---------------------------------------------------------------------------------------------

describe("normalisation", () => {
  test.each([
    ["≧95%", "higher", 95],
    ["≦5%", "lower", 5],
    [">=95%", "higher", 95],
    ["<=5%", "lower", 5],
    ["＞＝90%", "higher", 90],
    ["＜＝90%", "lower", 90],
    ["⩾90%", "higher", 90],
    ["≥９５％", "higher", 95],
    ["≥1,234,567.5元", "higher", 1234567.5],
    ["≥95百分比", "higher", 95],
    ["不低于百分之九十五", "higher", 95],
    ["大于等于90%", "higher", 90],
    ["小于或等于10%", "lower", 10],
    ["≥95%（含）", "higher", 95],
    ["95%(含)以上", "higher", 95],
    ["≥ 6 个", "higher", 6],
    ["≥6个。", "higher", 6],
  ])("%s → %s %p", (text, kind, value) => {
    expect(p(text)).toMatchObject({ kind, value });
  });

  test("normalizeTargetText", () => {
    expect(normalizeTargetText(" ≧ 1,234 ％ ")).toBe("≥1234%");
    expect(normalizeTargetText("百分之九十")).toBe("90%");
  });

  test("the original text is kept", () => {
    expect(p(" ≥ 6 个 ").text).toBe(" ≥ 6 个 ");
  });
});

describe("word forms and suffixes", () => {
  test.each([
    ["不小于3个", "higher"],
    ["超过80%", "higher"],
    ["多于3次", "higher"],
    ["最低90%", "higher"],
    ["达90%", "higher"],
    ["90%及以上", "higher"],
    ["90%或以上", "higher"],
    ["不大于5%", "lower"],
    ["少于3次", "lower"],
    ["5%以下", "lower"],
    ["3天内", "lower"],
    ["30日内", "lower"],
    ["5个工作日以内", "lower"],
    ["5%及以下", "lower"],
    ["控制在5%", "lower"],
    ["控制在95%以上", "higher"],
    ["达到5%以内", "lower"],
    ["不低于95%以内", "higher"],
    ["满意度≥95%", "higher"],
    ["合格率不低于95%", "higher"],
    ["满意度达到95%以上", "higher"],
    ["故障率≤5%", "lower"],
  ])("%s → %s", (text, kind) => {
    expect(p(text).kind).toBe(kind);
  });

  test("neutral words leave the kind to the category", () => {
    expect(p("完成6个")).toMatchObject({ kind: "higher", value: 6, bare: true });
    expect(parseTarget("保持在5%", COST)).toMatchObject({ kind: "lower", value: 5, bare: true });
  });

  test("symbol forms ignore trailing remarks; word forms need a clean end", () => {
    expect(p("≥6个系统")).toMatchObject({ kind: "higher", value: 6, unit: "个" });
    expect(p("达到6个（含新建）")).toMatchObject({ kind: "higher", value: 6, unit: "个" });
    expect(p("达到3A级标准").kind).toBe("qualitative");
  });

  test("rate and English units", () => {
    expect(p("≥5次/年")).toMatchObject({ value: 5, unit: "次/年" });
    expect(p("≤2万元/台")).toMatchObject({ kind: "lower", value: 2, unit: "万元/台" });
    expect(p("≥5 days")).toMatchObject({ value: 5, unit: "days" });
    expect(p("<= 2 hours")).toMatchObject({ kind: "lower", value: 2, unit: "hours" });
  });
});

describe("Chinese numerals", () => {
  test.each([
    ["六个", 6, "个"],
    ["一笔", 1, "笔"],
    ["十二个月", 12, "个月"],
    ["≥六个", 6, "个"],
    ["不少于两次", 2, "次"],
    ["至少一个", 1, "个"],
    ["≥二十五台", 25, "台"],
    ["≤一百万元", 100, "万元"],
    ["≥十万人次", 10, "万人次"],
    ["两年", 2, "年"],
  ])("%s → %p %s", (text, value, unit) => {
    expect(p(text)).toMatchObject({ value, unit });
  });

  test("a numeral followed by a non-unit is text", () => {
    for (const t of ["一般", "一流", "十分满意", "三方面", "一次性"])
      expect(p(t).kind).toBe("qualitative");
  });
});

describe("deadlines", () => {
  test.each([
    ["2025年3月底前", "2025-03-31"],
    ["2025年2月底前", "2025-02-28"],
    ["2024年2月底前", "2024-02-29"],
    ["2025年4月末", "2025-04-30"],
    ["2025年3月上旬", "2025-03-10"],
    ["2025年3月中旬前", "2025-03-20"],
    ["2025年6月下旬前", "2025-06-30"],
    ["3月底前", "2025-03-31"],
    ["三月底前", "2025-03-31"],
    ["十二月底前", "2025-12-31"],
    ["2025年12月31日以前", "2025-12-31"],
    ["2025年6月30日之前", "2025-06-30"],
    ["2025年6月30号前", "2025-06-30"],
    ["6月30日前完成验收", "2025-06-30"],
    ["年底前", "2025-12-31"],
    ["2025年底前", "2025-12-31"],
    ["2025年年底前", "2025-12-31"],
    ["年末", "2025-12-31"],
    ["本年度内", "2025-12-31"],
    ["年内", "2025-12-31"],
    ["2025年上半年", "2025-06-30"],
    ["2025年第一季度", "2025-03-31"],
    ["三季度末", "2025-09-30"],
    ["2025-06-30前", "2025-06-30"],
    ["2025/6/30", "2025-06-30"],
    ["2025.6.30前", "2025-06-30"],
    ["≤2025年6月30日", "2025-06-30"],
    ["截至2025年6月30日", "2025-06-30"],
    ["不晚于2025年9月", "2025-09-30"],
    ["2025年3月完成招标", "2025-03-31"],
    ["2026年", "2026-12-31"],
    ["2025年度", "2025-12-31"],
  ])("%s → %s", (text, deadline) => {
    expect(p(text)).toMatchObject({ kind: "deadline", deadline });
  });

  test("the year comes from the context when absent", () => {
    expect(parseTarget("年底前", { defaultYear: 2024, cost: false }).deadline).toBe("2024-12-31");
    expect(parseTarget("2月底前", { defaultYear: 2024, cost: false }).deadline).toBe("2024-02-29");
    expect(parseTarget("2月底前", { defaultYear: 2023, cost: false }).deadline).toBe("2023-02-28");
  });

  test("impossible dates are not deadlines", () => {
    expect(p("2025年2月30日前").kind).not.toBe("deadline");
    expect(p("2025年13月底前").kind).not.toBe("deadline");
    expect(p("2025年全年").kind).toBe("qualitative");
    expect(p("3个月内")).toMatchObject({ kind: "lower", value: 3, unit: "个月" });
  });

  test("parseDeadline directly", () => {
    expect(parseDeadline("年底前", 2030)).toBe("2030-12-31");
    expect(parseDeadline("作用显著", 2030)).toBeNull();
  });
});

describe("separate comparator and unit columns", () => {
  test.each([
    ["≥", "higher"],
    ["＞", "higher"],
    [">", "higher"],
    ["＝", "equal"],
    ["=", "equal"],
    ["＜", "lower"],
    ["≤", "lower"],
    ["≦", "lower"],
    ["大于等于", "higher"],
    ["正向", "higher"],
    ["反向", "lower"],
  ])("comparator %s → %s", (comparator, kind) => {
    const t = p("95", { comparator, unit: "%" });
    expect(t).toMatchObject({ kind, value: 95, unit: "%" });
    expect(t.bare).toBeUndefined();
  });

  test("定性 makes the indicator qualitative", () => {
    expect(p("95%", { comparator: "定性" }).kind).toBe("qualitative");
    expect(p("作用显著", { comparator: "定性" }).kind).toBe("qualitative");
    expect(p("", { comparator: "定性" }).kind).toBe("unparsed");
  });

  test("a deadline text stays a deadline under 定性", () => {
    expect(p("2025年3月底前", { comparator: "定性" })).toMatchObject({
      kind: "deadline",
      deadline: "2025-03-31",
    });
  });

  test("the text's own comparator beats the column; the column beats a weak word", () => {
    expect(p("≥95%", { comparator: "≤" }).kind).toBe("higher");
    expect(p("95%以上", { comparator: "≤" }).kind).toBe("higher");
    expect(p("达到5", { comparator: "≤" }).kind).toBe("lower");
  });

  test("the unit column fills in a missing unit", () => {
    expect(p("97", { comparator: "≤", unit: "万元" })).toMatchObject({
      kind: "lower",
      value: 97,
      unit: "万元",
    });
    expect(p("≥6", { unit: "个" })).toMatchObject({ value: 6, unit: "个" });
    expect(p("280万", { comparator: "≥", unit: "张" })).toMatchObject({ value: 280, unit: "万张" });
    expect(p("90-95", { unit: "%" })).toMatchObject({ kind: "range", unit: "%" });
    expect(p("≥6个", { unit: "个" }).unit).toBe("个");
    expect(p("6", { unit: "/" })).toMatchObject({ unit: "", bare: true });
  });

  test("column with unknown text is ignored", () => {
    expect(readComparatorColumn("定量")).toBeNull();
    expect(readComparatorColumn("")).toBeNull();
    expect(readComparatorColumn(undefined)).toBeNull();
    expect(p("6个", { comparator: "定量" })).toMatchObject({ kind: "higher", bare: true });
  });
});

describe("robustness", () => {
  test("bad inputs do not throw", () => {
    expect(parseTarget(undefined as unknown as string, CTX).kind).toBe("unparsed");
    expect(parseTarget(null as unknown as string, CTX).kind).toBe("unparsed");
    expect(parseTarget(42 as unknown as string, CTX)).toMatchObject({ kind: "higher", value: 42 });
    expect(parseTarget("≥6个", undefined as unknown as TargetContext).kind).toBe("higher");
    expect(parseTarget("年底前", { cost: false, defaultYear: NaN }).kind).toBe("deadline");
  });

  test("100,000 targets parse quickly", () => {
    const texts = [
      "≥6个",
      "≤97万元",
      "2025年3月底前",
      "作用显著",
      "90%-95%",
      "按实际发生值完成",
      "100%",
      "满意度不低于95%",
      "实际采购单价是否等于或低于预算价格",
    ];
    const start = Date.now();
    for (let i = 0; i < 100000; i++) parseTarget(texts[i % texts.length], CTX);
    expect(Date.now() - start).toBeLessThan(3000);
  });
});

describe("small regressions", () => {
  test("a leading decimal point is a number", () => {
    expect(p(".5")).toMatchObject({ kind: "higher", value: 0.5, bare: true });
    expect(p("≥.5")).toMatchObject({ kind: "higher", value: 0.5 });
  });
});
