import { spawnSync } from "child_process";
import { buildSync } from "esbuild";
import fs from "fs";
import os from "os";
import path from "path";
import { buildXlsx } from "../test/support/xlsx-builder";
import { syntheticSheet } from "./synthetic";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "bin", "indicator-scorer.cjs");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");

interface Run {
  ms: number;
  peakRssMb: number;
  code: number | null;
}

/** Runs a node script (the CLI, or the bundled floor) with its peak RSS recorded. */
function runNode(script: string, args: string[]): Run {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ["-r", path.join(__dirname, "report-rss.cjs"), script, ...args],
    {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      encoding: "utf8",
      maxBuffer: 1 << 28,
    }
  );
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${path.basename(script)} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  // Several lines when the CLI ran a pool: their sum bounds what the run held at once.
  const kib = fs
    .readFileSync(rssFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line), 0);
  fs.rmSync(rssFile, { force: true });
  return { ms: Math.round(ms), peakRssMb: Math.round(kib / 1024), code: r.status };
}

const runCli = (args: string[]) => runNode(BIN, args);

/** The I/O floor (io-floor.ts), bundled as it would ship, on `input`: median time of three, largest RSS. */
function runFloor(input: string, dir: string): Run {
  const script = path.join(dir, "io-floor.cjs");
  buildSync({
    entryPoints: [path.join(__dirname, "io-floor.ts")],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: script,
    logLevel: "warning",
  });
  const runs = [0, 1, 2].map(() => runNode(script, [input, path.join(dir, "floor-out.xlsx")]));
  runs.sort((a, b) => a.ms - b.ms);
  return { ms: runs[1].ms, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), code: 0 };
}

/** The synthetic tables as a workbook (shared strings, no styles), made by the test builder. */
async function writeSynthetic(file: string, indicators: number): Promise<void> {
  const grid = syntheticSheet(indicators, 100, 7, "绩效自评");
  fs.writeFileSync(file, await buildXlsx({ sheets: [{ name: grid.name, rows: grid.values }] }));
}

export async function benchCli() {
  // Always rebuild: a stale lib/ would measure old code. Output is kept off stdout (--json prints one object).
  const b = spawnSync("npm", ["run", "--silent", "build:cli"], { cwd: ROOT, encoding: "utf8" });
  if (b.status !== 0) throw new Error(`npm run build:cli failed: ${b.stdout}${b.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorer-bench-"));
  try {
    /** `score <input> --out <dir>/<name>… --json <dir>/<name>.json`, timed. */
    const scoreTo = (input: string, out: string, name: string) =>
      runCli([
        "score",
        input,
        "--out",
        path.join(dir, out),
        "--json",
        path.join(dir, `${name}.json`),
      ]);
    runCli(["score", EXAMPLE, "--json", path.join(dir, "warm.json")]); // warm the file cache
    const example = scoreTo(EXAMPLE, "example.xlsx", "example");

    const bigIndicators = 20_000;
    const big = path.join(dir, "big.xlsx");
    await writeSynthetic(big, bigIndicators);
    const floorRun = runFloor(big, dir);
    // Median of three, as the floor.
    const bigRuns = [0, 1, 2]
      .map((k) => scoreTo(big, `big.scored${k}.xlsx`, `big${k}`))
      .sort((a, b) => a.ms - b.ms);
    const bigRun = { ...bigRuns[1], peakRssMb: Math.max(...bigRuns.map((r) => r.peakRssMb)) };

    const folder = path.join(dir, "folder");
    fs.mkdirSync(folder);
    const folderWorkbooks = 200;
    for (let i = 0; i < folderWorkbooks; i++)
      fs.copyFileSync(EXAMPLE, path.join(folder, `unit-${String(i).padStart(3, "0")}.xlsx`));
    const folderRun = scoreTo(folder, "scored", "folder");

    return {
      exampleMs: example.ms,
      examplePeakRssMb: example.peakRssMb,
      bigIndicators,
      bigMs: bigRun.ms,
      bigPeakRssMb: bigRun.peakRssMb,
      floorMs: floorRun.ms,
      floorPeakRssMb: floorRun.peakRssMb,
      /** Targets: score --out ≤ 3× the floor's time and ≤ 2× its peak memory. */
      timeToFloor: Math.round((bigRun.ms / floorRun.ms) * 100) / 100,
      memoryToFloor: Math.round((bigRun.peakRssMb / floorRun.peakRssMb) * 100) / 100,
      folderWorkbooks,
      folderMs: folderRun.ms,
      folderPeakRssMb: folderRun.peakRssMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchCli().then((r) => console.log(r));
