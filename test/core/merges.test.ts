import fc from "fast-check";
import { analyzeWorkbook, planPrepare } from "../../src/core/analyze";
import { applyPlanToGrids } from "../../src/core/apply-to-grid";
import { LEDGER_SHEET, Ledger, ledgerFromGrid } from "../../src/core/ledger";
import { Merges, areasOfAddress } from "../../src/core/merges";
import { cellWrites } from "../../src/core/plan-writes";
import { MergedArea, SheetGrid } from "../../src/core/types";
import { buildGrid } from "./grid-builder";

describe("Merges: which cells a merged area hides, how far right a table's merges reach", () => {
  const m = new Merges([
    { row: 2, col: 5, rows: 1, cols: 2 }, // F3:G3
    { row: 4, col: 0, rows: 3, cols: 1 }, // A5:A7
    { row: 9, col: 9, rows: 1, cols: 1 }, // a single cell is no merge
  ]);
  test.each([
    [2, 5, false], // the top-left cell holds the value
    [2, 6, true],
    [4, 0, false],
    [5, 0, true],
    [6, 0, true],
    [7, 0, false],
    [3, 6, false],
    [9, 9, false],
  ])("row %i col %i hidden → %s", (row, col, hidden) => {
    expect(m.hidden(row, col)).toBe(hidden);
  });

  test("rightEdge: areas starting in the columns and touching the rows", () => {
    expect(m.rightEdge(0, 10, 0, 5)).toBe(6); // F3:G3 starts in F
    expect(m.rightEdge(3, 10, 0, 5)).toBe(5); // rows 4–11 miss it
    expect(m.rightEdge(0, 10, 0, 4)).toBe(4); // starts right of the columns
    expect(new Merges().rightEdge(0, 10, 0, 4)).toBe(4);
  });

  test("agrees with a plain scan over random non-overlapping areas", () => {
    const area = fc.record({
      row: fc.nat(30),
      col: fc.nat(8),
      rows: fc.integer({ min: 1, max: 6 }),
      cols: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(area, { maxLength: 25 }), (raw) => {
        const areas: MergedArea[] = [];
        const overlaps = (a: MergedArea, b: MergedArea) =>
          a.row < b.row + b.rows &&
          b.row < a.row + a.rows &&
          a.col < b.col + b.cols &&
          b.col < a.col + a.cols;
        for (const a of raw) if (!areas.some((b) => overlaps(a, b))) areas.push(a);
        const m = new Merges(areas);
        for (let row = 0; row < 40; row++)
          for (let col = 0; col < 14; col++) {
            const a = areas.find((x) => overlaps(x, { row, col, rows: 1, cols: 1 }));
            const hidden = !!a && a.rows * a.cols > 1 && (a.row !== row || a.col !== col);
            expect(m.hidden(row, col)).toBe(hidden);
          }
        for (const [top, bottom, lo, hi] of [
          [0, 40, 0, 13],
          [5, 12, 2, 6],
          [20, 20, 0, 3],
        ]) {
          let edge = hi;
          for (const a of areas)
            if (
              a.rows * a.cols > 1 &&
              a.col >= lo &&
              a.col <= hi &&
              a.row <= bottom &&
              a.row + a.rows > top
            )
              edge = Math.max(edge, a.col + a.cols - 1);
          expect(m.rightEdge(top, bottom, lo, hi)).toBe(edge);
        }
      }),
      { numRuns: 200 }
    );
  });
});

describe("areasOfAddress: the merged areas Office.js reports as one address", () => {
  test.each([
    [
      "Sheet1!A1:B4, Sheet1!D1:D4",
      [
        [0, 0, 4, 2],
        [0, 3, 4, 1],
      ],
    ],
    [
      "绩效目标表!G4:H4,绩效目标表!$G$5:$H$5",
      [
        [3, 6, 1, 2],
        [4, 6, 1, 2],
      ],
    ],
    [
      "'表1, 2025!'!A1:C1, '表1, 2025!'!AA10:AB12",
      [
        [0, 0, 1, 3],
        [9, 26, 3, 2],
      ],
    ],
    ["Sheet1!A:B, Sheet1!3:4, Sheet1!C2:C3", [[1, 2, 2, 1]]], // whole columns and rows are left out
    ["", []],
  ])("%s", (address, expected) => {
    expect(areasOfAddress(address).map((a) => [a.row, a.col, a.rows, a.cols])).toEqual(expected);
  });
});

