/**
 * Hardening: malformed and odd files through the command line (spawned with tsx, as a user runs it).
 *
 * A file that cannot be read ends with exactly one line on stderr naming the file, exit code 2, no stack
 * trace, no hang, nothing written (neither --out nor --json, no temp file left behind) and the input
 * untouched. A legal but odd file (an empty sheet, 200,000 rows, a 1 MB cell, a stray cell at XFD1048576)
 * ends with findings and exit 0/1, in bounded time.
 *
 * Every fixture is built here, in a temp dir. Spawning tsx costs ~1.5 s, so the spawns run a few at a time.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeWorkbook } from "../../src/core/index";
import type { Report, SheetGrid } from "../../src/core/types";
import { applyPlan, writeWorkbook } from "../../src/xlsx/apply-plan";
import { readWorkbook, readWorkbookBuffer, WorkbookReadError } from "../../src/xlsx/read-workbook";
import {
  buildEncryptedXlsx,
  buildXls,
  emptySheetWorkbookBuffer,
  goodWorkbookBuffer,
  SELF_EVAL_HEADER,
  sha256,
  writeBigTable,
  zeroSheetWorkbookBuffer,
} from "./fixtures";
import { readWithOpenpyxl } from "../support/openpyxl";
import { buildXlsx, CellInput } from "../support/xlsx-builder";

jest.setTimeout(300_000);

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");
/** A run that takes longer than this is a hang. */
const HANG_MS = 240_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(TSX, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, INDICATOR_SCORER_DEBUG: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), HANG_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

/** Runs the jobs `width` at a time, results in order. */
async function pool<T>(jobs: (() => Promise<T>)[], width = 3): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const k = next++;
      out[k] = await jobs[k]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return out;
}

function lines(s: string): string[] {
  return s.split("\n").filter((l) => l.trim() !== "");
}

/** No stack trace, no library error dump. */
function expectNoTrace(r: Run): void {
  const all = r.stdout + r.stderr;
  expect(all).not.toMatch(/^\s+at .+[:(]/m);
  expect(all).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError)\b/);
  expect(all).not.toMatch(/node:internal|FATAL ERROR|heap out of memory/);
}

let dir: string;
const files: Record<string, string> = {};
const hashes: Record<string, string> = {};

/** The unreadable files, the reason expected in their one line (--lang en), and the code readWorkbook throws. */
const UNREADABLE: { key: string; name: string; reason: RegExp; code: WorkbookReadError["code"] }[] =
  [
    { key: "notZip", name: "not-a-zip.xlsx", reason: /not an \.xlsx workbook/, code: "NOT_XLSX" },
    {
      key: "truncatedHalf",
      name: "truncated-half.xlsx",
      reason: /damaged or truncated/,
      code: "CORRUPT",
    },
    {
      key: "truncatedTail",
      name: "truncated-tail.xlsx",
      reason: /damaged or truncated/,
      code: "CORRUPT",
    },
    {
      key: "truncatedHead",
      name: "truncated-10-bytes.xlsx",
      reason: /damaged or truncated/,
      code: "CORRUPT",
    },
    { key: "xls", name: "old-format.xls", reason: /old \.xls workbook/, code: "XLS" },
    {
      key: "xlsRenamed",
      name: "old-format-renamed.xlsx",
      reason: /old \.xls workbook/,
      code: "XLS",
    },
    {
      key: "encrypted",
      name: "password-protected.xlsx",
      reason: /password-protected \(encrypted\)/,
      code: "ENCRYPTED",
    },
    { key: "csv", name: "csv-renamed.xlsx", reason: /CSV\/text file/, code: "NOT_XLSX" },
    { key: "html", name: "html-export.xlsx", reason: /XML\/HTML file/, code: "NOT_XLSX" },
    { key: "empty", name: "zero-bytes.xlsx", reason: /the file is empty/, code: "EMPTY" },
    {
      key: "zeroSheets",
      name: "zero-worksheets.xlsx",
      reason: /no worksheets/,
      code: "NO_WORKSHEETS",
    },
    {
      key: "otherZip",
      name: "zip-not-a-workbook.xlsx",
      reason: /no worksheets|not an \.xlsx/,
      code: "NO_WORKSHEETS",
    },
    {
      key: "tooLarge",
      name: "used-range-too-large.xlsx",
      reason: /used range is too large/,
      code: "TOO_LARGE",
    },
  ];

