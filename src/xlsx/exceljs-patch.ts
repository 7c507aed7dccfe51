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
