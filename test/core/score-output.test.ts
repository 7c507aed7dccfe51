/**
 * What Score writes on a user's sheet (issue 18, point 1): the added columns (分值 where the table has none,
 * 得分, 完成率, 复核得分) formatted like the form's own, the total in the 合计 row or labelled under the
 * table, no per-table result block (an earlier version's is removed by Score and by Clear), print areas
 * grown over the added columns and put back by Clear, and a second Score planning what the first did.
 */
import { analyzeWorkbook, planClear } from "../../src/core/analyze";
import { applyPlanToGrids } from "../../src/core/apply-to-grid";
import { LEDGER_SHEET, Ledger, ledgerFromGrid } from "../../src/core/ledger";
import { cellWrites } from "../../src/core/plan-writes";
import { AnalyzeOptions, SheetGrid, WritePlan } from "../../src/core/types";
import { FIRST_ROW, HEADER_ROW, FormOptions, FormRow, form, pct } from "./forms";
import { CellInput, buildGrid, stack } from "./grid-builder";

function run(sheets: SheetGrid[], ledger = new Ledger(), options: AnalyzeOptions = {}) {
  return analyzeWorkbook(sheets, { currentYear: 2025, ledger, ...options });
}

/** Score, apply, read the ledger back. */
function score(sheets: SheetGrid[], ledger = new Ledger()) {
  const a = run(sheets, ledger);
  const after = applyPlanToGrids(sheets, a.plan);
  return { a, after, ledger: ledgerFromGrid(after.find((g) => g.name === LEDGER_SHEET)) };
}

const sheetOf = (gs: SheetGrid[], name: string) => gs.find((g) => g.name === name)!;
const valuesOf = (g: SheetGrid) => g.values.map((r) => r.map((v) => (v === undefined ? null : v)));

/** A 绩效目标表 read at year end: 预算数 / 全年执行数, actuals, no 分值 / 得分 / 完成率. */
const TARGET_ROWS: CellInput[][] = [
  ["项目名称", "演示项目2025"],
  ["预算数", 100, "全年执行数", 95],
  ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
  ["产出指标", "数量指标", "设备", "≥10台", "8台"],
  ["效益指标", "社会效益指标", "效果", "作用显著", "达成"],
  ["满意度指标", "满意度", "满意度", "≥90%", "92%"],
];
const TARGET_HEADER = 2;
const TARGET_LAST = 5;

const BASE: FormRow[] = [
  { l1: "产出指标", l2: "数量指标", name: "维护系统", target: "≥6个", actual: "7个", weight: 40 },
  {
    l1: "效益指标",
    l2: "社会效益指标",
    name: "作用",
    target: "作用显著",
    actual: "达成",
    weight: 30,
  },
  { l1: "满意度指标", name: "满意度", target: "≥95%", actual: pct(0.9, "90%"), weight: 20 },
];

const headersAt = (plan: WritePlan, sheet: string, row: number) =>
  cellWrites(plan)
    .filter((w) => w.sheet === sheet && w.row === row)
    .sort((x, y) => x.col - y.col)
    .map((w) => [w.col, w.value]);

