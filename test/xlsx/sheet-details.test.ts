/**
 * Worksheet details in the command line's copies (src/xlsx/sheet-details.ts): the sheet view's hidden
 * zeros and page-break-preview zoom, a conditional format's "stop if true", a sheet password in its older
 * form, links within the workbook. The fixture (scripts/make-cell-image-fixtures.py) is the example with
 * each of them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { internalLinkNode, internalLinksAsTargets } from "../../src/xlsx/links";
import { keepSheetDetails, pick, withAttributes } from "../../src/xlsx/sheet-details";
import { readZipEntry, zipDirectory } from "../../src/xlsx/zip-entries";
import { cli, part, stylesPartErrors, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "sheet-details.xlsx");

const element = (xml: string | null, tag: string) =>
  new RegExp(`<${tag}\\b[^>]*>`).exec(xml ?? "")?.[0] ?? null;

describe("pick and withAttributes", () => {
  test("pick takes the named attributes the node has", () => {
    expect(pick({ showZeros: "0", view: "normal" }, ["showZeros", "showFormulas"])).toEqual({
      showZeros: "0",
    });
    expect(pick(undefined, ["showZeros"])).toEqual({});
  });

  test("the first element of the tag gets the kept attributes; exceljs's own win", () => {
    const calls: [string, string, Record<string, unknown> | undefined][] = [];
    const stream = {
      openNode: (name: string, a?: Record<string, unknown>) => calls.push(["open", name, a]),
      leafNode: (name: string, a?: Record<string, unknown>) => calls.push(["leaf", name, a]),
      closeNode: () => calls.push(["close", "", undefined]),
    };
    const s = withAttributes(stream, "sheetView", { showZeros: "0", workbookViewId: "9" });
    s.openNode("sheetView", { workbookViewId: 0 });
    s.leafNode("pane", { state: "frozen" });
    s.openNode("sheetView", {});
    (s as unknown as { closeNode(): void }).closeNode();
    expect(calls).toEqual([
      ["open", "sheetView", { workbookViewId: 0, showZeros: "0" }],
      ["leaf", "pane", { state: "frozen" }],
      ["open", "sheetView", {}],
      ["close", "", undefined],
    ]);
  });
});

describe("links within the workbook", () => {
  test("read: a link with a location gets a relationship to #location, or to address#location", () => {
    const model = {
      hyperlinks: [
        { address: "A1", target: "'表'!A17" },
        { address: "B1", rId: "rId1" },
        { address: "C1", rId: "rId2", target: "Sheet1!A1" },
        { address: "D1", rId: "rId1", target: "第二节" },
      ],
      relationships: [{ Id: "rId1", Type: "x", Target: "https://example.com" }],
    };
    internalLinksAsTargets(model);
    // D1: the page's address and the place on it; rId1 itself stays B1's, unchanged.
    expect(model.hyperlinks[3].rId).toBe("indicator-scorer-location-2");
    expect(model.relationships.pop()).toMatchObject({
      Id: "indicator-scorer-location-2",
      Target: "https://example.com#第二节",
    });
    expect(model.relationships[0].Target).toBe("https://example.com");
    expect(model.hyperlinks[0]).toEqual({
      address: "A1",
      target: "'表'!A17",
      rId: "indicator-scorer-location-1",
    });
    expect(model.relationships).toHaveLength(2);
    expect(model.relationships[1]).toMatchObject({
      Id: "indicator-scorer-location-1",
      Target: "#'表'!A17",
    });
    // C1's relationship is not in the part: left to exceljs.
    expect(model.hyperlinks[2].rId).toBe("rId2");
  });

  test.each([
    [
      { address: "A1", target: "#'表'!A17" },
      { ref: "A1", location: "'表'!A17", tooltip: undefined },
    ],
    [
      { address: "A1", target: "#名称", tooltip: "t" },
      { ref: "A1", location: "名称", tooltip: "t" },
    ],
    [{ address: "A1", target: "https://example.com/#x" }, null],
    [{ address: "A1", target: "#x", rId: "rId3" }, null],
  ])("write %p", (link, node) => {
    expect(internalLinkNode(link)).toEqual(node);
  });
});

describe("a copy of a workbook with these details", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "sheet-details-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds them", () => {
    const sheet = part(FIXTURE, "xl/worksheets/sheet1.xml");
    expect(sheet).toContain(
      '<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/><pageSetUpPr fitToPage="1"/></sheetPr>'
    );
    expect(element(sheet, "sheetView")).toContain('showZeros="0"');
    expect(element(sheet, "cfRule")).toContain('stopIfTrue="1"');
    expect(element(sheet, "sheetProtection")).toContain('password="CC1A"');
    expect(sheet).toContain('<hyperlink ref="A134" location="\'绩效目标表\'!A17"');
  });

  test("score, then score the copy again: each detail is in both, as the input had it", async () => {
    const copy = path.join(tmp, "copy.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    const first = part(copy, "xl/worksheets/sheet1.xml");
    // The sheet's properties in the schema's order (tabColor, outlinePr, pageSetUpPr), with their values.
    expect(/<sheetPr>.*?<\/sheetPr>/.exec(first ?? "")?.[0]).toBe(
      '<sheetPr><outlinePr summaryBelow="0" summaryRight="0"/><pageSetUpPr fitToPage="1"/></sheetPr>'
    );
    expect(element(first, "sheetView")).toMatch(/showZeros="0"/);
    expect(element(first, "sheetView")).toMatch(/zoomScaleSheetLayoutView="85"/);
    expect(element(first, "sheetView")).toMatch(/view="pageBreakPreview"/);
    expect(element(first, "cfRule")).toMatch(/stopIfTrue="1"/);
    expect(element(first, "sheetProtection")).toMatch(/password="CC1A"/);
    expect(element(first, "sheetProtection")).toMatch(/sheet="1"/);
    // The link within the workbook is a location, as Excel writes it; the web link keeps its relationship.
    expect(first).toContain('<hyperlink ref="A134" location="&apos;绩效目标表&apos;!A17"/>');
    const web = /<hyperlink ref="B134" r:id="(rId\d+)"\/>/.exec(first ?? "");
    expect(web).not.toBeNull();
    const rels = part(copy, "xl/worksheets/_rels/sheet1.xml.rels") ?? "";
    expect(rels).toContain(`Id="${web![1]}"`);
    expect(rels).toContain('Target="https://yss.mof.gov.cn/"');
    expect(rels).not.toContain("#");

    expect((await cli("score", copy, "--out", copy)).code).toBe(0);
    const second = part(copy, "xl/worksheets/sheet1.xml");
    for (const tag of ["sheetPr", "sheetView", "cfRule", "sheetProtection", "hyperlinks"])
      expect(element(second, tag)).toBe(element(first, tag));
    expect(second).toContain('<hyperlink ref="A134" location="&apos;绩效目标表&apos;!A17"/>');

    const back = await readWorkbook(copy);
    expect(back.workbook.worksheets[0].getCell("A134").value).toMatchObject({
      text: "跳到第二个项目",
      hyperlink: "#'绩效目标表'!A17",
    });
  });

  test("the summary sheet's links to each table are locations, with no outside address", async () => {
    const copy = path.join(tmp, "summary.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    const summary = part(copy, "xl/worksheets/sheet2.xml") ?? "";
    expect(summary).toContain('<hyperlink ref="B2" location="&apos;绩效目标表&apos;!A1"/>');
    expect(summary).toContain('<hyperlink ref="B3" location="&apos;绩效目标表&apos;!A17"/>');
    expect(summary).not.toMatch(/<hyperlink [^>]*r:id=/);
    expect(part(copy, "xl/worksheets/_rels/sheet2.xml.rels") ?? "").not.toContain("hyperlink");
  });

  test("copies of every fixture and both examples: worksheet and style elements in the schema's order, no NaN, every id pointing at something, tables as wide as their ranges", async () => {
    // CT_Worksheet's sequence, and CT_SheetPr's: Excel repairs a part whose elements are out of order.
    const ORDER = (
      "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection " +
      "protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells " +
      "phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup " +
      "headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing " +
      "legacyDrawing legacyDrawingHF drawingHF picture oleObjects controls webPublishItems tableParts extLst"
    ).split(" ");
    const SHEET_PR = ["tabColor", "outlinePr", "pageSetUpPr"];
    // The one element CT_Worksheet lets repeat (maxOccurs="unbounded").
    const REPEATED = new Set(["conditionalFormatting"]);
    const children = (xml: string, parent: string) => {
      const inner = new RegExp(`<${parent}\\b[^>]*>([\\s\\S]*)</${parent}>`).exec(xml)?.[1] ?? "";
      const names: string[] = [];
      let depth = 0;
      for (const m of inner.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
        if (m[1]) depth--;
        else {
          if (depth === 0) names.push(m[2]);
          if (!m[3]) depth++;
        }
      }
      return names;
    };
    const inOrder = (names: string[], order: string[]) =>
      names.every(
        (n, i) =>
          order.includes(n) &&
          (i === 0 ||
            order.indexOf(names[i - 1]) < order.indexOf(n) ||
            (names[i - 1] === n && REPEATED.has(n)))
      );
    const dir = path.join(__dirname, "..", "fixtures");
    const inputs = [
      ...fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".xlsx"))
        .map((f) => path.join(dir, f)),
      ...["year-end-2025.xlsx", "targets-2025.xlsx"].map((f) =>
        path.join(__dirname, "..", "..", "examples", f)
      ),
    ];
    expect(inputs.length).toBeGreaterThan(20);
    const checked: string[] = [];
    for (const input of inputs) {
      const out = path.join(tmp, `order-${path.basename(input)}`);
      expect((await cli("score", input, "--out", out)).code).toBeLessThan(2);
      const data = fs.readFileSync(out);
      // And its styles part as Excel reads it (workbook-styles.ts adds to it).
      expect([path.basename(input), stylesPartErrors(part(out, "xl/styles.xml") ?? "")]).toEqual([
        path.basename(input),
        [],
      ]);
      for (const e of zipDirectory(data)!.filter((x) =>
        /^xl\/worksheets\/sheet\d+\.xml$/.test(x.name)
      )) {
        const xml = readZipEntry(data, e, 1 << 26)!.toString("utf8");
        const top = children(xml, "worksheet");
        // A conditional format needs at least one rule (exceljs wrote empty ones, conditional-formats.ts).
        expect([
          path.basename(input),
          e.name,
          /<conditionalFormatting\b[^>]*\/>/.test(xml),
        ]).toEqual([path.basename(input), e.name, false]);
        expect([path.basename(input), e.name, inOrder(top, ORDER)]).toEqual([
          path.basename(input),
          e.name,
          true,
        ]);
        if (top.includes("sheetPr"))
          expect([path.basename(input), inOrder(children(xml, "sheetPr"), SHEET_PR)]).toEqual([
            path.basename(input),
            true,
          ]);
        // No number exceljs could not read written as NaN (formula limits, conditional-formats.ts), and
        // every rule's extension id has its settings (data bars).
        const markup = xml.replace(/<v>[^<]*<\/v>|<t\b[^>]*>[^<]*<\/t>|<f\b[^>]*>[^<]*<\/f>/g, "");
        expect([path.basename(input), e.name, /NaN/.test(markup)]).toEqual([
          path.basename(input),
          e.name,
          false,
        ]);
        for (const [, id] of xml.matchAll(/<x14:id>([^<]+)<\/x14:id>/g))
          expect([path.basename(input), id, xml.includes(`id="${id}"`)]).toEqual([
            path.basename(input),
            id,
            true,
          ]);
        checked.push(e.name);
      }
      for (const e of zipDirectory(data)!.filter((x) =>
        /^xl\/tables\/table\d+\.xml$/.test(x.name)
      )) {
        // A table has a column for each column of its range (tables.ts).
        const xml = readZipEntry(data, e, 1 << 26)!.toString("utf8");
        const [, from, to] = /\sref="([A-Z]+)\d+:([A-Z]+)\d+"/.exec(xml) ?? [];
        const width = to.charCodeAt(0) - from.charCodeAt(0) + 1;
        const columns = (xml.match(/<tableColumn\b/g) ?? []).length;
        const count = Number(/<tableColumns count="(\d+)"/.exec(xml)?.[1]);
        expect([path.basename(input), e.name, columns, count]).toEqual([
          path.basename(input),
          e.name,
          width,
          width,
        ]);
      }
      for (const e of zipDirectory(data)!.filter((x) =>
        /^xl\/drawings\/drawing\d+\.xml$/.test(x.name)
      )) {
        // Every id a drawing names has a relationship, and a one-cell anchor has no editAs (pictures.ts).
        const xml = readZipEntry(data, e, 1 << 26)!.toString("utf8");
        const rels = part(out, e.name.replace("drawings/", "drawings/_rels/") + ".rels") ?? "";
        for (const [, id] of xml.matchAll(/\sr:(?:embed|id)="([^"]+)"/g))
          expect([path.basename(input), id, rels.includes(`Id="${id}"`)]).toEqual([
            path.basename(input),
            id,
            true,
          ]);
        expect([path.basename(input), /<xdr:oneCellAnchor [^>]*editAs/.test(xml)]).toEqual([
          path.basename(input),
          false,
        ]);
      }
    }
    expect(checked.length).toBeGreaterThan(inputs.length);
  }, 120_000);

  test("a header and footer: different first page as LibreOffice writes it, not aligned or scaled", async () => {
    // The fixture with 页眉/页脚 as LibreOffice stores a 首页不同 footer with both boxes unticked.
    const SHEET = "xl/worksheets/sheet1.xml";
    const footer =
      '<headerFooter differentFirst="true" differentOddEven="false" scaleWithDoc="0" alignWithMargins="false">' +
      "<oddFooter>&amp;C第 &amp;P 页</oddFooter><firstFooter>&amp;C封面</firstFooter></headerFooter>";
    expect(part(FIXTURE, SHEET)).toMatch(/<pageSetup [^>]*\/>/);
    const input = path.join(tmp, "footer.xlsx");
    await withPartEdited(
      FIXTURE,
      SHEET,
      (xml) => xml.replace(/(<pageSetup [^>]*\/>)/, `$1${footer}`),
      input
    );
    const copy = path.join(tmp, "footer-copy.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    const written = element(part(copy, SHEET), "headerFooter") ?? "";
    // exceljs read differentFirst="true" as false (the cover got "第 1 页") and dropped the other two.
    expect(written).toMatch(/\sdifferentFirst="1"/);
    expect(written).not.toMatch(/differentOddEven/);
    expect(written).toMatch(/\sscaleWithDoc="0"/);
    expect(written).toMatch(/\salignWithMargins="false"/);
    expect(part(copy, SHEET)).toContain("<firstFooter>&amp;C封面</firstFooter>");
  });

  test("a custom view's filter, print options and header stay the view's, not the sheet's", async () => {
    // views-scenarios.xlsx has two custom views; here the first also keeps a filter, gridlines, a page
    // setup and a page header of its own, as Excel stores a view saved with its print settings.
    const SHEET = "xl/worksheets/sheet1.xml";
    const views = path.join(__dirname, "..", "fixtures", "views-scenarios.xlsx");
    const own =
      '<printOptions gridLines="1"/><pageSetup paperSize="8" orientation="portrait"/>' +
      "<headerFooter><oddHeader>视图页眉</oddHeader></headerFooter>" +
      '<autoFilter ref="A7:G30"/></customSheetView>';
    const input = path.join(tmp, "view-settings.xlsx");
    await withPartEdited(views, SHEET, (xml) => xml.replace("</customSheetView>", own), input);
    const sheet = part(input, SHEET) ?? "";
    expect(sheet).toContain("视图页眉");
    // The sheet itself has none of them (its page setup is A4 landscape).
    const outside = sheet.replace(/<customSheetViews>[\s\S]*<\/customSheetViews>/, "");
    expect(outside).not.toMatch(/<autoFilter|<printOptions|<headerFooter/);
    const copy = path.join(tmp, "view-settings-copy.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    const written = part(copy, SHEET) ?? "";
    // exceljs took each for the sheet's: filter buttons, gridlines and 视图页眉 on every printed page.
    expect(written).not.toMatch(/<autoFilter|<printOptions|<headerFooter/);
    expect(written).not.toContain("视图页眉");
    expect(element(written, "pageSetup")).toMatch(/paperSize="9" orientation="landscape"/);
  });

  test("page numbering, notes as displayed and a custom paper size are as the input had them", async () => {
    const SHEET = "xl/worksheets/sheet1.xml";
    const example = path.join(__dirname, "..", "..", "examples", "year-end-2025.xlsx");
    const pageSetup = (file: string) => element(part(file, SHEET), "pageSetup") ?? "";
    // 起始页码 "自动": no useFirstPageNumber. exceljs wrote useFirstPageNumber="1" firstPageNumber="1",
    // so printing a whole workbook restarted every sheet at page 1.
    expect(pageSetup(example)).not.toMatch(/FirstPageNumber/);
    const plain = path.join(tmp, "page-numbers.xlsx");
    expect((await cli("score", example, "--out", plain)).code).toBe(0);
    expect(pageSetup(plain)).not.toMatch(/FirstPageNumber/);
    // Set by hand: first page 3, notes printed as displayed (exceljs misspelt the value and dropped it),
    // a custom paper size.
    const input = path.join(tmp, "page-setup.xlsx");
    await withPartEdited(
      example,
      SHEET,
      (xml) =>
        xml.replace(
          /<pageSetup paperSize="9"/,
          '<pageSetup paperSize="9" firstPageNumber="3" useFirstPageNumber="1" cellComments="asDisplayed" ' +
            'paperWidth="185mm" paperHeight="260mm"'
        ),
      input
    );
    const copy = path.join(tmp, "page-setup-copy.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    const written = pageSetup(copy);
    for (const a of [
      'firstPageNumber="3"',
      'useFirstPageNumber="1"',
      'cellComments="asDisplayed"',
      'paperWidth="185mm"',
      'paperHeight="260mm"',
    ])
      expect(written).toContain(a);
  });

  test("installing again wraps nothing twice", () => {
    const proto = (
      require("exceljs/lib/xlsx/xform/sheet/sheet-view-xform") as {
        prototype: { render: unknown };
      }
    ).prototype;
    const once = proto.render;
    expect(keepSheetDetails()).toBe(true);
    expect(proto.render).toBe(once);
  });
});
