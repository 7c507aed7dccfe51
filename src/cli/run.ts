/**
 * The commands of indicator-scorer, runnable in-process: `run(argv, io)` returns the exit code.
 * 0 done (findings may exist), 1 at least one error finding, 2 bad usage or an unreadable file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeWorkbook, planClear, planPrepare, ProfileError, resolveProfile } from "../core";
import type { AnalyzeOptions, Issue, Lang, ProfileOverrides, Report, WritePlan } from "../core";
import { applyPlan, writeWorkbook, WorkbookWriteError } from "../xlsx/apply-plan";
import { readWorkbook, WorkbookReadError } from "../xlsx/read-workbook";
import {
  FileIdentity,
  fileIdentity,
  sameFile,
  sameIdentity,
  writeFileAtomic,
  WriteFileError,
} from "../xlsx/write-file";
import { CliArgs, parseArgs, peekLang, USAGE_EN, USAGE_ZH, UsageError } from "./args";
import { fileSummaryLine, formatExplain, formatIssues, formatScoreSummary } from "./format-table";
import { runInPool } from "./pool";

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

const T = {
  zh: {
    noXlsx: (d: string) => `${d}：文件夹中没有 .xlsx / .xlsm 文件`,
    notFound: (f: string) => `${f}：文件不存在`,
    outIsFile: (o: string) => `--out ${o}：有多个输入时 --out 必须是文件夹`,
    outNotXlsx: (o: string, ext: string) =>
      `--out ${o}：输出文件名须以 ${ext} 结尾，与输入相同（写到文件夹时请以 / 结尾）`,
    sameName: (n: string) => `多个输入文件同名（${n}），无法写入同一个输出文件夹`,
    jsonWrite: (p: string, r: string) => `${p}：无法写入 JSON 报告（${r}）`,
    jsonIsInput: (j: string, f: string) =>
      `--json ${j}：指向输入文件 ${f}，报告不能覆盖它；请换一个文件名`,
    jsonIsOutput: (j: string, f: string) =>
      `--json ${j}：指向 --out 要写出的工作簿 ${f}；请换一个文件名`,
    danglingLink: (f: string) => `${f}：链接指向的文件不存在`,
    cannotMakeFolder: (d: string, r: string) => `${d}：无法创建文件夹（${r}）`,
    cannotList: (d: string, r: string) => `${d}：无法读取文件夹（${r}）`,
    cannotStat: (f: string, r: string) => `${f}：无法读取文件（${r}）`,
    earlierOutputs: (d: string, n: number) =>
      `注意：${d} 中有 ${n} 个之前的评分结果（*.scored.xlsx，旁边有同名原文件），未再评分；如需评分请单独指定该文件`,
    profileRead: (p: string) => `${p}：无法读取配置文件`,
    profileJson: (p: string, r: string) => `${p}：配置文件不是有效的 JSON（${r}）`,
    wrote: (f: string) => `已写入：${f}`,
    skipped: (n: number) => `${n} 个单元格含有公式或所在工作表不存在，未写入`,
    internal: (f: string, r: string) => `${f}：内部错误：${r}`,
    prepared: (n: number, f: string) => `已准备：写入 ${n} 个单元格 → ${f}`,
    cleared: (n: number, f: string) => `已清除：${n} 个单元格 → ${f}`,
    protectedWritten: (sheets: string) =>
      `注意：工作表${sheets}受保护（审阅 > 保护工作表），命令行仍写入了结果，保护设置保持不变；在 Excel 中加载项不会写入受保护的工作表`,
    uncalculated: (n: number, cells: string) =>
      `注意：${n} 个公式单元格没有保存计算结果（如 ${cells}），按空白读取；文件可能由程序生成、未经 Excel 或 WPS 计算。请在 Excel 或 WPS 中打开并保存后再评分`,
  },
  en: {
    noXlsx: (d: string) => `${d}: no .xlsx or .xlsm files in this folder`,
    notFound: (f: string) => `${f}: file not found`,
    outIsFile: (o: string) => `--out ${o}: with several inputs --out must be a folder`,
    outNotXlsx: (o: string, ext: string) =>
      `--out ${o}: an output file's name must end in ${ext}, as the input's does (end a folder with /)`,
    sameName: (n: string) =>
      `several inputs are named ${n}; they cannot be written to one output folder`,
    jsonWrite: (p: string, r: string) => `${p}: cannot write the JSON report (${r})`,
    jsonIsInput: (j: string, f: string) =>
      `--json ${j}: names the input ${f}, which the report may not replace; choose another name`,
    jsonIsOutput: (j: string, f: string) =>
      `--json ${j}: names the workbook --out writes (${f}); choose another name`,
    danglingLink: (f: string) => `${f}: a link to a file that does not exist`,
    cannotMakeFolder: (d: string, r: string) => `${d}: cannot create the folder (${r})`,
    cannotList: (d: string, r: string) => `${d}: cannot read the folder (${r})`,
    cannotStat: (f: string, r: string) => `${f}: cannot read the file (${r})`,
    earlierOutputs: (d: string, n: number) =>
      `note: ${d} holds ${n} earlier output(s) (*.scored.xlsx beside a file of the same name), not scored again; name such a file to score it`,
    profileRead: (p: string) => `${p}: cannot read the profile`,
    profileJson: (p: string, r: string) => `${p}: the profile is not valid JSON (${r})`,
    wrote: (f: string) => `written: ${f}`,
    skipped: (n: number) =>
      `${n} cell(s) holding a formula, or on a sheet that no longer exists, were not written`,
    internal: (f: string, r: string) => `${f}: internal error: ${r}`,
    prepared: (n: number, f: string) => `prepared: ${n} cell(s) written → ${f}`,
    cleared: (n: number, f: string) => `cleared: ${n} cell(s) → ${f}`,
    protectedWritten: (sheets: string) =>
      `note: sheet(s) ${sheets} are protected (Review > Protect Sheet); the command line wrote into them all the same and kept their protection (in Excel the add-in does not write into a protected sheet)`,
    uncalculated: (n: number, cells: string) =>
      `note: ${n} formula cell(s) hold no calculated result (e.g. ${cells}) and read as blank; the file was probably made by a program and never calculated in Excel or WPS. Open and save it in Excel or WPS, then score again`,
  },
};

/** `“表一”、“表二”` / `"表一", "表二"`. */
function sheetList(sheets: readonly string[], lang: Lang): string {
  return lang === "en"
    ? sheets.map((s) => `"${s}"`).join(", ")
    : sheets.map((s) => `“${s}”`).join("、");
}

