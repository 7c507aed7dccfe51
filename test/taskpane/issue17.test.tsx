/** @jest-environment jsdom */
/**
 * The pane's side of issue 17: review mode (复核) on the card and its differences as findings, the six new
 * findings' names in both languages, every figure explained, and the settings the engine checks
 * (scoring-spec §1, §5, §7, §8).
 */
import "./dom-shims";
import * as React from "react";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { IssueCode, ProfileOverrides, Report, TableResult, resolveProfile } from "../../src/core";
import type { RunResult } from "../../src/excel/session";
import { PROFILE_SETTING, saveProfile } from "../../src/excel/settings";
import { App } from "../../src/taskpane/App";
import type { Controller } from "../../src/taskpane/controller";
import { STRINGS, profileRefusal } from "../../src/taskpane/i18n";

const SHEET = "自评表";
const XSS = "<img src=x onerror=alert(1)>";

/** Every finding code there is: none of them may show in the pane's text. */
const ALL_CODES: IssueCode[] = [
  "NO_TABLE",
  "TARGET_UNPARSED",
  "ACTUAL_MISSING",
  "ACTUAL_INVALID",
  "UNIT_MISMATCH",
  "REASON_MISSING",
  "WEIGHTS_SUM",
  "BUDGET_MISSING",
  "BUDGET_INCONSISTENT",
  "OVER_ACHIEVED",
  "OUTPUT_OCCUPIED",
  "TARGET_MISSING",
  "NOT_APPLICABLE",
  "HIDDEN_ROWS",
  "BUDGET_INVALID",
  "SCORE_DIFFERS",
  "TOTAL_DIFFERS",
];
const NEW_CODES: IssueCode[] = [
  "TARGET_MISSING",
  "NOT_APPLICABLE",
  "HIDDEN_ROWS",
  "BUDGET_INVALID",
  "SCORE_DIFFERS",
  "TOTAL_DIFFERS",
];

function table(over: Partial<TableResult> = {}): TableResult {
  return {
    sheet: SHEET,
    headerRow: 6,
    layout: "self-evaluation",
    project: "农村饮水安全项目",
    indicators: [
      {
        row: 7,
        level1: "产出指标",
        level2: "数量指标",
        name: "新建水厂",
        target: "≥95%",
        actual: "90%",
        kind: "higher",
        weight: 10,
        completion: 0.9474,
        score: 9.47,
        status: "unmet",
        unitScore: 9,
        explain: "正向指标：实际 90% ÷ 目标 95% = 94.74%；得分 = 分值 10 × 94.74% = 9.47",
        weightExplain: "分值 10：取自表中分值列",
      },
      {
        row: 8,
        level1: "效益指标",
        level2: "社会效益指标",
        name: "受益人口",
        target: "≥6万人",
        actual: "7万人",
        kind: "higher",
        weight: 80,
        completion: 1.1667,
        score: 80,
        status: "met",
        unitScore: 80,
        explain:
          "正向指标：实际 7万人 ÷ 目标 6万人 = 116.67%，按 100% 计；得分 = 分值 80 × 100% = 80.00",
        weightExplain: "分值 80：取自表中分值列",
      },
    ],
    categories: [
      { level1: "产出指标", weight: 10, score: 9.47 },
      { level1: "效益指标", weight: 80, score: 80 },
    ],
    budget: {
      planned: 6300,
      executed: 6215.4,
      rate: 0.9866,
      weight: 10,
      score: 9.87,
      explain:
        "预算执行率 = 全年执行数 6215.40 ÷ 全年预算数 6300.00 = 98.66%；得分 = 10 × 98.66% = 9.87",
      unitScore: 10,
      unitRate: null,
    },
    total: 99.34,
    grade: "优",
    complete: true,
    review: true,
    unitTotal: 93,
    ...over,
  };
}

function reviewReport(): Report {
  return {
    version: 1,
    tables: [table()],
    issues: [
      {
        severity: "warning",
        code: "SCORE_DIFFERS",
        sheet: SHEET,
        cell: "H7",
        message: `工作表“${SHEET}”H7：指标“新建水厂”自评得分 9.00，复核得分 9.47（正向指标：90% ÷ 95% × 10）。请核对该项得分。`,
      },
      {
        severity: "warning",
        code: "TOTAL_DIFFERS",
        sheet: SHEET,
        cell: "H9",
        message: `工作表“${SHEET}”H9：自评总分 93.00，复核总分 99.34，差异 +6.34。请逐项核对标出差异的得分。`,
      },
      {
        severity: "warning",
        code: "REASON_MISSING",
        sheet: SHEET,
        cell: "I7",
        message: "指标“新建水厂”未完成目标，请填写偏差原因分析及改进措施。",
      },
    ],
  };
}

