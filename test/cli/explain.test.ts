/**
 * `score --explain` (issue 18, point 5): the command line, spawned with tsx on the bundled year-end
 * example, prints every score worked out — per table and indicator the cell, target, actual, completion,
 * score, the weight's and the score's lines, and the budget's — exactly as the JSON report of the same run
 * holds them, in Chinese and in English; and it says 检查结果 where the pane does.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import type { Report } from "../../src/core";
import { STRINGS } from "../../src/taskpane/i18n";
import { TERMS } from "../../src/taskpane/terms";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");
const EXAMPLE = path.join("examples", "year-end-2025.xlsx");

function cli(...args: string[]) {
  const r = spawnSync(TSX, [MAIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, INDICATOR_SCORER_DEBUG: "" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The lines printed for one indicator: from its heading to the next heading (or table). */
function block(lines: string[], heading: string): string[] {
  const i = lines.findIndex((l) => l.startsWith(heading));
  expect(i).toBeGreaterThanOrEqual(0);
  let j = i + 1;
  while (j < lines.length && lines[j].startsWith("      ")) j++;
  return lines.slice(i, j).map((l) => l.trim());
}

describe.each(["zh", "en"] as const)("score --explain --lang %s", (lang) => {
  let out: string;
  let report: Report;
  beforeAll(() => {
    const r = cli("score", EXAMPLE, "--explain", "--lang", lang);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    out = r.stdout;
    report = JSON.parse(cli("score", EXAMPLE, "--json", "-", "--lang", lang).stdout) as Report;
  });

  test("every table, its budget line and every indicator, as the report holds them", () => {
    const T = TERMS[lang];
    const lines = out.split("\n");
    const sep = lang === "en" ? "; " : "；";
    const colon = lang === "en" ? ": " : "：";
    expect(report.tables).toHaveLength(7);
    for (const t of report.tables) {
      // The table's heading: project, where, total.
      const head = lines.find((l) => l.startsWith(`  ${t.project}  ${t.sheet}!${t.headerRow}  `))!;
      expect(head).toContain(`${T.total} ${t.total!.toFixed(2)}`);
      expect(out).toContain(`    ${T.budget}  ${t.budget.score!.toFixed(2)}/${t.budget.weight}\n`);
      expect(out).toContain(`      ${t.budget.explain}\n`);
      for (const ind of t.indicators) {
        const b = block(lines, `    ${T.row(ind.row)}  ${ind.name}  ${t.sheet}!`);
        // The actual value's cell, on the indicator's row.
        expect(b[0]).toMatch(new RegExp(`!F${ind.row}$`));
        expect(b[1]).toBe(
          [
            `${T.target}${colon}${ind.target}`,
            `${T.actual}${colon}${ind.actual}`,
            `${T.completion}${colon}${Math.round(ind.completion! * 10000) / 100}%`,
            `${T.score}${colon}${ind.score!.toFixed(2)}/${ind.weight}`,
          ].join(sep)
        );
        expect(b[2]).toBe(ind.weightExplain);
        expect(b[3]).toBe(ind.explain);
      }
    }
  });

  test("the words are the pane's", () => {
    const findings = TERMS[lang].findingCount(4, 0, 2, 2);
    expect(out).toContain(`  ${findings}\n`);
    expect(STRINGS[lang].findings).toBe(TERMS[lang].findings);
    if (lang === "zh") {
      expect(out).toContain("检查结果 4 条（错误 0，警告 2，提示 2）");
      expect(out).not.toMatch(/问题 \d+ 条/);
      expect(out).toContain("year-end-2025.xlsx — 计算说明");
    } else {
      expect(out).toContain("4 findings (0 errors, 2 warnings, 2 info)");
      expect(out).toContain("year-end-2025.xlsx — how each score was worked out");
      expect(out).toMatch(/Higher is better/);
      expect(out).not.toMatch(/[\u4e00-\u9fff]+指标：/);
    }
  });
});

test("--explain is for score only, and not beside --json -", () => {
  const v = cli("validate", EXAMPLE, "--explain");
  expect(v.code).toBe(2);
  expect(v.stderr).toBe('indicator-scorer: option --explain does not apply to "validate"\n');
  const j = cli("score", EXAMPLE, "--explain", "--json", "-");
  expect(j.code).toBe(2);
  expect(j.stderr).toContain("--explain prints to standard output");
  expect(j.stdout).toBe("");
});

test("without --explain the summary is as before: no working", () => {
  const r = cli("score", EXAMPLE);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain("计算说明");
  expect(r.stdout).toContain("检查结果 4 条");
});
