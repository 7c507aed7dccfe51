/** @jest-environment jsdom */
/**
 * Issue 18, points 4 and 5, over the real thing: the pane (App) with the real controller and Excel session
 * over the fake Excel host, on the bundled examples read by the .xlsx reader (and grids made from them).
 * What the pane says follows what the engine reported on the sheet: a table without a total is a warning,
 * never a success; a sheet with no table leaves nothing to undo and says where to look; after Undo the
 * cards show the sheet as it now is; findings come before the cards; every score opens to its working.
 */
import "./dom-shims";
import * as path from "path";
import * as React from "react";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { SheetGrid, analyzeWorkbook } from "../../src/core";
import { App } from "../../src/taskpane/App";
import { createController } from "../../src/taskpane/controller";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { FakeWorkbook, installFakeOffice } from "../excel/fake-excel";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
let yearEnd: SheetGrid[];
let targets: SheetGrid[];

beforeAll(async () => {
  yearEnd = (await readWorkbook(path.join(EXAMPLES, "year-end-2025.xlsx"))).sheets;
  targets = (await readWorkbook(path.join(EXAMPLES, "targets-2025.xlsx"))).sheets;
});

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { Excel?: unknown }).Excel;
});

const clone = (g: SheetGrid): SheetGrid => JSON.parse(JSON.stringify(g)) as SheetGrid;

/** The first table's first `n` actual cells blanked (found by the engine, as the pane would). */
function withBlankActuals(grids: SheetGrid[], n: number): SheetGrid[] {
  const out = grids.map(clone);
  const g = out[0];
  const { report, tables } = analyzeWorkbook(out, { lang: "zh" });
  const col = tables[0].columns.actual!;
  for (const ind of report.tables[0].indicators.slice(0, n)) {
    const r = ind.row - 1 - g.originRow;
    g.values[r][col - g.originCol] = null;
    g.text[r][col - g.originCol] = "";
  }
  return out;
}

/** A sheet with no indicator table on it. */
function notes(): SheetGrid {
  return {
    name: "说明",
    originRow: 0,
    originCol: 0,
    values: [["填表说明"], ["请在绩效目标表中填写实际完成值。"]],
    text: [["填表说明"], ["请在绩效目标表中填写实际完成值。"]],
  };
}

function mount(grids: SheetGrid[], active?: string) {
  const wb = FakeWorkbook.fromGrids(grids, active);
  installFakeOffice(wb);
  const controller = createController("zh");
  const view = render(<App controller={controller} initialLang="zh" />);
  return { wb, controller, ...view };
}

const click = async (name: string | RegExp) => {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
};
const press = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const notice = () => screen.getByTestId("notice");
const undoButton = () => screen.getByRole("button", { name: "撤销" }) as HTMLButtonElement;

