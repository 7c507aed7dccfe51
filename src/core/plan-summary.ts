/**
 * The 评分汇总 sheet, ready to print: a title with the unit and year, `单位：万元`, a header row repeated on
 * every page, one row a table (linked to it), and a 合计/平均 row; borders on every cell, landscape, one
 * page wide. The columns keep their order (工作表, 项目名称, 预算数 … 评分完整): the pane and the command
 * line read the report, not this sheet, but people and their macros read the sheet.
 */
import { sheetRef, a1 } from "./a1";
import { parseAmount } from "./budget";
import { roundHalfUp } from "./decimal";
import { SUMMARY_SHEET } from "./own-sheets";
import type { ScoredProject } from "./project-info";
import { SheetBuilder } from "./sheet-builder";
import type { OwnSheetPlan, Profile, StyleName, TableResult } from "./types";

const PCT = "0.00%";
const MONEY = "0.00";
const CATEGORIES = ["产出指标", "成本指标", "效益指标", "满意度指标"];
const HEAD = ["工作表", "项目名称", "预算数", "全年执行数", "预算执行率", "预算执行得分"];
const TAIL = ["总分", "等级", "未达成指标数", "评分完整"];
/** With any table in review mode (§7): the unit's total, the reviewed total and their difference. */
const TAIL_REVIEW = ["自评总分", "复核总分", "差异", "等级", "未达成指标数", "评分完整"];
/** Rows above the header: the title and the caption. */
export const SUMMARY_HEADER_ROW = 2;
/** What the last row holds, said in its own label. */
export const SUMMARY_TOTAL_LABEL = "合计/平均";
const SUMMARY_TOTAL_NOTE = "金额、未达成指标数为合计；执行率、得分为平均";

/** 复核总分 − 自评总分 (§7), null outside review mode or when either is missing. */
export function difference(r: TableResult, decimals: number): number | null {
  if (!r.review || r.total === null || r.unitTotal === null || r.unitTotal === undefined)
    return null;
  return roundHalfUp(r.total - r.unitTotal, decimals);
}

/** An amount in the table's money unit, in 万元 (the summary's unit). */
function inWan(x: number | null, unit: string | undefined): number | null {
  if (x === null || !unit || unit === "万元") return x;
  const factor = parseAmount(null, `1${unit}`, "万元");
  return factor === null ? x : Number((x * factor).toPrecision(12));
}

/** The value shared by every entry, or null. */
function common<T>(xs: (T | null)[]): T | null {
  const first = xs[0] ?? null;
  return first !== null && xs.every((x) => x === first) ? first : null;
}

/** The most frequent non-null value (the first on a tie), or null. */
function mostFrequent(xs: (number | null)[]): number | null {
  const count = new Map<number, number>();
  for (const x of xs) if (x !== null) count.set(x, (count.get(x) ?? 0) + 1);
  let best: number | null = null;
  for (const [x, n] of count) if (best === null || n > count.get(best)!) best = x;
  return best;
}

