/**
 * What a workbook holds that exceljs cannot write back, read from its zip entries and drawings; and the
 * drawing that exceljs 4.4 cannot parse (exceljs#2591), which used to make a whole workbook unreadable.
 * The chart fixtures are made by scripts/make-chart-fixtures.sh (openpyxl, then LibreOffice); those with
 * pictures in cells and sparklines by scripts/make-cell-image-fixtures.py.
 */
import fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyzeWorkbook } from "../../src/core/analyze";
import { readWorkbook, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { writeWorkbook } from "../../src/xlsx/apply-plan";
import { countInParts, droppedParts, unkeptFeatures, unkeptOf } from "../../src/xlsx/unkept";
import { readZipEntry, zipDirectory, zipEntryNames } from "../../src/xlsx/zip-entries";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
const OPENPYXL = path.join(ROOT, "test", "fixtures", "chart-openpyxl.xlsx");
const LIBREOFFICE = path.join(ROOT, "test", "fixtures", "chart-libreoffice.xlsx");
const fixture = (name: string) => path.join(ROOT, "test", "fixtures", name);

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
          for (const e of zipDirectory(damaged) ?? []) {
            const bytes = readZipEntry(damaged, e, 1 << 20);
            expect(bytes === null || bytes.length <= 1 << 20).toBe(true);
          }
        }
      ),
      { numRuns: 400 }
    );
  });
});

describe("readZipEntry", () => {
  const entry = (file: string, name: string) => {
    const data = fs.readFileSync(file);
    return { data, e: zipDirectory(data)!.find((x) => x.name === name)! };
  };

  test("inflates a part to the bytes the archive holds", () => {
    const { data, e } = entry(fixture("cellimages-wps.xlsx"), "xl/cellimages.xml");
    expect(e.method).toBe(8);
    const bytes = readZipEntry(data, e, 1 << 20)!;
    expect(bytes.length).toBe(e.size);
    expect(bytes.toString("utf8")).toMatch(/^<\?xml[^]*<etc:cellImages [^]*<\/etc:cellImages>$/);
  });

  test("a part larger than the limit is not inflated", () => {
    const { data, e } = entry(EXAMPLE, "xl/worksheets/sheet1.xml");
    expect(readZipEntry(data, e, e.size)).not.toBeNull();
    expect(readZipEntry(data, e, e.size - 1)).toBeNull();
    // The stated size may lie: inflating stops at the limit all the same.
    expect(readZipEntry(data, { ...e, size: 10 }, 1000)).toBeNull();
  });

  test("a damaged local header or an unknown method reads as null", () => {
    const { data, e } = entry(EXAMPLE, "xl/workbook.xml");
    expect(readZipEntry(data, { ...e, localOffset: e.localOffset + 1 }, 1 << 20)).toBeNull();
    expect(readZipEntry(data, { ...e, method: 12 }, 1 << 20)).toBeNull();
    expect(readZipEntry(data, { ...e, compressedSize: data.length }, 1 << 20)).toBeNull();
  });
});

