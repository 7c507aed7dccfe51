import * as fc from "fast-check";
import { locateTables, isProjectLabel, isTotalLabel } from "../../src/core/locate-tables";
import { matchHeader } from "../../src/core/headers";
import { CellValue, ColumnRole, LocatedTable, SheetGrid } from "../../src/core/types";
import { buildGrid, CellInput, stack } from "./grid-builder";
import { seedLayout } from "./seed-grid";

const SEED_PROJECTS = [
  "车管所计算机软硬件系统运行维护项目2025",
  "车管所债券利息-2025一般债利息",
  "车管所专项保障项目",
  "车驾管业务经费2025",
  "车辆管理所车驾管专用设备提升项目-2024一般债",
  "购买社会化考场服务（科目二+科目三）2025",
  "科目一考场自建项目2025",
];
const SEED_COUNTS = [7, 7, 10, 9, 22, 8, 7];
const SEED_PLANNED = [97, 11.09, 100, 6300, 216, 1200, 93];
const SEED_YEARS = [2025, 2025, null, 2025, 2024, 2025, 2025];

const TARGET_HEADER: CellInput[] = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"];

function only(tables: LocatedTable[]): LocatedTable {
  expect(tables).toHaveLength(1);
  return tables[0];
}

describe("matchHeader", () => {
  test.each<[string, ColumnRole | null]>([
    ["一级指标", "level1"],
    [" 一级 指标 ", "level1"],
    ["Level 1", "level1"],
    ["level-1 indicator", "level1"],
    ["二级绩效指标", "level2"],
    ["三级指标名称", "level3"],
    ["指标名称", "level3"],
    ["Indicator", "level3"],
    ["指标解释", "description"],
    ["计算符号", "comparator"],
    ["年度指标值（A）", "target"],
    ["当年预期实现值", "target"],
    ["TARGET", "target"],
    ["计量单位", "unit"],
    ["实际完成值（B）", "actual"],
    ["全年实际值", "actual"],
    ["权重", "weight"],
    ["Points", "weight"],
    ["分值：", "weight"],
    ["自评得分", "score"],
    ["得分（100分）", "score"],
    ["完成率", "completion"],
    ["未完成原因分析及改进措施", "reason"],
    ["Deviation reason", "reason"],
    ["产出指标", null],
    ["预算执行率", null],
    ["总分", null],
    ["等级", null],
    ["", null],
    ["≥6个", null],
  ])("%p → %p", (text, role) => {
    expect(matchHeader(text)).toBe(role);
  });

  test("labels", () => {
    expect(isProjectLabel("项目名称：")).toBe(true);
    expect(isProjectLabel("Project name")).toBe(true);
    expect(isTotalLabel("合 计")).toBe(true);
    expect(isTotalLabel("总分（100分）")).toBe(true);
    expect(isTotalLabel("Total")).toBe(true);
    expect(isTotalLabel("产出指标")).toBe(false);
  });
});

