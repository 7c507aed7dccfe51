import fc from "fast-check";
import { trimmed } from "../../src/core/text";

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
