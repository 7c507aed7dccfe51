import fc from "fast-check";
import { Ledger, ledgerFromRows, ledgerToRows } from "../../src/core/ledger";

describe("ledger rows", () => {
  test("a column of outputs is one row; gaps start a new row", () => {
    const l = new Ledger();
    l.set("表", 3, 7, 10);
    l.set("表", 4, 7, 9.47);
    l.set("表", 5, 7, "得分");
    l.set("表", 9, 7, null);
    l.addSheet("评分汇总");
    expect(ledgerToRows(l)).toEqual([
      ["sheet", "cell", "values", "sheetId"], // the sheet's stable id, when known (lead's 22aa1c1)
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
    expect(l.entries()).toEqual([
      ["表一!G4", "达成"],
      ["表一!H4", 9.5],
    ]);
  });

  test("set, overwrite, delete and copy keep the count and leave the original alone", () => {
    const l = new Ledger();
    l.set("表", 3, 7, 10);
    l.set("表", 3, 7, 11);
    l.set("表", 4, 7, null);
    l.addSheet("评分汇总");
    expect(l.size).toBe(3);
    const copy = new Ledger(l);
    copy.delete("表", 3, 7);
    copy.delete("表", 99, 7);
    expect(copy.size).toBe(2);
    expect(copy.has("表", 3, 7)).toBe(false);
    expect(l.get("表", 3, 7)).toBe(11);
    expect(l.has("表", 4, 7)).toBe(true);
    expect(l.get("表", 4, 7)).toBeNull();
    copy.delete("表", 4, 7);
    expect(copy.sheetsWithCells()).toEqual([]);
    expect(copy.entries()).toEqual([["评分汇总!*", null]]);
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
        const l = new Ledger();
        for (const [s, r, c, v] of entries) l.set(s, r, c, Object.is(v, -0) ? 0 : v);
        const rows = ledgerToRows(l);
        expect(rows.every((r) => r.every((cell) => cell.length <= 32767))).toBe(true);
        expect(ledgerFromRows(rows).entries()).toEqual(l.entries());
        expect(Ledger.of(l.entries()).entries()).toEqual(l.entries());
      })
    );
  });
});

describe("ledger with far-apart cells", () => {
  test("a lone cell at the last row of a sheet copies, lists and stores like any other", () => {
    const l = new Ledger();
    l.set("表", 1_048_575, 16_383, 1.5);
    l.set("表", 2, 16_383, "得分");
    const copy = new Ledger(l);
    expect(copy.entries()).toEqual([
      ["表!XFD3", "得分"],
      ["表!XFD1048576", 1.5],
    ]);
    expect(ledgerToRows(copy).slice(1)).toEqual([
      ["表", "XFD3", '["得分"]'],
      ["表", "XFD1048576", "[1.5]"],
    ]);
  });
});

describe("ledger against a plain map (fast-check)", () => {
  test("any sequence of sets and deletes, across pages and between numbers and texts, reads back like a Map", () => {
    const key = fc.tuple(
      fc.constantFrom("S1", "表"),
      fc.oneof(fc.integer({ min: 0, max: 9000 }), fc.constantFrom(4095, 4096, 8191, 1_048_575)),
      fc.integer({ min: 0, max: 3 })
    );
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.string({ maxLength: 5 }),
      fc.constant(null)
    );
    const op = fc.oneof(
      fc.tuple(fc.constant("set" as const), key, value),
      fc.tuple(fc.constant("delete" as const), key, fc.constant(null))
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const l = new Ledger();
        const model = new Map<string, [string, number, number, string | number | null]>();
        for (const [kind, [s, r, c], v] of ops) {
          const k = `${s}|${r}|${c}`;
          if (kind === "set") {
            l.set(s, r, c, v);
            model.set(k, [s, r, c, v]);
          } else {
            l.delete(s, r, c);
            model.delete(k);
          }
        }
        expect(l.size).toBe(model.size);
        for (const [s, r, c, v] of model.values()) expect(l.get(s, r, c)).toBe(v);
        const listed = [...new Set([...model.values()].map(([s]) => s))]
          .sort()
          .flatMap((s) => [...l.cellsOf(s)].map(([r, c, v]) => [s, r, c, v]));
        const expected = [...model.values()].sort(([s1, r1, c1], [s2, r2, c2]) =>
          s1 < s2 ? -1 : s1 > s2 ? 1 : c1 - c2 || r1 - r2
        );
        expect(listed).toEqual(expected);
        expect(new Ledger(l).entries()).toEqual(l.entries());
      }),
      { numRuns: 300 }
    );
  });

  test("a row outside the sheet is not recorded (a damaged ledger sheet)", () => {
    const l = Ledger.of([
      ["表!A0", 1],
      ["表!A9999999", 2],
      ["表!A1048576", 3],
      ["表!A1048577", 4],
    ]);
    expect(l.entries()).toEqual([["表!A1048576", 3]]);
    expect(l.size).toBe(1);
  });
});

