import { markBytes, markRanges, markerFormula, parseMarker } from "../../src/excel/conditional";

describe("unmet marks (conditional formats)", () => {
  test("the marker formula records its range and is recognised", () => {
    expect(parseMarker(markerFormula("F5:F9"))).toBe("F5:F9");
    expect(parseMarker("=A1>0")).toBeNull();
  });

  test("one format per run costs a fraction of one per cell (measured for the choice in conditional.ts)", () => {
    const contiguous = Array.from({ length: 10_000 }, (_, i) => ({
      sheet: "S",
      row: 10 + i,
      col: 5,
    }));
    const alternating = Array.from({ length: 5_000 }, (_, i) => ({
      sheet: "S",
      row: 10 + 2 * i,
      col: 5,
    }));
    const perCell = (cells: typeof contiguous) =>
      markBytes(cells.map((c) => ({ sheet: c.sheet, address: `F${c.row + 1}` })));
    expect(markRanges(contiguous)).toEqual([{ sheet: "S", address: "F11:F10010" }]);
    expect(markBytes(markRanges(contiguous))).toBeLessThan(3000);
    expect(perCell(contiguous)).toBeGreaterThan(5 * 1024 * 1024);
    expect(markRanges(alternating)).toHaveLength(5_000);
    console.log(
      `marks for 10,000 contiguous unmet cells: per run ${markBytes(markRanges(contiguous))} B, per cell ${(perCell(contiguous) / 1e6).toFixed(1)} MB; ` +
        `5,000 alternating: ${(markBytes(markRanges(alternating)) / 1e6).toFixed(1)} MB either way (split across requests)`
    );
  });
});
