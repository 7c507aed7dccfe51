/**
 * The workbook-wide styles of the command line's copies (src/xlsx/workbook-styles.ts): the default font,
 * named cell styles and each cell's link to its style, and a custom colour palette. The fixture
 * (scripts/make-cell-image-fixtures.py) is the example with 宋体 12 as its default font, the named styles
 * 百分比, 好 and 标题样式 in use on F10, A134 and A1, and a palette whose colour 10 is purple.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exceljsSpelling, readSourceStyles, remapStyleXf } from "../../src/xlsx/workbook-styles";
import { cli, part, stylesPartErrors } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "workbook-styles.xlsx");
const SHEET = "xl/worksheets/sheet1.xml";

const section = (xml: string, tag: string) =>
  new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml)?.[1] ?? "";
const children = (xml: string, tag: string, child: string) =>
  section(xml, tag).match(new RegExp(`<${child}\\b[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, "g")) ?? [];
const attr = (element: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? null;

/**
 * A named style or cell format with its ids resolved to what they point at in its own part, so that an
 * input's and a copy's can be compared however each numbers its tables. exceljs rewrites the fonts it
 * writes for cells, so fonts are compared by their properties, not their spelling.
 */
function resolved(styles: string, xf: string) {
  const font = children(styles, "fonts", "font")[Number(attr(xf, "fontId") ?? 0)] ?? "";
  const fmtId = Number(attr(xf, "numFmtId") ?? 0);
  const fmt = children(styles, "numFmts", "numFmt").find(
    (n) => Number(attr(n, "numFmtId")) === fmtId
  );
  return {
    font: [...font.matchAll(/<(\w+)(?: (\w+)="([^"]*)")?\/>/g)]
      .map((m) => m.slice(1).join(" "))
      .sort(),
    fill: children(styles, "fills", "fill")[Number(attr(xf, "fillId") ?? 0)],
    border: children(styles, "borders", "border")[Number(attr(xf, "borderId") ?? 0)],
    format: fmt ? attr(fmt, "formatCode") : fmtId,
  };
}

/** The named style of a cell of sheet 1, by name, or null for 常规/Normal. */
function styleNameOf(file: string, ref: string): string | null {
  const styles = part(file, "xl/styles.xml") ?? "";
  const s = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(part(file, SHEET) ?? "")?.[1] ?? 0);
  const xfId = Number(attr(children(styles, "cellXfs", "xf")[s] ?? "", "xfId") ?? 0);
  const named = children(styles, "cellStyles", "cellStyle").find(
    (c) => Number(attr(c, "xfId")) === xfId
  );
  return named && attr(named, "builtinId") !== "0" ? attr(named, "name") : null;
}

