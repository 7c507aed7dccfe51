import fc from "fast-check";
import { isPlainText, lowerCased, needsQuotePrefix, trimmed } from "../../src/core/text";
import { normalizeTargetText, rewriteTargetText, WS } from "../../src/core/parse-target";

/** Every character String.prototype.trim removes, and a few look-alikes it keeps. */
const TRIMMED =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
const KEPT = "\u200b\u180e\u0085x中%";

describe("trimmed", () => {
  test.each([
    ["", ""],
    ["≥6个", "≥6个"],
    ["  7个 ", "7个"],
    ["\u3000达成\u3000", "达成"],
    ["\ufeff95%", "95%"],
    ["\u200b95%", "\u200b95%"],
    [" ", ""],
  ])("%p → %p", (s, out) => {
    expect(trimmed(s)).toBe(out);
  });

  test("is String.prototype.trim, character by character", () => {
    for (const c of TRIMMED + KEPT) {
      for (const s of [c, `${c}a`, `a${c}`, `${c}a${c}`]) expect(trimmed(s)).toBe(s.trim());
    }
  });

  test("is String.prototype.trim on any string (fast-check)", () => {
    const chars = fc.oneof(
      fc.constantFrom(...(TRIMMED + KEPT)),
      fc.string({ unit: "grapheme", maxLength: 1 }),
      fc.string({ unit: "binary", maxLength: 1 })
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }), (parts) => {
        const s = parts.join("");
        expect(trimmed(s)).toBe(s.trim());
      }),
      { numRuns: 3000 }
    );
  });

  test("every code unit: trimmed only where trim trims", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [`${ch}a`, `a${ch}`])
        if (trimmed(s) !== s.trim()) throw new Error(`U+${c.toString(16)}`);
    }
  });
});

describe("isPlainText: text every normalisation leaves alone", () => {
  test.each([
    ["91.3%", true],
    ["906312元", true],
    ["2025-03-20", true],
    ["部分达成", true],
    ["", true],
    ["N/A", false], // upper case
    ["95 %", false], // a space
    ["95％", false], // full width
    ["部分达成（70%）", false], // full-width parentheses
    ["\u200b95%", false],
    ["≥6个", false],
  ])("%p → %p", (s, plain) => {
    expect(isPlainText(s)).toBe(plain);
  });

  test("every code unit it calls plain is unchanged by NFKC, trim, white-space folding and lower case", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!isPlainText(ch)) continue;
      for (const s of [ch, `a${ch}`, `${ch}中`]) {
        const same =
          s.normalize("NFKC") === s &&
          s.trim() === s &&
          s.replace(WS, " ") === s &&
          s.toLowerCase() === s;
        if (!same) throw new Error(`U+${c.toString(16)}`);
      }
    }
  });

  test("lowerCased is toLowerCase on any string (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 10 }), (s) => {
        expect(lowerCased(s)).toBe(s.toLowerCase());
      }),
      { numRuns: 3000 }
    );
  });
});

describe("normalizeTargetText's fast path gives what the rewrites give", () => {
  /** Plain characters, the characters that start a rewrite, end punctuation, and anything at all. */
  const chars = fc.oneof(
    fc.constantFrom(..."0123456789.%元个万达成年月日-/=<>,(大于等小百分之比含);!?:。、 ≥≤（）"),
    fc.string({ unit: "grapheme", maxLength: 1 })
  );

  test.each([
    "91.3%",
    "906312元",
    "达成",
    "2025-03-20",
    "95%.",
    ":95",
    "1,000",
    "大于等于5",
    "百分之九十",
    "5(含)",
  ])("%p", (s) => {
    expect(normalizeTargetText(s)).toBe(rewriteTargetText(s));
  });

  test("on any string (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10 }), (parts) => {
        const s = parts.join("");
        expect(normalizeTargetText(s)).toBe(rewriteTargetText(s));
      }),
      { numRuns: 5000 }
    );
  });
});

describe("needsQuotePrefix: text Excel would parse if typed into a cell", () => {
  test.each([
    ["95", true],
    ["95%", true],
    ["2025-03-01", true],
    ["2025年3月底前", true],
    ["科目一考场自建项目2025", true],
    ["１２", true],
    ["=SUM(A1:A3)", true],
    ["＝A1", true],
    ["+86", true],
    ["-", true],
    ["@user", true],
    ["#N/A", true],
    ["'quoted", true],
    ["  =A1", true],
    ["TRUE", true],
    [" false ", true],
    ["优", false],
    ["未达成", false],
    ["Output", false],
    ["达成预期", false],
    ["", false],
    ["truth", false],
  ])("%p → %p", (text, out) => {
    expect(needsQuotePrefix(text)).toBe(out);
  });
});
