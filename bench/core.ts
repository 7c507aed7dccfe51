import { analyzeWorkbook } from "../src/core/analyze";
import { median, syntheticSheet } from "./synthetic";

/**
 * Warm-up runs first: the optimising compiler needs a few full passes over 100,000 rows before the code is
 * in its steady state (the first run takes about twice the median), and one click in the pane on a sheet
 * this large is rarely the first thing the engine ever does.
 */
export function benchCore(indicators = 100_000, runs = 7, warmups = 3) {
  const grid = syntheticSheet(indicators);
  for (let i = 0; i < warmups; i++) {
    analyzeWorkbook([grid], { currentYear: 2025 });
  }
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const a = analyzeWorkbook([grid], { currentYear: 2025 });
    times.push(performance.now() - t0);
    found = a.report.tables.reduce((s, t) => s + t.indicators.length, 0);
  }
  if (found !== indicators)
    throw new Error(`bench grid: expected ${indicators} indicators, engine found ${found}`);
  const medianMs = median(times);
  return {
    indicators,
    medianMs: Math.round(medianMs * 10) / 10,
    indicatorsPerSecond: Math.round(indicators / (medianMs / 1000)),
  };
}

if (require.main === module) {
  const result = benchCore();
  console.log(process.argv.includes("--json") ? JSON.stringify(result) : result);
}