/** A pseudo-random byte string (deterministic), starting with no known magic. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x00;
  return b;
}

/** A workbook whose used range, rectangular, would be 1,300 × 16,384 cells (two cells a row: A and XFD). */
async function tooLargeBuffer(): Promise<Buffer> {
  const cells: Record<string, CellInput> = {};
  for (let r = 1; r <= 1300; r++) {
    cells[`A${r}`] = `行${r}`;
    cells[`XFD${r}`] = "x";
  }
  return buildXlsx({ sheets: [{ name: "宽表", cells }] });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-files-"));
  const put = (key: string, name: string, data: Buffer | string) => {
    files[key] = path.join(dir, name);
    fs.writeFileSync(files[key], data);
  };
  const good = await goodWorkbookBuffer();
  put("good", "good.xlsx", good);
  put("notZip", "not-a-zip.xlsx", noise(4096));
  put("truncatedHalf", "truncated-half.xlsx", good.subarray(0, Math.floor(good.length / 2)));
  put("truncatedTail", "truncated-tail.xlsx", good.subarray(0, good.length - 30)); // end of central directory cut
  put("truncatedHead", "truncated-10-bytes.xlsx", good.subarray(0, 10));
  put("xls", "old-format.xls", buildXls());
  put("xlsRenamed", "old-format-renamed.xlsx", buildXls());
  put("encrypted", "password-protected.xlsx", buildEncryptedXlsx());
  put(
    "csv",
    "csv-renamed.xlsx",
    "\uFEFF一级指标,三级指标,指标值,实际完成值\r\n产出指标,维护系统数量,≥6个,7个\r\n"
  );
  put(
    "html",
    "html-export.xlsx",
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>一级指标</td></tr></table></body></html>'
  );
  put("empty", "zero-bytes.xlsx", "");
  put("zeroSheets", "zero-worksheets.xlsx", await zeroSheetWorkbookBuffer());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const JSZip = require("jszip");
  const zip = new JSZip();
  zip.file("readme.txt", "just a zip");
  zip.file("../../escape.txt", "a path-traversal entry name; must never be extracted");
  put("otherZip", "zip-not-a-workbook.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
  put("tooLarge", "used-range-too-large.xlsx", await tooLargeBuffer());
  put("emptySheet", "empty-sheet.xlsx", await emptySheetWorkbookBuffer());
  for (const [k, f] of Object.entries(files)) hashes[k] = sha256(f);
});

