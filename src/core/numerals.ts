/**
 * Numbers as people write them in indicator tables: decimal figures (`1,234.5`, `-3`, `.5`) and simple
 * Chinese numerals (`六`, `两`, `十二`, `二十五`, `一百零五`, `三千`, `二〇二五`, financial `贰拾`).
 * Pure functions; nothing here throws.
 */

const CN_DIGITS: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  {
    〇: 0,
    零: 0,
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
    壹: 1,
    贰: 2,
    叁: 3,
    肆: 4,
    伍: 5,
    陆: 6,
    柒: 7,
    捌: 8,
    玖: 9,
  }
);

/** Multipliers inside a section (below 万). */
const CN_SMALL_UNITS: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }
);
/** Section multipliers. */
const CN_BIG_UNITS: Record<string, number> = Object.assign(
  Object.create(null) as Record<string, number>,
  { 万: 1e4, 亿: 1e8 }
);

/** Characters of a Chinese numeral, for building a character class (without 万/亿, which are unit prefixes in targets). */
export const CN_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟";

/** Regex source of a decimal figure: optional sign, digits with an optional fraction, or a bare fraction. */
export const DECIMAL_SRC = "[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)";

const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
const GROUPED_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const SCI_RE = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)e[+-]?\d{1,3}$/i;
const CN_ONLY_RE = /^[〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+$/;
const CN_DIGITS_ONLY_RE = /^[〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖]+$/;

/**
 * A decimal figure, optionally with thousands separators (`1,234,567.8`) or, when `allowExponent`,
 * scientific notation (`1.2E+05`, as Excel shows very large numbers). Surrounding whitespace is ignored.
 * Returns null for anything else (including `1,23`, `--1`, empty).
 */
export function parseDecimal(text: string, allowExponent = false): number | null {
  if (typeof text !== "string") return null;
  const s = text.trim();
  if (s === "" || s.length > 64) return null;
  let n: number;
  if (DECIMAL_RE.test(s)) n = Number(s);
  else if (GROUPED_RE.test(s)) n = Number(s.replace(/,/g, ""));
  else if (allowExponent && SCI_RE.test(s)) n = Number(s);
  else return null;
  return Number.isFinite(n) ? n : null;
}

/**
 * A simple Chinese numeral → number: `六` 6, `两` 2, `十二` 12, `二十五` 25, `一百` 100, `一百零五` 105,
 * `三千二百` 3200, `两万` 20000, `〇` 0, and positional digit strings `二〇二五` 2025. Null when the text is
 * not a well-formed numeral (`十十`, `百`-only prefixes like `百万` are read as 1,000,000).
 */
export function parseChineseNumeral(text: string): number | null {
  if (typeof text !== "string") return null;
  const s = text.trim();
  if (s === "" || s.length > 24 || !CN_ONLY_RE.test(s)) return null;
  if (CN_DIGITS_ONLY_RE.test(s)) {
    if (s.length === 1) return CN_DIGITS[s];
    // Positional digits (二〇二五, 一〇); `二三` (two or three) is not a number.
    if (s.length !== 4 && !/[〇零]/.test(s)) return null;
    let v = 0;
    for (const ch of s) v = v * 10 + CN_DIGITS[ch];
    return v;
  }
  let total = 0; // value of completed 万 / 亿 groups
  let section = 0; // value below 万 in the current group
  let digit: number | null = null; // pending digit
  let lastSmall = Infinity; // 千 > 百 > 十 inside a group
  let lastBig = Infinity; // 亿 > 万
  let any = false;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0 && d !== 0) return null; // 二三 with no unit between
      digit = d === 0 && digit !== null ? digit : d;
      any = true;
      continue;
    }
    const small = CN_SMALL_UNITS[ch];
    if (small !== undefined) {
      if (small >= lastSmall) return null;
      lastSmall = small;
      section += (digit === null || digit === 0 ? 1 : digit) * small;
      digit = null;
      any = true;
      continue;
    }
    const big = CN_BIG_UNITS[ch];
    if (big !== undefined) {
      if (!any || big >= lastBig) return null;
      const group = section + (digit ?? 0);
      total = big === 1e8 ? (total + group) * 1e8 : total + group * 1e4;
      section = 0;
      digit = null;
      lastSmall = Infinity;
      lastBig = big;
      continue;
    }
    return null;
  }
  const v = total + section + (digit ?? 0);
  return Number.isFinite(v) ? v : null;
}

/** A decimal figure (with thousands separators) or a simple Chinese numeral, else null. */
export function parseNumber(text: string): number | null {
  const d = parseDecimal(text);
  if (d !== null) return d;
  return parseChineseNumeral(text);
}
