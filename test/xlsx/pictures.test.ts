/**
 * A picture's format in the command line's copies (src/xlsx/pictures.ts). The fixture picture-format.xlsx
 * (scripts/make-cell-image-fixtures.py) is the example with two pictures as Excel stores them: 单位公章,
 * cropped, half transparent, turned 90°, cut to an ellipse with a red border, with alternative text, a link
 * and 打印对象 unticked; and 签名, flipped, with an artistic effect whose second image is another part.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { keepable, picWithIds, writableAsRead } from "../../src/xlsx/pictures";
import { cli, part, withPartEdited } from "./package-parts";

const FIXTURE = path.join(__dirname, "..", "fixtures", "picture-format.xlsx");
const DRAWING = "xl/drawings/drawing1.xml";
const RELS = "xl/drawings/_rels/drawing1.xml.rels";

const attr = (element: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1] ?? null;
const pics = (xml: string) => xml.match(/<xdr:pic\b[\s\S]*?<\/xdr:pic>/g) ?? [];

describe("a picture's element as read", () => {
  const plain =
    '<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="7" name="图片 1" descr="公章"><a:hlinkClick r:id="rId9"/></xdr:cNvPr>' +
    '</xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId4"><a:alphaModFix amt="50000"/></a:blip>' +
    '<a:srcRect l="100"/></xdr:blipFill></xdr:pic>';

  test.each([
    ["its image, its link and Excel's own elements", plain, true],
    [
      "a prefix declared inside it, as Excel writes its extension lists",
      plain.replace("<a:alphaModFix", '<a14:x xmlns:a14="urn:a14"/><a:alphaModFix'),
      true,
    ],
    [
      "a prefix declared on the input's drawing only (undeclared in a copy)",
      plain.replace("<a:alphaModFix", "<a14:x/><a:alphaModFix"),
      false,
    ],
    [
      "another part named by id: an artistic effect's layer",
      plain.replace("<a:srcRect", '<a14:imgLayer xmlns:a14="urn:a14" r:embed="rId5"/><a:srcRect'),
      false,
    ],
    ["a linked image", plain.replace('r:embed="rId4"', 'r:embed="rId4" r:link="rId6"'), false],
  ])("%s: writable as read", (_, pic, ok) => {
    expect(writableAsRead(pic as string)).toBe(ok);
  });

  test("Excel's harmless extensions, declared on the drawing, are left out rather than the picture's format", () => {
    const dpi =
      '<a:extLst><a:ext uri="{28A0092B-C50C-407E-A947-70E740481C1C}"><a14:useLocalDpi val="0"/></a:ext></a:extLst>';
    const id =
      '<a:extLst><a:ext uri="{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}"><a16:creationId id="{1}"/></a:ext></a:extLst>';
    const withBoth = plain
      .replace("</xdr:cNvPr>", `${id}</xdr:cNvPr>`)
      .replace('<a:alphaModFix amt="50000"/>', `<a:alphaModFix amt="50000"/>${dpi}`);
    expect(writableAsRead(withBoth)).toBe(false);
    expect(keepable(withBoth)).toBe(plain);
    // An extension that changes the look (an artistic effect) is not left out: the picture is unwritable.
    const effect = plain.replace(
      '<a:alphaModFix amt="50000"/>',
      '<a:alphaModFix amt="50000"/><a:extLst><a:ext uri="{BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B}"><a14:imgProps/></a:ext></a:extLst>'
    );
    expect(keepable(effect)).toBeNull();
    expect(keepable(plain)).toBe(plain);
  });

  test("the copy's ids replace the input's; a link the copy lacks is left out", () => {
    const linked = picWithIds(plain, 2, "rId1", "rId3");
    expect(attr(/<xdr:cNvPr\b[^>]*>/.exec(linked)![0], "id")).toBe("2");
    expect(linked).toContain('r:embed="rId1"');
    expect(linked).toContain('<a:hlinkClick r:id="rId3"/>');
    expect(linked).toMatch(/^<xdr:pic xmlns:r="[^"]+">/);
    const unlinked = picWithIds(plain, 2, "rId1", undefined);
    expect(unlinked).not.toContain("hlinkClick");
    expect(unlinked).toContain('descr="公章"');
  });
});

describe("copies of a workbook with pictures", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pictures-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("the seal keeps its crop, transparency, rotation, shape, border, name, alternative text, link and print setting, run after run", async () => {
    const copy = path.join(tmp, "once.xlsx");
    const { code, out } = await cli("score", FIXTURE, "--out", copy);
    expect(code).toBe(0);
    expect(out).toContain("99.54");
    const drawing = part(copy, DRAWING) ?? "";
    const [seal = "", signature = ""] = pics(drawing);
    // exceljs wrote <xdr:cNvPr name="Picture 1"/>, a bare blip, no crop, an upright rectangle.
    const cNvPr = /<xdr:cNvPr\b[^>]*>/.exec(seal)![0];
    expect(attr(cNvPr, "name")).toBe("单位公章");
    expect(attr(cNvPr, "descr")).toBe("单位公章（电子）");
    expect(seal).toContain('<a:alphaModFix amt="50000"/>');
    expect(seal).toContain('<a:srcRect l="10000" t="5000" r="20000"/>');
    expect(seal).toContain('<a:xfrm rot="5400000">');
    expect(seal).toContain('<a:prstGeom prst="ellipse">');
    expect(seal).toContain('<a:ln w="12700"><a:solidFill><a:srgbClr val="C00000"/>');
    expect(drawing).toContain('<xdr:clientData fPrintsWithSheet="0"/>');
    // The anchors as read: exceljs wrote editAs="oneCell" on the one-cell anchor too, which has no such
    // attribute (Excel repairs the drawing, exceljs issue 1083).
    expect([...drawing.matchAll(/<xdr:(\w+CellAnchor)\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<xdr:twoCellAnchor editAs="oneCell">',
      "<xdr:oneCellAnchor>",
    ]);
    // Its ids are the copy's: the image and the link each have a relationship of that id.
    const rels = part(copy, RELS) ?? "";
    const target = (id: string | null) =>
      new RegExp(`<Relationship Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    expect(target(attr(/<a:blip\b[^>]*>/.exec(seal)![0], "r:embed"))).toBe("../media/image1.png");
    const link = /<a:hlinkClick\b[^>]*>/.exec(seal)![0];
    expect(target(attr(link, "r:id"))).toBe("https://www.mof.gov.cn/");
    expect(attr(link, "tooltip")).toBe("查看公章说明");
    // The signature's artistic effect names another part: it is written as exceljs writes a picture,
    // with no id left pointing nowhere.
    expect(signature).not.toContain("imgLayer");
    for (const [, id] of drawing.matchAll(/\sr:(?:embed|id)="([^"]+)"/g))
      expect(target(id)).toBeDefined();
    expect(out).toContain("图片的格式（艺术效果、链接的图片等）（1）");

    const twice = path.join(tmp, "twice.xlsx");
    expect((await cli("score", copy, "--out", twice)).code).toBe(0);
    expect(part(twice, DRAWING)).toBe(drawing);
  });

  test("a picture that moves and sizes with its cells (no editAs) still does in a copy", async () => {
    const input = path.join(tmp, "two-cell.xlsx");
    await withPartEdited(
      FIXTURE,
      DRAWING,
      (xml) => xml.replace('<xdr:twoCellAnchor editAs="oneCell">', "<xdr:twoCellAnchor>"),
      input
    );
    expect(part(input, DRAWING)).toContain("<xdr:twoCellAnchor>");
    const copy = path.join(tmp, "two-cell.out.xlsx");
    expect((await cli("score", input, "--out", copy)).code).toBe(0);
    // exceljs wrote editAs="oneCell": the picture stopped resizing with its cells.
    expect(part(copy, DRAWING)).toContain("<xdr:twoCellAnchor>");
  });

  test("a workbook whose picture format a copy cannot keep is not rewritten in place", async () => {
    const input = path.join(tmp, "in-place.xlsx");
    fs.copyFileSync(FIXTURE, input);
    const before = fs.readFileSync(input);
    const { code, out } = await cli("score", input, "--out", input);
    expect(code).toBe(2);
    expect(out).toContain("图片的格式（艺术效果、链接的图片等）（1）");
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });
});
