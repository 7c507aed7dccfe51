/**
 * File handling that never loses data (issue 16, point 6): the JSON report never replaces a workbook, it and
 * every workbook are written atomically with their mode kept, a folder's outputs never replace its inputs,
 * and a bad entry or a crashed worker costs one line for that file while the others are still done.
 * Workbooks are copies of examples/year-end-2025.xlsx in a temp folder; `run` is the in-process CLI, and
 * the real process is used where only it can show the case (a worker that dies, a write the OS refuses).
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/run";
import { isTempName, writeFileAtomic, WriteFileError } from "../../src/xlsx/write-file";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
const OTHER = path.join(ROOT, "examples", "targets-2025.xlsx");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");
const IS_ROOT = typeof process.getuid === "function" && process.getuid() === 0;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await run([...argv, "--lang", "en"], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
  });
  return { code, stdout, stderr };
}

/** The real command line, optionally under a shell line run first (`ulimit -f 64`). */
function realCli(args: string[], env: NodeJS.ProcessEnv = {}, shellPrefix = ""): Promise<Run> {
  const quoted = [MAIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", `${shellPrefix}exec '${TSX}' ${quoted}`], {
      cwd: ROOT,
      env: { ...process.env, INDICATOR_SCORER_DEBUG: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const lines = (s: string) => s.split("\n").filter((l) => l.trim() !== "");
const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const mode = (f: string) => fs.statSync(f).mode & 0o7777;

function expectNoTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/^\s+at |TypeError|RangeError|ReferenceError|FATAL ERROR/m);
  expect(r.stdout).not.toMatch(/^\s+at /m);
}

/** Temp files writeFileAtomic (or anything else) left in `dir`. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => isTempName(n) || /\.tmp$/.test(n));
}

let dir: string;
let n = 0;
/** A fresh folder for one test. */
function fresh(): string {
  const d = path.join(dir, `t${n++}`);
  fs.mkdirSync(d);
  return d;
}
function copy(to: string, from = EXAMPLE): string {
  fs.copyFileSync(from, to);
  return to;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "files-test-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("--json may not name a file the run reads or writes: exit 2, one line, nothing touched", () => {
  test("validate a.xlsx --json a.xlsx", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const before = sha(a);
    const r = await cli("validate", a, "--json", a);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/--json .*a\.xlsx: names the input/)]);
    expect(sha(a)).toBe(before);
    expect(fs.readdirSync(d)).toEqual(["a.xlsx"]);
  });

  test("score a.xlsx --out b.xlsx --json b.xlsx: b.xlsx is never written", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const b = path.join(d, "b.xlsx");
    const r = await cli("score", a, "--out", b, "--json", b);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/--json .*b\.xlsx: names the workbook --out writes/),
    ]);
    expect(fs.readdirSync(d)).toEqual(["a.xlsx"]);
  });

  test("the same file by another name: a hard link, a link to the folder, a relative path, the profile", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const before = sha(a);
    fs.linkSync(a, path.join(d, "hard.json"));
    fs.mkdirSync(path.join(d, "out"));
    fs.symlinkSync(path.join(d, "out"), path.join(d, "out-link"));
    fs.writeFileSync(path.join(d, "profile.json"), '{ "decimals": 1 }');
    const profile = sha(path.join(d, "profile.json"));
    const runs = [
      await cli("validate", a, "--json", path.join(d, "hard.json")),
      await cli(
        "score",
        a,
        "--out",
        path.join(d, "out") + "/",
        "--json",
        path.join(d, "out-link", "a.scored.xlsx")
      ),
      await cli("validate", a, "--json", path.relative(process.cwd(), a)),
      await cli(
        "validate",
        a,
        "--profile",
        path.join(d, "profile.json"),
        "--json",
        path.join(d, "profile.json")
      ),
    ];
    for (const r of runs) {
      expect(r.code).toBe(2);
      expectNoTrace(r);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(/^indicator-scorer: --json .*: names the/),
      ]);
    }
    expect(sha(a)).toBe(before);
    expect(sha(path.join(d, "profile.json"))).toBe(profile);
    expect(fs.readdirSync(path.join(d, "out"))).toEqual([]);
  });

  test("folder mode: the report may not be one of the outputs to be written there; the folder is not even made", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    fs.mkdirSync(input);
    copy(path.join(input, "a.xlsx"));
    copy(path.join(input, "b.xlsx"));
    const out = path.join(d, "out");
    const r = await cli(
      "score",
      input,
      "--out",
      out + "/",
      "--json",
      path.join(out, "b.scored.xlsx")
    );
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/--json .*b\.scored\.xlsx: names the workbook --out writes/),
    ]);
    expect(fs.existsSync(out)).toBe(false);
    // …and it may not be an input found in the folder either.
    const r2 = await cli("validate", input, "--json", path.join(input, "b.xlsx"));
    expect(r2.code).toBe(2);
    expect(lines(r2.stderr)).toEqual([expect.stringMatching(/names the input/)]);
    expect(sha(path.join(input, "b.xlsx"))).toBe(sha(EXAMPLE));
  });

  test("a report beside them is fine", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const r = await cli(
      "score",
      a,
      "--out",
      path.join(d, "a.scored.xlsx"),
      "--json",
      path.join(d, "a.json")
    );
    expect(r.code).toBeLessThan(2);
    expect(JSON.parse(fs.readFileSync(path.join(d, "a.json"), "utf8")).source).toBe("a.xlsx");
  });
});

