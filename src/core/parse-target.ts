/**
 * The target grammar (scoring-spec §2): 指标值 text (plus an optional comparator column and unit column)
 * → ParsedTarget. Never throws; every regex is compiled once, at module load.
 *
 * Order (first match wins; the sets hardly overlap, so the order only settles odd texts):
 *   1. empty → unparsed; comparator column 定性 → qualitative (a deadline text stays a deadline);
 *   2. deadline (a date, optionally after ≤ / < / 截至 / 不晚于…, followed by 前 / 以前 / 之前 / 内 / nothing…);
 *   3. range (`90%-95%`, `3~5天`, `3至5天`, `在3到5天之间`);
 *   4. comparator forms: a symbol (≥ ≤ > < =) or a word (不低于, 不超过, 等于, 达到, 控制在…) before the number,
 *      and/or a suffix word after it (以上 → higher; 以下 / 以内 / 内 → lower); a short label may precede
 *      (`满意度≥95%`, `合格率达到95%以上`);
 *   5. as-incurred (按实际发生值完成, 据实…);
 *   6. a bare number with its unit (`100%`, `365天`, `43.2`): the comparator column decides, else lower for cost
 *      indicators and higher otherwise (bare: true);
 *   7. any other text with a letter, digit or CJK character → qualitative; otherwise unparsed.
 * A comparator symbol at the start with no readable number after it (`≥`, `≥abc`) is unparsed.
 */

import { parseDateText, isValidDate, isoDate, lastDayOfMonth } from "./dates";
import { CN_NUMERAL_CHARS, DECIMAL_SRC, parseChineseNumeral, parseDecimal } from "./numerals";
import { isCountWord, UNIT_SRC, convertUnit, normalizeUnit } from "./units";
import { ParsedTarget, TargetContext } from "./types";
import { isPlainText } from "./text";

type Quant = "higher" | "lower" | "equal";
type Strength = "strong" | "weak" | "neutral";

// ---------------------------------------------------------------------------------------------
// Normalisation

/** A run of white space, zero-width characters included (shared with the actual reader). */
export const WS = /(?:[\s\u00a0\u3000\u200b\u2060\ufeff]|\u200c|\u200d)+/g;
const GE = /≧|⩾|≥=|>=|=>|≮|大于或等于|大于等于/g;
/** `═` (a box-drawing double line) stands for `=` in some forms (§2). */
const BOX_EQUALS = /═/g;
const LE = /≦|⩽|≤=|<=|=<|≯|小于或等于|小于等于/g;
const THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;
const PERCENT_WORD = /百分比/g;
const PERCENT_OF = new RegExp(`百分之(\\d+(?:\\.\\d+)?|[${CN_NUMERAL_CHARS}]+)`, "g");
const INCLUSIVE = /\((?:含|含本数|包含本数|包含|包括)\)/g;
const TRAILING_PUNCT = /[。.;,!?、:]+$/;
const LEADING_PUNCT = /^[。;,!?、:]+/; // not ".": `.5` is a number

