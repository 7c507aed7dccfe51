/**
 * Undo of the last run, from the in-memory UndoRecord: two rounds (look, then put back), each split into
 * requests sent together when large.
 * Cells the user changed after the run are left as the user left them (and counted).
 */
import { LEDGER_SHEET, SUMMARY_SHEET, writeOpsOfCells } from "../core";
import { loadRects } from "./bands";
import { ACTION_OVERHEAD } from "./blocks";
import { queueLoadMarks } from "./conditional";
import { ScorerError, asReadOnly } from "./errors";
import { ExecuteOptions, ExecuteStats, Structural, executeOps } from "./execute";
import { CellsOp, Op, layoutOps, opsFromWriteOps, styleMergedAreas } from "./ops";
import { keyOf } from "./sheets";
import {
  OwnSheetRecord,
  queueLedgerReset,
  UndoRecord,
  gridOps,
  ledgerOps,
  ownSheetResetBytes,
  queueOwnSheetReset,
  queueWidths,
  removeLedgerSheet,
  widthRecordOps,
} from "./apply";
import { rectAddress } from "./ops";

export interface UndoOutcome {
  stats: ExecuteStats;
  /** Cells kept because the user edited them after the run. */
  keptEdited: number;
  /** Best effort (a rollback): protected user sheets left as they are. */
  skippedSheets: string[];
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
  opts: ExecuteOptions & {
    readOnly?: boolean;
    /** A rollback: what can be put back is, around user sheets protected meanwhile (else refused whole). */
    bestEffort?: boolean;
    /** ExcelApi 1.9: an own sheet rebuilt from its plan gets its page setup back too. */
    pageLayout?: boolean;
  } = {}
): Promise<UndoOutcome> {
  const worksheets = context.workbook.worksheets;
  // A sheet of the record is found by its id: renamed since, it is still found; deleted, the look below
  // fails before anything is written.
  const key = keyOf(rec.refs ?? []);
  const proxies = new Map<string, Excel.Worksheet>();
  const ws = (name: string) => {
    let s = proxies.get(name);
    if (!s) proxies.set(name, (s = worksheets.getItem(key(name))));
    return s;
  };
  // Whether the tool's own sheets exist, and every sheet's protection (the preflight of the put-back),
  // from the collection: no *OrNullObject result to trust.
  worksheets.load("items/name,items/id,items/protection/protected");
  const marks = rec.sheets.map((name) => queueLoadMarks(ws(name), name));
  const protection = context.workbook.protection;
  protection.load("protected");
  // Workbook.readOnly (ExcelApi 1.8): asked for only where the host has it, as by the read.
  if (opts.readOnly) context.workbook.load("readOnly");
  // Print areas to remove: whether the sheet has one now (a null object otherwise: nothing to remove).
  const areasNow = (rec.printAreas ?? []).map((p) =>
    p.area ? null : ws(p.sheet).pageLayout.getPrintAreaOrNullObject()
  );
  // What the written cells hold now: values in bands, so that the answer stays under 5 MB (bands.ts).
  const [now] = await Promise.all([
    loadRects(
      null,
      rec.written.map((op) => ({ sheet: op.sheet, rect: op.rect, props: ["values"] as const })),
      { ...opts, sheetKey: key, heldContext: context }
    ),
    context.sync(),
  ]);
  const summaryNow = worksheets.items.find((w) => w.name === SUMMARY_SHEET);
  const ledgerNow = worksheets.items.find((w) => w.name === LEDGER_SHEET);
  const forms = rec.forms ?? null;
  const formsNow = forms ? worksheets.items.find((w) => w.name === forms.name) : undefined;
  const ids = new Set(
    [
      ...rec.sheets,
      ...rec.cells.map((o) => o.sheet),
      ...rec.styles.map((o) => o.sheet),
      ...rec.marks.map((m) => m.sheet),
      ...rec.widths.map((w) => w.sheet),
      ...(rec.printAreas ?? []).map((p) => p.sheet),
      ...(rec.formats ?? []).map((f) => f.sheet),
    ].map(key)
  );
  const blockedItems = worksheets.items.filter(
    (w) =>
      w.protection.protected &&
      (ids.has(w.id) ||
        (w === summaryNow && rec.summary !== null) ||
        (w === formsNow && forms !== null) ||
        (w === ledgerNow && rec.ledgerExisted))
  );
  const ownBlocked = blockedItems.some(
    (w) => w === summaryNow || w === ledgerNow || (!!formsNow && w === formsNow)
  );
  if (blockedItems.length && (!opts.bestEffort || ownBlocked))
    throw new ScorerError("protected", { sheets: blockedItems.map((w) => w.name).join("、") });
  const blockedIds = new Set(blockedItems.map((w) => w.id));
  const open = (sheet: string) => !blockedIds.has(key(sheet));
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
    const summaryChange = rec.summary !== null && rec.summary.existed !== !!summaryNow;
    const formsChange = forms !== null && forms.existed !== !!formsNow;
    if (summaryChange || formsChange || rec.ledgerExisted !== !!ledgerNow)
      throw new ScorerError("workbookProtected");
  }

  const ours = marks.flatMap((m) => m.ours()).filter((m) => open(m.sheet));
  const structural: Structural[] = [
    { bytes: ours.length * ACTION_OVERHEAD, queue: () => ours.forEach((m) => m.cf.delete()) },
  ];
  structural.push({
    bytes: rec.widths.length * 3 * ACTION_OVERHEAD,
    queue: (ctx) =>
      queueWidths(
        ctx,
        rec.widths.filter((w) => open(w.sheet)),
        key
      ),
  });
  const dependent: Op[] = [];
  // The tool's own sheets as they were: removed if the run made them; rebuilt exactly from the plan this
  // session wrote (styles, merges, page setup included); else their values and number formats.
  const ownBack = (name: string, r: Omit<OwnSheetRecord, "name">, existsNow: boolean) => {
    const { existed, grid } = r;
    if (!existed && existsNow) {
      structural.push({
        bytes: 2 * ACTION_OVERHEAD,
        queue: (ctx) => ctx.workbook.worksheets.getItem(name).delete(),
      });
    } else if (existed && r.plan) {
      const plan = r.plan;
      structural.push({
        bytes: ownSheetResetBytes(plan),
        queue: (ctx) => queueOwnSheetReset(ctx, plan, existsNow, !!opts.pageLayout),
      });
      dependent.push(
        ...layoutOps(plan.name, plan.layout, !!opts.pageLayout),
        ...styleMergedAreas(
          opsFromWriteOps(
            writeOpsOfCells(plan.writes.map((w) => ({ ...w, sheet: plan.name }))),
            () => undefined
          ),
          plan.layout?.merges ?? []
        )
      );
    } else if (existed) {
      structural.push({
        bytes: 3 * ACTION_OVERHEAD,
        queue: (ctx) =>
          (existsNow ? ctx.workbook.worksheets.getItem(name) : ctx.workbook.worksheets.add(name))
            .getRange()
            .clear("All"),
      });
      if (grid) dependent.push(...gridOps(grid));
    }
  };
  if (rec.summary) ownBack(SUMMARY_SHEET, rec.summary, !!summaryNow);
  if (forms) ownBack(forms.name, forms, !!formsNow);
  // Print areas as they were (ExcelApi 1.9: the record has them only where the run changed one).
  const areasBack = (rec.printAreas ?? []).filter(
    (p, i) => open(p.sheet) && (p.area || !areasNow[i]?.isNullObject)
  );
  if (areasBack.length)
    structural.push({
      bytes: areasBack.length * 4 * ACTION_OVERHEAD,
      queue: (ctx) => {
        for (const p of areasBack) {
          const sheet = ctx.workbook.worksheets.getItem(key(p.sheet));
          if (p.area) sheet.pageLayout.setPrintArea(rectAddress(p.area));
          else sheet.names.getItem("Print_Area").delete();
        }
      },
    });
  if (!rec.ledgerExisted) {
    if (ledgerNow)
      structural.push({ bytes: 3 * ACTION_OVERHEAD, queue: (ctx) => removeLedgerSheet(ctx) });
  } else {
    structural.push({
      bytes: 4 * ACTION_OVERHEAD,
      queue: (ctx) => queueLedgerReset(ctx, !!ledgerNow, !protection.protected),
    });
    dependent.push(...ledgerOps(rec.ledgerRows), ...widthRecordOps(rec.widthRecords));
  }
  const styles: Op[] = rec.styles.filter(
    (s) => !edited.size || !keep(s.sheet, s.rect.row, s.rect.col) || s.rect.rows * s.rect.cols > 1
  );
  const marksBack: Op[] = rec.marks
    .filter((m) => open(m.sheet))
    .map((m) => ({ kind: "mark", ...m }));
  // Requests in order. Refused in a workbook open read-only (on the web): said as such; the session keeps
  // the record, so Undo can be tried again (what it writes is the same each time).
  // The formats a formatLike replaced go last: the cells' and styles' snapshots may have been taken after
  // the copy (a later request of the run), theirs are the formats from before it.
  const formats: Op[] = rec.formats ?? [];
  const out = await executeOps(
    context,
    structural,
    dependent,
    [...cells, ...styles, ...formats, ...marksBack].filter((o) => open(o.sheet)),
    {
      ...opts,
      sheetKey: key,
    }
  );
  if (out.stop?.kind === "failed")
    throw asReadOnly(out.stop.error, !!opts.readOnly && context.workbook.readOnly);
  return {
    stats: out.stats,
    keptEdited: edited.size,
    skippedSheets: blockedItems.map((w) => w.name),
  };
}