describe("an honest notice (issue 18, point 4)", () => {
  test("all seven tables scored: green, in the clerk's words, no cell count", async () => {
    mount(yearEnd);
    await press(screen.getByRole("radio", { name: "整个工作簿" }));
    await click("一键评分");
    expect(notice().getAttribute("data-intent")).toBe("success");
    expect(notice().textContent).toContain(
      "评分完成：已为 7 张表评分，得分和总分已写入各表，并生成“评分汇总”和“绩效自评表（打印）”。另有 2 条警告、2 条提示，见下方检查结果。"
    );
    await click("English");
    expect(notice().textContent).toContain(
      "Scored: 7 tables scored, their scores and totals written into each table, and 评分汇总 and 绩效自评表（打印） made. Also 2 warnings, 2 info, listed below."
    );
    await click("中文");
    expect(notice().textContent).not.toMatch(/单元格/);
    expect(undoButton().disabled).toBe(false);
  });

  test("a table with blank actuals: a warning naming what is missing, never 评分完成", async () => {
    mount(withBlankActuals(yearEnd, 3));
    await click("一键评分");
    expect(notice().getAttribute("data-intent")).toBe("warning");
    const text = notice().textContent ?? "";
    expect(text).toContain(
      "1 张表评分不完整：3 处缺少实际完成值。请按下方检查结果补全后再点“一键评分”。其余 6 张表已评分。"
    );
    expect(text).not.toContain("评分完成");
    // The card of that table says so on its one line.
    const first = screen.getAllByTestId("summary-card")[0];
    expect(within(first).getByTestId("card-total").textContent).toBe("—");
    expect(within(first).getByTestId("card-status").textContent).toBe("评分不完整 · 缺 3 项");
    // The summary line above the findings counts the same.
    expect(screen.getByTestId("results-summary").textContent).toBe(
      "7 张表：6 张已评分，1 张评分不完整。检查结果 7 条（错误 3，警告 2，提示 2）"
    );
    // English says the same.
    await click("English");
    expect(notice().textContent).toContain(
      "1 table could not be fully scored: Actual missing ×3. Fix them as listed below, then Score again. Scored in full: 6 tables."
    );
  });

  test("a sheet with no table: a warning that says where to look, nothing to undo, and a way on", async () => {
    const { wb } = mount([notes(), ...yearEnd], "说明");
    await click("一键评分");
    expect(notice().getAttribute("data-intent")).toBe("warning");
    expect(notice().textContent).toContain(
      "当前工作表没有找到绩效指标表（需要“一级指标 / 三级指标 / 指标值”表头）。可以把范围改为“整个工作簿”再试。未写入任何内容。"
    );
    expect(undoButton().disabled).toBe(true);
    expect(wb.sheets.map((s) => s.name)).toEqual(["说明", "绩效目标表"]);
    const empty = screen.getByTestId("empty-state");
    expect(empty.textContent).toContain("没有找到绩效指标表");
    expect(empty.textContent).toContain("准备年终自评");
    // The way on: the whole workbook, validated.
    await press(within(empty).getByRole("button", { name: "在整个工作簿中查找" }));
    expect((screen.getByRole("radio", { name: "整个工作簿" }) as HTMLInputElement).checked).toBe(
      true
    );
    expect(screen.getAllByTestId("summary-card")).toHaveLength(7);
    expect(notice().textContent).toContain("校验完成：7 张表均可评分，没有错误。");
  });

  test("a target table (no actuals yet): a warning to prepare first; after 准备, what to fill in", async () => {
    mount(targets);
    await click("一键评分");
    expect(notice().getAttribute("data-intent")).toBe("warning");
    expect(notice().textContent).toContain(
      "7 张表还没有“实际完成值”列，尚不能评分：请先点“准备年终自评”，再填写实际完成值。"
    );
    const statuses = screen.getAllByTestId("card-status").map((b) => b.textContent);
    expect(statuses).toEqual(Array(7).fill("缺实际完成值列"));
    await click("准备年终自评");
    expect(notice().getAttribute("data-intent")).toBe("success");
    expect(notice().textContent).toContain("下一步：填写各指标的实际完成值");
    expect(screen.getByTestId("empty-state").textContent).toContain(
      "下一步：在各表的“实际完成值”列填写实际完成值"
    );
    expect(screen.queryByTestId("summary-card")).toBeNull();
  });
});

describe("after 撤销 and 清除, the sheet as it now is", () => {
  test("undoing 准备 shows the tables without actual columns again, and leaves nothing more to undo", async () => {
    mount(targets);
    await click("准备年终自评");
    await click("撤销");
    expect(notice().textContent).toContain("已撤销上一次操作。");
    // Re-read without writing: the columns 准备 added are gone, so is every table's actual column.
    const statuses = screen.getAllByTestId("card-status").map((b) => b.textContent);
    expect(statuses).toEqual(Array(7).fill("缺实际完成值列"));
    expect(undoButton().disabled).toBe(true);
  });

  test("undoing 一键评分: the figures are those of the sheet, marked as not written", async () => {
    const { wb } = mount(yearEnd);
    await click("一键评分");
    expect(screen.queryByTestId("not-in-sheet")).toBeNull();
    const before = wb.sheets.map((s) => s.name);
    expect(before).toContain("评分汇总");
    await click("撤销");
    expect(wb.sheets.map((s) => s.name)).not.toContain("评分汇总");
    expect(screen.getAllByTestId("summary-card")).toHaveLength(7);
    expect(screen.getByTestId("not-in-sheet").textContent).toBe(
      "以下是按工作表现有内容算出的结果，尚未写入工作表；点“一键评分”写入。"
    );
    // Scored again, they are in the sheet.
    await click("一键评分");
    expect(screen.queryByTestId("not-in-sheet")).toBeNull();
    await click("清除结果");
    expect(screen.getByTestId("not-in-sheet")).toBeTruthy();
  });
});

