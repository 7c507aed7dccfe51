/**
 * Dates as Excel stores them (1900 date system serials) and as people type them
 * (`2025-03-20`, `2025/3/20`, `2025年3月20日`, `2025.3.20`, `2025-03-20 10:00`). ISO `YYYY-MM-DD` out.
 * Pure; nothing here throws.
 */

import { parseChineseNumeral } from "./numerals";

/** 1904-01-01 is serial 1462 in the 1900 date system and 0 in the 1904 one: the shift between the two. */
export const DATE1904_OFFSET = 1462;

/** Largest serial Excel accepts (9999-12-31). */
export const MAX_SERIAL = 2958465;

const MS_PER_DAY = 86400000;
/** 1899-12-30: serial 0 of the corrected epoch (valid for serials ≥ 61). */
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

function pad(n: number, w: number): string {
  const s = String(n);
  return s.length >= w ? s : "0".repeat(w - s.length) + s;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Last day (28–31) of month `m` (1–12) of year `y`; NaN for a month outside 1–12. */
export function lastDayOfMonth(y: number, m: number): number {
  if (!Number.isInteger(m) || m < 1 || m > 12) return NaN;
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d is a real calendar date (years 1000–9999). */
export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    y >= 1000 &&
    y <= 9999 &&
    Number.isInteger(d) &&
    d >= 1 &&
    d <= lastDayOfMonth(y, m)
  );
}

/** ISO `YYYY-MM-DD` of a valid date (the caller checks validity). */
export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Excel 1900-system serial → ISO date. The time of day (fraction) is ignored. Excel's leap-year bug is kept:
 * serial 60 is the non-existent 1900-02-29 (what Excel displays), 59 is 1900-02-28 and 61 is 1900-03-01.
 * Returns "" for a serial Excel cannot show as a date (below 1, above 9999-12-31, not finite).
 */
export function serialToIso(serial: number): string {
  if (typeof serial !== "number" || !Number.isFinite(serial)) return "";
  const day = Math.floor(serial);
  if (day < 1 || day > MAX_SERIAL) return "";
  if (day === 60) return "1900-02-29";
  // Serials 1–59 count from 1899-12-31, since Excel inserts the phantom 1900-02-29 at 60.
  const ms = EPOCH_1899_12_30 + (day < 60 ? day + 1 : day) * MS_PER_DAY;
  const dt = new Date(ms);
  return isoDate(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** ISO date → Excel 1900-system serial (the inverse of serialToIso), or null for a malformed / unrepresentable date. */
export function isoToSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y === 1900 && mo === 2 && d === 29) return 60;
  if (!isValidDate(y, mo, d)) return null;
  const days = Math.round((Date.UTC(y, mo - 1, d) - EPOCH_1899_12_30) / MS_PER_DAY);
  const serial = days < 61 ? days - 1 : days;
  return serial >= 1 && serial <= MAX_SERIAL ? serial : null;
}

const CN_NUM = "[〇零一二两三四五六七八九十]{1,4}";
const TIME_SUFFIX =
  "(?:(?:T|\\s+|(?<=日|号))\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";

/** yyyy-mm-dd, yyyy/m/d, yyyy.m.d (one separator throughout). */
const YMD_RE = new RegExp(`^(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})${TIME_SUFFIX}$`);
/** yyyy年m月d日 / d号, digits or Chinese numerals. */
const CN_RE = new RegExp(
  `^(\\d{4}|[〇零一二三四五六七八九]{4})\\s*年\\s*(\\d{1,2}|${CN_NUM})\\s*月\\s*(\\d{1,2}|${CN_NUM})\\s*[日号]?${TIME_SUFFIX}$`
);
/** m/d/yyyy (Excel en-US display); read d/m/yyyy when the first part cannot be a month. */
const MDY_RE = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME_SUFFIX}$`);
/** A date inside longer text (`已于2025年3月20日完成`). */
const FIND_RE =
  /(?<!\d)(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)/;

function num(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const n = parseChineseNumeral(s);
  return n === null ? NaN : n;
}

function checked(y: number, m: number, d: number): string | null {
  return isValidDate(y, m, d) ? isoDate(y, m, d) : null;
}

/**
 * A date typed as text → ISO `YYYY-MM-DD`, or null. Accepts `2025-03-20`, `2025/3/20`, `2025.3.20`,
 * `2025年3月20日` (also `号`, Chinese numerals `二〇二五年三月二十日`), `3/20/2025`, each optionally followed by a
 * time (`2025-03-20 10:00`, `2025-03-20T10:00:00Z`). The whole text must be the date; invalid days are null.
 */
export function parseDateText(text: string): string | null {
  if (typeof text !== "string") return null;
  const s = text.normalize("NFKC").trim();
  if (s === "" || s.length > 40) return null;
  let m = YMD_RE.exec(s);
  if (m) return checked(Number(m[1]), Number(m[3]), Number(m[4]));
  m = CN_RE.exec(s);
  if (m) return checked(num(m[1]), num(m[2]), num(m[3]));
  m = MDY_RE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    return a > 12 ? checked(y, b, a) : checked(y, a, b);
  }
  return null;
}

/** The first full date written inside a longer text (`已于2025年3月20日完成` → 2025-03-20), or null. */
export function findDateInText(text: string): string | null {
  if (typeof text !== "string" || text.length > 2000) return null;
  const m = FIND_RE.exec(text.normalize("NFKC"));
  if (!m) return null;
  const y = Number(m[1]);
  return m[3] !== undefined
    ? checked(y, Number(m[3]), Number(m[4]))
    : checked(y, Number(m[5]), Number(m[6]));
}

/** A month without its day: `2025年3月`, `2025年3月份`, `2025-03`, `2025/3`, `2025.3`. */
const YM_RE = new RegExp(`^(\\d{4})(?:\\s*年\\s*(\\d{1,2}|${CN_NUM})\\s*月份?|[-/.](\\d{1,2}))$`);

/** A month written without a day (`2025年3月`) → its first and last day (ISO), or null. */
export function parseMonthText(text: string): [first: string, last: string] | null {
  if (typeof text !== "string" || text.length > 40) return null;
  const m = YM_RE.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = num(m[2] ?? m[3]);
  if (!isValidDate(y, mo, 1)) return null;
  return [isoDate(y, mo, 1), isoDate(y, mo, lastDayOfMonth(y, mo))];
}
