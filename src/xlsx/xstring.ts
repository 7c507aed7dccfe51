/**
 * SpreadsheetML text (ST_Xstring) carries characters XML 1.0 cannot, and the carriage return XML readers
 * turn into a line feed, as `_xHHHH_`; a literal `_x…_` that would read as one is written `_x005F_x…_`.
 * Excel and WPS write text that way (a cell pasted with Windows line ends holds `…_x000D_\n…`) and read it
 * back decoded, which is what the add-in sees.
 *
 * exceljs 4.4 decodes the escapes of shared strings and rich text only (and upper-case hex only), and
 * encodes none: an inline string (as Apache POI's streaming writer and other exporters write every cell)
 * or a formula's text result reads `≥6个_x000D_`, which is no target; and a carriage return or control character it read is written back
 * bare, so XML turns the one into a line feed and exceljs drops the others, in every cell of a copy. Its
 * parsers also read an ISO 8601 date cell (`t="d"`, `2025-03-20`) as the number 2025.
 *
 * acceptXstrings gives exceljs both directions (its text writer encodes, and decodes either case; the cell
 * parser decodes inline strings and text results, and reads ISO dates as dates), so that the command line reads what Excel shows
 * and a copy holds what the original held.
 */

import { exceljsModule, wrapExceljsMethod } from "./exceljs-patch";

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** The text an `_xHHHH_`-escaped string stands for. */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Characters that need the escape: the C0 controls but tab and line feed (XML 1.0 forbids them, exceljs drops
 * them), the carriage return (XML readers turn it into a line feed), U+FFFE and U+FFFF (not XML characters),
 * and an underscore that starts what would read as an escape: `_x4041_` as it stands, and `_x4041` before
 * a character that is itself escaped (its escape's `_` would close the first one).
 */
const ESCAPED_CHAR = "\\x00-\\x08\\x0B-\\x1F\\uFFFE\\uFFFF";
const NEEDS_ESCAPE = new RegExp(`[${ESCAPED_CHAR}]|_(?=x[0-9A-Fa-f]{4}[_${ESCAPED_CHAR}])`);
const EACH_NEEDING_ESCAPE = new RegExp(NEEDS_ESCAPE.source, "g");

/** The `_xHHHH_` form of a string, which Excel and decodeXstring both take back exactly. Upper-case hex:
 *  exceljs's own decoder reads no other. */
export function encodeXstring(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(
    EACH_NEEDING_ESCAPE,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The date of an ISO 8601 cell value as exceljs keeps dates (the wall clock, in UTC), or null. The offset, if
 * any, is ignored: a cell shows the wall clock it was written with.
 */
export function isoDateCell(s: string): Date | null {
  const m = ISO_DATE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec, ms] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec, Number(String(ms).padEnd(3, "0"))));
  // 2025-02-30 is no date.
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

interface CellParser {
  t?: string;
  model?: { type?: number; value?: unknown; result?: unknown };
}
type ParseClose = (this: CellParser, name: string) => boolean;
type Render = (this: { _text?: string[] }, xmlStream: unknown, model: unknown) => void;

/**
 * Installs the encoding on exceljs's text writer and the decoding on its cell parser (once, however often
 * it is called). Returns how many of the two carry it: fewer means exceljs's layout changed and text reads
 * and writes as exceljs alone does.
 */
export function acceptXstrings(): number {
  const text = "xlsx/xform/strings/text-xform";
  const writer = wrapExceljsMethod<Render>(
    text,
    "render",
    "xstrings",
    (render) =>
      function (xmlStream, model) {
        render.call(this, xmlStream, typeof model === "string" ? encodeXstring(model) : model);
      }
  );
  // Its reading decodes upper-case hex only (`_x000D_`); Excel reads `_x000d_` as well. (Defining the
  // same getter again is harmless.)
  if (writer)
    Object.defineProperty(exceljsModule<{ prototype: object }>(text)!.prototype, "model", {
      configurable: true,
      get(this: { _text?: string[] }) {
        return decodeXstring((this._text ?? []).join(""));
      },
    });
  const enums = exceljsModule<{ ValueType: { Formula: number; Date: number } }>("doc/enums");
  const parser =
    !!enums &&
    wrapExceljsMethod<ParseClose>(
      "xlsx/xform/sheet/cell-xform",
      "parseClose",
      "xstrings",
      (parseClose) => {
        const { Formula, Date: DateType } = enums.ValueType;
        return function (name) {
          if (name !== "c") return parseClose.call(this, name);
          const t = this.t;
          const raw = this.model?.value;
          const more = parseClose.call(this, name);
          const model = this.model;
          if (!model) return more;
          if (t === "inlineStr" || t === "str") {
            if (typeof model.value === "string") model.value = decodeXstring(model.value);
            if (typeof model.result === "string") model.result = decodeXstring(model.result);
          } else if (t === "d" && typeof raw === "string") {
            const date = isoDateCell(raw);
            if (date && model.type === Formula) model.result = date;
            else if (date) {
              model.type = DateType;
              model.value = date;
            }
          }
          return more;
        };
      }
    );
  return Number(writer) + Number(parser);
}

/** How many exceljs parts acceptXstrings patches, for tests. */
export const XSTRING_PATCHES = 2;
