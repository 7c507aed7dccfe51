/**
 * Generates the example workbooks from test/fixtures/seed-000.txt (seven real 绩效目标表 of one agency):
 *
 *   examples/targets-2025.xlsx   the seven target tables on one sheet, as pasted from Word
 *   examples/year-end-2025.xlsx  the same tables filled in at year end: 全年执行数, 实际完成值 and
 *                                偏差原因分析及改进措施, typed the way a finance officer types them
 *
 * Deterministic: the same seed gives the same cells. Usage: tsx scripts/make-examples.ts [outDir]
 */
import * as fs from "fs";
import * as path from "path";
import {
  address,
  buildXlsx,
  CellScalar,
  FontSpec,
  SheetSpec,
  StyleSpec,
  WorkbookSpec,
} from "../test/support/xlsx-builder";

export const SHEET_NAME = "绩效目标表";
const SEED = path.join(__dirname, "..", "test", "fixtures", "seed-000.txt");
const FIXED_DATE = new Date(Date.UTC(2025, 0, 2, 9, 0, 0));

// ---------------------------------------------------------------------------------------------
// Seed parsing

export interface SeedIndicator {
  level1: string;
  level2: string;
  level3: string;
  description: string;
  target: string;
}

export interface SeedTable {
  title: string;
  agency: string;
  unit: string;
  project: string;
  budgetRow: string[];
  purpose: string;
  goal: string;
  header: string[];
  indicators: SeedIndicator[];
}

const BOOKMARK = /\[bookmark:[^\]]*\]/g;

/** Parses the seed: tables start at a `[bookmark: …]title` line; cells are tab-indented lines; blank lines separate rows. */
export function parseSeed(text: string): SeedTable[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const blocks: { title: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (/^\[bookmark: *_Toc[^\]]*\]/.test(line)) {
      blocks.push({ title: line.replace(BOOKMARK, "").trim(), lines: [] });
    } else if (blocks.length) {
      blocks[blocks.length - 1].lines.push(line);
    }
  }
  return blocks.map((b) => parseBlock(b.title, b.lines));
}

function parseBlock(title: string, lines: string[]): SeedTable {
  // Group lines into rows (separated by empty lines); a line without a leading tab continues the cell above.
  const rows: string[][] = [];
  let current: string[] | null = null;
  for (const raw of lines) {
    if (raw === "") {
      current = null;
      continue;
    }
    if (raw.startsWith("\t")) {
      if (!current) rows.push((current = []));
      current.push(raw.slice(1).replace(BOOKMARK, ""));
    } else if (current && current.length) {
      current[current.length - 1] += `\n${raw.replace(BOOKMARK, "")}`;
    }
    // else: a stray line outside any row (page numbers such as "8", "7"): ignored.
  }
  const headerAt = rows.findIndex((r) => r[0] === "一级指标");
  if (headerAt < 0 || rows.length < 6) throw new Error(`seed table "${title}": unexpected layout`);
  const [agency, unit] = rows[0];
  const project = rows[1][1];
  const budgetRow = rows[2];
  const purpose = rows[3][1];
  const goal = rows[4][1].trim();
  const indicators: SeedIndicator[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    if (r.length !== 5) continue;
    indicators.push({ level1: r[0], level2: r[1], level3: r[2], description: r[3], target: r[4] });
  }
  return {
    title,
    agency,
    unit,
    project,
    budgetRow,
    purpose,
    goal,
    header: rows[headerAt],
    indicators,
  };
}

// ---------------------------------------------------------------------------------------------
// Year-end values, as a finance officer typed them

type Actual =
  string | { n: number; fmt?: string } | { date: [number, number, number]; fmt: string };

interface YearEnd {
  executed: number;
  /** One entry per indicator: the actual, and the deviation reason ("" when none was written). */
  rows: [Actual, string][];
}

const pct = (n: number, fmt = "0%"): Actual => ({ n, fmt });
const num = (n: number, fmt?: string): Actual => ({ n, fmt });

