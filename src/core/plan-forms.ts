/**
 * The forms sheet: for each scored table, the official 项目支出绩效自评表 (财预〔2020〕10号 附件) filled from
 * what was read and scored, one printed A4 page a project. Where the source states nothing (主管部门, the
 * 实际完成情况 of the year's goal, a deviation reason) the cell is a bordered blank for the clerk to fill.
 *
 *   项目支出绩效自评表 / （2025年度）
 *   项目名称 | project
 *   主管部门 | … | 实施单位 | …
 *   项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 [| 复核得分]
 *                   | 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金
 *   年度总体目标 | 预期目标 | 实际完成情况
 *   一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 [| 复核得分] | 偏差原因分析及改进措施
 *   indicators…
 *   总分 | 100 | total [| reviewed total] | 等级
 */
import { roundHalfUp } from "./decimal";
import { FORMS_SHEET } from "./own-sheets";
import { FundingRowKey, ProjectInfo } from "./project-info";
import { SheetBuilder } from "./sheet-builder";
import type { CellWrite, LocatedTable, OwnSheetPlan, Profile, TableResult } from "./types";

export interface FormSource {
  table: LocatedTable;
  result: TableResult;
  info: ProjectInfo;
}

const PCT = "0.00%";
const MONEY = "0.00";
/** Weights as the engine set them (10, 7.14); "0.##" would print a whole 10 as "10.". */
const WEIGHT = "General";

/**
 * Column widths (characters), fitted to A4 portrait one page wide (about 95 characters at 100%): the
 * names and the reason column get the room, figures the least. Review mode (§7) adds 复核得分 and takes
 * its room from the text columns.
 */
const WIDTHS = [10, 11, 19, 13, 13, 7, 8, 16];
const WIDTHS_REVIEW = [9, 10, 17, 12, 12, 6, 7, 8, 14];

/** A weightExplain telling of points that do not share out evenly (weights.ts), in either language. */
const UNEVEN = /不能整除|; not even, so/;
/** Its leading "分值 7.15：" / "weight 7.15: ", the figure the row itself shows. */
const WEIGHT_PREFIX = /^(?:分值|Weight) [\d.]+[:：]\s*/;

const FUNDING_ROWS: [FundingRowKey, string][] = [
  ["total", "年度资金总额"],
  ["fiscal", "其中：当年财政拨款"],
  ["carryover", "上年结转资金"],
  ["other", "其他资金"],
];

function scoreFormat(decimals: number): string {
  return decimals > 0 ? `0.${"0".repeat(decimals)}` : "0";
}

/** Runs of equal, non-blank keys down a list: [first index, length] of each run longer than one. */
function runs(keys: string[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start] && keys[i] !== "") continue;
    if (i - start > 1 && keys[start] !== "") out.push([start, i - start]);
    start = i;
  }
  return out;
}

