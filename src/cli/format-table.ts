/** Plain-text tables for the terminal, aligned for Chinese (full-width characters take two columns). */
import { a1 } from "../core";
import type { Grade, Issue, Lang, LocatedTable, Report } from "../core";
import { formatPercent, formatScore } from "../taskpane/format";
import { TERMS } from "../taskpane/terms";

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Terminal columns a string takes. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** Renders rows under a header; columns listed in `rightAlign` are aligned right; the last column is not padded. */
export function renderTable(
  header: string[],
  rows: string[][],
  rightAlign: number[] = [],
  indent = "  "
): string {
  // A loop, not Math.max(...rows): spreading 100,000+ rows as arguments overflows the call stack.
  const widths = header.map((h, j) => {
    let w = displayWidth(h);
    for (const r of rows) w = Math.max(w, displayWidth(r[j] ?? ""));
    return w;
  });
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, j) =>
        j === cells.length - 1 && !rightAlign.includes(j)
          ? c
          : pad(c, widths[j], rightAlign.includes(j))
      )
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

const LABELS = {
  zh: {
    where: "位置",
    project: "项目",
    total: "总分",
    grade: "等级",
    unmet: "未达成",
    // The pane's words (taskpane/terms.ts): a table without a total, a finding, a severity.
    incomplete: TERMS.zh.incomplete,
    noTables: "未找到绩效指标表。",
    severity: "级别",
    code: "代码",
    message: "说明",
    noIssues: "没有发现问题。",
    sev: TERMS.zh.severity,
    issues: TERMS.zh.findingCount,
    tables: (n: number) => `${n} 张表`,
  },
  en: {
    where: "Where",
    project: "Project",
    total: "Total",
    grade: "Grade",
    unmet: "Unmet",
    incomplete: TERMS.en.incomplete.toLowerCase(),
    noTables: "No indicator table found.",
    severity: "Severity",
    code: "Code",
    message: "Message",
    noIssues: "No findings.",
    // Lower case inside the table, as the column's other words.
    sev: {
      error: TERMS.en.severity.error.toLowerCase(),
      warning: TERMS.en.severity.warning.toLowerCase(),
      info: TERMS.en.severity.info.toLowerCase(),
    },
    issues: TERMS.en.findingCount,
    tables: (n: number) => `${n} table${n === 1 ? "" : "s"}`,
  },
} as const;

const GRADE_EN: Record<Grade, string> = { 优: "excellent", 良: "good", 中: "fair", 差: "poor" };

function fmtNumber(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return "—";
  return n.toFixed(2);
}

export function issueCounts(issues: Issue[]): { errors: number; warnings: number; infos: number } {
  return {
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    infos: issues.filter((i) => i.severity === "info").length,
  };
}

/** "N findings (e errors, w warnings, i info)". */
export function issueLine(report: Report, lang: Lang): string {
  const c = issueCounts(report.issues);
  return LABELS[lang].issues(report.issues.length, c.errors, c.warnings, c.infos);
}

/** One line per file for stderr when several files are scored. */
export function fileSummaryLine(name: string, report: Report, lang: Lang): string {
  const L = LABELS[lang];
  return `${name}: ${L.tables(report.tables.length)}, ${issueLine(report, lang)}`;
}

function signedNumber(n: number): string {
  return `${n > 0 ? "+" : ""}${n.toFixed(2)}`;
}

/**
 * The 差异 line of a table in review mode (scoring-spec §7): the unit's own total, the reviewed total and
 * reviewed minus self-assessed.
 */
export function differenceLine(t: Report["tables"][number], lang: Lang): string {
  const unit = t.unitTotal ?? null;
  const diff =
    unit !== null && t.total !== null
      ? signedNumber(Math.round((t.total - unit) * 100) / 100)
      : "—";
  return lang === "en"
    ? `Difference ${t.sheet}!${t.headerRow}: self-assessed ${fmtNumber(unit)}, reviewed ${fmtNumber(t.total)}, difference ${diff}`
    : `差异 ${t.sheet}!${t.headerRow}：自评总分 ${fmtNumber(unit)}，复核总分 ${fmtNumber(t.total)}，差异 ${diff}`;
}