export const YEAR_END: YearEnd[] = [
  {
    // 车管所计算机软硬件系统运行维护项目2025
    executed: 92.5,
    rows: [
      ["7个", ""],
      [num(1), ""],
      [pct(0.03), ""],
      ["28分钟", ""],
      ["96.5万元", ""],
      ["达成", ""],
      [pct(0.97), ""],
    ],
  },
  {
    // 车管所债券利息-2025一般债利息
    executed: 11.09,
    rows: [
      [pct(1), ""],
      ["1笔", ""],
      [num(11.09, "0.00"), ""],
      ["365天", ""],
      ["11.09万元", ""],
      ["100%", ""],
      [pct(0.96), "个别资金使用人反映付息安排告知不够及时。下一步将提前书面告知付息时间和金额。"],
    ],
  },
  {
    // 车管所专项保障项目
    executed: 98.6,
    rows: [
      ["38.6万千瓦时", ""],
      ["22.4万千瓦时", ""],
      ["15.1万千瓦时", ""],
      ["6个", ""],
      [pct(0.98), ""],
      [{ date: [2025, 12, 15], fmt: 'yyyy"年"m"月"d"日"' }, ""],
      ["达成", ""],
      [num(98.6), ""],
      ["达成", ""],
      [
        pct(0.93),
        "夏季用电高峰期间业务大厅出现短时停电，群众等候时间延长。已协调供电部门加装备用电源。",
      ],
    ],
  },
  {
    // 车驾管业务经费2025
    executed: 6215.4,
    rows: [
      ["265万张", "受新车注册量低于预期影响，临时号牌需求减少，按实际需求采购。"],
      ["12.3万副", ""],
      ["76万副", ""],
      [pct(0.99), ""],
      ["4个工作日", ""],
      [pct(0.58, "0.00%"), ""],
      [num(6215.4, "0.00"), ""],
      ["99.2%", ""],
      [pct(0.95), ""],
    ],
  },
  {
    // 车辆管理所车驾管专用设备提升项目-2024一般债
    executed: 209.8,
    rows: [
      ["5台", ""],
      ["60台", ""],
      ["6台", ""],
      ["1台", ""],
      ["8台", "2台自助选号设备因供货商延期交付，已于2026年1月到货安装。"],
      [pct(1), ""],
      [pct(0.96), ""],
      [pct(0.12), ""],
      ["6分钟", ""],
      ["20.8万元", ""],
      ["0.55万元", ""],
      ["1.05万元", ""],
      ["23.6万元", ""],
      ["4.74万元", ""],
      ["作用显著", ""],
      [
        "部分达成（70%）",
        "废弃号牌集中回收流程仍在完善，部分区县尚未实现集中处置。2026年上半年完成全覆盖。",
      ],
      ["达成", ""],
      [pct(1), ""],
      ["达成", ""],
      ["作用显著", ""],
      ["基本达成", "VIN码读取仪器投入使用时间较短，资产核对尚未全部完成。"],
      [pct(0.93), ""],
    ],
  },
  {
    // 购买社会化考场服务（科目二+科目三）2025
    executed: 1186.2,
    rows: [
      ["21.3万人次", ""],
      ["18.6万人次", "考生预约量低于预期，科目三考试人数未达目标。将优化考位投放和预约规则。"],
      [pct(0.98), ""],
      [{ date: [2025, 3, 20], fmt: "yyyy-mm-dd" }, ""],
      [num(1186.2, "0.00"), ""],
      ["2150万元", ""],
      ["达成", ""],
      [pct(0.92), ""],
    ],
  },
  {
    // 科目一考场自建项目2025
    executed: 92.8,
    rows: [
      ["1个", ""],
      [pct(1), ""],
      [pct(0.86), "考场改造期间部分时段停用，使用率偏低；改造完成后已恢复正常排考。"],
      [pct(1), ""],
      ["92.8万元", ""],
      ["26.4万人次", ""],
      ["94%", ""],
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Workbook layout
//
// The sheet is laid out cell by cell on a small in-memory grid, then written by the test builder
// (test/support/xlsx-builder.ts: XML templates zipped with JSZip). Cells of a merged area share one style
// object, as in Excel, where the area shows its first cell's format: styling any of them styles them all.

const FONT: FontSpec = { name: "宋体", size: 11 };

interface GridCell {
  v: CellScalar;
  style: StyleSpec;
}

class Grid {
  readonly cells = new Map<string, GridCell>();
  readonly merges: string[] = [];
  readonly heights: Record<number, number> = {};
  readonly widths: number[] = [];
  private masters = new Map<string, string>();

  cell(row: number, col: number): GridCell {
    const key = address(row, col);
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { v: null, style: {} }));
    return c;
  }

  set(row: number, col: number, value: CellScalar, numFmt?: string): GridCell {
    const key = address(row, col);
    const master = this.masters.get(key);
    const c = master ? this.cells.get(master)! : this.cell(row, col);
    c.v = value;
    if (numFmt) this.cell(row, col).style.numFmt = numFmt;
    return c;
  }

  /** Merges the area; its cells take the first cell's style object. */
  merge(r1: number, c1: number, r2: number, c2: number): void {
    const master = this.cell(r1, c1);
    const masterKey = address(r1, c1);
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        const slave = this.cell(r, c);
        slave.v = null;
        slave.style = master.style;
        this.masters.set(address(r, c), masterKey);
      }
    this.merges.push(`${masterKey}:${address(r2, c2)}`);
  }

  /** The text a cell shows (a merged cell shows its area's first cell). */
  text(row: number, col: number): string {
    const key = address(row, col);
    const v = this.cells.get(this.masters.get(key) ?? key)?.v ?? null;
    if (v === null) return "";
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v);
  }

  sheet(name: string): SheetSpec {
    return {
      name,
      cells: Object.fromEntries(
        [...this.cells].map(([key, c]) => [
          key,
          { v: c.v, style: Object.keys(c.style).length ? c.style : undefined },
        ])
      ),
      merges: this.merges,
      cols: this.widths.map((width, i) => ({ min: i + 1, max: i + 1, width })),
      rowProps: Object.fromEntries(
        Object.entries(this.heights).map(([r, height]) => [r, { height }])
      ),
      pageSetup: { paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 },
    };
  }
}