function result(r: Report | null, decimals = 2): RunResult {
  return {
    kind: "validate",
    report: r,
    skipped: [],
    cellsWritten: 0,
    stats: null,
    attempts: 1,
    decimals: r ? decimals : null,
  };
}

function mockController(overrides: Partial<Controller> = {}): jest.Mocked<Controller> {
  return {
    validate: jest.fn(async () => result(reviewReport())),
    score: jest.fn(async () => result(reviewReport())),
    prepare: jest.fn(async () => result(null)),
    undo: jest.fn(async () => result(null)),
    clear: jest.fn(async () => result(null)),
    canUndo: jest.fn(() => false),
    supported: jest.fn(() => true),
    navigate: jest.fn(async () => undefined),
    loadProfile: jest.fn(() => ({})),
    saveProfile: jest.fn(async () => undefined),
    resetProfile: jest.fn(async () => undefined),
    setLang: jest.fn(),
    onProgress: jest.fn(),
    ...overrides,
  } as jest.Mocked<Controller>;
}

const click = async (name: string | RegExp) => {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
};

/** Opens a card (or an indicator) line: the pane shows one line a table until it is opened. */
const open = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const openCard = () => open(within(screen.getByTestId("summary-card")).getByTestId("card-toggle"));

describe("review mode (复核, §7)", () => {
  test("the card shows 自评总分 / 复核总分 / 差异 and how many figures differ", async () => {
    render(<App controller={mockController()} initialLang="zh" />);
    await click("校验");
    const card = screen.getByTestId("summary-card");
    expect(within(card).getByTestId("card-total").textContent).toBe("99.34");
    // On the card's one line already: the difference to the unit's total.
    expect(within(card).getByTestId("card-line-difference").textContent).toBe("差异 +6.34");
    await openCard();
    const review = within(card).getByTestId("card-review");
    expect(within(review).getByText("自评总分")).toBeTruthy();
    expect(within(review).getByText("复核总分")).toBeTruthy();
    expect(within(review).getByText("差异")).toBeTruthy();
    expect(within(review).getByTestId("card-unit-total").textContent).toBe("93.00");
    expect(within(review).getByTestId("card-review-total").textContent).toBe("99.34");
    expect(within(review).getByTestId("card-difference").textContent).toBe("+6.34");
    expect(within(review).getByTestId("card-differences").textContent).toBe("2 处得分与自评不一致");
    await click("English");
    const en = within(screen.getByTestId("card-review"));
    expect(en.getByText("Unit's total")).toBeTruthy();
    expect(en.getByText("Reviewed total")).toBeTruthy();
    expect(en.getByText("Difference")).toBeTruthy();
  });

  test("a lower reviewed total shows a negative difference, with the profile's decimals", async () => {
    const r = reviewReport();
    r.tables[0] = table({ total: 91, unitTotal: 93 });
    render(
      <App
        controller={mockController({ validate: jest.fn(async () => result(r, 0)) })}
        initialLang="zh"
      />
    );
    await click("校验");
    await openCard();
    expect(screen.getByTestId("card-unit-total").textContent).toBe("93");
    expect(screen.getByTestId("card-difference").textContent).toBe("-2");
  });

  test("outside review mode the card has no such figures", async () => {
    const r = reviewReport();
    r.tables[0] = table({ review: false, unitTotal: null });
    r.issues = [];
    render(
      <App
        controller={mockController({ validate: jest.fn(async () => result(r)) })}
        initialLang="zh"
      />
    );
    await click("校验");
    await openCard();
    expect(screen.queryByTestId("card-review")).toBeNull();
    expect(screen.queryByText("自评总分")).toBeNull();
    expect(within(screen.getByTestId("summary-card")).getByTestId("card-where").textContent).toBe(
      `${SHEET}!6 · 未达成指标 1`
    );
  });

  test("each difference is listed as a finding with the cell to fix, and goes there on a click", async () => {
    const c = mockController();
    render(<App controller={c} initialLang="zh" />);
    await click("校验");
    const findings = screen.getAllByTestId("finding");
    const score = findings.find((f) => f.textContent?.includes("自评得分 9.00"))!;
    const total = findings.find((f) => f.textContent?.includes("自评总分 93.00"))!;
    expect(within(score).getByText(`${SHEET}!H7`)).toBeTruthy();
    expect(within(score).getByTestId("finding-kind").textContent).toBe("得分与自评不一致");
    expect(within(total).getByText(`${SHEET}!H9`)).toBeTruthy();
    expect(within(total).getByTestId("finding-kind").textContent).toBe("总分与自评不一致");
    await act(async () => {
      fireEvent.click(score);
    });
    expect(c.navigate).toHaveBeenLastCalledWith(SHEET, "H7");
    await act(async () => {
      fireEvent.click(total);
    });
    expect(c.navigate).toHaveBeenLastCalledWith(SHEET, "H9");
  });
});

