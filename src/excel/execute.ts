/**
 * Runs a set of queued operations with a constant number of sync rounds, whatever their size.
 *
 * Excel on the web rejects a request (everything queued before one context.sync()) above 5 MB. Operations
 * are therefore packed into requests of at most `maxRequestBytes` (estimated from their JSON); the first
 * request goes through the run's own context, the others through extra RequestContexts, and all are synced
 * together (Promise.all) — one round trip for the caller however many requests it took.
 *
 * Ordering: `structural` steps (create/clear our sheets, delete/add conditional formats) and `dependent`
 * operations (cells of our own sheets, which must come after the clear) stay in the main request, in order.
 * `independent` operations (user cells, each written once, disjoint) may go to any request. Only if the
 * structural + dependent part alone exceeds the limit does the overflow need a second round.
 *
 * Snapshots (for Undo): an independent op may come with loads of what it is about to overwrite. They are
 * queued in the op's own request, before any write of that request: Office.js runs a request's commands in
 * order, so they answer the state before the write, and no other request can touch those cells in
 * between. A request is then bounded twice: what it sends (`maxRequestBytes`) and what its loads answer
 * (`maxResponseBytes`).
 */
import { Op, opBytes, queueOp, sheetCache } from "./ops";
import { packBins } from "./blocks";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./bands";

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;

/** Loads queued before an op's write, in the same request. */
export interface Snapshot {
  /** Request bytes of the loads. */
  bytes: number;
  /** Estimated response bytes. */
  response: number;
  queue: (sheetOf: (name: string) => Excel.Worksheet) => void;
}

export interface Structural {
  bytes: number;
  queue: (context: Excel.RequestContext) => void;
}

export interface ExecuteOptions {
  maxRequestBytes?: number;
  /** Largest estimated response of a read request (bands.ts); default DEFAULT_MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
  /** Makes the extra contexts; default `new Excel.RequestContext()`. */
  newContext?: () => Excel.RequestContext;
}

export interface ExecuteStats {
  requests: number;
  rounds: number;
  bytes: number[];
}

export async function executeOps(
  context: Excel.RequestContext,
  structural: Structural[],
  dependent: Op[],
  independent: Op[],
  opts: ExecuteOptions = {},
  snapshotOf: (op: Op) => Snapshot | null = () => null
): Promise<ExecuteStats> {
  const limit = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const responseLimit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const newContext = opts.newContext ?? (() => new Excel.RequestContext());
  const structBytes = structural.reduce((s, x) => s + x.bytes, 0);

  // Round 1, main request: structural steps, then as many dependent ops as fit.
  const depBins = packBins(dependent, opBytes, limit, structBytes);
  const mainDep = depBins[0];
  const laterDep = depBins.slice(1).filter((b) => b.length > 0);
  const mainUsed = structBytes + mainDep.reduce((s, o) => s + opBytes(o), 0);
  // Independent ops with their snapshots, weighed against both limits (1 = a full request).
  const items: Item[] = independent.map((op) => {
    const snap = snapshotOf(op);
    const bytes = opBytes(op) + (snap?.bytes ?? 0);
    return {
      op,
      snap,
      bytes,
      weight: Math.max(bytes / limit, (snap?.response ?? 0) / responseLimit),
    };
  });
  const indBins = packBins(items, (it) => it.weight, 1, laterDep.length ? 1 : mainUsed / limit);

  const mainSheets = sheetCache(context);
  let startBin = 0;
  const stats: ExecuteStats = { requests: 1, rounds: 1, bytes: [mainUsed] };
  if (!laterDep.length) {
    // Snapshots first: before the structural steps and every write of this request.
    for (const it of indBins[0]) it.snap?.queue(mainSheets);
    stats.bytes[0] += indBins[0].reduce((s, it) => s + it.bytes, 0);
  }
  for (const s of structural) s.queue(context);
  for (const op of mainDep) queueOp(op, mainSheets);
  const round1: Promise<void>[] = [];
  if (!laterDep.length) {
    for (const it of indBins[0]) queueOp(it.op, mainSheets);
    startBin = 1;
  }
  round1.push(context.sync());
  for (const bin of indBins.slice(startBin)) {
    if (!bin.length) continue;
    round1.push(queueBin(newContext(), bin));
    stats.requests++;
    stats.bytes.push(bin.reduce((s, it) => s + it.bytes, 0));
  }
  await Promise.all(round1);

  if (laterDep.length) {
    stats.rounds++;
    await Promise.all(
      laterDep.map((bin) =>
        queueBin(
          newContext(),
          bin.map((op) => ({ op, snap: null, bytes: opBytes(op), weight: 0 }))
        )
      )
    );
    stats.requests += laterDep.length;
    for (const bin of laterDep) stats.bytes.push(bin.reduce((s, o) => s + opBytes(o), 0));
  }
  return stats;
}

interface Item {
  op: Op;
  snap: Snapshot | null;
  /** Request bytes, op and snapshot. */
  bytes: number;
  weight: number;
}

function queueBin(context: Excel.RequestContext, items: Item[]): Promise<void> {
  const sheets = sheetCache(context);
  for (const it of items) it.snap?.queue(sheets);
  for (const it of items) queueOp(it.op, sheets);
  return context.sync();
}
