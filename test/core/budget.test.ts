import { findBudget, parseAmount } from "../../src/core/budget";
import { BudgetBlock } from "../../src/core/types";
import { buildGrid, CellInput } from "./grid-builder";

/** Runs findBudget over the whole block (rows 0..rows.length-1, header after it), table columns A:E. */
function budgetOf(
  rows: CellInput[][],
  opts: { lastCol?: number; originRow?: number; originCol?: number } = {}
): BudgetBlock {
  const g = buildGrid(rows, { originRow: opts.originRow, originCol: opts.originCol });
  const top = opts.originRow ?? 0;
  return findBudget(g, top, top + rows.length, opts.originCol ?? 0, opts.lastCol ?? 4);
}

const FUNDING_HEADER: CellInput[] = [
  "项目资金（万元）",
  null,
  "年初预算数",
  "全年预算数",
  "全年执行数",
  "分值",
  "执行率",
  "得分",
];

describe("parseAmount", () => {
  test.each<[unknown, string, number | null]>([
    [97, "97.00", 97],
    ["97.00", "97.00", 97],
    ["1,200.00", "1,200.00", 1200],
    [" 1，200 ", "", 1200],
    ["９７", "", 97],
    ["97万元", "", 97],
    ["待定", "待定", null],
    ["", "", null],
    [null, "", null],
    [true, "TRUE", null],
    ["95%", "95%", null],
    [Number.NaN, "", null],
  ])("%p → %p", (v, t, want) => {
    expect(parseAmount(v as never, t)).toBe(want);
  });
});

