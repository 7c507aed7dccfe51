/**
 * The budget figures of a table's project block (scoring-spec §1).
 *
 * Two shapes are read:
 *  - label and value side by side: `预算数 | 97.00`, `全年执行数 | 92.5`, `Budget | 100`, `年度资金总额： | 100`;
 *  - the 自评表 funding block, labels in a header row and the amounts in the 年度资金总额 row below:
 *      项目资金（万元） |                  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
 *                      | 年度资金总额       |   100     |   100     |   92      |  10  |  92%  | 9.2
 *                      | 其中：当年财政拨款 |   …
 *                      | 上年结转资金       |   …
 *                      | 其他资金          |   …
 *
 * Labels are compared after normalizeLabel (no whitespace, no trailing `:`/`：`, no `（A）` tag) and
 * without a trailing `（万元）`. `其中：财政资金` is not a budget label.
 */
import { BudgetBlock, CellValue, Pos, SheetGrid } from "./types";
import { formulaAt, textAt, valueAt } from "./grid";
import { normalizeLabel } from "./text";

type LabelKind =
  | { kind: "planned"; rank: number }
  | { kind: "executed"; rank: number }
  | { kind: "total" }
  | { kind: "weight" }
  | { kind: "rate" }
  | { kind: "score" };

/** Lower rank = preferred. */
const PLANNED: Record<string, number> = {
  全年预算数: 0,
  plannedbudget: 0,
  调整后预算数: 1,
  adjustedbudget: 1,
  预算数: 2,
  budget: 2,
  年初预算数: 3,
  initialbudget: 3,
};
/** 年度资金总额 as a planned label, used only outside a funding block (`年度资金总额： | 100`). */
const TOTAL_AS_PLANNED_RANK = 4;

const EXECUTED: Record<string, number> = {
  全年执行数: 0,
  executedbudget: 0,
  预算执行数: 1,
  执行数: 2,
  executed: 2,
  spent: 2,
};

const TOTAL_LABELS = new Set(["年度资金总额", "资金总额", "年度资金总额合计"]);
const WEIGHT_LABELS = new Set(["分值", "权重"]);
const RATE_LABELS = new Set(["执行率", "预算执行率"]);
const SCORE_LABELS = new Set(["得分"]);

/** Sub-rows of the funding block (其中：当年财政拨款, 上年结转资金, 其他资金…). */
const SUB_ROW = /其中|财政|拨款|结转|结余|其他|自筹|资金|收入|补助|债/;
const MAX_SUB_ROWS = 8;

function budgetNorm(text: string): string {
  let s = normalizeLabel(text);
  s = s.replace(/\((万元|元|千元|亿元)\)$/, "");
  s = s.replace(/[:：]+$/, "");
  return s;
}

function classify(text: string): LabelKind | null {
  if (!text || text.length > 40) return null;
  const n = budgetNorm(text);
  if (n in PLANNED) return { kind: "planned", rank: PLANNED[n] };
  if (n in EXECUTED) return { kind: "executed", rank: EXECUTED[n] };
  if (TOTAL_LABELS.has(n)) return { kind: "total" };
  if (WEIGHT_LABELS.has(n)) return { kind: "weight" };
  if (RATE_LABELS.has(n)) return { kind: "rate" };
  if (SCORE_LABELS.has(n)) return { kind: "score" };
  return null;
}

/** Yuan per money unit. */
const MONEY_UNITS: Record<string, number> = {
  元: 1,
  千: 1e3,
  千元: 1e3,
  万: 1e4,
  万元: 1e4,
  十万元: 1e5,
  百万元: 1e6,
  亿: 1e8,
  亿元: 1e8,
};
/** The table's money unit: `单位：元`, `金额单位：万元`, a label ending `（万元）`. */
const STATED_UNIT = /单位[:：]?(?:人民币)?(万元|千元|亿元|元)|[(（](万元|千元|亿元|元)[)）]$/;
export const DEFAULT_MONEY_UNIT = "万元";
const AMOUNT =
  /^[¥$]?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d{1,3})?)(万元|千元|亿元|十万元|百万元|元|万|千|亿)?$/i;
/** Text a unit types in an amount cell instead of a figure (filled, so never "missing"). */
const NON_AMOUNT_WORD = /^(?:待定|待核|待核实|暂无|无|不详|未知|未定|未填|[-—–/\\]+|n\/?a|tbd)$/i;

/** What an amount cell holds: blank, an amount (in the table's unit), or something that is none (BUDGET_INVALID). */
export type AmountRead =
  { kind: "blank" } | { kind: "amount"; value: number } | { kind: "invalid"; text: string };

