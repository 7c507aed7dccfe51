import Ajv2020 from "ajv/dist/2020";
import fc from "fast-check";
import schema from "../fixtures/report-schema.json";
import { analyzeWorkbook, planClear, planPrepare } from "../../src/core/analyze";
import { cellWrites } from "../../src/core/plan-writes";
import { applyPlanToGrids } from "../../src/core/apply-to-grid";
import { LEDGER_SHEET, Ledger, ledgerFromGrid } from "../../src/core/ledger";
import { SheetGrid } from "../../src/core/types";
import { CellInput, buildGrid, stack } from "./grid-builder";
import { seedGrid } from "./seed-grid";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const pct = (v: number, t: string) => ({ v, t, fmt: "0%" });

/** A 自评表 in the MoF form: funding block, weight/score columns, (50分) suffixes, a 总分 row. */
function selfEvaluation(): CellInput[][] {
  return [
    ["项目支出绩效自评表（2025年度）"],
    ["项目名称", "数据中心运维"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", 40, 43.2, 37.24, 10, null, null],
    ["", "其中：当年财政拨款", 40, 43.2, 37.24, "", "", ""],
    [
      "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值",
      "实际完成值",
      "分值",
      "得分",
      "偏差原因分析及改进措施",
    ],
    ["产出指标(50分)", "数量指标", "维护系统", "≥6个", "7个", 20, null, ""],
    ["", "质量指标", "故障率", "≤5%", "6%", 15, null, "硬件老化"],
    ["", "时效指标", "响应时间", "≤30分钟", "45分钟", 15, null, ""],
    ["效益指标(30分)", "社会效益指标", "作用", "作用显著", "部分达成（75%）", 30, null, "推广不足"],
    ["满意度指标(10分)", "服务对象满意度指标", "满意度", "≥95%", pct(0.9, "90%"), 10, null, ""],
    ["总分", "", "", "", "", 100, null, ""],
  ];
}

function run(sheets: SheetGrid[], ledger = new Ledger()) {
  return analyzeWorkbook(sheets, { currentYear: 2025, ledger });
}

function scoreTwice(sheets: SheetGrid[]) {
  const a1 = run(sheets);
  const once = applyPlanToGrids(sheets, a1.plan);
  const ledger = ledgerFromGrid(once.find((g) => g.name === LEDGER_SHEET));
  const a2 = run(once, ledger);
  const twice = applyPlanToGrids(once, a2.plan);
  return { a1, once, a2, twice };
}

const cells = (gs: SheetGrid[]) =>
  gs.map((g) => ({
    name: g.name,
    values: g.values.map((r) => r.map((v) => (v === undefined ? null : v))),
  }));

describe("analyzeWorkbook on a self-evaluation table", () => {
  const grid = buildGrid(selfEvaluation(), { name: "自评表" });
  const { report, plan } = run([grid]);
  const t = report.tables[0];

  test("scores every indicator, the budget and the total to the cent", () => {
    expect(validate(report)).toBe(true);
    expect(t.layout).toBe("self-evaluation");
    expect(t.project).toBe("数据中心运维");
    expect(t.indicators.map((i) => i.score)).toEqual([20, 12, 7.5, 22.5, 9.47]);
    expect(t.indicators.map((i) => i.status)).toEqual(["met", "unmet", "unmet", "unmet", "unmet"]);
    expect(t.budget).toEqual({
      planned: 43.2,
      executed: 37.24,
      rate: 0.862,
      weight: 10,
      score: 8.62,
      explain:
        "预算执行率 = 全年执行数 37.24 ÷ 全年预算数 43.20 = 86.2%；得分 = 分值 10 × 86.2% = 8.62",
      unitScore: null,
      unitRate: null,
    });
    expect(t.review).toBe(false);
    expect(t.unitTotal).toBeNull();
    expect(t.categories).toEqual([
      { level1: "产出指标", weight: 50, score: 39.5 },
      { level1: "效益指标", weight: 30, score: 22.5 },
      { level1: "满意度指标", weight: 10, score: 9.47 },
    ]);
    expect(t.total).toBe(80.09);
    expect(t.grade).toBe("良");
    expect(t.complete).toBe(true);
  });

  test("reports missing reasons at the reason cell, in Chinese by default and English on request", () => {
    const missing = report.issues.filter((i) => i.code === "REASON_MISSING");
    expect(missing.map((i) => i.cell)).toEqual(["H9", "H11"]);
    expect(missing[0].message).toContain("响应时间");
    const en = analyzeWorkbook([grid], { currentYear: 2025, lang: "en" }).report.issues.find(
      (i) => i.code === "REASON_MISSING"
    );
    expect(en?.message).toMatch(/deviation reason/);
  });

  test("plans scores into the score column, the funding block and the 总分 row", () => {
    const at = (r: number, c: number) =>
      cellWrites(plan).find((w) => w.sheet === "自评表" && w.row === r && w.col === c);
    expect(at(6, 6)).toMatchObject({ value: 20, numberFormat: "0.00", highlight: false });
    expect(at(7, 6)).toMatchObject({ value: 12, highlight: true });
    expect(at(3, 6)).toMatchObject({ value: 0.862, numberFormat: "0.00%" });
    expect(at(3, 7)).toMatchObject({ value: 8.62 });
    expect(at(11, 6)).toMatchObject({ value: 80.09 });
    expect(plan.unmetCells).toContainEqual({ sheet: "自评表", row: 7, col: 4 });
    expect(
      plan.summary?.writes.some((w) => w.value === "数据中心运维" && w.link === "'自评表'!A1")
    ).toBe(true);
  });

  test("weights that do not add up are an error naming the sum", () => {
    const rows = selfEvaluation();
    rows[6][5] = 25;
    const issues = run([buildGrid(rows)]).report.issues.filter((i) => i.code === "WEIGHTS_SUM");
    expect(issues).toMatchObject([{ severity: "error", params: { sum: 105 } }]);
  });
});

describe("a workbook in the 1904 date system", () => {
  // 44287 is 2025-04-02 counted from 1904, and 2021-04-02 counted from 1900: against 2025年3月底前 the
  // first is late, the second would be four years early.
  const rows = (serial: number): CellInput[][] => [
    ["项目名称", "号牌制作"],
    ["预算数", 100, "全年执行数", 98],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"],
    [
      "产出指标",
      "时效指标",
      "号牌制作周期",
      "2025年3月底前",
      { v: serial, t: "2025-04-02", fmt: "yyyy-mm-dd" },
      "设备故障",
    ],
  ];
  const indicator = (g: SheetGrid) => run([g]).report.tables[0].indicators[0];

  test("date cells are read as the days they show", () => {
    const g = { ...buildGrid(rows(44287)), date1904: true };
    expect(indicator(g)).toMatchObject({ status: "unmet", actual: "2025-04-02", kind: "deadline" });
  });

  test("the same date in the 1900 system reads the same, and a non-date number is never shifted", () => {
    expect(indicator(buildGrid(rows(44287 + 1462))).status).toBe("unmet");
    expect(indicator(buildGrid(rows(44270 + 1462))).status).toBe("met"); // 2025-03-16
    const fig: CellInput[][] = rows(0).map((r, i) =>
      i === 3 ? ["产出指标", "数量指标", "数量", "≥6个", 7, ""] : r
    );
    expect(indicator({ ...buildGrid(fig), date1904: true })).toMatchObject({
      status: "met",
      completion: 1.1667, // 7 of 6, not 1,469 of 6
    });
  });
});

describe("the seed workbook", () => {
  test("a plain target table: seven tables, no actuals yet, nothing written", () => {
    const { report, plan } = run([seedGrid()]);
    expect(validate(report)).toBe(true);
    expect(report.tables.map((t) => t.indicators.length)).toEqual([7, 7, 10, 9, 22, 8, 7]);
    expect(
      report.tables.every((t) => t.layout === "target" && !t.complete && t.total === null)
    ).toBe(true);
    expect(report.tables.flatMap((t) => t.indicators).filter((i) => i.kind === "unparsed")).toEqual(
      []
    );
    expect(report.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(cellWrites(plan)).toEqual([]);
  });

  test("Prepare adds the year-end columns and 分值 that add up with the budget to 100", () => {
    const grid = seedGrid();
    const prep = planPrepare([grid], { currentYear: 2025 });
    const prepared = applyPlanToGrids([grid], prep);
    const { report } = run(prepared);
    for (const t of report.tables) {
      expect(t.layout).toBe("self-evaluation");
      const sum = t.indicators.reduce((s, i) => s + i.weight, 0) + t.budget.weight;
      expect(Math.round(sum * 100) / 100).toBe(100);
    }
    expect(report.issues.filter((i) => i.code === "WEIGHTS_SUM")).toEqual([]);
    // Prepare again: nothing more to add.
    expect(cellWrites(planPrepare(prepared, { currentYear: 2025 }))).toEqual([]);
  });
});

describe("never destroy user data", () => {
  test("an output cell holding foreign content is left alone and reported", () => {
    const rows = selfEvaluation();
    rows[7][6] = "手填12分";
    const { plan, report } = run([buildGrid(rows)]);
    expect(cellWrites(plan).some((w) => w.row === 7 && w.col === 6)).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "OUTPUT_OCCUPIED", cell: "G8", sheet: "Sheet1" })
    );
  });

  test("a formula in an output cell is never overwritten", () => {
    const rows = selfEvaluation();
    rows[6][6] = { v: 20, f: "=F7" };
    const { plan } = run([buildGrid(rows)]);
    expect(cellWrites(plan).some((w) => w.row === 6 && w.col === 6)).toBe(false);
  });

  test("a sheet named 评分汇总 that the tool did not make is not touched", () => {
    const own = buildGrid([["我的汇总"]], { name: "评分汇总" });
    const { plan, report } = run([buildGrid(selfEvaluation()), own]);
    expect(plan.summary).toBeNull();
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "OUTPUT_OCCUPIED", sheet: "评分汇总", cell: null })
    );
  });

  test("Score twice gives the same sheet as Score once; Clear restores the input", () => {
    const input = [
      buildGrid(selfEvaluation(), { name: "自评表" }),
      buildGrid([["备注"]], { name: "说明" }),
    ];
    const { once, a2, twice } = scoreTwice(input);
    expect(a2.plan.skipped).toEqual([]);
    expect(cells(twice)).toEqual(cells(once));
    const ledger = ledgerFromGrid(once.find((g) => g.name === LEDGER_SHEET));
    const cleared = applyPlanToGrids(once, planClear(once, ledger));
    const original = new Map(cells(input).map((g) => [g.name, g.values]));
    for (const g of cells(cleared)) {
      const before = original.get(g.name);
      expect(before).toBeDefined();
      const width = Math.max(...(before as unknown[][]).map((r) => r.length));
      // Cleared cells are blank; every original cell is unchanged.
      g.values.forEach((r, i) =>
        r.forEach((v, j) =>
          expect(v).toEqual((before as unknown[][])[i]?.[j] ?? (j >= width ? null : null))
        )
      );
    }
  });

  test("a target table with actuals gets 得分 and 完成率 columns, and a re-run keeps them", () => {
    const rows: CellInput[][] = [
      ["项目名称", "演示项目2025"],
      ["预算数", 100, "全年执行数", 95],
      ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
      ["产出指标", "数量指标", "设备", "≥10台", "8台"],
      ["效益指标", "社会效益指标", "效果", "作用显著", "达成"],
      ["满意度指标", "满意度", "满意度", "≥90%", "92%"],
    ];
    const { once, twice, a1 } = scoreTwice([buildGrid(rows)]);
    expect(a1.report.tables[0].total).toBe(9.5 + 40 + 30 + 10);
    const header = once[0].values[2];
    expect(header.slice(5, 8)).toEqual(["分值", "得分", "完成率"]);
    // The weights the engine used, so that each score can be checked; the total under the table, labelled.
    expect(once[0].values.slice(3, 6).map((r) => r[5])).toEqual([50, 30, 10]);
    expect(once[0].values[6].slice(5, 8)).toEqual(["总分", 89.5, "良"]);
    expect(cells(twice)).toEqual(cells(once));
  });
});