describe("writeFileAtomic", () => {
  test("writes a new file with the usual mode, replaces an old one keeping its mode (0600 stays 0600)", async () => {
    const d = fresh();
    const f = path.join(d, "r.json");
    await writeFileAtomic(f, "one");
    expect(fs.readFileSync(f, "utf8")).toBe("one");
    const umask = process.umask();
    expect(mode(f)).toBe(0o666 & ~umask);
    fs.chmodSync(f, 0o600);
    await writeFileAtomic(f, Buffer.from("two"));
    expect(fs.readFileSync(f, "utf8")).toBe("two");
    expect(mode(f)).toBe(0o600);
    fs.chmodSync(f, 0o640);
    await writeFileAtomic(f, "three");
    expect(mode(f)).toBe(0o640);
    expect(leftovers(d)).toEqual([]);
  });

  test("keepModeOf gives a new file another file's mode; the target's own mode wins when it exists", async () => {
    const d = fresh();
    const src = path.join(d, "private.xlsx");
    fs.writeFileSync(src, "x");
    fs.chmodSync(src, 0o600);
    const copyOf = path.join(d, "copy.xlsx");
    await writeFileAtomic(copyOf, "y", { keepModeOf: src });
    expect(mode(copyOf)).toBe(0o600);
    fs.chmodSync(copyOf, 0o644);
    await writeFileAtomic(copyOf, "z", { keepModeOf: src });
    expect(mode(copyOf)).toBe(0o644);
  });

  (IS_ROOT ? test : test.skip)(
    "keeps the owner and group of the file it replaces (as root)",
    async () => {
      const d = fresh();
      const f = path.join(d, "owned.xlsx");
      fs.writeFileSync(f, "old");
      fs.chownSync(f, 1234, 2345);
      fs.chmodSync(f, 0o640);
      await writeFileAtomic(f, "new");
      const st = fs.statSync(f);
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1234, 2345, 0o640]);
    }
  );

  test("a link is written through: the file it points to is replaced, the link stays a link", async () => {
    const d = fresh();
    const real = path.join(d, "real.json");
    const link = path.join(d, "link.json");
    fs.writeFileSync(real, "old");
    fs.symlinkSync(real, link);
    await writeFileAtomic(link, "new");
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real, "utf8")).toBe("new");
  });

  test("a failed write leaves the old file as it was and no temp file: the temp cannot be made (ENAMETOOLONG)", async () => {
    const d = fresh();
    const f = path.join(d, `${"r".repeat(245)}.json`); // fits; its temp name does not
    fs.writeFileSync(f, "previous good report");
    const err = await writeFileAtomic(f, "new").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteFileError);
    expect((err as WriteFileError).code).toBe("ENAMETOOLONG");
    expect(fs.readFileSync(f, "utf8")).toBe("previous good report");
    expect(fs.readdirSync(d)).toEqual([path.basename(f)]);
  });

  test("a target that is a folder: EISDIR, the folder untouched", async () => {
    const d = fresh();
    fs.mkdirSync(path.join(d, "r.json"));
    fs.writeFileSync(path.join(d, "r.json", "inside"), "x");
    const err = await writeFileAtomic(path.join(d, "r.json"), "new").catch((e: unknown) => e);
    expect((err as WriteFileError).code).toBe("EISDIR");
    expect(fs.readdirSync(path.join(d, "r.json"))).toEqual(["inside"]);
    expect(leftovers(d)).toEqual([]);
  });

  (IS_ROOT ? test.skip : test)(
    "a folder it may not write in: EACCES, the old file intact",
    async () => {
      const d = fresh();
      const f = path.join(d, "r.json");
      fs.writeFileSync(f, "old");
      fs.chmodSync(d, 0o555);
      try {
        const err = await writeFileAtomic(f, "new").catch((e: unknown) => e);
        expect((err as WriteFileError).code).toBe("EACCES");
        expect(fs.readFileSync(f, "utf8")).toBe("old");
        expect(leftovers(d)).toEqual([]);
      } finally {
        fs.chmodSync(d, 0o755);
      }
    }
  );
});

