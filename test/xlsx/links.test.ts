/**
 * Links in the command line's copies (src/xlsx/links.ts): screen tips, a link to a place in another
 * workbook and to a section of a web page, next to a link within the workbook, and links on cells holding
 * formulas. The fixture
 * (scripts/make-cell-image-fixtures.py) is the example with one of each in row 134.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  applyTooltips,
  formulaLinks,
  internalLinkNode,
  linkTooltips,
  setAsideFormulaLinks,
  splitLocations,
} from "../../src/xlsx/links";
import { cli, part } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "links.xlsx");
const SHEET = "xl/worksheets/sheet1.xml";
const RELS = "xl/worksheets/_rels/sheet1.xml.rels";

/** Each link of a sheet as Excel would follow it: cell → [address, place, screen tip]. */
function links(file: string): Record<string, [string | null, string | null, string | null]> {
  const attr = (e: string, n: string) => {
    const v = new RegExp(`\\s${n}="([^"]*)"`).exec(e)?.[1];
    return v === undefined
      ? null
      : v
          .replace(/&apos;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, "&");
  };
  const rels = new Map(
    [...(part(file, RELS) ?? "").matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attr(m[0], "Id"),
      attr(m[0], "Target"),
    ])
  );
  const out: Record<string, [string | null, string | null, string | null]> = {};
  for (const [e] of (part(file, SHEET) ?? "").matchAll(/<hyperlink\b[^>]*>/g)) {
    const rId = attr(e, "r:id");
    out[attr(e, "ref")!] = [
      rId === null ? null : (rels.get(rId) ?? "(missing)"),
      attr(e, "location"),
      attr(e, "tooltip"),
    ];
  }
  return out;
}

const EXPECTED = {
  A134: ["https://yss.mof.gov.cn/", null, "财政部预算司网站"],
  B134: ["%E9%A2%84%E7%AE%97%E8%A1%A8.xlsx", "'汇总'!A1", "打开预算表的汇总"],
  C134: ["https://www.mof.gov.cn/gp/xxgkml/yss/", "第二节", null],
  D134: [null, "'绩效目标表'!A17", "第二个项目"],
  E134: ["https://yss.mof.gov.cn/", null, "预算数的出处"],
  F134: [null, "'绩效目标表'!C4", null],
};

describe("the pieces", () => {
  test("screen tips are read by cell and given to linked cells only", () => {
    const model = {
      hyperlinks: [
        { address: "A1", rId: "rId1", tooltip: "tip" },
        { address: "B1", rId: "rId2" },
        { address: "C1", rId: "rId3", tooltip: "not linked any more" },
      ],
      rows: [
        {
          cells: [
            { address: "A1", hyperlink: "https://a" },
            { address: "B1", hyperlink: "https://b" },
            { address: "C1" },
          ],
        },
      ],
    };
    applyTooltips(model, linkTooltips(model));
    expect(model.rows[0].cells).toEqual([
      { address: "A1", hyperlink: "https://a", tooltip: "tip" },
      { address: "B1", hyperlink: "https://b" },
      { address: "C1" },
    ]);
  });

  test("an outside link's address#place is split as Excel stores it; a link without a place is left alone", () => {
    const links = [
      { address: "A1", rId: "rId1", target: "https://a/#/page" },
      { address: "B1", rId: "rId2", target: "https://b/" },
      { address: "C1", rId: "rId3", target: "#x" },
    ];
    const rels = [
      { Id: "rId1", Type: "h", Target: "https://a/#/page" },
      { Id: "rId2", Type: "h", Target: "https://b/" },
      { Id: "rId3", Type: "h", Target: "#x" },
    ];
    splitLocations(links, rels);
    expect(rels.map((r) => r.Target)).toEqual(["https://a/", "https://b/", "#x"]);
    expect(internalLinkNode(links[0])).toEqual({
      ref: "A1",
      "r:id": "rId1",
      location: "/page",
      tooltip: undefined,
    });
    expect(internalLinkNode(links[1])).toBeNull();
  });
});

test("links on cells holding formulas are set aside, and come back as links of their own", () => {
  const model = {
    hyperlinks: [
      { address: "A1", rId: "rId1", tooltip: "t" },
      { address: "B1", rId: "rId2" },
      { address: "C1", rId: "rId3" },
    ],
    relationships: [
      { Id: "rId1", Type: "h", Target: "https://a/" },
      { Id: "rId2", Type: "h", Target: "#'表'!A1" },
      { Id: "rId3", Type: "h", Target: "https://c/" },
    ],
    rows: [
      {
        cells: [
          { address: "A1", type: 6, formula: "B2" },
          { address: "B1", sharedFormula: "A1" },
          { address: "C1", type: 3 },
        ],
      },
    ],
  };
  setAsideFormulaLinks(model);
  expect(model.hyperlinks.map((l) => l.address)).toEqual(["C1"]);
  const rels = [{ Id: "rId1", Type: "h", Target: "x" }];
  const back = formulaLinks(model, rels);
  expect(back.hyperlinks).toEqual([
    { address: "A1", target: "https://a/", tooltip: "t", rId: "indicator-scorer-link-1" },
    { address: "B1", target: "#'表'!A1", tooltip: undefined },
  ]);
  expect(rels.map((r) => [r.Id, r.Target])).toEqual([
    ["rId1", "x"],
    ["indicator-scorer-link-1", "https://a/"],
  ]);
});

describe("links in a copy", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "links-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the fixture holds them", () => {
    expect(links(FIXTURE)).toEqual(EXPECTED);
  });

  test("score, then score the copy again: every link goes where it went, with its screen tip", async () => {
    const copy = path.join(tmp, "once.xlsx");
    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", FIXTURE, "--out", copy)).code).toBe(0);
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    // exceljs opened 预算表.xlsx and the page at their top, and dropped every screen tip.
    expect(links(copy)).toEqual(EXPECTED);
    expect(links(twice)).toEqual(EXPECTED);
    // The linked cells holding formulas keep them (exceljs left their last results as text).
    for (const file of [copy, twice]) {
      expect(part(file, SHEET)).toMatch(
        /<c r="E134"[^>]*><f>C4&amp;(?:&quot;|")万元(?:&quot;|")<\/f>/
      );
      expect(part(file, SHEET)).toMatch(/<c r="F134"[^>]*><f>C4\*10000<\/f>/);
    }
  });
});