/** The money unit a text states (`单位：元` → 元), or null. */
export function statedMoneyUnit(text: string): string | null {
  const m = STATED_UNIT.exec(text.normalize("NFKC").replace(/\s+/g, ""));
  return m ? (m[1] ?? m[2]) : null;
}

/**
 * Reads an amount cell (scoring-spec §1): a number (in the table's unit), or text with an optional money
 * unit (`72.5万`, `725,000元`, `725千元`, `0.0725亿元`, full-width digits), converted to `unit`. Text
 * without a readable amount, a negative amount or a non-finite number is invalid.
 */
export function readAmount(value: CellValue, text: string, unit = DEFAULT_MONEY_UNIT): AmountRead {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0)
      return { kind: "invalid", text: text || String(value) };
    return { kind: "amount", value };
  }
  const raw = typeof value === "string" && value.trim() !== "" ? value : text;
  if (!raw || raw.trim() === "") return { kind: "blank" };
  if (typeof value === "boolean") return { kind: "invalid", text: raw };
  const s = raw
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000,，]/g, "")
    .replace(/^(?:rmb|cny)/i, "");
  const m = AMOUNT.exec(s);
  if (!m) return { kind: "invalid", text: raw.trim() };
  let n = Number(m[1]);
  if (!Number.isFinite(n) || n < 0) return { kind: "invalid", text: raw.trim() };
  if (m[2]) {
    const from = MONEY_UNITS[m[2]];
    const to = MONEY_UNITS[unit] ?? MONEY_UNITS[DEFAULT_MONEY_UNIT];
    if (from !== to) n = Number(((n * from) / to).toPrecision(12));
  }
  return { kind: "amount", value: n === 0 ? 0 : n };
}

/** An amount: a number cell, or text such as "97.00", "1,200.00", "97万元" (in 万元). Null otherwise. */
export function parseAmount(
  value: CellValue,
  text: string,
  unit = DEFAULT_MONEY_UNIT
): number | null {
  const r = readAmount(value, text, unit);
  return r.kind === "amount" ? r.value : null;
}

/** Text in a value cell that was meant as an amount (a figure or a placeholder word), not a label or a note. */
function meantAsAmount(text: string): boolean {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  if (classify(t)) return false;
  return /\d/.test(t) || NON_AMOUNT_WORD.test(t);
}

function cellText(g: SheetGrid, row: number, col: number): string {
  return textAt(g, row, col).trim();
}

function blank(g: SheetGrid, row: number, col: number): boolean {
  return cellText(g, row, col) === "" && !formulaAt(g, row, col);
}

function amountAt(g: SheetGrid, row: number, col: number, unit?: string): number | null {
  return parseAmount(valueAt(g, row, col), cellText(g, row, col), unit);
}

function readAt(g: SheetGrid, row: number, col: number, unit: string): AmountRead {
  return readAmount(valueAt(g, row, col), cellText(g, row, col), unit);
}

/**
 * Columns of `row` worth reading: from the used range's left edge to `lastCol`, then on to the right
 * while cells are non-blank (so `全年执行数 | 92.5` just right of the table is read, but an output block
 * written after a blank column is not). A single blank column is crossed only when a budget amount
 * label (预算数, 全年执行数…) follows it: `…其他资金 | (blank) | 全年执行数 | 92.5`.
 */
export function rowWindowEnd(g: SheetGrid, row: number, lastCol: number, colLimit: number): number {
  let end = Math.min(lastCol, colLimit - 1);
  for (;;) {
    if (end + 1 >= colLimit) break;
    if (!blank(g, row, end + 1)) {
      end++;
      continue;
    }
    if (end + 2 < colLimit && isAmountLabel(cellText(g, row, end + 2))) {
      end += 2;
      continue;
    }
    break;
  }
  return end;
}

function isAmountLabel(text: string): boolean {
  const k = classify(text);
  return k !== null && (k.kind === "planned" || k.kind === "executed" || k.kind === "total");
}

function usedColEnd(g: SheetGrid): number {
  let n = 0;
  for (const r of g.values) if (Array.isArray(r) && r.length > n) n = r.length;
  return g.originCol + n;
}

interface Found {
  label: Pos;
  value: number | null;
  cell: Pos | null;
  rank: number;
  /** The value came from the sum of the funding block's sub-rows. */
  summed: boolean;
  /** The value cell is filled with something that is no amount (BUDGET_INVALID). */
  invalid?: string;
}

