import { splitWeightSuffix } from "./text";

/** The level-1 categories the profile weighs. */
export type Category = "产出指标" | "成本指标" | "效益指标" | "满意度指标";

const ENGLISH: Record<string, Category> = {
  output: "产出指标",
  outputs: "产出指标",
  cost: "成本指标",
  costs: "成本指标",
  outcome: "效益指标",
  outcomes: "效益指标",
  effect: "效益指标",
  effects: "效益指标",
  benefit: "效益指标",
  benefits: "效益指标",
  satisfaction: "满意度指标",
};

const memo = new Map<string, Category | null>();

/** Maps a level-1 name (`产出指标(50分)`, `Output indicators`, `服务对象满意度`) to its category, or null. */
export function categoryOf(level1: string): Category | null {
  let c = memo.get(level1);
  if (c === undefined) {
    c = classify(level1);
    if (memo.size > 10000) memo.clear(); // level-1 names are few; bound the memo against odd input
    memo.set(level1, c);
  }
  return c;
}

function classify(level1: string): Category | null {
  const name = splitWeightSuffix(level1).name;
  if (name.includes("满意度")) return "满意度指标";
  if (name.includes("产出")) return "产出指标";
  if (name.includes("成本")) return "成本指标";
  if (name.includes("效益") || name.includes("效果")) return "效益指标";
  const word = name
    .toLowerCase()
    .replace(/indicators?$/, "")
    .replace(/[^a-z]/g, "");
  return ENGLISH[word] ?? null;
}

/**
 * Held once: a regular expression literal makes a new RegExp object each time it is evaluated, and isCost
 * runs on every change of level 1 or level 2 down a table (8 MB of RegExp objects per 100,000 rows).
 * Safe to share: `test` on an expression without the g or y flag does not use lastIndex.
 */
const COST_WORD = /\bcost/i;

/** Cost indicators (成本指标, 经济成本指标…): a bare number there means "no more than". */
export function isCost(level1: string, level2: string): boolean {
  return (
    level1.includes("成本") ||
    level2.includes("成本") ||
    COST_WORD.test(level1) ||
    COST_WORD.test(level2)
  );
}