/** A year-end table whose 偏差原因 column is merged over F:G, on the header and every indicator row. */
function mergedReasonSheet(): SheetGrid {
  const g = buildGrid(
    [
      ["车管所运维项目2025绩效自评表"],
      ["项目名称", "车管所运维项目"],
      ["预算数", 100, "全年执行数", 95],
      ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"],
      ["产出指标", "数量指标", "维护系统", "≥6个", "7个", ""],
      ["产出指标", "质量指标", "故障率", "≤5%", "6%", "硬件老化"],
      ["效益指标", "社会效益指标", "作用", "作用显著", "达成", ""],
      ["满意度指标", "服务对象满意度指标", "满意度", "≥95%", "90%", ""],
    ],
    { name: "绩效表" }
  );
  g.merges = [3, 4, 5, 6, 7].map((row) => ({ row, col: 5, rows: 1, cols: 2 }));
  return g;
}

describe("tables with merged cells", () => {
  const run = (sheets: SheetGrid[], ledger = new Ledger()) =>
    analyzeWorkbook(sheets, { currentYear: 2025, ledger });

  test("the added 分值 / 得分 / 完成率 columns go right of a merged 偏差原因 column, never inside it", () => {
    const a = run([mergedReasonSheet()]);
    const runs = a.plan.runs.map((r) => [r.col, r.row, r.values.length]);
    expect(runs).toEqual([
      [7, 4, 4], // 分值 in H (the table has none)
      [9, 4, 4], // 完成率 in J
      [8, 4, 4], // 得分 in I
    ]);
    const cells = cellWrites(a.plan).filter((w) => w.sheet === "绩效表");
    expect(cells.filter((w) => w.col === 6)).toEqual([]); // G is hidden by the merges
    expect(a.plan.skipped).toEqual([]);
  });

  test("scoring twice equals once", () => {
    const sheets = [mergedReasonSheet()];
    const once = applyPlanToGrids(sheets, run(sheets).plan);
    const ledger = ledgerFromGrid(once.find((g) => g.name === LEDGER_SHEET));
    const second = run(once, ledger);
    expect(second.plan.skipped).toEqual([]);
    const twice = applyPlanToGrids(once, second.plan);
    expect(twice.map((g) => g.values)).toEqual(once.map((g) => g.values));
  });

  test("Prepare adds its columns right of the merges too", () => {
    const g = mergedReasonSheet();
    const plan = planPrepare([g], { currentYear: 2025 });
    const headers = plan.writes.filter((w) => w.row === 3).map((w) => [w.col, w.value]);
    expect(headers).toEqual([
      [7, "分值"],
      [8, "得分"],
      [9, "完成率"],
    ]);
  });

  test("an output cell a merge hides is left alone with its own finding", () => {
    const g = mergedReasonSheet();
    // The second indicator's 分值 cell (H6, the first column Score adds) hidden by a merge G6:H6 that the
    // user made instead of F6:G6.
    g.merges = [...g.merges!.filter((m) => m.row !== 5), { row: 5, col: 6, rows: 1, cols: 2 }];
    const a = run([g]);
    expect(a.plan.skipped.map((i) => [i.cell, i.code, i.params])).toEqual([
      ["H6", "OUTPUT_OCCUPIED", { merged: 1, what: "分值" }],
    ]);
    expect(a.plan.skipped[0].message).toBe(
      "输出单元格在合并单元格内（不是其左上角），写入的内容不会显示，未写入（分值）。"
    );
    expect(cellWrites(a.plan).some((w) => w.row === 5 && w.col === 7)).toBe(false);
  });
});