describe("width records (what width the tool set on which column)", () => {
  test("written as [sheet, 'H:H', width] rows and read back; cells and widths do not mix", () => {
    const l = Ledger.of([["表!H5", 1]]);
    l.setWidth("表", 7, 14);
    l.setWidth("表", 27, 12);
    const rows = ledgerToRows(l);
    expect(rows).toContainEqual(["表", "H:H", "14"]);
    expect(rows).toContainEqual(["表", "AB:AB", "12"]);
    const back = ledgerFromRows(rows);
    expect(back.widthEntries()).toEqual([
      ["表!H:H", 14],
      ["表!AB:AB", 12],
    ]);
    expect(back.entries()).toEqual([["表!H5", 1]]);
    expect(back.size).toBe(3);
  });

  test("the E:G records of an earlier add-in (sheet, column, points) are read, in characters", () => {
    const rows = [
      ["sheet", "cell", "values", null, "表", "7", "84"],
      ["表", "H5", "[1]", null, "表", "8", "72"],
      ["表", "H6", "[2]", null, "", "", ""],
    ];
    const l = ledgerFromRows(rows);
    expect(l.widthEntries()).toEqual([
      ["表!H:H", 14],
      ["表!I:I", 12],
    ]);
    expect(l.entries()).toEqual([
      ["表!H5", 1],
      ["表!H6", 2],
    ]);
  });

  test("a rename carries the widths with the sheet; a dropped sheet loses them", () => {
    const l = new Ledger();
    l.setWidth("表", 3, 10);
    l.renameSheet("表", "新表");
    expect(l.widthEntries()).toEqual([["新表!D:D", 10]]);
    l.dropSheet("新表");
    expect(l.size).toBe(0);
  });
});

describe("sheet-level records (issue 18): print areas, the formats mark, own-sheet digests", () => {
  const area = { row: 0, col: 0, rows: 7, cols: 8 };

  test("round trip through the ledger sheet's rows, with a rename and a drop", () => {
    const l = new Ledger();
    l.set("表", 3, 7, 10);
    l.setPrintArea("表", { original: null, set: area });
    l.setFormatted("表");
    l.addSheet("绩效自评表");
    l.setDigest("绩效自评表", "v1:12:abc:def");
    const rows = ledgerToRows(l);
    expect(rows.slice(-3)).toEqual([
      ["表", "printArea", JSON.stringify({ original: null, set: area })],
      ["表", "formatLike", "1"],
      ["绩效自评表", "digest", "v1:12:abc:def"],
    ]);
    const back = ledgerFromRows(rows);
    expect(back.entries()).toEqual(l.entries());
    expect(back.printArea("表")).toEqual({ original: null, set: area });
    expect(back.formatted("表")).toBe(true);
    expect(back.digest("绩效自评表")).toBe("v1:12:abc:def");
    back.renameSheet("表", "新表");
    expect([back.printArea("新表"), back.formatted("新表"), back.printArea("表")]).toEqual([
      { original: null, set: area },
      true,
      undefined,
    ]);
    back.dropSheet("新表");
    back.dropSheet("绩效自评表");
    expect(back.size).toBe(0);
  });

  test.each<[string, string]>([
    ["not JSON", "{bad"],
    ["no set area", JSON.stringify({ original: null })],
    ["a negative row", JSON.stringify({ original: null, set: { ...area, row: -1 } })],
    ["an empty area", JSON.stringify({ original: area, set: { ...area, cols: 0 } })],
  ])("a damaged print-area row is ignored: %s", (_, json) => {
    const l = ledgerFromRows([
      ["sheet", "cell", "values"],
      ["表", "printArea", json],
    ]);
    expect(l.printArea("表")).toBeUndefined();
    expect(l.size).toBe(0);
  });
});