describe("the seed: seven target tables stacked on one sheet", () => {
  const layout = seedLayout();
  const tables = locateTables(layout.grid);

  test("seven tables", () => {
    expect(tables).toHaveLength(7);
  });

  test.each(SEED_PROJECTS.map((p, i) => [i, p] as const))("table %i: %s", (i, project) => {
    const t = tables[i];
    expect(t.project).toBe(project);
    expect(t.headerRow).toBe(layout.headerRows[i]);
    expect(t.headerRows).toEqual([layout.headerRows[i]]);
    expect(t.firstRow).toBe(layout.titleRows[i]);
    expect(t.indicators).toHaveLength(SEED_COUNTS[i]);
    expect(t.budget.planned).toBe(SEED_PLANNED[i]);
    expect(t.budget.plannedLabelCell).toEqual({ row: layout.titleRows[i] + 3, col: 1 });
    expect(t.budget.executed).toBeNull();
    expect(t.budget.executedCell).toBeNull();
    expect(t.budget.inconsistent).toBe(false);
    expect(t.title).toBe(layout.tables[i].title);
    expect(t.year).toBe(SEED_YEARS[i]);
    expect(t.columns).toEqual({ level1: 0, level2: 1, level3: 2, description: 3, target: 4 });
    expect(t.firstCol).toBe(0);
    expect(t.lastCol).toBe(4);
    expect(t.layout).toBe("target");
    expect(t.totalRow).toBeNull();
    expect(t.lastRow).toBe(t.indicators[t.indicators.length - 1].row);
    expect(t.projectCell).toEqual({ row: layout.titleRows[i] + 2, col: 1 });
    expect(t.statedWeights).toEqual({});
    for (const ind of t.indicators) {
      expect([ind.actualValue, ind.actualText, ind.actualIsDate]).toEqual([null, "", false]);
      expect(ind.targetText).not.toBe("");
      expect(["产出指标", "效益指标", "满意度指标"]).toContain(ind.level1);
      expect(ind.level2).not.toBe("");
    }
  });

  test("merged level-1 cells inherit, targets are the displayed text", () => {
    const t = tables[0];
    expect(t.indicators.map((x) => x.level1)).toEqual([
      "产出指标",
      "产出指标",
      "产出指标",
      "产出指标",
      "产出指标",
      "效益指标",
      "满意度指标",
    ]);
    expect(t.indicators[0]).toEqual({
      row: layout.headerRows[0] + 1,
      level1: "产出指标",
      level2: "数量指标",
      name: "维护公安交管综合应用外挂系统（自建）",
      description: "维护公安交管综合应用外挂系统（自建）",
      targetText: "≥6个",
      comparatorText: "",
      unitText: "",
      actualValue: null,
      actualText: "",
      actualIsDate: false,
      weightText: "",
      reasonText: "",
    });
    expect(t.indicators[5].targetText).toBe("实际采购单价是否等于或低于预算价格");
  });

  test("budget figures as text cells", () => {
    const ts = locateTables(seedLayout({ numbersAsText: true }).grid);
    expect(ts.map((t) => t.budget.planned)).toEqual(SEED_PLANNED);
  });

  test("with 全年执行数 beside the 用途 text (the example workbook)", () => {
    const l = seedLayout({ executed: [92.5, 11.09, null, 6000, 200, 1150, 93] });
    const ts = locateTables(l.grid);
    expect(ts.map((t) => t.budget.executed)).toEqual([92.5, 11.09, null, 6000, 200, 1150, 93]);
    expect(ts[0].budget.executedLabelCell).toEqual({ row: l.titleRows[0] + 4, col: 5 });
    expect(ts[0].budget.executedCell).toEqual({ row: l.titleRows[0] + 4, col: 6 });
    expect(ts[2].budget.executedCell).toEqual({ row: l.titleRows[2] + 4, col: 6 });
    expect(ts.map((t) => t.indicators.length)).toEqual(SEED_COUNTS);
    expect(ts.map((t) => t.lastCol)).toEqual([4, 4, 4, 4, 4, 4, 4]);
  });

  test("used range not starting at A1", () => {
    const base = seedLayout();
    const g: SheetGrid = { ...base.grid, originRow: 4, originCol: 2 };
    const ts = locateTables(g);
    expect(ts).toHaveLength(7);
    ts.forEach((t, i) => {
      expect(t.headerRow).toBe(base.headerRows[i] + 4);
      expect(t.firstRow).toBe(base.titleRows[i] + 4);
      expect(t.columns.level1).toBe(2);
      expect(t.columns.target).toBe(6);
      expect(t.firstCol).toBe(2);
      expect(t.lastCol).toBe(6);
      expect(t.budget.planned).toBe(SEED_PLANNED[i]);
      expect(t.budget.plannedCell).toEqual({ row: base.titleRows[i] + 3 + 4, col: 4 });
      expect(t.indicators[0].row).toBe(base.headerRows[i] + 5);
      expect(t.project).toBe(SEED_PROJECTS[i]);
    });
  });

  test("re-run after Score: 得分/完成率 columns after the table and a side block after a gap", () => {
    const l = seedLayout();
    const values = l.grid.values.map((r) => r.slice());
    const text = l.grid.text.map((r) => r.slice());
    const put = (row: number, col: number, v: CellValue, t?: string) => {
      while (values[row].length <= col) values[row].push(null);
      while (text[row].length <= col) text[row].push("");
      values[row][col] = v;
      text[row][col] = t ?? (v === null ? "" : String(v));
    };
    for (let i = 0; i < 7; i++) {
      const h = l.headerRows[i];
      put(h, 5, "得分");
      put(h, 6, "完成率");
      for (let k = 1; k <= SEED_COUNTS[i]; k++) {
        put(h + k, 5, 5);
        put(h + k, 6, 1, "100.00%");
      }
      // side block: label | value pairs from the header row down, after one blank column
      const side: [string, CellValue][] = [
        ["项目", "x"],
        ["预算执行率", 0.95],
        ["得分", 9.5],
        ["总分", 88],
        ["等级", "良"],
        ["预算数", 1],
      ];
      side.forEach(([label, v], k) => {
        put(h + k, 8, label);
        put(h + k, 9, v);
      });
    }
    const g: SheetGrid = { ...l.grid, values, text, formats: undefined, formulas: undefined };
    const ts = locateTables(g);
    expect(ts).toHaveLength(7);
    ts.forEach((t, i) => {
      expect(t.columns).toEqual({
        level1: 0,
        level2: 1,
        level3: 2,
        description: 3,
        target: 4,
        score: 5,
        completion: 6,
      });
      expect(t.lastCol).toBe(6);
      expect(t.indicators).toHaveLength(SEED_COUNTS[i]);
      expect(t.totalRow).toBeNull();
      expect(t.budget.planned).toBe(SEED_PLANNED[i]);
      expect(t.layout).toBe("target");
    });
  });
});

