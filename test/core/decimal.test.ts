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
