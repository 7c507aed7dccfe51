/**
 * What the reader refuses or clips before it costs anything, and where the writer never writes: built from
 * XML templates (test/support/xlsx-builder.ts) and checked with openpyxl.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { analyzeWorkbook } from "../../src/core";
import { applyPlan, workbookToBuffer } from "../../src/xlsx/apply-plan";
import { readWorkbookBuffer, WorkbookReadError } from "../../src/xlsx/read-workbook";
import { buildXlsx, CellInput } from "../support/xlsx-builder";
import { spawnSync } from "child_process";
import { PYTHON, readWithOpenpyxl } from "../support/openpyxl";
import { readPrintSettings } from "../support/openpyxl-print";

const HEADER = [
  "一级指标",
  "二级指标",
  "三级指标",
  "指标值",
  "实际完成值",
  "偏差原因分析及改进措施",
];

function form(extra: CellInput[][] = []): CellInput[][] {
  return [
    ["测试项目2025绩效自评表"],
    ["项目名称", "测试项目"],
    ["预算数", 100, "全年执行数", 95],
    HEADER,
    ["产出指标", "数量指标", "维护系统数量", "≥6个", "7个"],
    ["效益指标", "社会效益指标", "提高服务水平", "作用显著", "达成"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥95%", "97%"],
    ...extra,
  ];
}

async function edit(data: Buffer, part: string, f: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  zip.file(part, f(await zip.file(part)!.async("string")));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

async function score(data: Buffer) {
  const read = await readWorkbookBuffer(data, "t.xlsx");
  const analysis = analyzeWorkbook(read.sheets, { ledger: read.ledger, lang: "en" });
  const applied = applyPlan(read.workbook, analysis.plan);
  return { read, analysis, applied, out: workbookToBuffer(read.workbook) };
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guards-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("reading guards", () => {
  test("a merged range over a million rows costs nothing and the table is scored", async () => {
    const data = await buildXlsx({
      sheets: [{ name: "表", rows: form(), merges: ["A200:XFD1048576"] }],
    });
    const started = process.memoryUsage().rss;
    const { analysis } = await score(data);
    expect(analysis.report.tables[0].total).not.toBeNull();
    // Held as clipped rectangles, not cells: far below the gigabytes it once took.
    expect(process.memoryUsage().rss - started).toBeLessThan(300 * 1024 * 1024);
  });

  test("a zip whose declared sizes lie is refused as damaged, in one line", async () => {
    const good = await buildXlsx({ sheets: [{ name: "表", rows: form() }] });
    const zip = await JSZip.loadAsync(good);
    const names = Object.keys(zip.files).filter((n) => n.includes("sheet1.xml"));
    const data = Buffer.from(good);
    // The central directory's uncompressed size of sheet1.xml, made smaller than the data.
    const name = Buffer.from(names[0]);
    for (let p = data.length - 22; p >= 0; p--) {
      if (
        data.readUInt32LE(p) === 0x02014b50 &&
        data.subarray(p + 46, p + 46 + name.length).equals(name)
      ) {
        data.writeUInt32LE(10, p + 24);
        break;
      }
    }
    const err = await readWorkbookBuffer(data, "lies.xlsx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookReadError);
    expect((err as WorkbookReadError).code).toBe("CORRUPT");
    expect((err as Error).message).toMatch(/^lies\.xlsx: [^\n]+$/);
  });

  test("a part declaring more than the limit is refused before it is inflated", async () => {
    const good = await buildXlsx({ sheets: [{ name: "表", rows: form() }] });
    const data = Buffer.from(good);
    for (let p = data.length - 22; p >= 0; p--)
      if (data.readUInt32LE(p) === 0x02014b50) {
        data.writeUInt32LE(0xfffffff0, p + 24);
        break;
      }
    const err = await readWorkbookBuffer(data, "bomb.xlsx").catch((e: unknown) => e);
    expect((err as WorkbookReadError).code).toBe("TOO_BIG");
    expect((err as WorkbookReadError).localized("zh")).toMatch(
      /^bomb\.xlsx：工作簿过大，命令行无法读取（[^）]+ bytes）$/
    );
  });
});

describe("where the writer never writes", () => {
  test("a formula cell and the rest of an array formula's range are refused with a finding", async () => {
    // The output columns G (得分) and H (完成率): G5 holds a formula, H5:H6 an array formula's range.
    let data = await buildXlsx({
      sheets: [{ name: "表", rows: form(), cells: { G5: { f: "1+1", v: 2 } } }],
    });
    data = await edit(data, "xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(
        /<row r="5"([^>]*)>([\s\S]*?)<\/row>/,
        (_m, a: string, body: string) =>
          `<row r="5"${a}>${body.replace(/<c r="G5"[\s\S]*?<\/c>/, "")}<c r="G5"><f>1+1</f><v>2</v></c><c r="H5"><f t="array" ref="H5:H6">ROW(H5:H6)</f><v>5</v></c></row>`
      )
    );
    const { analysis, out } = await score(data);
    const occupied = analysis.plan.skipped
      .filter((i) => i.code === "OUTPUT_OCCUPIED")
      .map((i) => i.cell);
    expect(occupied).toEqual(expect.arrayContaining(["G5", "H5", "H6"]));
    const file = path.join(tmp, "formulas.xlsx");
    fs.writeFileSync(file, out);
    const sheet = readWithOpenpyxl(file).sheet("表");
    expect(sheet.cells.G5.v).toBe("=1+1");
    expect(sheet.cells.H6?.v ?? null).toBeNull();
    expect(sheet.cells.G6.v).toEqual(expect.any(Number)); // the next row is scored as usual
  });

  test("a table's header row (its column names) is an area no plan may write", async () => {
    const read = await readWorkbookBuffer(
      fs.readFileSync(path.join(__dirname, "..", "fixtures", "table-columns.xlsx")),
      "table-columns.xlsx"
    );
    expect(read.sheets.find((s) => s.name === "明细")!.noWrite).toEqual([
      { row: 0, col: 0, rows: 1, cols: 4 },
    ]);
  });

  test("a lone surrogate in a user's cell survives a write, and so does its copy in 评分汇总", async () => {
    // Excel stores a lone surrogate as the escape _xD800_ (UTF-8 has no bytes for it).
    let data = await buildXlsx({ sheets: [{ name: "表", rows: form() }], sharedStrings: false });
    data = await edit(data, "xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(">测试项目<", ">测试项目_xD800_<")
    );
    const { read, out } = await score(data);
    expect(read.sheets[0].values[1][1]).toBe("测试项目\uD800");
    const again = await readWorkbookBuffer(out, "again.xlsx");
    const user = again.sheets.find((s) => s.name === "表")!;
    expect(user.values[1 - user.originRow][1 - user.originCol]).toBe("测试项目\uD800");
    const summary = again.sheets.find((s) => s.name === "评分汇总")!;
    expect(summary.values.flat()).toContain("测试项目\uD800");
  });
});

describe("packages written by other producers", () => {
  /** The example's parts spelt with an `x:` prefix, as the .NET Open XML SDK writes them. */
  function prefixed(xml: string): string {
    return xml
      .replace(
        /<(\/?)(?!\?)([A-Za-z][\w.]*)(?=[\s/>])/g,
        (_m, slash: string, name: string) => `<${slash}x:${name}`
      )
      .replace(
        / xmlns="http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main"/,
        ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
      );
  }

  test("styles and a sheet with an x: prefix: the output is well-formed and its formats are right", async () => {
    let data = await buildXlsx({
      sheets: [
        { name: "表", rows: form([["满意度指标", "服务对象满意度指标", "回访率", "≥95%", "90%"]]) },
      ],
    });
    data = await edit(data, "xl/styles.xml", prefixed);
    data = await edit(data, "xl/worksheets/sheet1.xml", prefixed);
    const { out } = await score(data);
    const file = path.join(tmp, "prefixed.xlsx");
    fs.writeFileSync(file, out);
    const sheet = readWithOpenpyxl(file).sheet("表");
    // The unmet row's score: highlighted (the appended fill and font in the main namespace).
    const scoreCell = Object.entries(sheet.cells).find(
      ([a, c]) => /^[G-J]8$/.test(a) && typeof c.v === "number" && c.fill
    );
    expect(scoreCell?.[1].fill).toMatch(/FFC7CE$/i);
    // openpyxl forgives an element outside the namespace; Excel does not: every element of the written
    // styles and sheet parts must be in SpreadsheetML's namespace (Python's ElementTree says where each is).
    const script = [
      "import sys, zipfile, xml.etree.ElementTree as ET",
      "z = zipfile.ZipFile(sys.argv[1])",
      "ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'",
      "for part in ('xl/styles.xml', 'xl/worksheets/sheet1.xml'):",
      "    for el in ET.fromstring(z.read(part)).iter():",
      "        if not el.tag.startswith(ns): print(part, el.tag)",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", script, file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("");
  });

  test("a workbook part with an x: prefix: print titles and a grown print area are names in its namespace", async () => {
    let data = await buildXlsx({ sheets: [{ name: "表", rows: form() }] });
    data = await edit(data, "xl/workbook.xml", (xml) =>
      prefixed(
        xml.replace(
          "</sheets>",
          `</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">表!$A$1:$C$9</definedName></definedNames>`
        )
      )
    );
    data = await edit(data, "xl/styles.xml", prefixed);
    const { out } = await score(data);
    const file = path.join(tmp, "prefixed-workbook.xlsx");
    fs.writeFileSync(file, out);
    const script = [
      "import sys, zipfile, xml.etree.ElementTree as ET",
      "z = zipfile.ZipFile(sys.argv[1])",
      "ns = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'",
      "for el in ET.fromstring(z.read('xl/workbook.xml')).iter():",
      "    if not el.tag.startswith(ns): print('outside', el.tag)",
      "    if el.tag == ns + 'definedName': print(el.get('name'), el.get('localSheetId'), el.text)",
    ].join("\n");
    const r = spawnSync(PYTHON, ["-c", script, file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const lines = r.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("outside"))).toEqual([]);
    // The user's area grown past C (the added columns), the summary's header row repeated on its pages.
    expect(lines).toContainEqual(
      expect.stringMatching(/^_xlnm\.Print_Area 0 '表'!\$A\$1:\$[D-Z]\$\d+$/)
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^_xlnm\.Print_Titles 1 '评分汇总'!\$\d+:\$\d+$/)
    );
    expect(readPrintSettings(file)["表"].printArea?.[0]).toMatch(/^\$A\$1:\$[D-Z]\$\d+$/);
  });

  test("a package without a styles part gets one when a written cell needs a format", async () => {
    let data = await buildXlsx({ sheets: [{ name: "表", rows: form() }] });
    const zip = await JSZip.loadAsync(data);
    zip.remove("xl/styles.xml");
    zip.file(
      "xl/_rels/workbook.xml.rels",
      (await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).replace(
        /<Relationship [^>]*styles"[^>]*\/>/,
        ""
      )
    );
    zip.file(
      "[Content_Types].xml",
      (await zip.file("[Content_Types].xml")!.async("string")).replace(
        /<Override PartName="\/xl\/styles.xml"[^>]*\/>/,
        ""
      )
    );
    data = await zip.generateAsync({ type: "nodebuffer" });
    const { out } = await score(data);
    const file = path.join(tmp, "no-styles.xlsx");
    fs.writeFileSync(file, out);
    const sheet = readWithOpenpyxl(file).sheet("表");
    // The completion rates and scores carry their formats (wherever the planner put their columns).
    const formats = Object.values(sheet.cells).map((c) => c.numFmt);
    expect(formats).toContain("0.00%");
    expect(formats).toContain("0.00");
  });
});
