import { categoryOf, isCost } from "../../src/core/categories";

describe("isCost: a level 1 or level 2 naming cost", () => {
  test.each([
    ["成本指标", "经济成本指标", true],
    ["产出指标", "成本指标", true],
    ["Cost indicators", "", true],
    ["Outputs", "Unit costs", true],
    ["产出指标", "数量指标", false],
    ["效益指标", "社会效益指标", false],
    ["Outcomes", "Accost rate", false], // "cost" inside a word is not the word
    ["", "", false],
  ])("%s / %s → %s", (level1, level2, expected) => {
    // Twice: the expression is shared between calls and must carry no state from one to the next.
    expect(isCost(level1, level2)).toBe(expected);
    expect(isCost(level1, level2)).toBe(expected);
  });
});

describe("categoryOf: a level-1 name to its category", () => {
  test.each([
    ["产出指标(50分)", "产出指标"],
    ["成本指标", "成本指标"],
    ["效果指标", "效益指标"],
    ["服务对象满意度", "满意度指标"],
    ["Output indicators", "产出指标"],
    ["Satisfaction", "满意度指标"],
    ["其他指标", null],
  ])("%s → %s", (level1, expected) => {
    expect(categoryOf(level1)).toBe(expected);
  });
});
