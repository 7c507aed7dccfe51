import { formatScore } from "../../src/taskpane/format";

test("formatScore pads to the profile's decimals and never shows float noise", () => {
  expect(formatScore(99.8, 2)).toBe("99.80");
  expect(formatScore(96, 2)).toBe("96.00");
  expect(formatScore(96, 0)).toBe("96");
  expect(formatScore(4.17, 2)).toBe("4.17");
  expect(formatScore(0.1 + 0.2, 2)).toBe("0.30");
  expect(formatScore(9.5, 1)).toBe("9.5");
  expect(formatScore(null, 2)).toBe("—");
  expect(formatScore(Number.NaN, 2)).toBe("—");
});
