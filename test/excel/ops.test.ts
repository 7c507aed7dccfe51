/** Output-column runs become Excel operations: one range per run (banded when large), one fill per stretch. */
import { ColumnRun, HIGHLIGHT_FILL, HIGHLIGHT_FONT, writeOpsOfRuns } from "../../src/core";
import {
  AUTO_FONT,
  CellsOp,
  MAX_OP_BYTES,
  NO_FILL,
  StyleOp,
  opBytes,
  opsFromWriteOps,
} from "../../src/excel/ops";

/** Runs through the write contract (core) and the add-in's translation, as the write does. */
const opsFromRuns = (runs: ColumnRun[]) => opsFromWriteOps(writeOpsOfRuns(runs), () => undefined);

const run = (values: (number | null)[], highlight: boolean[]): ColumnRun => ({
  sheet: "表",
  col: 6,
  row: 5,
  values,
  numberFormat: "0.00",
  highlight,
});

describe("output-column runs through the write contract", () => {
  test("values and formats as one column range; blanks written as empty text", () => {
    const ops = opsFromRuns([run([20, 12.5, null], [false, true, true])]);
    const cells = ops.filter((o): o is CellsOp => o.kind === "cells");
    expect(cells).toEqual([
      {
        kind: "cells",
        sheet: "表",
        rect: { row: 5, col: 6, rows: 3, cols: 1 },
        values: [[20], [12.5], [""]],
        numberFormat: [["0.00"], ["0.00"], ["0.00"]],
      },
    ]);
  });

  test("one fill per stretch of equal highlight, the unhighlighted cleared explicitly", () => {
    const styles = opsFromRuns([run([1, 2, 3, 4], [false, true, true, false])]).filter(
      (o): o is StyleOp => o.kind === "style"
    );
    expect(styles.map((s) => [s.rect.row, s.rect.rows, s.fill, s.fontColor])).toEqual([
      [5, 1, NO_FILL, AUTO_FONT],
      [6, 2, HIGHLIGHT_FILL, HIGHLIGHT_FONT],
      [8, 1, NO_FILL, AUTO_FONT],
    ]);
  });

  test("a run of 100,000 cells is split into bands that each stay under the operation limit", () => {
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => i / 7);
    const cells = opsFromRuns([run(values, new Array(n).fill(false))]).filter(
      (o): o is CellsOp => o.kind === "cells"
    );
    expect(cells.length).toBeGreaterThan(1);
    expect(cells.every((o) => opBytes(o) <= MAX_OP_BYTES)).toBe(true);
    expect(cells.reduce((s, o) => s + o.rect.rows, 0)).toBe(n);
    expect(cells.flatMap((o) => o.values!.map((r) => r[0]))).toEqual(values);
  });
});