function better(a: Found | null, b: Found): Found {
  if (!a) return b;
  // A filled cell, readable or not, beats a blank one: an unreadable 全年预算数 is reported, never passed
  // over silently for 年初预算数.
  const av = a.value !== null || a.invalid !== undefined;
  const bv = b.value !== null || b.invalid !== undefined;
  if (av !== bv) return bv ? b : a;
  return b.rank < a.rank ? b : a;
}

/**
 * Finds the planned and executed budget of the block `firstRow .. headerRow - 1` (the rows above the
 * indicator header). `firstCol` / `lastCol` are the table's columns; cells right of `lastCol` are read
 * only while they continue the row without a blank column. Never throws.
 */
export function findBudget(
  grid: SheetGrid,
  firstRow: number,
  headerRow: number,
  firstCol: number,
  lastCol: number,
  /** The used range's right edge (exclusive), when the caller knows it (saves a pass over the rows). */
  colLimit?: number
): BudgetBlock {
  const out: BudgetBlock = {
    planned: null,
    plannedCell: null,
    executed: null,
    executedCell: null,
    weight: null,
    rateCell: null,
    scoreCell: null,
    inconsistent: false,
    plannedLabelCell: null,
    executedLabelCell: null,
    unit: DEFAULT_MONEY_UNIT,
    invalid: [],
  };
  try {
    findInto(grid, firstRow, headerRow, firstCol, lastCol, colLimit ?? usedColEnd(grid), out);
  } catch {
    // A malformed grid: keep what was found.
  }
  return out;
}

interface Label {
  row: number;
  col: number;
  kind: LabelKind;
  windowEnd: number;
}

function findInto(
  g: SheetGrid,
  firstRow: number,
  headerRow: number,
  firstCol: number,
  lastCol: number,
  colLimit: number,
  out: BudgetBlock
): void {
  const top = Math.max(firstRow, g.originRow);
  const bottom = Math.min(headerRow, g.originRow + g.values.length); // exclusive
  const colStart = g.originCol;
  const right = Math.max(lastCol, firstCol);
  if (bottom <= top || colLimit <= colStart) return;

  const labels: Label[] = [];
  let total: Label | null = null;
  let unit: string | null = null;
  for (let r = top; r < bottom; r++) {
    const end = rowWindowEnd(g, r, right, colLimit);
    for (let c = colStart; c <= end; c++) {
      const v = valueAt(g, r, c);
      if (typeof v === "number" || typeof v === "boolean") continue;
      const t = cellText(g, r, c);
      if (!t) continue;
      if (unit === null && t.length <= 40 && (t.includes("单位") || /元[)）]\s*$/.test(t)))
        unit = statedMoneyUnit(t);
      const k = classify(t);
      if (!k) continue;
      const l: Label = { row: r, col: c, kind: k, windowEnd: end };
      labels.push(l);
      if (k.kind === "total" && !total) total = l;
    }
  }

  // Funding block: the nearest row above 年度资金总额 holding planned / executed labels.
  let fundingHeader = -1;
  if (total) {
    for (const l of labels) {
      if (l.row < total.row && (l.kind.kind === "planned" || l.kind.kind === "executed")) {
        if (l.row > fundingHeader) fundingHeader = l.row;
      }
    }
  }

  let subRows: number[] = [];
  if (total) {
    for (let r = total.row + 1; r < bottom && subRows.length < MAX_SUB_ROWS; r++) {
      const t = cellText(g, r, total.col);
      if (!t || !SUB_ROW.test(t) || classify(t)) break;
      subRows.push(r);
    }
  }

  let planned: Found | null = null;
  let executed: Found | null = null;
  const money = unit ?? DEFAULT_MONEY_UNIT;
  out.unit = money;

  const fromTotalRow = (
    col: number
  ): { value: number | null; summed: boolean; invalid?: string } => {
    const tr = (total as Label).row;
    const read = readAt(g, tr, col, money);
    if (read.kind === "invalid") return { value: null, summed: false, invalid: read.text };
    let v = read.kind === "amount" ? read.value : null;
    let summed = false;
    if (v === null || v === 0) {
      let sum = 0;
      let any = false;
      for (const r of subRows) {
        const a = amountAt(g, r, col, money);
        if (a !== null && a !== 0) {
          sum += a;
          any = true;
        }
      }
      if (any) {
        v = Math.round(sum * 1e6) / 1e6;
        summed = true;
      }
    }
    return { value: v, summed };
  };

  for (const l of labels) {
    const k = l.kind;
    if (fundingHeader >= 0 && l.row === fundingHeader && total) {
      const cell = { row: total.row, col: l.col };
      if (k.kind === "planned" || k.kind === "executed") {
        const { value, summed, invalid } = fromTotalRow(l.col);
        const f: Found = { label: { row: l.row, col: l.col }, value, cell, rank: k.rank, summed };
        if (invalid !== undefined) f.invalid = invalid;
        if (k.kind === "planned") planned = better(planned, f);
        else executed = better(executed, f);
      } else if (k.kind === "weight") {
        if (out.weight === null) out.weight = amountAt(g, total.row, l.col);
      } else if (k.kind === "rate") {
        if (!out.rateCell) out.rateCell = cell;
      } else if (k.kind === "score") {
        if (!out.scoreCell) out.scoreCell = cell;
      }
      continue;
    }
    let rank: number;
    let side: "planned" | "executed";
    if (k.kind === "planned" || k.kind === "executed") {
      rank = k.rank;
      side = k.kind;
    } else if (k.kind === "total" && fundingHeader < 0) {
      rank = TOTAL_AS_PLANNED_RANK;
      side = "planned";
    } else continue;

    const f = valueBeside(g, l, bottom, colLimit, money);
    let summed = false;
    if (k.kind === "total" && (f.value === null || f.value === 0)) {
      // `年度资金总额： | (blank)` with amounts beside the rows under it.
      let sum = 0;
      let any = false;
      for (const r of subRows) {
        const end = rowWindowEnd(g, r, right, colLimit);
        const a = firstRightAmount(g, r, l.col, end, money);
        if (a !== null && a !== 0) {
          sum += a;
          any = true;
        }
      }
      if (any) {
        f.value = Math.round(sum * 1e6) / 1e6;
        summed = true;
      }
    }
    const found: Found = {
      label: { row: l.row, col: l.col },
      value: f.value,
      cell: f.cell,
      rank,
      summed,
    };
    if (f.invalid !== undefined) found.invalid = f.invalid;
    if (side === "planned") planned = better(planned, found);
    else executed = better(executed, found);
  }

  const userCell = (p: Pos | null) =>
    p && !blank(g, p.row, p.col)
      ? { value: valueAt(g, p.row, p.col), text: cellText(g, p.row, p.col) }
      : null;
  out.unitRate = userCell(out.rateCell);
  out.unitScore = userCell(out.scoreCell);

  if (planned) {
    out.planned = planned.value;
    out.plannedCell = planned.cell;
    out.plannedLabelCell = planned.label;
    if (planned.summed) out.inconsistent = true;
    if (planned.invalid !== undefined && planned.cell)
      out.invalid!.push({ cell: planned.cell, text: planned.invalid, what: "planned" });
  }
  if (executed) {
    out.executed = executed.value;
    out.executedCell = executed.cell;
    out.executedLabelCell = executed.label;
    if (executed.summed) out.inconsistent = true;
    if (executed.invalid !== undefined && executed.cell)
      out.invalid!.push({ cell: executed.cell, text: executed.invalid, what: "executed" });
  }
}

