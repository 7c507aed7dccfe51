/**
 * Units of indicator targets and actuals (scoring-spec §2, §3), and conversion within a family:
 * - money and counts: a base (`元`, `张`, `人次`, `次/年`…) with an optional magnitude prefix
 *   (`千`, `万`, `十万`, `百万`, `千万`, `亿`): 280万张 = 2,800,000张, 97万元 = 970,000元;
 * - time: 秒/分钟/小时/天(日)/周/月/季度/年 and English names (second(s), min, hour(s), day(s), week(s), month(s), year(s));
 *   calendar units: 1 年 = 12 月 = 365 天, 1 月 = 30 天 (months and years convert exactly between themselves);
 * - 工作日 / working day(s): converts to nothing but itself;
 * - percent: `%` and `‰` (1 % = 10 ‰); `百分点` / `个百分点` are read as `%`;
 * - none: the empty unit, only to itself.
 * Pure; nothing here throws.
 */

export type UnitFamily = "none" | "percent" | "time" | "workday" | "count";

export interface UnitInfo {
  /** Canonical spelling (`个月` → `月`, `days` → `天`, `万元` stays `万元`). */
  unit: string;
  family: UnitFamily;
  /** Unit without its magnitude prefix (`万人次` → `人次`); for time/percent the canonical base unit. */
  base: string;
  /** Size in the family's base: seconds for time (calendar rules aside), per cent for percent, 1 for a bare base. */
  factor: number;
}

const WS = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** A lookup table without a prototype, so that unit text such as `__proto__` or `constructor` finds nothing. */
function table<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** Canonical spellings of whole units (after NFKC, whitespace removal and lower-casing of Latin letters). */
const ALIASES: Record<string, string> = table({
  // time
  秒: "秒",
  秒钟: "秒",
  s: "秒",
  sec: "秒",
  secs: "秒",
  second: "秒",
  seconds: "秒",
  分钟: "分钟",
  min: "分钟",
  mins: "分钟",
  minute: "分钟",
  minutes: "分钟",
  小时: "小时",
  个小时: "小时",
  钟头: "小时",
  个钟头: "小时",
  h: "小时",
  hr: "小时",
  hrs: "小时",
  hour: "小时",
  hours: "小时",
  天: "天",
  日: "天",
  d: "天",
  day: "天",
  days: "天",
  周: "周",
  个周: "周",
  星期: "周",
  个星期: "周",
  礼拜: "周",
  个礼拜: "周",
  wk: "周",
  wks: "周",
  week: "周",
  weeks: "周",
  月: "月",
  个月: "月",
  month: "月",
  months: "月",
  季度: "季度",
  个季度: "季度",
  季: "季度",
  quarter: "季度",
  quarters: "季度",
  年: "年",
  周年: "年",
  yr: "年",
  yrs: "年",
  year: "年",
  years: "年",
  // working days
  工作日: "工作日",
  个工作日: "工作日",
  workday: "工作日",
  workdays: "工作日",
  workingday: "工作日",
  workingdays: "工作日",
  businessday: "工作日",
  businessdays: "工作日",
  // percent
  "%": "%",
  百分比: "%",
  百分点: "%",
  个百分点: "%",
  percent: "%",
  pct: "%",
  "‰": "‰",
  千分比: "‰",
  // money
  yuan: "元",
  rmb: "元",
  cny: "元",
  "¥": "元",
  人民币: "元",
});

const TIME_SECONDS: Record<string, number> = table({
  秒: 1,
  分钟: 60,
  小时: 3600,
  天: 86400,
  周: 7 * 86400,
  月: 30 * 86400,
  季度: 90 * 86400,
  年: 365 * 86400,
});
/** Calendar units that convert exactly among themselves. */
const MONTHS: Record<string, number> = table({ 月: 1, 季度: 3, 年: 12 });

const PERCENT: Record<string, number> = table({ "%": 1, "‰": 0.1 });

