/**
 * The actions of the task pane and the ribbon command, each one Excel.run({ delayForCellEdit: true })
 * (while the user types in a cell, Excel holds the requests rather than failing some of them). Counts are
 * round trips: the read takes two at any size (its bands sent together, bands.ts); the write one per
 * request, its requests sent one after another (execute.ts) — one at 10 rows or 10,000 typical rows.
 *   validate  dims → cells (bands) → analyze → mark unmet targets   3 rounds (no value written)
 *   score     dims → cells (bands) → analyze → write               3 rounds
 *   prepare   dims → cells (bands) → planPrepare → write           3 rounds
 *   clear     dims → cells (bands) → planClear → write             3 rounds
 *   undo      look → put back                                      2 rounds
 * Edits made while the add-in works: the write's own requests load, before writing, what they overwrite
 * (the Undo snapshot); a cell that no longer holds what the read saw stops the write, which is taken back
 * at once from those loads (two rounds) and read again — whenever, or whether, Excel's events arrive. The
 * worksheet.onChanged handlers registered in the first round (watch.ts) are only the fast path: a sheet
 * they say changed is read again before anything is written. They are removed with the write.
 * A request Excel refuses part-way: what had landed is put back from the undo record, and the error says
 * so. Before writing, the read has checked that every sheet the write touches (the tool's own included)
 * exists and is not protected.
 * Reading the whole workbook takes one more round when the sheet names are not known (warmUp learns them);
 * so does a result column far right of the used range (its width, WIDTH_MARGIN), and an error path (the
 * removal of the handlers).
 * A workbook open read-only (Workbook.readOnly, ExcelApi 1.8) is written as any other: desktop Excel takes
 * the writes (they need Save As, which the pane says); where Excel refuses them (the web in view mode) the
 * refusal is said as such, and Validate still gives its report, without its marks.
 * No business logic here: the engine decides, this module moves data in and out of Excel.
 */
import * as core from "../core";
import {
  AnalyzeOptions,
  Issue,
  Lang,
  Ledger,
  ProfileOverrides,
  Report,
  SheetGrid,
  SummarySheetPlan,
  WritePlan,
  parseA1,
} from "../core";
import {
  ActionKind,
  NotApplied,
  UndoRecord,
  WriteOptions,
  WriteOutcome,
  summaryMatches,
  writePlan,
} from "./apply";
import { ScorerError, asReadOnly, toScorerError } from "./errors";
import { ExecuteStats } from "./execute";
import { Scope, WorkbookRead, readWorkbook } from "./read";
import { hostSupport } from "./requirements";
import { SheetRef } from "./sheets";
import { applyUndo } from "./undo";
import { ChangeWatch } from "./watch";

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
  /**
   * Below ExcelApi 1.9, asked before writing when too many cells' fills and fonts would have to be saved
   * one by one for Undo: true writes anyway (Undo then leaves those formats), false writes nothing.
   */
  confirmFormatLoss?: (cells: number) => Promise<boolean>;
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
  /** Cells the user changed while the write was landing on them: it was taken back, and the sheet read
   *  again (A1 addresses with their sheet). */
  changedCells?: string[];
  /** Cells whose fill and font Undo will not restore (below ExcelApi 1.9, the user agreed). */
  formatsUnsaved?: number;
  /** The workbook is open read-only: "written" (desktop: Save As keeps it), or "refused" (Validate, where
   *  Excel took no write: the report without the marks of unmet targets). */
  readOnly?: "written" | "refused";
  /** What this Excel could not do and left out (below ExcelApi 1.9: page setup, the form's own styles on
   *  added columns, print areas), by sheet: for the pane to say (apply.ts NotApplied). */
  notApplied?: NotApplied;
  /** inspect(): some table of the report has outputs of this tool in the sheet (its ledger records cells
   *  on the table's sheet); false: the figures are worked out, not written. */
  inSheet?: boolean;
  /** The tool's own sheets the write made or rebuilt (评分汇总, 绩效自评表), in the plan's order. */
  ownSheets?: string[];
}

