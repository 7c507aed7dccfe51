/** Test workbooks, as SheetGrids: a 绩效目标表 block with n indicators, laid out like the bundled example. */
import type { CellValue, SheetGrid } from "../../src/core/types";

export interface TableOptions {
  /** Indicators (rows); every `unmetEvery`-th one misses its target. */
  n: number;
  unmetEvery?: number;
  name?: string;
}

export function yearEndSheet({ n, unmetEvery = 3, name = "绩效目标表" }: TableOptions): SheetGrid {
  const rows: CellValue[][] = [
    ["车管所运行维护项目2025绩效自评表", "", "", "", "", "", ""],
    ["项目名称", "车管所运行维护项目2025", "", "", "", "", ""],
    ["预算规模及资金用途", "预算数", 97, "", "", "全年执行数", 92.5],
    [
      "一级指标",
      "二级指标",
      "三级指标",
      "绩效指标描述",
      "指标值",
      "实际完成值",
      "偏差原因分析及改进措施",
    ],
  ];
  const cats = ["产出指标", "效益指标", "满意度指标"];
  for (let i = 0; i < n; i++) {
    const cat = cats[Math.min(2, Math.floor((i * 3) / n))];
    const unmet = unmetEvery > 0 && i % unmetEvery === unmetEvery - 1;
    rows.push([cat, "数量指标", `指标${i + 1}`, `说明${i + 1}`, "≥6个", unmet ? "5个" : "7个", ""]);
  }
  const text = rows.map((r) =>
    r.map((v) =>
      v === null
        ? ""
        : typeof v === "number"
          ? Number.isInteger(v)
            ? String(v)
            : v.toFixed(2)
          : String(v)
    )
  );
  return {
    name,
    originRow: 0,
    originCol: 0,
    values: rows,
    text,
    formats: rows.map((r) => r.map(() => "General")),
    formulas: rows.map((r) => r.map(() => "")),
  };
}

/** Row (0-based) of indicator i in yearEndSheet. */
export const indicatorRow = (i: number) => 4 + i;
