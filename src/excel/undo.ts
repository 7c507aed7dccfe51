/**
 * Undo of the last run, from the in-memory UndoRecord: two rounds (look, then put back), each split into
 * requests sent together when large.
 * Cells the user changed after the run are left as the user left them (and counted).
 */
import { LEDGER_SHEET, SUMMARY_SHEET } from "../core";
import { loadRects } from "./bands";
import { ACTION_OVERHEAD } from "./blocks";
import { queueLoadMarks } from "./conditional";
import { ScorerError, asReadOnly } from "./errors";
import { ExecuteOptions, ExecuteStats, Structural, executeOps } from "./execute";
import { CellsOp, Op, opsFromWrites } from "./ops";
import {
  queueLedgerReset,
  UndoRecord,
  gridOps,
  ledgerOps,
  queueSummaryReset,
  queueWidths,
  removeLedgerSheet,
  widthRecordOps,
} from "./apply";

export interface UndoOutcome {
  stats: ExecuteStats;
  /** Cells kept because the user edited them after the run. */
  keptEdited: number;
}

/** The value Excel stores for what we assigned (a quote prefix is not part of the value). */
function stored(v: unknown): unknown {
  return typeof v === "string" && v.startsWith("'") ? v.slice(1) : v;
}

function same(current: unknown, assigned: unknown): boolean {
  if (current === assigned) return true;
  const s = stored(assigned);
  if (current === s) return true;
  if ((current === "" || current === null) && (s === "" || s === null)) return true;
  return String(current) === String(s) || String(current) === String(assigned);
}

export async function applyUndo(
  context: Excel.RequestContext,
  rec: UndoRecord,
  opts: ExecuteOptions & { readOnly?: boolean } = {}
): Promise<UndoOutcome> {
  const worksheets = context.workbook.worksheets;
  const proxies = new Map<string, Excel.Worksheet>();
  const ws = (name: string) => {
    let s = proxies.get(name);
    if (!s) proxies.set(name, (s = worksheets.getItem(name)));
    return s;
  };
  const marks = rec.sheets.map((name) => queueLoadMarks(ws(name), name));
  const summary = worksheets.getItemOrNullObject(SUMMARY_SHEET);
  summary.load("name");
  const ledger = worksheets.getItemOrNullObject(LEDGER_SHEET);
  ledger.load("name");
  const protection = context.workbook.protection;
  protection.load("protected");
  // Workbook.readOnly (ExcelApi 1.8): asked for only where the host has it, as by the read.
  if (opts.readOnly) context.workbook.load("readOnly");
  // What the written cells hold now: values in bands, so that the answer stays under 5 MB (bands.ts).
  const [now] = await Promise.all([
    loadRects(
      null,
      rec.written.map((op) => ({ sheet: op.sheet, rect: op.rect, props: ["values"] as const })),
      opts
    ),
    context.sync(),
  ]);
  const current = rec.written.map((op, i) => ({ op, values: now[i].values ?? [] }));

  // Which written cells still hold what we wrote?
  const edited = new Set<string>();
  for (const { op, values } of current) {
    for (let i = 0; i < op.rect.rows; i++) {
      for (let j = 0; j < op.rect.cols; j++) {
        const assigned = op.values?.[i]?.[j];
        if (assigned === null || assigned === undefined) continue;
        if (!same(values[i]?.[j], assigned))
          edited.add(`${op.sheet}!${op.rect.row + i},${op.rect.col + j}`);
      }
    }
  }
  const keep = (sheet: string, row: number, col: number) => edited.has(`${sheet}!${row},${col}`);
  const cells: Op[] = rec.cells.map((op): CellsOp => {
    if (!edited.size) return op;
    const mask = <T>(a: T[][] | undefined) =>
      a?.map((row, i) =>
        row.map((v, j) => (keep(op.sheet, op.rect.row + i, op.rect.col + j) ? null : v))
      );
    return { ...op, values: mask(op.values), numberFormat: mask(op.numberFormat) };
  });

  // As in writePlan: with the workbook's structure protected, nothing that adds or removes a sheet is sent.
  if (protection.protected) {
    const summaryNow = !summary.isNullObject;
    const summaryChange = rec.summary !== null && rec.summary.existed !== summaryNow;
    if (summaryChange || rec.ledgerExisted === ledger.isNullObject)
      throw new ScorerError("workbookProtected");
  }

  const ours = marks.flatMap((m) => m.ours());
  const structural: Structural[] = [
    { bytes: ours.length * ACTION_OVERHEAD, queue: () => ours.forEach((m) => m.cf.delete()) },
  ];
  structural.push({
    bytes: rec.widths.length * 3 * ACTION_OVERHEAD,
    queue: (ctx) => queueWidths(ctx, rec.widths),
  });
  const dependent: Op[] = [];
  if (rec.summary) {
    const { existed, grid } = rec.summary;
    const existsNow = !summary.isNullObject;
    if (!existed && existsNow) {
      structural.push({
        bytes: 2 * ACTION_OVERHEAD,
        queue: (ctx) => ctx.workbook.worksheets.getItem(SUMMARY_SHEET).delete(),
      });
    } else if (existed && rec.summary.plan) {
      // The summary this session wrote before: rebuilt exactly (bold, links, widths included).
      const plan = rec.summary.plan;
      structural.push({
        bytes: (3 + 2 * plan.columnWidths.length) * ACTION_OVERHEAD,
        queue: (ctx) => queueSummaryReset(ctx, plan, existsNow),
      });
      dependent.push(
        ...opsFromWrites(
          plan.writes.map((w) => ({ ...w, sheet: plan.name })),
          () => undefined
        )
      );
    } else if (existed) {
      // A summary from an earlier session: its values and number formats come back.
      structural.push({
        bytes: 3 * ACTION_OVERHEAD,
        queue: (ctx) =>
          (existsNow
            ? ctx.workbook.worksheets.getItem(SUMMARY_SHEET)
            : ctx.workbook.worksheets.add(SUMMARY_SHEET)
          )
            .getRange()
            .clear("All"),
      });
      if (grid) dependent.push(...gridOps(grid));
    }
  }
  if (!rec.ledgerExisted) {
    if (!ledger.isNullObject)
      structural.push({ bytes: 3 * ACTION_OVERHEAD, queue: (ctx) => removeLedgerSheet(ctx) });
  } else {
    structural.push({
      bytes: 4 * ACTION_OVERHEAD,
      queue: (ctx) => queueLedgerReset(ctx, !ledger.isNullObject, !protection.protected),
    });
    dependent.push(...ledgerOps(rec.ledgerRows), ...widthRecordOps(rec.widthRecords));
  }
  const styles: Op[] = rec.styles.filter(
    (s) => !edited.size || !keep(s.sheet, s.rect.row, s.rect.col) || s.rect.rows * s.rect.cols > 1
  );
  const marksBack: Op[] = rec.marks.map((m) => ({ kind: "mark", ...m }));
  // Refused in a workbook open read-only (on the web): said as such; the session keeps the record.
  const stats = await executeOps(
    context,
    structural,
    dependent,
    [...cells, ...styles, ...marksBack],
    opts
  ).catch((e: unknown) => {
    throw asReadOnly(e, !!opts.readOnly && context.workbook.readOnly);
  });
  return { stats, keptEdited: edited.size };
}