describe("findBudget: label and value side by side", () => {
  test.each<[string, CellInput[][], Partial<BudgetBlock>]>([
    [
      "seed row, number cell",
      [
        [
          "预算规模及资金用途",
          "预算数",
          { v: 97, t: "97.00" },
          "其中：财政    资金",
          { v: 97, t: "97.00" },
          "其他资金",
          null,
        ],
      ],
      {
        planned: 97,
        plannedCell: { row: 0, col: 2 },
        plannedLabelCell: { row: 0, col: 1 },
        executed: null,
        executedCell: null,
        executedLabelCell: null,
      },
    ],
    [
      "seed row, text numbers",
      [["预算规模及资金用途", "预算数", "1,200.00", "其中：财政资金", "1,200.00", "其他资金"]],
      { planned: 1200, plannedCell: { row: 0, col: 2 } },
    ],
    [
      "其中：财政资金 is not the planned budget",
      [["预算规模及资金用途", "预算数", null, "其中：财政资金", 97, "其他资金"]],
      { planned: null, plannedLabelCell: { row: 0, col: 1 }, plannedCell: { row: 0, col: 2 } },
    ],
    [
      "全年执行数 right of the 用途 text, beyond the table's columns",
      [
        ["预算规模及资金用途", "预算数", 97, "其中：财政资金", 97, "其他资金"],
        [null, "软硬件运维", null, null, null, "全年执行数", 92.5],
      ],
      {
        planned: 97,
        executed: 92.5,
        executedCell: { row: 1, col: 6 },
        executedLabelCell: { row: 1, col: 5 },
      },
    ],
    [
      "全年执行数 label without a value: the cell to type it in",
      [
        ["预算规模及资金用途", "预算数", 97],
        [null, "软硬件运维", null, null, null, "全年执行数"],
      ],
      {
        planned: 97,
        executed: null,
        executedCell: { row: 1, col: 6 },
        executedLabelCell: { row: 1, col: 5 },
      },
    ],
    [
      "whitespace and trailing colons in labels",
      [
        ["预 算 数：", "100"],
        ["全年执行数:", "90"],
      ],
      { planned: 100, executed: 90 },
    ],
    [
      "trailing (A) tags and (万元)",
      [["全年预算数（A）", 100, "全年执行数(万元)", 80]],
      { planned: 100, executed: 80 },
    ],
    [
      "planned preference: 全年预算数 > 调整后预算数 > 预算数 > 年初预算数",
      [
        ["年初预算数", 50, "预算数", 60],
        ["调整后预算数", 70, "全年预算数", 80],
      ],
      { planned: 80, plannedLabelCell: { row: 1, col: 2 } },
    ],
    [
      "planned preference: 调整后预算数 over 预算数 and 年初预算数",
      [
        ["年初预算数", 50, "预算数", 60],
        ["调整后预算数", 70],
      ],
      { planned: 70 },
    ],
    [
      "planned preference: a preferred label with no value gives way",
      [["年初预算数", 50, "全年预算数", null]],
      { planned: 50, plannedLabelCell: { row: 0, col: 0 } },
    ],
    [
      "executed preference: 全年执行数 > 预算执行数 > 执行数",
      [
        ["执行数", 10, "预算执行数", 20],
        ["全年执行数", 30],
      ],
      { executed: 30 },
    ],
    [
      "executed preference: 预算执行数 over 执行数",
      [["执行数", 10, "预算执行数", 20]],
      { executed: 20, executedLabelCell: { row: 0, col: 2 } },
    ],
    [
      "English labels",
      [
        ["Planned budget:", 43.2],
        ["Spent", 37.24],
      ],
      { planned: 43.2, executed: 37.24 },
    ],
    [
      "English Budget / Executed",
      [["Budget", 100, "Executed", 95]],
      { planned: 100, executed: 95 },
    ],
    [
      "年度资金总额： style",
      [
        ["项目资金", "年度资金总额：", 100],
        [null, "其中：财政拨款", 100],
      ],
      { planned: 100, plannedLabelCell: { row: 0, col: 1 } },
    ],
    [
      "年度资金总额： blank with amounts beside the rows under it",
      [
        ["项目资金", "年度资金总额：", null],
        [null, "其中：财政拨款", 80],
        [null, "其他资金", 20],
      ],
      { planned: 100, inconsistent: true },
    ],
    [
      "a value that is text is no value",
      [["预算数", "待定"]],
      { planned: null, plannedLabelCell: { row: 0, col: 0 } },
    ],
    [
      "a side block after a blank column right of the table is not read",
      [
        [
          "项目名称",
          "X",
          null,
          null,
          null,
          null,
          "预算执行率",
          { v: 0.9, t: "90%" },
          "预算数",
          5,
          "执行数",
          3,
        ],
      ],
      { planned: null, executed: null, plannedLabelCell: null, executedLabelCell: null },
    ],
    [
      "no labels",
      [
        ["项目名称", "X"],
        ["绩效目标", "text"],
      ],
      { planned: null, executed: null, plannedCell: null, executedCell: null, weight: null },
    ],
    ["empty block", [], { planned: null, executed: null }],
  ])("%s", (_name, rows, want) => {
    expect(budgetOf(rows)).toMatchObject(want);
  });
});