describe("added columns and what they take from the form", () => {
  // Which columns Score adds, right of the table, and which column's format they take.
  test.each<[string, () => SheetGrid, number, [number, string][], number]>([
    [
      "a 绩效目标表 with actuals: 分值, 得分, 完成率; formats of 指标值",
      () => buildGrid(TARGET_ROWS),
      TARGET_HEADER,
      [
        [5, "分值"],
        [6, "得分"],
        [7, "完成率"],
      ],
      3,
    ],
    [
      "a 自评表 with 分值 and 得分: 完成率 only; formats of its 分值",
      () => form(BASE, { total: null }).grid,
      HEADER_ROW,
      [[8, "完成率"]],
      5,
    ],
    [
      "a 自评表 without 分值 or 得分: 分值, 得分, 完成率; formats of 指标值",
      () => form(BASE, { weights: false, scores: false }).grid,
      HEADER_ROW,
      [
        [6, "分值"],
        [7, "得分"],
        [8, "完成率"],
      ],
      3,
    ],
    [
      "review mode (the unit's own 得分): 完成率 and 复核得分; formats of its 分值",
      () =>
        form(
          BASE.map((r, i) => ({ ...r, score: [40, 30, 19][i] })),
          { budgetScore: 10 }
        ).grid,
      HEADER_ROW,
      [
        [8, "完成率"],
        [9, "复核得分"],
      ],
      5,
    ],
  ])("%s", (_, make, header, added, from) => {
    const g = make();
    const { plan, tables } = run([g]);
    const t = tables[0];
    const first = added[0][0];
    const last = added[added.length - 1][0];
    expect(headersAt(plan, g.name, header).filter(([c]) => (c as number) >= first)).toEqual(added);
    // formatLike covers exactly the added columns over the table's rows, header to last row.
    const covered = new Set<string>();
    for (const f of plan.formatLike ?? []) {
      expect(f.fromCol).toBe(from);
      for (let r = f.rect.row; r < f.rect.row + f.rect.rows; r++)
        for (let c = f.rect.col; c < f.rect.col + f.rect.cols; c++) covered.add(`${r},${c}`);
    }
    const expected = new Set<string>();
    for (let r = t.headerRows[0]; r <= t.lastRow; r++)
      for (let c = first; c <= last; c++) expected.add(`${r},${c}`);
    expect([...covered].sort()).toEqual([...expected].sort());
    // No result block: nothing right of the added columns.
    expect(cellWrites(plan).filter((w) => w.sheet === g.name && w.col > last)).toEqual([]);
  });

  test("the 分值 column holds the weights the engine used", () => {
    const g = buildGrid(TARGET_ROWS);
    const { plan, report } = run([g]);
    const weights = plan.runs.find((r) => r.col === 5)!;
    expect(weights.row).toBe(TARGET_HEADER + 1);
    expect(weights.values).toEqual(report.tables[0].indicators.map((i) => i.weight));
    expect(weights.values).toEqual([50, 30, 10]);
  });

  test("a user's cell among the added columns keeps its format and is reported", () => {
    const rows = TARGET_ROWS.map((r) => [...r]);
    rows[4][6] = "手填"; // the 得分 cell of the second indicator
    const { plan, report } = run([buildGrid(rows)]);
    const covered = (plan.formatLike ?? []).some(
      (f) =>
        f.rect.row <= 4 &&
        4 < f.rect.row + f.rect.rows &&
        f.rect.col <= 6 &&
        6 < f.rect.col + f.rect.cols
    );
    expect(covered).toBe(false);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "OUTPUT_OCCUPIED", cell: "G5" })
    );
  });
});

describe("the total", () => {
  test("into the 总分 row where the form has one, nothing under it", () => {
    const f = form(BASE, { total: null });
    const { plan, report } = run([f.grid]);
    const total = FIRST_ROW + BASE.length;
    expect(cellWrites(plan).find((w) => w.row === total && w.col === f.col("score"))?.value).toBe(
      report.tables[0].total
    );
    expect(cellWrites(plan).filter((w) => w.row > total)).toEqual([]);
  });

  test("under a table without one: labelled, total in 得分, the grade beside in 完成率", () => {
    const { plan, report } = run([buildGrid(TARGET_ROWS)]);
    const t = report.tables[0];
    expect(headersAt(plan, "Sheet1", TARGET_LAST + 1)).toEqual([
      [5, "总分"],
      [6, t.total],
      [7, t.grade],
    ]);
    for (const col of [5, 6, 7]) expect(plan.ledger.has("Sheet1", TARGET_LAST + 1, col)).toBe(true);
  });

  test.each<[string, (rows: CellInput[][]) => CellInput[][]]>([
    ["a note under the table", (rows) => [...rows, ["", "", "填表人：张三"]]],
    ["another table right under it", (rows) => stack([rows, rows], 0)],
  ])("not under the table when the row is taken: %s", (_, make) => {
    const { plan, report } = run([buildGrid(make(TARGET_ROWS))]);
    expect(report.tables[0].total).not.toBeNull();
    const under = cellWrites(plan).filter((w) => w.row === TARGET_LAST + 1 && w.value === "总分");
    expect(under).toEqual([]);
    // The user's note is untouched and not reported: the total is in the summary and on the form.
    expect(report.issues.filter((i) => i.code === "OUTPUT_OCCUPIED")).toEqual([]);
  });

  test("Clear removes the total under the table with the rest", () => {
    const input = [buildGrid(TARGET_ROWS)];
    const { after, ledger } = score(input);
    expect(sheetOf(after, "Sheet1").values[TARGET_LAST + 1]).toContain("总分");
    const cleared = applyPlanToGrids(after, planClear(after, ledger));
    const g = sheetOf(cleared, "Sheet1");
    valuesOf(g).forEach((r, i) =>
      r.forEach((v, j) => expect(v).toEqual(input[0].values[i]?.[j] ?? null))
    );
  });
});

