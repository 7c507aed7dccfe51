/**
 * Real forms (issue 17, scoring-spec §1–§8 as amended): which rows count, 不适用 marks, hidden rows, money
 * written as text, reason headers, comparator glyphs, actuals that repeat the comparator, grades only on
 * 100 points, table-order shares, the unreadable-target diagnosis, profile checking, explanations and
 * review mode (复核). Every form is built here (forms.ts), table-driven where the shape repeats.
 */
import { SUMMARY_HEADER_ROW } from "../../src/core/plan-summary";
import Ajv2020 from "ajv/dist/2020";
import schema from "../fixtures/report-schema.json";
import { analyzeWorkbook, planPrepare } from "../../src/core/analyze";
import { differenceLine, formatScoreSummary } from "../../src/cli/format-table";
import { applyPlanToGrids } from "../../src/core/apply-to-grid";
import { a1 } from "../../src/core/a1";
import { cellWrites } from "../../src/core/plan-writes";
import { ProfileError, resolveProfile } from "../../src/core/profile";
import { Ledger } from "../../src/core/ledger";
import { AnalyzeOptions, Issue, IssueCode, SheetGrid } from "../../src/core/types";
import { FIRST_ROW, FormRow, form, pct } from "./forms";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

function run(sheets: SheetGrid[], options: AnalyzeOptions = {}) {
  const a = analyzeWorkbook(sheets, { currentYear: 2025, ...options });
  expect(validate(a.report)).toBe(true);
  return a;
}
const of = (issues: Issue[], code: IssueCode) => issues.filter((i) => i.code === code);
const NEW_CODES: IssueCode[] = [
  "TARGET_MISSING",
  "NOT_APPLICABLE",
  "HIDDEN_ROWS",
  "BUDGET_INVALID",
  "SCORE_DIFFERS",
  "TOTAL_DIFFERS",
];

/** The MoF form's five indicators, every unmet one with its reason: total 80.67 with budget 92 of 100. */
const BASE: FormRow[] = [
  { l1: "产出指标", l2: "数量指标", name: "维护系统", target: "≥6个", actual: "7个", weight: 20 },
  { l2: "质量指标", name: "故障率", target: "≤5%", actual: "6%", weight: 15, reason: "硬件老化" },
  {
    l2: "时效指标",
    name: "响应时间",
    target: "≤30分钟",
    actual: "45分钟",
    weight: 15,
    reason: "人手",
  },
  {
    l1: "效益指标",
    l2: "社会效益指标",
    name: "作用",
    target: "作用显著",
    actual: "部分达成（75%）",
    weight: 30,
    reason: "推广不足",
  },
  {
    l1: "满意度指标",
    l2: "服务对象满意度指标",
    name: "满意度",
    target: "≥95%",
    actual: pct(0.9, "90%"),
    weight: 10,
    reason: "宣传",
  },
];
const BASE_SCORES = [20, 12, 7.5, 22.5, 9.47];

/** Every new finding names the sheet and the cell, in plain Chinese without code names. */
function checkWording(issues: Issue[]) {
  for (const i of issues) {
    if (!NEW_CODES.includes(i.code)) continue;
    expect(i.message).toContain(`工作表“${i.sheet}”`);
    if (i.cell) expect(i.message).toContain(i.cell);
    expect(i.message).not.toMatch(/[A-Z]{3,}_[A-Z]+/);
    expect(i.message).toMatch(/请|如需/);
  }
}