/** Keeps the ledger entries of sheets this run did not read (active-sheet scope), whatever the engine returns. */
export function mergeLedger(plan: WritePlan, read: WorkbookRead): WritePlan {
  const readNames = new Set(read.sheets.map((s) => s.name));
  let ledger: Ledger | null = null;
  const kept = (sheet: string) => !readNames.has(sheet) && sheet !== core.SUMMARY_SHEET;
  for (const sheet of read.ledger.ownedSheets().filter(kept)) {
    if (plan.ledger.ownsSheet(sheet)) continue;
    ledger ??= new core.Ledger(plan.ledger);
    ledger.addSheet(sheet);
  }
  for (const sheet of read.ledger.sheetsWithCells().filter(kept)) {
    for (const [row, col, value] of read.ledger.cellsOf(sheet)) {
      if (plan.ledger.has(sheet, row, col)) continue;
      ledger ??= new core.Ledger(plan.ledger);
      ledger.set(sheet, row, col, value);
    }
  }
  for (const sheet of read.ledger.sheetsWithWidths().filter(kept)) {
    for (const [col, width] of read.ledger.widthsOf(sheet)) {
      if (plan.ledger.width(sheet, col) !== undefined) continue;
      ledger ??= new core.Ledger(plan.ledger);
      ledger.setWidth(sheet, col, width);
    }
  }
  return ledger ? { ...plan, ledger } : plan;
}

/**
 * The sheets after a write of `plan`: those read, with the tool's own sheets the write added (by name: their
 * ids are not known without one more load, and getItem takes a name as well) and without those it removed.
 */
export function refsAfter(refs: readonly SheetRef[], plan: WritePlan): SheetRef[] {
  const { SUMMARY_SHEET, LEDGER_SHEET } = core;
  const removed = (name: string) =>
    !!plan.deleteSheets?.includes(name) || (name === LEDGER_SHEET && plan.ledger.size === 0);
  const out = refs.filter((r) => !removed(r.name));
  const add = (name: string) => {
    if (!out.some((r) => r.name === name)) out.push({ id: name, name });
  };
  if (plan.summary) add(SUMMARY_SHEET);
  if (plan.forms) add(plan.forms.name);
  if (plan.ledger.size > 0) add(LEDGER_SHEET);
  return out;
}

/** The own sheets a plan builds, for the pane to name what was made. */
function ownSheetsOf(plan: WritePlan): Pick<RunResult, "ownSheets"> {
  const names = [plan.summary?.name, plan.forms?.name].filter((n): n is string => !!n);
  return names.length ? { ownSheets: names } : {};
}

/** An undo record of a run that changed nothing: no cell, style, width, mark, summary or ledger. */
export function emptyUndo(u: UndoRecord): boolean {
  return (
    !u.cells.length &&
    !u.styles.length &&
    !u.written.length &&
    !u.summary &&
    !u.marks.length &&
    !u.widths.length &&
    !u.widthRecords.length
  );
}

export class Session {
  private undoRecord: UndoRecord | null = null;
  /** The summary plan this session last wrote, so that Undo can rebuild it exactly. */
  private lastSummary: SummarySheetPlan | null = null;
  /** The forms plan this session last wrote (same use as lastSummary). */
  private lastForms: SummarySheetPlan | null = null;
  private readonly engine: Engine;
  /** The sheets (ids and names) of the last read: lets the next read locate every used range in its first
   *  round, and find a sheet renamed since by its id. */
  private refs: SheetRef[] | undefined;

  constructor(private readonly opts: SessionOptions = {}) {
    this.engine = opts.engine ?? core;
  }

  get canUndo(): boolean {
    return this.undoRecord !== null;
  }