function toNumber(s: string): number | string {
  const t = s.trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : s;
}

/** Styles every cell of rows [r1, r2] × columns [1, lastCol] as a bordered, wrapped table cell. */
function box(ws: Grid, r1: number, r2: number, lastCol: number): void {
  for (let r = r1; r <= r2; r++) {
    for (let c = 1; c <= lastCol; c++) {
      const style = ws.cell(r, c).style;
      style.border = "thin";
      style.font = { ...FONT, ...(style.font?.bold ? { bold: true } : {}) };
      style.alignment = {
        vertical: "center",
        horizontal: c <= 2 ? "center" : "left",
        wrapText: true,
      };
    }
  }
}

function writeTable(ws: Grid, top: number, t: SeedTable, ye: YearEnd | null): number {
  const yearEnd = ye !== null;
  const lastCol = yearEnd ? 7 : 5;
  let r = top;

  // title
  ws.set(r, 1, t.title);
  ws.merge(r, 1, r, lastCol);
  const title = ws.cell(r, 1).style;
  title.font = { ...FONT, size: 14, bold: true };
  title.alignment = { horizontal: "center", vertical: "center", wrapText: true };
  ws.heights[r] = 30;
  r++;

  // agency … 单位：万元
  ws.set(r, 1, t.agency);
  ws.merge(r, 1, r, 3);
  ws.set(r, lastCol, t.unit);
  ws.cell(r, 1).style.font = FONT;
  ws.cell(r, lastCol).style.font = FONT;
  ws.cell(r, lastCol).style.alignment = { horizontal: "right" };
  r++;

  const tableTop = r;
  // 项目名称
  ws.set(r, 1, "项目名称");
  ws.set(r, 2, t.project);
  ws.merge(r, 2, r, lastCol);
  r++;

  // 预算规模及资金用途: label merged over two rows; the second row holds the purpose (and 全年执行数)
  t.budgetRow.forEach((v, i) =>
    ws.set(
      r,
      i + 1,
      i === 0 || v === "" ? v || null : toNumber(v),
      typeof toNumber(v) === "number" ? "0.00" : undefined
    )
  );
  ws.merge(r, 1, r + 1, 1);
  ws.set(r + 1, 2, t.purpose);
  ws.merge(r + 1, 2, r + 1, 5);
  if (ye) {
    ws.set(r + 1, 6, "全年执行数");
    ws.set(r + 1, 7, ye.executed, "0.00");
  }
  const budgetBottom = r + 1;
  r += 2;

  // 绩效目标
  ws.set(r, 1, "绩效目标");
  ws.set(r, 2, t.goal);
  ws.merge(r, 2, r, lastCol);
  ws.heights[r] = Math.max(
    30,
    15 * Math.ceil(t.goal.length / (yearEnd ? 70 : 50)) + 15 * (t.goal.split("\n").length - 1)
  );
  r++;

  // header
  const header = yearEnd ? [...t.header, "实际完成值", "偏差原因分析及改进措施"] : t.header;
  const headerRow = r;
  header.forEach((h, i) => ws.set(r, i + 1, h));
  r++;

  // indicators, level 1 / level 2 merged where they continue
  const first = r;
  let level1Start = r;
  let level1 = "";
  let level2Start = r;
  let level2 = "";
  const closeLevel2 = (end: number) => {
    if (end > level2Start) ws.merge(level2Start, 2, end, 2);
  };
  const closeLevel1 = (end: number) => {
    if (end > level1Start) ws.merge(level1Start, 1, end, 1);
  };
  t.indicators.forEach((ind, i) => {
    const newLevel1 = ind.level1.trim() !== "" && ind.level1 !== level1;
    if (i === 0 || newLevel1) {
      if (i > 0) {
        closeLevel2(r - 1);
        closeLevel1(r - 1);
      }
      level1 = ind.level1;
      level1Start = r;
      level2 = ind.level2;
      level2Start = r;
      ws.set(r, 1, ind.level1);
      ws.set(r, 2, ind.level2);
    } else if (ind.level2 !== level2) {
      closeLevel2(r - 1);
      level2 = ind.level2;
      level2Start = r;
      ws.set(r, 2, ind.level2);
    }
    ws.set(r, 3, ind.level3);
    ws.set(r, 4, ind.description);
    ws.set(r, 5, ind.target);
    if (ye) {
      const [actual, reason] = ye.rows[i];
      if (typeof actual === "string") ws.set(r, 6, actual);
      else if ("date" in actual)
        ws.set(
          r,
          6,
          new Date(Date.UTC(actual.date[0], actual.date[1] - 1, actual.date[2])),
          actual.fmt
        );
      else ws.set(r, 6, actual.n, actual.fmt);
      if (reason) ws.set(r, 7, reason);
    }
    r++;
  });
  closeLevel2(r - 1);
  closeLevel1(r - 1);

  box(ws, tableTop, r - 1, lastCol);
  // the budget rows of the target table reach column G (as in the Word original)
  if (!yearEnd) box(ws, tableTop + 1, budgetBottom, 7);
  for (let c = 1; c <= lastCol; c++) {
    const h = ws.cell(headerRow, c).style;
    h.font = { ...FONT, bold: true };
    h.alignment = { horizontal: "center", vertical: "center", wrapText: true };
  }
  for (let rr = first; rr < r; rr++) {
    ws.cell(rr, 5).style.alignment = { horizontal: "center", vertical: "center", wrapText: true };
    // Tall enough for the longest wrapped text (a CJK character is about two width units).
    let lines = 1;
    for (let c = 1; c <= lastCol; c++) {
      const text = ws.text(rr, c);
      const width = ws.widths[c - 1] ?? 10;
      lines = Math.max(lines, Math.ceil((text.length * 2) / Math.max(1, width - 1)));
    }
    ws.heights[rr] = Math.max(16, 15 * lines);
  }
  return r; // first row after the table
}