describe("the base form scores as before", () => {
  test("80.67, 良, no findings", () => {
    const f = form(BASE);
    const t = run([f.grid]).report.tables[0];
    expect(t.indicators.map((i) => i.score)).toEqual(BASE_SCORES);
    expect(t.total).toBe(80.67);
    expect(t.grade).toBe("良");
    expect(t.review).toBe(false);
    expect(t.unitTotal).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// §1 which rows count

describe("§1 weighted rows without targets: TARGET_MISSING, never dropped", () => {
  // The 10号 template: six rows carry 分值 (and the unit's 得分) but no 指标值 or 实际完成值.
  const rows: FormRow[] = [
    {
      l1: "产出指标",
      l2: "数量指标",
      name: "培训人次",
      target: "≥100人次",
      actual: "120人次",
      weight: 10,
    },
    { name: "指标2", weight: 10, score: 10 },
    { l2: "质量指标", name: "合格率", target: "≥95%", actual: "96%", weight: 10 },
    { name: "指标2", weight: 10, score: 9 },
    {
      l2: "时效指标",
      name: "完成时间",
      target: "2025年12月底前",
      actual: "2025-11-30",
      weight: 10,
    },
    { l1: "效益指标", l2: "社会效益指标", name: "指标1", weight: 10, score: 10 },
    { name: "指标2", weight: 10, score: 9 },
    { l2: "可持续影响指标", name: "指标1", weight: 10, score: 10 },
    {
      l1: "满意度指标",
      l2: "服务对象满意度指标",
      name: "满意度",
      target: "≥90%",
      actual: "95%",
      weight: 10,
    },
    { name: "……" },
    { name: "指标3" },
  ];
  const f = form(rows);
  const { report } = run([f.grid]);
  const t = report.tables[0];

  test("every weighted row is an indicator: 9, not 4; placeholders without anything are skipped", () => {
    expect(t.indicators).toHaveLength(9);
    expect(t.categories.find((c) => c.level1 === "效益指标")?.weight).toBe(30);
  });

  test.each([1, 3, 5, 6, 7])("row %i: TARGET_MISSING at its target cell, score null", (i) => {
    const found = of(report.issues, "TARGET_MISSING").find((x) => x.cell === f.cell("target", i));
    expect(found?.severity).toBe("error");
    expect(found?.message).toContain("分值");
    const ind = t.indicators.find((x) => x.row === FIRST_ROW + i + 1)!;
    expect(ind).toMatchObject({ score: null, status: "invalid", kind: "unparsed" });
  });

  test("the table is incomplete, and the weights add up (no false 分值合计 ≠ 100)", () => {
    expect(t.complete).toBe(false);
    expect(t.total).toBeNull();
    expect(of(report.issues, "WEIGHTS_SUM")).toEqual([]);
    expect(of(report.issues, "TARGET_UNPARSED")).toEqual([]);
    checkWording(report.issues);
  });

  test("an actual without a target says so", () => {
    const g = form([
      { l1: "产出指标", l2: "数量指标", name: "a", target: "≥1个", actual: "1个", weight: 45 },
      { name: "b", actual: "3个", weight: 45 },
    ]);
    const r = run([g.grid]).report;
    const m = of(r.issues, "TARGET_MISSING");
    expect(m.map((x) => x.cell)).toEqual([g.cell("target", 1)]);
    expect(m[0].message).toContain("分值和实际完成值");
  });
});

describe("§1 不适用 marks, in every spelling", () => {
  const MARKS = [
    "/",
    "／",
    "—",
    "——",
    "-",
    "--",
    "－",
    "无",
    "不适用",
    "不涉及",
    "N/A",
    "n/a",
    "NA",
    "Ｎ／Ａ",
    " / ",
  ];

  test.each(MARKS)(
    "target %p without a weight column: not listed, no share of the points, info",
    (mark) => {
      const f = form(
        [
          { l1: "产出指标", l2: "数量指标", name: "a", target: "≥1个", actual: "1个" },
          { name: "生态效益", target: mark, actual: mark },
          { name: "b", target: "≥1个", actual: "1个" },
          { l1: "效益指标", l2: "社会效益指标", name: "c", target: "作用显著", actual: "达成" },
          { l1: "满意度指标", l2: "满意度", name: "d", target: "≥90%", actual: "95%" },
        ],
        { weights: false }
      );
      const { report } = run([f.grid]);
      const t = report.tables[0];
      expect(t.indicators.map((i) => i.name)).toEqual(["a", "b", "c", "d"]);
      expect(t.indicators.map((i) => i.weight)).toEqual([25, 25, 30, 10]);
      const na = of(report.issues, "NOT_APPLICABLE");
      expect(na).toHaveLength(1);
      expect(na[0]).toMatchObject({ severity: "info", cell: f.cell("target", 1) });
      expect(t.complete).toBe(true);
      expect(t.total).toBe(99.2);
      expect(t.grade).toBe("优");
      expect(of(report.issues, "ACTUAL_INVALID")).toEqual([]);
      expect(of(report.issues, "TARGET_UNPARSED")).toEqual([]);
      checkWording(report.issues);
    }
  );

  test("with a weight: a warning, those points not counted, so WEIGHTS_SUM and no grade", () => {
    const rows = BASE.map((r) => ({ ...r }));
    rows.push({ l1: "效益指标", l2: "生态效益指标", name: "生态", target: "不涉及", weight: 5 });
    rows[3].weight = 25;
    const f = form(rows);
    const { report } = run([f.grid]);
    const t = report.tables[0];
    const na = of(report.issues, "NOT_APPLICABLE");
    expect(na).toHaveLength(1);
    expect(na[0]).toMatchObject({ severity: "warning", cell: f.cell("target", 5) });
    expect(na[0].message).toContain("5 分");
    const sum = of(report.issues, "WEIGHTS_SUM");
    expect(sum).toHaveLength(1);
    expect(sum[0]).toMatchObject({ severity: "error", cell: f.header("weight") });
    expect(sum[0].message).toContain("95");
    expect(t.total).not.toBeNull();
    expect(t.grade).toBeNull();
  });
});

describe("§1 hidden and filtered rows", () => {
  const rows = [
    ...BASE.slice(0, 3),
    { l2: "质量指标", name: "隐藏的指标", target: "≥100%", actual: "50%", weight: 5 },
    ...BASE.slice(3),
  ];
  const hiddenRow = FIRST_ROW + 3;

  test("skipped by default: weights add to 100, no reason demanded, one HIDDEN_ROWS at its level-3 cell", () => {
    const f = form(rows, { hiddenRows: [1, hiddenRow] });
    const { report } = run([f.grid]);
    const t = report.tables[0];
    expect(t.indicators.map((i) => i.name)).not.toContain("隐藏的指标");
    expect(t.total).toBe(80.67);
    expect(t.grade).toBe("良");
    expect(of(report.issues, "WEIGHTS_SUM")).toEqual([]);
    expect(of(report.issues, "REASON_MISSING")).toEqual([]);
    const h = of(report.issues, "HIDDEN_ROWS");
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ severity: "info", cell: f.cell("level3", 3) });
    expect(h[0].message).toContain(String(hiddenRow + 1));
    checkWording(report.issues);
  });

  test("several filtered rows: still one finding per table, naming them all", () => {
    const more = [
      ...rows,
      { l2: "x", name: "又一个隐藏", target: "≥1个", actual: "0个", weight: 3 },
    ];
    const f = form(more, { hiddenRows: [hiddenRow, FIRST_ROW + 6] });
    const { report } = run([f.grid]);
    const h = of(report.issues, "HIDDEN_ROWS");
    expect(h).toHaveLength(1);
    expect(h[0].params?.count).toBe(2);
    expect(h[0].message).toContain(`${hiddenRow + 1}、${FIRST_ROW + 7}`);
  });

  test("hiddenRows: include reads them, and says so", () => {
    const f = form(rows, { hiddenRows: [hiddenRow] });
    const { report } = run([f.grid], { profile: { hiddenRows: "include" } });
    const t = report.tables[0];
    expect(t.indicators.map((i) => i.name)).toContain("隐藏的指标");
    expect(of(report.issues, "WEIGHTS_SUM")[0].message).toContain("105");
    expect(t.grade).toBeNull();
    const h = of(report.issues, "HIDDEN_ROWS");
    expect(h).toHaveLength(1);
    expect(h[0].message).toContain("已按设置一并评分");
  });

  test("the plan writes nothing on a skipped row", () => {
    const f = form(rows, { hiddenRows: [hiddenRow] });
    const { plan } = run([f.grid]);
    expect(cellWrites(plan).filter((w) => w.sheet === "自评表" && w.row === hiddenRow)).toEqual([]);
  });
});

describe("§1 money written with units", () => {
  test.each<[string, string | undefined, unknown, unknown, number, number]>([
    ["72.5万 in a 万元 block", undefined, 100, "72.5万", 100, 72.5],
    ["72.5万元", undefined, 100, "72.5万元", 100, 72.5],
    ["725,000元 into 万元", undefined, 100, "725,000元", 100, 72.5],
    ["725千元 into 万元", undefined, 100, "725千元", 100, 72.5],
    ["0.00725亿元 into 万元", undefined, 100, "0.00725亿元", 100, 72.5],
    ["full-width ７２．５万", undefined, 100, "７２．５万", 100, 72.5],
    ["118.6万元 in a 元 block", "项目资金（元）", 1200000, "118.6万元", 1200000, 1186000],
    ["462,000元 in a 元 block", "项目资金（元）", "500,000元", "462,000元", 500000, 462000],
    ["bare figures in a 元 block", "项目资金（元）", 500000, 462000, 500000, 462000],
  ])("%s", (_label, fundingLabel, planned, executed, wantPlanned, wantExecuted) => {
    const f = form(BASE, {
      fundingLabel,
      planned: planned as never,
      executed: executed as never,
    });
    const { report } = run([f.grid]);
    const t = report.tables[0];
    expect(t.budget.planned).toBe(wantPlanned);
    expect(t.budget.executed).toBe(wantExecuted);
    expect(t.budget.score).not.toBeNull();
    expect(of(report.issues, "BUDGET_MISSING")).toEqual([]);
    expect(of(report.issues, "BUDGET_INVALID")).toEqual([]);
    expect(t.total).not.toBeNull();
  });

  test("单位：元 beside the project name sets the unit", () => {
    const f = form(BASE, {
      fundingLabel: "项目资金",
      unitNote: "单位：元",
      planned: 1000000,
      executed: "92万",
    });
    const t = run([f.grid]).report.tables[0];
    expect(t.budget.executed).toBe(920000);
    expect(t.budget.rate).toBe(0.92);
  });

  test.each<[string, unknown, unknown, string, string]>([
    ["unreadable executed", 100, "约七十万", "E4", "约七十万"],
    ["待定", 100, "待定", "E4", "待定"],
    ["a negative planned budget", -100, 92, "D4", "-100"],
    ["negative text", "-50万元", 92, "D4", "-50万元"],
  ])(
    "%s: BUDGET_INVALID at the cell, quoting it, never 'missing'",
    (_l, planned, executed, cell, text) => {
      const f = form(BASE, { planned: planned as never, executed: executed as never });
      const { report } = run([f.grid]);
      const bad = of(report.issues, "BUDGET_INVALID");
      expect(bad.map((i) => i.cell)).toContain(cell);
      const one = bad.find((i) => i.cell === cell)!;
      expect(one.severity).toBe("error");
      expect(one.message).toContain(text);
      expect(of(report.issues, "BUDGET_MISSING")).toEqual([]);
      expect(report.tables[0].budget.score).toBeNull();
      expect(report.tables[0].total).toBeNull();
      checkWording(report.issues);
    }
  );
});

describe("§1 reason columns by any header containing 原因", () => {
  test.each([
    "未完成原因及拟采取的改进措施",
    "存在问题及改进措施",
    "偏差原因",
    "原因说明",
    "产生偏差的原因及改进措施",
    "Reason",
  ])("%s: a reason filled in means no REASON_MISSING, and nothing is written over it", (header) => {
    const f = form(BASE, { reasonHeader: header });
    const { report, plan, tables } = run([f.grid]);
    expect(tables[0].columns.reason).toBe(f.col("reason"));
    expect(of(report.issues, "REASON_MISSING")).toEqual([]);
    const reasonCol = f.col("reason");
    expect(
      cellWrites(plan).filter(
        (w) => w.sheet === "自评表" && w.col === reasonCol && w.row >= FIRST_ROW - 1
      )
    ).toEqual([]);
  });

  test("a reason a unit wrote in a row is not taken for a header", () => {
    const rows = BASE.map((r) => ({ ...r }));
    rows[1].reason = "由于设备原因延期";
    const { report } = run([form(rows).grid]);
    expect(report.tables).toHaveLength(1);
    expect(report.tables[0].indicators).toHaveLength(5);
  });
});

// ---------------------------------------------------------------------------------------------
// §2, §3

describe("§2 comparator glyphs, §3 actuals", () => {
  test.each<[string, string, "higher" | "lower" | "equal", number]>([
    ["⩾95%", "96%", "higher", 1.0105],
    ["⩽5%", "6%", "lower", 0.8],
    ["═100%", "100%", "equal", 1],
    ["≥280米", "≥266米", "higher", 0.95],
    ["≤5%", "≤5%", "lower", 1],
    ["≤30分钟", "≤45分钟", "lower", 0.5],
  ])("target %p, actual %p", (target, actual, kind, completion) => {
    const f = form([
      { l1: "产出指标", l2: "数量指标", name: "a", target, actual, weight: 90, reason: "r" },
    ]);
    const ind = run([f.grid]).report.tables[0].indicators[0];
    expect(ind.kind).toBe(kind);
    expect(ind.completion).toBe(completion);
  });

  test.each<[string, unknown]>([
    ["1.79e308 in a percent cell", { v: 1.79e308, t: "0%", fmt: "0%" }],
    ["1e15 typed as text", "1e15"],
    ["Infinity", { v: Infinity, t: "" }],
  ])("%s: ACTUAL_INVALID, never 0%", (_l, actual) => {
    const f = form([
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "a",
        target: "≥95%",
        actual: actual as never,
        weight: 90,
      },
    ]);
    const { report } = run([f.grid]);
    const ind = report.tables[0].indicators[0];
    expect(ind.status).toBe("invalid");
    expect(ind.score).toBeNull();
    expect(of(report.issues, "ACTUAL_INVALID").map((i) => i.cell)).toEqual([f.cell("actual", 0)]);
  });

  test("an unreadable 指标值 is reported at the target cell, with the target's text", () => {
    const f = form([
      { l1: "产出指标", l2: "质量指标", name: "差错率", target: "较低", actual: "3%", weight: 90 },
    ]);
    const { report } = run([f.grid]);
    const u = of(report.issues, "TARGET_UNPARSED");
    expect(u).toHaveLength(1);
    expect(u[0].cell).toBe(f.cell("target", 0));
    expect(u[0].message).toContain("较低");
    expect(of(report.issues, "ACTUAL_INVALID")).toEqual([]);
    expect(report.tables[0].indicators[0].status).toBe("invalid");
  });

  test("an unparsed target says nothing of the actual", () => {
    const f = form([
      { l1: "产出指标", l2: "数量指标", name: "a", target: "≥", actual: "待定", weight: 90 },
    ]);
    const { report } = run([f.grid]);
    expect(of(report.issues, "TARGET_UNPARSED").map((i) => i.cell)).toEqual([f.cell("target", 0)]);
    expect(of(report.issues, "ACTUAL_INVALID")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// §4

describe("§4 weights and totals", () => {
  test("70/20/10 plus 10 for the budget: total 110 reported, no grade, the finding says why", () => {
    const f = form(
      [
        { l1: "产出指标", l2: "数量指标", name: "a", target: "≥1个", actual: "1个", weight: 70 },
        {
          l1: "效益指标",
          l2: "社会效益指标",
          name: "b",
          target: "作用显著",
          actual: "达成",
          weight: 20,
        },
        { l1: "满意度指标", l2: "满意度", name: "c", target: "≥90%", actual: "95%", weight: 10 },
      ],
      { executed: 100 }
    );
    const { report } = run([f.grid]);
    const t = report.tables[0];
    expect(t.total).toBe(110);
    expect(t.grade).toBeNull();
    const w = of(report.issues, "WEIGHTS_SUM");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "error", cell: f.header("weight") });
    expect(w[0].message).toContain("不评定等级");
  });

  test("stated weights off 100 without a weight column: the finding points at the level-1 header", () => {
    const f = form(
      [
        { l1: "产出指标(60分)", l2: "数量指标", name: "a", target: "≥1个", actual: "1个" },
        { l1: "效益指标(30分)", l2: "社会效益指标", name: "b", target: "作用显著", actual: "达成" },
        { l1: "满意度指标(10分)", l2: "满意度", name: "c", target: "≥90%", actual: "95%" },
      ],
      { weights: false, executed: 100 }
    );
    const { report } = run([f.grid]);
    expect(report.tables[0].total).toBe(110);
    expect(report.tables[0].grade).toBeNull();
    expect(of(report.issues, "WEIGHTS_SUM").map((i) => i.cell)).toEqual([f.header("level1")]);
  });

  test("50 over 7: 7.15, 7.15, 7.14 × 5 in table order", () => {
    const names = ["g", "f", "e", "d", "c", "b", "a"]; // content order is the reverse of table order
    const f = form(
      [
        ...names.map((name, i) => ({
          l1: i === 0 ? "产出指标" : undefined,
          l2: "数量指标",
          name,
          target: "≥1个",
          actual: "1个",
        })),
        { l1: "效益指标", l2: "社会效益指标", name: "x", target: "作用显著", actual: "达成" },
        { l1: "满意度指标", l2: "满意度", name: "y", target: "≥90%", actual: "95%" },
      ],
      { weights: false }
    );
    const t = run([f.grid]).report.tables[0];
    expect(t.indicators.slice(0, 7).map((i) => i.weight)).toEqual([
      7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14,
    ]);
    expect(t.categories[0]).toMatchObject({ level1: "产出指标", weight: 50, score: 50 });
  });

  test("no budget anywhere: BUDGET_MISSING at the weight header", () => {
    const g = form(BASE, { planned: null, executed: null });
    const { report } = run([g.grid]);
    const m = of(report.issues, "BUDGET_MISSING");
    expect(m).toHaveLength(1);
    expect(m[0].cell).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// §5

describe("§5 profile checking", () => {
  test.each<[string, unknown, string]>([
    ["an unknown key", { wieghts: { budget: 10 } }, "wieghts"],
    ["bands: null", { bands: null }, "bands"],
    ["grades ascending", { grades: { 优: 60, 良: 80, 中: 90 } }, "grades"],
    ["weights adding to 400", { weights: { 产出指标: 340 } }, "weights"],
    ["a negative weight", { weights: { budget: -10, 产出指标: 70 } }, "weights.budget"],
    ["an unknown category", { weights: { 其他指标: 10 } }, "weights.其他指标"],
    ["a weight of the wrong type", { weights: { budget: "10" } }, "weights.budget"],
    ["decimals 2.5", { decimals: 2.5 }, "decimals"],
    ["decimals 5", { decimals: 5 }, "decimals"],
    ["overAchievement 1", { overAchievement: 1 }, "overAchievement"],
    ["reverseRule sideways", { reverseRule: "sideways" }, "reverseRule"],
    ["hiddenRows hide", { hiddenRows: "hide" }, "hiddenRows"],
    ["reviewTolerance < 0", { reviewTolerance: -0.1 }, "reviewTolerance"],
    ["bands out of order", { bands: { 达成: 0.5, 部分达成: 0.7 } }, "bands"],
    ["a band above 1", { bands: { 达成: 1.2 } }, "bands.达成"],
    ["a grade above 100", { grades: { 优: 120 } }, "grades.优"],
    ["name as a number", { name: 5 }, "name"],
    ["weights as an array", { weights: [10] }, "weights"],
  ])("%s → ProfileError naming %p on one line", (_l, profile, field) => {
    let err: unknown;
    try {
      resolveProfile(profile as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    const message = (err as Error).message;
    expect(message).toContain(`"${field}"`);
    expect(message).not.toContain("\n");
    expect(() => analyzeWorkbook([form(BASE).grid], { profile: profile as never })).toThrow(
      ProfileError
    );
  });

  test.each<unknown>([
    {},
    { hiddenRows: "include", reviewTolerance: 0 },
    { weights: { budget: 10, 产出指标: 30, 成本指标: 20, 效益指标: 30, 满意度指标: 10 } },
    { decimals: 0, reverseRule: "ratio", overAchievement: 1.5 },
    { grades: { 优: 85, 良: 75, 中: 60 }, bands: { 部分达成: 0.6 } },
  ])("accepted: %p", (profile) => {
    expect(() => resolveProfile(profile as never)).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------
// §8

/** Numbers in a line, as written (`7.14`, `94.64`, `6.76`). */
const numbersIn = (line: string) => (line.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);

describe("§8 every figure explained, from the reported numbers", () => {
  test("the spec's line, word for word", () => {
    const f = form(
      [
        ...["a", "b", "c"].map((name, i) => ({
          l1: i === 0 ? "产出指标" : undefined,
          l2: "数量指标",
          name,
          target: "≥1个",
          actual: "1个",
        })),
        { l2: "数量指标", name: "发放数量", target: "≥280万张", actual: "265万张", reason: "r" },
        ...["e", "f", "g"].map((name) => ({ l2: "数量指标", name, target: "≥1个", actual: "1个" })),
        {
          l1: "效益指标",
          l2: "社会效益指标",
          name: "作用",
          target: "作用显著",
          actual: "部分达成（75%）",
          reason: "r",
        },
        {
          l1: "满意度指标",
          l2: "满意度",
          name: "故障率",
          target: "≤5%",
          actual: "6%",
          reason: "r",
        },
      ],
      { weights: false, planned: 6300, executed: 6215.4 }
    );
    const t = run([f.grid]).report.tables[0];
    const ind = (n: string) => t.indicators.find((i) => i.name === n)!;
    expect(ind("发放数量").explain).toBe(
      "正向指标：实际 265万张 ÷ 目标 280万张 = 94.64%；得分 = 分值 7.14 × 94.64% = 6.76"
    );
    expect(ind("发放数量").weightExplain).toBe(
      "分值 7.14：产出指标 50 分 ÷ 7 项，不能整除：按表中顺序前 2 项各多 0.01 分，合计仍为 50 分"
    );
    expect(ind("故障率").explain).toBe(
      "反向指标（线性扣分）：实际 6% 超出目标 5% 的 20%；完成率 80%；得分 = 分值 10 × 80% = 8.00"
    );
    expect(ind("作用").explain).toBe("定性指标：部分达成（75%）；得分 = 分值 30 × 75% = 22.50");
    expect(t.budget.explain).toBe(
      "预算执行率 = 全年执行数 6215.40 ÷ 全年预算数 6300.00 = 98.66%；得分 = 分值 10 × 98.66% = 9.87"
    );
  });

  test.each(["zh", "en"] as const)(
    "%s: each line carries the reported weight, completion and score",
    (lang) => {
      const rows: FormRow[] = [
        ...BASE,
        {
          l2: "时效指标",
          name: "完工",
          target: "2025年3月底前",
          actual: "2025-04-02",
          weight: 5,
          reason: "r",
        },
        { l2: "数量指标", name: "区间", target: "3~5天", actual: "6天", weight: 5, reason: "r" },
        { l2: "成本指标", name: "据实", target: "按实际发生值完成", actual: "96.5万元", weight: 5 },
      ];
      rows[0] = { ...rows[0], weight: 5 };
      const f = form(rows);
      const { report } = run([f.grid], { lang });
      const t = report.tables[0];
      let lines = 0;
      for (const i of t.indicators) {
        expect(i.weightExplain).not.toBeNull();
        expect(numbersIn(i.weightExplain!)).toContain(i.weight);
        if (i.score === null) {
          expect(i.explain).toBeNull();
          continue;
        }
        const line = i.explain!;
        const nums = numbersIn(line);
        expect(nums).toContain(i.weight);
        expect(nums).toContain(Math.round(Math.min(i.completion!, 1) * 10000) / 100);
        expect(line.endsWith(`= ${i.score.toFixed(2)}`)).toBe(true);
        if (lang === "en") expect(line).not.toMatch(/[\u4e00-\u9fff]{3}/);
        lines++;
      }
      expect(lines).toBe(t.indicators.length);
      const b = t.budget;
      const bn = numbersIn(b.explain!);
      expect(bn).toEqual(
        expect.arrayContaining([
          b.executed!,
          b.planned!,
          Math.round(b.rate! * 10000) / 100,
          b.weight,
        ])
      );
      expect(b.explain!.endsWith(`= ${b.score!.toFixed(2)}`)).toBe(true);
    }
  );

  test("no score, no explanation", () => {
    const f = form([{ l1: "产出指标", l2: "数量指标", name: "a", target: "≥1个", weight: 90 }]);
    const t = run([f.grid]).report.tables[0];
    expect(t.indicators[0].explain).toBeNull();
    expect(t.indicators[0].weightExplain).toBe("分值 90：取自表中分值列");
  });
});

// ---------------------------------------------------------------------------------------------
// §7 review mode

/** All met, 10/20/20/30/10 plus budget 10, executed in full: the rules give 100. */
const ALL_MET: FormRow[] = [
  {
    l1: "产出指标",
    l2: "数量指标",
    name: "培训人次",
    target: "≥100人次",
    actual: "120人次",
    weight: 10,
  },
  { l2: "质量指标", name: "合格率", target: "≥95%", actual: "98%", weight: 20 },
  { l2: "时效指标", name: "完成时间", target: "2025年12月底前", actual: "2025-11-30", weight: 20 },
  {
    l1: "效益指标",
    l2: "社会效益指标",
    name: "作用",
    target: "作用显著",
    actual: "达成",
    weight: 30,
  },
  { l1: "满意度指标", l2: "满意度", name: "满意度", target: "≥90%", actual: "95%", weight: 10 },
];
const withScores = (rows: FormRow[], scores: (number | null)[]) =>
  rows.map((r, i) => ({ ...r, score: scores[i] }));

describe("§7 review mode (复核)", () => {
  test("the unit's scores agree: review, unitTotal, no differences, 复核得分 column, their figures untouched", () => {
    const f = form(withScores(BASE, BASE_SCORES), { budgetScore: 9.2, total: 80.67 });
    const { report, plan } = run([f.grid]);
    const t = report.tables[0];
    expect(t.review).toBe(true);
    expect(t.unitTotal).toBe(80.67);
    expect(t.total).toBe(80.67);
    expect(t.indicators.map((i) => i.unitScore)).toEqual(BASE_SCORES);
    expect(t.budget.unitScore).toBe(9.2);
    expect(of(report.issues, "SCORE_DIFFERS")).toEqual([]);
    expect(of(report.issues, "TOTAL_DIFFERS")).toEqual([]);
    const writes = cellWrites(plan).filter((w) => w.sheet === "自评表");
    const scoreCol = f.col("score");
    expect(writes.filter((w) => w.col === scoreCol && w.row >= FIRST_ROW)).toEqual([]);
    expect(writes.some((w) => w.row === 3 && w.col === 7)).toBe(false); // the unit's budget 得分
    const head = writes.find((w) => w.value === "复核得分")!;
    expect(head.row).toBe(FIRST_ROW - 1);
    expect(
      writes
        .filter((w) => w.col === head.col && w.row >= FIRST_ROW)
        .sort((x, y) => x.row - y.row)
        .map((w) => w.value)
    ).toEqual([...BASE_SCORES, 80.67]);
    expect(plan.unmetCells).toEqual([]);
  });

  test("the unit typed 9/19/19/27/9, total 93, where the rules give 100: every difference named", () => {
    const f = form(withScores(ALL_MET, [9, 19, 19, 27, 9]), {
      executed: 100,
      budgetScore: 10,
      total: 93,
    });
    const { report, plan } = run([f.grid]);
    const t = report.tables[0];
    expect(t.review).toBe(true);
    expect(t.total).toBe(100);
    expect(t.grade).toBe("优");
    expect(t.unitTotal).toBe(93);
    const d = of(report.issues, "SCORE_DIFFERS");
    expect(d.map((i) => i.cell)).toEqual([0, 1, 2, 3, 4].map((i) => f.cell("score", i)));
    expect(d[0].severity).toBe("warning");
    expect(d[0].message).toContain(
      "自评得分 9.00，复核得分 10.00（正向指标：实际 120人次 ÷ 目标 100人次"
    );
    const total = of(report.issues, "TOTAL_DIFFERS");
    expect(total).toHaveLength(1);
    expect(total[0].cell).toBe(f.totalCell());
    expect(total[0].message).toContain("自评总分 93.00，复核总分 100.00，差异 +7.00");
    checkWording(report.issues);
    // No result block beside the table (it widened the printed page): the reviewed total goes into the
    // 总分 row's 复核得分 cell, and the summary shows 自评总分 / 复核总分 / 差异.
    const block = cellWrites(plan).filter((w) => w.sheet === "自评表");
    expect(block.filter((w) => w.value === "自评总分" || w.value === "差异")).toEqual([]);
    const reviewCol = block.find((w) => w.value === "复核得分")!.col;
    expect(block.find((w) => w.row === FIRST_ROW + 5 && w.col === reviewCol)?.value).toBe(100);
    const summary = plan.summary!.writes;
    const header = summary.filter((w) => w.row === SUMMARY_HEADER_ROW).map((w) => w.value);
    expect(header).toEqual(expect.arrayContaining(["自评总分", "复核总分", "差异"]));
    const at = (h: string) =>
      summary.find((w) => w.row === SUMMARY_HEADER_ROW + 1 && w.col === header.indexOf(h))?.value;
    expect([at("自评总分"), at("复核总分"), at("差异")]).toEqual([93, 100, 7]);
  });

  test("no 总分 row: the unit's total is the sum of its scores and budget score; tolerance decides", () => {
    const scores = [20, 12, 7.5, 22.5, 9.5];
    const f = form(withScores(BASE, scores), { budgetScore: 9.2 });
    const loose = run([f.grid]).report;
    expect(loose.tables[0].unitTotal).toBe(80.7);
    expect(loose.tables[0].total).toBe(80.67);
    expect(of(loose.issues, "SCORE_DIFFERS")).toEqual([]);
    expect(of(loose.issues, "TOTAL_DIFFERS")).toEqual([]);
    const strict = run([f.grid], { profile: { reviewTolerance: 0 } }).report;
    expect(of(strict.issues, "SCORE_DIFFERS").map((i) => i.cell)).toEqual([f.cell("score", 4)]);
    const total = of(strict.issues, "TOTAL_DIFFERS");
    expect(total.map((i) => i.cell)).toEqual([f.header("weight")]);
    expect(total[0].message).toContain("差异 -0.03");
  });

  test("the unit's budget score and rate are compared at their cells", () => {
    const f = form(withScores(BASE, BASE_SCORES), {
      budgetScore: 10,
      budgetRate: pct(1, "100%"),
      total: 81.47,
    });
    const { report } = run([f.grid]);
    const d = of(report.issues, "SCORE_DIFFERS");
    expect(d.map((i) => i.cell).sort()).toEqual(["G4", "H4"]);
    expect(d.find((i) => i.cell === "H4")!.message).toContain(
      "预算执行自评得分 10.00，复核得分 9.20"
    );
    expect(of(report.issues, "TOTAL_DIFFERS").map((i) => i.cell)).toEqual([f.totalCell()]);
  });

  test("a row the unit left unscored gets no comparison", () => {
    const f = form(withScores(BASE, [20, null, 7.5, 22.5, 9]));
    const { report } = run([f.grid]);
    const t = report.tables[0];
    expect(t.review).toBe(true);
    expect(t.indicators[1].unitScore).toBeNull();
    expect(of(report.issues, "SCORE_DIFFERS").map((i) => i.cell)).toEqual([f.cell("score", 4)]);
    expect(t.unitTotal).toBeNull(); // a partial sum is no total
  });

  test("outside review mode the fields are null, and the 得分 column is the tool's", () => {
    const f = form(BASE);
    const { report, plan } = run([f.grid]);
    expect(report.tables[0].review).toBe(false);
    expect(report.tables[0].indicators.every((i) => i.unitScore === null)).toBe(true);
    const scoreCol = f.col("score");
    const writes = cellWrites(plan).filter((w) => w.sheet === "自评表");
    expect(
      writes
        .filter((w) => w.col === scoreCol && w.row >= FIRST_ROW && w.row < FIRST_ROW + BASE.length)
        .map((w) => w.value)
    ).toEqual([...BASE_SCORES]);
    // No 总分 row: the total goes under the table, labelled in the 分值 column, the grade in the label
    // (the column right of 得分 is the unit's 偏差原因).
    const below = writes.filter((w) => w.row === FIRST_ROW + BASE.length);
    expect(below.map((w) => [w.col, w.value])).toEqual([
      [f.col("weight"), "总分（良）"],
      [scoreCol, report.tables[0].total],
    ]);
  });

  test("scoring twice in review mode gives the same plan, and the unit's figures stay", () => {
    const f = form(withScores(ALL_MET, [9, 19, 19, 27, 9]), {
      executed: 100,
      budgetScore: 10,
      total: 93,
    });
    const first = run([f.grid]);
    const once = applyPlanToGrids([f.grid], first.plan);
    const second = run(once, { ledger: first.plan.ledger });
    expect(second.report.tables[0]).toEqual(first.report.tables[0]);
    const twice = applyPlanToGrids(once, second.plan);
    expect(twice[0].values).toEqual(once[0].values);
    const scoreCol = f.col("score");
    expect(once[0].values.slice(FIRST_ROW, FIRST_ROW + 6).map((r) => r[scoreCol])).toEqual([
      9, 19, 19, 27, 9, 93,
    ]);
  });

  test("a score the tool wrote earlier and the user then changed turns review on; the tool's own are cleared", () => {
    const f = form(BASE);
    const first = run([f.grid]);
    const once = applyPlanToGrids([f.grid], first.plan);
    const scoreCol = f.col("score");
    once[0].values[FIRST_ROW + 1][scoreCol] = 13;
    once[0].text[FIRST_ROW + 1][scoreCol] = "13";
    const second = run(once, { ledger: first.plan.ledger });
    const t = second.report.tables[0];
    expect(t.review).toBe(true);
    expect(t.indicators[1].unitScore).toBe(13);
    expect(of(second.report.issues, "SCORE_DIFFERS").map((i) => i.cell)).toEqual([
      f.cell("score", 1),
    ]);
    expect(second.plan.skipped).toEqual([]);
    const cleared = cellWrites(second.plan).filter(
      (w) => w.col === scoreCol && w.row >= FIRST_ROW && w.row < FIRST_ROW + 5
    );
    expect(cleared.map((w) => [w.row, w.value])).toEqual(
      [0, 2, 3, 4].map((i) => [FIRST_ROW + i, null])
    );
  });

  test("English messages", () => {
    const f = form(withScores(ALL_MET, [9, 19, 19, 27, 9]), {
      executed: 100,
      budgetScore: 10,
      total: 93,
    });
    const { report } = run([f.grid], { lang: "en" });
    const total = of(report.issues, "TOTAL_DIFFERS")[0];
    expect(total.message).toContain(`Sheet "自评表" ${f.totalCell()}`);
    expect(total.message).toContain("difference +7.00");
  });
});

test("a1 of the form's first indicator row", () => {
  expect(a1(FIRST_ROW, 0)).toBe("A7");
  expect(new Ledger().size).toBe(0);
});

describe("Prepare gives 不适用 rows no share", () => {
  test("50 over 2 applicable rows, nothing for the / row", () => {
    const grid = form(
      [
        { l1: "产出指标", l2: "数量指标", name: "a", target: "≥1个" },
        { name: "生态", target: "/" },
        { name: "b", target: "≥2个" },
        { l1: "效益指标", l2: "社会效益指标", name: "c", target: "作用显著" },
        { l1: "满意度指标", l2: "满意度", name: "d", target: "≥90%" },
      ],
      { weights: false, scores: false }
    ).grid;
    // A target table: drop the actual column's header so that Prepare adds the year-end columns.
    grid.values[5][4] = null;
    grid.text[5][4] = "";
    const plan = planPrepare([grid], { currentYear: 2025 });
    const weightHeader = plan.writes.find((w) => w.value === "分值")!;
    const shares = plan.writes
      .filter((w) => w.col === weightHeader.col && w.row >= FIRST_ROW)
      .sort((x, y) => x.row - y.row)
      .map((w) => [w.row - FIRST_ROW, w.value]);
    expect(shares).toEqual([
      [0, 25],
      [2, 25],
      [3, 30],
      [4, 10],
    ]);
  });
});

describe("two tables on a sheet, each with a hidden row", () => {
  test("one HIDDEN_ROWS per table", () => {
    const a = form(BASE);
    const rowsA = a.grid.values.length;
    const b = form(BASE);
    const grid = {
      ...a.grid,
      values: [...a.grid.values, [], [], ...b.grid.values],
      text: [...a.grid.text, [], [], ...b.grid.text],
      formats: [...a.grid.formats!, [], [], ...b.grid.formats!],
      formulas: [...a.grid.formulas!, [], [], ...b.grid.formulas!],
      hiddenRows: [FIRST_ROW + 1, rowsA + 2 + FIRST_ROW + 2],
    };
    const { report } = run([grid]);
    expect(report.tables).toHaveLength(2);
    expect(of(report.issues, "HIDDEN_ROWS").map((i) => i.cell)).toEqual([
      a1(FIRST_ROW + 1, 2),
      a1(rowsA + 2 + FIRST_ROW + 2, 2),
    ]);
    expect(report.tables.map((t) => t.indicators.length)).toEqual([4, 4]);
  });
});

describe("the command line's 差异 line (src/cli/format-table.ts)", () => {
  test("one line per table in review mode, none otherwise", () => {
    const review = form(withScores(ALL_MET, [9, 19, 19, 27, 9]), {
      executed: 100,
      budgetScore: 10,
      total: 93,
    });
    const plain = form(BASE, { name: "普通" });
    const { report } = run([review.grid, plain.grid]);
    const zh = formatScoreSummary("x.xlsx", report, "zh");
    expect(zh).toContain("差异 自评表!6：自评总分 93.00，复核总分 100.00，差异 +7.00");
    expect(zh.match(/^  差异 /gm)).toHaveLength(1);
    const en = formatScoreSummary("x.xlsx", run([review.grid], { lang: "en" }).report, "en");
    expect(en).toContain(
      "Difference 自评表!6: self-assessed 93.00, reviewed 100.00, difference +7.00"
    );
    expect(differenceLine(report.tables[0], "zh")).not.toContain("\n");
  });
});

test("a profile weight left empty in the pane (NaN) names the field", () => {
  expect(() => resolveProfile({ weights: { budget: NaN } })).toThrow(/"weights\.budget".*NaN/);
});

describe("entering and leaving review mode leaves no stale output", () => {
  test("normal → review → normal gives the first run's sheet back", () => {
    const f = form(BASE);
    const scoreCol = f.col("score");
    const r1 = run([f.grid]);
    const once = applyPlanToGrids([f.grid], r1.plan);
    // The unit types its own score over one of the tool's: review mode.
    const typed = once.map((g) => ({
      ...g,
      values: g.values.map((r) => r.slice()),
      text: g.text.map((r) => r.slice()),
    }));
    typed[0].values[FIRST_ROW + 1][scoreCol] = 13;
    typed[0].text[FIRST_ROW + 1][scoreCol] = "13";
    const r2 = run(typed, { ledger: r1.plan.ledger });
    expect(r2.report.tables[0].review).toBe(true);
    const reviewed = applyPlanToGrids(typed, r2.plan);
    expect(reviewed[0].text[FIRST_ROW - 1]).toContain("复核得分");
    // The unit deletes its figure again: back to normal, nothing of the review layout left.
    reviewed[0].values[FIRST_ROW + 1][scoreCol] = null;
    reviewed[0].text[FIRST_ROW + 1][scoreCol] = "";
    const r3 = run(reviewed, { ledger: r2.plan.ledger });
    expect(r3.report.tables[0].review).toBe(false);
    expect(r3.plan.skipped).toEqual([]);
    const back = applyPlanToGrids(reviewed, r3.plan);
    const cells = (g: SheetGrid) =>
      g.values.map((r) => r.map((v) => (v === undefined || v === "" ? null : v)));
    const trim = (rows: unknown[][]) =>
      rows.map((r) => {
        const out = r.slice();
        while (out.length > 0 && out[out.length - 1] === null) out.pop();
        return out;
      });
    expect(trim(cells(back[0]))).toEqual(trim(cells(once[0])));
    expect(back[0].text[FIRST_ROW - 1]).not.toContain("复核得分");
  });
});

test("a template's total formula over blank scores (0) is no unit total: not review mode", () => {
  const f = form(BASE, { total: { v: 0, t: "0", f: "SUM(G7:G11)" } as never });
  const t = run([f.grid]).report.tables[0];
  expect(t.review).toBe(false);
  expect(t.unitTotal).toBeNull();
});
