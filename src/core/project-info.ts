/**
 * What a table's project block says besides the budget the engine scores: the unit line, 主管部门 /
 * 实施单位, the 绩效目标 text and the amounts of the funding rows (当年财政拨款, 上年结转资金, 其他资金).
 * Read only to fill the official form (plan-forms.ts); nothing here changes a score.
 */
import { parseAmount } from "./budget";
import { textAt, valueAt } from "./grid";
import { compact, normalizeLabel } from "./text";
import type { LocatedTable, SheetGrid, TableResult } from "./types";

/** One funding row's amounts, in the table's money unit; null where the table states none. */
export interface FundingFigures {
  start: number | null;
  full: number | null;
  executed: number | null;
}

export type FundingRowKey = "total" | "fiscal" | "carryover" | "other";

/** A scored table and what its project block says: what the forms sheet and the summary are made from. */
export interface ScoredProject {
  table: LocatedTable;
  result: TableResult;
  info: ProjectInfo;
}

export interface ProjectInfo {
  department: string | null;
  implementer: string | null;
  /** 绩效目标 / 年度总体目标: the 预期目标 text, and the 实际完成情况 when a self-evaluation form has it. */
  goal: string | null;
  achieved: string | null;
  funding: Record<FundingRowKey, FundingFigures>;
}

const DEPARTMENT = new Set(["主管部门", "主管单位", "预算部门"]);
const IMPLEMENTER = new Set(["实施单位", "项目实施单位", "单位名称", "预算单位"]);
const GOAL = new Set(["绩效目标", "年度绩效目标", "年度总体目标", "总体目标", "项目绩效目标"]);
const EXPECTED = new Set(["预期目标"]);
const ACHIEVED = new Set(["实际完成情况"]);
/** Funding row labels (`其中：当年财政拨款`, `财政资金`, `上年结转资金`, `其他资金`), `其中` stripped. */
const FUNDING_ROW: [FundingRowKey, RegExp][] = [
  ["carryover", /^上年结转|^结转/],
  ["fiscal", /^(当年)?财政(拨款|资金)|^财政拨款/],
  ["other", /^其他资金|^其他$|^自筹/],
];
const START_HEADERS = new Set(["年初预算数"]);
const FULL_HEADERS = new Set(["全年预算数", "预算数", "调整后预算数"]);
const EXECUTED_HEADERS = new Set(["全年执行数", "执行数", "实际执行数"]);
/**
 * An organisation's name (the unit line of a 部门预算 export: `374111天津市公安局车辆管理所`): ends like one,
 * and is not a label of the form.
 */
const ORGANISATION =
  /(局|所|院|厅|委|委员会|办公室|中心|部|处|队|站|校|学院|大学|馆|会|公司|政府|街道|室|署|司)$/;
/** The budget unit code a 部门预算 export puts before the unit's name. */
const UNIT_CODE = /^\d{3,}\s*/;

function label(g: SheetGrid, row: number, col: number): string {
  return normalizeLabel(textAt(g, row, col)).replace(/^其中[:：]?/, "");
}

function cellText(g: SheetGrid, row: number, col: number): string {
  return textAt(g, row, col).trim();
}

/** The first non-blank cell right of (row, col) up to `end`, as text, with its column. */
function rightOf(g: SheetGrid, row: number, col: number, end: number): [string, number] | null {
  for (let c = col + 1; c <= end; c++) {
    const t = cellText(g, row, c);
    if (t) return [t, c];
  }
  return null;
}

const none = (): FundingFigures => ({ start: null, full: null, executed: null });