describe("a 自评表 with funding block, weights, scores and a total row", () => {
  const rows: CellInput[][] = [
    ["项目支出绩效自评表"],
    ["（2025年度）"],
    ["项目名称", "社区服务项目"],
    ["主管部门", "某局", null, null, "实施单位", "某中心"],
    ["项目资金（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [null, "年度资金总额", 50, 43.2, 37.24, 10, { v: 0.862, t: "86.20%" }, null],
    [null, "其中：当年财政拨款", 50, 43.2, 37.24, "—", null, "—"],
    [null, "上年结转资金", null, null, null, "—", null, "—"],
    [null, "其他资金", null, null, null, "—", null, "—"],
    ["年度总体目标", "预期目标", null, null, null, "实际完成情况"],
    [null, "完成社区服务", null, null, null, "已完成"],
    [
      "绩效指标",
      "一级指标",
      "二级指标",
      "三级指标",
      "年度指标值（A）",
      "实际完成值（B）",
      "分值",
      "得分",
      "偏差原因分析及改进措施",
    ],
    [null, "产出指标(50分)", "数量指标", "服务人次", "≥6个", "7个", 25, null, null],
    [null, null, null, "服务场次", "≥10次", { v: 9, t: "9" }, 25, null, "天气原因"],
    [null, "效益指标（30分）", "社会效益指标", "作用", "作用显著", "部分达成", 30, null, null],
    [null, null, "经济效益指标", null, null, null, null, null, null],
    [
      null,
      "满意度指标",
      "服务对象满意度指标",
      "满意度",
      "≥95%",
      { v: 0.96, t: "96%", fmt: "0%" },
      10,
      null,
      null,
    ],
    [
      null,
      null,
      null,
      "完成时间",
      "2025年6月30日前",
      { v: 45800, t: "2025-05-25", fmt: "yyyy-mm-dd" },
      null,
      null,
      null,
    ],
    ["总分", null, null, null, null, null, 100, null, null],
    ["填表人：张三"],
  ];
  const t = only(locateTables(buildGrid(rows, { name: "自评" })));

  test("header, columns, layout", () => {
    expect(t.sheet).toBe("自评");
    expect(t.headerRow).toBe(11);
    expect(t.columns).toEqual({
      level1: 1,
      level2: 2,
      level3: 3,
      target: 4,
      actual: 5,
      weight: 6,
      score: 7,
      reason: 8,
    });
    expect(t.firstCol).toBe(1);
    expect(t.lastCol).toBe(8);
    expect(t.layout).toBe("self-evaluation");
  });

  test("project block", () => {
    expect(t.firstRow).toBe(0);
    expect(t.title).toBe("项目支出绩效自评表");
    expect(t.project).toBe("社区服务项目");
    expect(t.projectCell).toEqual({ row: 2, col: 1 });
    expect(t.year).toBe(2025);
  });

  test("indicators: suffix stripped, inheritance, empty line skipped, total row", () => {
    expect(t.statedWeights).toEqual({ 产出指标: 50, 效益指标: 30 });
    expect(t.indicators.map((x) => [x.row, x.level1, x.level2, x.name])).toEqual([
      [12, "产出指标", "数量指标", "服务人次"],
      [13, "产出指标", "数量指标", "服务场次"],
      [14, "效益指标", "社会效益指标", "作用"],
      [16, "满意度指标", "服务对象满意度指标", "满意度"],
      [17, "满意度指标", "服务对象满意度指标", "完成时间"],
    ]);
    expect(t.totalRow).toBe(18);
    expect(t.lastRow).toBe(18);
    const [a, b, , d, e] = t.indicators;
    expect(a.weightText).toBe("25");
    expect(a).toMatchObject({ actualValue: "7个", actualText: "7个", actualIsDate: false });
    expect(b.reasonText).toBe("天气原因");
    expect(d).toMatchObject({ actualValue: 0.96, actualText: "96%", actualIsDate: false });
    expect(e).toMatchObject({ actualValue: 45800, actualText: "2025-05-25", actualIsDate: true });
    expect(e.weightText).toBe("");
    expect(a.targetText).toBe("≥6个");
  });

  test("budget from the funding block", () => {
    expect(t.budget).toEqual({
      planned: 43.2,
      plannedCell: { row: 5, col: 3 },
      executed: 37.24,
      executedCell: { row: 5, col: 4 },
      weight: 10,
      rateCell: { row: 5, col: 6 },
      scoreCell: { row: 5, col: 7 },
      inconsistent: false,
      plannedLabelCell: { row: 4, col: 3 },
      executedLabelCell: { row: 4, col: 4 },
      unit: "万元",
      invalid: [],
      unitRate: { value: 0.862, text: "86.20%" },
      unitScore: null,
    });
  });

  test("年度资金总额 blank while the rows under it carry amounts", () => {
    const r2 = rows.map((r) => r.slice());
    r2[5] = [null, "年度资金总额", null, null, null, 10, null, null];
    r2[7] = [null, "上年结转资金", 5, 6.8, 2.76, "—", null, "—"];
    const t2 = only(locateTables(buildGrid(r2)));
    expect(t2.budget).toMatchObject({
      planned: 50,
      executed: 40,
      inconsistent: true,
      plannedCell: { row: 5, col: 3 },
    });
  });
});

describe("table shapes", () => {
  test("English headers", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["Performance target table 2024"],
          ["Project name:", "Road repair"],
          ["Budget", 43.2, "Executed", 37.24],
          [
            "Level 1",
            "Level 2",
            "Indicator",
            "Description",
            "Target",
            "Actual",
            "Weight",
            "Score",
            "Deviation reason",
          ],
          ["Output(50)", "Quantity", "Roads repaired", "", "≥6 km", "7 km", 50, null, ""],
          ["Satisfaction", "Users", "Satisfaction", "", "≥90%", "", 40, null, ""],
          ["Total", null, null, null, null, null, 90],
        ])
      )
    );
    expect(t.project).toBe("Road repair");
    expect(t.title).toBe("Performance target table 2024");
    expect(t.year).toBe(2024);
    expect(t.columns).toEqual({
      level1: 0,
      level2: 1,
      level3: 2,
      description: 3,
      target: 4,
      actual: 5,
      weight: 6,
      score: 7,
      reason: 8,
    });
    expect(t.layout).toBe("self-evaluation");
    expect(t.statedWeights).toEqual({ Output: 50 });
    expect(t.indicators.map((x) => x.level1)).toEqual(["Output", "Satisfaction"]);
    expect(t.indicators[1]).toMatchObject({
      actualValue: null,
      actualText: "",
      actualIsDate: false,
    });
    expect(t.totalRow).toBe(6);
    expect(t.budget).toMatchObject({ planned: 43.2, executed: 37.24 });
  });

  test.each<[string, CellInput[][], number[]]>([
    [
      "target and actual in the row under a merged 绩效指标完成情况",
      [
        ["一级指标", "二级指标", "三级指标", "绩效指标完成情况", null, "分值", "得分"],
        [null, null, null, "指标值", "实际完成值", null, null],
        ["产出指标", "数量指标", "A", "≥1个", "1个", 50, null],
        [null, null, "B", "≥2个", "2个", 40, null],
      ],
      [0, 1],
    ],
    [
      "a super-header row above (its cells are not all headers)",
      [
        ["绩效指标", null, null, "指标值", "完成情况", null, null],
        ["一级指标", "二级指标", "三级指标", null, "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "A", "≥1个", "1个", 50, null],
        [null, null, "B", "≥2个", "2个", 40, null],
      ],
      [0, 1],
    ],
    [
      "a complete header with 实际完成值/分值/得分 completed by the row below",
      [
        ["一级指标", "二级指标", "三级指标", "指标值", "完成情况", null, null],
        [null, null, null, null, "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "A", "≥1个", "1个", 50, null],
        [null, null, "B", "≥2个", "2个", 40, null],
      ],
      [0, 1],
    ],
  ])("two-row header: %s", (_n, rows, headerRows) => {
    const t = only(locateTables(buildGrid(rows)));
    expect(t.headerRows).toEqual(headerRows);
    expect(t.headerRow).toBe(headerRows[headerRows.length - 1]);
    expect(t.columns).toEqual({
      level1: 0,
      level2: 1,
      level3: 2,
      target: 3,
      actual: 4,
      weight: 5,
      score: 6,
    });
    expect(t.layout).toBe("self-evaluation");
    expect(
      t.indicators.map((x) => [x.level1, x.level2, x.name, x.targetText, x.actualText])
    ).toEqual([
      ["产出指标", "数量指标", "A", "≥1个", "1个"],
      ["产出指标", "数量指标", "B", "≥2个", "2个"],
    ]);
  });

  test("a sub-header row that is not all headers is not merged, and is skipped", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"],
          [null, null, null, null, null, "经费保障"],
          ["产出指标", "数量指标", "A", "≥1个", "1个", null],
        ])
      )
    );
    expect(t.headerRows).toEqual([0]);
    expect(t.indicators.map((x) => x.row)).toEqual([2]);
  });

  test("columns in an odd order, separate comparator and unit columns", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["项目名称", "P"],
          [
            "指标值",
            "度量单位",
            "指标性质",
            "三级指标",
            "实际完成值",
            "二级指标",
            "一级指标",
            "权重",
          ],
          ["6", "个", "≥", "数量", "7", "数量指标", "产出指标", 50],
          ["5", "%", "≤", "故障率", "4", "质量指标", null, 30],
          ["良好", "", "定性", "效果", "达成", "社会效益指标", "效益指标", 20],
        ])
      )
    );
    expect(t.columns).toEqual({
      target: 0,
      unit: 1,
      comparator: 2,
      level3: 3,
      actual: 4,
      level2: 5,
      level1: 6,
      weight: 7,
    });
    expect(t.firstCol).toBe(0);
    expect(t.lastCol).toBe(7);
    expect(t.layout).toBe("target");
    expect(
      t.indicators.map((x) => [
        x.level1,
        x.name,
        x.comparatorText,
        x.targetText,
        x.unitText,
        x.weightText,
      ])
    ).toEqual([
      ["产出指标", "数量", "≥", "6", "个", "50"],
      ["产出指标", "故障率", "≤", "5", "%", "30"],
      ["效益指标", "效果", "定性", "良好", "", "20"],
    ]);
  });

  test("one blank row inside a table is skipped, two end it", () => {
    const rows: CellInput[][] = [
      TARGET_HEADER,
      ["产出指标", "数量指标", "A", "", "≥1个"],
      [],
      [null, null, "B", "", "≥2个"],
      [],
      [],
      [null, null, "C", "", "≥3个"],
    ];
    const t = only(locateTables(buildGrid(rows)));
    expect(t.indicators.map((x) => x.name)).toEqual(["A", "B"]);
    expect(t.lastRow).toBe(3);
  });

  test("blank rows between tables; the second block starts after the first table", () => {
    const block = (name: string, n: number, year: number): CellInput[][] => [
      [`${name}${year}年绩效目标表`],
      ["项目名称", name],
      ["预算数", n * 10],
      TARGET_HEADER,
      ...Array.from({ length: n }, (_, k): CellInput[] => [
        k === 0 ? "产出指标" : null,
        "数量指标",
        `${name}-${k}`,
        "",
        `≥${k}个`,
      ]),
    ];
    const ts = locateTables(
      buildGrid(stack([block("甲", 3, 2023), block("乙", 2, 2024), block("丙", 4, 2025)], 3))
    );
    expect(
      ts.map((t) => [
        t.project,
        t.firstRow,
        t.headerRow,
        t.indicators.length,
        t.lastRow,
        t.budget.planned,
        t.year,
      ])
    ).toEqual([
      ["甲", 0, 3, 3, 6, 30, 2023],
      ["乙", 10, 13, 2, 15, 20, 2024],
      ["丙", 19, 22, 4, 26, 40, 2025],
    ]);
  });

  test("a new project block ends a table even without blank rows", () => {
    const ts = locateTables(
      buildGrid([
        ["项目名称", "一"],
        TARGET_HEADER,
        ["产出指标", "数量指标", "A", "", "≥1个"],
        ["项目名称", "二"],
        ["预算数", 5],
        TARGET_HEADER,
        ["产出指标", "数量指标", "B", "", "≥1个"],
      ])
    );
    expect(
      ts.map((t) => [
        t.project,
        t.firstRow,
        t.headerRow,
        t.lastRow,
        t.indicators.length,
        t.budget.planned,
      ])
    ).toEqual([
      ["一", 0, 1, 2, 1, null],
      ["二", 3, 5, 6, 1, 5],
    ]);
  });

  test("a new header row ends a table", () => {
    const ts = locateTables(
      buildGrid([
        TARGET_HEADER,
        ["产出指标", "数量指标", "A", "", "≥1个"],
        TARGET_HEADER,
        ["效益指标", "社会效益指标", "B", "", "良好"],
      ])
    );
    expect(
      ts.map((t) => [
        t.headerRow,
        t.lastRow,
        t.firstRow,
        t.project,
        t.indicators.map((x) => x.name),
      ])
    ).toEqual([
      [0, 1, 0, null, ["A"]],
      [2, 3, 2, null, ["B"]],
    ]);
  });

  test("合计 row inside the table's columns; a row after it is not read", () => {
    const t = only(
      locateTables(
        buildGrid([
          [null, ...TARGET_HEADER, "分值"],
          [null, "产出指标", "数量指标", "A", "", "≥1个", 90],
          [1, "合  计", null, null, null, null, 90],
          [null, "效益指标", "x", "B", "", "≥1个", 10],
        ])
      )
    );
    expect(t.firstCol).toBe(1);
    expect(t.totalRow).toBe(2);
    expect(t.lastRow).toBe(2);
    expect(t.indicators).toHaveLength(1);
  });

  test("placeholder rows and empty category lines are skipped; level 2 does not leak into a new level 1", () => {
    const t = only(
      locateTables(
        buildGrid([
          TARGET_HEADER,
          ["产出指标", "数量指标", "A", "", "≥1个"],
          [null, null, "指标2", "", ""],
          ["效益指标", null, null, null, null],
          [null, "经济效益指标", null, null, null],
          [null, null, "C", "", "良好"],
          ["满意度指标", null, "D", "", "≥90%"],
        ])
      )
    );
    expect(t.indicators.map((x) => [x.row, x.level1, x.level2, x.name])).toEqual([
      [1, "产出指标", "数量指标", "A"],
      [5, "效益指标", "经济效益指标", "C"],
      [6, "满意度指标", "", "D"],
    ]);
    expect(t.lastRow).toBe(6);
  });

  test("a row with an actual but no target is kept", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["一级指标", "三级指标", "指标值", "实际完成值"],
          ["产出指标", "A", null, 5],
        ])
      )
    );
    expect(t.indicators).toHaveLength(1);
    expect(t.indicators[0]).toMatchObject({
      targetText: "",
      actualValue: 5,
      actualText: "5",
      actualIsDate: false,
    });
    expect(t.layout).toBe("target");
  });

  test("a header with no rows under it", () => {
    const t = only(locateTables(buildGrid([["项目名称", "X"], TARGET_HEADER])));
    expect(t.indicators).toEqual([]);
    expect(t.lastRow).toBe(1);
    expect(t.firstRow).toBe(0);
  });

  test.each<[string, CellInput[][]]>([
    ["empty sheet", []],
    ["one empty row", [[]]],
    [
      "text only",
      [
        ["项目名称", "X"],
        ["预算数", 5],
        ["说明", "没有指标表"],
      ],
    ],
    [
      "header without a target column",
      [
        ["一级指标", "二级指标", "三级指标", "实际完成值"],
        ["产出指标", "a", "b", "1"],
      ],
    ],
    [
      "header words as numbers / booleans",
      [
        [1, 2, 3],
        [true, false, null],
      ],
    ],
  ])("no table: %s", (_n, rows) => {
    expect(locateTables(buildGrid(rows))).toEqual([]);
  });

  test("header cells far apart are one table only when no role repeats after a gap", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["一级指标", "三级指标", null, "指标值", null, "得分", null, "得分", "总分"],
          ["产出指标", "A", "a2", "≥1个", null, 3, null, 9, 88],
        ])
      )
    );
    expect(t.columns).toEqual({ level1: 0, level3: 1, target: 3, score: 5 });
    expect(t.lastCol).toBe(5);
  });

  test("a header cell merged over two columns (blank column inside the header)", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["一级指标", "二级指标", "三级指标", null, "指标值", "实际完成值", "分值", "得分"],
          ["产出指标", "数量指标", "A", "说明", "≥1个", "1个", 50, null],
        ])
      )
    );
    expect(t.columns).toEqual({
      level1: 0,
      level2: 1,
      level3: 2,
      target: 4,
      actual: 5,
      weight: 6,
      score: 7,
    });
    expect(t.indicators).toHaveLength(1);
  });

  test("used range offset: nothing outside it is read or returned", () => {
    const g = buildGrid(
      [
        ["项目名称", "X"],
        ["一级指标", "三级指标", "指标值"],
        ["产出指标", "A", "≥1个"],
      ],
      { originRow: 10, originCol: 5 }
    );
    const t = only(locateTables(g));
    expect([t.firstRow, t.headerRow, t.lastRow, t.firstCol, t.lastCol]).toEqual([10, 11, 12, 5, 7]);
    expect(t.projectCell).toEqual({ row: 10, col: 6 });
    expect(t.indicators[0].row).toBe(12);
  });

  test("inline project name and title preference", () => {
    const t = only(
      locateTables(
        buildGrid([
          ["填表人：王五"],
          ["某某项目2023年度绩效自评表"],
          ["项目名称：道路维修"],
          ["一级指标", "三级指标", "指标值"],
          ["产出指标", "A", "≥1个"],
        ])
      )
    );
    expect(t.title).toBe("某某项目2023年度绩效自评表");
    expect(t.project).toBe("道路维修");
    expect(t.projectCell).toEqual({ row: 2, col: 0 });
    expect(t.year).toBe(2023);
    expect(t.firstRow).toBe(0);
  });

  test("ragged, sparse and odd grids do not throw", () => {
    const g: SheetGrid = {
      name: "odd",
      originRow: 0,
      originCol: 0,
      values: [
        ["一级指标", "三级指标", "指标值"],
        [],
        ["产出指标"],
        ["产出指标", null, "≥1", "extra", 5],
        [true],
      ],
      text: [["一级指标", "三级指标", "指标值"]],
    };
    const t = only(locateTables(g));
    expect(t.indicators.map((x) => x.row)).toEqual([3]);
    expect(locateTables({ name: "x", originRow: 0, originCol: 0, values: [], text: [] })).toEqual(
      []
    );
  });
});