describe("the --json report is written atomically", () => {
  test("a report is replaced whole, keeping its mode", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const json = path.join(d, "r.json");
    fs.writeFileSync(json, "old");
    fs.chmodSync(json, 0o600);
    const r = await cli("validate", a, "--json", json);
    expect(r.code).toBeLessThan(2);
    expect(JSON.parse(fs.readFileSync(json, "utf8")).source).toBe("a.xlsx");
    expect(mode(json)).toBe(0o600);
    expect(leftovers(d)).toEqual([]);
  });

  test("a write the system refuses halfway (file size limit, EFBIG, as a full disk would): the previous report stays whole, no temp file", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    fs.mkdirSync(input);
    for (const name of ["a.xlsx", "b.xlsx", "c.xlsx"]) copy(path.join(input, name));
    const json = path.join(d, "r.json");
    // The first run writes a good report (about 100 KB) and warms tsx's cache, so the second writes nothing else.
    const good = await realCli(["validate", input, "--json", json, "--lang", "en", "--jobs", "1"]);
    expect(good.code).toBeLessThan(2);
    const previous = fs.readFileSync(json, "utf8");
    expect(previous.length).toBeGreaterThan(64 * 1024);
    copy(path.join(input, "b.xlsx"), OTHER); // a different report this time
    const r = await realCli(
      ["validate", input, "--json", json, "--lang", "en", "--jobs", "1"],
      {},
      "ulimit -f 64; "
    );
    expect(r.code).toBe(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([`${json}: cannot write the JSON report (EFBIG)`]);
    expect(fs.readFileSync(json, "utf8")).toBe(previous);
    expect(leftovers(d)).toEqual([]);
  });
});