  private analyzeOptions(read: WorkbookRead): AnalyzeOptions {
    return {
      profile: this.opts.profile?.() ?? {},
      lang: this.opts.lang?.() ?? "zh",
      ledger: read.ledger,
    };
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

  private async read(
    context: Excel.RequestContext,
    scope: Scope,
    watch?: ChangeWatch
  ): Promise<WorkbookRead> {
    const read = await readWorkbook(
      context,
      scope,
      this.refs,
      {
        mergedAreas: hostSupport().mergedAreas,
        pageLayout: hostSupport().pageLayout,
        readOnly: hostSupport().readOnly,
        ...this.opts.write,
      },
      watch
    );
    this.refs = read.refs;
    return read;
  }

  /** Learns the sheet names (one sync), so that the first Score of the session is as cheap as the next. */
  async warmUp(): Promise<void> {
    try {
      await Excel.run({ delayForCellEdit: true }, async (context) => {
        const ws = context.workbook.worksheets;
        ws.load("items/name,items/id");
        await context.sync();
        this.refs = ws.items.map((w) => ({ id: w.id, name: w.name }));
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
        const marksOnly: WritePlan = {
          writes: [],
          runs: [],
          summary: null,
          unmetCells: a.plan.unmetCells,
          ledger: read.ledger,
          skipped: [],
        };
        return { plan: marksOnly, report: a.report };
      },
      { keepUndo: true }
    );
    return { ...result, kind: "validate", skipped: [], cellsWritten: 0 };
  }

  /**
   * The report on the sheets as they are, writing nothing (not even Validate's marks) and keeping the undo
   * record: what the pane shows after Undo or Clear (issue 18). One read, no write.
   */
  async inspect(scope: Scope = "workbook"): Promise<RunResult> {
    this.check();
    try {
      return await Excel.run({ delayForCellEdit: true }, async (context) => {
        const read = await this.read(context, scope);
        const { report } = this.engine.analyzeWorkbook(read.sheets, this.analyzeOptions(read));
        const written = new Set(read.ledger.sheetsWithCells());
        return {
          kind: "validate" as const,
          report,
          skipped: [],
          cellsWritten: 0,
          stats: null,
          attempts: 1,
          decimals: this.decimals(report),
          inSheet: report.tables.some((t) => written.has(t.sheet)),
        };
      });
    } catch (e) {
      throw toScorerError(e);
    }
  }

  score(scope: Scope = "workbook"): Promise<RunResult> {
    return this.run("score", scope, (read) => {
      const a = this.engine.analyzeWorkbook(read.sheets, this.analyzeOptions(read));
      return { plan: a.plan, report: a.report };
    });
  }

  prepare(scope: Scope = "workbook"): Promise<RunResult> {
    return this.run("prepare", scope, (read) => ({
      plan: this.engine.planPrepare(read.sheets, this.analyzeOptions(read)),
      report: null,
    }));
  }

  clear(): Promise<RunResult> {
    return this.run("clear", "workbook", (read) => ({
      plan: this.engine.planClear(read.sheets, read.ledger),
      report: null,
    }));
  }

  private async run(
    kind: ActionKind,
    scope: Scope,
    decide: (read: WorkbookRead) => { plan: WritePlan; report: Report | null },
    opts: { keepUndo?: boolean } = {}
  ): Promise<RunResult> {
    this.check();
    const retries = this.opts.retries ?? 2;
    try {
      // delayForCellEdit: while the user is typing in a cell, Excel holds the run's requests instead of
      // failing some of them (Excel.RunOptions).
      return await Excel.run({ delayForCellEdit: true }, async (context) => {
        let stale: string[] = [];
        let changedCells: string[] = [];
        let watch: ChangeWatch | null = null;
        try {
          for (let attempt = 1; attempt <= retries + 1; attempt++) {
            this.progress("read");
            // The previous attempt's handlers (if any) are removed by this read's first sync.
            watch?.removeAll();
            watch = new ChangeWatch();
            const read = await this.read(context, scope, watch);
            this.progress("analyze");
            const decided = decide(read);
            const plan = mergeLedger(decided.plan, read);
            // The fast path: edited since the read, as far as the notifications on their way tell? Read
            // again. They may come late or never: the write checks the cells it overwrites itself.
            await watch.settle();
            if (watch.changed.size) {
              stale = [...watch.changed];
              continue;
            }
            watch.disarm();
            this.progress("write");
            // What Validate gives back: its report, whatever Excel did with its marks.
            const validated = (stats: ExecuteStats | null, extra: Pick<RunResult, "readOnly">) => {
              this.progress("done");
              return {
                kind,
                report: decided.report,
                skipped: [],
                cellsWritten: 0,
                stats,
                attempts: attempt,
                decimals: this.decimals(decided.report),
                ...extra,
              };
            };
            const out = await writePlan(
              context,
              read,
              plan,
              kind,
              {
                cellProperties: hostSupport().cellProperties,
                pageLayout: hostSupport().pageLayout,
                confirmFormatLoss: this.opts.confirmFormatLoss,
                ...this.opts.write,
              },
              watch
            );
            if (out.status === "protected")
              throw new ScorerError("protected", { sheets: out.sheets.join("、") });
            if (out.status === "workbookProtected") throw new ScorerError("workbookProtected");
            if (out.status === "notOurs")
              // The engine never plans this (it reads the same ledger): a defence, said as an internal error.
              throw new ScorerError("engine", { sheets: out.sheets.join("、") });
            if (out.status === "missing")
              throw new ScorerError("notFound", { sheets: out.sheets.join("、") });
            if (out.status === "formatsNotRestorable")
              throw new ScorerError("formatsNotRestorable", { count: out.cells });
            if (out.status === "changed") {
              // The user typed into cells the write was overwriting: it is taken back at once, from what
              // its own requests loaded (the user's content included), and the sheet is read again.
              try {
                await this.rollBack(context, out.undo, read);
              } catch {
                this.keep(out.undo, read, plan); // Undo can finish it
                throw new ScorerError("changedDuringWrite", {
                  cells: out.cells.join("、"),
                  rolledBack: "failed",
                });
              }
              changedCells = out.cells;
              stale = [...new Set(out.cells.map((c) => c.slice(0, c.lastIndexOf("!"))))];
              continue;
            }
            if (out.status === "failed") {
              const err = asReadOnly(out.error, read.workbookReadOnly);
              // Validate's report needs no write: given without its marks when Excel takes none.
              if (
                opts.keepUndo &&
                out.nothingLanded &&
                err instanceof ScorerError &&
                err.code === "readOnly"
              )
                return validated(null, { readOnly: "refused" });
              throw await this.failed(context, err, out, read, plan, !!opts.keepUndo);
            }
            this.refs = refsAfter(read.refs, plan);
            const readOnly = read.workbookReadOnly ? { readOnly: "written" as const } : {};
            if (opts.keepUndo) return validated(out.stats, readOnly);
            // A run that changed nothing (a sheet with no table) leaves nothing to undo: the record of
            // the last run that did change something stays.
            if (!emptyUndo(out.undo)) this.keep(out.undo, read, plan);
            this.progress("done");
            return {
              kind,
              report: decided.report,
              skipped: plan.skipped,
              cellsWritten: core.cellWriteCount(plan) + (plan.summary?.writes.length ?? 0),
              ...ownSheetsOf(plan),
              stats: out.stats,
              attempts: attempt,
              decimals: this.decimals(decided.report),
              ...(changedCells.length ? { changedCells } : {}),
              ...(out.undo.formatsUnsaved ? { formatsUnsaved: out.undo.formatsUnsaved } : {}),
              ...(out.notApplied ? { notApplied: out.notApplied } : {}),
              ...readOnly,
            };
          }
          if (changedCells.length)
            throw new ScorerError("changedDuringWrite", { cells: changedCells.join("、") });
          throw new ScorerError("stale", { sheets: stale.join("、") });
        } finally {
          // Not removed by a write (an error, a protected sheet, a sheet that kept changing): one more sync.
          if (watch?.active) {
            watch.removeAll();
            await context.sync().catch(() => undefined);
          }
        }
      });
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** Keeps `undo` as the record of the last run (and the summary plan that rebuilds it exactly). */
  private keep(undo: UndoRecord, read: WorkbookRead, plan: WritePlan): void {
    this.withSummaryPlan(undo, read);
    if (plan.summary) this.lastSummary = plan.summary;
    else if (plan.deleteSheets?.includes(core.SUMMARY_SHEET)) this.lastSummary = null;
    if (plan.forms) this.lastForms = plan.forms;
    else if (undo.forms && !plan.forms) this.lastForms = null;
    this.undoRecord = undo;
  }

  /** The summary this session wrote, when the sheet still shows it: Undo rebuilds it exactly. */
  private withSummaryPlan(undo: UndoRecord, read: WorkbookRead): void {
    if (undo.summary && this.lastSummary && summaryMatches(read.summaryGrid, this.lastSummary))
      undo.summary.plan = this.lastSummary;
    const forms = undo.forms;
    const lastForms = this.lastForms;
    if (forms && lastForms && forms.name === lastForms.name) {
      const grid = read.sheets.find((g) => g.name === forms.name) ?? null;
      if (summaryMatches(grid, lastForms)) forms.plan = lastForms;
    }
  }

  /** Puts back what a stopped write had landed, in the same run; throws when it could not all be. */
  private async rollBack(
    context: Excel.RequestContext,
    undo: UndoRecord,
    read: WorkbookRead
  ): Promise<void> {
    this.withSummaryPlan(undo, read);
    const out = await applyUndo(context, undo, {
      readOnly: hostSupport().readOnly,
      pageLayout: hostSupport().pageLayout,
      ...this.opts.write,
      bestEffort: true,
    });
    // Sheets protected meanwhile kept what landed there: not all put back (Undo can finish later).
    if (out.skippedSheets.length)
      throw new ScorerError("protected", { sheets: out.skippedSheets.join("、") });
  }

  /**
   * A write Excel refused part-way: what had landed is put back from the undo record, and the error says
   * so (`rolledBack`). Should putting back fail too, the record is kept, so that Undo can finish it.
   */
  private async failed(
    context: Excel.RequestContext,
    err: unknown,
    out: Extract<WriteOutcome, { status: "failed" }>,
    read: WorkbookRead,
    plan: WritePlan,
    keepUndo: boolean
  ): Promise<ScorerError> {
    const e = toScorerError(err);
    if (out.nothingLanded) return e;
    try {
      await this.rollBack(context, out.undo, read);
      const formats: Record<string, number> = out.undo.formatsUnsaved
        ? { formats: out.undo.formatsUnsaved }
        : {};
      return new ScorerError(e.code, { ...e.params, rolledBack: "yes", ...formats }, e.message);
    } catch (again) {
      // The first request refused for access, and the put-back refused the same way: Excel takes no
      // write in this workbook (view mode where Workbook.readOnly cannot be asked, below ExcelApi 1.8),
      // so nothing had landed.
      if (out.first && e.code === "accessDenied" && toScorerError(again).code === "accessDenied")
        return e;
      if (!keepUndo) this.keep(out.undo, read, plan);
      else this.undoRecord = out.undo;
      return new ScorerError(e.code, { ...e.params, rolledBack: "failed" }, e.message);
    }
  }

  async undo(): Promise<RunResult> {
    this.check();
    const rec = this.undoRecord;
    if (!rec) throw new ScorerError("noUndo");
    try {
      const out = await Excel.run({ delayForCellEdit: true }, (context) =>
        applyUndo(context, rec, {
          readOnly: hostSupport().readOnly,
          pageLayout: hostSupport().pageLayout,
          ...this.opts.write,
        })
      );
      this.undoRecord = null;
      this.lastSummary = rec.summary ? (rec.summary.plan ?? null) : this.lastSummary;
      this.lastForms = rec.forms ? (rec.forms.plan ?? null) : this.lastForms;
      return {
        kind: "undo",
        report: null,
        skipped: [],
        cellsWritten: 0,
        stats: out.stats,
        attempts: 1,
        keptEdited: out.keptEdited,
        decimals: null,
      };
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** Selects a finding's cell (activating its sheet). */
  async navigate(sheet: string, cell: string | null): Promise<void> {
    try {
      await Excel.run({ delayForCellEdit: true }, async (context) => {
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