/** The readable per-table summary of a score run. */
export function formatScoreSummary(name: string, report: Report, lang: Lang): string {
  const L = LABELS[lang];
  let s = `${name}\n`;
  if (report.tables.length === 0) {
    s += `  ${L.noTables}\n`;
  } else {
    const rows = report.tables.map((t) => {
      const unmet = t.indicators.filter((i) => i.status === "unmet").length;
      const grade =
        t.grade === null
          ? t.complete
            ? "—"
            : L.incomplete
          : lang === "en"
            ? GRADE_EN[t.grade]
            : t.grade;
      return [
        `${t.sheet}!${t.headerRow}`,
        fmtNumber(t.total),
        grade,
        String(unmet),
        t.project ?? "—",
      ];
    });
    s += renderTable([L.where, L.total, L.grade, L.unmet, L.project], rows, [1, 3]);
    for (const t of report.tables) if (t.review) s += `  ${differenceLine(t, lang)}\n`;
  }
  s += `  ${issueLine(report, lang)}\n`;
  return s;
}

/** The findings table of validate (severity, sheet!cell, code, message). */
export function formatIssues(name: string, report: Report, lang: Lang): string {
  const L = LABELS[lang];
  let s = `${name}\n`;
  if (report.issues.length === 0) return `${s}  ${L.noIssues}\n`;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const issues = [...report.issues].sort((a, b) => order[a.severity] - order[b.severity]);
  const rows = issues.map((i) => [
    L.sev[i.severity],
    i.cell ? `${i.sheet}!${i.cell}` : i.sheet,
    i.code,
    i.message.replace(/\s*\n\s*/g, " "),
  ]);
  s += renderTable([L.severity, L.where, L.code, L.message], rows);
  s += `  ${issueLine(report, lang)}\n`;
  return s;
}

/**
 * `score --explain` (issue 18, point 5): every score worked out, per table and per indicator, in the words
 * of the pane's explanations — where the actual value is read (its cell), the target, the actual, the
 * completion rate, the score out of the weight, how the weight was set and how the score was worked out
 * (the engine's own lines, scoring-spec §8), and the budget's line. `located[i]` is the table behind
 * `report.tables[i]` (analyzeWorkbook gives both in the same order); `decimals` the profile's.
 */
export function formatExplain(
  name: string,
  report: Report,
  located: readonly LocatedTable[],
  lang: Lang,
  decimals: number
): string {
  const T = TERMS[lang];
  const L = LABELS[lang];
  const colon = lang === "en" ? ": " : "：";
  const fig = (v: number | null) => formatScore(v, decimals);
  const lines: string[] = [
    `${name}${lang === "en" ? " — how each score was worked out" : " — 计算说明"}`,
  ];
  if (report.tables.length === 0) lines.push(`  ${L.noTables}`);
  report.tables.forEach((t, k) => {
    const where = `${t.sheet}!${t.headerRow}`;
    const grade =
      t.grade === null
        ? t.complete
          ? "—"
          : T.incomplete
        : lang === "en"
          ? GRADE_EN[t.grade]
          : t.grade;
    lines.push("");
    lines.push(`  ${t.project ?? "—"}  ${where}  ${T.total} ${fig(t.total)}  ${T.grade} ${grade}`);
    const b = t.budget;
    lines.push(`    ${T.budget}  ${fig(b.score)}/${b.weight}`);
    lines.push(`      ${b.explain ?? T.unscored}`);
    const cols = located[k]?.columns;
    for (const ind of t.indicators) {
      const col = cols ? (cols.actual ?? cols.target) : undefined;
      const cell = col === undefined ? where : `${t.sheet}!${a1(ind.row - 1, col)}`;
      lines.push(`    ${T.row(ind.row)}  ${ind.name}  ${cell}`);
      lines.push(
        "      " +
          [
            `${T.target}${colon}${ind.target || "—"}`,
            `${T.actual}${colon}${ind.actual ?? "—"}`,
            `${T.completion}${colon}${formatPercent(ind.completion)}`,
            `${T.score}${colon}${fig(ind.score)}/${ind.weight}`,
          ].join(lang === "en" ? "; " : "；")
      );
      if (ind.weightExplain) lines.push(`      ${ind.weightExplain}`);
      lines.push(`      ${ind.explain ?? T.unscored}`);
    }
  });
  return lines.join("\n") + "\n";
}
