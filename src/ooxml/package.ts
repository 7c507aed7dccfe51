/**
 * An .xlsx package opened for editing: parts are read on demand, changed parts are held as text, and
 * `toBuffer` writes every other entry back exactly as it was stored (zip.ts).
 */
import * as path from "path";
import { attributes, escapeAttr, findAll, findElement } from "./xml";
import { ZipEntry, ZipOut, inflateEntry, readZipDirectory, writeZip } from "./zip";

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name (no leading slash), or the raw target for external links. */
  target: string;
  external: boolean;
}

export const REL = {
  officeDocument:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  sharedStrings:
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
};
/** Strict OOXML (ISO 29500 strict) spells the same relationships under another root. */
const STRICT_ROOT = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

export function relIs(rel: Relationship, type: string): boolean {
  return rel.type === type || rel.type === STRICT_ROOT + type.slice(type.lastIndexOf("/") + 1);
}

const norm = (name: string) => name.replace(/^\/+/, "");

export class XlsxPackage {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly order: string[] = [];
  private readonly changed = new Map<string, string>();
  private readonly removed = new Set<string>();
  private readonly texts = new Map<string, string>();

  private constructor(
    private readonly data: Buffer,
    entries: ZipEntry[]
  ) {
    for (const e of entries) {
      const n = norm(e.name);
      // A name stored twice: the first wins, as Excel reads it; the second is still copied through.
      if (!this.byName.has(n)) this.byName.set(n, e);
      this.order.push(e.name);
    }
  }

  static open(data: Buffer): XlsxPackage {
    return new XlsxPackage(data, readZipDirectory(data));
  }

  /** Part names as stored (no leading slash), in the archive's order. */
  get parts(): string[] {
    return [...this.byName.keys()]
      .filter((n) => !this.removed.has(n))
      .concat([...this.changed.keys()].filter((n) => !this.byName.has(n)));
  }

  has(part: string): boolean {
    const n = norm(part);
    return !this.removed.has(n) && (this.changed.has(n) || this.byName.has(n));
  }

  /** A part's text (UTF-8, a BOM dropped), or null when there is no such part. */
  text(part: string): string | null {
    const n = norm(part);
    if (this.removed.has(n)) return null;
    const c = this.changed.get(n) ?? this.texts.get(n);
    if (c !== undefined) return c;
    const e = this.byName.get(n);
    if (!e) return null;
    let s = inflateEntry(this.data, e).toString("utf8");
    if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    this.texts.set(n, s);
    return s;
  }

  /** Replaces or adds a part. */
  setText(part: string, text: string): void {
    const n = norm(part);
    this.removed.delete(n);
    this.changed.set(n, text);
    this.texts.delete(n); // the text as read is not needed again: a large sheet's is tens of megabytes
  }

  remove(part: string): void {
    const n = norm(part);
    this.changed.delete(n);
    this.removed.add(n);
  }

  /** Parts whose contents this package will write differently from how they were read. */
  changedParts(): string[] {
    return [...new Set([...this.changed.keys(), ...this.removed])];
  }

  /** The relationships of a part (from its `_rels/*.rels`), targets resolved to part names. */
  rels(part: string): Relationship[] {
    const n = norm(part);
    const dir = path.posix.dirname(n);
    const relsPart = path.posix.join(
      dir === "." ? "" : dir,
      "_rels",
      `${path.posix.basename(n)}.rels`
    );
    const xml = this.text(relsPart);
    if (!xml) return [];
    return findAll(xml, "Relationship").map((f) => {
      const a = attributes(f.tag);
      const external = a.TargetMode === "External";
      const raw = a.Target ?? "";
      const target = external
        ? raw
        : raw.startsWith("/")
          ? norm(raw)
          : path.posix.normalize(path.posix.join(dir === "." ? "" : dir, raw));
      return { id: a.Id ?? "", type: a.Type ?? "", target, external };
    });
  }

  /** The rels part name of a part. */
  static relsPartOf(part: string): string {
    const n = norm(part);
    const dir = path.posix.dirname(n);
    return path.posix.join(dir === "." ? "" : dir, "_rels", `${path.posix.basename(n)}.rels`);
  }

  /** Adds a relationship to a part's rels (creating the rels part); returns its new id. */
  addRel(part: string, type: string, target: string): string {
    const relsPart = XlsxPackage.relsPartOf(part);
    let xml =
      this.text(relsPart) ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    const ids = new Set(findAll(xml, "Relationship").map((f) => attributes(f.tag).Id));
    let k = ids.size + 1;
    while (ids.has(`rId${k}`)) k++;
    const id = `rId${k}`;
    const dir = path.posix.dirname(norm(part));
    const rel = path.posix.relative(dir === "." ? "" : dir, target);
    const el = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(rel)}"/>`;
    const root = findElement(xml, "Relationships")!;
    xml = root.selfClosing
      ? `${xml.slice(0, root.start)}${root.tag.replace(/\/>$/, ">")}${el}</Relationships>${xml.slice(root.end)}`
      : `${xml.slice(0, root.end - "</Relationships>".length)}${el}${xml.slice(root.end - "</Relationships>".length)}`;
    this.setText(relsPart, xml);
    return id;
  }

  /** Removes the relationship `id` from a part's rels. */
  removeRel(part: string, id: string): void {
    const relsPart = XlsxPackage.relsPartOf(part);
    const xml = this.text(relsPart);
    if (!xml) return;
    const f = findAll(xml, "Relationship").find((r) => attributes(r.tag).Id === id);
    if (f) this.setText(relsPart, xml.slice(0, f.start) + xml.slice(f.end));
  }

  /** The package as bytes: unchanged entries copied as stored, changed ones deflated, removed ones left out. */
  toBuffer(): Buffer {
    const out: ZipOut[] = [];
    const seen = new Set<string>();
    for (const stored of this.order) {
      const n = norm(stored);
      const e = this.byName.get(n)!;
      const first = !seen.has(n);
      seen.add(n);
      if (first && this.removed.has(n)) continue;
      const text = first ? this.changed.get(n) : undefined;
      if (text !== undefined)
        out.push({ name: e.name, nameBytes: e.nameBytes, data: Buffer.from(text, "utf8") });
      else out.push({ name: e.name, from: e });
    }
    for (const [n, text] of this.changed)
      if (!this.byName.has(n)) out.push({ name: n, data: Buffer.from(text, "utf8") });
    return writeZip(this.data, out);
  }
}
