/**
 * The tool's own sheets (issue 18, points 2–3): the forms sheet, one official 项目支出绩效自评表 a project on
 * its own A4 page, and the print-ready 评分汇总; and who owns them.
 */
import * as path from "path";
import { analyzeWorkbook, planClear, planPrepare } from "../../src/core/analyze";
import { applyPlanToGrids } from "../../src/core/apply-to-grid";
import { LEDGER_SHEET, Ledger, ledgerFromGrid } from "../../src/core/ledger";
import { FORMS_SHEET, SUMMARY_SHEET } from "../../src/core/own-sheets";
import { SUMMARY_HEADER_ROW, SUMMARY_TOTAL_LABEL } from "../../src/core/plan-summary";
import { linesIn } from "../../src/core/sheet-builder";
import {
  AnalyzeOptions,
  CellWrite,
  OwnSheetPlan,
  Report,
  SheetGrid,
  TableResult,
} from "../../src/core/types";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { FormRow, form, pct } from "./forms";
import { buildGrid } from "./grid-builder";
import { seedGrid } from "./seed-grid";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");

function run(sheets: SheetGrid[], ledger = new Ledger(), options: AnalyzeOptions = {}) {
  return analyzeWorkbook(sheets, { currentYear: 2025, ledger, ...options });
}

function score(sheets: SheetGrid[], ledger = new Ledger()) {
  const a = run(sheets, ledger);
  const after = applyPlanToGrids(sheets, a.plan);
  return { a, after, ledger: ledgerFromGrid(after.find((g) => g.name === LEDGER_SHEET)) };
}

/** One form of the forms sheet: its rows, from its title to its 总分 row. */
interface FormView {
  top: number;
  at(row: number, col: number): CellWrite | undefined;
  /** The first row (from the form's top) whose column-0 or column-1 label is `label`. */
  rowOf(label: string): number;
  rows: number;
}

function formsOf(plan: OwnSheetPlan): FormView[] {
  const byPos = new Map(plan.writes.map((w) => [`${w.row},${w.col}`, w]));
  const tops = plan.writes
    .filter((w) => w.col === 0 && w.value === "项目支出绩效自评表")
    .map((w) => w.row);
  return tops.map((top, k) => {
    const end = k + 1 < tops.length ? tops[k + 1] : Infinity;
    const rows = plan.writes.filter((w) => w.row >= top && w.row < end);
    const at = (row: number, col: number) => byPos.get(`${row},${col}`);
    return {
      top,
      at,
      rows: new Set(rows.map((w) => w.row)).size,
      rowOf: (label: string) => {
        const w = rows.find((x) => (x.col === 0 || x.col === 1) && x.value === label);
        if (!w) throw new Error(`no ${label} in the form at row ${top}`);
        return w.row;
      },
    };
  });
}

/** Checks one form against the table's result: funding figures, indicators, the total. */
function checkForm(f: FormView, r: TableResult) {
  expect(f.at(f.top + 2, 1)?.value).toBe(r.project);
  const funding = f.rowOf("年度资金总额");
  const fig = (col: number) => f.at(funding, col)?.value ?? null;
  expect([fig(3), fig(4), fig(5), fig(6)]).toEqual([
    r.budget.planned,
    r.budget.executed,
    r.budget.weight,
    r.budget.rate,
  ]);
  expect(fig(r.review ? 8 : 7)).toBe(r.budget.score);
  const header = f.rowOf("一级指标");
  r.indicators.forEach((ind, i) => {
    const row = header + 1 + i;
    expect(f.at(row, 2)?.value).toBe(ind.name);
    expect(f.at(row, 3)?.value).toBe(ind.target);
    expect(f.at(row, 4)?.value ?? null).toBe(ind.actual);
    expect(f.at(row, 5)?.value).toBe(ind.weight);
    expect(f.at(row, r.review ? 7 : 6)?.value ?? null).toBe(ind.score);
  });
  const total = header + 1 + r.indicators.length;
  expect(f.at(total, 0)?.value).toBe("总分");
  expect(f.at(total, r.review ? 7 : 6)?.value ?? null).toBe(r.total);
}