afterAll(() => {
  for (const [k, f] of Object.entries(files))
    if (fs.existsSync(f) && fs.statSync(f).isFile()) expect(sha256(f)).toBe(hashes[k]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Files in the output folder (temp files of an interrupted atomic write would show here). */
function listing(d: string): string[] {
  return fs.existsSync(d) ? fs.readdirSync(d) : [];
}

describe("unreadable files: one line naming the file, exit 2, nothing written", () => {
  test("readWorkbook throws a WorkbookReadError with the expected code for each", async () => {
    for (const u of UNREADABLE) {
      const err = await readWorkbook(files[u.key]).then(
        () => null,
        (e: unknown) => e
      );
      expect(err).toBeInstanceOf(WorkbookReadError);
      if (u.key === "otherZip")
        expect(["NO_WORKSHEETS", "NOT_XLSX", "CORRUPT"]).toContain((err as WorkbookReadError).code);
      else expect([u.name, (err as WorkbookReadError).code]).toEqual([u.name, u.code]);
      expect((err as Error).message.split("\n")).toHaveLength(1);
      expect((err as Error).message.startsWith(`${u.name}: `)).toBe(true);
    }
  });

  test("score --out --json, one file at a time (English)", async () => {
    const outDir = path.join(dir, "out-score");
    fs.mkdirSync(outDir);
    const runs = await pool(
      UNREADABLE.map((u) => () => {
        const out = path.join(outDir, `${u.key}.scored.xlsx`);
        const json = path.join(outDir, `${u.key}.json`);
        return cli(["score", files[u.key], "--out", out, "--json", json, "--lang", "en"]).then(
          (r) => ({ u, r, out, json })
        );
      })
    );
    for (const { u, r, out, json } of runs) {
      const ctx = `${u.name}: ${JSON.stringify(r.stderr)}`;
      expect([ctx, r.code, r.signal]).toEqual([ctx, 2, null]);
      expectNoTrace(r);
      const errLines = lines(r.stderr);
      expect([ctx, errLines.length]).toEqual([ctx, 1]);
      expect(errLines[0].startsWith(`${u.name}: `)).toBe(true);
      expect(errLines[0]).toMatch(u.reason);
      expect(r.stdout).toBe("");
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.existsSync(json)).toBe(false);
      expect(sha256(files[u.key])).toBe(hashes[u.key]);
    }
    expect(listing(outDir)).toEqual([]);
  });

  test("validate, all files in one run (Chinese): one line per file, in order, exit 2", async () => {
    const r = await cli(["validate", ...UNREADABLE.map((u) => files[u.key])]);
    expect(r.code).toBe(2);
    expectNoTrace(r);
    const errLines = lines(r.stderr);
    expect(errLines).toHaveLength(UNREADABLE.length);
    UNREADABLE.forEach((u, k) => expect(errLines[k].startsWith(`${u.name}：`)).toBe(true));
    expect(errLines.find((l) => l.includes("password-protected"))).toMatch(/加密/);
    expect(r.stdout).toBe("");
  });

  test("a batch with one bad file: the good one is scored, the bad one gets one line and no output; exit 2", async () => {
    const outDir = path.join(dir, "out-batch");
    const r = await cli(["score", files.good, files.encrypted, "--out", outDir, "--lang", "en"]);
    expect(r.code).toBe(2);
    expectNoTrace(r);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^password-protected\.xlsx: .*password-protected/),
    ]);
    expect(listing(outDir)).toEqual(["good.scored.xlsx"]);
  });

  test("missing file, a folder named .xlsx, prepare/clear on an unreadable file: one line, exit 2", async () => {
    const folder = path.join(dir, "folder.xlsx");
    fs.mkdirSync(folder);
    const out = path.join(dir, "never-written.xlsx");
    const runs = await pool([
      () => cli(["score", path.join(dir, "does-not-exist.xlsx"), "--out", out, "--lang", "en"]),
      () => cli(["validate", folder, "--lang", "en"]),
      () => cli(["prepare", files.xls, "--out", out, "--lang", "en"]),
      () => cli(["clear", files.truncatedHalf, "--out", out, "--lang", "en"]),
    ]);
    const expected = [
      /^does-not-exist\.xlsx: file not found$/,
      /folder\.xlsx: no \.xlsx or \.xlsm files/,
      /^old-format\.xls: .*old \.xls/,
      /^truncated-half\.xlsx: .*truncated/,
    ];
    runs.forEach((r, k) => {
      expect(r.code).toBe(2);
      expectNoTrace(r);
      expect(lines(r.stderr)).toEqual([expect.stringMatching(expected[k])]);
    });
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("legal but odd files: findings, bounded time, input untouched", () => {
  test("an empty sheet: NO_TABLE info, exit 0; score --out writes an unchanged copy", async () => {
    const out = path.join(dir, "empty-sheet.scored.xlsx");
    const [v, s] = await pool([
      () => cli(["validate", files.emptySheet, "--lang", "en"]),
      () => cli(["score", files.emptySheet, "--out", out, "--json", "-", "--lang", "en"]),
    ]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/NO_TABLE/);
    expect(v.stderr).toBe("");
    expect(s.code).toBe(0);
    expectNoTrace(s);
    const report = JSON.parse(s.stdout) as Report;
    expect(report.tables).toEqual([]);
    expect(report.issues.map((i) => [i.severity, i.code, i.sheet])).toEqual([
      ["info", "NO_TABLE", "Sheet1"],
    ]);
    // no summary, no ledger: as openpyxl, a reader the writer shares nothing with, sees the file
    expect(readWithOpenpyxl(out).sheets.map((w) => [w.name, w.state])).toEqual([
      ["Sheet1", "visible"],
    ]);
    expect(sha256(files.emptySheet)).toBe(hashes.emptySheet);
  });

  test("a cell holding 1 MB of text (target, actual, name, reason, project, header-like cell) completes", async () => {
    const MB = 1 << 20;
    const rows: CellInput[][] = [
      ["一兆项目2025绩效自评表", "标".repeat(MB)],
      ["项目名称", "项".repeat(MB)],
      ["预算数", 100, "全年执行数", 95],
      SELF_EVAL_HEADER,
      ["产出指标", "数量指标", "名".repeat(MB), "≥6个", "7个"],
      ["产出指标", "数量指标", "数字目标", `≥${"9".repeat(MB)}`, "7个"],
      ["产出指标", "质量指标", "数字实际", "≥6个", "9".repeat(MB)],
      [
        "效益指标",
        "社会效益指标",
        "文字实际",
        "作用显著",
        `部分达成${"1".repeat(MB)}`,
        "原".repeat(MB),
      ],
      ["效益指标", "社会效益指标", "期限", "2025年3月底前", `2025年${"3".repeat(MB)}月`],
      ["满意度指标", "满意度", "空格", "≥95%", `${" ".repeat(MB)}97%`],
      ["满意度指标", "满意度", "表头样", "一级指标".repeat(MB / 4), "达成"],
    ];
    const file = path.join(dir, "one-megabyte-cells.xlsx");
    fs.writeFileSync(file, await buildXlsx({ sheets: [{ name: "大单元格", rows }] }));
    const hash = sha256(file);
    const out = path.join(dir, "one-megabyte-cells.scored.xlsx");
    const r = await cli([
      "score",
      file,
      "--out",
      out,
      "--json",
      path.join(dir, "one-megabyte.json"),
      "--lang",
      "en",
    ]);
    expectNoTrace(r);
    expect([0, 1]).toContain(r.code);
    expect(r.ms).toBeLessThan(60_000);
    const report = JSON.parse(
      fs.readFileSync(path.join(dir, "one-megabyte.json"), "utf8")
    ) as Report;
    expect(report.tables).toHaveLength(1);
    const codes = new Set(report.issues.map((i) => i.code));
    expect(codes.has("ACTUAL_INVALID")).toBe(true);
    expect(fs.existsSync(out)).toBe(true);
    expect(sha256(file)).toBe(hash);
    // eslint-disable-next-line no-console
    console.log(`1 MB cells: CLI score --out --json took ${r.ms} ms`);
  });

  test("one stray value at XFD1048576 (a 1,048,576 × 16,384 used range) is read, scored and written", async () => {
    const file = path.join(dir, "stray-cell.xlsx");
    fs.writeFileSync(
      file,
      await buildXlsx({
        sheets: [
          {
            name: "表",
            rows: [
              ["一级指标", "三级指标", "指标值", "实际完成值"],
              ["产出指标", "维护系统数量", "≥6个", "7个"],
            ],
            cells: { XFD1048576: "x" },
          },
        ],
      })
    );
    const hash = sha256(file);
    const out = path.join(dir, "stray-cell.scored.xlsx");
    const r = await cli(["score", file, "--out", out, "--json", "-", "--lang", "en"]);
    expectNoTrace(r);
    expect([0, 1]).toContain(r.code);
    expect(r.ms).toBeLessThan(60_000);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.tables[0].indicators.map((i) => [i.name, i.score])).toEqual([
      ["维护系统数量", expect.any(Number)],
    ]);
    const back = await readWorkbook(out);
    const g = back.sheets.find((s) => s.name === "表")!;
    expect(g.originRow + g.values.length).toBe(1048576);
    expect(sha256(file)).toBe(hash);
  });
});

describe("200,000 rows", () => {
  let big: string;
  let bigHash: string;
  beforeAll(async () => {
    big = path.join(dir, "rows-200000.xlsx");
    const t0 = Date.now();
    await writeBigTable(big, 200_000, (i) => `${6 + (i % 3)}个`);
    bigHash = sha256(big);
    // eslint-disable-next-line no-console
    console.log(
      `200,000 rows: fixture built in ${Date.now() - t0} ms (${fs.statSync(big).size} bytes)`
    );
  });

  test("in-process: read → analyze → apply → write completes, and reports the time", async () => {
    const t: Record<string, number> = {};
    let t0 = Date.now();
    const { workbook, sheets, ledger } = await readWorkbook(big);
    t.read = Date.now() - t0;
    t0 = Date.now();
    const a = analyzeWorkbook(sheets, { ledger, currentYear: 2025 });
    t.analyze = Date.now() - t0;
    expect(a.report.tables).toHaveLength(1);
    expect(a.report.tables[0].indicators).toHaveLength(200_000);
    expect(a.report.tables[0].complete).toBe(true);
    t0 = Date.now();
    applyPlan(workbook, a.plan);
    t.apply = Date.now() - t0;
    t0 = Date.now();
    const out = path.join(dir, "rows-200000.scored.xlsx");
    await writeWorkbook(workbook, out);
    t.write = Date.now() - t0;
    expect(fs.statSync(out).size).toBeGreaterThan(0);
    expect(sha256(big)).toBe(bigHash);
    // eslint-disable-next-line no-console
    console.log(`200,000 rows in-process (ms): ${JSON.stringify(t)}`);
  });

  test("CLI validate completes without hanging (exit 0, OVER_ACHIEVED infos)", async () => {
    const r = await cli(["validate", big, "--lang", "en"]);
    expectNoTrace(r);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).at(-1)).toMatch(/^\s*\d+ findings \(0 errors, 0 warnings, \d+ info\)$/);
    expect(sha256(big)).toBe(bigHash);
    // eslint-disable-next-line no-console
    console.log(`200,000 rows: CLI validate took ${r.ms} ms`);
  });
});

