import { spawnSync } from "child_process";
import { buildSync } from "esbuild";
import fs from "fs";
import os from "os";
import path from "path";

/**
 * Runs a benchmark script on the engine bundled into one module, as it ships, in a process of its own, and
 * returns what the script prints with `--json`.
 *
 * Why bundled: webpack concatenates the pane's modules, so a call from one engine module into another is a
 * plain call. Loaded by `tsx`, each module is CommonJS and every such call goes through an export getter;
 * the same engine then measured 6–28 % slower (five alternating pairs, 2026-11-25): the loader's cost, not
 * the engine's. Its own process keeps the other benchmarks' heap out of the figures.
 */
export function runBundled<T>(entry: string): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorer-bench-bundle-"));
  try {
    const out = path.join(dir, `${path.basename(entry, ".ts")}.cjs`);
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile: out,
      logLevel: "warning",
    });
    const r = spawnSync(process.execPath, [out, "--json"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${path.basename(entry)} exited ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