describe("speed", () => {
  test("100,000 indicator rows in well under the time budget", () => {
    const rows: CellInput[][] = [
      ["项目名称", "Big"],
      ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分"],
    ];
    for (let i = 0; i < 100000; i++)
      rows.push([
        i % 50 === 0 ? "产出指标" : null,
        "数量指标",
        "指标" + i,
        "≥" + i + "个",
        i,
        1,
        null,
      ]);
    const g = buildGrid(rows);
    const t0 = Date.now();
    const ts = locateTables(g);
    const ms = Date.now() - t0;
    expect(ts).toHaveLength(1);
    expect(ts[0].indicators).toHaveLength(100000);
    expect(ms).toBeLessThan(10000); // a guard against quadratic behaviour (~1 s here)
  });

  test("100,000 rows of stacked seed tables", () => {
    const seed = seedLayout().grid;
    const block: CellInput[][] = seed.values.map((r, i) =>
      r.map((v, j) => ({ v, t: seed.text[i][j] }))
    );
    const rows: CellInput[][] = [];
    while (rows.length < 100000) rows.push(...block, [], []);
    const g = buildGrid(rows);
    const t0 = Date.now();
    const ts = locateTables(g);
    expect(Date.now() - t0).toBeLessThan(10000);
    expect(ts.length).toBe(7 * Math.ceil(100000 / (block.length + 2)));
  });
});

