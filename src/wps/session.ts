/**
 * The pane's and the ribbon's actions in WPS 表格, on the same engine as the Excel add-in: read the
 * workbook (read.ts), let the engine decide (analyzeWorkbook / planPrepare / planClear), write the plan's
 * operations (core planOps, apply.ts), keep what puts them back for Undo. WPS's calls are synchronous, so a
 * run is one uninterrupted sequence: nobody edits the sheet between its read and its write.
 * Validate writes nothing (the Excel add-in's conditional marks of unmet actual cells are not made here).
 */
import * as core from "../core";
import {
  AnalyzeOptions,
  Lang,
  ProfileOverrides,
  Report,
  WriteOp,
  WritePlan,
  parseA1,
} from "../core";
import { ScorerError, toScorerError } from "../excel/errors";
import { RunResult, mergeLedger } from "../excel/session";
import type { WorkbookRead } from "../excel/read";
import { WpsApplication, WpsWorkbook, wpsApp } from "./api";
import { WriteFailed, Writer } from "./apply";
import { Scope, WpsRead, readWorkbook } from "./read";

export type { RunResult, Scope };

export interface Engine {
  analyzeWorkbook: typeof core.analyzeWorkbook;
  planPrepare: typeof core.planPrepare;
  planClear: typeof core.planClear;
}

export interface WpsSessionOptions {
  /** WPS's Application (default: the global one). */
  app?: () => WpsApplication | null;
  engine?: Engine;
  lang?: () => Lang;
  profile?: () => ProfileOverrides;
  onProgress?: (step: "read" | "analyze" | "write" | "done") => void;
}

type Kind = "score" | "prepare" | "clear";

/** The sheets an operation writes to. */
function sheetOf(op: WriteOp): string {
  if (op.kind === "ledger") return core.LEDGER_SHEET;
  return op.kind === "sheet" ? op.name : op.sheet;
}

export class WpsSession {
  /** The last write, which Undo takes back. */
  private last: Writer | null = null;
  private readonly engine: Engine;

  constructor(private readonly opts: WpsSessionOptions = {}) {
    this.engine = opts.engine ?? core;
  }

  get canUndo(): boolean {
    return this.last !== null;
  }

  private app(): { app: WpsApplication; wb: WpsWorkbook } {
    const app = (this.opts.app ?? wpsApp)();
    if (!app) throw new ScorerError("unsupported");
    const wb = app.ActiveWorkbook;
    if (!wb) throw new ScorerError("api", { detail: "没有打开的工作簿 (no workbook is open)" });
    return { app, wb };
  }

  private analyzeOptions(read: WpsRead): AnalyzeOptions {
    return {
      profile: this.opts.profile?.() ?? {},
      lang: this.opts.lang?.() ?? "zh",
      ledger: read.ledger,
    };
  }

  private result(
    kind: RunResult["kind"],
    report: Report | null,
    plan: WritePlan | null
  ): RunResult {
    this.opts.onProgress?.("done");
    return {
      kind,
      report,
      skipped: plan?.skipped ?? [],
      cellsWritten: plan ? core.cellWriteCount(plan) + (plan.summary?.writes.length ?? 0) : 0,
      stats: null,
      attempts: 1,
      decimals: report ? core.resolveProfile(this.opts.profile?.() ?? {}).decimals : null,
    };
  }

  async validate(scope: Scope = "workbook"): Promise<RunResult> {
    try {
      const { wb } = this.app();
      this.opts.onProgress?.("read");
      const read = readWorkbook(wb, scope);
      this.opts.onProgress?.("analyze");
      const a = this.engine.analyzeWorkbook(read.sheets, this.analyzeOptions(read));
      const written = new Set(read.ledger.sheetsWithCells());
      return {
        ...this.result("validate", a.report, null),
        inSheet: a.report.tables.some((t) => written.has(t.sheet)),
      };
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** The report on the sheets as they now are, writing nothing (the pane's view after Undo and Clear). */
  inspect(scope: Scope = "workbook"): Promise<RunResult> {
    return this.validate(scope);
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
    kind: Kind,
    scope: Scope,
    decide: (read: WpsRead) => { plan: WritePlan; report: Report | null }
  ): Promise<RunResult> {
    try {
      const { app, wb } = this.app();
      this.opts.onProgress?.("read");
      const read = readWorkbook(wb, scope);
      this.opts.onProgress?.("analyze");
      const decided = decide(read);
      // The ledger entries of sheets this run did not read (active-sheet scope) are kept, as in Excel.
      const plan = mergeLedger(
        decided.plan,
        read as Pick<WorkbookRead, "sheets" | "ledger"> as WorkbookRead
      );
      const ops = core.planOps(plan);
      this.preflight(read, ops);
      this.opts.onProgress?.("write");
      const writer = new Writer(app, wb);
      try {
        writer.applyAll(ops);
      } catch (e) {
        if (!(e instanceof WriteFailed)) throw e;
        const err = toScorerError(e.cause);
        throw new ScorerError(
          err.code,
          { ...err.params, rolledBack: e.rolledBack ? "yes" : "failed" },
          err.message
        );
      }
      // A run that changed nothing (a sheet with no table) leaves nothing to undo: the record of the last
      // run that did change something stays, as in the Excel add-in.
      if (writer.restores.length) this.last = writer;
      return this.result(kind, decided.report, plan);
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** Refuses before writing anything when a sheet the write touches is protected, or sheets must be added
   *  or removed in a workbook whose structure is protected. */
  private preflight(read: WpsRead, ops: readonly WriteOp[]): void {
    const touched = new Set(ops.map(sheetOf));
    const prot = read.protectedSheets.filter((s) => touched.has(s));
    if (prot.length) throw new ScorerError("protected", { sheets: prot.join("、") });
    const structural = ops.some(
      (op) =>
        (op.kind === "sheet" && (op.action === "delete" || !read.names.includes(op.name))) ||
        (op.kind === "ledger" && read.names.includes(core.LEDGER_SHEET) !== op.rows.length > 0)
    );
    if (structural && read.workbookProtected) throw new ScorerError("workbookProtected");
  }

  async undo(): Promise<RunResult> {
    const last = this.last;
    if (!last) throw new ScorerError("noUndo");
    try {
      this.app();
      last.undo();
      this.last = null;
      return { ...this.result("undo", null, null), keptEdited: last.keptEdited };
    } catch (e) {
      throw toScorerError(e);
    }
  }

  /** Selects a finding's cell (activating its sheet). */
  async navigate(sheet: string, cell: string | null): Promise<void> {
    try {
      const ws = this.app().wb.Worksheets.Item(sheet);
      ws.Activate();
      if (cell && parseA1(cell)) ws.Range(cell).Select();
    } catch (e) {
      throw toScorerError(e);
    }
  }
}
