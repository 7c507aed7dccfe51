/** Command-line parsing for indicator-scorer. No dependencies; every mistake is a UsageError. */

export type Command = "score" | "validate" | "prepare" | "clear";
export const COMMANDS: readonly Command[] = ["score", "validate", "prepare", "clear"];

export interface CliArgs {
  command: Command | null;
  inputs: string[];
  out?: string;
  json?: string;
  profile?: string;
  lang: "zh" | "en";
  /** Processes to score several files with (`--jobs`); undefined: the caller decides. */
  jobs?: number;
  /** score --explain: every score worked out, per table and indicator (issue 18). */
  explain: boolean;
  help: boolean;
  version: boolean;
}

/** Bad usage: exit code 2 with this one-line message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const VALUE_OPTIONS = new Set(["--out", "--json", "--profile", "--lang", "--jobs"]);
const ALLOWED: Record<Command, string[]> = {
  score: ["--out", "--json", "--profile", "--lang", "--jobs", "--explain"],
  validate: ["--json", "--profile", "--lang", "--jobs"],
  prepare: ["--out", "--profile", "--lang"],
  clear: ["--out", "--lang"],
};

/** Detects --lang early, so that even usage errors can be worded in the user's language. */
export function peekLang(argv: string[]): "zh" | "en" {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang" && argv[i + 1] === "en") return "en";
    if (argv[i] === "--lang=en") return "en";
  }
  return "zh";
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    command: null,
    inputs: [],
    lang: "zh",
    explain: false,
    help: false,
    version: false,
  };
  const seen = new Set<string>();
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositional || a === "-" || !a.startsWith("-")) {
      if (args.command === null && !onlyPositional) {
        if (!(COMMANDS as readonly string[]).includes(a))
          throw new UsageError(`unknown command "${a}" (expected ${COMMANDS.join(", ")})`);
        args.command = a as Command;
      } else {
        args.inputs.push(a);
      }
      continue;
    }
    if (a === "--") {
      onlyPositional = true;
      continue;
    }
    if (a === "--help" || a === "-h") {
      args.help = true;
      continue;
    }
    if (a === "--version" || a === "-v" || a === "-V") {
      args.version = true;
      continue;
    }
    if (a === "--explain") {
      if (seen.has(a)) throw new UsageError(`option ${a} given twice`);
      seen.add(a);
      args.explain = true;
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option "${name}"`);
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "" || (value.startsWith("--") && value.length > 2))
      throw new UsageError(`option ${name} needs a value`);
    if (seen.has(name)) throw new UsageError(`option ${name} given twice`);
    seen.add(name);
    switch (name) {
      case "--out":
        args.out = value;
        break;
      case "--json":
        args.json = value;
        break;
      case "--profile":
        args.profile = value;
        break;
      case "--lang":
        if (value !== "zh" && value !== "en")
          throw new UsageError(`--lang must be zh or en, not "${value}"`);
        args.lang = value;
        break;
      case "--jobs":
        if (!/^\d{1,2}$/.test(value) || Number(value) < 1)
          throw new UsageError(`--jobs must be a whole number from 1 to 99, not "${value}"`);
        args.jobs = Number(value);
        break;
    }
  }
  if (args.help || args.version) return args;
  if (args.command === null)
    throw new UsageError("no command given (score, validate, prepare or clear); see --help");
  for (const opt of seen) {
    if (!ALLOWED[args.command].includes(opt))
      throw new UsageError(`option ${opt} does not apply to "${args.command}"`);
  }
  if (args.inputs.length === 0)
    throw new UsageError(`"${args.command}" needs at least one .xlsx file`);
  // Both would print to standard output: the JSON report would no longer parse.
  if (args.explain && args.json === "-")
    throw new UsageError(
      "--explain prints to standard output, as --json - does: give --json a file"
    );
  if (args.command === "prepare" || args.command === "clear") {
    if (args.inputs.length !== 1)
      throw new UsageError(`"${args.command}" takes exactly one .xlsx file`);
    if (!args.out) throw new UsageError(`"${args.command}" needs --out <file.xlsx>`);
  }
  return args;
}

export const USAGE_ZH = `indicator-scorer —— 绩效自评助手（命令行）

用法：
  indicator-scorer score <文件.xlsx|文件夹>... [--out <文件|文件夹>] [--json <路径|->] [--profile <配置.json>] [--lang zh|en] [--explain]
      为每张绩效指标表评分。--out 写出评分后的工作簿（.xlsx 文件；或以 / 结尾的文件夹，多个输入时必须是文件夹，
      文件名 <名称>.scored.xlsx）；--json - 把报告（JSON，report-schema v1）打印到标准输出。输入文件不会被修改，
      除非 --out 指向它；含图表、数据透视表、宏、嵌入单元格的图片等命令行无法保留的内容时，连这样也会被拒绝。
      --explain 在每张表的得分之后列出计算说明：每个指标的位置、指标值、实际完成值、完成率、得分/分值，
      分值如何确定、得分如何算出，以及预算执行的计算。
  indicator-scorer validate <文件.xlsx>... [--json -]   只检查，列出检查结果；有“错误”时退出码为 1。
      score 和 validate 有 8 个及以上文件时，用多个进程并行处理（每个核一个，最多 4 个）；--jobs <n> 指定进程数，
      --jobs 1 只用一个进程（大工作簿较多时可节省内存）。输出顺序不变。
  indicator-scorer prepare <文件.xlsx> --out <文件.xlsx>  为绩效目标表加上年终自评所需的列。
  indicator-scorer clear <文件.xlsx> --out <文件.xlsx>    清除本工具写入的全部结果。
  indicator-scorer --help | --version

退出码：0 完成（可能有警告），1 至少有一个错误，2 用法错误或文件无法读取。
`;

export const USAGE_EN = `indicator-scorer — Indicator Scorer (绩效自评助手) command line

Usage:
  indicator-scorer score <file.xlsx|folder>... [--out <file|dir>] [--json <path|->] [--profile <profile.json>] [--lang zh|en] [--explain]
      Scores every indicator table. --out writes the scored workbook (an .xlsx file, or a folder ending in /,
      which several inputs need; files in it are named <name>.scored.xlsx); --json - prints the report (JSON,
      report-schema v1) to stdout. The input file is never modified unless --out names it, and not even then
      when it holds what the command line cannot keep (charts, pivot tables, macros, pictures in cells…).
      --explain lists, after each file's scores, how each was worked out: every indicator's cell, target,
      actual, completion rate, score out of its weight, how the weight was set and the score worked out,
      and the budget execution's working.
  indicator-scorer validate <file.xlsx>... [--json -]   Findings only; exit code 1 when any is an error.
      With 8 or more files, score and validate work on several processes (one a core, at most 4); --jobs <n>
      sets how many, --jobs 1 uses one (less memory for many large workbooks). Output order is unchanged.
  indicator-scorer prepare <file.xlsx> --out <file.xlsx>  Adds the year-end columns to target tables.
  indicator-scorer clear <file.xlsx> --out <file.xlsx>    Removes everything the scorer wrote.
  indicator-scorer --help | --version

Exit codes: 0 done (findings may exist), 1 at least one error finding, 2 bad usage or an unreadable file.
`;