/** Amount of the nearest non-empty cell right of `col` (null when that cell is not a number). */
function firstRightAmount(
  g: SheetGrid,
  row: number,
  col: number,
  end: number,
  unit: string
): number | null {
  for (let c = col + 1; c <= end; c++) {
    if (!blank(g, row, c)) return amountAt(g, row, c, unit);
  }
  return null;
}

/**
 * The value of a side-by-side label: the nearest non-empty cell to its right when it is a number; else
 * the cell below when it is a number (labels in a header row); else no value, the cell to type it in
 * being the blank cell right of the label.
 */
function valueBeside(
  g: SheetGrid,
  l: Label,
  bottom: number,
  colLimit: number,
  unit: string
): { value: number | null; cell: Pos | null; invalid?: string } {
  for (let c = l.col + 1; c <= l.windowEnd; c++) {
    if (blank(g, l.row, c)) continue;
    const a = readAt(g, l.row, c, unit);
    if (a.kind === "amount") return { value: a.value, cell: { row: l.row, col: c } };
    if (a.kind === "invalid" && meantAsAmount(a.text))
      return { value: null, cell: { row: l.row, col: c }, invalid: a.text };
    break;
  }
  if (l.row + 1 < bottom) {
    const a = readAt(g, l.row + 1, l.col, unit);
    if (a.kind === "amount") return { value: a.value, cell: { row: l.row + 1, col: l.col } };
    if (a.kind === "invalid" && meantAsAmount(a.text))
      return { value: null, cell: { row: l.row + 1, col: l.col }, invalid: a.text };
  }
  const next = l.col + 1;
  if (next <= colLimit && blank(g, l.row, next))
    return { value: null, cell: { row: l.row, col: next } };
  return { value: null, cell: null };
}
