/**
 * Column roles of an indicator table header (scoring-spec §1), Chinese and English.
 *
 * Headers are compared with normalizeLabel (NFKC, no whitespace, no trailing `:`/`：`, no trailing
 * `（A）`-style tag, Latin lower-cased). A header that does not match as it stands is tried once more
 * without a trailing parenthesised note (`得分（100分）`, `指标值(含单位)`).
 */
import { ColumnRole } from "./types";
import { normalizeLabel } from "./text";

/** Accepted header texts per role, as written in forms (normalised when the lookup table is built). */
export const HEADER_SYNONYMS: Readonly<Record<ColumnRole, readonly string[]>> = {
  level1: [
    "一级指标",
    "一级指标名称",
    "Level 1",
    "Level-1",
    "Level 1 indicator",
    "Level-1 indicator",
  ],
  level2: [
    "二级指标",
    "二级绩效指标",
    "二级指标名称",
    "Level 2",
    "Level-2",
    "Level 2 indicator",
    "Level-2 indicator",
  ],
  level3: [
    "三级指标",
    "三级指标名称",
    "三级绩效指标",
    "指标名称",
    "Indicator",
    "Indicator name",
    "Level 3",
    "Level-3",
    "Level 3 indicator",
    "Level-3 indicator",
  ],
  description: ["绩效指标描述", "指标解释", "指标说明", "指标描述", "Description"],
  comparator: ["指标性质", "计算符号", "运算符号", "Comparator"],
  target: [
    "指标值",
    "年度指标值",
    "年初指标值",
    "目标值",
    "当年预期实现值",
    "Target",
    "Target value",
  ],
  unit: ["度量单位", "计量单位", "Unit"],
  actual: ["实际完成值", "完成值", "全年实际值", "年终完成值", "Actual", "Actual value"],
  weight: ["分值", "权重", "指标分值", "Weight", "Points"],
  score: ["得分", "自评得分", "指标得分", "自评分", "Score"],
  completion: ["完成率", "Completion", "Completion rate"],
  reason: [
    "偏差原因分析及改进措施",
    "偏差原因及改进措施",
    "未完成原因分析",
    "未完成原因分析及改进措施",
    "未完成原因及拟采取的改进措施",
    "存在问题及改进措施",
    "Deviation reason",
    "Deviation reasons",
    "Reason",
    "Reasons",
  ],
};

/** The roles a header row must have (scoring-spec §1). */
export const CORE_ROLES: readonly ColumnRole[] = ["level1", "level3", "target"];

const BY_NORMALIZED: ReadonlyMap<string, ColumnRole> = (() => {
  const m = new Map<string, ColumnRole>();
  for (const role of Object.keys(HEADER_SYNONYMS) as ColumnRole[]) {
    for (const s of HEADER_SYNONYMS[role]) m.set(normalizeLabel(s), role);
  }
  return m;
})();

/** Longest normalised synonym; longer texts (after removing a note) cannot be headers. */
const MAX_LEN = Math.max(...[...BY_NORMALIZED.keys()].map((k) => k.length));

const TRAILING_NOTE = /[(（][^()（）]*[)）]$/;

/**
 * Any other short header naming 原因 is a reason column (§1): `偏差原因`, `原因说明`, `产生偏差的原因及措施`.
 * Short and without sentence punctuation or digits, so that a reason the unit wrote in a row is no header.
 */
const REASON_HEADER = /^[^\d，。；;,.!！?？]{0,10}原因[^\d，。；;,.!！?？]{0,14}$/;

/** A normalised header text that names a reason column by containing 原因. */
export function isReasonHeader(norm: string): boolean {
  return norm.length <= 24 && norm.includes("原因") && REASON_HEADER.test(norm);
}

/** Role of an already normalised (normalizeLabel) header text, or null. */
export function roleOfNormalized(norm: string): ColumnRole | null {
  const direct = BY_NORMALIZED.get(norm);
  if (direct) return direct;
  if (isReasonHeader(norm)) return "reason";
  if (norm.length > MAX_LEN && !norm.endsWith(")")) return null;
  if (norm.endsWith(")")) {
    const stripped = norm.replace(TRAILING_NOTE, "");
    if (stripped !== norm) return BY_NORMALIZED.get(stripped) ?? null;
  }
  return null;
}

/** The column role a header cell names, or null. Never throws. */
export function matchHeader(text: string | null | undefined): ColumnRole | null {
  if (text === null || text === undefined) return null;
  const s = String(text);
  if (s.length === 0 || s.length > 80) return null;
  return roleOfNormalized(normalizeLabel(s));
}