/** Every cell written has a style, and every cell of every merged area is written (its borders print). */
function checkStyled(plan: OwnSheetPlan) {
  expect(plan.writes.filter((w) => w.style === undefined)).toEqual([]);
  const written = new Set(plan.writes.map((w) => `${w.row},${w.col}`));
  expect(written.size).toBe(plan.writes.length); // each cell written once (the digest counts each once)
  for (const m of plan.layout!.merges)
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) expect(written.has(`${r},${c}`)).toBe(true);
  // Only the top-left cell of a merged area holds a value.
  const hidden = new Set<string>();
  for (const m of plan.layout!.merges)
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++)
        if (r !== m.row || c !== m.col) hidden.add(`${r},${c}`);
  expect(plan.writes.filter((w) => hidden.has(`${w.row},${w.col}`) && w.value !== null)).toEqual(
    []
  );
}

describe("the forms sheet", () => {
  let example: { sheets: SheetGrid[]; ledger: Ledger };
  beforeAll(async () => {
    example = await readWorkbook(EXAMPLE);
  });

  test("the year-end example: one form a project, each on its own page, figures as scored", () => {
    const { plan, report } = run(example.sheets, example.ledger);
    const forms = plan.forms!;
    expect(forms.name).toBe(FORMS_SHEET);
    const views = formsOf(forms);
    expect(views).toHaveLength(7);
    expect(forms.layout!.page).toMatchObject({
      orientation: "portrait",
      paper: "A4",
      fitToWidth: true,
      rowBreaks: views.slice(1).map((v) => v.top),
    });
    expect(forms.layout!.page.printTitleRows).toBeUndefined();
    views.forEach((v, i) => checkForm(v, report.tables[i]));
    checkStyled(forms);
    // The unit line (`374111天津市公安局车辆管理所`, code dropped) as 实施单位, the 绩效目标 as 预期目标.
    const v = views[0];
    expect(v.at(v.top + 3, 5)?.value).toBe("天津市公安局车辆管理所");
    const goal = v.rowOf("年度总体目标") + 1;
    expect(v.at(goal, 1)?.value).toMatch(/^1\.提高政府与车管所社会形象/);
    // 产出指标 50 points over 7 indicators: 7.15 twice, then 7.14; the form says why under its 总分.
    const uneven = report.tables[3];
    expect(new Set(uneven.indicators.map((i) => i.weight))).toContain(7.15);
    const u = views[3];
    const note = u.at(u.rowOf("总分") + 1, 0)?.value;
    expect(note).toBe(
      "注：产出指标 50 分 ÷ 7 项，不能整除：按表中顺序前 2 项各多 0.01 分，合计仍为 50 分。"
    );
    expect(views[0].at(views[0].rowOf("总分") + 1, 0)).toBeUndefined();
    // 其中：财政资金 97.00 in the table: 当年财政拨款 on the form.
    const fiscal = v.rowOf("其中：当年财政拨款");
    expect([v.at(fiscal, 2)?.value, v.at(fiscal, 3)?.value]).toEqual([97, 97]);
  });

  // What the source does not state is a bordered blank for the clerk: row label → columns left blank.
  test.each<[string, number[]]>([
    ["主管部门", [1]],
    ["上年结转资金", [2, 3, 4, 6]],
    ["其他资金", [2, 3, 4, 6]],
    ["其中：当年财政拨款", [4, 6]],
  ])("the seed's forms leave %s blank for the clerk", (label, cols) => {
    const { plan } = run([seedGrid()]);
    for (const v of formsOf(plan.forms!)) {
      const row = v.rowOf(label);
      for (const c of cols) expect(v.at(row, c)).toMatchObject({ value: null, style: "blank" });
    }
  });

  test("the seed (targets, no actuals yet): seven pages, actuals and scores blank, 实际完成情况 blank", () => {
    const { plan, report } = run([seedGrid()]);
    const views = formsOf(plan.forms!);
    expect(views).toHaveLength(7);
    expect(plan.forms!.layout!.page.rowBreaks).toHaveLength(6);
    checkStyled(plan.forms!);
    views.forEach((v, i) => {
      checkForm(v, report.tables[i]);
      const header = v.rowOf("一级指标");
      report.tables[i].indicators.forEach((_, k) => {
        expect(v.at(header + 1 + k, 4)).toMatchObject({ value: null, style: "blank" });
        expect(v.at(header + 1 + k, 6)).toMatchObject({ value: null, style: "blank" });
      });
      const goal = v.rowOf("年度总体目标") + 1;
      expect(v.at(goal, 5)).toMatchObject({ value: null, style: "blank" });
    });
  });

  test("a 自评表: the funding rows read under their headers, the reasons, the unit's 主管部门 when stated", () => {
    const rows: FormRow[] = [
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "维护系统",
        target: "≥6个",
        actual: "5个",
        weight: 50,
        reason: "延期",
      },
      {
        l1: "效益指标",
        l2: "社会效益",
        name: "作用",
        target: "作用显著",
        actual: "达成",
        weight: 30,
      },
      {
        l1: "满意度指标",
        l2: "满意度",
        name: "满意度",
        target: "≥95%",
        actual: pct(0.96, "96%"),
        weight: 10,
      },
    ];
    const f = form(rows, { planned: 120, executed: 90, total: null });
    const { plan, report } = run([f.grid]);
    const [v] = formsOf(plan.forms!);
    checkForm(v, report.tables[0]);
    const header = v.rowOf("一级指标");
    expect(v.at(header + 1, 7)).toMatchObject({ value: "延期", style: "text" });
    expect(v.at(header + 2, 7)).toMatchObject({ value: null, style: "blank" });
    expect(v.at(v.rowOf("总分"), 7)?.value).toBe(`等级：${report.tables[0].grade}`);
  });

  test("review mode: 复核得分 beside the unit's 得分, in the funding block and the indicators", () => {
    const rows: FormRow[] = [
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "维护系统",
        target: "≥6个",
        actual: "7个",
        weight: 50,
        score: 45,
      },
      {
        l1: "效益指标",
        l2: "社会效益",
        name: "作用",
        target: "作用显著",
        actual: "达成",
        weight: 30,
        score: 30,
      },
      {
        l1: "满意度指标",
        l2: "满意度",
        name: "满意度",
        target: "≥95%",
        actual: "96%",
        weight: 10,
        score: 10,
      },
    ];
    const f = form(rows, { budgetScore: 9, total: 94 });
    const { plan, report } = run([f.grid]);
    const r = report.tables[0];
    expect(r.review).toBe(true);
    const [v] = formsOf(plan.forms!);
    checkForm(v, r);
    const header = v.rowOf("一级指标");
    expect(v.at(header, 7)?.value).toBe("复核得分");
    expect(v.at(header + 1, 6)?.value).toBe(45);
    expect(v.at(header + 1, 7)?.value).toBe(50);
    const total = header + 1 + rows.length;
    expect([v.at(total, 6)?.value, v.at(total, 7)?.value]).toEqual([94, r.total]);
    expect(v.at(v.rowOf("年度资金总额"), 7)?.value).toBe(9);
  });

  // The 车驾管专用设备提升项目-2024一般债 is funded by a 2024 bond; its table belongs to the 2025 year end
  // like the rest. A year inside a project's name is not the table's year, nor is the clock's year.
  test("each form's （年度） is the year its table states, else the sheet's: not a year inside a name", () => {
    const { plan } = run(example.sheets, example.ledger, { currentYear: 2026 });
    const captions = formsOf(plan.forms!).map((v) => v.at(v.top + 1, 0)?.value);
    expect(captions).toEqual(Array(7).fill("（2025年度）"));

    const titled = (title: string, project: string, name: string) => {
      const f = form(
        [{ l1: "产出指标", l2: "数量指标", name: "维护", target: "≥6个", weight: 90 }],
        {
          name,
        }
      );
      f.grid.values[0][0] = f.grid.text[0][0] = title;
      f.grid.values[1][1] = f.grid.text[1][1] = project;
      return f.grid;
    };
    const { plan: p } = run([
      titled("项目支出绩效自评表（2025年度）", "运行维护项目", "甲"),
      titled("项目支出绩效自评表", "设备购置-2023一般债", "乙"),
      titled("2024年度项目支出绩效自评表", "设备购置", "丙"),
    ]);
    const years = formsOf(p.forms!).map((v) => v.at(v.top + 1, 0)?.value);
    expect(years).toEqual(["（2025年度）", "（2025年度）", "（2024年度）"]);
  });

  // Row heights follow wrapped text: too low clips it on paper, too high pushes a form onto a second page.
  test("wrapped lines are counted as printed: CJK two units, Latin words whole, smaller text fits more", () => {
    expect(linesIn("项目名称", 9)).toBe(1); // 8 units in a 9-character column
    expect(linesIn("项目名称", 8)).toBe(2); // a CJK character does not split: 3 on a line
    expect(linesIn("可持续影响指标", 13, 10)).toBe(2);
    expect(linesIn("可持续影响指标", 14, 10)).toBe(1); // 10 points: 14 units where 11 points fit 13
    expect(linesIn("abc defghij klm", 8)).toBe(3); // "defghij" moves whole to the next line
    expect(linesIn("a\nb", 10)).toBe(2);
  });

  // A level name merged down several rows wraps in the height they have; alone on its row, it makes the
  // row tall enough. The example's 车驾管专用设备提升项目 (22 indicators) is planned 930 points tall.
  test("level names merged down rows cost no height; a form's rows are planned for their wrapped text", () => {
    const { plan } = run(example.sheets, example.ledger);
    const forms = plan.forms!;
    const height = new Map(forms.layout!.rowHeights!.map((h) => [h.row, h.height]));
    const v = formsOf(forms)[4];
    const header = v.rowOf("一级指标");
    // 产出指标 / 数量指标 merged down five rows; its first row one line (13.5 points at 10 points).
    expect(v.at(header + 1, 2)?.value).toBe("机动车号牌销毁设备购买数量");
    expect(height.get(header + 1)).toBe(13.5);
    let total = 0;
    for (let r = v.top; r < v.top + v.rows; r++) total += height.get(r)!;
    expect(total).toBeLessThanOrEqual(930);
  });

  test("Prepare writes no forms and no summary", () => {
    const prep = planPrepare([seedGrid()], { currentYear: 2025 });
    expect(prep.forms ?? null).toBeNull();
    expect(prep.summary).toBeNull();
  });
});