describe("an earlier version's result block", () => {
  // What versions before issue 18 wrote right of a table (after a one-column gap), recorded in the ledger.
  const OLD_BLOCK: [string, string | number][] = [
    ["评分结果", "财政部默认"],
    ["预算执行率", 0.95],
    ["预算执行得分", 9.5],
    ["产出指标得分", 40],
    ["效益指标得分", 30],
    ["满意度指标得分", 10],
    ["总分", 89.5],
    ["等级", "良"],
    ["未达成指标数", 1],
  ];
  /** The table scored by the old layout: 得分 F, 完成率 G, the block's pairs at I:J and K:L. */
  function oldScored(): { grid: SheetGrid; ledger: Ledger; blockCells: [number, number][] } {
    const rows = TARGET_ROWS.map((r) => [...r]);
    const ledger = new Ledger();
    const put = (row: number, col: number, v: string | number) => {
      while (rows[row].length <= col) rows[row].push(null);
      rows[row][col] = v;
      ledger.set("Sheet1", row, col, v);
    };
    put(TARGET_HEADER, 5, "得分");
    put(TARGET_HEADER, 6, "完成率");
    const blockCells: [number, number][] = [];
    const height = TARGET_LAST + 1; // the table's rows 0…5
    OLD_BLOCK.forEach(([label, value], i) => {
      const row = i % height;
      const col = 8 + 2 * Math.floor(i / height);
      put(row, col, label);
      put(row, col + 1, value);
      blockCells.push([row, col], [row, col + 1]);
    });
    for (const col of [8, 9, 10, 11]) ledger.setWidth("Sheet1", col, col % 2 === 0 ? 14 : 12);
    return { grid: buildGrid(rows), ledger, blockCells };
  }

  test("a re-score removes it, widths back to standard, and leaves the sheet as a fresh Score does", () => {
    const { grid, ledger, blockCells } = oldScored();
    const { a, after } = score([grid], ledger);
    const cleared = a.plan.writes.filter((w) => w.value === null).map((w) => [w.row, w.col]);
    expect(cleared.sort()).toEqual(blockCells.sort());
    expect(a.plan.columnWidths?.map((w) => [w.col, w.reset])).toEqual([
      [8, true],
      [9, true],
      [10, true],
      [11, true],
    ]);
    const fresh = score([buildGrid(TARGET_ROWS)]).after;
    const trim = (g: SheetGrid) =>
      valuesOf(g)
        .map((r) => {
          const out = [...r];
          while (out.length && out[out.length - 1] === null) out.pop();
          return out;
        })
        .filter((r, i, all) => r.length > 0 || all.slice(i).some((x) => x.length > 0));
    expect(trim(sheetOf(after, "Sheet1"))).toEqual(trim(sheetOf(fresh, "Sheet1")));
    expect(a.report.issues.filter((i) => i.code === "OUTPUT_OCCUPIED")).toEqual([]);
    // Its 得分 / 完成率 columns, from before the formats mark, take the form's formats this once.
    const formatted = (a.plan.formatLike ?? []).map((f) => [f.rect.row, f.rect.col, f.rect.rows]);
    expect(formatted).toContainEqual([TARGET_HEADER, 5, TARGET_LAST - TARGET_HEADER + 1]);
  });

  test("Clear removes it and nothing else", () => {
    const { grid, ledger, blockCells } = oldScored();
    const plan = planClear([grid], ledger);
    const cleared = plan.writes.map((w) => `${w.row},${w.col}`).sort();
    expect(cleared).toEqual(
      [...blockCells, [TARGET_HEADER, 5], [TARGET_HEADER, 6]].map(([r, c]) => `${r},${c}`).sort()
    );
  });
});

