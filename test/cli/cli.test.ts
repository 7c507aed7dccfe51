/**
 * End-to-end tests of the command line: the CLI is spawned with tsx on workbooks these tests build.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exampleModel, seedTables } from "../../scripts/make-examples";
import { readWorkbook } from "../../src/xlsx/read-workbook";
import { readWithOpenpyxl } from "../support/openpyxl";
import {
  address,
  buildXlsx,
  CellInput,
  CellScalar,
  parseAddress,
  WorkbookSpec,
} from "../support/xlsx-builder";
import { withCellText, zipNamesSync, zipTextSync } from "../support/xlsx-parts";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv2020 = require("ajv/dist/2020").default;

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");
const schema = JSON.parse(
  fs.readFileSync(path.join(ROOT, "test", "fixtures", "report-schema.json"), "utf8")
);
const validateReport = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(TSX, [MAIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, INDICATOR_SCORER_DEBUG: "" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function sha(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function stderrLines(r: Run): string[] {
  return r.stderr.split("\n").filter((l) => l.trim() !== "");
}

interface Row {
  level1: string;
  level2: string;
  name: string;
  target: string;
  actual: CellScalar;
  fmt?: string;
  reason?: string;
}

const GOOD_ROWS: Row[] = [
  { level1: "产出指标", level2: "数量指标", name: "维护系统数量", target: "≥6个", actual: "7个" },
  {
    level1: "产出指标",
    level2: "质量指标",
    name: "系统故障发生率",
    target: "≤5%",
    actual: 0.06,
    fmt: "0%",
  },
  {
    level1: "产出指标",
    level2: "时效指标",
    name: "完成招标时间",
    target: "2025年3月底前",
    actual: new Date(Date.UTC(2025, 2, 20)),
    fmt: "yyyy-mm-dd",
  },
  {
    level1: "效益指标",
    level2: "社会效益指标",
    name: "提高服务水平",
    target: "作用显著",
    actual: "部分达成（75%）",
    reason: "部分区县尚未覆盖。",
  },
  {
    level1: "满意度指标",
    level2: "服务对象满意度指标",
    name: "群众满意度",
    target: "≥95%",
    actual: 0.97,
    fmt: "0%",
  },
];

/** A sheet being laid out for the test builder: cells by address, and merged ranges. */
interface Layout {
  cells: Record<string, CellInput>;
  merges: string[];
}

/** A year-end table in the shape of the examples: project block, budget, header, indicator rows. */
function addTable(
  ws: Layout,
  top: number,
  project: string,
  planned: number,
  executed: number | null,
  rows: Row[]
): number {
  const put = (row: number, col: number, v: CellInput) => (ws.cells[address(row, col)] = v);
  let r = top;
  put(r, 1, { v: `${project}绩效目标表`, style: { font: { bold: true } } });
  ws.merges.push(`A${r}:F${r}`);
  r++;
  put(r, 1, "项目名称");
  put(r, 2, project);
  ws.merges.push(`B${r}:F${r}`);
  r++;
  put(r, 1, "预算规模及资金用途");
  put(r, 2, "预算数");
  put(r, 3, { v: planned, style: { numFmt: "0.00" } });
  put(r, 4, "全年执行数");
  if (executed !== null) put(r, 5, executed);
  r++;
  ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"].forEach(
    (h, i) => put(r, i + 1, h)
  );
  r++;
  for (const row of rows) {
    put(r, 1, row.level1);
    put(r, 2, row.level2);
    put(r, 3, { v: row.name, style: { font: { italic: true, name: "宋体" } } });
    put(r, 4, row.target);
    put(r, 5, row.fmt ? { v: row.actual, style: { numFmt: row.fmt } } : row.actual);
    if (row.reason) put(r, 6, row.reason);
    r++;
  }
  return r + 2;
}

async function makeWorkbook(
  file: string,
  rows: Row[] = GOOD_ROWS,
  extra?: (wb: WorkbookSpec) => void
): Promise<string> {
  const ws: Layout = { cells: {}, merges: [] };
  addTable(ws, 1, "测试项目2025", 100, 95, rows);
  ws.cells.H1 = { f: "SUM(C3,E3)", v: 195 };
  const wb: WorkbookSpec = {
    sheets: [
      { name: "绩效表", ...ws },
      { name: "说明", rows: [["没有指标表的工作表"]] },
    ],
  };
  extra?.(wb);
  fs.writeFileSync(file, await buildXlsx(wb));
  return file;
}