/** The workbook model of the examples: the seed's tables on one sheet, two blank rows apart. */
export function exampleModel(tables: SeedTable[], yearEnd: boolean): WorkbookSpec {
  const ws = new Grid();
  ws.widths.push(...(yearEnd ? [14, 16, 30, 34, 16, 18, 40] : [14, 16, 30, 34, 16, 14, 10]));
  let row = 1;
  tables.forEach((t, i) => {
    if (yearEnd && YEAR_END[i].rows.length !== t.indicators.length) {
      throw new Error(
        `year-end values for "${t.project}": ${YEAR_END[i].rows.length} rows for ${t.indicators.length} indicators`
      );
    }
    row = writeTable(ws, row, t, yearEnd ? YEAR_END[i] : null) + 2; // two blank rows between tables
  });
  return {
    sheets: [ws.sheet(SHEET_NAME)],
    creator: "Indicator Scorer examples",
    created: FIXED_DATE,
  };
}

/** The seed's tables. */
export function seedTables(seedFile = SEED): SeedTable[] {
  const tables = parseSeed(fs.readFileSync(seedFile, "utf8"));
  if (tables.length !== YEAR_END.length)
    throw new Error(`seed has ${tables.length} tables, expected ${YEAR_END.length}`);
  return tables;
}

export async function makeExamples(outDir: string, seedFile = SEED): Promise<string[]> {
  const tables = seedTables(seedFile);
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const [name, yearEnd] of [
    ["targets-2025.xlsx", false],
    ["year-end-2025.xlsx", true],
  ] as const) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, await buildXlsx(exampleModel(tables, yearEnd)));
    files.push(file);
  }
  return files;
}

if (require.main === module) {
  const outDir = process.argv[2] ?? path.join(__dirname, "..", "examples");
  makeExamples(outDir).then(
    (files) => {
      for (const f of files) process.stdout.write(`wrote ${path.relative(process.cwd(), f)}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`make-examples: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
