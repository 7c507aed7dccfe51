/** @jest-environment jsdom */
import "./dom-shims";
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { Report } from "../../src/core";
import { ScorerError } from "../../src/excel/errors";
import type { RunResult } from "../../src/excel/session";
import { App } from "../../src/taskpane/App";
import type { Controller } from "../../src/taskpane/controller";

const XSS = "<img src=x onerror=alert(1)>";

function report(message = "指标“X”未完成目标，请填写偏差原因分析及改进措施。"): Report {
  return {
    version: 1,
    tables: [
      {
        sheet: "绩效目标表",
        headerRow: 7,
        layout: "self-evaluation",
        project: "车管所运维项目",
        indicators: [
          {
            row: 8,
            level1: "产出指标",
            level2: "数量指标",
            name: "X",
            target: "≥6个",
            actual: "5个",
            kind: "higher",
            weight: 25,
            completion: 0.8333,
            score: 20.83,
            status: "unmet",
            unitScore: null,
            explain: "正向指标：实际 5个 ÷ 目标 6个 = 83.33%；得分 = 分值 25 × 83.33% = 20.83",
            weightExplain: "分值 25：取自表中分值列",
          },
          {
            row: 9,
            level1: "效益指标",
            level2: "社会效益",
            name: "Y",
            target: "≥6个",
            actual: "7个",
            kind: "higher",
            weight: 30,
            completion: 1.1667,
            score: 30,
            status: "met",
            unitScore: null,
            explain:
              "正向指标：实际 7个 ÷ 目标 6个 = 116.67%，按 100% 计；得分 = 分值 30 × 100% = 30.00",
            weightExplain: "分值 30：取自表中分值列",
          },
        ],
        categories: [
          { level1: "产出指标", weight: 50, score: 45.83 },
          { level1: "效益指标", weight: 30, score: 30 },
        ],
        budget: {
          planned: 97,
          executed: 92.5,
          rate: 0.9536,
          weight: 10,
          score: 9.54,
          explain:
            "预算执行率 = 全年执行数 92.50 ÷ 全年预算数 97.00 = 95.36%；得分 = 10 × 95.36% = 9.54",
          unitScore: null,
          unitRate: null,
        },
        total: 85.37,
        grade: "良",
        complete: true,
        review: false,
        unitTotal: null,
      },
    ],
    issues: [
      { severity: "warning", code: "REASON_MISSING", sheet: "绩效目标表", cell: "G8", message },
      {
        severity: "error",
        code: "WEIGHTS_SUM",
        sheet: "绩效目标表",
        cell: "H7",
        message: "分值合计 90，应为 100。",
      },
      {
        severity: "info",
        code: "NO_TABLE",
        sheet: "说明",
        cell: null,
        message: "此工作表没有绩效指标表。",
      },
    ],
  };
}

function result(kind: RunResult["kind"], r: Report | null = report(), decimals = 2): RunResult {
  return {
    kind,
    report: r,
    skipped: [],
    cellsWritten: 12,
    stats: null,
    attempts: 1,
    decimals: r ? decimals : null,
  };
}

function mockController(overrides: Partial<Controller> = {}): jest.Mocked<Controller> {
  let undoable = false;
  const c: jest.Mocked<Controller> = {
    validate: jest.fn(async () => result("validate")),
    score: jest.fn(async () => {
      undoable = true;
      return result("score");
    }),
    prepare: jest.fn(async () => result("prepare", null)),
    undo: jest.fn(async () => {
      undoable = false;
      return result("undo", null);
    }),
    clear: jest.fn(async () => result("clear", null)),
    canUndo: jest.fn(() => undoable),
    supported: jest.fn(() => true),
    navigate: jest.fn(async () => undefined),
    loadProfile: jest.fn(() => ({})),
    saveProfile: jest.fn(async () => undefined),
    resetProfile: jest.fn(async () => undefined),
    setLang: jest.fn(),
    onProgress: jest.fn(),
    ...overrides,
  } as jest.Mocked<Controller>;
  return c;
}

const click = async (name: string | RegExp) => {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
};