describe("who owns the forms sheet", () => {
  const base = () =>
    form([
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "维护系统",
        target: "≥6个",
        actual: "7个",
        weight: 50,
      },
      {
        l1: "效益指标",
        l2: "社会效益",
        name: "作用",
        target: "作用显著",
        actual: "达成",
        weight: 30,
      },
      { l1: "满意度指标", l2: "满意度", name: "满意度", target: "≥95%", actual: "96%", weight: 10 },
    ]).grid;

  test("a user's sheet of that name is never touched, and read for tables as any sheet", () => {
    const theirs = buildGrid([["我的自评表"]], { name: FORMS_SHEET });
    const { plan, report } = run([base(), theirs]);
    expect(plan.forms).toBeNull();
    const occupied = report.issues.find((i) => i.code === "OUTPUT_OCCUPIED");
    expect(occupied).toMatchObject({ sheet: FORMS_SHEET, cell: null });
    expect(occupied?.message).toBe(
      `工作表“${FORMS_SHEET}”已存在且不是本工具生成的，未写入绩效自评表（打印页）；请改名后重试。`
    );
    expect(plan.summary).not.toBeNull();
    // Applied: the summary is ours to remove, their sheet is not, and it is left as it was.
    const { after, ledger } = score([base(), theirs]);
    expect(after.find((g) => g.name === FORMS_SHEET)!.values).toEqual(theirs.values);
    expect(planClear(after, ledger).deleteSheets).toEqual([SUMMARY_SHEET]);
  });

  test("a unit's own sheet named plain 绩效自评表 is scored as theirs, and the forms go beside it", () => {
    const theirs = form(
      [
        {
          l1: "产出指标",
          l2: "数量指标",
          name: "维护系统",
          target: "≥6个",
          actual: "7个",
          weight: 90,
        },
      ],
      { name: "绩效自评表" }
    ).grid;
    const { plan, report } = run([theirs]);
    expect(FORMS_SHEET).not.toBe("绩效自评表");
    expect(report.tables.map((t) => t.sheet)).toEqual(["绩效自评表"]);
    expect(plan.forms?.name).toBe(FORMS_SHEET);
  });

  test("ours: rebuilt by the next Score (the same plan), removed by Clear, never searched for tables", () => {
    const first = score([base()]);
    expect(first.ledger.ownsSheet(FORMS_SHEET)).toBe(true);
    const second = score(first.after, first.ledger);
    expect(second.a.report.tables).toHaveLength(1);
    expect(second.a.plan.forms).toEqual(first.a.plan.forms);
    expect(second.a.plan.skipped).toEqual([]);
    const clear = planClear(second.after, second.ledger);
    expect([...(clear.deleteSheets ?? [])].sort()).toEqual([FORMS_SHEET, SUMMARY_SHEET].sort());
  });

  test("recorded by one digest, not cell by cell; a figure changed on it makes it the user's", () => {
    const first = score([base()]);
    expect(first.ledger.digest(FORMS_SHEET)).toMatch(/^v1:\d+:/);
    expect(first.ledger.columnsOf(FORMS_SHEET)).toEqual([]);
    expect(first.ledger.columnsOf(SUMMARY_SHEET).length).toBeGreaterThan(0); // the summary: cell by cell
    const forms = first.after.find((g) => g.name === FORMS_SHEET)!;
    const i = forms.values.findIndex((r) => r.includes("年度资金总额"));
    const j = forms.values[i].findIndex((v) => typeof v === "number");
    forms.values[i][j] = (forms.values[i][j] as number) + 1;
    expect(run(first.after, first.ledger).plan.forms).toBeNull();
    // The same figure to within float noise is still the tool's.
    forms.values[i][j] = (forms.values[i][j] as number) - 1 + 1e-12;
    expect(run(first.after, first.ledger).plan.forms).not.toBeNull();
  });

  test("ours, but a note typed on it since: the user's now, left alone by Score and Clear", () => {
    const first = score([base()]);
    const forms = first.after.find((g) => g.name === FORMS_SHEET)!;
    const row = forms.values.length;
    forms.values.push(["审核意见：同意"]);
    forms.text.push(["审核意见：同意"]);
    expect(row).toBeGreaterThan(0);
    const again = run(first.after, first.ledger);
    expect(again.plan.forms).toBeNull();
    expect(again.report.issues).toContainEqual(
      expect.objectContaining({ code: "OUTPUT_OCCUPIED", sheet: FORMS_SHEET })
    );
    expect(planClear(first.after, first.ledger).deleteSheets).toEqual([SUMMARY_SHEET]);
  });
});

