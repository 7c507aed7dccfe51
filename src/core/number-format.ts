/**
 * Tells a date number format from a numeric one ("yyyy-mm-dd", "m/d/yyyy", "[$-804]yyyy\"年\"m\"月\"d\"日\"",
 * "yyyy年m月d日" vs "0.00%", "#,##0.00", "General", "@", "0.0\"万元\"", "[Red]0.00").
 *
 * Only the first section (before `;`) is looked at. Quoted text, backslash escapes, `_x` / `*x` fillers and
 * bracketed parts ([Red], [$-804], [DBNum1], [<=100]) are ignored. Elapsed time ([h]:mm, [mm]:ss) and a
 * time of day alone (h:mm:ss, h:mm AM/PM) are not dates: a date format has a year, a day or a month.
 */

const QUOTED = /"[^"]*"?/g;
const ESCAPED = /\\[\s\S]/g;
const FILLER = /[_*][\s\S]/g;
const ELAPSED = /\[(?:h+|m+|s+)\]/i;
const BRACKETS = /\[[^\]]*\]?/g;
const AMPM = /a\/p|am\/pm|上午\/下午/gi;
const SCIENTIFIC = /e[+-]/gi;
/** `G/通用格式` is General as Chinese Excel and WPS spell it in a format code (`G/通用格式"个"`). */
const GENERAL = /general|g\/通用格式/gi;

const cache = new Map<string, boolean>();

export function isDateFormat(format: string | undefined | null): boolean {
  if (typeof format !== "string" || format === "") return false;
  const hit = cache.get(format);
  if (hit !== undefined) return hit;
  const result = compute(format);
  if (cache.size < 1000) cache.set(format, result);
  return result;
}

function firstSection(format: string): string {
  // `;` inside quotes or escapes does not split; strip those first, then split.
  return format.replace(QUOTED, "").replace(ESCAPED, "").replace(FILLER, "").split(";")[0];
}

function compute(format: string): boolean {
  let s = firstSection(format);
  if (ELAPSED.test(s)) return false;
  s = s
    .replace(BRACKETS, "")
    .replace(AMPM, "")
    .replace(GENERAL, "")
    .replace(SCIENTIFIC, "")
    .toLowerCase();
  if (/[ydgeb]/.test(s)) {
    // y, d: year/day; e: year (some locales); g: era; b: Buddhist year. Only as format codes, which is all that
    // remains once literals are gone.
    return true;
  }
  if (s.includes("m")) {
    // m without y/d is a month only when no hour or second sits beside it (`mmm` vs `h:mm`, `mm:ss`).
    return !/[hs]/.test(s);
  }
  return false;
}
