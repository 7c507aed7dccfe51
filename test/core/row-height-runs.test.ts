/** rowHeightRuns: the runs every host sets a layout's row heights by (one call a run). */
import { rowHeightRuns } from "../../src/core";

describe("rowHeightRuns", () => {
  test.each([
    ["none", undefined, []],
    ["one row", [{ row: 3, height: 15 }], [{ row: 3, rows: 1, height: 15 }]],
    [
      "consecutive rows of one height, given out of order",
      [
        { row: 5, height: 13.5 },
        { row: 3, height: 13.5 },
        { row: 4, height: 13.5 },
      ],
      [{ row: 3, rows: 3, height: 13.5 }],
    ],
    [
      "a height change and a gap each start a run",
      [
        { row: 0, height: 28 },
        { row: 1, height: 13.5 },
        { row: 2, height: 13.5 },
        { row: 4, height: 13.5 },
      ],
      [
        { row: 0, rows: 1, height: 28 },
        { row: 1, rows: 2, height: 13.5 },
        { row: 4, rows: 1, height: 13.5 },
      ],
    ],
  ])("%s", (_, rowHeights, runs) => {
    expect(rowHeightRuns({ rowHeights })).toEqual(runs);
  });
});
