import { roundHalfUp, sumRounded } from "../../src/core/decimal";

describe("roundHalfUp", () => {
  test.each([
    [6.0625, 2, 6.06],
    [9.895, 2, 9.9],
    [8.625, 2, 8.63],
    [1.005, 2, 1.01],
    [8.62, 0, 9],
    [0.5, 0, 1],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [1.23456789, 4, 1.2346],
    [0, 2, 0],
    [99.995, 2, 100],
    [1e-9, 2, 0],
    [123456.789, 1, 123456.8],
  ])("%p to %p decimals is %p", (x, d, want) => {
    expect(roundHalfUp(x, d)).toBe(want);
  });

  test("sums rounded figures without drift", () => {
    expect(sumRounded([0.1, 0.2], 2)).toBe(0.3);
    expect(sumRounded([9.47, 8.62, 10], 2)).toBe(28.09);
  });
});

describe("roundHalfUp agrees with exact decimal rounding", () => {
  // Reference: round the shortest decimal string the double prints as, digit by digit.
  function reference(x: number, d: number): number {
    const s = Math.abs(x).toFixed(20).replace(/0+$/, "");
    const shortest = String(Math.abs(x)).includes("e") ? s : String(Math.abs(x));
    const [int, frac = ""] = shortest.split(".");
    const digits = int + frac.padEnd(d + 1, "0");
    const keep = int.length + d;
    let n = BigInt(digits.slice(0, keep) || "0");
    if (Number(digits[keep] ?? "0") >= 5) n += 1n;
    const v = Number(n) / 10 ** d;
    return x < 0 && v !== 0 ? -v : v;
  }
  const fc = require("fast-check") as typeof import("fast-check");

  test("on figures with up to 6 decimals (scores, rates, money)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        (n, scale, d) => {
          const x = n / 10 ** scale;
          expect(roundHalfUp(x, d)).toBe(reference(x, d));
        }
      ),
      { numRuns: 5000 }
    );
  });

  test("on exact halves, which the fast path must leave to the exact one", () => {
    for (let k = 0; k < 2000; k++) {
      const x = (2 * k + 1) / 2000; // …5 at the 4th decimal
      expect(roundHalfUp(x, 3)).toBe(reference(x, 3));
    }
  });
});
