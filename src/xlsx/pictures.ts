/**
 * A picture's format (图片格式) as exceljs 4.4 misreads it, written back as the input had it.
 *
 * exceljs keeps a sheet's pictures (a unit's seal, a signature, a logo) but writes each one afresh: its
 * crop (裁剪), transparency and other colour settings, rotation and flip, shape (裁剪为形状), border and
 * effects, its name and its alternative text (可选文字) were dropped, and so was "print object" unticked
 * (大小和属性 > 打印对象: a seal meant for the screen only then printed). A copy showed the whole
 * uncropped image upright in a rectangle. As pictures count as kept, this also held when the command line
 * rewrote a workbook in place.
 *
 * The picture's element (`xdr:pic`) is kept as read and written back with the copy's ids for its image and
 * its link; its anchor and the anchor's `xdr:clientData` keep their attributes. A picture whose element
 * refers to another part by any other id (an artistic effect's second image, a linked image), or uses a
 * namespace prefix declared outside it (other than in an extension that changes nothing seen, which is
 * left out), is written by exceljs, as before, and counted as a loss (unkept.ts): the command line then
 * does not rewrite the workbook in place, and says what a copy lacks.
 */
import {
  XmlWriter,
  exceljsModule,
  interceptWriter,
  recordElements,
  wrapExceljsMethod,
  XmlAttributes,
  XmlNode,
} from "./exceljs-patch";

const KEPT = Symbol.for("indicator-scorer.picture-kept");
const READING = Symbol.for("indicator-scorer.picture-reading");

type Attributes = XmlAttributes;
type Node = XmlNode;

/** What a copy keeps of one picture beyond exceljs's model. */
export interface KeptPicture {
  /** The `xdr:pic` element as read; null when it cannot be written back as it is. */
  pic: string | null;
  /** The anchor's `xdr:clientData` attributes (fPrintsWithSheet, fLocksWithSheet). */
  clientData: Attributes;
  /**
   * The anchor's attributes: `editAs` as the input had it. exceljs wrote `oneCell` where the input said
   * nothing (move and size with cells), and wrote it on one-cell anchors too, which have no such
   * attribute: Excel then repairs the drawing (exceljs issue 1083).
   */
  anchor: Attributes;
}

/**
 * Prefixes a picture's element may use without declaring them: a copy's drawing declares `xdr` and `a`,
 * picWithIds declares `r`, and the last two are XML's own.
 */
const KNOWN_PREFIXES = new Set(["xdr", "a", "r", "xmlns", "xml"]);

/**
 * Whether a picture's element, as read, can be written back into a copy's drawing: its only ids are its
 * image's (`r:embed` on `a:blip`) and its link's (`r:id` on `a:hlinkClick`), and every prefix it uses is
 * the drawing's or declared inside it.
 */
export function writableAsRead(pic: string): boolean {
  const ids = [...pic.matchAll(/<([\w.-]+:)?([\w.-]+)\b[^>]*?\sr:([\w.-]+)=/g)];
  for (const [, , element, attribute] of ids)
    if (
      !(element === "blip" && attribute === "embed") &&
      !(element === "hlinkClick" && attribute === "id")
    )
      return false;
  if ((pic.match(/\sr:[\w.-]+=/g) ?? []).length !== ids.length) return false;
  const declared = new Set([...pic.matchAll(/\sxmlns:([\w.-]+)=/g)].map((m) => m[1]));
  for (const [, prefix] of pic.matchAll(/<\/?([\w.-]+):/g))
    if (!KNOWN_PREFIXES.has(prefix) && !declared.has(prefix)) return false;
  for (const [, prefix] of pic.matchAll(/\s([\w.-]+):[\w.-]+=/g))
    if (!KNOWN_PREFIXES.has(prefix) && !declared.has(prefix)) return false;
  return true;
}

/**
 * Extensions that change nothing a user sees: Excel's "use the picture's own resolution" flag and an
 * object's creation id. Declared on the drawing instead of inside the element, they would make a picture
 * unwritable for nothing, so such a picture is kept without them.
 */