describe("folder mode: no output ever replaces an input", () => {
  test("score dir/ --out dir/ with a user's a.scored.xlsx beside a.xlsx: it is left out and kept, the output is a.scored (2).xlsx", async () => {
    const d = fresh();
    copy(path.join(d, "a.xlsx"));
    copy(path.join(d, "a.scored.xlsx"), OTHER); // the user's own file, not an output of ours
    copy(path.join(d, "b.xlsx"));
    const theirs = sha(path.join(d, "a.scored.xlsx"));
    const r = await cli("score", d + "/", "--out", d + "/");
    expect(r.code).toBeLessThan(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^note: .* holds 1 earlier output/)]);
    expect(sha(path.join(d, "a.scored.xlsx"))).toBe(theirs);
    expect(sha(path.join(d, "a.xlsx"))).toBe(sha(EXAMPLE));
    expect(fs.readdirSync(d).sort()).toEqual([
      "a.scored (2).xlsx",
      "a.scored.xlsx",
      "a.xlsx",
      "b.scored.xlsx",
      "b.xlsx",
    ]);
    expect(r.stdout).toContain(`written: ${path.join(d, "a.scored (2).xlsx")}`);
    // Scoring the folder again replaces nothing of the first run either: a third name.
    const again = await cli("score", d + "/", "--out", d + "/");
    expect(again.code).toBeLessThan(2);
    expect(sha(path.join(d, "a.scored.xlsx"))).toBe(theirs);
    expect(fs.readdirSync(d)).toContain("a.scored (3).xlsx");
  });

  test("only score --out leaves earlier outputs out: validate (nothing written) reads every file", async () => {
    const d = fresh();
    copy(path.join(d, "a.xlsx"));
    copy(path.join(d, "a.scored.xlsx"));
    const r = await cli("validate", d);
    expect(r.code).toBeLessThan(2);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^a\.scored\.xlsx/m);
  });

  test("inputs named one by one: an output never takes an input's name", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    const as = copy(path.join(d, "a.scored.xlsx"), OTHER);
    const before = sha(as);
    const r = await cli("score", a, as, "--out", d + "/");
    expect(r.code).toBeLessThan(2);
    expect(sha(as)).toBe(before);
    expect(fs.readdirSync(d).sort()).toEqual([
      "a.scored (2).xlsx",
      "a.scored.scored.xlsx",
      "a.scored.xlsx",
      "a.xlsx",
    ]);
  });

  test("an output name that is a link to an input, or a hard link of one: another name, the input untouched", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    const out = path.join(d, "out");
    fs.mkdirSync(input);
    fs.mkdirSync(out);
    const a = copy(path.join(input, "a.xlsx"));
    const b = copy(path.join(input, "b.xlsx"));
    fs.symlinkSync(a, path.join(out, "a.scored.xlsx"));
    fs.linkSync(b, path.join(out, "b.scored.xlsx"));
    const r = await cli("score", input, "--out", out);
    expect(r.code).toBeLessThan(2);
    expect(sha(a)).toBe(sha(EXAMPLE));
    expect(sha(b)).toBe(sha(EXAMPLE));
    expect(fs.lstatSync(path.join(out, "a.scored.xlsx")).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(out).sort()).toEqual([
      "a.scored (2).xlsx",
      "a.scored.xlsx",
      "b.scored (2).xlsx",
      "b.scored.xlsx",
    ]);
  });
});

describe("an in-place rewrite keeps the file's mode", () => {
  // writeWorkbook (src/xlsx/apply-plan.ts) writes through writeFileAtomic.
  test("score a.xlsx --out a.xlsx on a 0600 file leaves it 0600", async () => {
    const d = fresh();
    const a = copy(path.join(d, "a.xlsx"));
    fs.chmodSync(a, 0o600);
    const r = await cli("score", a, "--out", a);
    expect(r.code).toBeLessThan(2);
    expect(sha(a)).not.toBe(sha(EXAMPLE)); // it was rewritten
    expect(mode(a)).toBe(0o600);
    expect(leftovers(d)).toEqual([]);
  });
});