/** Writes one form from `top`; returns the row after it. */
function planForm(
  b: SheetBuilder,
  top: number,
  { table: t, result: r, info }: FormSource,
  profile: Profile,
  defaultYear: number
): number {
  const review = r.review;
  const n = review ? WIDTHS_REVIEW.length : WIDTHS.length; // columns of this form
  const last = n - 1;
  const fmt = scoreFormat(profile.decimals);
  const text = (row: number, col: number, cols: number, value: string | null) => {
    const w = b.merged({ row, col, rows: 1, cols }, value, value ? "text" : "blank");
    if (value) b.fit(row, value, b.span(col, cols));
    return w;
  };
  /** A text cell of an indicator row, its row made tall enough; a bordered blank when there is none. */
  const nameCell = (row: number, col: number, value: string | null, style: "label" | "text") => {
    if (value === null) return b.cell(row, col, null, "blank");
    b.fit(row, value, b.widths[col]);
    return b.cell(row, col, value, style);
  };
  const figure = (row: number, col: number, value: number | null, numberFormat: string) =>
    b.cell(row, col, value, value === null ? "blank" : "number", numberFormat);

  let row = top;
  b.merged({ row, col: 0, rows: 1, cols: n }, "项目支出绩效自评表", "title");
  b.height(row, 28);
  row++;
  const year = t.year ?? defaultYear;
  b.merged({ row, col: 0, rows: 1, cols: n }, `（${year}年度）`, "caption");
  row++;

  b.cell(row, 0, "项目名称", "label");
  text(row, 1, n - 1, r.project ?? t.title);
  row++;
  b.cell(row, 0, "主管部门", "label");
  text(row, 1, 3, info.department);
  b.cell(row, 4, "实施单位", "label");
  text(row, 5, n - 5, info.implementer);
  row++;

  // The funding block: the 项目资金 label down its five rows, then a header and the four rows.
  const unit = t.budget.unit ?? "万元";
  b.merged({ row, col: 0, rows: 5, cols: 1 }, `项目资金（${unit}）`, "label");
  const heads = ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
  if (review) heads.push("复核得分");
  heads.forEach((h, k) => b.cell(row, 1 + k, h || null, "header"));
  b.height(row, 30);
  row++;
  for (const [key, labelText] of FUNDING_ROWS) {
    const f = info.funding[key];
    b.cell(row, 1, labelText, "label");
    b.fit(row, labelText, b.widths[1]);
    figure(row, 2, f.start, MONEY);
    figure(row, 3, f.full, MONEY);
    figure(row, 4, f.executed, MONEY);
    if (key === "total") {
      b.cell(row, 5, r.budget.weight, "number", WEIGHT);
      figure(row, 6, r.budget.rate, PCT);
      if (review) {
        figure(row, 7, r.budget.unitScore, fmt);
        figure(row, 8, r.budget.score, fmt);
      } else figure(row, 7, r.budget.score, fmt);
    } else {
      // The official form scores the total row only: 分值 and 得分 of the rows under it are struck out.
      b.cell(row, 5, "—", "label");
      b.cell(row, 6, null, "blank");
      for (let c = 7; c <= last && c < 7 + (review ? 2 : 1); c++) b.cell(row, c, "—", "label");
    }
    row++;
  }

  // 年度总体目标: 预期目标 (the table's 绩效目标) and 实际完成情况 (for the clerk, unless stated).
  const split = 5; // 预期目标 over B:E, 实际完成情况 over F to the last column
  b.merged({ row, col: 0, rows: 2, cols: 1 }, "年度总体目标", "label");
  b.merged({ row, col: 1, rows: 1, cols: split - 1 }, "预期目标", "header");
  b.merged({ row, col: split, rows: 1, cols: n - split }, "实际完成情况", "header");
  row++;
  text(row, 1, split - 1, info.goal);
  text(row, split, n - split, info.achieved);
  b.height(row, 3 * 15); // room to write in when blank
  row++;

  // The indicators.
  const heads2 = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"];
  if (review) heads2.push("复核得分");
  heads2.push("偏差原因分析及改进措施");
  heads2.forEach((h, k) => b.cell(row, k, h, "header"));
  b.height(row, 30);
  row++;
  const raw = new Map(t.indicators.map((i) => [i.row + 1, i]));
  const first = row;
  /** Each indicator row's level-1 and level-2 cells, for the merges below. */
  const levelCells: CellWrite[][] = [[], []];
  for (const ind of r.indicators) {
    const reason = raw.get(ind.row)?.reasonText.trim() || null;
    // Direct calls, no per-row arrays: a large workbook's forms hold a hundred thousand indicator rows.
    levelCells[0].push(nameCell(row, 0, ind.level1 || null, "label"));
    levelCells[1].push(nameCell(row, 1, ind.level2 || null, "label"));
    nameCell(row, 2, ind.name || null, "label");
    nameCell(row, 3, ind.target || null, "text");
    nameCell(row, 4, ind.actual, "text");
    b.cell(row, 5, ind.weight, "number", WEIGHT);
    if (review) {
      figure(row, 6, ind.unitScore, fmt);
      figure(row, 7, ind.score, fmt);
    } else figure(row, 6, ind.score, fmt);
    nameCell(row, last, reason, "text");
    row++;
  }
  // Level-1 and level-2 names merged down their rows, as the official form prints them; a merged area
  // keeps its top cell's value, so the cells under it (written with the same name) are emptied.
  const l1 = r.indicators.map((i) => i.level1);
  const l2 = r.indicators.map((i) => (i.level2 ? `${i.level1}\u0000${i.level2}` : ""));
  [l1, l2].forEach((keys, col) => {
    for (const [k, len] of runs(keys)) {
      b.merges.push({ row: first + k, col, rows: len, cols: 1 });
      for (let i = k + 1; i < k + len; i++) levelCells[col][i].value = null;
    }
  });

  const points = roundHalfUp(r.indicators.reduce((s, i) => s + i.weight, 0) + r.budget.weight, 2);
  b.merged({ row, col: 0, rows: 1, cols: 5 }, "总分", "total");
  b.cell(row, 5, points, "total", WEIGHT);
  if (review) {
    b.cell(row, 6, r.unitTotal, r.unitTotal === null ? "blank" : "total", fmt);
    b.cell(row, 7, r.total, r.total === null ? "blank" : "total", fmt);
  } else b.cell(row, 6, r.total, r.total === null ? "blank" : "total", fmt);
  b.cell(row, last, r.grade ? `等级：${r.grade}` : null, r.grade ? "total" : "blank");
  row++;
  // Uneven shares (7.15 beside 7.14) look like slips on paper: the form says how the points were shared.
  const notes = [
    ...new Set(
      r.indicators
        .map((i) => i.weightExplain)
        .filter((e): e is string => !!e && UNEVEN.test(e))
        .map((e) => e.replace(WEIGHT_PREFIX, ""))
    ),
  ];
  if (notes.length > 0) {
    const note = `注：${notes.join("；")}。`;
    b.merged({ row, col: 0, rows: 1, cols: n }, note, "text");
    b.fit(row, note, b.span(0, n));
    row++;
  }
  return row;
}

/** The forms sheet for the scored tables, one form a page. */
export function planForms(
  forms: FormSource[],
  profile: Profile,
  defaultYear: number
): OwnSheetPlan {
  const review = forms.some((f) => f.result.review);
  const b = new SheetBuilder(FORMS_SHEET, review ? WIDTHS_REVIEW : WIDTHS);
  const rowBreaks: number[] = [];
  let row = 0;
  forms.forEach((f, k) => {
    if (k > 0) {
      row++; // a blank row between forms on screen; the page break starts each on its own page
      rowBreaks.push(row);
    }
    row = planForm(b, row, f, profile, defaultYear);
  });
  return b.plan({ orientation: "portrait", paper: "A4", fitToWidth: true, rowBreaks });
}
