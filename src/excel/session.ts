/**
 * The actions of the task pane and the ribbon command, each one Excel.run. Counts are round trips, the
 * same at 10 rows or 100,000: a round whose data exceeds Excel on the web's ~5 MB request or response
 * limit is split into requests sent together (bands.ts for reads, execute.ts for writes).
 *   validate  read (2) → analyze → preflight → mark unmet targets   4 rounds (no value written)
 *   score     read (2) → analyze → preflight → write               4 rounds (a stale read is read again)
 *   prepare   read (2) → planPrepare → preflight → write           same
 *   clear     read workbook (2) → planClear → preflight → write    4 rounds
 *   undo      look → put back                                      2 rounds
 * Reading the whole workbook takes one more round when the sheet names are not known (warmUp learns them).
 * No business logic here: the engine decides, this module moves data in and out of Excel.
 */
import * as core from "../core";
import { AnalyzeOptions, Issue, Lang, Ledger, ProfileOverrides, Report, SheetGrid, SummarySheetPlan, WritePlan, parseA1 } from "../core";
import { ActionKind, UndoRecord, WriteOptions, summaryMatches, writePlan } from "./apply";
import { ScorerError, toScorerError } from "./errors";
import { ExecuteStats } from "./execute";
import { Scope, WorkbookRead, readWorkbook } from "./read";
import { hostSupport } from "./requirements";
import { applyUndo } from "./undo";

export interface Engine {
  analyzeWorkbook: typeof core.analyzeWorkbook;
  planPrepare: typeof core.planPrepare;
  planClear: typeof core.planClear;
}

export interface SessionOptions {
  engine?: Engine;
  lang?: () => Lang;
  profile?: () => ProfileOverrides;
  write?: WriteOptions;
  /** How many times a run reads again when the sheet changed under it. */
  retries?: number;
  /** Called between steps, for the progress indicator. */
  onProgress?: (step: "read" | "analyze" | "write" | "done") => void;
}

export interface RunResult {
  kind: ActionKind | "validate" | "undo";
  report: Report | null;
  /** Writes left out because a cell held someone else's content (OUTPUT_OCCUPIED). */
  skipped: Issue[];
  cellsWritten: number;
  stats: ExecuteStats | null;
  /** Reads needed (more than 1 when the sheet was edited during the run). */
  attempts: number;
  /** Decimals of the profile the report was made with (how the pane shows its figures); null without a report. */
  decimals: number | null;
  keptEdited?: number;
}

/** Keeps the ledger entries of sheets this run did not read (active-sheet scope), whatever the engine returns. */
export function mergeLedger(plan: WritePlan, read: WorkbookRead): WritePlan {
  const readNames = new Set(read.sheets.map((s) => s.name));
  let ledger: Ledger | null = null;
  for (const [key, value] of read.ledger) {
    const sheet = key.slice(0, key.lastIndexOf("!"));
    if (readNames.has(sheet) || sheet === core.SUMMARY_SHEET || plan.ledger.has(key)) continue;
    ledger ??= new Map(plan.ledger);
    ledger.set(key, value);
  }
  return ledger ? { ...plan, ledger } : plan;
}

export class Session {
  private undoRecord: UndoRecord | null = null;
  /** The summary plan this session last wrote, so that Undo can rebuild it exactly. */
  private lastSummary: SummarySheetPlan | null = null;
  private readonly engine: Engine;
  /** Sheet names of the last workbook read: lets the next read locate every used range in its first round. */
  private names: string[] | undefined;

  constructor(private readonly opts: SessionOptions = {}) {
    this.engine = opts.engine ?? core;
  }

  get canUndo(): boolean {
    return this.undoRecord !== null;
  }

  private analyzeOptions(read: WorkbookRead): AnalyzeOptions {
    return { profile: this.opts.profile?.() ?? {}, lang: this.opts.lang?.() ?? "zh", ledger: read.ledger };
  }

  private decimals(report: Report | null): number | null {
    return report ? core.resolveProfile(this.opts.profile?.() ?? {}).decimals : null;
  }

  private check(): void {
    if (!hostSupport().ok) throw new ScorerError("unsupported");
  }

  private progress(step: "read" | "analyze" | "write" | "done"): void {
    this.opts.onProgress?.(step);
  }

  private async read(context: Excel.RequestContext, scope: Scope): Promise<WorkbookRead> {
    const read = await readWorkbook(context, scope, this.names, this.opts.write);
    if (scope === "workbook") this.names = read.names;
    return read;
  }