describe("findBudget: the 自评表 funding block", () => {
  test("values below the labels, in the 年度资金总额 row; 分值/执行率/得分", () => {
    const b = budgetOf(
      [
        ["项目支出绩效自评表"],
        ["项目名称", "某项目"],
        FUNDING_HEADER,
        [null, "年度资金总额", 100, 120, 108, 10, { v: 0.9, t: "90.00%" }, 9],
        [null, "其中：当年财政拨款", 100, 120, 108, "—", null, "—"],
        [null, "上年结转资金", null, null, null, "—", null, "—"],
        [null, "其他资金", null, null, null, "—", null, "—"],
        ["年度总体目标", "预期目标", null, null, "实际完成情况"],
      ],
      { lastCol: 8 }
    );
    expect(b).toEqual({
      planned: 120,
      plannedCell: { row: 3, col: 3 },
      executed: 108,
      executedCell: { row: 3, col: 4 },
      weight: 10,
      rateCell: { row: 3, col: 6 },
      scoreCell: { row: 3, col: 7 },
      inconsistent: false,
      plannedLabelCell: { row: 2, col: 3 },
      executedLabelCell: { row: 2, col: 4 },
      unit: "万元",
      invalid: [],
      unitRate: { value: 0.9, text: "90.00%" },
      unitScore: { value: 9, text: "9" },
    });
  });

  test.each<[string, CellInput, CellInput, number]>([
    ["blank", null, null, 100],
    ["zero", 0, { v: 0, t: "0.00" }, 100],
  ])(
    "年度资金总额 row %s → sum of the rows under it, inconsistent",
    (_n, planned, executed, want) => {
      const b = budgetOf(
        [
          FUNDING_HEADER,
          [null, "年度资金总额", null, planned, executed, 10, null, null],
          [null, "其中：当年财政拨款", 60, 60, 50],
          [null, "上年结转资金", 30, 30, "25"],
          [null, "其他资金", 10, 10, 5],
        ],
        { lastCol: 8 }
      );
      expect(b.planned).toBe(want);
      expect(b.executed).toBe(80);
      expect(b.plannedCell).toEqual({ row: 1, col: 3 });
      expect(b.inconsistent).toBe(true);
      expect(b.weight).toBe(10);
    }
  );

  test("blank 年度资金总额 row and blank rows under it: no budget, not inconsistent", () => {
    const b = budgetOf(
      [FUNDING_HEADER, [null, "年度资金总额"], [null, "其中：当年财政拨款"], [null, "其他资金"]],
      { lastCol: 8 }
    );
    expect(b).toMatchObject({
      planned: null,
      executed: null,
      inconsistent: false,
      plannedCell: { row: 1, col: 3 },
      executedCell: { row: 1, col: 4 },
    });
  });

  test("年初预算数 only, when 全年预算数 is blank", () => {
    const b = budgetOf([FUNDING_HEADER, [null, "年度资金总额", 100, null, 90, 10, null, null]], {
      lastCol: 8,
    });
    expect(b).toMatchObject({
      planned: 100,
      executed: 90,
      plannedLabelCell: { row: 0, col: 2 },
      inconsistent: false,
    });
  });

  test("used range not at A1", () => {
    const b = budgetOf([FUNDING_HEADER, [null, "年度资金总额", 100, 100, 90, 10, null, null]], {
      originRow: 5,
      originCol: 3,
      lastCol: 11,
    });
    expect(b).toMatchObject({
      planned: 100,
      plannedCell: { row: 6, col: 6 },
      executedCell: { row: 6, col: 7 },
      rateCell: { row: 6, col: 9 },
    });
  });

  test("rows outside the block are not read", () => {
    const g = buildGrid([
      ["预算数", 1],
      ["预算数", 2],
      ["预算数", 3],
    ]);
    expect(findBudget(g, 1, 2, 0, 4).planned).toBe(2);
    expect(findBudget(g, 5, 9, 0, 4).planned).toBeNull();
    expect(findBudget(g, -3, 1, 0, 4).planned).toBe(1);
  });
});

describe("findBudget: the row window right of the table", () => {
  test.each<[string, CellInput[], Partial<BudgetBlock>]>([
    [
      "a 全年执行数 label after one blank column is read",
      [
        "预算规模及资金用途",
        "预算数",
        97,
        "其中：财政资金",
        97,
        "其他资金",
        null,
        "全年执行数",
        90,
      ],
      { planned: 97, executed: 90, executedCell: { row: 0, col: 8 } },
    ],
    [
      "other text after one blank column stops the window",
      [
        "预算规模及资金用途",
        "预算数",
        97,
        "其中：财政资金",
        97,
        "其他资金",
        null,
        "总分",
        88,
        "执行数",
        90,
      ],
      { planned: 97, executed: null, executedLabelCell: null },
    ],
    [
      "two blank columns stop the window",
      ["预算数", 97, null, null, null, null, null, "全年执行数", 90],
      { planned: 97, executed: null },
    ],
  ])("%s", (_n, row, want) => {
    expect(budgetOf([row])).toMatchObject(want);
  });
});
