/**
 * The one-file command line (issue 19, point 3): `scripts/build-cli.mjs` bundles src/cli into
 * dist-cli/indicator-scorer.cjs, which must run with plain `node` in a folder with no node_modules; its
 * worker processes must be the bundle itself; 评分.cmd beside it must be a batch file Windows can read.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hasOpenpyxl, readWithOpenpyxl } from "../support/openpyxl";
import { readWorkbook } from "../../src/xlsx/read-workbook";

const ROOT = path.join(__dirname, "..", "..");
const BUNDLE = path.join(ROOT, "dist-cli", "indicator-scorer.cjs");
const CMD = path.join(ROOT, "dist-cli", "评分.cmd");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");

let dir: string;

/** Runs the copied bundle with `node` alone: no NODE_PATH, no NODE_OPTIONS, nothing from this process. */
function run(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(dir, "indicator-scorer.cjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...extraEnv },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const b = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect([b.status, b.stderr]).toEqual([0, ""]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scorer-one-file-"));
  fs.copyFileSync(BUNDLE, path.join(dir, "indicator-scorer.cjs"));
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the folder has nothing but the bundle, and no node_modules is reachable from it", () => {
  expect(fs.readdirSync(dir)).toEqual(["indicator-scorer.cjs"]);
  for (let d = dir; ; d = path.dirname(d)) {
    expect(fs.existsSync(path.join(d, "node_modules"))).toBe(false);
    if (path.dirname(d) === d) break;
  }
});

test("scores the example from an empty folder with plain node: exit 0, workbook and report written", async () => {
  fs.copyFileSync(EXAMPLE, path.join(dir, "year-end-2025.xlsx"));
  const r = run([
    "score",
    "year-end-2025.xlsx",
    "--out",
    "year-end-2025.scored.xlsx",
    "--json",
    "report.json",
  ]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(r.stdout).toMatch(/年终|总分/);
  expect(r.stdout).toContain("year-end-2025.scored.xlsx");
  const out = path.join(dir, "year-end-2025.scored.xlsx");
  const report = JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as {
    tables: unknown[];
  };
  expect(report.tables.length).toBeGreaterThan(0);

  // Read back by a reader that shares nothing with the writer where there is one, and by ours.
  const ours = await readWorkbook(out);
  expect(ours.sheets.map((s) => s.name)).toContain("评分汇总");
  if (hasOpenpyxl()) {
    const book = readWithOpenpyxl(out);
    expect(book.sheets.map((s) => s.name)).toContain("评分汇总");
    expect(book.sheet("IndicatorScorerLedger").state).toBe("veryHidden");
  }
}, 120_000);

test("--version is the package's, with no package.json beside the bundle", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  const r = run(["--version"]);
  expect([r.code, r.stdout.trim()]).toEqual([0, pkg.version]);
});

test("its pool's workers are the bundle itself (a worker killed by the test hook costs its file)", () => {
  // The hook (src/cli/pool.ts, CRASH_TEST_ENV, NODE_ENV=test only) kills a worker handed the named file;
  // the first file goes to the worker. Were the workers not the bundle, no child would start, this process
  // would score every file, and nothing would be lost.
  const input = path.join(dir, "in");
  fs.mkdirSync(input);
  const names = "abcdefghi".split("").map((c) => `${c}.xlsx`);
  for (const n of names) fs.copyFileSync(EXAMPLE, path.join(input, n));
  const r = run(["score", "in", "--out", "out/", "--jobs", "2", "--lang", "en"], {
    NODE_ENV: "test",
    INDICATOR_SCORER_TEST_CRASH_ON: "a.xlsx",
  });
  expect(r.code).toBe(2);
  expect(r.stderr.trim()).toBe(
    "a.xlsx: the process scoring this file stopped (SIGKILL); nothing was written for it"
  );
  expect(fs.readdirSync(path.join(dir, "out")).sort()).toEqual(
    names.slice(1).map((n) => n.replace(/\.xlsx$/, ".scored.xlsx"))
  );
}, 120_000);

describe("评分.cmd", () => {
  const bytes = () => fs.readFileSync(CMD);

  test("is beside the bundle and has CRLF line ends only", () => {
    const text = bytes().toString("utf8");
    expect(text.split("\r\n").some((l) => l.includes("\n"))).toBe(false);
    expect(text.endsWith("\r\n")).toBe(true);
  });

  test("is plain ASCII up to chcp 65001 (cmd reads it in the console's code page until then), no BOM", () => {
    const b = bytes();
    const at = b.indexOf("chcp 65001");
    expect(at).toBeGreaterThan(0);
    expect([...b.subarray(0, at)].every((c) => c < 0x80)).toBe(true);
  });

  test("runs the bundle from its own folder and writes each scored copy beside its workbook", () => {
    const text = bytes().toString("utf8");
    expect(text).toContain('set "SCORER=%~dp0indicator-scorer.cjs"');
    expect(text).toContain('node "%SCORER%" score "%~f1" --out "%~dpn1.scored%~x1"');
    // A folder: its own path as --out, ending in a doubled backslash so that the quote still closes.
    expect(text).toContain('node "%SCORER%" score "%~f1" --out "%~f1\\\\"');
    expect(text).toMatch(/^pause\r$/m);
  });

  test("no ASCII parenthesis in the echo lines inside a parenthesised block", () => {
    const lines = bytes().toString("utf8").split("\r\n");
    let depth = 0;
    for (const line of lines) {
      const t = line.trim();
      if (depth > 0 && /^echo /i.test(t)) expect([t, /[()]/.test(t.slice(5))]).toEqual([t, false]);
      if (/\($/.test(t)) depth++;
      if (/^\)/.test(t)) depth--;
    }
  });
});