/** Magnitude prefixes of counts and money, longest first. */
const PREFIXES: [string, number][] = [
  ["十万", 1e5],
  ["百万", 1e6],
  ["千万", 1e7],
  ["万", 1e4],
  ["亿", 1e8],
  ["千", 1e3],
];

/** Units that start with a prefix character but are not prefixed counts. */
const NOT_PREFIXED = new Set(["千分比", "万一"]);

function canonicalWhole(u: string): string {
  const a = ALIASES[u];
  return a === undefined ? u : a;
}

/** NFKC, whitespace removed, Latin letters lower-cased, aliases resolved (`个月` → `月`, `Days` → `天`, `百分比` → `%`). */
/** Unit texts are few and repeat on every row: normalised and related once each (bounded against odd input). */
const normalized = new Map<string, string>();
const ratios = new Map<string, Map<string, number | null>>();
const MAX_MEMO = 2000;

export function normalizeUnit(unit: string | null | undefined): string {
  if (typeof unit !== "string" || unit === "") return "";
  let n = normalized.get(unit);
  if (n === undefined) {
    n = normalizeUnitUncached(unit);
    if (normalized.size >= MAX_MEMO) normalized.clear();
    normalized.set(unit, n);
  }
  return n;
}

function normalizeUnitUncached(unit: string): string {
  const u = unit.normalize("NFKC").replace(WS, "").toLowerCase();
  const whole = canonicalWhole(u);
  if (whole !== u || ALIASES[u] !== undefined) return whole;
  // A prefixed unit: canonicalise the base (`万个工作日` is left alone below, as a count).
  for (const [p] of PREFIXES) {
    if (u.length > p.length && u.startsWith(p) && !NOT_PREFIXED.has(u)) {
      const base = canonicalWhole(u.slice(p.length));
      if (base === "元" || !(base in TIME_SECONDS || base in PERCENT || base === "工作日"))
        return p + base;
      return u;
    }
  }
  return u;
}

const infoCache = new Map<string, UnitInfo>();

/** Family, base and factor of a unit (see the module comment). Unknown text is a count unit. */
export function unitInfo(unit: string | null | undefined): UnitInfo {
  const u = normalizeUnit(unit);
  const cached = infoCache.get(u);
  if (cached) return cached;
  const info = computeInfo(u);
  if (infoCache.size < 10000) infoCache.set(u, info);
  return info;
}

function computeInfo(u: string): UnitInfo {
  if (u === "") return { unit: u, family: "none", base: "", factor: 1 };
  if (u in TIME_SECONDS) return { unit: u, family: "time", base: "秒", factor: TIME_SECONDS[u] };
  if (u in PERCENT) return { unit: u, family: "percent", base: "%", factor: PERCENT[u] };
  if (u === "工作日") return { unit: u, family: "workday", base: u, factor: 1 };
  if (!NOT_PREFIXED.has(u)) {
    for (const [p, f] of PREFIXES) {
      if (u.startsWith(p)) {
        const base = u.slice(p.length);
        // A magnitude prefix on a time/percent/working-day unit (`万小时`) is left as an opaque count.
        if (base in TIME_SECONDS || base in PERCENT || base === "工作日") break;
        return { unit: u, family: "count", base, factor: f };
      }
    }
  }
  return { unit: u, family: "count", base: u, factor: 1 };
}

/** Removes binary noise from a product (0.55 × 10000 = 5500.000000000001 → 5500). */
function clean(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(15));
}

/** The ratio `from / to` when both are in the same family, else null. */
export function unitRatio(from: string, to: string): number | null {
  let byTo = ratios.get(from);
  if (!byTo) {
    if (ratios.size >= MAX_MEMO) ratios.clear();
    ratios.set(from, (byTo = new Map()));
  }
  let r = byTo.get(to);
  if (r === undefined) {
    r = unitRatioUncached(from, to);
    byTo.set(to, r);
  }
  return r;
}