describe("the summary sheet, ready to print", () => {
  const summaryOf = (report: Report, plan: OwnSheetPlan) => {
    const at = (row: number, col: number) =>
      plan.writes.find((w) => w.row === row && w.col === col);
    const header = plan.writes
      .filter((w) => w.row === SUMMARY_HEADER_ROW)
      .sort((a, b) => a.col - b.col)
      .map((w) => w.value);
    const col = (h: string) => header.indexOf(h);
    const totalRow = SUMMARY_HEADER_ROW + 1 + report.tables.length;
    return { at, header, col, totalRow };
  };

  test("title with the unit and year, 单位：万元, header repeated on every page, landscape", async () => {
    const { sheets, ledger } = await readWorkbook(EXAMPLE);
    const { plan, report } = run(sheets, ledger);
    const s = plan.summary!;
    const { at, header, col, totalRow } = summaryOf(report, s);
    expect(at(0, 0)?.value).toBe("天津市公安局车辆管理所2025年度项目支出绩效自评评分汇总表");
    expect(at(1, 0)?.value).toBe("单位：万元");
    expect(header.slice(0, 6)).toEqual([
      "工作表",
      "项目名称",
      "预算数",
      "全年执行数",
      "预算执行率",
      "预算执行得分",
    ]);
    expect(header.slice(-4)).toEqual(["总分", "等级", "未达成指标数", "评分完整"]);
    expect(
      s.writes.filter((w) => w.row === SUMMARY_HEADER_ROW).every((w) => w.style === "header")
    ).toBe(true);
    expect(s.layout!.page).toEqual({
      orientation: "landscape",
      paper: "A4",
      fitToWidth: true,
      printTitleRows: [SUMMARY_HEADER_ROW, SUMMARY_HEADER_ROW],
      rowBreaks: [],
    });
    checkStyled(s);
    // Every cell of the table part is bordered (no title/caption style below the title rows).
    expect(
      s.writes.filter(
        (w) => w.row >= SUMMARY_HEADER_ROW && (w.style === "title" || w.style === "caption")
      )
    ).toEqual([]);
    // Links to each table, in order.
    report.tables.forEach((t, i) =>
      expect(at(SUMMARY_HEADER_ROW + 1 + i, 1)).toMatchObject({
        value: t.project,
        link: expect.stringContaining(t.sheet),
      })
    );
    // 合计/平均: the label says which; amounts summed, scores averaged.
    expect(at(totalRow, 0)?.value).toBe(SUMMARY_TOTAL_LABEL);
    expect(String(at(totalRow, 1)?.value)).toMatch(/合计.*平均/);
    const sum = (f: (t: TableResult) => number | null) =>
      Math.round(report.tables.reduce((a, t) => a + (f(t) ?? 0), 0) * 100) / 100;
    expect(at(totalRow, col("预算数"))?.value).toBe(sum((t) => t.budget.planned));
    expect(at(totalRow, col("全年执行数"))?.value).toBe(sum((t) => t.budget.executed));
    const mean = sum((t) => t.total) / report.tables.length;
    expect(at(totalRow, col("总分"))?.value).toBeCloseTo(mean, 2);
    expect(at(totalRow, col("未达成指标数"))?.value).toBe(
      report.tables.reduce((a, t) => a + t.indicators.filter((i) => i.status === "unmet").length, 0)
    );
    expect(at(totalRow, col("评分完整"))?.value).toBe("7/7");
  });

  test("amounts a table states in 元 are shown in 万元", () => {
    const rows: FormRow[] = [
      {
        l1: "产出指标",
        l2: "数量指标",
        name: "维护系统",
        target: "≥6个",
        actual: "7个",
        weight: 90,
      },
    ];
    const f = form(rows, { planned: 1200000, executed: 960000, fundingLabel: "项目资金（元）" });
    const { plan, report } = run([f.grid]);
    expect(report.tables[0].budget.planned).toBe(1200000);
    const { at, col } = summaryOf(report, plan.summary!);
    expect(at(SUMMARY_HEADER_ROW + 1, col("预算数"))?.value).toBe(120);
    expect(at(SUMMARY_HEADER_ROW + 1, col("全年执行数"))?.value).toBe(96);
  });
});