/** A character that can start one of the rewrites below in plain text (see isPlainText). */
const REWRITE_START = /[=<>,(大小百]/;

/** The normalised form the grammar reads (exported for tests and for the actual reader). */
export function normalizeTargetText(text: string): string {
  // Plain text without a rewrite's first character is left as it is by NFKC and every rewrite but the
  // end-punctuation one: most actuals (`91.3%`, `906312元`, `2025-03-20`, `达成`) are such text, and the
  // rewrites cost seven regular-expression passes, most of reading an uncached actual.
  if (isPlainText(text) && !REWRITE_START.test(text)) {
    // Only the end-punctuation rule can apply (`.` `;` `!` `?` `:` at either end; `,` sent the text the long way).
    const last = text.charCodeAt(text.length - 1);
    const first = text.charCodeAt(0);
    const punct = (c: number) => c === 0x2e || c === 0x3b || c === 0x21 || c === 0x3f || c === 0x3a;
    if (!punct(last) && !punct(first)) return text;
  }
  return rewriteTargetText(text);
}

/** The rewrites themselves, whatever the text (exported so that tests can hold the fast path to them). */
export function rewriteTargetText(text: string): string {
  let s = text.normalize("NFKC").replace(WS, "");
  if (s === "") return s;
  s = s.replace(BOX_EQUALS, "=").replace(GE, "≥").replace(LE, "≤");
  s = s.replace(THOUSANDS, "$1");
  s = s.replace(PERCENT_WORD, "%");
  if (s.includes("百分之")) {
    s = s.replace(PERCENT_OF, (_m, n: string) => {
      const v = /\d/.test(n) ? Number(n) : parseChineseNumeral(n);
      return v === null || !Number.isFinite(v) ? _m : `${v}%`;
    });
  }
  s = s.replace(INCLUSIVE, "");
  s = s.replace(TRAILING_PUNCT, "").replace(LEADING_PUNCT, "");
  return s;
}

// ---------------------------------------------------------------------------------------------
// Numbers and units

const CN_CLASS = `[${CN_NUMERAL_CHARS}]`;
const NUM_SRC = `(${DECIMAL_SRC}|${CN_CLASS}+)`;
const SUFFIX_SRC = "(及以上|或以上|以上|及以下|或以下|以下|及以内|以内|之内|范围内|内|左右|上下)?";
/** number, unit, suffix word, rest — from the start of the string. */
const QUANT_RE = new RegExp(`^${NUM_SRC}(${UNIT_SRC})${SUFFIX_SRC}([\\s\\S]*)$`, "i");
/** A remark that may follow a quantity in strict forms: nothing, a parenthesis, or punctuation. */
const REMARK_RE = /^(?:$|[([,;:。、，；])/;
const HAS_CN = new RegExp(CN_CLASS);

const SUFFIX_KIND: Record<string, Quant | "neutral"> = Object.assign(
  Object.create(null) as Record<string, Quant | "neutral">,
  {
    及以上: "higher",
    或以上: "higher",
    以上: "higher",
    及以下: "lower",
    或以下: "lower",
    以下: "lower",
    及以内: "lower",
    以内: "lower",
    之内: "lower",
    范围内: "lower",
    内: "lower",
    左右: "neutral",
    上下: "neutral",
  }
);

interface Quantity {
  value: number;
  unit: string;
  suffix: Quant | "neutral" | null;
  /** Text after the quantity and its suffix. */
  rest: string;
  chinese: boolean;
}

function readNumber(raw: string): number | null {
  const d = parseDecimal(raw);
  if (d !== null) return d === 0 ? 0 : d; // no -0
  if (!HAS_CN.test(raw)) return null;
  return parseChineseNumeral(raw);
}

/** A number at the start of `s`, its unit and suffix word. Chinese numerals need a count unit (`六个`, not `一流`). */
function readQuantity(s: string): Quantity | null {
  const m = QUANT_RE.exec(s);
  if (!m) return null;
  const value = readNumber(m[1]);
  if (value === null) return null;
  const unit = m[2];
  const chinese = !/\d/.test(m[1]);
  if (chinese && !isCountWord(unit)) return null;
  const suffix = m[3] ? SUFFIX_KIND[m[3]] : null;
  return { value, unit, suffix, rest: m[4], chinese };
}

function strictRest(q: Quantity): boolean {
  return REMARK_RE.test(q.rest);
}

// ---------------------------------------------------------------------------------------------
// Comparators

const SYMBOL_KIND: Record<string, Quant> = {
  "≥": "higher",
  ">": "higher",
  "≤": "lower",
  "<": "lower",
  "=": "equal",
};
const SYMBOL_AT_START = /^[≥≤<>=]/;
const SYMBOL_ANYWHERE = /[≥≤<>=]/;

const WORD_LIST: [string, Quant | "neutral", Strength][] = [
  ["高于或等于", "higher", "strong"],
  ["高于等于", "higher", "strong"],
  ["不低于", "higher", "strong"],
  ["不少于", "higher", "strong"],
  ["不小于", "higher", "strong"],
  ["不短于", "higher", "strong"],
  ["不差于", "higher", "strong"],
  ["至少", "higher", "strong"],
  ["最少", "higher", "strong"],
  ["最低", "higher", "strong"],
  ["大于", "higher", "strong"],
  ["高于", "higher", "strong"],
  ["多于", "higher", "strong"],
  ["超过", "higher", "strong"],
  ["优于", "higher", "strong"],
  ["低于或等于", "lower", "strong"],
  ["低于等于", "lower", "strong"],
  ["不高于", "lower", "strong"],
  ["不超过", "lower", "strong"],
  ["不多于", "lower", "strong"],
  ["不大于", "lower", "strong"],
  ["不超出", "lower", "strong"],
  ["不长于", "lower", "strong"],
  ["至多", "lower", "strong"],
  ["最多", "lower", "strong"],
  ["最高", "lower", "strong"],
  ["低于", "lower", "strong"],
  ["小于", "lower", "strong"],
  ["少于", "lower", "strong"],
  ["短于", "lower", "strong"],
  ["等于", "equal", "strong"],
  ["控制在", "lower", "weak"],
  ["控制于", "lower", "weak"],
  ["控制", "lower", "weak"],
  ["达到", "higher", "weak"],
  ["达", "higher", "weak"],
  ["保持在", "neutral", "neutral"],
  ["保持", "neutral", "neutral"],
  ["维持在", "neutral", "neutral"],
  ["维持", "neutral", "neutral"],
  ["确保", "neutral", "neutral"],
  ["实现", "neutral", "neutral"],
  ["完成", "neutral", "neutral"],
  ["为", "neutral", "neutral"],
  ["约", "neutral", "neutral"],
];
const WORDS = new Map(WORD_LIST.map(([w, k, st]) => [w, { kind: k, strength: st }]));
const WORD_ALT = [...WORDS.keys()].sort((a, b) => b.length - a.length).join("|");
const WORD_AT_START = new RegExp(`^(?:${WORD_ALT})`);
/** Strong and weak words anywhere, for `合格率不低于95%`; neutral words only count at the start. */
const WORD_ANYWHERE = new RegExp(
  [...WORDS.entries()]
    .filter(([, v]) => v.strength !== "neutral")
    .map(([w]) => w)
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g"
);

const COLUMN_KIND: Record<string, Quant | "qualitative"> = Object.assign(
  Object.create(null) as Record<string, Quant | "qualitative">,
  {
    "≥": "higher",
    ">": "higher",
    大于: "higher",
    不低于: "higher",
    不少于: "higher",
    高于: "higher",
    正向: "higher",
    正向指标: "higher",
    越大越好: "higher",
    "≤": "lower",
    "<": "lower",
    小于: "lower",
    不高于: "lower",
    不超过: "lower",
    低于: "lower",
    反向: "lower",
    反向指标: "lower",
    越小越好: "lower",
    "=": "equal",
    等于: "equal",
    定性: "qualitative",
    定性指标: "qualitative",
    qualitative: "qualitative",
  }
);

/** Reads a comparator column's text (≥ ＞ ＝ ＜ ≤ 定性, 大于等于, 正向 / 反向…); null when it says nothing usable. */
export function readComparatorColumn(
  text: string | null | undefined
): Quant | "qualitative" | null {
  if (typeof text !== "string") return null;
  const s = normalizeTargetText(text).toLowerCase();
  if (s === "") return null;
  return COLUMN_KIND[s] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Deadlines

const CN_M = "[一二三四五六七八九十]{1,3}";
const CN_Y = "[〇零一二三四五六七八九]{4}";
const DEADLINE_LEAD =
  /^(?:≤|<|=|不晚于|不迟于|最迟于|最迟|最晚于|最晚|截止到|截止于|截止|截至|须于|须在|需于|需在|应于|应在|计划于|计划|预计于|预计|于|在)/;
const D_ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?/;
const D_MONTH = new RegExp(
  `^(?:(\\d{4}|${CN_Y})年度?)?(\\d{1,2}|${CN_M})月份?(?:(\\d{1,2}|${CN_M})[日号]|(底|末|上旬|中旬|下旬))?`
);
const D_HALF =
  /^(?:(\d{4})年度?|(?:本|今|当)年度?)?(?:(上半年)|(下半年)|第?([一二三四1-4])季度)(?:末|底)?/;
const D_YEAR_END = /^(?:(\d{4})年|(本|今|当)?(年))度?(?:年底|年末|年终|底|末|终)/;
const D_YEAR = /^(?:(\d{4})年度?|(?:本|今|当)年度?|年度?(?=内|以内|之内))/;
/** What may follow a full date / month / year-end: nothing, a 前-style marker, or any text not starting a second date. */
const AFTER_DATE_BAD = /^[\d\-~〜—–至到和与、,]/;
const AFTER_YEAR_OK = /^(?:$|前|以前|之前|内|以内|之内|止|为止|底前|末前)/;

function toInt(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const n = parseChineseNumeral(s);
  return n === null ? NaN : n;
}

function clampYear(y: number): number {
  return Number.isInteger(y) && y >= 1000 && y <= 9999 ? y : new Date().getFullYear();
}

/** The last day meant by a deadline text, or null when the text is not a deadline. */
export function parseDeadline(s: string, defaultYear: number): string | null {
  const lead = DEADLINE_LEAD.exec(s);
  const body = lead ? s.slice(lead[0].length) : s;
  const dy = clampYear(defaultYear);
  let m = D_ISO.exec(body);
  if (m) {
    if (AFTER_DATE_BAD.test(body.slice(m[0].length))) return null;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    return isValidDate(y, mo, d) ? isoDate(y, mo, d) : null;
  }
  m = D_MONTH.exec(body);
  if (m) {
    if (AFTER_DATE_BAD.test(body.slice(m[0].length))) return null;
    const y = m[1] ? toInt(m[1]) : dy;
    const mo = toInt(m[2]);
    if (!Number.isInteger(mo) || mo < 1 || mo > 12 || !Number.isInteger(y) || y < 1000 || y > 9999)
      return null;
    let d: number;
    if (m[3]) d = toInt(m[3]);
    else if (m[4] === "上旬") d = 10;
    else if (m[4] === "中旬") d = 20;
    else d = lastDayOfMonth(y, mo); // 底, 末, 下旬, or the month alone
    return isValidDate(y, mo, d) ? isoDate(y, mo, d) : null;
  }
  m = D_HALF.exec(body);
  if (m) {
    if (AFTER_DATE_BAD.test(body.slice(m[0].length))) return null;
    const y = m[1] ? Number(m[1]) : dy;
    if (m[2]) return isoDate(y, 6, 30);
    if (m[3]) return isoDate(y, 12, 31);
    const q = toInt(m[4]);
    if (!(q >= 1 && q <= 4)) return null;
    return isoDate(y, q * 3, lastDayOfMonth(y, q * 3));
  }
  m = D_YEAR_END.exec(body);
  if (m) {
    if (AFTER_DATE_BAD.test(body.slice(m[0].length))) return null;
    const y = m[1] ? Number(m[1]) : dy;
    return isoDate(y, 12, 31);
  }
  m = D_YEAR.exec(body);
  if (m && m[0] !== "") {
    if (!AFTER_YEAR_OK.test(body.slice(m[0].length))) return null;
    const y = m[1] ? Number(m[1]) : dy;
    return isoDate(y, 12, 31);
  }
  // A date with a time, or m/d/yyyy.
  const whole = parseDateText(body);
  return whole;
}

// ---------------------------------------------------------------------------------------------
// Ranges

const SEP_SRC = "(?:-|~|〜|—{1,2}|–|至|到)";
const RANGE_RE = new RegExp(
  `^(?:在|介于)?${NUM_SRC}(${UNIT_SRC})${SEP_SRC}${NUM_SRC}(${UNIT_SRC})(?:之间|区间内|区间|范围内|以内|内)?([\\s\\S]*)$`,
  "i"
);

interface Range {
  lo: number;
  hi: number;
  unit: string;
}

function readRange(s: string): Range | null {
  const m = RANGE_RE.exec(s);
  if (!m) return null;
  if (!REMARK_RE.test(m[5])) return null;
  let lo = readNumber(m[1]);
  let hi = readNumber(m[3]);
  if (lo === null || hi === null) return null;
  let u1 = m[2];
  let u2 = m[4];
  const chinese = !/\d/.test(m[1]) || !/\d/.test(m[3]);
  if (u1 === "") u1 = u2;
  if (u2 === "") u2 = u1;
  if (chinese && !isCountWord(u2)) return null;
  if (normalizeUnit(u1) !== normalizeUnit(u2)) {
    const c = convertUnit(lo, u1, u2);
    if (c === null) return null;
    lo = c;
  }
  if (lo > hi) [lo, hi] = [hi, lo];
  return { lo, hi, unit: u2 };
}

// ---------------------------------------------------------------------------------------------
// As-incurred, qualitative

const AS_INCURRED =
  /按实际发生|据实|按实结算|按实际(?:结算|支付|支出|使用|需要)|实报实销|以实际发生/;
const READABLE = /[\p{L}\p{N}]/u;
const UNIT_PLACEHOLDER = /^(?:[-—–/\\_.·]*|无|空|null)$/i;
const BARE_PREFIX = /^(?:十万|百万|千万|万|亿|千)$/;

// ---------------------------------------------------------------------------------------------

function withUnit(unit: string, column: string): string {
  if (column === "") return unit;
  if (unit === "") return column;
  if (BARE_PREFIX.test(unit) && !column.startsWith(unit)) return unit + column;
  return unit;
}

function quant(kind: Quant, text: string, value: number, unit: string, bare = false): ParsedTarget {
  const t: ParsedTarget = { kind, text, value, unit };
  if (bare) t.bare = true;
  return t;
}

/** Reads one 指标值 (scoring-spec §2). Never throws. */
export function parseTarget(text: string, ctx: TargetContext): ParsedTarget {
  const original =
    typeof text === "string" ? text : text === null || text === undefined ? "" : String(text);
  try {
    return parse(original, ctx);
  } catch {
    return { kind: "unparsed", text: original };
  }
}

function parse(text: string, ctx: TargetContext): ParsedTarget {
  const s = normalizeTargetText(text);
  if (s === "") return { kind: "unparsed", text };
  const column = readComparatorColumn(ctx?.comparator);
  const columnUnitRaw = typeof ctx?.unit === "string" ? normalizeTargetText(ctx.unit) : "";
  const columnUnit = UNIT_PLACEHOLDER.test(columnUnitRaw) ? "" : columnUnitRaw;
  const defaultYear = typeof ctx?.defaultYear === "number" ? ctx.defaultYear : NaN;
  const cost = !!ctx?.cost;

  // Deadline first: `≤2025年6月30日` must not read as "at most 2025 years".
  const deadline = parseDeadline(s, defaultYear);
  if (deadline) return { kind: "deadline", text, deadline };

  if (column === "qualitative") return { kind: "qualitative", text };

  const range = readRange(s);
  if (range)
    return {
      kind: "range",
      text,
      lo: range.lo,
      hi: range.hi,
      unit: withUnit(range.unit, columnUnit),
    };

  // A comparator symbol at the start: liberal about what follows the quantity.
  if (SYMBOL_AT_START.test(s)) {
    const kind = SYMBOL_KIND[s[0]];
    const q = readQuantity(s.slice(1));
    if (q) return quant(kind, text, q.value, withUnit(q.unit, columnUnit));
    if (AS_INCURRED.test(s)) return { kind: "as-incurred", text };
    return { kind: "unparsed", text };
  }

  // A comparator word at the start, then a quantity and maybe a suffix word.
  const w = WORD_AT_START.exec(s);
  if (w) {
    const info = WORDS.get(w[0]);
    const q = readQuantity(s.slice(w[0].length));
    if (info && q && strictRest(q)) {
      const kind = decide(info.kind, info.strength, q.suffix, column);
      if (kind) return quant(kind, text, q.value, withUnit(q.unit, columnUnit));
      return quant(cost ? "lower" : "higher", text, q.value, withUnit(q.unit, columnUnit), true);
    }
  }

  // A quantity at the start with a suffix word (`95%以上`, `50万元以内`), or a bare quantity.
  const q0 = readQuantity(s);
  if (q0 && strictRest(q0)) {
    const kind = decide(null, "neutral", q0.suffix, column);
    if (kind) return quant(kind, text, q0.value, withUnit(q0.unit, columnUnit));
    return quant(cost ? "lower" : "higher", text, q0.value, withUnit(q0.unit, columnUnit), true);
  }

  // A short label before a symbol (`满意度≥95%`) or a word (`合格率不低于95%`).
  const sym = SYMBOL_ANYWHERE.exec(s);
  if (sym && sym.index > 0) {
    const q = readQuantity(s.slice(sym.index + 1));
    if (q && !q.chinese)
      return quant(SYMBOL_KIND[sym[0]], text, q.value, withUnit(q.unit, columnUnit));
  }
  WORD_ANYWHERE.lastIndex = 0;
  for (let m = WORD_ANYWHERE.exec(s); m !== null; m = WORD_ANYWHERE.exec(s)) {
    const info = WORDS.get(m[0]);
    const q = readQuantity(s.slice(m.index + m[0].length));
    if (info && q && strictRest(q)) {
      WORD_ANYWHERE.lastIndex = 0;
      const kind =
        decide(info.kind, info.strength, q.suffix, column) ?? (cost ? "lower" : "higher");
      return quant(kind, text, q.value, withUnit(q.unit, columnUnit));
    }
    if (m[0] === "") WORD_ANYWHERE.lastIndex++;
  }
  WORD_ANYWHERE.lastIndex = 0;

  if (AS_INCURRED.test(s)) return { kind: "as-incurred", text };
  if (READABLE.test(s)) return { kind: "qualitative", text };
  return { kind: "unparsed", text };
}

/**
 * Which way a quantity points. Precedence: a strong word (不低于, 不超过, 等于) > a suffix word (以上 / 以内) >
 * the comparator column > a weak word (达到 → higher, 控制在 → lower). Null when nothing decides (bare).
 */
function decide(
  word: Quant | "neutral" | null,
  strength: Strength,
  suffix: Quant | "neutral" | null,
  column: Quant | "qualitative" | null
): Quant | null {
  if (word && word !== "neutral" && strength === "strong") return word;
  if (suffix && suffix !== "neutral") return suffix;
  if (column && column !== "qualitative") return column;
  if (word && word !== "neutral") return word;
  return null;
}
