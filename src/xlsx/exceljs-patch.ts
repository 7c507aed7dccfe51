/**
 * Corrections to exceljs 4.4's parsers and writers, made in place (xsd-booleans.ts, xstring.ts,
 * formula-results.ts): each wraps one method of one exceljs class. A wrap is installed once however often
 * it is asked for; a class or method exceljs no longer has is left alone, and the file then reads and
 * writes as exceljs alone would.
 */

/** An exceljs module under exceljs/lib, or null when this exceljs has no such module. */
export function exceljsModule<T>(path: string): T | null {
  try {
    return require(`exceljs/lib/${path}`) as T;
  } catch {
    return null;
  }
}

type Method = (this: any, ...args: never[]) => unknown;

/**
 * Replaces `method` of the class exported by the exceljs module `path` with `wrap(original)`, once per
 * `tag`. Returns whether the class carries the wrap.
 */
export function wrapExceljsMethod<F extends Method>(
  path: string,
  method: string,
  tag: string,
  wrap: (original: F) => F
): boolean {
  const proto = exceljsModule<{ prototype?: Record<string | symbol, unknown> }>(path)?.prototype;
  if (!proto || typeof proto[method] !== "function") return false;
  const key = Symbol.for(`indicator-scorer.${tag}`);
  if (!Object.prototype.hasOwnProperty.call(proto, key)) {
    proto[method] = wrap(proto[method] as F);
    proto[key] = true;
  }
  return true;
}

/** An element's attributes as exceljs's parser hands them over (their escapes decoded). */
export type XmlAttributes = Record<string, string>;

/** An element as exceljs's parser hands it to a parseOpen. */
export type XmlNode = { name: string; attributes?: XmlAttributes };

/** exceljs's XML writer (XmlStream), as far as the corrections use it. */
export interface XmlWriter {
  openNode(name: string, attributes?: Record<string, unknown>): void;
  leafNode(name: string, attributes?: Record<string, unknown> | null, text?: unknown): void;
  addAttribute?(name: string, value: unknown): void;
  writeText?(text: unknown): void;
  closeNode?(): void;
  writeXml?(xml: string): void;
}

/**
 * The writer a render is handed in place of exceljs's: an element opened or written whole, an attribute
 * added to the open element, text, the close of the open element, or XML written as it is, goes
 * through `open`, `leaf`, `attribute`, `text`, `close` or `xml`, which write to the real writer
 * themselves; anything else is the real writer's.
 */
export function interceptWriter<W extends XmlWriter>(
  writer: W,
  hooks: {
    open?: (real: W, name: string, attributes?: Record<string, unknown>) => void;
    leaf?: (
      real: W,
      name: string,
      attributes?: Record<string, unknown> | null,
      text?: unknown
    ) => void;
    attribute?: (real: W, name: string, value: unknown) => void;
    text?: (real: W, text: unknown) => void;
    close?: (real: W) => void;
    xml?: (real: W, xml: string) => void;
  }
): W {
  return new Proxy(writer, {
    get(target, prop, receiver) {
      if (prop === "openNode" && hooks.open) {
        const open = hooks.open;
        return (name: string, attributes?: Record<string, unknown>) =>
          open(target, name, attributes);
      }
      if (prop === "leafNode" && hooks.leaf) {
        const leaf = hooks.leaf;
        return (name: string, attributes?: Record<string, unknown> | null, text?: unknown) =>
          leaf(target, name, attributes, text);
      }
      if (prop === "writeText" && hooks.text) {
        const text = hooks.text;
        return (value: unknown) => text(target, value);
      }
      if (prop === "writeXml" && hooks.xml) {
        const xml = hooks.xml;
        return (value: string) => xml(target, value);
      }
      if (prop === "closeNode" && hooks.close) {
        const close = hooks.close;
        return () => close(target);
      }
      if (prop === "addAttribute" && hooks.attribute) {
        const attribute = hooks.attribute;
        return (name: string, value: unknown) => attribute(target, name, value);
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** An attribute value as XML text (the parser hands corrections values with their escapes decoded). */
export const escapeXmlAttribute = (v: string): string =>
  v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** Element text as XML text. */
export const escapeXmlText = (v: string): string =>
  v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The start tag of an element the parser read, to be written back as it was. */
export function startTagXml(name: string, attributes: Record<string, string> = {}): string {
  let xml = `<${name}`;
  for (const [k, v] of Object.entries(attributes)) xml += ` ${k}="${escapeXmlAttribute(v)}"`;
  return `${xml}>`;
}

/**
 * Writes down an element the parser reads, event by event, as XML: an element with neither text nor
 * children is written empty (`<a x="1"/>`), as producers write it, so that reading a copy again gives the
 * same text.
 */
export class XmlRecorder {
  xml = "";
  private empty = false;

  start(name: string, attributes?: Record<string, string>): void {
    this.xml += startTagXml(name, attributes);
    this.empty = true;
  }

  text(text: string): void {
    if (text === "") return;
    this.xml += escapeXmlText(text);
    this.empty = false;
  }

  end(name: string): void {
    if (this.empty) this.xml = `${this.xml.slice(0, -1)}/>`;
    else this.xml += `</${name}>`;
    this.empty = false;
  }
}

/**
 * Records as XML every element the parser class at `path` reads whose name `isRoot` accepts (the element
 * and all it holds, while exceljs goes on parsing it as ever), and hands it to `done` with the parser once
 * the element has closed. Returns whether the wraps are in place.
 */
export function recordElements<P extends object>(
  path: string,
  tag: string,
  isRoot: (name: string) => boolean,
  done: (parser: P, xml: string) => void
): boolean {
  // Per parser: how deep in the element being recorded, and its XML so far.
  const reading = new WeakMap<object, { depth: number; xml: XmlRecorder }>();
  const opened = wrapExceljsMethod<(this: P, node: XmlNode) => unknown>(
    path,
    "parseOpen",
    `${tag}.record.parseOpen`,
    (original) =>
      function (this: P, node) {
        let r = reading.get(this);
        if (r) r.depth++;
        else if (isRoot(node.name)) reading.set(this, (r = { depth: 1, xml: new XmlRecorder() }));
        r?.xml.start(node.name, node.attributes);
        return original.call(this, node);
      }
  );
  const texts = wrapExceljsMethod<(this: P, text: string) => unknown>(
    path,
    "parseText",
    `${tag}.record.parseText`,
    (original) =>
      function (this: P, text) {
        reading.get(this)?.xml.text(text);
        return original.call(this, text);
      }
  );
  const closed = wrapExceljsMethod<(this: P, name: string) => unknown>(
    path,
    "parseClose",
    `${tag}.record.parseClose`,
    (original) =>
      function (this: P, name) {
        const r = reading.get(this);
        r?.xml.end(name);
        const result = original.call(this, name);
        if (r && --r.depth === 0) {
          reading.delete(this);
          done(this, r.xml.xml);
        }
        return result;
      }
  );
  return opened && texts && closed;
}
