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

/** Strips a weight suffix such as `(50分)` or `（50分）` and returns both parts. */
export function splitWeightSuffix(text: string): { name: string; weight: number | null } {
  const s = compact(text);
  const m = /^(.*?)\((\d+(?:\.\d+)?)分?\)$/.exec(s);
  if (m && m[1]) return { name: m[1], weight: Number(m[2]) };
  return { name: s, weight: null };
}

/** First year 19xx/20xx in a text, or null. */
export function firstYear(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/.exec(text.normalize("NFKC"));
  return m ? Number(m[1]) : null;
}
