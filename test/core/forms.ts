/**
 * Small 自评表 built the way units and finance bureaus fill them in (issue 17): a funding block, an
 * indicator header, indicator rows, an optional 总分 row. Columns are chosen per form; `cell()` gives the A1
 * address of a column role on an indicator row, so that tests name cells as a reader of the sheet would.
 *
 *   row 0   项目支出绩效自评表（2025年度）
 *   row 1   项目名称 | 测试项目            [ | 单位：元 ]
 *   row 2   项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 *   row 3   | 年度资金总额 | planned | planned | executed | 10 | rate | score
 *   row 4   | 其中：当年财政拨款 | …
 *   row 5   header: 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | [分值] | [得分] | reason
 *   row 6…  indicators
 *   last    [总分 | … | 100 | unit total]
 */
import { a1 } from "../../src/core/a1";
import { SheetGrid } from "../../src/core/types";
import { CellInput, buildGrid } from "./grid-builder";

export interface FormRow {
  l1?: string;
  l2?: string;
  name: string;
  target?: CellInput;
  actual?: CellInput;
  weight?: CellInput;
  score?: CellInput;
  reason?: CellInput;
}

export interface FormOptions {
  name?: string;
  /** Include a 分值 column (default true). */
  weights?: boolean;
  /** Include a 得分 column (default true). */
  scores?: boolean;
  /** Header of the reason column (default 偏差原因分析及改进措施). */
  reasonHeader?: string;
  /** Funding block: planned / executed (default 100 / 92), its 分值 (default 10), the unit's 执行率 / 得分. */
  planned?: CellInput;
  executed?: CellInput;
  budgetWeight?: CellInput;
  budgetRate?: CellInput;
  budgetScore?: CellInput;
  /** The funding block's label, e.g. 项目资金（元） (default 项目资金（万元）). */
  fundingLabel?: string;
  /** Text right of the project name, e.g. 单位：元. */
  unitNote?: string;
  /** A 总分 row: its weight cell is 100 and its score cell this value (undefined: no 总分 row). */
  total?: CellInput;
  /** Absolute 0-based rows the sheet hides. */
  hiddenRows?: number[];
}

export const HEADER_ROW = 5;
export const FIRST_ROW = 6;

export interface Form {
  grid: SheetGrid;
  /** A1 address of a role's cell on indicator `i` (0-based, in the order given). */
  cell(role: "level3" | "target" | "actual" | "weight" | "score" | "reason", i: number): string;
  /** A1 address of a role's header cell. */
  header(role: "level1" | "weight" | "score"): string;
  /** A1 address of the 总分 row's score cell. */
  totalCell(): string;
  /** 0-based column of a role. */
  col(role: string): number;
}

export function form(rows: FormRow[], o: FormOptions = {}): Form {
  const roles = ["level1", "level2", "level3", "target", "actual"];
  if (o.weights !== false) roles.push("weight");
  if (o.scores !== false) roles.push("score");
  roles.push("reason");
  const headerText: Record<string, string> = {
    level1: "一级指标",
    level2: "二级指标",
    level3: "三级指标",
    target: "指标值",
    actual: "实际完成值",
    weight: "分值",
    score: "得分",
    reason: o.reasonHeader ?? "偏差原因分析及改进措施",
  };
  const col = (role: string) => {
    const c = roles.indexOf(role);
    if (c < 0) throw new Error(`no ${role} column`);
    return c;
  };
  const out: CellInput[][] = [
    ["项目支出绩效自评表（2025年度）"],
    ["项目名称", "测试项目", ...(o.unitNote ? [null, o.unitNote] : [])],
    [
      o.fundingLabel ?? "项目资金（万元）",
      null,
      "年初预算数",
      "全年预算数",
      "全年执行数",
      "分值",
      "执行率",
      "得分",
    ],
    [
      null,
      "年度资金总额",
      o.planned === undefined ? 100 : o.planned,
      o.planned === undefined ? 100 : o.planned,
      o.executed === undefined ? 92 : o.executed,
      o.budgetWeight === undefined ? 10 : o.budgetWeight,
      o.budgetRate ?? null,
      o.budgetScore ?? null,
    ],
    [null, "其中：当年财政拨款", null, null, null, null, null, null],
    roles.map((r) => headerText[r]),
  ];
  for (const r of rows) {
    const cells: Record<string, CellInput> = {
      level1: r.l1 ?? null,
      level2: r.l2 ?? null,
      level3: r.name,
      target: r.target ?? null,
      actual: r.actual ?? null,
      weight: r.weight ?? null,
      score: r.score ?? null,
      reason: r.reason ?? null,
    };
    out.push(roles.map((role) => cells[role]));
  }
  if (o.total !== undefined) {
    const cells: Record<string, CellInput> = { level1: "总分", weight: 100, score: o.total };
    out.push(roles.map((role) => cells[role] ?? null));
  }
  const grid = buildGrid(out, { name: o.name ?? "自评表" });
  if (o.hiddenRows) grid.hiddenRows = o.hiddenRows;
  return {
    grid,
    col,
    cell: (role, i) => a1(FIRST_ROW + i, col(role)),
    header: (role) => a1(HEADER_ROW, col(role)),
    totalCell: () => a1(FIRST_ROW + rows.length, col("score")),
  };
}

/** A percentage cell as Excel holds it: the fraction, shown as a percentage. */
export const pct = (v: number, t: string): CellInput => ({ v, t, fmt: "0%" });