/** A failure already worded for the user: one line on stderr, exit code 2. */
class CliFailure extends Error {}

function oneLine(s: string): string {
  return s.split(/\r?\n/)[0];
}

/** One file to score or validate; `problem` is set for one that cannot be read (its one line, worded). */
export interface InputFile {
  file: string;
  problem?: string;
}

export interface Inputs {
  files: InputFile[];
  /** Files in the input folders that are no inputs (earlier outputs): never overwritten either. */
  leftOut: string[];
  /** Lines for stderr that are no failure. */
  notes: string[];
}

/** Workbooks: .xlsx, and .xlsm (macros kept: the package is edited, not re-saved). */
const XLSX_NAME = /\.xls[xm]$/i;
/** `a.scored.xlsx`, `a.scored (2).xlsx`: what `score --out` writes for `a.xlsx` (see outputPaths). */
const SCORED_NAME = /^(.+)\.scored(?: \(\d+\))?(\.xls[xm])$/i;

function errnoCode(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? String(err);
}

/**
 * Expands folders into their *.xlsx files (no ~$ lock files, no subfolders), sorted; files are kept as given.
 * Never throws: a folder that cannot be listed or holds no workbook, a dangling link, an entry that cannot be
 * examined or vanished are each one InputFile with its problem, and the others are still done. In a folder,
 * `a.scored.xlsx` (or `a.scored (2).xlsx`) beside `a.xlsx` is an earlier output: when `outputs` are to be
 * written (score --out) it is left out, with one note, so that a second run neither scores it again nor
 * replaces it.
 */
