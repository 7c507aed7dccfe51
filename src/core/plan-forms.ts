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
import { FundingRowKey, ScoredProject } from "./project-info";
import { SheetBuilder } from "./sheet-builder";
import { BODY_SIZE } from "./style";
import { firstYear } from "./text";
import type { CellWrite, LocatedTable, OwnSheetPlan, Profile } from "./types";

const PCT = "0.00%";
const MONEY = "0.00";
/** Weights as the engine set them (10, 7.14); "0.##" would print a whole 10 as "10.". */
const WEIGHT = "General";

/**
 * Column widths (characters of the default font), 97 in all: A4 portrait one page wide at about 91% in
 * Excel, so 10-point body text prints at 9 points. Every indicator row is as tall as its tallest wrapped
 * cell, so the room goes to what wraps row by row: 三级指标 (names of 20–46 units, two per CJK
 * character), then 年度指标值 / 实际完成值 and the reason. 一级指标 is merged down many rows, where a
 * wrapped name costs nothing; it stays wide enough for 项目名称 / 主管部门 on one line. 二级指标 is wide
 * enough for the funding labels (年度资金总额) and for names like 可持续影响指标, often alone on their row.
 * Figures get the least: 分值 and 得分 hold 7.15 and 100, 执行率 97.13%. Tuned on the example's longest
 * form (车驾管专用设备提升项目, 22 indicators): 1,243 points tall at the old widths and 11 points, 930 now.
 * Review mode (§7) adds 复核得分 and takes its room from the text columns.
 */
const WIDTHS = [9, 14, 25, 11, 11, 5, 7, 15];
const WIDTHS_REVIEW = [9, 13, 23, 10, 10, 5, 7, 6, 14];

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

/** Runs of equal, non-blank keys down a list: [first index, length] of each, one row long or more. */
function runs(keys: string[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] === keys[start] && keys[i] !== "") continue;
    if (keys[start] !== "") out.push([start, i - start]);
    start = i;
  }
  return out;
}

/** `2025年度`, `2025年`: a year a title states as the table's own. */
const STATED_YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/;

/**
 * The year a table states as its own, or null: `2025年度` in its title, or its year subtitle
 * (`（2025年度）`, which the locator reads only when neither title nor project name holds a year). A bare
 * year inside a name is not the table's year: `车驾管专用设备提升项目-2024一般债` is the 2024 bond that
 * funds the project, in the 2025 year-end workbook.
 */
function statedYear(t: LocatedTable): number | null {
  const m = STATED_YEAR.exec((t.title ?? "").normalize("NFKC"));
  if (m) return Number(m[1]);
  return firstYear(t.title) === null && firstYear(t.project) === null ? t.year : null;
}

/** The most frequent of the non-null numbers, the first seen on a tie; null when none. */
function mostFrequent(xs: (number | null)[]): number | null {
  const count = new Map<number, number>();
  for (const x of xs) if (x !== null) count.set(x, (count.get(x) ?? 0) + 1);
  let best: number | null = null;
  for (const [x, n] of count) if (best === null || n > count.get(best)!) best = x;
  return best;
}

/**
 * The forms' year where a table states none: the year the tables state, else the one the tables' titles
 * and names mostly hold (the 评分汇总 title's year), else `defaultYear` (the clock's).
 */
function contextYear(forms: ScoredProject[], defaultYear: number): number {
  return (
    mostFrequent(forms.map((f) => statedYear(f.table))) ??
    mostFrequent(forms.map((f) => f.table.year)) ??
    defaultYear
  );
}

