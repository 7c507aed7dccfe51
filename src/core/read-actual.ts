/**
 * Reading an actual (实际完成值) against its parsed target (scoring-spec §3 "Reading the actual", §3.4 bands).
 * Pure; never throws.
 *
 * - Quantitative targets (higher / lower / equal / range, and an unparsed target as a fallback): the displayed
 *   text is read as a number (decimal, `1,234`, `1.2E+05`, Chinese numerals) with an optional unit; a number with
 *   no unit is in the target's unit; a unit is converted within its family; another count unit is UNIT_MISMATCH
 *   (error, invalid). A bare number in (0, 1] against a percentage target above 1 is a fraction (×100,
 *   UNIT_MISMATCH warning). A negative number counts as 0. 完成 / 已完成 / 达成 (and the other 达成 words)
 *   count as met: band 达成 with an ACTUAL_INVALID warning.
 * - Deadline: a date cell (serial) or date text → `date`, with band 达成 when on or before the deadline and
 *   未达成 after; band words also work.
 * - Qualitative: band words (§3.4), or the target's own text → 达成.
 * - As-incurred: any readable actual → 达成 (`number` set when it is a figure); explicit 部分达成 / 未达成 words
 *   keep their band.
 * - Everywhere: empty → missing (no notes; the scorer reports ACTUAL_MISSING); N/A, #DIV/0!, 待定… → invalid with
 *   ACTUAL_INVALID (error). An explicit percentage inside a band word (`部分达成（75%）`) sets bandFraction; outside
 *   the band's range (达成 80–100 %, 部分达成 60–80 %, 未达成 0–60 %) it is ACTUAL_INVALID.
 *
 * Note params: `actual` (the text read), and where relevant `unit`, `targetUnit`, `value`, `band`, `percent`,
 * `min`, `max`.
 */

import { findDateInText, parseDateText, parseMonthText, serialToIso } from "./dates";
import { CN_NUMERAL_CHARS, parseChineseNumeral } from "./numerals";
import { normalizeTargetText, WS } from "./parse-target";
import { ActualCell, ActualReading, Band, CellNote, ParsedTarget } from "./types";
import { isPlainText, lowerCased } from "./text";
import { isCountWord, UNIT_SRC, convertUnit, normalizeUnit, unitInfo } from "./units";

// ---------------------------------------------------------------------------------------------
// Unreadable markers

