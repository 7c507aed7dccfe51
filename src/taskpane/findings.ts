/** Presentation helpers for the findings list (pure, tested without a DOM). */
import { Issue, Report, Severity, TableResult, parseA1 } from "../core";

export interface FindingGroup {
  key: string;
  sheet: string;
  /** Index into report.tables, or null for sheet-level findings. */
  table: number | null;
  title: string;
  bySeverity: { severity: Severity; issues: Issue[] }[];
}

const ORDER: Severity[] = ["error", "warning", "info"];

function lastRow(t: TableResult): number {
  return Math.max(t.headerRow, ...t.indicators.map((i) => i.row)) + 1; // the 合计 row, if any
}

/** The table a finding belongs to: the first table of its sheet that ends at or below the finding's row. */
export function ownerTable(report: Report, issue: Issue): number | null {
  if (!issue.cell) return null;
  const pos = parseA1(issue.cell);
  if (!pos) return null;
  const row = pos.row + 1;
  const candidates = report.tables
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.sheet === issue.sheet)
    .sort((a, b) => a.t.headerRow - b.t.headerRow);
  if (!candidates.length) return null;
  return (candidates.find(({ t }) => lastRow(t) >= row) ?? candidates[candidates.length - 1]).i;
}

export function tableTitle(t: TableResult, index: number): string {
  return t.project ?? `${t.sheet} #${index + 1}`;
}

export function groupFindings(report: Report): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const issue of report.issues) {
    const table = ownerTable(report, issue);
    const key = table === null ? `sheet:${issue.sheet}` : `table:${table}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        sheet: issue.sheet,
        table,
        title: table === null ? issue.sheet : tableTitle(report.tables[table], table),
        bySeverity: [],
      };
      groups.set(key, g);
    }
    let s = g.bySeverity.find((x) => x.severity === issue.severity);
    if (!s) {
      s = { severity: issue.severity, issues: [] };
      g.bySeverity.push(s);
    }
    s.issues.push(issue);
  }
  const out = [...groups.values()];
  for (const g of out)
    g.bySeverity.sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  return out.sort((a, b) => (a.table ?? Infinity) - (b.table ?? Infinity));
}

/** Review mode (§7): the findings that name a difference between the unit's figures and the tool's. */
export const DIFFERENCE_CODES: ReadonlySet<Issue["code"]> = new Set([
  "SCORE_DIFFERS",
  "TOTAL_DIFFERS",
]);

/** How many differences each table has (index into report.tables). */
export function differenceCounts(report: Report): number[] {
  const counts = report.tables.map(() => 0);
  for (const issue of report.issues) {
    if (!DIFFERENCE_CODES.has(issue.code)) continue;
    const t = ownerTable(report, issue);
    if (t !== null) counts[t]++;
  }
  return counts;
}

/**
 * The indicator a finding points at (its cell is on the indicator's row), so that the pane can show how
 * its figures were worked out beside the finding. Undefined for table-level and budget findings.
 */
export function indicatorLookup(
  report: Report
): (issue: Issue) => TableResult["indicators"][number] | undefined {
  const byRow = new Map<string, TableResult["indicators"][number]>();
  for (const t of report.tables)
    for (const ind of t.indicators) byRow.set(`${t.sheet}\u0000${ind.row}`, ind);
  return (issue) => {
    if (!issue.cell) return undefined;
    const pos = parseA1(issue.cell);
    return pos ? byRow.get(`${issue.sheet}\u0000${pos.row + 1}`) : undefined;
  };
}

/** What the pane says of a whole report (issue 18): counts, and what stops tables from being scored. */
export interface ReportFacts {
  tables: number;
  /** Tables with a total. */
  scored: number;
  incomplete: number;
  /** Tables with no 实际完成值 column yet (a target table): they want 准备年终自评 first. */
  noActualColumn: number;
  errors: number;
  warnings: number;
  infos: number;
  /** The error findings by kind, most frequent first: what stands between the clerk and a total. */
  blockers: { code: Issue["code"]; count: number }[];
}

export function reportFacts(report: Report): ReportFacts {
  const byCode = new Map<Issue["code"], number>();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const noColumn = new Set<number>();
  for (const issue of report.issues) {
    if (issue.severity === "error") {
      errors++;
      byCode.set(issue.code, (byCode.get(issue.code) ?? 0) + 1);
    } else if (issue.severity === "warning") warnings++;
    else infos++;
    if (issue.code === "ACTUAL_MISSING" && issue.params?.noColumn) {
      const t = ownerTable(report, issue);
      if (t !== null) noColumn.add(t);
    }
  }
  const scored = report.tables.filter((t) => t.complete).length;
  return {
    tables: report.tables.length,
    scored,
    incomplete: report.tables.length - scored,
    noActualColumn: noColumn.size,
    errors,
    warnings,
    infos,
    blockers: [...byCode]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count),
  };
}

/** How a table stands, for its one-line card. */
export type TableStatus =
  | { kind: "graded" }
  | { kind: "noGrade" }
  | { kind: "noActualColumn" }
  | { kind: "missing"; count: number }
  | { kind: "incomplete" };

export function tableStatus(report: Report, index: number): TableStatus {
  const t = report.tables[index];
  if (t.complete) return t.grade ? { kind: "graded" } : { kind: "noGrade" };
  let noColumn = false;
  for (const issue of report.issues) {
    if (issue.code !== "ACTUAL_MISSING" || !issue.params?.noColumn) continue;
    if (ownerTable(report, issue) === index) noColumn = true;
  }
  if (noColumn) return { kind: "noActualColumn" };
  const missing = t.indicators.filter((i) => i.status === "missing").length;
  return missing ? { kind: "missing", count: missing } : { kind: "incomplete" };
}

/** The cell to select for a table: column A of its header row (the report names no columns). */
export function tableAnchor(t: TableResult): string {
  return `A${t.headerRow}`;
}

/**
 * The pane's own "what to do" for findings whose message says what is wrong but not how to put it right
 * (the other messages end with their fix already). A key into Strings.fixes, or null.
 */
export type FixKey =
  | "actualMissing"
  | "actualInvalid"
  | "unitMismatch"
  | "weightBlank"
  | "budgetMissing"
  | "occupied"
  | "inconsistent";

export function fixOf(issue: Issue): FixKey | null {
  const p = issue.params ?? {};
  switch (issue.code) {
    case "ACTUAL_MISSING":
      return p.noColumn ? null : "actualMissing";
    case "ACTUAL_INVALID":
      return p.reason === "doneWord" || p.reason === "tooLarge" ? null : "actualInvalid";
    case "UNIT_MISMATCH":
      return p.reason === "fraction" ? null : "unitMismatch";
    case "WEIGHTS_SUM":
      return p.reason === "blank" ? "weightBlank" : null;
    case "BUDGET_MISSING":
      return "budgetMissing";
    case "OUTPUT_OCCUPIED":
      return p.sheetName ? null : "occupied";
    case "BUDGET_INCONSISTENT":
      return "inconsistent";
    default:
      return null;
  }
}
