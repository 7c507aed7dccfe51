import fc from "fast-check";
import { ledgerFromRows, ledgerKey, ledgerToRows, sheetKey } from "../../src/core/ledger";
import { Ledger } from "../../src/core/types";

describe("ledger rows", () => {
  test("a column of outputs is one row; gaps start a new row", () => {
    const l: Ledger = new Map<string, string | number | null>([
      [ledgerKey("表", 3, 7), 10],
      [ledgerKey("表", 4, 7), 9.47],
      [ledgerKey("表", 5, 7), "得分"],
      [ledgerKey("表", 9, 7), null],
      [sheetKey("评分汇总"), null],
    ]);
    expect(ledgerToRows(l)).toEqual([
      ["sheet", "cell", "values"],
      ["评分汇总", "*", "null"],
      ["表", "H4", '[10,9.47,"得分"]'],
      ["表", "H10", "[null]"],
    ]);
  });

  test("single-value rows (first format) still read", () => {
    const l = ledgerFromRows([
      ["sheet", "cell", "value"],
      ["表一", "G4", '"达成"'],
      ["表一", "H4", "9.5"],
      ["x", "not a cell", "1"],
      ["y", "A1", "{bad json"],
    ]);
    expect([...l.entries()]).toEqual([
      ["表一!G4", "达成"],
      ["表一!H4", 9.5],
    ]);
  });

  test("property: rows read back to the same ledger, and no JSON cell exceeds Excel's limit", () => {
    const entry = fc.tuple(
      fc.constantFrom("S1", "表 2", "a!b"),
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 30 }),
      fc.oneof(
        fc.string({ maxLength: 400 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constant(null)
      )
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), (entries) => {
        const l: Ledger = new Map(
          entries.map(([s, r, c, v]) => [ledgerKey(s, r, c), Object.is(v, -0) ? 0 : v])
        );
        const rows = ledgerToRows(l);
        expect(rows.every((r) => r.every((cell) => cell.length <= 32767))).toBe(true);
        expect(new Map([...ledgerFromRows(rows)].sort())).toEqual(new Map([...l].sort()));
      })
    );
  });
});