export function expandInputs(inputs: string[], lang: Lang, outputs = false): Inputs {
  const files: InputFile[] = [];
  const leftOut: string[] = [];
  const notes: string[] = [];
  for (const input of inputs) {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(input);
    } catch {
      st = null;
    }
    if (!st?.isDirectory()) {
      files.push({ file: input });
      continue;
    }
    let names: string[];
    try {
      names = fs.readdirSync(input);
    } catch (err) {
      files.push({ file: input, problem: T[lang].cannotList(input, errnoCode(err)) });
      continue;
    }
    const xlsx = names
      .filter((n) => XLSX_NAME.test(n) && !n.startsWith("~$") && !n.startsWith(".~"))
      .sort();
    const lower = new Set(xlsx.map((n) => n.toLowerCase()));
    const found: InputFile[] = [];
    const earlier: string[] = [];
    for (const n of xlsx) {
      const f = path.join(input, n);
      let lst: fs.Stats;
      try {
        lst = fs.lstatSync(f);
      } catch (err) {
        // Listed a moment ago, gone now (or not even examinable).
        const code = errnoCode(err);
        found.push({
          file: f,
          problem: code === "ENOENT" ? T[lang].notFound(f) : T[lang].cannotStat(f, code),
        });
        continue;
      }
      let fst: fs.Stats = lst;
      if (lst.isSymbolicLink()) {
        try {
          fst = fs.statSync(f);
        } catch (err) {
          const code = errnoCode(err);
          found.push({
            file: f,
            problem:
              code === "ENOENT" || code === "ELOOP"
                ? T[lang].danglingLink(f)
                : T[lang].cannotStat(f, code),
          });
          continue;
        }
      }
      // Subfolders, pipes, sockets and devices named *.xlsx are no workbooks (reading a pipe would hang).
      if (!fst.isFile()) continue;
      const m = SCORED_NAME.exec(n);
      if (outputs && m && lower.has(`${m[1]}${m[2]}`.toLowerCase())) {
        earlier.push(f);
        continue;
      }
      found.push({ file: f });
    }
    if (found.length === 0 && earlier.length === 0)
      files.push({ file: input, problem: T[lang].noXlsx(input) });
    files.push(...found);
    leftOut.push(...earlier);
    if (earlier.length > 0) notes.push(T[lang].earlierOutputs(input, earlier.length));
  }
  return { files, leftOut, notes };
}

function loadProfile(file: string | undefined, lang: Lang): ProfileOverrides | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new CliFailure(T[lang].profileRead(file));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new CliFailure(
      T[lang].profileJson(file, oneLine(err instanceof Error ? err.message : String(err)))
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new CliFailure(
      `${file}: ${lang === "en" ? "a profile must be a JSON object" : "配置文件必须是 JSON 对象"}`
    );
  try {
    resolveProfile(data as ProfileOverrides);
  } catch (err) {
    if (err instanceof ProfileError) throw new CliFailure(`${file}: ${oneLine(err.message)}`);
    throw err;
  }
  return data as ProfileOverrides;
}

/** A workbook's extension, as the output must keep it (an .xlsm renamed .xlsx is refused by Excel). */
function extensionOf(file: string): string {
  return /\.xlsm$/i.test(file) ? ".xlsm" : ".xlsx";
}

function scoredName(file: string): string {
  const ext = extensionOf(file);
  return `${path.basename(file).replace(/\.xls[xm]$/i, "")}.scored${ext}`;
}