describe("property: never throws, never leaves the used range", () => {
  const word = fc.constantFrom<CellValue>(
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "完成率",
    "Level 1",
    "Target",
    "Indicator",
    "项目名称",
    "预算数",
    "全年执行数",
    "年度资金总额",
    "合计",
    "总分",
    "产出指标(50分)",
    "≥6个",
    "2025年3月底前",
    "",
    " ",
    null,
    true,
    false,
    0,
    97,
    -1.5,
    "97.00",
    "其中：财政资金"
  );
  const cell = fc.oneof(
    { weight: 3, arbitrary: word },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.double({ noNaN: false }) }
  );
  const grid = fc.record({
    originRow: fc.nat(20),
    originCol: fc.nat(5),
    rows: fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 30 }),
    textMode: fc.constantFrom("same", "short", "none"),
  });

  test("random grids", () => {
    fc.assert(
      fc.property(grid, ({ originRow, originCol, rows, textMode }) => {
        const text: string[][] =
          textMode === "same"
            ? rows.map((r) => r.map((v) => (v === null ? "" : String(v))))
            : textMode === "short"
              ? rows.slice(0, 3).map((r) => r.slice(0, 2).map(String))
              : [];
        const g: SheetGrid = { name: "R", originRow, originCol, values: rows, text };
        let tables: LocatedTable[] = [];
        expect(() => (tables = locateTables(g))).not.toThrow();
        const rowEnd = originRow + rows.length;
        const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
        const colEnd = originCol + width;
        const inRows = (r: number | null | undefined) =>
          r === null || r === undefined || (r >= originRow && r < rowEnd);
        const inCols = (c: number) => c >= originCol && c < colEnd;
        let prevLast = originRow - 1;
        for (const t of tables) {
          for (const r of [t.firstRow, t.headerRow, t.lastRow, t.totalRow, ...t.headerRows])
            expect(inRows(r)).toBe(true);
          expect(t.firstRow).toBeGreaterThan(prevLast);
          expect(t.firstRow).toBeLessThanOrEqual(t.headerRows[0]);
          expect(t.headerRow).toBeLessThanOrEqual(t.lastRow);
          expect(inCols(t.firstCol) && inCols(t.lastCol)).toBe(true);
          for (const c of Object.values(t.columns))
            expect(c! >= t.firstCol && c! <= t.lastCol).toBe(true);
          for (const ind of t.indicators) {
            expect(ind.row > t.headerRow && ind.row <= t.lastRow).toBe(true);
            expect(typeof ind.targetText).toBe("string");
          }
          if (t.projectCell)
            expect(inRows(t.projectCell.row) && inCols(t.projectCell.col)).toBe(true);
          prevLast = t.lastRow;
        }
      }),
      { numRuns: 500 }
    );
  });
});