describe("task pane", () => {
  test("each button calls the controller, with the chosen scope", async () => {
    const c = mockController();
    render(<App controller={c} initialLang="zh" />);
    await click("校验");
    expect(c.validate).toHaveBeenCalledWith("active");
    await act(async () => {
      fireEvent.click(screen.getByRole("radio", { name: "整个工作簿" }));
    });
    await click("一键评分");
    expect(c.score).toHaveBeenCalledWith("workbook");
    await click("准备年终自评");
    expect(c.prepare).toHaveBeenCalledWith("workbook");
    expect((screen.getByRole("button", { name: "撤销" }) as HTMLButtonElement).disabled).toBe(
      false
    );
    await click("撤销");
    expect(c.undo).toHaveBeenCalled();
    expect((screen.getByRole("button", { name: "撤销" }) as HTMLButtonElement).disabled).toBe(true);
    await click("清除结果");
    expect(c.clear).toHaveBeenCalled();
  });

  test("findings are grouped by table and severity; clicking one navigates to its cell", async () => {
    const c = mockController();
    render(<App controller={c} initialLang="zh" />);
    await click("校验");
    const groups = screen.getAllByTestId("finding-group");
    expect(groups).toHaveLength(2);
    expect(within(groups[0]).getByText("车管所运维项目")).toBeTruthy();
    // errors before warnings inside a table
    const badges = within(groups[0]).getAllByText(/错误|警告/);
    expect(badges[0].textContent).toMatch(/错误/);
    expect(within(groups[1]).getByText("工作表: 说明")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByText("绩效目标表!G8"));
    });
    expect(c.navigate).toHaveBeenCalledWith("绩效目标表", "G8");
    // the summary card: one line (total, grade) that opens to its bars and selects its table
    const card = screen.getByTestId("summary-card");
    expect(within(card).getByTestId("card-total").textContent).toBe("85.37");
    expect(within(card).getByText("等级 良")).toBeTruthy();
    expect(within(card).queryAllByRole("progressbar")).toHaveLength(0);
    await act(async () => {
      fireEvent.click(within(card).getByTestId("card-toggle"));
    });
    expect(c.navigate).toHaveBeenLastCalledWith("绩效目标表", "A7");
    expect(within(card).getByText(/未达成指标 1/)).toBeTruthy();
    expect(within(card).getAllByRole("progressbar")).toHaveLength(3);
  });

  test("totals and scores are shown with the profile's decimals (99.80, not 99.8)", async () => {
    const r = report();
    r.tables[0].total = 99.8;
    r.tables[0].categories[1].score = 30;
    const c = mockController({ score: jest.fn(async () => result("score", r, 2)) });
    render(<App controller={c} initialLang="zh" />);
    await click("一键评分");
    const card = screen.getByTestId("summary-card");
    expect(within(card).getByTestId("card-total").textContent).toBe("99.80");
    await act(async () => {
      fireEvent.click(within(card).getByTestId("card-toggle"));
    });
    expect(within(card).getByText(/效益指标 30\.00\/30/)).toBeTruthy();
    expect(within(card).getByText(/预算执行 9\.54\/10/)).toBeTruthy();
    // a profile with 0 decimals: whole numbers, as written into the sheet
    const r0 = report();
    r0.tables[0].total = 96;
    c.score.mockImplementationOnce(async () => result("score", r0, 0));
    await click("一键评分");
    expect(within(screen.getByTestId("summary-card")).getByTestId("card-total").textContent).toBe(
      "96"
    );
  });

  test("帮助 opens the help page shipped beside the pane, in a new window", () => {
    render(<App controller={mockController()} initialLang="zh" />);
    const link = screen.getByTestId("help-link");
    expect(link.textContent).toBe("帮助");
    expect(link.getAttribute("href")).toBe("help.html");
    expect(link.getAttribute("target")).toBe("_blank");
  });

  test("the language switch changes the words and tells the controller", async () => {
    const c = mockController();
    render(<App controller={c} initialLang="zh" />);
    expect(screen.getByRole("button", { name: "一键评分" })).toBeTruthy();
    await click("English");
    expect(screen.getByRole("button", { name: "Score" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Validate" })).toBeTruthy();
    expect(c.setLang).toHaveBeenLastCalledWith("en");
    await click("中文");
    expect(screen.getByRole("button", { name: "校验" })).toBeTruthy();
  });

  test("the message shown and the grade badges follow a language switch made after the action", async () => {
    const c = mockController({
      validate: jest.fn(async () => {
        throw new ScorerError("protected", { sheets: "绩效目标表" });
      }),
    });
    render(<App controller={c} initialLang="zh" />);
    await click("一键评分");
    // One table scored, one error (分值合计): not a success, and it says what to fix.
    expect(screen.getByRole("status").textContent).toContain(
      "已为 1 张表评分，但有 1 个错误需要处理：1 处分值合计有误。"
    );
    const badge = () => within(screen.getByTestId("summary-card")).getByText(/良/);
    expect(badge().textContent).toBe("等级 良");
    await click("English");
    const status = screen.getByRole("status").textContent ?? "";
    expect(status).toContain("1 table scored, with 1 error to fix: Weights do not add up ×1.");
    expect(status).not.toMatch(/[\u4e00-\u9fff]/);
    expect(badge().textContent).toBe("Good (良)");
    await click("Validate");
    expect(screen.getByRole("alert").textContent).toContain("The sheet is protected");
    await click("中文");
    expect(screen.getByRole("alert").textContent).toContain(
      "工作表受保护，无法写入结果（绩效目标表）"
    );
    expect(badge().textContent).toBe("等级 良");
  });

  test("failures are shown in plain words", async () => {
    const c = mockController({
      score: jest.fn(async () => {
        throw new ScorerError("protected", { sheets: "绩效目标表" });
      }),
      validate: jest.fn(async () => {
        throw Object.assign(new Error("The cell is being edited"), {
          code: "InvalidOperationInCellEditMode",
        });
      }),
    });
    render(<App controller={c} initialLang="zh" />);
    await click("一键评分");
    expect(screen.getByRole("alert").textContent).toContain(
      "工作表受保护，无法写入结果（绩效目标表）"
    );
    await click("校验");
    expect(screen.getByRole("alert").textContent).toContain("请先完成单元格编辑");
    await click("English");
    await click("Score");
    expect(screen.getByRole("alert").textContent).toContain("The sheet is protected");
  });

  test("in WPS the failure texts name WPS 表格, not Excel; a sheet's name and the host's detail stay as they are", async () => {
    const c = mockController({
      host: "wps",
      score: jest.fn(async () => {
        throw new ScorerError("api", { detail: "Excel-like detail" });
      }),
      prepare: jest.fn(async () => {
        throw new ScorerError("protected", { sheets: "Excel数据" });
      }),
    });
    render(<App controller={c} initialLang="zh" />);
    await click("一键评分");
    const text = screen.getByRole("alert").textContent ?? "";
    expect(text).toContain("WPS 表格 拒绝了操作。");
    expect(text).toContain("Excel-like detail");
    expect(text.replace("Excel-like detail", "")).not.toContain("Excel");
    await click("准备年终自评");
    expect(screen.getByRole("alert").textContent).toContain("无法写入结果（Excel数据）");
    await click("English");
    await click("Score");
    expect(screen.getByRole("alert").textContent).toContain(
      "WPS Spreadsheets refused the operation."
    );
  });

  test("a read-only workbook is named as such, not as a protected sheet; Validate there says its marks were left out; a Score Excel took says Save As keeps it", async () => {
    const c = mockController({
      score: jest.fn(async () => {
        throw new ScorerError("readOnly");
      }),
      validate: jest.fn(async () => ({ ...result("validate"), readOnly: "refused" as const })),
      undo: jest.fn(async () => {
        throw Object.assign(new Error("You cannot perform the requested operation."), {
          code: "AccessDenied",
        });
      }),
      canUndo: jest.fn(() => true),
    });
    render(<App controller={c} initialLang="zh" />);
    await click("一键评分");
    const zh = screen.getByRole("alert").textContent;
    expect(zh).toContain("工作簿以只读方式打开，无法写入");
    expect(zh).not.toContain("受保护");
    await click("校验");
    expect(screen.getByRole("status").textContent).toContain("未标出未达成的指标");
    await click("撤销");
    expect(screen.getByRole("alert").textContent).toContain(
      "访问被拒绝）。请确认工作簿可以编辑（不是只读或仅查看），再重试。详情：You cannot perform"
    );
    await click("English");
    await click("Score");
    expect(screen.getByRole("alert").textContent).toContain(
      "The workbook is open read-only, so nothing was written."
    );
    // On the desktop Excel takes the writes: the pane says how to keep them.
    jest
      .mocked(c.score)
      .mockImplementationOnce(async () => ({ ...result("score"), readOnly: "written" as const }));
    await click("Score");
    expect(screen.getByRole("status").textContent).toContain(
      "The workbook is open read-only: to keep these changes, save a copy (Save As)."
    );
    await click("Validate");
    expect(screen.getByRole("status").textContent).toContain(
      "Also 1 warning, 1 info, listed below. The workbook is open read-only, so unmet targets were not highlighted."
    );
  });

  test("a host without ExcelApi 1.7 is told up front and the buttons are off", () => {
    render(
      <App controller={mockController({ supported: jest.fn(() => false) })} initialLang="zh" />
    );
    expect(screen.getByRole("alert").textContent).toContain("需要 ExcelApi 1.7");
    expect((screen.getByRole("button", { name: "一键评分" }) as HTMLButtonElement).disabled).toBe(
      true
    );
  });

  test("cell text is shown literally, never as HTML", async () => {
    const c = mockController({ validate: jest.fn(async () => result("validate", report(XSS))) });
    const { container } = render(<App controller={c} initialLang="zh" />);
    await click("校验");
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
  });

  test("the settings panel loads lazily and saves the profile", async () => {
    const c = mockController();
    render(<App controller={c} initialLang="zh" />);
    await click("评分设置");
    const save = await screen.findByRole("button", { name: "保存到工作簿" });
    fireEvent.change(screen.getByLabelText("得分小数位数"), { target: { value: "0" } });
    await act(async () => {
      fireEvent.click(save);
    });
    await waitFor(() => expect(c.saveProfile).toHaveBeenCalled());
    expect(c.saveProfile.mock.calls[0][0]).toMatchObject({
      decimals: 0,
      reverseRule: "linear",
      weights: { budget: 10, 产出指标: 50 },
    });
    expect(screen.getByText("评分设置已保存到本工作簿。")).toBeTruthy();
    await click("恢复财政部默认");
    expect(c.resetProfile).toHaveBeenCalled();
  });
});
