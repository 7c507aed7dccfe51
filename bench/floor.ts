/**
 * A lower bound for the core target's ratio, to inform the decision on a columnar rewrite (issue 4): the
 * least any engine built from today's parsing and scoring rules could do on the benchmark grid.
 *
 * The "lean pass" knows the grid's layout (fixed columns, header in column A), so it does no table
 * locating, no weights, no findings, no ledger and no write plan; it reads each row's six cells, parses
 * the target and reads the actual through the real memo (ParseCache), scores with the real scoreIndicator
 * and keeps completion and score in typed arrays, with no object of its own per row. Whatever a columnar
 * engine does on top of this can only add to it.
 *
 * `npm run bench -- --floor` runs it bundled, as `npm run bench` runs the core (see bundled.ts), and prints
 * medians of 11 runs after 3 warm-ups, interleaved so that the host's drift hits every variant alike.
 */
import { analyzeWorkbook } from "../src/core/analyze";
import { isCost } from "../src/core/categories";
import { roundHalfUp } from "../src/core/decimal";
import { resolveProfile } from "../src/core/profile";
import { scoreIndicator } from "../src/core/score-indicator";
import { ParseCache } from "../src/core/score-table";
import { trimmed } from "../src/core/text";
import { SheetGrid } from "../src/core/types";
import { baselinePass, median, syntheticSheet } from "./synthetic";

type Stop = "reads" | "actuals" | "scores" | "report";

/** One pass over the grid, stopping after the given step; returns the number of indicator rows. */
function leanPass(g: SheetGrid, stop: Stop): number {
  const profile = resolveProfile(undefined);
  const n = g.text.length;
  const completion = new Float64Array(n);
  const score = new Float64Array(n);
  const report: object[] = [];
  const cache = new ParseCache();
  let inTable = false;
  let prevL1 = "";
  let prevL2 = "";
  let cost = false;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t = g.text[i];
    if (t.length < 6) {
      inTable = false;
      continue;
    }
    if (!inTable) {
      inTable = trimmed(t[0]) === "一级指标";
      continue;
    }
    count++;
    const l1 = trimmed(t[0]);
    const l2 = trimmed(t[1]);
    const name = trimmed(t[2]);
    const actual = trimmed(t[4]);
    if (trimmed(t[5]) === "\u0000") continue; // the reason cell is read, as the engine reads it
    if (l1 !== prevL1 || l2 !== prevL2) {
      prevL1 = l1;
      prevL2 = l2;
      cost = isCost(l1, l2);
    }
    const target = cache.target(trimmed(t[3]), cost, 2025, "", "");
    if (stop === "reads") continue;
    const reading = cache.actual(target, g.values[i][4], actual, false);
    if (stop === "actuals") continue;
    const s = scoreIndicator(target, reading, 1, profile);
    completion[i] = s.completion === null ? NaN : roundHalfUp(s.completion, 4);
    score[i] = s.score ?? NaN;
    if (stop === "scores") continue;
    report.push({ row: i + 1, level1: l1, level2: l2, name, target: target.text, actual, kind: target.kind, weight: 1, completion: completion[i], score: score[i], status: s.status }); // prettier-ignore
  }
  return count;
}

export function benchFloor(indicators = 100_000, runs = 11, warmups = 3) {
  const grid = syntheticSheet(indicators);
  const variants: [string, () => unknown][] = [
    ["baseline (one regex per cell)", () => baselinePass(grid)],
    ["lean: reads + cached targets", () => leanPass(grid, "reads")],
    ["lean: + actuals (memo)", () => leanPass(grid, "actuals")],
    ["lean: + scores", () => leanPass(grid, "scores")],
    ["lean: + report entries", () => leanPass(grid, "report")],
    ["engine today (analyzeWorkbook)", () => analyzeWorkbook([grid], { currentYear: 2025 })],
  ];
  if (leanPass(grid, "reads") !== indicators)
    throw new Error("floor: lean pass miscounted the grid");
  const times = variants.map(() => [] as number[]);
  for (let k = 0; k < warmups + runs; k++) {
    variants.forEach(([, f], v) => {
      const t0 = performance.now();
      f();
      if (k >= warmups) times[v].push(performance.now() - t0);
    });
  }
  const base = median(times[0]);
  return variants.map(([name], v) => ({
    name,
    medianMs: Math.round(median(times[v]) * 10) / 10,
    ratio: Math.round((median(times[v]) / base) * 10) / 10,
  }));
}

/** The rows as a readable table. */
export function formatFloor(rows: ReturnType<typeof benchFloor>): string {
  return rows
    .map((r) => `${r.name.padEnd(32)} ${r.medianMs.toFixed(1).padStart(7)} ms   ratio ${r.ratio}\n`)
    .join("");
}

if (require.main === module) {
  const rows = benchFloor();
  process.stdout.write(
    process.argv.includes("--json") ? `${JSON.stringify(rows)}\n` : formatFloor(rows)
  );
}
