/**
 * Tells a date number format from a numeric one ("yyyy-mm-dd", "m/d/yy", "[$-804]yyyy年m月d日" vs
 * "0.00%", "#,##0"). Quoted text, escapes and [colour]/[locale] brackets are ignored first; elapsed-time
 * brackets ([h]) count as time, not date.
 */
export function isDateFormat(format: string | undefined | null): boolean {
  if (!format || format === "General" || format === "@") return false;
  const stripped = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, "")
    .replace(/_.|\*./g, "");
  return /[ymdeg]/i.test(stripped.replace(/[^a-z]/gi, (c) => c)) && /(^|[^a-z])(y|m|d|e)/i.test(stripped) && !/^[#0.,%\s]*$/.test(stripped);
}