describe("countInParts: pictures in cells and sparklines, counted from the parts' contents", () => {
  /** The counts of an archive holding one part. */
  const countInOnePart = async (part: string, xml: string) => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file(part, xml);
    const data = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    return [...countInParts(data, zipDirectory(data)!)];
  };

  test.each([
    ["cellimages-wps.xlsx", [["cellImages", 2]]],
    ["cellimage-excel.xlsx", [["cellImages", 1]]],
    ["sparklines.xlsx", [["sparklines", 3]]],
    ["list-validation.xlsx", [["listValidations", 2]]],
    ["dynamic-array.xlsx", [["dynamicArrays", 2]]],
    ["page-breaks.xlsx", [["pageBreaks", 2]]],
    ["protected-workbook.xlsx", [["workbookProtection", 1]]],
    ["filter.xlsx", [["filterCriteria", 1]]],
    ["protected-ranges.xlsx", [["protectedRanges", 2]]],
    ["modify-password.xlsx", [["modifyPassword", 1]]],
    ["header-picture.xlsx", [["headerPictures", 1]]],
    // In the order the parts come (the sheet before the workbook here); unkeptFeatures sorts.
    [
      "views-scenarios.xlsx",
      [
        ["scenarios", 1],
        ["customViews", 2],
      ],
    ],
    ["chart-libreoffice.xlsx", []],
    ["../../examples/year-end-2025.xlsx", []],
  ])("%s → %j", (name, expected) => {
    const data = fs.readFileSync(fixture(name));
    expect([...countInParts(data, zipDirectory(data)!)]).toEqual(expected);
  });

  test("data validations of the sheet itself are kept by exceljs: not counted; the extension's URI in any case is", async () => {
    const sheet = (ext: string) =>
      '<worksheet><dataValidations count="1"><dataValidation type="list" sqref="A1">' +
      '<formula1>"是,否"</formula1></dataValidation></dataValidations>' +
      `<extLst><ext uri="${ext}"><x14:dataValidations><x14:dataValidation type="list">` +
      "</x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>";
    const count = (xml: string) => countInOnePart("xl/worksheets/sheet1.xml", xml);
    expect(await count(sheet("{78C0D931-6437-407d-A8EE-F0AAD7539E65}"))).toEqual([]);
    for (const uri of [
      "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",
      "{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}",
      "{cce6a557-97bc-4b89-adb6-d9c93caab3df}",
    ])
      expect(await count(sheet(uri))).toEqual([["listValidations", 1]]);
  });

  test("dynamic array formulas count by their cells' cm attribute, however the writer quotes and spaces it", async () => {
    const count = (cells: string) =>
      countInOnePart(
        "xl/worksheets/sheet1.xml",
        `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`
      );
    const spill = (at: string, attrs: string) =>
      `<c r="${at}"${attrs}><f t="array" ref="${at}:${at.replace("1", "3")}">_xlfn._xlws.SORT(A1:A3)</f><v>1</v></c>`;
    expect(await count(spill("B1", ' cm="1"') + spill("C1", "\ncm='1'"))).toEqual([
      ["dynamicArrays", 2],
    ]);
    expect(await count(spill("C1", "\n cm='1'"))).toEqual([["dynamicArrays", 1]]);
    // An old-style array formula, a picture's value metadata (vm) and text that mentions cm= are no such thing.
    expect(
      await count(
        spill("B1", "") +
          '<c r="C1" t="e" vm="1"><v>#VALUE!</v></c>' +
          '<c r="D1" t="inlineStr"><is><t>width cm="3"</t></is></c>'
      )
    ).toEqual([]);
  });

  test("workbook protection counts only when it locks something", async () => {
    const count = (attrs: string) =>
      countInOnePart(
        "xl/workbook.xml",
        `<workbook><workbookPr/><workbookProtection ${attrs}/><sheets/></workbook>`
      );
    expect(await count('lockStructure="1"')).toEqual([["workbookProtection", 1]]);
    expect(await count('workbookPassword="CC3D" lockWindows="true"')).toEqual([
      ["workbookProtection", 1],
    ]);
    expect(await count('lockStructure="0" lockWindows="false"')).toEqual([]);
  });

  test("custom document properties count, except those WPS adds to every file it saves", async () => {
    const props = (names: string[]) =>
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
      'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      names
        .map(
          (n, i) =>
            `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${n}">` +
            "<vt:lpwstr>x</vt:lpwstr></property>"
        )
        .join("") +
      "</Properties>";
    const count = (xml: string) => countInOnePart("docProps/custom.xml", xml);
    const wps = ["KSOProductBuildVer", "ICV", "KSOTemplateDocerSaveRecord", "CalculationRule"];
    expect(await count(props(wps))).toEqual([]);
    expect(await count(props([...wps, "密级", "MSIP_Label_0d3f_Enabled"]))).toEqual([
      ["customProperties", 2],
    ]);
    // Attribute order varies by writer; a name only starting like WPS's own still counts.
    expect(
      await count(
        '<Properties><property name="归档号" pid="2"/><property name="ICVersion"/></Properties>'
      )
    ).toEqual([["customProperties", 2]]);
  });

  test("a part that cannot be read counts nothing rather than failing", () => {
    const data = fs.readFileSync(fixture("cellimages-wps.xlsx"));
    const entries = zipDirectory(data)!.map((e) =>
      e.name === "xl/cellimages.xml" ? { ...e, method: 99 } : e
    );
    expect([...countInParts(data, entries)]).toEqual([]);
  });

  test("counts join the part-name rules in the fixed order", () => {
    const inParts = new Map([
      ["sparklines", 3],
      ["cellImages", 2],
    ] as const);
    expect(
      unkeptFeatures(
        ["xl/charts/chart1.xml", "xl/vbaProject.bin"],
        { nonPictures: 1, unread: 0 },
        inParts
      )
    ).toEqual([
      { feature: "charts", count: 1 },
      { feature: "cellImages", count: 2 },
      { feature: "sparklines", count: 3 },
      { feature: "macros", count: 1 },
    ]);
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
    [
      [
        "xl/webextensions/webextension1.xml",
        "xl/webextensions/webextension2.xml",
        "xl/webextensions/taskpanes.xml",
      ],
      none,
      [["addins", 2]],
    ],
    [["customXml/item1.xml", "customXml/itemProps1.xml"], none, [["customXml", 1]]],
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

describe("reading workbooks with pictures in cells or sparklines", () => {
  test.each([
    ["cellimages-wps.xlsx", [{ feature: "cellImages", count: 2 }]],
    ["cellimage-excel.xlsx", [{ feature: "cellImages", count: 1 }]],
    ["sparklines.xlsx", [{ feature: "sparklines", count: 3 }]],
    ["dynamic-array.xlsx", [{ feature: "dynamicArrays", count: 2 }]],
    ["page-breaks.xlsx", [{ feature: "pageBreaks", count: 2 }]],
    ["protected-workbook.xlsx", [{ feature: "workbookProtection", count: 1 }]],
    ["filter.xlsx", [{ feature: "filterCriteria", count: 1 }]],
    ["protected-ranges.xlsx", [{ feature: "protectedRanges", count: 2 }]],
    ["modify-password.xlsx", [{ feature: "modifyPassword", count: 1 }]],
    ["header-picture.xlsx", [{ feature: "headerPictures", count: 1 }]],
    [
      "views-scenarios.xlsx",
      [
        { feature: "customViews", count: 2 },
        { feature: "scenarios", count: 1 },
      ],
    ],
  ])(
    "%s: read, scored like the example, and what a copy would lose is known",
    async (name, lost) => {
      const r = await readWorkbook(fixture(name));
      expect(unkeptOf(r.workbook)).toEqual(lost);
      const tables = (sheets: typeof r.sheets) =>
        analyzeWorkbook(sheets, { currentYear: 2025 }).report.tables;
      expect(tables(r.sheets)).toEqual(tables((await readWorkbook(EXAMPLE)).sheets));
    }
  );

  // exceljs does copy the image files of xl/media, but with no part left that places them anywhere.
  test("what exceljs writes of them: the DISPIMG formulas and #VALUE! cells stay, their pictures do not", async () => {
    const wps = await readWorkbook(fixture("cellimages-wps.xlsx"));
    const excel = await readWorkbook(fixture("cellimage-excel.xlsx"));
    const wpsCopy = Buffer.from(await wps.workbook.xlsx.writeBuffer());
    const excelCopy = Buffer.from(await excel.workbook.xlsx.writeBuffer());
    expect(zipEntryNames(wpsCopy)!.filter((n) => /cellimages/i.test(n))).toEqual([]);
    expect(zipEntryNames(excelCopy)!.filter((n) => /richData|metadata/i.test(n))).toEqual([]);
    expect(wps.workbook.worksheets[0].getCell("A134").formula).toMatch(/DISPIMG\("ID_8B3F/);
    expect(excel.workbook.worksheets[0].getCell("A134").value).toEqual({ error: "#VALUE!" });
  });

  test("what exceljs writes of a dynamic array formula: an array formula fixed to its last spill, no metadata", async () => {
    const r = await readWorkbook(fixture("dynamic-array.xlsx"));
    const copy = Buffer.from(await r.workbook.xlsx.writeBuffer());
    expect(zipEntryNames(copy)!.filter((n) => /metadata/i.test(n))).toEqual([]);
    const sheet = zipDirectory(copy)!.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const xml = readZipEntry(copy, sheet, 1 << 24)!.toString("utf8");
    expect(xml).toMatch(
      /<c r="C134"[^>]*><f t="array" ref="C134:C136">_xlfn\._xlws\.SORT\(A134:A136\)<\/f>/
    );
    expect(xml).not.toMatch(/\scm=/);
  });

  test("exceljs writes no manual page breaks, filter criteria, editable ranges or workbook protection", async () => {
    const copyPart = async (name: string, part: string) => {
      const r = await readWorkbook(fixture(name));
      const copy = Buffer.from(await r.workbook.xlsx.writeBuffer());
      const entry = zipDirectory(copy)!.find((e) => e.name === part)!;
      return readZipEntry(copy, entry, 1 << 24)!.toString("utf8");
    };
    expect(await copyPart("page-breaks.xlsx", "xl/worksheets/sheet1.xml")).not.toMatch(/<brk\b/);
    expect(await copyPart("protected-workbook.xlsx", "xl/workbook.xml")).not.toMatch(
      /workbookProtection/
    );
    const filtered = await copyPart("filter.xlsx", "xl/worksheets/sheet1.xml");
    expect(filtered).toMatch(/<autoFilter ref="A7:G30"\/>/); // the range stays, what it filters on goes
    const ranges = await copyPart("protected-ranges.xlsx", "xl/worksheets/sheet1.xml");
    expect(ranges).toMatch(/<sheetProtection /); // the sheet stays protected, with nothing left editable
    expect(ranges).not.toMatch(/protectedRange/);
  });

  test("exceljs writes no password to modify, header picture, custom view or scenario", async () => {
    const copyOf = async (name: string) => {
      const r = await readWorkbook(fixture(name));
      return Buffer.from(await r.workbook.xlsx.writeBuffer());
    };
    const text = (data: Buffer, part: string) => {
      const entry = zipDirectory(data)!.find((e) => e.name === part)!;
      return readZipEntry(data, entry, 1 << 24)!.toString("utf8");
    };
    expect(text(await copyOf("modify-password.xlsx"), "xl/workbook.xml")).not.toMatch(
      /fileSharing/
    );
    const header = await copyOf("header-picture.xlsx");
    // The header keeps its &G (where the picture goes), without the picture or its drawing.
    expect(text(header, "xl/worksheets/sheet1.xml")).toMatch(/<oddHeader>&amp;L&amp;G/);
    expect(text(header, "xl/worksheets/sheet1.xml")).not.toMatch(/legacyDrawingHF/);
    expect(zipEntryNames(header)!.filter((n) => /vml/i.test(n))).toEqual([]);
    const views = await copyOf("views-scenarios.xlsx");
    expect(text(views, "xl/workbook.xml")).not.toMatch(/customWorkbookView/);
    expect(text(views, "xl/worksheets/sheet1.xml")).not.toMatch(/customSheetView|scenario/);
  });

  test("a file-sharing element without a password or the recommendation, and text naming one, count nothing", async () => {
    const JSZip = (await import("jszip")).default;
    const counts = async (workbook: string, sheet: string) => {
      const zip = new JSZip();
      zip.file("xl/workbook.xml", workbook);
      zip.file("xl/worksheets/sheet1.xml", sheet);
      const data = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
      return [...countInParts(data, zipDirectory(data)!)];
    };
    expect(
      await counts(
        '<workbook><fileSharing userName="财务科" readOnlyRecommended="0"/><sheets/></workbook>',
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;scenarios&gt; legacyDrawingHF</t></is></c></row></sheetData></worksheet>'
      )
    ).toEqual([]);
    expect(
      await counts(
        '<workbook><fileSharing reservationPassword="CC3D"/><sheets/></workbook>',
        '<worksheet><sheetData/><legacyDrawingHF r:id="rId1"/></worksheet>'
      )
    ).toEqual([
      ["modifyPassword", 1],
      ["headerPictures", 1],
    ]);
  });
});

describe("droppedParts: what a copy lacks that no rule names", () => {
  const lacks = (input: string[], output: string[], counted = false) =>
    droppedParts(input, output, counted);
  const WRITTEN = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"];

  test.each<[string, string[], string[], boolean, string[]]>([
    ["the same parts", WRITTEN, WRITTEN, false, []],
    [
      "parts numbered afresh, a leading slash and folder entries",
      ["/xl/worksheets/sheet3.xml", "xl/", "xl/worksheets/", "xl/worksheets/sheet7.xml"],
      ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"],
      false,
      [],
    ],
    [
      "what exceljs rebuilds or Excel regenerates",
      [
        "xl/calcChain.xml",
        "xl/printerSettings/printerSettings1.bin",
        "docProps/thumbnail.jpeg",
        "xl/worksheets/_rels/sheet1.xml.rels",
        "xl/drawings/vmlDrawing1.vml",
        "xl/media/image2.emf",
        "xl/comments1.xml",
        "xl/theme/theme1.xml",
      ],
      WRITTEN,
      false,
      [],
    ],
    [
      "parts a rule counts",
      ["xl/charts/chart1.xml", "xl/vbaProject.bin", "docProps/custom.xml", "xl/cellimages.xml"],
      WRITTEN,
      false,
      [],
    ],
    [
      "a counted feature's companions",
      ["xl/charts/style1.xml", "xl/pivotCache/pivotCacheRecords1.xml", "xl/persons/person.xml"],
      WRITTEN,
      true,
      [],
    ],
    [
      "the same companions when nothing was counted",
      ["xl/persons/person.xml", "xl/richData/rdrichvalue.xml", "customXml/itemProps1.xml"],
      WRITTEN,
      false,
      ["xl/persons/person.xml", "xl/richData/rdrichvalue.xml", "customXml/itemProps1.xml"],
    ],
    [
      "parts nobody listed, as the input names them",
      ["/customUI/customUI14.xml", "xl/featurePropertyBag/featurePropertyBag.xml", ...WRITTEN],
      WRITTEN,
      true,
      ["customUI/customUI14.xml", "xl/featurePropertyBag/featurePropertyBag.xml"],
    ],
    [
      "two parts of a kind, one written back",
      ["xl/namedSheetViews/namedSheetView1.xml", "xl/namedSheetViews/namedSheetView2.xml"],
      ["xl/namedSheetViews/namedSheetView1.xml"],
      false,
      ["xl/namedSheetViews/namedSheetView2.xml"],
    ],
  ])("%s", (_what, input, output, counted, expected) => {
    expect(lacks(input, output, counted)).toEqual(expected);
  });
});

describe("the safety net on real copies: writeWorkbook compares the copy's parts with the input's", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unkept-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const copyOf = async (name: string) => {
    const r = await readWorkbook(fixture(name));
    const before = unkeptOf(r.workbook);
    const out = path.join(tmp, `copy-${path.basename(name)}`);
    await writeWorkbook(r.workbook, out);
    return { before, after: unkeptOf(r.workbook), names: zipEntryNames(fs.readFileSync(out))! };
  };

  test("add-ins and custom XML are counted before writing, and the copy truly lacks them", async () => {
    const { before, after, names } = await copyOf("add-in-custom-xml.xlsx");
    expect(before).toEqual([
      { feature: "addins", count: 1 },
      { feature: "customXml", count: 1 },
    ]);
    // Their task pane and item properties go with them: not listed a second time.
    expect(after).toEqual(before);
    expect(names.filter((n) => /webextension|customXml/i.test(n))).toEqual([]);
  });

  test("a part no rule names is found in the copy's absence, and named", async () => {
    const { before, after, names } = await copyOf("unknown-part.xlsx");
    expect(before).toEqual([]);
    expect(after).toEqual([
      {
        feature: "otherParts",
        count: 1,
        parts: ["xl/featurePropertyBag/featurePropertyBag.xml"],
      },
    ]);
    expect(names.filter((n) => /featurePropertyBag/i.test(n))).toEqual([]);
  });

  test("parts Excel regenerates are not a loss", async () => {
    const { after, names } = await copyOf("regenerated-parts.xlsx");
    expect(after).toEqual([]);
    expect(names.filter((n) => /calcChain|printerSettings|thumbnail/i.test(n))).toEqual([]);
  });

  // Every other fixture: the rules already account for all a copy lacks, so the net adds nothing.
  test.each([
    "cellimages-wps.xlsx",
    "cellimage-excel.xlsx",
    "sparklines.xlsx",
    "list-validation.xlsx",
    "dynamic-array.xlsx",
    "page-breaks.xlsx",
    "protected-workbook.xlsx",
    "filter.xlsx",
    "protected-ranges.xlsx",
    "chart-libreoffice.xlsx",
    "chart-openpyxl.xlsx",
    "libreoffice-flags.xlsx",
    "modify-password.xlsx",
    "header-picture.xlsx",
    "views-scenarios.xlsx",
    "../../examples/year-end-2025.xlsx",
    "../../examples/targets-2025.xlsx",
  ])("%s: nothing beyond what the rules counted", async (name) => {
    const { before, after } = await copyOf(name);
    expect(after).toEqual(before);
  });
});
