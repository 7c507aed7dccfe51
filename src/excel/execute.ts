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
 */
import { Op, opBytes, queueOp, sheetCache } from "./ops";
import { packBins } from "./blocks";

export const DEFAULT_MAX_REQUEST_BYTES = 4_500_000;

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
): Promise<ExecuteStats> {
  const limit = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const newContext = opts.newContext ?? (() => new Excel.RequestContext());
  const structBytes = structural.reduce((s, x) => s + x.bytes, 0);

  // Round 1, main request: structural steps, then as many dependent ops as fit.
  const depBins = packBins(dependent, opBytes, limit, structBytes);
  const mainDep = depBins[0];
  const laterDep = depBins.slice(1).filter((b) => b.length > 0);
  const mainUsed = structBytes + mainDep.reduce((s, o) => s + opBytes(o), 0);
  const indBins = packBins(independent, opBytes, limit, laterDep.length ? limit : mainUsed);

  const mainSheets = sheetCache(context);
  for (const s of structural) s.queue(context);
  for (const op of mainDep) queueOp(op, mainSheets);
  const stats: ExecuteStats = { requests: 1, rounds: 1, bytes: [mainUsed] };
  const round1: Promise<void>[] = [];
  let startBin = 0;
  if (!laterDep.length) {
    for (const op of indBins[0]) queueOp(op, mainSheets);
    stats.bytes[0] += indBins[0].reduce((s, o) => s + opBytes(o), 0);
    startBin = 1;
  }
  round1.push(context.sync());
  for (const bin of indBins.slice(startBin)) {
    if (!bin.length) continue;
    round1.push(queueBin(newContext(), bin));
    stats.requests++;
    stats.bytes.push(bin.reduce((s, o) => s + opBytes(o), 0));
  }
  await Promise.all(round1);

  if (laterDep.length) {
    stats.rounds++;
    await Promise.all(laterDep.map((bin) => queueBin(newContext(), bin)));
    stats.requests += laterDep.length;
    for (const bin of laterDep) stats.bytes.push(bin.reduce((s, o) => s + opBytes(o), 0));
  }
  return stats;
}

function queueBin(context: Excel.RequestContext, ops: Op[]): Promise<void> {
  const sheets = sheetCache(context);
  for (const op of ops) queueOp(op, sheets);
  return context.sync();
}