const HARMLESS_EXTENSIONS = new Set([
  "{28A0092B-C50C-407E-A947-70E740481C1C}",
  "{FF2B5EF4-FFF2-40B4-BE49-F238E27FC236}",
]);

/** The picture element to write back: as read, or without harmless extensions; null when neither can be. */
export function keepable(pic: string): string | null {
  if (writableAsRead(pic)) return pic;
  const lean = pic
    .replace(
      /<([\w.-]+:)?ext\b[^>]*?\suri="([^"]*)"[^>]*?(?:\/>|>[\s\S]*?<\/\1ext>)/g,
      (ext, _p, uri: string) => (HARMLESS_EXTENSIONS.has(uri.toUpperCase()) ? "" : ext)
    )
    .replace(/<([\w.-]+:)?extLst\b[^>]*>\s*<\/\1extLst>/g, "");
  return writableAsRead(lean) ? lean : null;
}

/**
 * A kept picture element with the copy's ids: its drawing number (`id`), its image's relationship and
 * its link's, or no link element when the copy's picture has none.
 */
export function picWithIds(
  pic: string,
  index: number,
  imageRel: string,
  linkRel: string | undefined
): string {
  let out = pic
    .replace(/(<(?:[\w.-]+:)?cNvPr\b[^>]*?\sid=")[^"]*(")/, `$1${index}$2`)
    .replace(/(<(?:[\w.-]+:)?blip\b[^>]*?\sr:embed=")[^"]*(")/, `$1${imageRel}$2`);
  out = linkRel
    ? out.replace(/(<(?:[\w.-]+:)?hlinkClick\b[^>]*?\sr:id=")[^"]*(")/, `$1${linkRel}$2`)
    : out.replace(/<((?:[\w.-]+:)?hlinkClick)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/, "");
  // The relationships prefix is declared on the input's drawing, not on the element.
  if (/\sr:[\w.-]+=/.test(out) && !/\sxmlns:r=/.test(out))
    out = out.replace(
      /^<([\w.-]+:)?pic\b/,
      (m) => `${m} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
    );
  return out;
}

function readPictures(): boolean {
  type PicParser = { model?: Record<symbol, unknown> | null };
  return recordElements<PicParser>(
    "xlsx/xform/drawing/pic-xform",
    "pictures",
    (name) => /(^|:)pic$/.test(name),
    (parser, xml) => {
      if (parser.model) parser.model[KEPT] = keepable(xml);
    }
  );
}

type AnchorModel = {
  range?: Record<symbol, KeptPicture | undefined>;
  picture?: Record<symbol, unknown> & {
    rId?: string;
    index?: number;
    hyperlinks?: { rId?: string };
  };
};
type AnchorParser = {
  model?: AnchorModel;
  [READING]?: { anchor: Attributes; clientData: Attributes };
};

/** A picture's anchor, element and client data, put on its range, which exceljs hands on to the image. */
function readAnchors(path: string, tag: string): boolean {
  type Open = (this: AnchorParser, node: Node) => boolean;
  type Close = (this: AnchorParser, name: string) => boolean;
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    `${tag}.parseOpen`,
    (original) =>
      function (this: AnchorParser, node) {
        if (/(^|:)(two|one)CellAnchor$/.test(node.name))
          this[READING] = { anchor: { ...node.attributes }, clientData: {} };
        else if (/(^|:)clientData$/.test(node.name) && this[READING])
          this[READING].clientData = { ...node.attributes };
        return original.call(this, node);
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    `${tag}.parseClose`,
    (original) =>
      function (this: AnchorParser, name) {
        const result = original.call(this, name);
        const read = this[READING];
        const picture = this.model?.picture;
        if (result === false && read && picture && this.model?.range) {
          const pic = picture[KEPT];
          this.model.range[KEPT] = {
            pic: typeof pic === "string" ? pic : null,
            clientData: read.clientData,
            anchor: read.anchor,
          };
        }
        return result;
      }
  );
  return opened && closed;
}

/** Writes an anchor's kept picture element and client data in place of exceljs's. */
function writeAnchors(path: string, tag: string): boolean {
  type Render = (this: unknown, xmlStream: XmlWriter, model: AnchorModel) => unknown;
  return wrapExceljsMethod<Render>(
    path,
    "render",
    `${tag}.render`,
    (original) =>
      function (this: unknown, xmlStream, model) {
        const kept = model?.range?.[KEPT];
        const picture = model?.picture;
        if (!kept || !picture) return original.call(this, xmlStream, model);
        let inPic = 0;
        const stream = interceptWriter(xmlStream, {
          open(real, name, attributes) {
            if (/^xdr:(two|one)CellAnchor$/.test(name)) return real.openNode(name, kept.anchor);
            if (inPic > 0 || (name === "xdr:pic" && kept.pic !== null)) {
              if (inPic++ === 0)
                real.writeXml?.(
                  picWithIds(
                    kept.pic!,
                    picture.index ?? 1,
                    picture.rId ?? "",
                    picture.hyperlinks?.rId
                  )
                );
              return;
            }
            real.openNode(name, attributes);
          },
          close(real) {
            if (inPic > 0) inPic--;
            else real.closeNode?.();
          },
          leaf(real, name, attributes, text) {
            if (inPic === 0) real.leafNode(name, attributes, text);
          },
          text(real, value) {
            if (inPic === 0) real.writeText?.(value);
          },
          xml(real, xml) {
            if (inPic > 0) return;
            // exceljs writes the client data as a fixed `<xdr:clientData/>`.
            if (/^<xdr:clientData\b/.test(xml) && Object.keys(kept.clientData).length > 0)
              real.leafNode("xdr:clientData", kept.clientData);
            else real.writeXml?.(xml);
          },
        });
        return original.call(this, stream, model);
      }
  );
}

/**
 * The kept picture rides on the image's range from the read workbook to the written one: exceljs's Image
 * rebuilds its model from named fields, so the field is carried across its model's setter and getter.
 */
function carryOnImages(): boolean {
  const Image = exceljsModule<{ prototype: object }>("doc/image");
  const proto = Image?.prototype as Record<symbol, unknown> | undefined;
  if (!proto) return false;
  const tag = Symbol.for("indicator-scorer.pictures.image-model");
  if (proto[tag]) return true;
  const descriptor = Object.getOwnPropertyDescriptor(proto, "model");
  if (!descriptor?.get || !descriptor.set) return false;
  const { get, set } = descriptor;
  type Image = Record<symbol, unknown>;
  type Model = { range?: Record<symbol, unknown> | string };
  Object.defineProperty(proto, "model", {
    ...descriptor,
    get(this: Image) {
      const model = get.call(this) as Model;
      if (this[KEPT] && model.range && typeof model.range === "object")
        model.range[KEPT] = this[KEPT];
      return model;
    },
    set(this: Image, value: Model) {
      set.call(this, value);
      this[KEPT] = value?.range && typeof value.range === "object" ? value.range[KEPT] : undefined;
    },
  });
  proto[tag] = true;
  return true;
}

/** Whether a picture exceljs read has a format a copy cannot keep (its element cannot be written back). */
export function pictureFormatLost(picture: unknown): boolean {
  return (
    typeof picture === "object" &&
    picture !== null &&
    (picture as Record<symbol, unknown>)[KEPT] === null
  );
}

/** Installs every wrap; returns whether all are in place. */
export function keepPictures(): boolean {
  const read = readPictures();
  const two = "xlsx/xform/drawing/two-cell-anchor-xform";
  const one = "xlsx/xform/drawing/one-cell-anchor-xform";
  const anchors =
    readAnchors(two, "pictures.two-cell") &&
    readAnchors(one, "pictures.one-cell") &&
    writeAnchors(two, "pictures.two-cell") &&
    writeAnchors(one, "pictures.one-cell");
  return carryOnImages() && read && anchors;
}