describe("findings first, grouped and collapsible; every score shown", () => {
  test("the findings come before the cards, grouped by table; a group closes and opens", async () => {
    mount(yearEnd);
    await click("校验");
    const findings = screen.getByTestId("findings");
    const tables = screen.getByTestId("tables");
    // DOM order: what is shown first at 340 px.
    expect(
      findings.compareDocumentPosition(tables) & Node.DOCUMENT_POSITION_FOLLOWING
    ).toBeTruthy();
    expect(
      screen.getByTestId("results-summary").compareDocumentPosition(findings) &
        Node.DOCUMENT_POSITION_FOLLOWING
    ).toBeTruthy();
    const groups = within(findings).getAllByTestId("finding-group");
    expect(groups.length).toBeGreaterThanOrEqual(2);
    const toggle = within(groups[0]).getByTestId("finding-group-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const count = within(groups[0]).getAllByTestId("finding").length;
    expect(count).toBeGreaterThan(0);
    await press(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(within(groups[0]).queryAllByTestId("finding")).toHaveLength(0);
    await press(toggle);
    expect(within(groups[0]).getAllByTestId("finding")).toHaveLength(count);
  });

  test("a blank actual's finding says how to fix it", async () => {
    mount(withBlankActuals(yearEnd, 1));
    await click("校验");
    const finding = screen
      .getAllByTestId("finding")
      .find((f) => within(f).queryByTestId("finding-kind")?.textContent === "缺少实际完成值")!;
    expect(within(finding).getByTestId("finding-fix").textContent).toBe(
      "怎么改：在该单元格填写实际完成值（定性指标填“达成”“部分达成”或“未达成”）。"
    );
  });

  test("a card selects its table; each indicator opens to its figures, its weight and its working", async () => {
    const { wb } = mount(yearEnd);
    await click("一键评分");
    const card = screen.getAllByTestId("summary-card")[1];
    await press(within(card).getByTestId("card-toggle"));
    // Excel selected the table: its sheet active, its header row's first cell selected.
    expect(wb.active).toBe("绩效目标表");
    expect(wb.selection).toEqual({ sheet: "绩效目标表", address: "A23" });
    const items = within(card).getAllByTestId("indicator");
    expect(items.length).toBeGreaterThan(3);
    const item = items[0];
    await press(within(item).getByTestId("indicator-toggle"));
    const figures = within(item).getByTestId("indicator-figures").textContent ?? "";
    expect(figures).toMatch(/^指标值.+实际完成值.+完成率\d+(\.\d+)?%得分\d+\.\d{2}\/[\d.]+$/);
    expect(within(item).getByTestId("explain-weight").textContent).toMatch(/^分值 /);
    expect(within(item).getByTestId("explain-score").textContent).toMatch(/得分 = /);
    await press(within(item).getByTestId("indicator-go"));
    expect(wb.selection?.address).toMatch(/^A\d+$/);
    // The budget line opens to its working too.
    await press(within(card).getByTestId("budget-toggle"));
    expect(within(card).getByTestId("explain-budget").textContent).toMatch(/^预算执行率 = /);
  });

  test("settings open from the header, above the results", async () => {
    mount(yearEnd);
    await click("一键评分");
    const toggle = screen.getByTestId("settings-toggle");
    expect(toggle.textContent).toBe("评分设置");
    await press(toggle);
    const save = await screen.findByRole("button", { name: "保存到工作簿" });
    expect(
      save.compareDocumentPosition(screen.getByTestId("findings")) &
        Node.DOCUMENT_POSITION_FOLLOWING
    ).toBeTruthy();
  });
});