export function planSummary(
  sources: ScoredProject[],
  profile: Profile,
  defaultYear: number
): OwnSheetPlan {
  const results = sources.map((s) => s.result);
  const present = [...new Set(results.flatMap((r) => r.categories.map((k) => k.level1)))];
  const cats = [
    ...CATEGORIES.filter((c) => present.includes(c)),
    ...present.filter((c) => !CATEGORIES.includes(c)),
  ];
  const anyReview = results.some((r) => r.review);
  const header = [...HEAD, ...cats, ...(anyReview ? TAIL_REVIEW : TAIL)];
  const widths = header.map((h, i) => (i === 1 ? 44 : Math.max(10, h.length * 2 + 2)));
  const b = new SheetBuilder(SUMMARY_SHEET, widths);
  const n = header.length;
  const fmt = profile.decimals > 0 ? `0.${"0".repeat(profile.decimals)}` : "0";

  const unitName = common(sources.map((s) => s.info.implementer));
  const year = mostFrequent(sources.map((s) => s.table.year)) ?? defaultYear;
  b.merged(
    { row: 0, col: 0, rows: 1, cols: n },
    `${unitName ?? ""}${year}年度项目支出绩效自评评分汇总表`,
    "title"
  );
  b.height(0, 28);
  b.merged({ row: 1, col: 0, rows: 1, cols: n }, "单位：万元", "caption");
  header.forEach((h, col) => b.cell(SUMMARY_HEADER_ROW, col, h, "header"));
  b.height(SUMMARY_HEADER_ROW, 30);

  /** Every figure column: how it reads a result, how it is shown, and how the last row sums it up. */
  type Column = {
    of: (r: TableResult, s: ScoredProject) => number | null;
    format: string;
    sum: boolean;
  };
  const figures: Column[] = [
    { of: (r, s) => inWan(r.budget.planned, s.table.budget.unit), format: MONEY, sum: true },
    { of: (r, s) => inWan(r.budget.executed, s.table.budget.unit), format: MONEY, sum: true },
    { of: (r) => r.budget.rate, format: PCT, sum: false },
    { of: (r) => r.budget.score, format: fmt, sum: false },
    ...cats.map((c): Column => ({
      of: (r) => r.categories.find((k) => k.level1 === c)?.score ?? null,
      format: fmt,
      sum: false,
    })),
    ...(anyReview
      ? [
          { of: (r: TableResult) => r.unitTotal ?? null, format: fmt, sum: false },
          { of: (r: TableResult) => r.total, format: fmt, sum: false },
          { of: (r: TableResult) => difference(r, profile.decimals), format: fmt, sum: false },
        ]
      : [{ of: (r: TableResult) => r.total, format: fmt, sum: false }]),
  ];
  const gradeCol = 2 + figures.length;

  sources.forEach((s, i) => {
    const { table: t, result: r } = s;
    const row = SUMMARY_HEADER_ROW + 1 + i;
    b.cell(row, 0, r.sheet, "text");
    const project = b.cell(
      row,
      1,
      r.project ?? t.title ?? `(${a1(t.headerRow, t.firstCol)})`,
      "text"
    );
    project.link = sheetRef(t.sheet, t.firstRow, t.firstCol);
    figures.forEach((f, k) => {
      const v = f.of(r, s);
      b.cell(row, 2 + k, v, v === null ? "blank" : "number", f.format);
    });
    b.cell(row, gradeCol, r.grade, r.grade ? "label" : "blank");
    b.cell(
      row,
      gradeCol + 1,
      r.indicators.filter((x) => x.status === "unmet").length,
      "number",
      "0"
    );
    b.cell(row, gradeCol + 2, r.complete ? "是" : "否", "label");
  });

  // 合计/平均: amounts and counts summed, rates and scores averaged over the tables that have them.
  const row = SUMMARY_HEADER_ROW + 1 + sources.length;
  const style: StyleName = "total";
  b.cell(row, 0, SUMMARY_TOTAL_LABEL, style);
  b.cell(row, 1, SUMMARY_TOTAL_NOTE, style);
  figures.forEach((f, k) => {
    const xs = sources.map((s) => f.of(s.result, s)).filter((x): x is number => x !== null);
    let v: number | null = null;
    if (xs.length > 0) {
      const sum = xs.reduce((a, x) => a + x, 0);
      v = f.sum
        ? roundHalfUp(sum, 2)
        : f.format === PCT
          ? roundHalfUp(sum / xs.length, 4)
          : roundHalfUp(sum / xs.length, profile.decimals);
    }
    b.cell(row, 2 + k, v, style, f.format);
  });
  b.cell(row, gradeCol, null, style);
  b.cell(
    row,
    gradeCol + 1,
    results.reduce((a, r) => a + r.indicators.filter((x) => x.status === "unmet").length, 0),
    style,
    "0"
  );
  b.cell(row, gradeCol + 2, `${results.filter((r) => r.complete).length}/${results.length}`, style);

  return b.plan({
    orientation: "landscape",
    paper: "A4",
    fitToWidth: true,
    printTitleRows: [SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW],
    rowBreaks: [],
  });
}