describe("the six new findings have names of their own (zh and en), never their codes", () => {
  function allNew(): Report {
    const r = reviewReport();
    r.issues = NEW_CODES.map((code, i) => ({
      severity: "warning" as const,
      code,
      sheet: SHEET,
      cell: `C${7 + i}`,
      message: `消息 ${i}`,
    }));
    return r;
  }
  const expected: Record<"zh" | "en", string[]> = {
    zh: [
      "缺少指标值",
      "不适用，不评分",
      "隐藏或筛选掉的行",
      "预算金额无法识别",
      "得分与自评不一致",
      "总分与自评不一致",
    ],
    en: [
      "Target missing",
      "Not applicable, not scored",
      "Hidden or filtered-out rows",
      "Budget amount unreadable",
      "Score differs from the unit's",
      "Total differs from the unit's",
    ],
  };

  test("each is shown by name beside its cell, in Chinese and in English", async () => {
    const { container } = render(
      <App
        controller={mockController({ validate: jest.fn(async () => result(allNew())) })}
        initialLang="zh"
      />
    );
    await click("校验");
    const kinds = () => screen.getAllByTestId("finding-kind").map((k) => k.textContent);
    expect(kinds().sort()).toEqual([...expected.zh].sort());
    const codes = new RegExp(ALL_CODES.join("|"));
    expect(container.textContent).not.toMatch(codes);
    await click("English");
    expect(kinds().sort()).toEqual([...expected.en].sort());
    expect(container.textContent).not.toMatch(codes);
  });

  test("every code has a name in both languages; no Chinese name holds Latin letters", () => {
    for (const code of ALL_CODES) {
      expect(STRINGS.zh.codes[code]).toBeTruthy();
      expect(STRINGS.en.codes[code]).toBeTruthy();
      expect(STRINGS.zh.codes[code]).not.toMatch(/[A-Za-z]/);
      expect(STRINGS.zh.codes[code]).not.toBe(STRINGS.en.codes[code]);
    }
  });
});