describe("properties", () => {
  const levels = ["产出指标", "效益指标", "满意度指标"];
  const indicator = fc.record({
    level1: fc.constantFrom(...levels),
    name: fc.string({ minLength: 1, maxLength: 6 }).map((s) => `指标${s.replace(/\s/g, "")}`),
    target: fc.oneof(
      fc.integer({ min: 1, max: 500 }).map((n) => `≥${n}个`),
      fc.integer({ min: 1, max: 99 }).map((n) => `≤${n}%`),
      fc.constantFrom("作用显著", "2025年6月底前", "按实际发生值完成", "90%-95%", "100%")
    ),
    actual: fc.oneof(
      fc.integer({ min: -5, max: 1000 }).map(String),
      fc.float({ min: 0, max: 200, noNaN: true }).map((x) => `${x.toFixed(2)}%`),
      fc.constantFrom("达成", "部分达成", "未达成", "2025-05-01", "2025-07-20", "", "N/A")
    ),
  });
  const table = (
    inds: { level1: string; name: string; target: string; actual: string }[],
    executed: number
  ): CellInput[][] => [
    ["项目名称", "性质测试"],
    ["预算数", 100, "全年执行数", executed],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"],
    ...inds.map((i) => [i.level1, "二级", i.name, i.target, i.actual, ""]),
  ];

  test("0 ≤ score ≤ weight, and the report always fits the schema", () => {
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 150 }),
        (inds, executed) => {
          const { report } = run([buildGrid(table(inds, executed))]);
          expect(validate(report)).toBe(true);
          for (const i of report.tables[0].indicators) {
            if (i.score === null) {
              expect(i.explain).toBeNull();
              continue;
            }
            expect(i.score).toBeGreaterThanOrEqual(0);
            expect(i.score).toBeLessThanOrEqual(i.weight);
            // §8: the line carries the reported weight, capped completion and score.
            const capped = Math.round(Math.min(i.completion!, 1) * 10000) / 100;
            expect(i.explain).toContain(` ${i.weight} × ${capped}% = ${i.score.toFixed(2)}`);
          }
          const b = report.tables[0].budget;
          if (b.score !== null) expect(b.explain!.endsWith(`= ${b.score.toFixed(2)}`)).toBe(true);
        }
      ),
      { numRuns: 150 }
    );
  });

  // Amended spec §4 (issue 17): uneven shares go larger-first in table order, so that a clerk can follow
  // them; row order may move a cent of weight between rows, but never the shares, statuses or category points.
  test("row order changes only which rows get the larger shares", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(indicator, { minLength: 1, maxLength: 10, selector: (i) => i.name }),
        fc.integer(),
        (inds, seed) => {
          const shuffled = [...inds].sort(
            (a, b) =>
              ((a.name.charCodeAt(0) * 31 + seed) % 7) - ((b.name.charCodeAt(0) * 31 + seed) % 7) ||
              (a.name < b.name ? -1 : 1)
          );
          const a = run([buildGrid(table(inds, 90))]).report.tables[0];
          const b = run([buildGrid(table(shuffled, 90))]).report.tables[0];
          const key = (t: typeof a) => t.indicators.map((i) => `${i.name}:${i.status}`).sort();
          expect(key(b)).toEqual(key(a));
          const shares = (t: typeof a) => t.indicators.map((i) => `${i.level1}:${i.weight}`).sort();
          expect(shares(b)).toEqual(shares(a));
          expect(b.categories.map((c) => [c.level1, c.weight])).toEqual(
            a.categories.map((c) => [c.level1, c.weight])
          );
          for (const t of [a, b]) {
            // Within a category, shares never grow down the table.
            const last = new Map<string, number>();
            for (const i of t.indicators) {
              const prev = last.get(i.level1);
              if (prev !== undefined) expect(i.weight).toBeLessThanOrEqual(prev);
              last.set(i.level1, i.weight);
            }
          }
        }
      ),
      { numRuns: 100 }
    );
  });

  test("blank rows between tables do not change any result", () => {
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 6 }),
        fc.array(indicator, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 6 }),
        (x, y, gap) => {
          const strip = (r: ReturnType<typeof run>) =>
            r.report.tables.map((t) => ({
              ...t,
              headerRow: 0,
              indicators: t.indicators.map((i) => ({ ...i, row: 0 })),
            }));
          const tight = run([buildGrid(stack([table(x, 80), table(y, 120)], 2))]);
          const loose = run([buildGrid(stack([table(x, 80), table(y, 120)], gap))]);
          expect(strip(loose)).toEqual(strip(tight));
        }
      ),
      { numRuns: 60 }
    );
  });

  test("the write plan applied twice equals once", () => {
    fc.assert(
      fc.property(
        fc.array(indicator, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 150 }),
        (inds, executed) => {
          const { once, twice, a2 } = scoreTwice([buildGrid(table(inds, executed))]);
          expect(a2.plan.skipped).toEqual([]);
          expect(cells(twice)).toEqual(cells(once));
        }
      ),
      { numRuns: 80 }
    );
  });
});