const INVALID_MARKER =
  /^(?:n\/?a|#n\/a|#?div\/0!?|#value!|#ref!|#name\?|#num!|#null!|#spill!|#calc!|#getting_data|#field!|#blocked!|#connect!|#busy!|#unknown!|待定|待确定|暂无|暂缺|无|无数据|不适用|未知|未统计|未填|缺失|tbd|todo|null|undefined|nan|none|[-—–/\\?？.…_*x×]+)$/i;
const EXCEL_ERROR = /^#[a-z0-9/_]+[!?]?$/i;
const HASHES = /^#+$/;

// ---------------------------------------------------------------------------------------------
// Bands

const ACHIEVED = new Set([
  "达成",
  "已达成",
  "全部达成",
  "达成预期指标",
  "达成年度指标",
  "达成预期目标",
  "达成年度目标",
  "完成",
  "已完成",
  "全部完成",
  "已全部完成",
  "顺利完成",
  "已顺利完成",
  "是",
  "好",
  "优",
  "优秀",
  "良好",
  "按时完成",
  "按期完成",
  "如期完成",
  "提前完成",
  "已按时完成",
  "已按期完成",
  "已如期完成",
  "已提前完成",
  "达标",
  "已达标",
  "达到预期",
  "已达到预期",
  "achieved",
  "met",
  "done",
  "yes",
  "completed",
  "complete",
]);
const PARTLY = new Set([
  "基本达成",
  "基本完成",
  "基本实现",
  "基本达标",
  "较好",
  "一般",
  "partly",
  "partial",
  "partlyachieved",
  "partiallyachieved",
  "partiallymet",
  "partlymet",
]);
const NOT_ACHIEVED = new Set([
  "否",
  "较差",
  "差",
  "逾期",
  "延期",
  "逾期完成",
  "延期完成",
  "未",
  "没有",
  "notachieved",
  "notmet",
  "no",
  "failed",
  "missed",
  "overdue",
  "late",
]);
const PARTLY_PREFIX = /^(?:部分达成|部分完成|部分实现|部分达到)/;
const NOT_PREFIX =
  /^(?:未达成|未完成|未实现|未达到|未达标|没有完成|没有达成|没完成|尚未完成|逾期|延期)/;
const ACHIEVED_PREFIX = /^(?:已达成|达成|全部达成|已全部完成|全部完成)/;
/** Words that count as met on a quantitative target (spec: 完成 / 已完成 / 达成). */
const QUANT_DONE = new Set([
  "完成",
  "已完成",
  "达成",
  "已达成",
  "全部完成",
  "已全部完成",
  "全部达成",
  "按时完成",
  "按期完成",
  "如期完成",
  "提前完成",
  "达成预期指标",
  "达成年度指标",
  "达标",
  "已达标",
]);

const BAND_RANGE: Record<Band, [number, number]> = {
  达成: [80, 100],
  部分达成: [60, 80],
  未达成: [0, 60],
};

/**
 * `(?<!\d)`: a match can only start at the first digit of a run (a match from inside a run implies one from
 * its start), which keeps the search linear; without it a long run of digits with no `%` is quadratic.
 */
const PERCENT_IN_TEXT = /\(?(?<!\d)(\d+(?:\.\d+)?)%\)?/;
const WORD_TRIM = /^[,;:、()[\]"'“”‘’【】]+|[,;:、()[\]"'“”‘’【】]+$/g;

function bandOfWord(w: string): Band | null {
  if (w === "") return null;
  if (PARTLY_PREFIX.test(w) || PARTLY.has(w)) return "部分达成";
  if (NOT_PREFIX.test(w) || NOT_ACHIEVED.has(w)) return "未达成";
  if (ACHIEVED.has(w) || ACHIEVED_PREFIX.test(w)) return "达成";
  return null;
}

interface BandRead {
  band: Band | null;
  percent: number | null;
}

/** A band word with an optional explicit percentage (`部分达成（75%）`, `部分达成 75%`). */
function readBand(norm: string): BandRead {
  const lower = lowerCased(norm);
  const m = PERCENT_IN_TEXT.exec(lower);
  if (!m) return { band: bandOfWord(lower.replace(WORD_TRIM, "")), percent: null };
  const word = (lower.slice(0, m.index) + lower.slice(m.index + m[0].length)).replace(
    WORD_TRIM,
    ""
  );
  return { band: bandOfWord(word), percent: Number(m[1]) };
}

// ---------------------------------------------------------------------------------------------
// Numbers

const CN_CLASS = `[${CN_NUMERAL_CHARS}]`;
const ACTUAL_NUM_RE = new RegExp(
  `^(?:约|大约|共计|共|累计|合计|计|实际完成|实际|完成了|完成|达到|达|为|≈|~|≥|≤|>|<|=)?` +
    // A currency sign from a number format (¥1,234.00) says nothing about 元 vs 万元: the figure stays in the target's unit.
    `(?:[¥$]|rmb|cny)?` +
    `([+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:e[+-]?\\d{1,3})?|${CN_CLASS}+)` +
    `(${UNIT_SRC})(?:左右|上下|以上|以下|以内|之内|内)?([\\s\\S]*)$`,
  "i"
);
const PAREN_NEGATIVE = /^\((?:[¥$])?(\d+(?:\.\d+)?)\)$/;
const REMARK_RE = /^(?:$|[([,;:。、])/;
const CLOCK_TAIL = /^:\d/;
/** A duration or time of day as Excel shows it (`36:00` for [h]:mm, `0:25`, `1:30:15`). */
const CLOCK = /^(\d{1,6}):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?$/;
const BARE_PREFIX = /^(?:十万|百万|千万|万|亿|千)$/;

/** A figure this large (or larger) is no real measurement: a broken formula or a typing slip (§3). */
const TOO_LARGE = 1e15;

interface NumberRead {
  value: number;
  unit: string;
}

function readNumberText(norm: string): NumberRead | null {
  const p = PAREN_NEGATIVE.exec(norm);
  if (p) return { value: -Number(p[1]), unit: "" };
  const m = ACTUAL_NUM_RE.exec(norm);
  if (!m) return null;
  const raw = m[1];
  const rest = m[3];
  let value: number;
  if (/\d/.test(raw)) {
    value = Number(raw);
    if (!REMARK_RE.test(rest) && /\d/.test(rest)) return null;
    // `8:30`, `6:1`: a colon and a digit is a clock or a ratio, not a remark after the figure.
    if (CLOCK_TAIL.test(rest)) return null;
  } else {
    const n = parseChineseNumeral(raw);
    if (n === null) return null;
    if (!isCountWord(m[2])) return null;
    if (!REMARK_RE.test(rest)) return null;
    value = n;
  }
  // Not finite, or too large to be a real figure (1e15 and more, §3): unreadable.
  if (!Number.isFinite(value) || Math.abs(value) >= TOO_LARGE) return null;
  return { value, unit: m[2] };
}

// ---------------------------------------------------------------------------------------------

function note(
  code: CellNote["code"],
  severity: CellNote["severity"],
  params: Record<string, string | number>
): CellNote {
  return { code, severity, params };
}

function invalid(
  actual: string,
  severity: CellNote["severity"] = "error",
  extra: Record<string, string | number> = {}
): ActualReading {
  return { status: "invalid", notes: [note("ACTUAL_INVALID", severity, { actual, ...extra })] };
}

/** The text to read: the displayed text, or the raw value when Excel shows none (or `#####` for a narrow column). */
function displayed(cell: ActualCell): string {
  const t =
    typeof cell?.text === "string" ? cell.text : cell?.text == null ? "" : String(cell.text);
  const v = cell?.value;
  if (t.trim() === "" || HASHES.test(t.trim())) {
    if (v === null || v === undefined) return t;
    if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
    return String(v);
  }
  return t;
}

/** Reads one actual against its target. Never throws. */
export function readActual(target: ParsedTarget, cell: ActualCell): ActualReading {
  try {
    return read(target, cell);
  } catch {
    const text = (() => {
      try {
        return String(cell?.text ?? "");
      } catch {
        return "";
      }
    })();
    return invalid(text);
  }
}

/** A plain figure in ASCII digits with an optional unit, the commonest actual (`96.5%`, `12个`, `30`). */
const PLAIN_FIGURE = /^(\d{1,15}(?:\.\d{1,15})?)([^\d\s.,+\-eE]*)$/;

/**
 * The common case without the general grammar: a plain figure in the target's own unit (or with no unit,
 * when the fraction rule cannot apply). Gives exactly what readQuantitative gives, or null to go the
 * general way.
 */
function readPlainFigure(target: ParsedTarget, text: string): ActualReading | null {
  const k = target.kind;
  if (k !== "higher" && k !== "lower" && k !== "equal" && k !== "range") return null;
  const m = PLAIN_FIGURE.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = m[2];
  if (unit === "") {
    // A bare figure in (0, 1] may be a fraction of a percentage target: the general path decides.
    if (value > 0 && value <= 1) return null;
  } else if (unit !== target.unit) return null;
  return { status: "ok", number: value, notes: [] };
}

function read(target: ParsedTarget, cell: ActualCell): ActualReading {
  const v = cell?.value;
  // NaN is no value an adapter can read from a cell (it stands for an empty one): left to the usual path.
  if (typeof v === "number" && !cell.isDate && !Number.isNaN(v) && !(Math.abs(v) < TOO_LARGE)) {
    const shown =
      typeof cell.text === "string" && cell.text.trim() !== "" ? cell.text.trim() : String(v);
    return invalid(shown, "error", { reason: "tooLarge" });
  }
  if (cell && !cell.isDate && typeof cell.text === "string" && cell.text !== "" && target) {
    const plain = readPlainFigure(target, cell.text);
    if (plain) return plain;
  }
  const text = displayed(cell);
  const trimmed = isPlainText(text) ? text : text.replace(WS, " ").trim();
  if (trimmed === "") return { status: "missing", notes: [] };
  const norm = normalizeTargetText(text);
  const lower = lowerCased(norm);
  if (norm === "" || INVALID_MARKER.test(lower) || EXCEL_ERROR.test(lower)) return invalid(trimmed);

  switch (target?.kind) {
    case "deadline":
      return readDeadline(target, cell, trimmed, norm);
    case "qualitative":
      return readQualitative(target, trimmed, norm);
    case "as-incurred":
      return readAsIncurred(target, trimmed, norm);
    default:
      return readQuantitative(target, trimmed, norm);
  }
}

function sameAsTarget(target: ParsedTarget, norm: string): boolean {
  return (
    typeof target?.text === "string" && norm !== "" && normalizeTargetText(target.text) === norm
  );
}

/** A band reading with its explicit percentage checked against the band's range. */
function bandReading(
  b: BandRead,
  actual: string,
  extraNotes: CellNote[] = []
): ActualReading | null {
  if (!b.band) return null;
  if (b.percent === null) return { status: "ok", band: b.band, notes: extraNotes };
  const [min, max] = BAND_RANGE[b.band];
  if (b.percent < min || b.percent > max)
    return invalid(actual, "error", {
      reason: "bandRange",
      band: b.band,
      percent: b.percent,
      min,
      max,
    });
  return { status: "ok", band: b.band, bandFraction: b.percent / 100, notes: extraNotes };
}

function readQualitative(target: ParsedTarget, actual: string, norm: string): ActualReading {
  const b = readBand(norm);
  const r = bandReading(b, actual);
  if (r) return r;
  if (sameAsTarget(target, norm)) return { status: "ok", band: "达成", notes: [] };
  return invalid(actual);
}

function readDeadline(
  target: ParsedTarget,
  cell: ActualCell,
  actual: string,
  norm: string
): ActualReading {
  let date: string | null = null;
  if (cell?.isDate && typeof cell.value === "number") date = serialToIso(cell.value) || null;
  if (!date) date = parseDateText(actual);
  if (!date) {
    const b = readBand(norm);
    const r = bandReading(b, actual);
    if (r) return r;
    if (sameAsTarget(target, norm)) return { status: "ok", band: "达成", notes: [] };
    date = findDateInText(actual);
  }
  const deadline = typeof target.deadline === "string" ? target.deadline : "";
  if (!date && deadline !== "") {
    // A month without its day decides only when the whole month lies on one side of the deadline
    // (`2025年3月` against 3月底前: met; against 3月15日前: unreadable). A day without its year (`3月25日`)
    // stays unreadable: `12月20日` against 2026年1月底前 could mean either year.
    const month = parseMonthText(actual);
    if (month) date = month[1] <= deadline ? month[1] : month[0] > deadline ? month[0] : null;
  }
  if (!date) return invalid(actual);
  const out: ActualReading = { status: "ok", date, notes: [] };
  if (deadline !== "") out.band = date <= deadline ? "达成" : "未达成";
  return out;
}

function readAsIncurred(target: ParsedTarget, actual: string, norm: string): ActualReading {
  const b = readBand(norm);
  if (b.band && b.band !== "达成") {
    const r = bandReading(b, actual);
    if (r) return r;
  }
  const out: ActualReading = { status: "ok", band: "达成", notes: [] };
  const n = readNumberText(norm);
  if (n) {
    const tUnit = target?.unit ?? "";
    const conv =
      tUnit !== "" && n.unit !== ""
        ? convertUnit(n.value, withPrefixBase(n.unit, tUnit), tUnit)
        : null;
    const v = conv ?? n.value;
    out.number = v > 0 ? v : 0; // a negative figure counts as 0
  }
  return out;
}

/** `96.5万` against a `元` / `万元` target is 96.5 万元. */
function withPrefixBase(unit: string, targetUnit: string): string {
  if (!BARE_PREFIX.test(unit)) return unit;
  const info = unitInfo(targetUnit);
  return info.family === "count" ? unit + info.base : unit;
}

function thresholdOf(target: ParsedTarget | undefined): number | null {
  if (!target) return null;
  if (target.kind === "range") return typeof target.hi === "number" ? target.hi : null;
  return typeof target.value === "number" ? target.value : null;
}

/**
 * `36:00`, `0:25`, `1:30:15` (hours:minutes[:seconds]) against a time target: the duration in the
 * target's unit (36:00 against ≤2天 is 1.5 天). Against any other target it cannot be read. Null when the
 * text is no clock.
 */
function readClock(target: ParsedTarget, actual: string, norm: string): ActualReading | null {
  const m = CLOCK.exec(norm);
  if (!m) return null;
  // In seconds, a whole number, so that 0:25 is exactly 25 分钟.
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
  const tUnit = target?.unit ?? "";
  if (tUnit === "") return invalid(actual);
  const value = convertUnit(seconds, "秒", tUnit);
  if (value === null)
    return {
      status: "invalid",
      notes: [note("UNIT_MISMATCH", "error", { actual, unit: "小时", targetUnit: tUnit })],
    };
  return { status: "ok", number: value, notes: [] };
}

function readQuantitative(target: ParsedTarget, actual: string, norm: string): ActualReading {
  const clock = readClock(target, actual, norm);
  if (clock) return clock;
  const n = readNumberText(norm);
  if (!n) {
    const b = readBand(norm);
    if (
      b.band === "达成" &&
      b.percent === null &&
      QUANT_DONE.has(lowerCased(norm).replace(WORD_TRIM, ""))
    ) {
      return {
        status: "ok",
        band: "达成",
        notes: [note("ACTUAL_INVALID", "warning", { actual, reason: "doneWord" })],
      };
    }
    return invalid(actual);
  }
  const tUnit = target?.unit ?? "";
  const notes: CellNote[] = [];
  let value: number;
  if (n.unit === "") {
    value = n.value;
    const threshold = thresholdOf(target);
    if (
      normalizeUnit(tUnit) === "%" &&
      threshold !== null &&
      threshold > 1 &&
      value > 0 &&
      value <= 1
    ) {
      value = Number((value * 100).toPrecision(15));
      notes.push(
        note("UNIT_MISMATCH", "warning", { actual, value, targetUnit: tUnit, reason: "fraction" })
      );
    }
  } else if (tUnit === "" || normalizeUnit(tUnit) === normalizeUnit(n.unit)) {
    value = n.value;
  } else {
    const conv = convertUnit(n.value, withPrefixBase(n.unit, tUnit), tUnit);
    if (conv === null)
      return {
        status: "invalid",
        notes: [note("UNIT_MISMATCH", "error", { actual, unit: n.unit, targetUnit: tUnit })],
      };
    value = conv;
  }
  if (value < 0 || Object.is(value, -0)) value = 0;
  return { status: "ok", number: value, notes };
}

/** The text reads as a figure (`3%`, `12个`, `≥266米`): used to tell a text target a figure cannot be measured against. */
export function looksLikeFigure(text: string): boolean {
  try {
    return readNumberText(normalizeTargetText(text)) !== null;
  } catch {
    return false;
  }
}
