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
