/**
 * Deterministic synthetic workbooks for the benchmarks: many self-evaluation-style tables of realistic
 * rows (targets and actuals of every kind the grammar knows), from a seeded generator.
 */
import { CellValue, SheetGrid } from "../src/core/types";

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROWS: [string, string, string, (r: () => number) => string][] = [
  ["产出指标", "数量指标", "≥6个", (r) => `${Math.floor(r() * 9)}个`],
  ["产出指标", "质量指标", "≥95%", (r) => `${(85 + r() * 15).toFixed(1)}%`],
  ["产出指标", "质量指标", "≤5%", (r) => `${(r() * 8).toFixed(1)}%`],
  ["产出指标", "时效指标", "≤30分钟", (r) => `${Math.floor(20 + r() * 20)}分钟`],
  ["产出指标", "时效指标", "2025年3月底前", (r) => (r() < 0.8 ? "2025-03-20" : "2025-04-02")],
  ["产出指标", "成本指标", "≤97万元", (r) => `${Math.floor(900000 + r() * 100000)}元`],
  ["效益指标", "社会效益指标", "作用显著", (r) => (r() < 0.7 ? "达成" : "部分达成（70%）")],
  ["效益指标", "经济效益指标", "按实际发生值完成", (r) => `${(r() * 100).toFixed(1)}万元`],
  ["效益指标", "可持续影响指标", "≥20万人次", (r) => `${(15 + r() * 10).toFixed(1)}万人次`],
  ["满意度指标", "服务对象满意度指标", "≥90%", (r) => `${(85 + r() * 15).toFixed(0)}%`],
];

/** Level-3 names as the seed tables write them. */
const NAMES = [
  "维护公安交管综合应用外挂系统",
  "全年系统故障发生率",
  "故障响应时间",
  "采购临时号牌数量",
  "耗材质量合格率",
  "号牌制作周期",
  "项目实际成本",
  "系统服务器稳定运行率",
  "办事群众满意度",
  "科目二考试人数",
  "竣工验收合格率",
];

/** One sheet with `indicators` rows spread over tables of `perTable` rows each. */
export function syntheticSheet(
  indicators: number,
  perTable = 100,
  seed = 42,
  name = "Sheet1"
): SheetGrid {
  const r = rng(seed);
  const values: CellValue[][] = [];
  const push = (row: CellValue[]) => values.push(row);
  let left = indicators;
  let t = 0;
  while (left > 0) {
    const n = Math.min(perTable, left);
    push([`项目${t}2025绩效自评表`]);
    push(["项目名称", `项目${t}`]);
    push(["预算数", 100 + t, "全年执行数", Math.round((90 + r() * 15) * 100) / 100]);
    push(["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"]);
    for (let i = 0; i < n; i++) {
      const [l1, l2, target, actual] = ROWS[i % ROWS.length];
      push([
        l1,
        l2,
        `${NAMES[i % NAMES.length]}${t}-${i}`,
        target,
        actual(r),
        r() < 0.5 ? "" : "原因",
      ]);
    }
    push([]);
    push([]);
    left -= n;
    t++;
  }
  const text = values.map((row) =>
    row.map((v) => (v === null || v === undefined ? "" : String(v)))
  );
  return { name, originRow: 0, originCol: 0, values, text };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