/** Writes one form from `top`; returns the row after it. */
function planForm(
  b: SheetBuilder,
  top: number,
  { table: t, result: r, info }: ScoredProject,
  profile: Profile,
  sheetYear: number
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
  /** A level-1 or level-2 name: fitted below, over the rows it is merged down. */
  const levelCell = (row: number, col: number, value: string | null) =>
    b.cell(row, col, value, value === null ? "blank" : "label");
  const figure = (row: number, col: number, value: number | null, numberFormat: string) =>
    b.cell(row, col, value, value === null ? "blank" : "number", numberFormat);

  let row = top;
  b.merged({ row, col: 0, rows: 1, cols: n }, "项目支出绩效自评表", "title");
  b.height(row, 28);
  row++;
  const year = statedYear(t) ?? sheetYear;
  b.merged({ row, col: 0, rows: 1, cols: n }, `（${year}年度）`, "caption");
  row++;

  nameCell(row, 0, "项目名称", "label");
  text(row, 1, n - 1, r.project ?? t.title);
  row++;
  nameCell(row, 0, "主管部门", "label");
  text(row, 1, 3, info.department);
  nameCell(row, 4, "实施单位", "label");
  text(row, 5, n - 5, info.implementer);
  row++;

  // The funding block: the 项目资金 label down its five rows, then a header and the four rows.
  const unit = t.budget.unit ?? "万元";
  const fundingTop = row;
  const fundingLabel = `项目资金（${unit}）`;
  b.merged({ row, col: 0, rows: 5, cols: 1 }, fundingLabel, "label");
  const heads = ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];
  if (review) heads.push("复核得分");
  heads.forEach((h, k) => {
    b.cell(row, 1 + k, h || null, "header");
    if (h) b.fit(row, h, b.widths[1 + k]);
  });
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
  b.fitDown(fundingTop, 5, fundingLabel, b.widths[0]);

  // 年度总体目标: 预期目标 (the table's 绩效目标) and 实际完成情况 (for the clerk, unless stated).
  const split = 5; // 预期目标 over B:E, 实际完成情况 over F to the last column
  const goalTop = row;
  b.merged({ row, col: 0, rows: 2, cols: 1 }, "年度总体目标", "label");
  b.merged({ row, col: 1, rows: 1, cols: split - 1 }, "预期目标", "header");
  b.merged({ row, col: split, rows: 1, cols: n - split }, "实际完成情况", "header");
  row++;
  text(row, 1, split - 1, info.goal);
  text(row, split, n - split, info.achieved);
  b.height(row, b.linesHeight(3)); // room to write in when blank
  b.fitDown(goalTop, 2, "年度总体目标", b.widths[0]);
  row++;

  // The indicators.
  const heads2 = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"];
  if (review) heads2.push("复核得分");
  heads2.push("偏差原因分析及改进措施");
  heads2.forEach((h, k) => {
    b.cell(row, k, h, "header");
    b.fit(row, h, b.widths[k]);
  });
  row++;
  const raw = new Map(t.indicators.map((i) => [i.row + 1, i]));
  const first = row;
  /** Each indicator row's level-1 and level-2 cells, for the merges below. */
  const levelCells: CellWrite[][] = [[], []];
  for (const ind of r.indicators) {
    const reason = raw.get(ind.row)?.reasonText.trim() || null;
    // Direct calls, no per-row arrays: a large workbook's forms hold a hundred thousand indicator rows.
    levelCells[0].push(levelCell(row, 0, ind.level1 || null));
    levelCells[1].push(levelCell(row, 1, ind.level2 || null));
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
  // keeps its top cell's value, so the cells under it (written with the same name) are emptied. The
  // names wrap in the height their rows already have (the columns are narrow for that), a row taller
  // only where a name needs more lines than its rows give.
  const l1 = r.indicators.map((i) => i.level1);
  const l2 = r.indicators.map((i) => (i.level2 ? `${i.level1}\u0000${i.level2}` : ""));
  [l1, l2].forEach((keys, col) => {
    for (const [k, len] of runs(keys)) {
      if (len > 1) b.merges.push({ row: first + k, col, rows: len, cols: 1 });
      for (let i = k + 1; i < k + len; i++) levelCells[col][i].value = null;
      b.fitDown(first + k, len, levelCells[col][k].value as string, b.widths[col]);
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
  forms: ScoredProject[],
  profile: Profile,
  defaultYear: number
): OwnSheetPlan {
  const review = forms.some((f) => f.result.review);
  const b = new SheetBuilder(FORMS_SHEET, review ? WIDTHS_REVIEW : WIDTHS, BODY_SIZE);
  const rowBreaks: number[] = [];
  const year = contextYear(forms, defaultYear);
  let row = 0;
  forms.forEach((f, k) => {
    if (k > 0) {
      row++; // a blank row between forms on screen; the page break starts each on its own page
      rowBreaks.push(row);
    }
    row = planForm(b, row, f, profile, year);
  });
  return b.plan({ orientation: "portrait", paper: "A4", fitToWidth: true, rowBreaks });
}