/** Whether row, col lies in one of the merged ranges. */
function inMerge(merges: string[], row: number, col: number): boolean {
  return merges.some((m) => {
    const [a, b = a] = m.split(":").map(parseAddress);
    return row >= a.row && row <= b.row && col >= a.col && col <= b.col;
  });
}

let dir: string;
let good: string;
let bad: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-test-"));
  good = await makeWorkbook(path.join(dir, "good.xlsx"));
  // An unreadable actual (待定) is an error finding.
  bad = await makeWorkbook(path.join(dir, "bad.xlsx"), [
    ...GOOD_ROWS.slice(0, 4),
    { ...GOOD_ROWS[4], actual: "待定", fmt: undefined },
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cellSnapshot(file: string): Promise<unknown> {
  const { sheets, ledger } = await readWorkbook(file);
  return {
    sheets: sheets.map((s) => ({
      name: s.name,
      originRow: s.originRow,
      originCol: s.originCol,
      values: s.values,
      formulas: s.formulas,
    })),
    ledger: ledger.entries(),
  };
}

describe("usage", () => {
  test("--help and --version exit 0", () => {
    const h = cli("--help");
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("score");
    const v = cli("--version");
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(
      JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version
    );
  });

  test("bad usage exits 2 with one line", () => {
    for (const args of [
      [],
      ["frobnicate"],
      ["score"],
      ["score", good, "--bogus"],
      ["score", good, "--lang", "fr"],
      ["score", good, "--jobs", "0"],
      ["score", good, "--jobs", "two"],
      ["prepare", good, "--out", "x.xlsx", "--jobs", "2"],
      ["prepare", good],
      // An output file Excel would refuse or warn about: .xls, .xlsm, .csv, no extension.
      ["score", good, "--out", path.join(dir, "结果.xls")],
      ["score", good, "--out", path.join(dir, "x.xlsm")],
      ["prepare", good, "--out", path.join(dir, "x.csv")],
      ["clear", good, "--out", path.join(dir, "out-without-extension")],
    ]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(stderrLines(r)).toHaveLength(1);
      expect(r.stdout).toBe("");
    }
    expect(fs.readdirSync(dir).filter((n) => /^(结果|x\.|out-)/.test(n))).toEqual([]);
    expect(stderrLines(cli("score", good, "--out", "结果.xls"))).toEqual([
      "indicator-scorer: --out 结果.xls：输出文件名须以 .xlsx 结尾，与输入相同（写到文件夹时请以 / 结尾）",
    ]);
  });
});

describe("score", () => {
  test("--json - prints one report valid against the schema; input unchanged", () => {
    const before = sha(good);
    const r = cli("score", good, "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Array.isArray(report)).toBe(false);
    expect(validateReport(report)).toBe(true);
    expect(report.source).toBe("good.xlsx");
    expect(report.tables).toHaveLength(1);
    expect(report.tables[0].project).toBe("测试项目2025");
    expect(report.tables[0].indicators).toHaveLength(5);
    expect(report.issues.some((i: { code: string }) => i.code === "REASON_MISSING")).toBe(true);
    expect(sha(good)).toBe(before);
  });

  test("npm run --silent cli prints nothing but the JSON", () => {
    const r = spawnSync("npm", ["run", "--silent", "cli", "--", "score", good, "--json", "-"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trim().startsWith("{")).toBe(true);
  });

  test("readable summary in Chinese, and in English with --lang en", () => {
    const zh = cli("score", good);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("测试项目2025");
    expect(zh.stdout).toMatch(/总分/);
    expect(zh.stdout).toMatch(/检查结果 \d+ 条/);
    const en = cli("score", good, "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Total/);
    expect(en.stdout).toMatch(/Grade/);
    expect(en.stdout).toMatch(/\d+ findings?/);
    const json = JSON.parse(cli("score", good, "--lang", "en", "--json", "-").stdout);
    const reason = json.issues.find((i: { code: string }) => i.code === "REASON_MISSING");
    expect(reason.message).toMatch(/[a-z]{3,}/);
  });

  test("an error finding exits 1", () => {
    const r = cli("score", bad, "--json", "-");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(validateReport(report)).toBe(true);
    expect(report.issues.some((i: { severity: string }) => i.severity === "error")).toBe(true);
  });

  test("several files: a JSON array and one stderr line per file", () => {
    const r = cli("score", good, bad, "--json", "-");
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout);
    expect(Array.isArray(reports)).toBe(true);
    expect(reports.map((x: { source: string }) => x.source)).toEqual(["good.xlsx", "bad.xlsx"]);
    for (const rep of reports) expect(validateReport(rep)).toBe(true);
    const lines = stderrLines(r);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain("good.xlsx");
    expect(lines[1]).toContain("bad.xlsx");
  });

  test("a folder: every .xlsx inside, sorted, lock files skipped, --out a folder", () => {
    const folder = path.join(dir, "batch");
    fs.mkdirSync(folder);
    fs.copyFileSync(good, path.join(folder, "b.xlsx"));
    fs.copyFileSync(good, path.join(folder, "a.xlsx"));
    fs.writeFileSync(path.join(folder, "~$a.xlsx"), "lock");
    fs.writeFileSync(path.join(folder, "notes.txt"), "x");
    const out = path.join(dir, "batch-out");
    const jsonFile = path.join(dir, "batch.json");
    const r = cli("score", folder, "--out", out, "--json", jsonFile);
    expect(r.code).toBe(0);
    const reports = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    expect(reports.map((x: { source: string }) => x.source)).toEqual(["a.xlsx", "b.xlsx"]);
    expect(fs.readdirSync(out).sort()).toEqual(["a.scored.xlsx", "b.scored.xlsx"]);
  });

  test("a folder on several processes prints, reports and writes exactly what one process does", async () => {
    // Nine files (the pool starts at eight): good ones, one with an error finding, one unreadable in the
    // middle. Output must come in input order whichever process finished first.
    const folder = path.join(dir, "pool");
    fs.mkdirSync(folder);
    for (let i = 0; i < 9; i++) {
      const name = path.join(folder, `f${i}.xlsx`);
      if (i === 4) fs.writeFileSync(name, "not a workbook");
      else fs.copyFileSync(i === 6 ? bad : good, name);
    }
    const runWith = (jobs: string[], tag: string) => {
      const out = path.join(dir, `pool-out-${tag}`);
      const json = path.join(dir, `pool-${tag}.json`);
      const r = cli("score", folder, "--out", out, "--json", json, ...jobs);
      return { r, out, json };
    };
    const one = runWith(["--jobs", "1"], "one");
    const three = runWith(["--jobs", "3"], "three");
    expect(one.r.code).toBe(2); // the unreadable file
    expect(three.r.code).toBe(one.r.code);
    expect(three.r.stdout.split(three.out).join("<out>")).toBe(
      one.r.stdout.split(one.out).join("<out>")
    );
    const order = [...one.r.stdout.matchAll(/^(f\d)\.xlsx$/gm)].map((m) => m[1]);
    expect(order).toEqual(["f0", "f1", "f2", "f3", "f5", "f6", "f7", "f8"]);
    expect(three.r.stderr).toBe(one.r.stderr);
    expect(stderrLines(one.r)).toEqual(["f4.xlsx：不是 .xlsx 工作簿"]);
    expect(fs.readFileSync(three.json, "utf8")).toBe(fs.readFileSync(one.json, "utf8"));
    const written = fs.readdirSync(one.out).sort();
    expect(written).toHaveLength(8);
    expect(fs.readdirSync(three.out).sort()).toEqual(written);
    for (const f of written)
      expect(await cellSnapshot(path.join(three.out, f))).toEqual(
        await cellSnapshot(path.join(one.out, f))
      );
  });

  test("without --jobs, eight files or more go on one process a core (at most 4)", () => {
    const folder = path.join(dir, "pool");
    const r = spawnSync(
      TSX,
      [MAIN, "validate", folder, "--json", path.join(dir, "pool-auto.json")],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, INDICATOR_SCORER_DEBUG: "1" },
      }
    );
    const lanes = Math.min(os.availableParallelism(), 4);
    expect(r.stderr.split("\n")[0]).toBe(`indicator-scorer: 9 file(s) on ${lanes} process(es)`);
    expect(r.status).toBe(2);
  });

  test("--out writes the scored workbook, keeps the input, and scoring again changes nothing", async () => {
    const before = sha(good);
    const out1 = path.join(dir, "good.scored.xlsx");
    const r1 = cli("score", good, "--out", out1);
    expect(r1.code).toBe(0);
    expect(sha(good)).toBe(before);
    const first = await readWorkbook(out1);
    expect(first.ledger.size).toBeGreaterThan(0);
    expect(first.sheets.map((s) => s.name)).toContain("说明");
    // the input's own content is kept
    const table = first.sheets.find((s) => s.name === "绩效表")!;
    expect(table.formulas!.flat()).toContain("=SUM(C3,E3)");
    expect(table.text.flat()).toContain("2025-03-20");

    const out2 = path.join(dir, "good.scored.again.xlsx");
    const r2 = cli("score", out1, "--out", out2);
    expect(r2.code).toBe(0);
    expect(await cellSnapshot(out2)).toEqual(await cellSnapshot(out1));
  });

  test("a 偏差原因 column merged over two columns: 得分 / 完成率 go right of the merge, every cell written", async () => {
    // The year-end example, as scripts/make-examples.ts lays it out.
    const wb = exampleModel(seedTables(), true);
    const merges = wb.sheets[0].merges!;
    // The first table: header row 7 (偏差原因分析及改进措施 in G), indicators in rows 8–30.
    const merged: number[] = [];
    for (let r = 7; r <= 30; r++) {
      if (inMerge(merges, r, 7) || inMerge(merges, r, 8)) continue;
      merges.push(`G${r}:H${r}`);
      merged.push(r);
    }
    expect(merged.length).toBeGreaterThan(15);
    const f = path.join(dir, "merged-reason.xlsx");
    fs.writeFileSync(f, await buildXlsx(wb));
    const out = path.join(dir, "merged-reason.scored.xlsx");
    const r = cli("score", f, "--out", out);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("合并单元格");
    const g = (await readWorkbook(out)).sheets[0];
    const at = (a1: string) => {
      const m = /^([A-Z])(\d+)$/.exec(a1)!;
      const i = Number(m[2]) - 1 - g.originRow;
      return g.values[i]?.[m[1].charCodeAt(0) - 65 - g.originCol] ?? null;
    };
    // Since issue 18 a table without 分值 gets one (the weights the engine used) before 得分 / 完成率.
    expect([at("H7"), at("I7"), at("J7"), at("K7")]).toEqual([null, "分值", "得分", "完成率"]);
    expect(typeof at("J8")).toBe("number");
    const again = path.join(dir, "merged-reason.scored.again.xlsx");
    expect(cli("score", out, "--out", again).code).toBe(0);
    expect(await cellSnapshot(again)).toEqual(await cellSnapshot(out));
  });

  test("a workbook in the 1904 date system: dates score as the days they show", async () => {
    const mac = (wb: WorkbookSpec) => (wb.date1904 = true);
    const onTime = await makeWorkbook(path.join(dir, "mac1904.xlsx"), GOOD_ROWS, mac);
    const lateRows = GOOD_ROWS.map((r) =>
      r.name === "完成招标时间" ? { ...r, actual: new Date(Date.UTC(2025, 3, 2)) } : r
    );
    const late = await makeWorkbook(path.join(dir, "mac1904-late.xlsx"), lateRows, mac);
    const indicators = (f: string) =>
      JSON.parse(cli("score", f, "--json", "-").stdout).tables[0].indicators;
    expect(indicators(onTime)).toEqual(indicators(good));
    // 2025-04-02 is serial 44287 from 1904, which from 1900 would be 2021: four years early, wrongly met.
    expect(indicators(late).find((i: { name: string }) => i.name === "完成招标时间")).toMatchObject(
      {
        actual: "2025-04-02",
        status: "unmet",
      }
    );
  });

  test("--out naming a folder uses <name>.scored.xlsx; --out naming the input overwrites it", async () => {
    const folder = path.join(dir, "one-out");
    fs.mkdirSync(folder);
    expect(cli("score", good, "--out", folder).code).toBe(0);
    expect(fs.existsSync(path.join(folder, "good.scored.xlsx"))).toBe(true);
    const copy = path.join(dir, "inplace.xlsx");
    fs.copyFileSync(good, copy);
    expect(cli("score", copy, "--out", copy).code).toBe(0);
    expect((await readWorkbook(copy)).ledger.size).toBeGreaterThan(0);
  });

  test("OUTPUT_OCCUPIED when an output cell holds foreign content", async () => {
    const out1 = path.join(dir, "occ1.xlsx");
    expect(cli("score", good, "--out", out1).code).toBe(0);
    const { ledger } = await readWorkbook(out1);
    // an indicator's score cell (a number the engine wrote), now overwritten by the user
    const key = ledger
      .entries()
      .find(([k, v]) => k.startsWith("绩效表!") && typeof v === "number")?.[0];
    expect(key).toBeDefined();
    const cellAddr = key!.slice(key!.lastIndexOf("!") + 1);
    // The user types over it (the cell's XML replaced in the scored file, everything else as written).
    const edited = path.join(dir, "occ-edited.xlsx");
    fs.writeFileSync(
      edited,
      await withCellText(fs.readFileSync(out1), "绩效表", cellAddr, "手工填写的备注")
    );

    const out2 = path.join(dir, "occ2.xlsx");
    const r = cli("score", edited, "--out", out2, "--json", "-");
    const report = JSON.parse(r.stdout);
    expect(validateReport(report)).toBe(true);
    const occupied = report.issues.filter((i: { code: string }) => i.code === "OUTPUT_OCCUPIED");
    expect(occupied.map((i: { cell: string }) => i.cell)).toContain(cellAddr);
    const after = readWithOpenpyxl(out2, { cellsOf: ["绩效表"] });
    expect(after.sheet("绩效表").cells[cellAddr]).toMatchObject({ v: "手工填写的备注", t: "s" });
  });

  test("a bad profile exits 2 with one line naming it", () => {
    const p1 = path.join(dir, "bad-profile.json");
    fs.writeFileSync(p1, JSON.stringify({ reverseRule: "sideways" }));
    const r1 = cli("score", good, "--profile", p1);
    expect(r1.code).toBe(2);
    expect(stderrLines(r1)).toHaveLength(1);
    expect(r1.stderr).toContain("bad-profile.json");
    expect(r1.stderr).toContain("reverseRule");
    const p2 = path.join(dir, "broken.json");
    fs.writeFileSync(p2, "{ not json");
    const r2 = cli("score", good, "--profile", p2);
    expect(r2.code).toBe(2);
    expect(stderrLines(r2)).toHaveLength(1);
    expect(r2.stderr).toContain("broken.json");
  });

  test("a good profile changes the scores (decimals: 0)", () => {
    const p = path.join(dir, "whole.json");
    fs.writeFileSync(p, JSON.stringify({ decimals: 0 }));
    const r = cli("score", good, "--profile", p, "--json", "-");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const ind of report.tables[0].indicators)
      if (ind.score !== null) expect(Number.isInteger(ind.score)).toBe(true);
  });

  test("an unreadable file exits 2 with one line and no stack trace", () => {
    const csv = path.join(dir, "table.xlsx");
    fs.writeFileSync(csv, "一级指标,二级指标\n产出指标,数量指标\n");
    const empty = path.join(dir, "empty.xlsx");
    fs.writeFileSync(empty, "");
    for (const f of [csv, empty, path.join(dir, "missing.xlsx")]) {
      const r = cli("score", f, "--json", "-");
      expect(r.code).toBe(2);
      const lines = stderrLines(r);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.basename(f));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("validate, prepare, clear", () => {
  test("validate prints a findings table; exit 1 on an error, 0 otherwise", () => {
    const ok = cli("validate", good);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("REASON_MISSING");
    expect(ok.stdout).toMatch(/绩效表!F\d+/);
    const r = cli("validate", bad, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error\s+绩效表!E\d+\s+ACTUAL_INVALID/);
    const j = cli("validate", bad, "--json", "-");
    expect(j.code).toBe(1);
    expect(validateReport(JSON.parse(j.stdout))).toBe(true);
  });

  test("formulas saved without a result (a file made by a program) are named, with what to do", async () => {
    // The year-end example with two formulas saved without a result, each cell keeping its format.
    const wb = exampleModel(seedTables(), true);
    const cells = wb.sheets[0].cells!;
    const styleOf = (c: CellInput) =>
      typeof c === "object" && c !== null && !(c instanceof Date) ? c.style : undefined;
    cells.F8 = { f: "6+1", style: styleOf(cells.F8) };
    cells.G5 = { f: "90+2.5", style: styleOf(cells.G5) };
    const f = path.join(dir, "uncalculated.xlsx");
    fs.writeFileSync(f, await buildXlsx(wb));
    const zh = cli("validate", f);
    expect(zh.code).toBe(1); // F8 reads as blank: ACTUAL_MISSING, an error
    expect(zh.stdout).toContain(
      "  注意：2 个公式单元格没有保存计算结果（如 绩效目标表!G5、绩效目标表!F8），按空白读取；文件可能由程序生成、未经 Excel 或 WPS 计算。请在 Excel 或 WPS 中打开并保存后再评分\n"
    );
    const en = cli("score", f, "--json", "-", "--lang", "en");
    expect(validateReport(JSON.parse(en.stdout))).toBe(true);
    expect(en.stderr).toContain(
      "note: 2 formula cell(s) hold no calculated result (e.g. 绩效目标表!G5, 绩效目标表!F8) and read as blank;"
    );
    expect(cli("validate", good).stdout).not.toContain("公式单元格");
  });

  test("prepare adds the year-end columns to a target table", async () => {
    const target = path.join(ROOT, "examples", "targets-2025.xlsx");
    const out = path.join(dir, "prepared.xlsx");
    const before = sha(target);
    const r = cli("prepare", target, "--out", out);
    expect(r.code).toBe(0);
    expect(sha(target)).toBe(before);
    const { sheets } = await readWorkbook(out);
    expect(sheets[0].text.flat().filter((t) => t === "实际完成值")).toHaveLength(7);
  });

  test("clear removes what score wrote", async () => {
    const scored = path.join(dir, "to-clear.xlsx");
    expect(cli("score", good, "--out", scored).code).toBe(0);
    const out = path.join(dir, "cleared.xlsx");
    const r = cli("clear", scored, "--out", out);
    expect(r.code).toBe(0);
    const cleared = await readWorkbook(out);
    expect(cleared.ledger.size).toBe(0);
    const original = await readWorkbook(good);
    const pick = (s: typeof original.sheets) => s.map((g) => ({ name: g.name, values: g.values }));
    expect(pick(cleared.sheets)).toEqual(pick(original.sheets));
  });
});

describe("workbooks with charts, pictures in cells, sparklines, macros… (carried through untouched)", () => {
  const FIXTURES = path.join(ROOT, "test", "fixtures");
  /** A fresh copy of a fixture (see scripts/make-chart-fixtures.sh, scripts/make-cell-image-fixtures.py). */
  const fixtureCopy = (fixture: string, name: string) => {
    const f = path.join(dir, name);
    fs.copyFileSync(path.join(FIXTURES, fixture), f);
    return f;
  };
  const zipNames = (file: string) => zipNamesSync(file);

  test.each([["score"], ["prepare"], ["clear"]])(
    "%s --out naming the input rewrites it in place and keeps its chart",
    (command) => {
      const f = fixtureCopy("chart-libreoffice.xlsx", `inplace-${command}.xlsx`);
      const chart = zipTextSync(f, "xl/charts/chart1.xml");
      const r = cli(command, f, "--out", f);
      expect(r.code).toBeLessThan(2);
      expect(r.stderr).toBe("");
      expect(zipTextSync(f, "xl/charts/chart1.xml")).toBe(chart);
      expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    }
  );

  test.each([
    "cellimages-wps.xlsx",
    "cellimage-excel.xlsx",
    "sparklines.xlsx",
    "list-validation.xlsx",
    "dynamic-array.xlsx",
    "page-breaks.xlsx",
    "protected-workbook.xlsx",
    "filter.xlsx",
    "protected-ranges.xlsx",
    "modify-password.xlsx",
    "header-picture.xlsx",
    "views-scenarios.xlsx",
    "add-in-custom-xml.xlsx",
    "unknown-part.xlsx",
  ])("%s: scored in place, every part of the original still there", (fixture) => {
    const f = fixtureCopy(fixture, `kept-${fixture}`);
    const parts = zipNames(f);
    const r = cli("score", f, "--out", f, "--lang", "en");
    expect(r.code).toBeLessThan(2);
    expect(r.stderr).toBe("");
    expect(zipNames(f)).toEqual(expect.arrayContaining(parts));
    expect(zipNames(f)).toContain("xl/worksheets/sheet2.xml"); // the summary sheet: it was scored
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  test("the calculation chain, printer settings and thumbnail are kept as they were (no formula is ever written)", () => {
    const f = fixtureCopy("regenerated-parts.xlsx", "regenerated.xlsx");
    const before = zipNames(f).filter((n) => /calcChain|printerSettings|thumbnail/.test(n));
    expect(before.length).toBeGreaterThan(0);
    const r = cli("score", f, "--out", f);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("注意");
    expect(zipNames(f).filter((n) => /calcChain|printerSettings|thumbnail/.test(n))).toEqual(
      before
    );
    expect(zipNames(f)).toContain("xl/worksheets/sheet2.xml"); // the summary sheet: it was scored
  });

  test("a workbook LibreOffice saved, rewritten in place, keeps its date system, protection and print flags", () => {
    const f = fixtureCopy("libreoffice-flags.xlsx", "libreoffice-flags.xlsx");
    const original = {
      workbookPr: /<workbookPr [^>]*>/.exec(zipTextSync(f, "xl/workbook.xml"))![0],
      protection: /<sheetProtection [^>]*>/.exec(zipTextSync(f, "xl/worksheets/sheet1.xml"))![0],
      fit: /<pageSetUpPr [^>]*>/.exec(zipTextSync(f, "xl/worksheets/sheet1.xml"))![0],
      unlocked: /<protection [^>]*locked="(0|false)"[^>]*\/>/.exec(
        zipTextSync(f, "xl/styles.xml")
      )![0],
    };
    expect(original.workbookPr).toMatch(/date1904="(1|true)"/);
    const r = cli("score", f, "--out", f);
    expect(r.code).toBe(0);
    // Its sheet is protected: written all the same, and said (the add-in would refuse it).
    expect(r.stdout).toContain(
      "  注意：工作表“绩效目标表”受保护（审阅 > 保护工作表），命令行仍写入了结果，保护设置保持不变；在 Excel 中加载项不会写入受保护的工作表\n"
    );
    expect(cli("score", good, "--out", path.join(dir, "plain.xlsx")).stdout).not.toContain(
      "受保护"
    );
    const xml = (name: string) => zipTextSync(f, name);
    // As LibreOffice wrote them: its true/false spelling of the flags included.
    const pick = (text: string, re: RegExp) => re.exec(text)?.[0];
    expect(pick(xml("xl/workbook.xml"), /<workbookPr [^>]*>/)).toBe(original.workbookPr);
    const sheet = xml("xl/worksheets/sheet1.xml");
    expect(pick(sheet, /<sheetProtection [^>]*>/)).toBe(original.protection);
    expect(pick(sheet, /<pageSetUpPr [^>]*>/)).toBe(original.fit);
    expect(xml("xl/styles.xml")).toContain(original.unlocked);
  });

  test("a workbook with an openpyxl chart is scored like the same workbook without it", () => {
    const f = fixtureCopy("chart-openpyxl.xlsx", "chart-openpyxl.xlsx");
    const withChart = cli("score", f, "--json", "-");
    const plain = cli("score", path.join(ROOT, "examples", "year-end-2025.xlsx"), "--json", "-");
    expect(withChart.stderr).toBe("");
    expect(withChart.code).toBe(plain.code);
    const strip = (r: Run) => ({ ...JSON.parse(r.stdout), source: "", generatedAt: "" });
    expect(strip(withChart)).toEqual(strip(plain));
  });
});