  /** Learns the sheet names (one sync), so that the first Score of the session is as cheap as the next. */
  async warmUp(): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets;
        ws.load("items/name");
        await context.sync();
        this.names = ws.items.map((w) => w.name);
      });
    } catch {
      // only a hint
    }
  }

  /**
   * Validate writes no value: it only marks the unmet targets' actual cells (conditional formats,
   * replacing the previous marks) and keeps the last Score's undo record.
   */
  async validate(scope: Scope = "workbook"): Promise<RunResult> {
    const result = await this.run(
      "score",
      scope,
      (read) => {
        const a = this.engine.analyzeWorkbook(read.sheets, this.analyzeOptions(read));
        const marksOnly: WritePlan = { writes: [], summary: null, unmetCells: a.plan.unmetCells, ledger: read.ledger, skipped: [] };
        return { plan: marksOnly, report: a.report };
      },
      { keepUndo: true },
    );
    return { ...result, kind: "validate", skipped: [], cellsWritten: 0 };
  }

  score(scope: Scope = "workbook"): Promise<RunResult> {
    return this.run("score", scope, (read) => {
      const a = this.engine.analyzeWorkbook(read.sheets, this.analyzeOptions(read));
      return { plan: a.plan, report: a.report };
    });
  }

  prepare(scope: Scope = "workbook"): Promise<RunResult> {
    return this.run("prepare", scope, (read) => ({ plan: this.engine.planPrepare(read.sheets, this.analyzeOptions(read)), report: null }));
  }

  clear(): Promise<RunResult> {
    return this.run("clear", "workbook", (read) => ({ plan: this.engine.planClear(read.sheets, read.ledger), report: null }));
  }

  private async run(
    kind: ActionKind,
    scope: Scope,
    decide: (read: WorkbookRead) => { plan: WritePlan; report: Report | null },
    opts: { keepUndo?: boolean } = {},
  ): Promise<RunResult> {
    this.check();
    const retries = this.opts.retries ?? 2;
    try {
      return await Excel.run(async (context) => {
        let stale: string[] = [];
        for (let attempt = 1; attempt <= retries + 1; attempt++) {
          this.progress("read");
          const read = await this.read(context, scope);
          this.progress("analyze");
          const decided = decide(read);
          const plan = mergeLedger(decided.plan, read);
          this.progress("write");
          const out = await writePlan(context, read, plan, kind, { cellProperties: hostSupport().cellProperties, ...this.opts.write });
          if (out.status === "protected") throw new ScorerError("protected", { sheets: out.sheets.join("、") });
          if (out.status === "stale") {
            stale = out.sheets;
            continue;
          }
          if (opts.keepUndo) {
            this.progress("done");
            return { kind, report: decided.report, skipped: [], cellsWritten: 0, stats: out.stats, attempts: attempt, decimals: this.decimals(decided.report) };
          }
          if (out.undo.summary && this.lastSummary && summaryMatches(read.summaryGrid, this.lastSummary)) out.undo.summary.plan = this.lastSummary;
          if (plan.summary) this.lastSummary = plan.summary;
          else if (plan.deleteSheets?.includes(core.SUMMARY_SHEET)) this.lastSummary = null;
          this.undoRecord = out.undo;
          this.progress("done");
          return {
            kind,
            report: decided.report,
            skipped: plan.skipped,
            cellsWritten: plan.writes.length + (plan.summary?.writes.length ?? 0),
            stats: out.stats,
            attempts: attempt,
            decimals: this.decimals(decided.report),
          };
        }
        throw new ScorerError("stale", { sheets: stale.join("、") });
      });
    } catch (e) {
      throw toScorerError(e);
    }
  }

  async undo(): Promise<RunResult> {
    this.check();
    const rec = this.undoRecord;
    if (!rec) throw new ScorerError("noUndo");
    try {
      const out = await Excel.run((context) => applyUndo(context, rec, this.opts.write));
      this.undoRecord = null;
      this.lastSummary = rec.summary ? (rec.summary.plan ?? null) : this.lastSummary;
      return { kind: "undo", report: null, skipped: [], cellsWritten: 0, stats: out.stats, attempts: 1, keptEdited: out.keptEdited, decimals: null };
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** Selects a finding's cell (activating its sheet). */
  async navigate(sheet: string, cell: string | null): Promise<void> {
    try {
      await Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        if (cell && parseA1(cell)) ws.getRange(cell).select();
        await context.sync();
      });
    } catch (e) {
      throw toScorerError(e);
    }
  }
}

export type { Scope, SheetGrid };
