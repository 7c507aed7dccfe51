/**
 * What a workbook holds that exceljs cannot write back, read from its zip entries and drawings; and the
 * drawing that exceljs 4.4 cannot parse (exceljs#2591), which used to make a whole workbook unreadable.
 * The chart fixtures are made by scripts/make-chart-fixtures.sh (openpyxl, then LibreOffice).
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { readWorkbook, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { unkeptFeatures, unkeptOf } from "../../src/xlsx/unkept";
import { zipEntryNames } from "../../src/xlsx/zip-entries";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
const OPENPYXL = path.join(ROOT, "test", "fixtures", "chart-openpyxl.xlsx");
const LIBREOFFICE = path.join(ROOT, "test", "fixtures", "chart-libreoffice.xlsx");

describe("zipEntryNames", () => {
  test("lists the parts of a workbook exceljs wrote", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("表一").getCell("A1").value = "项目名称";
    const names = zipEntryNames(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(names).toEqual(
      expect.arrayContaining(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])
    );
  });

  test("lists the chart parts of the fixtures", () => {
    for (const f of [OPENPYXL, LIBREOFFICE])
      expect(zipEntryNames(fs.readFileSync(f))).toEqual(
        expect.arrayContaining(["xl/charts/chart1.xml", "xl/drawings/drawing1.xml"])
      );
  });

  test.each([
    ["empty", Buffer.alloc(0)],
    ["text", Buffer.from("项目名称,预算数\n一,二\n")],
    ["the first half of a workbook", fs.readFileSync(EXAMPLE).subarray(0, 7000)],
  ])("no directory in %s → null", (_what, data) => {
    expect(zipEntryNames(data)).toBeNull();
  });

  test("never throws on any bytes, nor on any cut or corruption of a real workbook (fast-check)", () => {
    const real = fs.readFileSync(EXAMPLE);
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.nat(real.length),
        fc.nat(real.length),
        fc.nat(255),
        (random, cut, at, byte) => {
          zipEntryNames(Buffer.from(random));
          zipEntryNames(real.subarray(cut));
          const damaged = Buffer.from(real);
          damaged[Math.min(at, damaged.length - 1)] = byte;
          const names = zipEntryNames(damaged);
          expect(names === null || Array.isArray(names)).toBe(true);
        }
      ),
      { numRuns: 400 }
    );
  });
});

describe("unkeptFeatures: parts exceljs never writes", () => {
  const none = { nonPictures: 0, unread: 0 };
  test.each([
    [
      [
        "xl/workbook.xml",
        "xl/media/image1.png",
        "xl/drawings/drawing1.xml",
        "xl/tables/table1.xml",
      ],
      none,
      [],
    ],
    [
      ["xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/style1.xml"],
      { nonPictures: 2, unread: 0 },
      [["charts", 2]],
    ],
    [
      ["xl/charts/chart1.xml"],
      { nonPictures: 3, unread: 0 },
      [
        ["charts", 1],
        ["shapes", 2],
      ],
    ],
    [["xl/drawings/drawing1.xml"], { nonPictures: 0, unread: 1 }, [["unreadDrawings", 1]]],
    [["xl/chartsheets/sheet1.xml"], none, [["chartsheets", 1]]],
    [
      ["xl/pivotTables/pivotTable1.xml", "xl/pivotCache/pivotCacheDefinition1.xml"],
      none,
      [["pivotTables", 1]],
    ],
    [["xl/vbaProject.bin"], none, [["macros", 1]]],
    [["xl/slicers/slicer1.xml", "xl/timelines/timeline1.xml"], none, [["slicers", 2]]],
    [
      ["xl/ctrlProps/ctrlProp1.xml", "xl/activeX/activeX1.xml", "xl/activeX/activeX1.bin"],
      none,
      [["controls", 2]],
    ],
    [["xl/embeddings/oleObject1.bin"], none, [["embeddings", 1]]],
    [
      ["xl/threadedComments/threadedComment1.xml", "xl/comments1.xml"],
      none,
      [["threadedComments", 1]],
    ],
    [["xl/externalLinks/externalLink1.xml"], none, [["externalLinks", 1]]],
    [["xl/connections.xml", "xl/queryTables/queryTable1.xml"], none, [["connections", 2]]],
    [["/xl/vbaProject.bin"], none, [["macros", 1]]],
  ])("%j %j → %j", (names, drawings, expected) => {
    expect(unkeptFeatures(names, drawings).map((u) => [u.feature, u.count])).toEqual(expected);
  });
});

describe("reading workbooks with charts", () => {
  test("a drawing without the xdr: prefix (openpyxl) no longer makes the workbook unreadable", async () => {
    const raw = new ExcelJS.Workbook();
    // What exceljs alone does with this file: the crash that used to end as "not an .xlsx workbook".
    await expect(
      raw.xlsx.load(fs.readFileSync(OPENPYXL) as unknown as ArrayBuffer)
    ).rejects.toThrow(/anchors/);
    const r = await readWorkbook(OPENPYXL);
    const example = await readWorkbook(EXAMPLE);
    expect(r.sheets.map((s) => s.text)).toEqual(example.sheets.map((s) => s.text));
    expect(unkeptOf(r.workbook)).toEqual([
      { feature: "charts", count: 1 },
      { feature: "unreadDrawings", count: 1 },
    ]);
  });

  test("a chart as Excel and LibreOffice write it: read, and counted once", async () => {
    const r = await readWorkbook(LIBREOFFICE);
    expect(r.sheets.length).toBeGreaterThan(0);
    expect(unkeptOf(r.workbook)).toEqual([{ feature: "charts", count: 1 }]);
  });

  test("a workbook of cells and pictures loses nothing", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表一");
    ws.getCell("A1").value = "项目名称";
    // A 1×1 PNG: pictures are among what exceljs writes back.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
      "base64"
    );
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: "png" });
    ws.addImage(id, "C3:D5");
    const r = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), "pictures.xlsx");
    expect(unkeptOf(r.workbook)).toEqual([]);
    expect(unkeptOf((await readWorkbook(EXAMPLE)).workbook)).toEqual([]);
  });
});