describe("print areas", () => {
  const withArea = (rows: CellInput[][]) => {
    const g = buildGrid(rows);
    g.printArea = { row: 0, col: 0, rows: TARGET_LAST + 1, cols: 5 }; // A1:E6, the table alone
    return g;
  };

  test("grown over the added columns and the total row; recorded; put back by Clear", () => {
    const input = [withArea(TARGET_ROWS)];
    const { a, after, ledger } = score(input);
    const grownArea = { row: 0, col: 0, rows: TARGET_LAST + 2, cols: 8 }; // A1:H7
    expect(a.plan.printAreas).toEqual([{ sheet: "Sheet1", area: grownArea }]);
    expect(sheetOf(after, "Sheet1").printArea).toEqual(grownArea);
    expect(ledger.printArea("Sheet1")).toEqual({ original: input[0].printArea, set: grownArea });
    // A second Score plans the same area and keeps the original on record.
    const second = score(after, ledger);
    expect(second.a.plan.printAreas).toEqual(a.plan.printAreas);
    expect(second.ledger.printArea("Sheet1")?.original).toEqual(input[0].printArea);
    const cleared = planClear(second.after, second.ledger);
    expect(cleared.printAreas).toEqual([{ sheet: "Sheet1", area: input[0].printArea }]);
  });

  test("a sheet without a print area gets none; one that already holds the columns is left", () => {
    expect(run([buildGrid(TARGET_ROWS)]).plan.printAreas).toEqual([]);
    const wide = buildGrid(TARGET_ROWS);
    wide.printArea = { row: 0, col: 0, rows: 20, cols: 12 };
    const { plan } = run([wide]);
    expect(plan.printAreas).toEqual([]);
    expect(plan.ledger.printArea("Sheet1")).toBeUndefined();
  });

  test("an area the user changed since is theirs: Clear leaves it", () => {
    const { after, ledger } = score([withArea(TARGET_ROWS)]);
    const g = sheetOf(after, "Sheet1");
    g.printArea = { row: 0, col: 0, rows: 3, cols: 3 };
    expect(planClear(after, ledger).printAreas).toEqual([]);
  });
});

describe("running twice plans the same writes", () => {
  test.each<[string, () => SheetGrid]>([
    ["a 绩效目标表 with actuals", () => buildGrid(TARGET_ROWS)],
    ["a 自评表 with a 总分 row", () => form(BASE, { total: null }).grid],
    [
      "review mode",
      () =>
        form(
          BASE.map((r, i) => ({ ...r, score: [40, 30, 19][i] })),
          { budgetScore: 10, total: 99 } as FormOptions
        ).grid,
    ],
  ])("%s", (_, make) => {
    const first = score([make()]);
    const second = score(first.after, first.ledger);
    const keep = (p: WritePlan) => ({
      writes: p.writes,
      runs: p.runs,
      printAreas: p.printAreas,
      summary: p.summary,
      forms: p.forms,
    });
    expect(keep(second.a.plan)).toEqual(keep(first.a.plan));
    // The cells the first Score claimed took the form's formats then; the second formats only cells
    // still not the tool's (so that a fill the user gave one of its cells since stays).
    const cellsOf = (p: WritePlan) =>
      (p.formatLike ?? []).flatMap((f) =>
        Array.from({ length: f.rect.rows * f.rect.cols }, (_, k) => [
          f.rect.row + Math.floor(k / f.rect.cols),
          f.rect.col + (k % f.rect.cols),
        ])
      );
    const again = cellsOf(second.a.plan);
    expect(again.length).toBeLessThan(cellsOf(first.a.plan).length);
    for (const [r, c] of again) expect(first.ledger.has(first.after[0].name, r, c)).toBe(false);
    expect(second.a.plan.skipped).toEqual([]);
    expect(second.after.map(valuesOf)).toEqual(first.after.map(valuesOf));
  });
});