describe("readSourceStyles", () => {
  const xml =
    '<styleSheet><numFmts count="1"><numFmt numFmtId="166" formatCode="#,##0.00&quot;元&quot;"/></numFmts>' +
    '<fonts count="2"><font><sz val="12"/><name val="宋体"/></font><font><b/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border/></borders>' +
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="166" fontId="1"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf xfId="1"/></cellXfs>' +
    '<cellStyles count="2"><cellStyle name="常规" xfId="0" builtinId="0"/><cellStyle name="金额" xfId="1"/></cellStyles>' +
    '<colors><mruColors><color rgb="FF7030A0"/></mruColors></colors></styleSheet>';

  test("reads the fonts, formats, named styles and palette as written", () => {
    const s = readSourceStyles(xml)!;
    expect(s.fonts).toEqual(['<font><sz val="12"/><name val="宋体"/></font>', "<font><b/></font>"]);
    expect(s.fills).toHaveLength(2);
    expect(s.borders).toEqual(["<border/>"]);
    expect([...s.numFmts]).toEqual([[166, '#,##0.00"元"']]);
    expect(s.styleXfs).toEqual([
      '<xf numFmtId="0" fontId="0"/>',
      '<xf numFmtId="166" fontId="1"/>',
    ]);
    expect(s.cellStyles).toContain('<cellStyle name="金额" xfId="1"/>');
    expect(s.colors).toBe('<colors><mruColors><color rgb="FF7030A0"/></mruColors></colors>');
  });

  test("named styles without their names, or with prefixed elements, are not kept; a prefixed part not at all", () => {
    const unnamed = readSourceStyles(xml.replace(/<cellStyles[\s\S]*<\/cellStyles>/, ""))!;
    expect([unnamed.styleXfs, unnamed.cellStyles]).toEqual([[], null]);
    expect(unnamed.fonts).toHaveLength(2);
    const ext = readSourceStyles(
      xml.replace(
        '<cellStyle name="金额" xfId="1"/>',
        '<cellStyle name="金额" xfId="1"><extLst><x14:ext/></extLst></cellStyle>'
      )
    )!;
    expect(ext.cellStyles).toBeNull();
    expect(readSourceStyles(xml.replace(/<(\/?)styleSheet>/g, "<$1x:styleSheet>"))).toBeNull();
    expect(readSourceStyles(xml.replace("<font><b/></font>", "<font><x:b/></font>"))).toBeNull();
  });

  test("remapStyleXf renumbers the four ids and keeps everything else", () => {
    const xf =
      '<xf numFmtId="166" fontId=\'1\' fillId="2" borderId="0" applyFont="0"><alignment horizontal="center"/></xf>';
    expect(remapStyleXf(xf, (kind, id) => (kind === "fontId" ? id + 10 : id + 100))).toBe(
      '<xf numFmtId="266" fontId="11" fillId="102" borderId="100" applyFont="0"><alignment horizontal="center"/></xf>'
    );
  });

  test("exceljsSpelling: the font as exceljs writes it after reading it", () => {
    expect(
      exceljsSpelling(
        '<font><sz val="12"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'
      )
    ).toBe('<font><charset val="134"/><family val="3"/><sz val="12"/><name val="宋体"/></font>');
    expect(
      exceljsSpelling('<font><b/><color rgb="FF006100"/><name val="Arial &amp; Co"/></font>')
    ).toBe('<font><b/><color rgb="FF006100"/><name val="Arial &amp; Co"/></font>');
  });

  test("stylesPartErrors finds a dangling named style, font and format, and elements out of order", () => {
    expect(stylesPartErrors(xml)).toEqual([]);
    expect(
      stylesPartErrors(xml.replace('<xf xfId="1"/>', '<xf xfId="2" fontId="2" numFmtId="170"/>'))
    ).toHaveLength(3);
    expect(
      stylesPartErrors(
        xml
          .replace(/(<colors>[\s\S]*<\/colors>)/, "")
          .replace("<styleSheet>", "<styleSheet><colors/>")
      )
    ).toHaveLength(1);
  });
});

describe("workbook styles in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "workbook-styles-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds them", () => {
    const styles = part(FIXTURE, "xl/styles.xml")!;
    expect(children(styles, "fonts", "font")[0]).toContain('<name val="宋体"/>');
    expect(children(styles, "cellStyles", "cellStyle")).toHaveLength(4);
    expect(["A1", "F10", "A134", "B134"].map((r) => styleNameOf(FIXTURE, r))).toEqual([
      "标题样式",
      "百分比",
      "好",
      null,
    ]);
  });

  test("score, then score the copy again: default font, named styles, each cell's style and the palette are in both", async () => {
    const input = part(FIXTURE, "xl/styles.xml")!;
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    for (const file of [copy, twice]) {
      const styles = part(file, "xl/styles.xml")!;
      expect(stylesPartErrors(styles)).toEqual([]);
      // exceljs made font 0 (the default font, which column widths are measured in) Calibri 11.
      expect(children(styles, "fonts", "font")[0]).toBe(children(input, "fonts", "font")[0]);
      expect(section(styles, "cellStyles")).toBe(section(input, "cellStyles"));
      const named = children(styles, "cellStyleXfs", "xf");
      const source = children(input, "cellStyleXfs", "xf");
      expect(named).toHaveLength(source.length);
      named.forEach((xf, i) => {
        expect(resolved(styles, xf)).toEqual(resolved(input, source[i]));
        // The flags saying what applying the style from the gallery changes, as written.
        expect(xf.replace(/\s(numFmtId|fontId|fillId|borderId)="\d+"/g, "")).toBe(
          source[i].replace(/\s(numFmtId|fontId|fillId|borderId)="\d+"/g, "")
        );
      });
      expect(["A1", "F10", "A134", "B134"].map((r) => styleNameOf(file, r))).toEqual([
        "标题样式",
        "百分比",
        "好",
        null,
      ]);
      expect(section(styles, "colors")).toBe(section(input, "colors"));
      expect(section(styles, "colors")).toContain('<rgbColor rgb="FF7030A0"/>');
    }
    expect(part(twice, "xl/styles.xml")).toBe(part(copy, "xl/styles.xml"));
  });
});
