/**
 * Runs a set of queued operations as requests sent one after another, each below Excel on the web's
 * ~5 MB limits, and stops at the first that fails or that its caller refuses (`check`).
 *
 * Excel on the web rejects a request (everything queued before one context.sync()) above 5 MB. Operations
 * are therefore packed into requests of at most `maxRequestBytes` (estimated from their JSON), all on the
 * run's own context — so each carries the run's options (`delayForCellEdit`) — and sent in order: a
 * request goes only once the one before it has landed. Requests sent together could not be taken back
 * as a whole: one refused while its siblings land leaves half a write, and no way to know which half.
 * In order, what has landed is known at every step, and can be put back (session.ts, from the snapshots).
 *
 * Ordering: `structural` steps (create/clear our sheets, delete/add conditional formats) open the first
 * request; `dependent` operations (cells of our own sheets, which must come after the clear) follow, then
 * `independent` ones (user cells, each written once, disjoint). One request at 10 rows or 10,000; one a
 * further ~4.5 MB beyond.
 *
 * Snapshots (for Undo, and to see whether the user changed a cell since the read): an independent op may
 * come with loads of what it is about to overwrite. They are queued in the op's own request, before any
 * write of that request: Office.js runs a request's commands in order, so they answer the state just
 * before the write. A request is then bounded twice: what it sends (`maxRequestBytes`) and what its
 * loads answer (`maxResponseBytes`). A request that fails answers none of its loads: its snapshots are
 * lost with it (`WriteStop.failed`).
 */
import { Op, opBytes, queueOp } from "./ops";
import { packBins } from "./blocks";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./bands";
import { SheetKey, sheetProxies } from "./sheets";

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
  /** Makes the extra contexts of parallel reads (bands.ts); default `new Excel.RequestContext()`. */
  newContext?: () => Excel.RequestContext;
  /** How to find a sheet named in an op: by its id when known (sheets.ts). */
  sheetKey?: SheetKey;
}

export interface ExecuteStats {
  requests: number;
  rounds: number;
  bytes: number[];
}

/** Why the requests stopped before the last: one failed, or the caller refused what one had found. */
export type WriteStop =
  { kind: "failed"; error: unknown; request: number } | { kind: "refused"; request: number };

export interface ExecuteOutcome {
  stats: ExecuteStats;
  /** The ops of each request sent, in order (the structural steps belong to the first). */
  requests: Op[][];
  /** Requests that landed whole: all of them, unless `stop`. */
  landed: number;
  stop: WriteStop | null;
}

interface Item {
  op: Op;
  snap: Snapshot | null;
  /** Request bytes, op and snapshot. */
  bytes: number;
  weight: number;
}

export async function executeOps(
  context: Excel.RequestContext,
  structural: Structural[],
  dependent: Op[],
  independent: Op[],
  opts: ExecuteOptions = {},
  snapshotOf: (op: Op) => Snapshot | null = () => null,
  /** Called when a request has landed, with its ops: false stops the write there. */
  check: (ops: Op[]) => boolean = () => true
): Promise<ExecuteOutcome> {
  const limit = opts.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const responseLimit = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const structBytes = structural.reduce((s, x) => s + x.bytes, 0);
  const item = (op: Op, snapshot = true): Item => {
    const snap = snapshot ? snapshotOf(op) : null;
    const bytes = opBytes(op) + (snap?.bytes ?? 0);
    return {
      op,
      snap,
      bytes,
      weight: Math.max(bytes / limit, (snap?.response ?? 0) / responseLimit),
    };
  };
  // Dependent ops first (after the structural steps), then the independent ones, packed in order.
  const bins = packBins(
    [...dependent.map((op) => item(op, false)), ...independent.map((op) => item(op))],
    (it) => it.weight,
    1,
    structBytes / limit
  ).filter((b, i) => i === 0 || b.length > 0);

  const stats: ExecuteStats = { requests: 0, rounds: 0, bytes: [] };
  const requests: Op[][] = [];
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i];
    const sheets = sheetProxies(context, opts.sheetKey);
    // Snapshots first: before the structural steps and every write of this request.
    for (const it of bin) it.snap?.queue(sheets);
    if (i === 0) for (const s of structural) s.queue(context);
    for (const it of bin) queueOp(it.op, sheets);
    const ops = bin.map((it) => it.op);
    requests.push(ops);
    stats.requests++;
    stats.rounds++;
    stats.bytes.push((i === 0 ? structBytes : 0) + bin.reduce((s, it) => s + it.bytes, 0));
    try {
      // One request at a time: the next goes only once this one has landed (see above).
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (error) {
      return { stats, requests, landed: i, stop: { kind: "failed", error, request: i } };
    }
    if (!check(ops))
      return { stats, requests, landed: i + 1, stop: { kind: "refused", request: i } };
  }
  return { stats, requests, landed: requests.length, stop: null };
}