/** Reads the project block of a located table (rows above its header). */
export function projectInfo(g: SheetGrid, t: LocatedTable): ProjectInfo {
  const info: ProjectInfo = {
    department: null,
    implementer: null,
    goal: null,
    achieved: null,
    funding: { total: none(), fiscal: none(), carryover: none(), other: none() },
  };
  const top = t.firstRow;
  const bottom = t.headerRows[0]; // exclusive
  const left = Math.min(t.firstCol, g.originCol + 0);
  const end = t.lastCol + 2;
  const unit = t.budget.unit;
  const amount = (row: number, col: number) =>
    parseAmount(valueAt(g, row, col), cellText(g, row, col), unit);

  // A funding header row (`年初预算数 | 全年预算数 | 全年执行数`): amounts then sit under those headers.
  let startCol = -1;
  let fullCol = -1;
  let executedCol = -1;
  for (let r = top; r < bottom && startCol < 0 && executedCol < 0; r++)
    for (let c = left; c <= end; c++) {
      const l = label(g, r, c);
      if (START_HEADERS.has(l)) startCol = c;
      else if (FULL_HEADERS.has(l) && fullCol < 0 && r !== t.budget.plannedCell?.row) fullCol = c;
      else if (EXECUTED_HEADERS.has(l) && r !== t.budget.executedCell?.row) executedCol = c;
    }
  const columnar = startCol >= 0 || (fullCol >= 0 && executedCol >= 0);

  for (let r = top; r < bottom; r++) {
    for (let c = left; c <= end; c++) {
      const raw = cellText(g, r, c);
      if (!raw) continue;
      const l = label(g, r, c);
      if (DEPARTMENT.has(l)) info.department ??= rightOf(g, r, c, end)?.[0] ?? null;
      else if (IMPLEMENTER.has(l)) info.implementer ??= rightOf(g, r, c, end)?.[0] ?? null;
      else if (GOAL.has(l) && info.goal === null) {
        const next = rightOf(g, r, c, end);
        if (next && EXPECTED.has(normalizeLabel(next[0]))) {
          // 年度总体目标 | 预期目标 | 实际完成情况, the texts in the row below.
          const achievedAt = rightOf(g, r, next[1], end);
          info.goal = cellText(g, r + 1, next[1]) || null;
          if (achievedAt && ACHIEVED.has(normalizeLabel(achievedAt[0])))
            info.achieved = cellText(g, r + 1, achievedAt[1]) || null;
        } else info.goal = next?.[0] ?? null;
      } else {
        const key = FUNDING_ROW.find(([, re]) => re.test(l))?.[0];
        if (!key || info.funding[key].full !== null || info.funding[key].start !== null) continue;
        if (columnar) {
          info.funding[key] = {
            start: startCol >= 0 ? amount(r, startCol) : null,
            full: fullCol >= 0 ? amount(r, fullCol) : null,
            executed: executedCol >= 0 ? amount(r, executedCol) : null,
          };
        } else {
          // `其中：财政资金 | 97.00`: a target table states the year's budget beside the label.
          const next = rightOf(g, r, c, end);
          const a = next ? amount(r, next[1]) : null;
          info.funding[key] = { start: a, full: a, executed: null };
        }
      }
    }
  }
  // The unit line: a lone organisation name in the block (above 项目名称 in a 部门预算 export).
  if (info.implementer === null)
    for (let r = top; r < bottom && info.implementer === null; r++)
      for (let c = left; c <= end; c++) {
        const raw = compact(cellText(g, r, c));
        if (!raw || raw.length > 40 || !ORGANISATION.test(raw)) continue;
        if (t.projectCell && t.projectCell.row === r && t.projectCell.col === c) continue;
        if (r === t.firstRow && t.title && compact(t.title) === raw) continue;
        info.implementer = raw.replace(UNIT_CODE, "") || null;
        break;
      }

  const b = t.budget;
  // The total row: the figures the engine scored (全年预算数 = what the rate was worked out against).
  info.funding.total = {
    start:
      startCol >= 0 && b.plannedCell
        ? amount(b.plannedCell.row, startCol)
        : t.layout === "target"
          ? b.planned
          : null,
    full: b.planned,
    executed: b.executed,
  };
  return info;
}