describe("every figure explained (§8)", () => {
  test("an opened card lists the budget and each indicator; each opens to its figures and lines, as text", async () => {
    const r = reviewReport();
    r.tables[0].indicators[1].explain = XSS;
    const { container } = render(
      <App
        controller={mockController({ validate: jest.fn(async () => result(r)) })}
        initialLang="zh"
      />
    );
    await click("校验");
    expect(screen.queryByTestId("indicator-list")).toBeNull();
    await openCard();
    const list = screen.getByTestId("indicator-list");
    await open(within(list).getByTestId("budget-toggle"));
    expect(within(list).getByTestId("explain-budget").textContent).toContain(
      "预算执行率 = 全年执行数 6215.40 ÷ 全年预算数 6300.00 = 98.66%；得分 = 10 × 98.66% = 9.87"
    );
    const rows = within(list).getAllByTestId("indicator");
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("第 7 行 新建水厂");
    expect(rows[0].textContent).toContain("9.47/10");
    // Closed, an indicator is one line; opened, its figures and both lines.
    expect(within(rows[0]).queryByTestId("explain-score")).toBeNull();
    const toggle = within(rows[0]).getByTestId("indicator-toggle");
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await open(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(within(rows[0]).getByTestId("explain-weight").textContent).toBe(
      "分值 10：取自表中分值列"
    );
    expect(within(rows[0]).getByTestId("explain-score").textContent).toBe(
      "正向指标：实际 90% ÷ 目标 95% = 94.74%；得分 = 分值 10 × 94.74% = 9.47"
    );
    expect(within(rows[0]).getByTestId("indicator-figures").textContent).toBe(
      "指标值≥95%实际完成值90%完成率94.74%得分9.47/10"
    );
    await open(within(rows[1]).getByTestId("indicator-toggle"));
    expect(within(rows[1]).getByTestId("explain-score").textContent).toBe(XSS);
    expect(container.querySelector("img")).toBeNull();
    await open(toggle);
    expect(within(rows[0]).queryByTestId("explain-score")).toBeNull();
  });

  test("an unscored indicator says so; an indicator's explanation follows a finding on its row", async () => {
    const r = reviewReport();
    r.tables[0].indicators[0] = {
      ...r.tables[0].indicators[0],
      score: null,
      completion: null,
      status: "missing",
      explain: null,
    };
    r.tables[0].indicators[1].row = 8;
    r.issues.push({
      severity: "info",
      code: "OVER_ACHIEVED",
      sheet: SHEET,
      cell: "F8",
      message: "指标“受益人口”完成率 116.67%，超额完成较多，请说明原因（目标值可能设置偏低）。",
    });
    render(
      <App
        controller={mockController({ validate: jest.fn(async () => result(r)) })}
        initialLang="zh"
      />
    );
    await click("校验");
    const over = screen
      .getAllByTestId("finding")
      .find((f) => f.textContent?.includes("超额完成较多"))!;
    expect(within(over).getByTestId("finding-explain").textContent).toBe(
      "正向指标：实际 7万人 ÷ 目标 6万人 = 116.67%，按 100% 计；得分 = 分值 80 × 100% = 80.00"
    );
    // A difference's message quotes the rule already: no second line.
    const differs = screen
      .getAllByTestId("finding")
      .find((f) => f.textContent?.includes("自评得分 9.00"))!;
    expect(within(differs).queryByTestId("finding-explain")).toBeNull();
    await openCard();
    const first = screen.getAllByTestId("indicator")[0];
    await open(within(first).getByTestId("indicator-toggle"));
    expect(within(first).getByTestId("explain-score").textContent).toBe("未评分");
  });
});

describe("settings the engine checks (§5)", () => {
  /** Office.context.document.settings, as the add-in stores the profile. */
  function installSettings() {
    const store = new Map<string, unknown>();
    const settings = {
      get: jest.fn((k: string) => store.get(k)),
      set: jest.fn((k: string, v: unknown) => store.set(k, v)),
      remove: jest.fn((k: string) => store.delete(k)),
      saveAsync: jest.fn((cb: (r: { status: string }) => void) => cb({ status: "succeeded" })),
    };
    (globalThis as { Office?: unknown }).Office = { context: { document: { settings } } };
    return { store, settings };
  }
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  async function openSettings(c: Controller, lang: "zh" | "en" = "zh") {
    render(<App controller={c} initialLang={lang} />);
    await click(lang === "zh" ? "评分设置" : "Scoring settings");
    await screen.findByRole("button", {
      name: lang === "zh" ? "保存到工作簿" : "Save to workbook",
    });
  }
  const set = (label: string, value: string) =>
    fireEvent.change(screen.getByLabelText(label), { target: { value } });

  test("hiddenRows and reviewTolerance can be set and are saved in the workbook", async () => {
    const { store } = installSettings();
    const c = mockController({ saveProfile: jest.fn(saveProfile) });
    await openSettings(c);
    set("隐藏或筛选掉的行", "include");
    set("复核容差（分）", "0.5");
    await click("保存到工作簿");
    expect(c.saveProfile).toHaveBeenCalledTimes(1);
    const saved = store.get(PROFILE_SETTING) as ProfileOverrides;
    expect(saved).toMatchObject({ hiddenRows: "include", reviewTolerance: 0.5 });
    expect(resolveProfile(saved)).toMatchObject({ hiddenRows: "include", reviewTolerance: 0.5 });
    expect(screen.getByText("评分设置已保存到本工作簿。")).toBeTruthy();
    expect(screen.queryByTestId("settings-refused")).toBeNull();
  });

  test("the form starts from the workbook's profile, bands and grades kept on save", async () => {
    const { store } = installSettings();
    const initial: ProfileOverrides = {
      hiddenRows: "include",
      reviewTolerance: 0.25,
      grades: { 优: 85 },
    };
    const c = mockController({
      loadProfile: jest.fn(() => initial),
      saveProfile: jest.fn(saveProfile),
    });
    await openSettings(c);
    expect((screen.getByLabelText("隐藏或筛选掉的行") as HTMLSelectElement).value).toBe("include");
    expect((screen.getByLabelText("复核容差（分）") as HTMLInputElement).value).toBe("0.25");
    await click("保存到工作簿");
    expect(store.get(PROFILE_SETTING)).toMatchObject({ grades: { 优: 85 }, reviewTolerance: 0.25 });
  });

  test("a profile the engine refuses is not saved, and the pane says why, naming the setting, in the user's language", async () => {
    const { store, settings } = installSettings();
    const c = mockController({ saveProfile: jest.fn(saveProfile) });
    await openSettings(c);
    set("复核容差（分）", "-1");
    await click("保存到工作簿");
    expect(settings.set).not.toHaveBeenCalled();
    expect(settings.saveAsync).not.toHaveBeenCalled();
    expect(store.has(PROFILE_SETTING)).toBe(false);
    const refused = screen.getByTestId("settings-refused");
    expect(refused.textContent).toBe("评分设置未保存：“复核容差（分）”不能为负数（现为 -1）");
    expect(refused.textContent).not.toMatch(/[A-Za-z]/);
    expect(screen.queryByText("评分设置已保存到本工作簿。")).toBeNull();
    await click("English");
    expect(screen.getByTestId("settings-refused").textContent).toBe(
      "Scoring settings not saved: Review tolerance (points) must not be negative (found -1)"
    );
    // Weights that do not add up to 100; then an empty box.
    set("Review tolerance (points)", "0.1");
    set("Budget points", "20");
    await click("Save to workbook");
    expect(screen.getByTestId("settings-refused").textContent).toBe(
      "Scoring settings not saved: the budget and category points must add up to 100 (found 110)"
    );
    await click("中文");
    expect(screen.getByTestId("settings-refused").textContent).toBe(
      "评分设置未保存：“预算执行与各一级指标的分值”合计须为 100（现为 110）"
    );
    set("预算执行分值", "10");
    set("得分小数位数", "");
    await click("保存到工作簿");
    expect(screen.getByTestId("settings-refused").textContent).toBe(
      "评分设置未保存：“得分小数位数”须填写数字"
    );
    expect(store.has(PROFILE_SETTING)).toBe(false);
    // Put right: saved, and the refusal goes.
    set("得分小数位数", "1");
    await click("保存到工作簿");
    expect(screen.queryByTestId("settings-refused")).toBeNull();
    expect(store.get(PROFILE_SETTING)).toMatchObject({ decimals: 1 });
  });

  test("every refusal the engine words is told in Chinese without its field names or English", () => {
    const bad: unknown[] = [
      { weights: { budget: -5, 产出指标: 65 } },
      { weights: { budget: 20 } },
      { weights: { budget: null } },
      { weights: { 其他: 5 } },
      { weights: [] },
      { bands: { 达成: 2 } },
      { bands: { 达成: 0.5, 部分达成: 0.7 } },
      { grades: { 优: 60, 良: 80, 中: 90 } },
      { grades: { 优: 120 } },
      { reverseRule: "abc" },
      { hiddenRows: "hide" },
      { overAchievement: 1 },
      { decimals: 7 },
      { decimals: 1.5 },
      { reviewTolerance: -0.1 },
      { reviewTolerance: "x" },
      { name: 5 },
      { bands: null },
      "not a profile",
    ];
    for (const p of bad) {
      let message = "";
      try {
        resolveProfile(p as ProfileOverrides);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe("");
      const zh = profileRefusal(STRINGS.zh, message).text;
      expect(zh).toMatch(/^评分设置未保存：/);
      expect(zh).not.toMatch(/[A-Za-z]/);
      expect(zh).not.toContain("取值无效"); // every wording the engine has is known to the pane
      const en = profileRefusal(STRINGS.en, message).text;
      expect(en).toMatch(/^Scoring settings not saved: /);
      expect(en).not.toMatch(/[\u4e00-\u9fff]{5,}/);
    }
    // A field of the stored profile's own making (a typo) is quoted as written.
    let typo = "";
    try {
      resolveProfile({ wieghts: {} } as unknown as ProfileOverrides);
    } catch (e) {
      typo = (e as Error).message;
    }
    expect(profileRefusal(STRINGS.zh, typo).text).toBe(
      "评分设置未保存：“wieghts”不是可识别的设置项"
    );
  });
});
