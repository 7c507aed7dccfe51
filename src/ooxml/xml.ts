/**
 * The little XML the package editor needs: escaping, attributes, and finding elements by name in a part's
 * text. Parts are edited as text, by splicing, so that whatever the editor does not understand is kept
 * exactly as it was written.
 */

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character references and the five entities, decoded. */
export function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== "#") return ENTITY[e];
    const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

const ATTR_ESCAPE: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\n\r\t]/g, (c) => ATTR_ESCAPE[c]);
}

/**
 * SpreadsheetML text (ST_Xstring) carries what XML 1.0 cannot as `_xHHHH_`: control characters, the
 * carriage return (XML readers turn it into a line feed), U+FFFE/U+FFFF and lone surrogates (UTF-8 has
 * no bytes for them). A literal `_xHHHH_` is written `_x005F_xHHHH_`. Excel reads both back exactly.
 */
const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
// The control characters are the point: they are what must be escaped.
const NEEDS =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(XSTRING_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function encodeXstring(s: string): string {
  return s.replace(
    NEEDS,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

/** The attributes of a start tag's text (`<c r="A1" s="3">` or just `r="A1" s="3"`), decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out[m[1]] = unescapeXml(m[3] ?? m[4]);
  return out;
}

const attributeRes = new Map<string, RegExp>();

/** One attribute of a start tag, or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  let re = attributeRes.get(name);
  if (!re)
    attributeRes.set(
      name,
      (re = new RegExp(`\\s${name.replace(/[.]/g, "\\.")}\\s*=\\s*("([^"]*)"|'([^']*)')`))
    );
  const m = re.exec(tag);
  return m ? unescapeXml(m[2] ?? m[3]) : undefined;
}

/**
 * An element (or just its start tag) with one attribute of its start tag set, added or, with value
 * undefined, removed. A value the tag already has is replaced where it stands, so that setting it again
 * gives back the very same text.
 */
export function withAttribute(element: string, name: string, value: string | undefined): string {
  const end = element.indexOf(">") + 1;
  const tag = element.slice(0, end);
  const rest = element.slice(end);
  const re = new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (value !== undefined && re.test(tag))
    return tag.replace(re, ` ${name}="${escapeAttr(value)}"`) + rest;
  const stripped = tag.replace(re, "");
  if (value === undefined) return stripped + rest;
  const close = stripped.endsWith("/>") ? stripped.length - 2 : stripped.length - 1;
  return `${stripped.slice(0, close)} ${name}="${escapeAttr(value)}"${stripped.slice(close)}${rest}`;
}

/** An element found in a part's text: where it starts and ends, and its start tag. */
export interface Found {
  start: number;
  /** Index just past the element (past `/>` or its end tag). */
  end: number;
  tag: string;
  /** Index just past the start tag: the element's content runs from here to its end tag. */
  inner: number;
  selfClosing: boolean;
}

/**
 * The first element named `name` (with any prefix, e.g. `x:sheetData`) at or after `from`. The end is
 * found by counting nested elements of the same name, which is all these parts need.
 */
export function findElement(xml: string, name: string, from = 0): Found | null {
  const start = findOpen(xml, name, from);
  if (start < 0) return null;
  const tagEnd = xml.indexOf(">", start);
  if (tagEnd < 0) return null;
  const tag = xml.slice(start, tagEnd + 1);
  if (tag.endsWith("/>"))
    return { start, end: tagEnd + 1, tag, inner: tagEnd + 1, selfClosing: true };
  // The end tag, counting elements of the same name opened inside (none, in the parts this edits, but
  // the count keeps a nested one from ending the search early).
  const qname = tag.slice(1, 1 + tag.slice(1).search(/[\s/>]/));
  const close = `</${qname}>`;
  let depth = 1;
  let at = tagEnd + 1;
  for (;;) {
    const c = xml.indexOf(close, at);
    if (c < 0) return null;
    // Searching on from each tag's end: a prefixed tag starts before its name, so from o + 1 would find it again.
    for (let o = findOpen(xml, name, at); o >= 0 && o < c;) {
      const oe = xml.indexOf(">", o);
      if (oe < 0) break;
      // Only an element of the same qualified name closes with the same end tag (x14:table is another).
      if (
        xml[oe - 1] !== "/" &&
        xml.startsWith(`<${qname}`, o) &&
        /[\s/>]/.test(xml[o + 1 + qname.length])
      )
        depth++;
      o = findOpen(xml, name, oe + 1);
    }
    if (--depth === 0)
      return { start, end: c + close.length, tag, inner: tagEnd + 1, selfClosing: false };
    at = c + close.length;
  }
}

/**
 * Where the next start tag named `name` (any prefix) begins, or -1. A literal search for the name, then a
 * look at what stands around it: much faster than a regular expression over a part of tens of megabytes.
 */
function findOpen(xml: string, name: string, from: number): number {
  for (let i = xml.indexOf(name, from); i >= 0; i = xml.indexOf(name, i + 1)) {
    const after = xml.charCodeAt(i + name.length);
    // followed by whitespace, "/" or ">"
    if (!(
      after === 32 ||
      after === 9 ||
      after === 10 ||
      after === 13 ||
      after === 47 ||
      after === 62
    ))
      continue;
    let j = i - 1;
    if (xml[j] === ":") {
      j--;
      while (j >= 0 && /[\w.-]/.test(xml[j])) j--;
    }
    if (j >= 0 && xml[j] === "<") return j;
  }
  return -1;
}

/** Every element named `name` in `xml` (not nested in one another). */
export function findAll(xml: string, name: string): Found[] {
  const out: Found[] = [];
  let from = 0;
  for (;;) {
    const f = findElement(xml, name, from);
    if (!f) return out;
    out.push(f);
    from = f.end;
  }
}

/** The element's content (between its tags), "" for an empty element. */
export function innerOf(xml: string, f: Found): string {
  if (f.selfClosing) return "";
  return xml.slice(f.inner, xml.lastIndexOf("<", f.end - 1));
}

/** The prefix an element name carries in this part (`x:` for `<x:worksheet>`), "" when none. */
export function prefixOf(tag: string): string {
  const m = /^<([\w.-]+:)?/.exec(tag);
  return m?.[1] ?? "";
}