describe("a bad entry in a folder costs one line; the others are still scored; exit 2", () => {
  test("a dangling link, a link loop, a subfolder and a pipe named .xlsx", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    fs.mkdirSync(input);
    copy(path.join(input, "a.xlsx"));
    fs.symlinkSync(path.join(d, "gone.xlsx"), path.join(input, "b.xlsx"));
    copy(path.join(input, "c.xlsx"));
    fs.symlinkSync(path.join(input, "loop.xlsx"), path.join(input, "loop.xlsx"));
    fs.mkdirSync(path.join(input, "sub.xlsx"));
    spawnSync("mkfifo", [path.join(input, "pipe.xlsx")]);
    const out = path.join(d, "out");
    const json = path.join(d, "r.json");
    const r = await cli("score", input, "--out", out, "--json", json);
    expect(r.code).toBe(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([
      `${path.join(input, "b.xlsx")}: a link to a file that does not exist`,
      `${path.join(input, "loop.xlsx")}: a link to a file that does not exist`,
    ]);
    expect(fs.readdirSync(out).sort()).toEqual(["a.scored.xlsx", "c.scored.xlsx"]);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as { source: string }[];
    expect(report.map((x) => x.source)).toEqual(["a.xlsx", "c.xlsx"]);
  });

  test("a folder with no workbook, a missing file and a good file in one run", async () => {
    const d = fresh();
    const empty = path.join(d, "empty");
    fs.mkdirSync(empty);
    const good = copy(path.join(d, "good.xlsx"));
    const r = await cli("validate", empty, path.join(d, "vanished.xlsx"), good);
    expect(r.code).toBe(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([
      `${empty}: no .xlsx or .xlsm files in this folder`,
      "vanished.xlsx: file not found",
    ]);
    expect(r.stdout).toMatch(/^good\.xlsx/m);
  });

  (IS_ROOT ? test.skip : test)("a file it may not read, a folder it may not list", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    const locked = path.join(d, "locked");
    fs.mkdirSync(input);
    fs.mkdirSync(locked);
    copy(path.join(input, "a.xlsx"));
    fs.chmodSync(copy(path.join(input, "b.xlsx")), 0o000);
    fs.chmodSync(locked, 0o000);
    try {
      const r = await cli("validate", input, locked);
      expect(r.code).toBe(2);
      expectNoTrace(r);
      expect(lines(r.stderr)).toEqual([
        expect.stringMatching(/^b\.xlsx: cannot read the file/),
        `${locked}: cannot read the folder (EACCES)`,
      ]);
      expect(r.stdout).toMatch(/^a\.xlsx/m);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  });
});

describe("a worker that dies costs one line for its file (real processes, --jobs 2)", () => {
  // The hook (pool.ts, CRASH_TEST_ENV) kills a worker given the named file, under NODE_ENV=test only. The
  // worker is handed the first file as it starts; this process's own lane does the others.
  const names = "abcdefghij".split("").map((c) => `${c}.xlsx`);

  test("the file the worker held fails with one line; every other file is scored; exit 2", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    fs.mkdirSync(input);
    for (const name of names) copy(path.join(input, name));
    const out = path.join(d, "out");
    const json = path.join(d, "r.json");
    const r = await realCli(
      ["score", input, "--out", out, "--json", json, "--jobs", "2", "--lang", "en"],
      { NODE_ENV: "test", INDICATOR_SCORER_TEST_CRASH_ON: "a.xlsx" }
    );
    expect(r.code).toBe(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([
      "a.xlsx: the process scoring this file stopped (SIGKILL); nothing was written for it",
    ]);
    expect(fs.readdirSync(out).sort()).toEqual(
      names.slice(1).map((x) => x.replace(/\.xlsx$/, ".scored.xlsx"))
    );
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as { source: string }[];
    expect(report.map((x) => x.source)).toEqual(names.slice(1));
    for (const name of names) expect(sha(path.join(input, name))).toBe(sha(EXAMPLE));
  });

  test("the hook is inert outside tests", async () => {
    const d = fresh();
    const input = path.join(d, "in");
    fs.mkdirSync(input);
    for (const name of names) copy(path.join(input, name));
    const r = await realCli(["validate", input, "--jobs", "2", "--lang", "en"], {
      NODE_ENV: "production",
      INDICATOR_SCORER_TEST_CRASH_ON: "a.xlsx",
    });
    expect(r.code).toBeLessThan(2);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^a\.xlsx/m);
  });
});