/** A 200,000-row table as a grid, every actual empty: one ACTUAL_MISSING per row. */
function missingActualsGrid(rows: number): SheetGrid {
  const values: (string | number | null)[][] = [
    ["项目名称", "缺值项目"],
    ["预算数", 100, "全年执行数", 95],
    ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"],
  ];
  for (let i = 0; i < rows; i++)
    values.push(["产出指标", "数量指标", `指标${i + 1}`, "≥6个", null]);
  return {
    name: "缺值",
    originRow: 0,
    originCol: 0,
    values,
    text: values.map((r) => r.map((v) => (v === null ? "" : String(v)))),
  };
}

describe("many findings", () => {
  // Once broke: issues.push(...spread) overflowed the stack above ~120k findings.
  test("200,000 rows with every actual missing: 200,000 ACTUAL_MISSING findings, no stack overflow", () => {
    const a = analyzeWorkbook([missingActualsGrid(200_000)], { currentYear: 2025 });
    expect(a.report.issues.filter((i) => i.code === "ACTUAL_MISSING")).toHaveLength(200_000);
  });

  test("the CLI findings table renders 200,000 findings (format-table.ts used Math.max(...rows))", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { formatIssues } =
      require("../../src/cli/format-table") as typeof import("../../src/cli/format-table");
    const issues = Array.from({ length: 200_000 }, (_, i) => ({
      severity: "warning" as const,
      code: "ACTUAL_MISSING" as const,
      sheet: "缺值",
      cell: `E${i + 4}`,
      message: `指标“指标${i + 1}”未填写实际完成值。`,
    }));
    const text = formatIssues("big.xlsx", { version: 1, tables: [], issues }, "zh");
    expect(text.split("\n").length).toBeGreaterThan(200_000);
  });
});

describe("readWorkbookBuffer on odd bytes never throws anything but WorkbookReadError", () => {
  test("every prefix length of a small workbook, and bit flips", async () => {
    const good = await goodWorkbookBuffer();
    const cuts = [
      1,
      2,
      3,
      4,
      22,
      30,
      64,
      100,
      256,
      512,
      1000,
      2000,
      good.length - 22,
      good.length - 1,
    ];
    const inputs: Buffer[] = cuts
      .filter((n) => n > 0 && n < good.length)
      .map((n) => good.subarray(0, n));
    for (let k = 0; k < 40; k++) {
      const b = Buffer.from(good);
      const pos = 30 + ((k * 7919) % (b.length - 30));
      b[pos] ^= 0xff;
      inputs.push(b);
    }
    for (const data of inputs) {
      try {
        await readWorkbookBuffer(data, "fuzzed.xlsx");
      } catch (err) {
        expect(err).toBeInstanceOf(WorkbookReadError);
        expect((err as Error).message.split("\n")).toHaveLength(1);
      }
    }
  });
});
