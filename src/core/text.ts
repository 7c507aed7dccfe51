/** Text normalisation shared by the header matcher, the label finder and the target grammar. */

const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** NFKC (full-width → half-width) with every kind of whitespace removed. */
export function compact(text: string): string {
  return text.normalize("NFKC").replace(WHITESPACE, "");
}

/**
 * How labels and headers are compared (scoring-spec §1): NFKC, no whitespace, no trailing `:`/`：`,
 * no trailing `（A）`-style tag. Latin letters are lower-cased so `Level 1` matches `level1`.
 */
export function normalizeLabel(text: string): string {
  let s = compact(text);
  s = s.replace(/[:：]+$/, "");
  s = s.replace(/\([A-Za-z0-9]{1,2}\)$/, "");
  return s.toLowerCase();
}

const suffixMemo = new Map<string, { name: string; weight: number | null }>();

/** Strips a weight suffix such as `(50分)` or `（50分）` and returns both parts. */
export function splitWeightSuffix(text: string): { name: string; weight: number | null } {
  // Level-1 names repeat on every row of a table: remember the few there are (bounded against odd input).
  let r = suffixMemo.get(text);
  if (!r) {
    r = splitWeightSuffixUncached(text);
    if (suffixMemo.size > 10_000) suffixMemo.clear();
    suffixMemo.set(text, r);
  }
  return r;
}

function splitWeightSuffixUncached(text: string): { name: string; weight: number | null } {
  const s = compact(text);
  const m = /^(.*?)\((\d+(?:\.\d+)?)分?\)$/.exec(s);
  if (m && m[1]) return { name: m[1], weight: Number(m[2]) };
  return { name: s, weight: null };
}

/** White space as String.prototype.trim sees it (ECMAScript WhiteSpace and LineTerminator). */
function isTrimSpace(c: number): boolean {
  if (c < 0xa0) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * `s.trim()`, without the call when neither end is white space, as in almost every cell: the locator reads
 * each cell's text more than once, and trim itself was a tenth of locating 100,000 rows.
 */
export function trimmed(s: string): string {
  const n = s.length;
  if (n === 0 || (!isTrimSpace(s.charCodeAt(0)) && !isTrimSpace(s.charCodeAt(n - 1)))) return s;
  return s.trim();
}

/**
 * True when every character is printable ASCII other than A–Z, or a CJK unified ideograph: text that NFKC,
 * white-space folding, trimming and lower-casing all leave as it is. Most cells are such text, and each of
 * those calls costs more than this loop.
 */
export function isPlainText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? c <= 0x20 || c >= 0x7f || (c >= 0x41 && c <= 0x5a) : c < 0x4e00 || c > 0x9fff)
      return false;
  }
  return true;
}

/** `s.toLowerCase()`, without the call for plain text (see isPlainText). */
export function lowerCased(s: string): string {
  return isPlainText(s) ? s : s.toLowerCase();
}

/** First year 19xx/20xx in a text, or null. */
export function firstYear(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/.exec(text.normalize("NFKC"));
  return m ? Number(m[1]) : null;
}

/**
 * Whether Excel would parse `text` if it were typed into a cell, so that writing it as text needs Excel's
 * quote prefix: anything containing a digit (numbers, dates, times, percentages, fractions, currencies),
 * anything starting with = + - @ # or ' , and TRUE/FALSE. Plain words ("优", "未达成", "Output") do not.
 */
export function needsQuotePrefix(text: string): boolean {
  if (text === "") return false;
  if (/[0-9\uFF10-\uFF19]/.test(text)) return true;
  const first = text.trimStart().charAt(0);
  if ("=+-@#'\uFF1D\uFF0B\uFF0D".includes(first) && first !== "") return true;
  return /^\s*(true|false)\s*$/i.test(text);
}