function isDirTarget(out: string): boolean {
  if (/[\\/]$/.test(out)) return true;
  try {
    return fs.statSync(out).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The workbook file `--out` names for one input: `out` itself, or a file in it when it is a folder. The
 * output keeps the input's kind: under another name (`结果.xls`, an .xlsm written as `x.xlsx`, `out`) Excel
 * would refuse the file or open it with a warning, so such a name is a usage error rather than a file the
 * user cannot use.
 */
function outputFile(out: string, name: string, lang: Lang, input: string): string {
  if (isDirTarget(out)) return path.join(out, name);
  const ext = extensionOf(input);
  if (!out.toLowerCase().endsWith(ext)) throw new UsageError(T[lang].outNotXlsx(out, ext));
  return out;
}

/**
 * Output path of each input for score (null for none, and for a file that cannot be read). In a folder, an
 * output never takes the place of a file that is `protect`ed (the inputs, and what their folders hold) nor of
 * another output: `a.scored.xlsx` is then `a.scored (2).xlsx`, `(3)`… Creates nothing (see makeOutFolder).
 */
function outputPaths(
  files: InputFile[],
  out: string | undefined,
  lang: Lang,
  protect: FileIdentity[]
): (string | null)[] {
  if (!out) return files.map(() => null);
  if (files.length > 1) {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(out);
    } catch {
      st = null;
    }
    if ((st && !st.isDirectory()) || (!st && XLSX_NAME.test(out)))
      throw new UsageError(T[lang].outIsFile(out));
    const names = new Set<string>();
    for (const { file: f, problem } of files) {
      if (problem) continue;
      const n = scoredName(f);
      if (names.has(n)) throw new UsageError(T[lang].sameName(path.basename(f)));
      names.add(n);
    }
  } else if (!isDirTarget(out)) {
    if (files[0].problem) return [null];
    // A file the user named: written there, onto the input only when it is the input (see writeOut).
    return [outputFile(out, scoredName(files[0].file), lang, files[0].file)];
  }
  const taken = new Set<string>();
  return files.map(({ file, problem }) => {
    if (problem) return null;
    const ext = extensionOf(file);
    const stem = scoredName(file).slice(0, -`.scored${ext}`.length);
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}.scored${ext}` : `${stem}.scored (${n})${ext}`;
      const candidate = path.join(out, name);
      if (taken.has(name)) continue;
      const id = fileIdentity(candidate);
      if (protect.some((p) => sameIdentity(p, id))) continue;
      taken.add(name);
      return candidate;
    }
  });
}

/** Creates the --out folder of several inputs before any is written. */
function makeOutFolder(out: string | undefined, files: InputFile[], lang: Lang): void {
  if (!out || files.length < 2) return;
  try {
    fs.mkdirSync(out, { recursive: true });
  } catch (err) {
    throw new CliFailure(T[lang].cannotMakeFolder(out, errnoCode(err)));
  }
}

/**
 * `--json` may not name a file the run reads or writes: an input (or input folder, or what one holds), the
 * profile, or a workbook --out writes. Checked before anything is read or written.
 */
function checkJsonTarget(
  json: string | undefined,
  inputs: string[],
  outs: (string | null)[],
  lang: Lang
): void {
  if (json === undefined || json === "-") return;
  const id = fileIdentity(json);
  const input = inputs.find((f) => sameIdentity(fileIdentity(f), id));
  if (input !== undefined) throw new UsageError(T[lang].jsonIsInput(json, input));
  const out = outs.find((f) => f !== null && sameIdentity(fileIdentity(f), id));
  if (out) throw new UsageError(T[lang].jsonIsOutput(json, out));
}

/** Creates the output's folder (e.g. out/ for out/x.scored.xlsx) when it does not exist yet. */
function ensureParent(file: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch {
    // writeWorkbook reports the failure with the file's name
  }
}

/** Adds the plan's OUTPUT_OCCUPIED findings when the engine did not already report them. */
function withSkipped(report: Report, plan: WritePlan): Report {
  const key = (i: Issue) => `${i.code}|${i.sheet}|${i.cell}`;
  const have = new Set(report.issues.map(key));
  const extra = plan.skipped.filter((i) => !have.has(key(i)));
  return extra.length ? { ...report, issues: [...report.issues, ...extra] } : report;
}

function hasErrors(reports: Report[]): boolean {
  return reports.some((r) => r.issues.some((i) => i.severity === "error"));
}

function describe(err: unknown, file: string, lang: Lang): string {
  if (err instanceof WorkbookReadError) return err.localized(lang);
  if (err instanceof WorkbookWriteError || err instanceof CliFailure || err instanceof UsageError)
    return oneLine(err.message);
  if (err instanceof ProfileError) return oneLine(err.message);
  return T[lang].internal(
    path.basename(file),
    oneLine(err instanceof Error ? err.message : String(err))
  );
}

/** Prints the report, or writes it atomically: a failed write leaves the previous report as it was. */
async function writeJson(dest: string, data: unknown, io: CliIO, lang: Lang): Promise<void> {
  const text = `${JSON.stringify(data, null, 2)}\n`;
  if (dest === "-") {
    io.stdout(text);
    return;
  }
  try {
    await writeFileAtomic(dest, text);
  } catch (err) {
    throw new CliFailure(
      T[lang].jsonWrite(dest, err instanceof WriteFileError ? err.code : errnoCode(err))
    );
  }
}

/** What score / validate needs to know to do one file, the same in this process and in a pool worker. */
export interface FileTask {
  command: "score" | "validate";
  file: string;
  /** The scored workbook's path (score --out), else null. */
  out: string | null;
  lang: Lang;
  profile?: ProfileOverrides;
  /** The JSON report goes to stdout: per-file lines go to stderr instead. */
  jsonToStdout: boolean;
  /** The only input file. */
  single: boolean;
  /** The file cannot be read (a dangling link, a folder that cannot be listed…): this line, and nothing else. */
  problem?: string;
  /** score --explain: every score worked out after the summary. */
  explain?: boolean;
}

/** The outcome of one file: what to print (in input order, by the caller) and the report. */
export interface FileOutcome {
  /** Null when the file could not be read; kept when only writing the scored workbook failed. */
  report: Report | null;
  failed: boolean;
  stdout: string;
  stderr: string;
}

/** Writes a workbook read from `file` to `out`, onto the input itself when `out` names it: every part the
 *  scorer did not change is copied through as stored, so nothing of the input is lost either way. */
async function writeOut(
  workbook: Parameters<typeof writeWorkbook>[0],
  file: string,
  out: string
): Promise<void> {
  ensureParent(out);
  await writeWorkbook(workbook, out, { overwriteInput: sameFile(out, file) });
}

/** Reads, scores and (score --out) writes one workbook. Never throws: a failure is a line on stderr. */
export async function processFile(task: FileTask): Promise<FileOutcome> {
  const { file, out, lang } = task;
  const name = path.basename(file);
  let stdout = "";
  let stderr = "";
  let report: Report | null = null;
  if (task.problem) return { report, failed: true, stdout, stderr: `${task.problem}\n` };
  try {
    const { workbook, sheets, ledger, uncalculated } = await readWorkbook(file);
    const options: AnalyzeOptions = {
      lang,
      ledger,
      source: name,
      ...(task.profile ? { profile: task.profile } : {}),
    };
    const analysis = analyzeWorkbook(sheets, options);
    report = { ...withSkipped(analysis.report, analysis.plan), source: name };
    let note = "";
    // Said before anything else: it explains findings of missing actuals that Excel would not have.
    if (uncalculated.count > 0)
      note += `  ${T[lang].uncalculated(uncalculated.count, uncalculated.cells.join(lang === "en" ? ", " : "、"))}\n`;
    if (out) {
      const applied = applyPlan(workbook, analysis.plan);
      await writeOut(workbook, file, out);
      if (applied.skipped.length) note += `  ${T[lang].skipped(applied.skipped.length)}\n`;
      if (applied.protectedWritten.length)
        note += `  ${T[lang].protectedWritten(sheetList(applied.protectedWritten, lang))}\n`;
      note += `  ${T[lang].wrote(out)}\n`;
    }
    if (!task.jsonToStdout) {
      stdout +=
        task.command === "validate"
          ? formatIssues(name, report, lang)
          : formatScoreSummary(name, report, lang);
      stdout += note;
      // The working last: the summary and its notes stay together at the top.
      if (task.explain && task.command === "score") {
        const decimals = resolveProfile(task.profile ?? {}).decimals;
        stdout += `\n${formatExplain(name, report, analysis.tables, lang, decimals)}`;
      }
    } else if (!task.single) {
      stderr += `${fileSummaryLine(name, report, lang)}\n`;
    }
    if (task.jsonToStdout && note && task.single) stderr += note.replace(/^ {2}/gm, "");
    return { report, failed: false, stdout, stderr };
  } catch (err) {
    stderr += `${describe(err, file, lang)}\n`;
    if (process.env.INDICATOR_SCORER_DEBUG && err instanceof Error && err.stack)
      stderr += `${err.stack}\n`;
    return { report, failed: true, stdout, stderr };
  }
}

/** Files from which several processes pay for their start (each loads the engine and numfmt). */
const POOL_MIN_FILES = 8;
const POOL_MAX_PROCESSES = 4;

/** How many processes score `files` files: --jobs, else one a core (at most 4) from 8 files on. */
function lanesFor(files: number, jobs: Jobs): number {
  if (jobs !== "auto") return Math.min(jobs, files);
  if (files < POOL_MIN_FILES) return 1;
  return Math.max(1, Math.min(os.availableParallelism(), POOL_MAX_PROCESSES, files));
}

async function scoreOrValidate(args: CliArgs, io: CliIO, defaultJobs: Jobs): Promise<number> {
  const lang = args.lang;
  const command = args.command === "score" ? "score" : "validate";
  const profile = loadProfile(args.profile, lang);
  const writing = command === "score" && args.out !== undefined;
  const { files: inputs, leftOut, notes } = expandInputs(args.inputs, lang, writing);
  // Every file the run reads, and every file in an input folder: no output or report may replace one.
  const read = [
    ...args.inputs,
    ...inputs.map((f) => f.file),
    ...leftOut,
    ...(args.profile ? [args.profile] : []),
  ];
  const outs =
    command === "score"
      ? outputPaths(inputs, args.out, lang, read.map(fileIdentity))
      : inputs.map(() => null);
  checkJsonTarget(args.json, read, outs, lang);
  if (command === "score") makeOutFolder(args.out, inputs, lang);
  for (const note of notes) io.stderr(`${note}\n`);
  const files = inputs.map((f) => f.file);
  const jsonToStdout = args.json === "-";
  const tasks: FileTask[] = inputs.map(({ file, problem }, k) => ({
    command,
    file,
    out: outs[k],
    lang,
    ...(profile ? { profile } : {}),
    jsonToStdout,
    single: files.length === 1,
    ...(problem ? { problem } : {}),
    ...(args.explain ? { explain: true } : {}),
  }));
  const reports: Report[] = [];
  let failed = false;
  const print = (k: number, o: FileOutcome) => {
    if (o.report) reports.push(o.report);
    if (o.stdout) io.stdout(o.stdout);
    if (o.stderr) io.stderr(o.stderr);
    if (o.failed) failed = true;
    else if (!jsonToStdout && k < files.length - 1) io.stdout("\n");
  };

  const lanes = lanesFor(files.length, args.jobs ?? defaultJobs);
  if (process.env.INDICATOR_SCORER_DEBUG)
    io.stderr(`indicator-scorer: ${files.length} file(s) on ${lanes} process(es)\n`);
  if (lanes > 1) {
    await runInPool(tasks, lanes, processFile, print);
  } else {
    for (let k = 0; k < tasks.length; k++) print(k, await processFile(tasks[k]));
  }

  if (args.json !== undefined && (reports.length > 0 || files.length > 1)) {
    await writeJson(args.json, files.length === 1 ? reports[0] : reports, io, lang);
  }
  if (failed) return EXIT_FAILURE;
  return hasErrors(reports) ? EXIT_FINDINGS : EXIT_OK;
}

async function prepareOrClear(args: CliArgs, io: CliIO): Promise<number> {
  const lang = args.lang;
  const profile = loadProfile(args.profile, lang);
  const file = args.inputs[0];
  const out = args.out!;
  const target = outputFile(out, path.basename(file), lang, file);
  try {
    const { workbook, sheets, ledger } = await readWorkbook(file);
    const plan =
      args.command === "prepare"
        ? planPrepare(sheets, {
            lang,
            ledger,
            source: path.basename(file),
            ...(profile ? { profile } : {}),
          })
        : planClear(sheets, ledger);
    const applied = applyPlan(workbook, plan);
    await writeOut(workbook, file, target);
    const msg =
      args.command === "prepare"
        ? T[lang].prepared(applied.applied, target)
        : T[lang].cleared(applied.applied, target);
    io.stdout(`${msg}\n`);
    if (applied.protectedWritten.length)
      io.stdout(`  ${T[lang].protectedWritten(sheetList(applied.protectedWritten, lang))}\n`);
    for (const issue of plan.skipped)
      io.stdout(
        `  ${issue.sheet}${issue.cell ? `!${issue.cell}` : ""}  ${issue.code}  ${issue.message}\n`
      );
    return plan.skipped.some((i) => i.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
  } catch (err) {
    io.stderr(`${describe(err, file, lang)}\n`);
    return EXIT_FAILURE;
  }
}

/** Defined by esbuild in the one-file build (scripts/build-cli.mjs), which has no package.json beside it. */
declare const INDICATOR_SCORER_VERSION: string | undefined;

export function version(): string {
  if (typeof INDICATOR_SCORER_VERSION === "string") return INDICATOR_SCORER_VERSION;
  for (const rel of ["../../package.json", "../package.json"]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, rel), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === "indicator-scorer" && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return "0.0.0";
}

/** Processes for several files: a number, or "auto" (see lanesFor). */
export type Jobs = number | "auto";

/**
 * Runs the command line; never throws; returns the exit code. `defaultJobs` applies when --jobs is not
 * given: the real command line (main.ts) passes "auto"; in-process callers (tests) keep to one process.
 */
export async function run(argv: string[], io: CliIO, defaultJobs: Jobs = 1): Promise<number> {
  const lang0 = peekLang(argv);
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(args.lang === "en" ? USAGE_EN : USAGE_ZH);
      return EXIT_OK;
    }
    if (args.version) {
      io.stdout(`${version()}\n`);
      return EXIT_OK;
    }
    if (args.command === "score" || args.command === "validate")
      return await scoreOrValidate(args, io, defaultJobs);
    return await prepareOrClear(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`indicator-scorer: ${oneLine(err.message)}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`${describe(err, "indicator-scorer", lang0)}\n`);
    if (process.env.INDICATOR_SCORER_DEBUG && err instanceof Error && err.stack)
      io.stderr(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}
