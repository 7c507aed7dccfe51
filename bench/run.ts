/**
 * `npm run bench` — prints a readable table; `npm run --silent bench -- --json` prints one JSON object.
 * Every input is generated here, deterministically. The benchmark reports; it never fails a build.
 */
import os from "os";
import path from "path";
import { benchBundle } from "./bundle";
import { runBundled } from "./bundled";
import { benchCli } from "./cli";
import type { benchCore } from "./core";
import { benchExcel } from "./excel";
import { benchPane } from "./pane";

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const log = (s: string) => {
    if (!json) process.stderr.write(`${s}\n`);
  };
  log("core (bundled engine, own process) …");
  const core = runBundled<ReturnType<typeof benchCore>>(path.join(__dirname, "core.ts"));
  log("excel (fake host) …");
  const excel = await benchExcel();
  log("bundle (webpack production) …");
  const b = benchBundle(!process.argv.includes("--no-build"));
  const bundle = {
    initialJsGzipBytes: b.initialJsGzipBytes,
    initialJsBytes: b.initialJsBytes,
    files: b.files,
    sourceMaps: b.sourceMaps,
  };
  log("cli …");
  const cli = await benchCli();
  log("pane (headless Chromium) …");
  const pane = await benchPane();
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "",
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const result = {
    machine,
    core,
    excel,
    bundle,
    cli,
    pane: {
      firstRenderMs: pane.firstRenderMs,
      runsMs: pane.runs,
      withGridViewMs: pane.withGridViewMs,
      withGridViewRunsMs: pane.withGridViewRuns,
    },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows: [string, string, string][] = [
    [
      "core",
      `${core.indicators.toLocaleString()} indicators, median`,
      `${core.medianMs} ms (${core.indicatorsPerSecond.toLocaleString()}/s)`,
    ],
    [
      "excel",
      "syncs validate / score / prepare at 10 and 10,000 rows",
      `${excel.syncs.validate.join("/")} · ${excel.syncs.score.join("/")} · ${excel.syncs.prepare.join("/")}`,
    ],
    ["excel", "largest request (≤ 10,000 rows)", `${(excel.maxRequestBytes / 1e6).toFixed(2)} MB`],
    [
      "excel",
      `${excel.split.rows.toLocaleString()} rows: requests / rounds / largest`,
      `${excel.split.requests} / ${excel.split.rounds} / ${(excel.split.maxRequestBytes / 1e6).toFixed(2)} MB`,
    ],
    [
      "bundle",
      "initial JS (raw / gzip)",
      `${(bundle.initialJsBytes / 1024).toFixed(1)} KB / ${(bundle.initialJsGzipBytes / 1024).toFixed(1)} KB`,
    ],
    ["cli", "bundled example end to end", `${cli.exampleMs} ms`],
    [
      "cli",
      `score --out, ${cli.bigIndicators.toLocaleString()} indicators`,
      `${cli.bigMs} ms, peak RSS ${cli.bigPeakRssMb} MB`,
    ],
    [
      "cli",
      "I/O floor on the same workbook (unzip, read, zip)",
      `${cli.floorMs} ms, peak RSS ${cli.floorPeakRssMb} MB → ${cli.timeToFloor}× / ${cli.memoryToFloor}× (targets ≤ 3× / ≤ 2×)`,
    ],
    [
      "cli",
      `folder of ${cli.folderWorkbooks} workbooks`,
      `${cli.folderMs} ms, peak RSS ${cli.folderPeakRssMb} MB`,
    ],
    ["pane", "first render, median of 5", `${pane.firstRenderMs} ms`],
    ["pane", "the same with the fake grid drawn beside it", `${pane.withGridViewMs} ms`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(
    `machine: ${machine.cpus} × ${machine.cpu}, ${machine.memGiB} GiB, Node ${machine.node}`
  );
  for (const [a, b2, c] of rows) console.log(`${a.padEnd(w0)}  ${b2.padEnd(w1)}  ${c}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
