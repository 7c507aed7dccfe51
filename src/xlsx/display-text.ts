/**
 * The text Excel displays for a cell value under its number format, computed with numfmt (Excel's
 * number-format rules), with the Chinese spellings of format codes that Chinese Excel and WPS leave.
 */
import * as fs from "fs";
import * as path from "path";
import type * as NumfmtApi from "numfmt/dist/index";
import { CellValue, DATE1904_OFFSET, isDateFormat } from "../core";

type Numfmt = typeof NumfmtApi;

/**
 * numfmt 4.0.x is published with `main`/`exports.require` pointing at dist/index.cjs, a file the package
 * does not contain (its CommonJS build is dist/index.js). Plain `require("numfmt")` therefore fails under
 * Node, Jest and tsx alike; load the CommonJS build by path when that happens.
 */
function loadNumfmt(): Numfmt {
  try {
    return require("numfmt") as Numfmt;
  } catch {
    for (const dir of require.resolve.paths("numfmt") ?? []) {
      const file = path.join(dir, "numfmt", "dist", "index.js");
      if (fs.existsSync(file)) return require(file) as Numfmt;
    }
    throw new Error("the numfmt package cannot be loaded (is it installed?)");
  }
}

const numfmt: Numfmt = loadNumfmt();

/** Chinese Excel's and WPS's words in format codes, and Excel's own. */
const CHINESE_TOKENS: [string, string][] = [
  ["G/通用格式", "General"],
  ["上午/下午", "AM/PM"],
  ["[黑色]", "[Black]"],
  ["[蓝色]", "[Blue]"],
  ["[青色]", "[Cyan]"],
  ["[绿色]", "[Green]"],
  ["[洋红]", "[Magenta]"],
  ["[红色]", "[Red]"],
  ["[白色]", "[White]"],
  ["[黄色]", "[Yellow]"],
  ["[颜色", "[Color"],
];

/**
 * A format code's Chinese spellings, as Chinese Excel and WPS leave them in files (`G/通用格式"个"`,
 * `0.00_);[红色]\(0.00\)`, `上午/下午h"时"`), in the spelling numfmt reads: it failed on them, and the
 * cell was shown as General (`7` where Excel shows `7个`, `-5` for `(5.00)`). Quoted text and escaped
 * characters stay as they are.
 */
export function withEnglishTokens(format: string): string {
  if (!/[\u4e00-\u9fff]/.test(format)) return format;
  let out = "";
  for (let i = 0; i < format.length;) {
    const c = format[i];
    if (c === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end + 1;
      out += format.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === "\\") {
      out += format.slice(i, i + 2);
      i += 2;
      continue;
    }
    const token = CHINESE_TOKENS.find(([zh]) => format.startsWith(zh, i));
    if (token) {
      out += token[1];
      i += token[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function formatWith(format: string, value: number | string | boolean): string {
  try {
    return numfmt.format(withEnglishTokens(format), value, {
      locale: "zh-CN",
      throws: true,
      nbsp: false,
      leap1900: true,
    });
  } catch {
    return numfmt.format("General", value, { locale: "zh-CN", nbsp: false });
  }
}

/**
 * Text Excel displays for a plain value under a number format. Numbers in a date format are serials in
 * the 1900 system (pass date1904 for workbooks in the 1904 system).
 */
export function displayText(
  value: CellValue | undefined,
  format?: string | null,
  date1904 = false
): string {
  if (value === null || value === undefined) return "";
  const fmt = !format || format.trim() === "" ? "General" : format;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") {
    // Excel shows text as typed, unless the format has a text section that decorates it ("@" or 4th section).
    if (fmt === "General" || fmt === "@" || !fmt.includes("@")) return value;
    return formatWith(fmt, value);
  }
  if (!Number.isFinite(value)) return "#NUM!";
  // Most cells of a large sheet: a whole number under General, shown as its digits (numfmt agrees; it
  // only costs more). Excel switches to E notation at 12 digits.
  if (fmt === "General" && Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  if (fmt === "@") return formatWith("General", value);
  // The engine's notion of a date (core/number-format.ts), not numfmt's: numfmt counts durations ([h]:mm)
  // and times of day as dates, and a duration shifted by 1,462 days would show 35,124 hours.
  if (date1904 && isDateFormat(fmt)) return formatWith(fmt, value + DATE1904_OFFSET);
  return formatWith(fmt, value);
}
