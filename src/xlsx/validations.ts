/**
 * Data validation (数据 > 数据验证) in a command-line copy, which exceljs 4.4 breaks in three ways:
 * - It expands each validation's ranges into one entry per cell and, on writing, merges the cells back
 *   after sorting their addresses as text, so F10 comes before F8: a validation over F8:F14 came out as
 *   two overlapping ones, F10:F14 and F8:F14 (exceljs issue 2820). LibreOffice keeps only the first, so
 *   the actual-value cells F8 and F9 lost their drop-down or check; Excel has to untangle the overlap. A
 *   validation over a whole column cost a million entries (418 MB and 6.8 s for one column).
 * - It reads a limit as a number or a date: a limit given by a formula or a cell (`=C4`, `C4*1.1`,
 *   `DATE(2025,12,31)`) became NaN, and a date limit went through a time-zone-dependent conversion.
 * - It drops the input method mode (输入法模式, e.g. 关闭(英文模式) over a column of figures, so that a
 *   Chinese input method does not turn 95 into ９５) and the hidden in-cell arrow (`showDropDown`).
 * So each validation is kept as one entry under its first range, with its ranges, limits and those two
 * settings as written, and written back so.
 */
import { XmlWriter, interceptWriter, wrapExceljsMethod } from "./exceljs-patch";
import { pick } from "./sheet-details";
import { spellFlags } from "./xsd-booleans";

const MODULE = "xlsx/xform/sheet/data-validations-xform";

/** Data validation attributes exceljs does not model, kept as written. */
export const KEPT_VALIDATION = ["imeMode", "showDropDown"];

const AS_WRITTEN = Symbol.for("indicator-scorer.validation-as-written");

/** What a validation keeps of its element, beside exceljs's model of it. */
interface AsWritten {
  sqref: string;
  formulae: string[];
  attributes: Record<string, string>;
}
type Validation = Record<string, unknown> & { formulae?: unknown[]; [AS_WRITTEN]?: AsWritten };
type Validations = Record<string, Validation | undefined>;

interface Parser {
  model: Validations;
  _address?: string;
  _dataValidation?: Validation;
  _formula?: string[];
}

/**
 * The key a validation is kept under: its first range, as a range (a single cell `F8` as `F8:F8`), which
 * exceljs writes as it is instead of looking for neighbouring cells to merge it with.
 */
export function validationKey(sqref: string): string | null {
  const first = sqref.trim().split(/\s+/)[0] ?? "";
  if (!/^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/i.test(first)) return null;
  return first.includes(":") ? first : `${first}:${first}`;
}

function read(): boolean {
  type Open = (
    this: Parser,
    node: { name: string; attributes?: Record<string, string> }
  ) => unknown;
  type Close = (this: Parser, name: string) => unknown;
  const opened = wrapExceljsMethod<Open>(
    MODULE,
    "parseOpen",
    "validations.parseOpen",
    (original) =>
      function (this: Parser, node) {
        const result = original.call(this, node);
        if (node.name === "dataValidation" && this._dataValidation) {
          // exceljs writes allowBlank only for a validation with a type; a prompt alone keeps it here.
          const names =
            this._dataValidation.type === "any"
              ? [...KEPT_VALIDATION, "allowBlank"]
              : KEPT_VALIDATION;
          const kept = { attributes: pick(node.attributes, names) };
          spellFlags(kept, names);
          this._dataValidation[AS_WRITTEN] = {
            sqref: this._address ?? "",
            formulae: [],
            attributes: kept.attributes,
          };
        }
        return result;
      }
  );
  const closed = wrapExceljsMethod<Close>(
    MODULE,
    "parseClose",
    "validations.parseClose",
    (original) =>
      function (this: Parser, name) {
        const dv = this._dataValidation;
        const kept = dv?.[AS_WRITTEN];
        if ((name === "formula1" || name === "formula2") && kept && this._formula)
          kept.formulae.push(this._formula.join(""));
        const key = name === "dataValidation" && kept ? validationKey(kept.sqref) : null;
        if (!dv || !kept || key === null) return original.call(this, name);
        // As exceljs finishes a validation, without spreading it over every cell of its ranges.
        if (!dv.formulae || dv.formulae.length === 0) {
          delete dv.formulae;
          delete dv.operator;
        }
        this.model[key] = dv;
        return true;
      }
  );
  return opened && closed;
}

/** Writes each kept validation's ranges, settings and limits as the input had them. */
function write(): boolean {
  type Render = (this: unknown, xmlStream: XmlWriter, model: Validations | undefined) => unknown;
  return wrapExceljsMethod<Render>(
    MODULE,
    "render",
    "validations.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        let current: AsWritten | undefined;
        let formula = -1;
        const stream = interceptWriter(xmlStream, {
          open: (real, name, attributes) => {
            if (name === "dataValidation") current = undefined;
            formula = name === "formula1" ? 0 : name === "formula2" ? 1 : -1;
            real.openNode(name, attributes);
          },
          attribute: (real, name, value) => {
            if (name !== "sqref") return real.addAttribute!(name, value);
            current = model?.[String(value)]?.[AS_WRITTEN];
            for (const [k, v] of Object.entries(current?.attributes ?? {}))
              real.addAttribute!(k, v);
            real.addAttribute!(name, current?.sqref ?? value);
          },
          text: (real, text) => {
            const kept = current && formula >= 0 ? current.formulae[formula] : undefined;
            real.writeText!(kept ?? text);
          },
        });
        return original.call(this, stream, model);
      }
  );
}

/** Installs the wraps (once, however often it is called); false when exceljs's layout changed. */
export function keepValidations(): boolean {
  const r = read();
  const w = write();
  return r && w;
}