describe("the indicator rows' output columns are planned as runs", () => {
  test("one run per output column of a table, top-down over its indicator rows, as the report says", () => {
    const { plan, report } = run([buildGrid(selfEvaluation())]);
    const rows = report.tables[0].indicators;
    expect(plan.runs.map((r) => [r.sheet, r.col, r.row, r.values.length, r.numberFormat])).toEqual([
      ["Sheet1", 8, 6, 5, "0.00%"], // 完成率, a column Score adds
      ["Sheet1", 6, 6, 5, "0.00"], // the table's own 得分
    ]);
    expect(plan.runs[0].values).toEqual(rows.map((i) => i.completion));
    expect(plan.runs[1].values).toEqual(rows.map((i) => i.score));
    const unmet = rows.map((i) => i.status === "unmet");
    expect(unmet).toContain(true);
    expect(plan.runs[0].highlight).toEqual(unmet);
    expect(plan.runs[1].highlight).toEqual(unmet);
    // No cell is both a single write and in a run.
    const single = new Set(plan.writes.map((w) => `${w.sheet}!${w.row}:${w.col}`));
    expect(cellWrites(plan).filter((w) => single.has(`${w.sheet}!${w.row}:${w.col}`))).toHaveLength(
      plan.writes.length
    );
  });

  test("a cell holding foreign content splits its run and stays out of the plan", () => {
    const rows = selfEvaluation();
    rows[7][6] = "手填12分";
    const { plan } = run([buildGrid(rows)]);
    expect(plan.runs.filter((r) => r.col === 6).map((r) => [r.row, r.values.length])).toEqual([
      [6, 1],
      [8, 3],
    ]);
    expect(plan.runs.filter((r) => r.col === 8).map((r) => [r.row, r.values.length])).toEqual([
      [6, 5],
    ]);
  });

  test("a second Score refreshes the same runs, recorded in the ledger cell by cell", () => {
    const first = run([buildGrid(selfEvaluation())]);
    const applied = applyPlanToGrids([buildGrid(selfEvaluation())], first.plan);
    const second = run(applied, first.plan.ledger);
    expect(second.plan.runs).toEqual(first.plan.runs);
    for (const r of first.plan.runs)
      r.values.forEach((v, i) => expect(first.plan.ledger.get(r.sheet, r.row + i, r.col)).toBe(v));
  });
});