function unitRatioUncached(from: string, to: string): number | null {
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (a.family !== b.family) return null;
  switch (a.family) {
    case "none":
    case "workday":
      return 1;
    case "percent":
      return a.factor / b.factor;
    case "time":
      if (a.unit in MONTHS && b.unit in MONTHS) return MONTHS[a.unit] / MONTHS[b.unit];
      return a.factor / b.factor;
    case "count":
      return a.base === b.base ? a.factor / b.factor : null;
  }
}

/**
 * `value` expressed in `from`, converted into `to`; null when the units are not of one family
 * (`张` vs `个`, `工作日` vs `天`, `%` vs `个`, a unit vs none).
 */
export function convertUnit(value: number, from: string, to: string): number | null {
  if (typeof value !== "number" || Number.isNaN(value)) return null;
  const r = unitRatio(from, to);
  if (r === null) return null;
  if (r === 1) return value;
  // Divide by an integer ratio rather than multiply by its inverse: 965000 / 10000 is exact, 965000 × 0.0001 is not.
  const inv = 1 / r;
  return clean(Number.isInteger(inv) ? value / inv : value * r);
}

/** True when two unit texts mean the same unit (`个月` and `月`, `Days` and `天`). */
export function sameUnit(a: string, b: string): boolean {
  return normalizeUnit(a) === normalizeUnit(b);
}

/** Units of more than one character that the grammar reads whole (before single-character units). */
const KNOWN_MULTI = [
  "个工作日",
  "工作日",
  "个百分点",
  "百分点",
  "个小时",
  "小时",
  "个钟头",
  "分钟",
  "秒钟",
  "个星期",
  "星期",
  "个季度",
  "季度",
  "个月",
  "周年",
  "人次",
  "户次",
  "车次",
  "架次",
  "台次",
  "台套",
  "批次",
  "班次",
  "场次",
  "航次",
  "课时",
  "学时",
  "人天",
  "人日",
  "平方米",
  "平方公里",
  "平方千米",
  "立方米",
  "千瓦时",
  "千瓦",
  "公里",
  "千米",
  "公顷",
  "公斤",
  "千克",
  "毫米",
  "厘米",
  "百分比",
  "千分比",
  "人民币",
];

/** One CJK character that can be a unit: not the first character of a comparator suffix, range separator or filler. */
const SINGLE_CJK_SRC = "(?![以之及或内左至到前后的和与等上下约共为且并])[\\u3400-\\u9fff]";
const BASE_SRC = `(?:${KNOWN_MULTI.join("|")}|${SINGLE_CJK_SRC}|[a-z]+|¥)`;

/**
 * Regex source of the unit after a number (may match the empty string): `%`, `‰`, or an optional
 * magnitude prefix, a base (a known multi-character unit, one CJK character, or a Latin word) and an
 * optional `/base` (`次/年`, `万元/台`). Use with the `i` flag.
 */
export const UNIT_SRC = `(?:%|‰|(?:十万|百万|千万|万|亿|千)?${BASE_SRC}?(?:/${BASE_SRC})?)`;

/** True when a Chinese numeral may carry this unit (`个`, `万人次`, `个月`…): its base is a count word. */
export function isCountWord(unit: string): boolean {
  if (COUNT_WORDS.has(unit)) return true;
  const n = normalizeUnit(unit);
  if (COUNT_WORDS.has(n)) return true;
  const base = unitInfo(n).base;
  return base !== "" && COUNT_WORDS.has(base);
}

/** Units a Chinese numeral may carry in a bare or strict form (`六个`, `一笔`, `十二个月`, `两年`). */
export const COUNT_WORDS = new Set(
  "个 笔 次 台 张 项 件 家 人 天 日 年 月 周 套 批 份 本 篇 条 辆 座 间 处 名 位 所 户 场 期 副 部 支 组 类 种 元 万元 小时 分钟 个月 个工作日 工作日 人次 个星期 星期 季度 个季度 周年 百分点 个百分点 %".split(
    " "
  )
);
