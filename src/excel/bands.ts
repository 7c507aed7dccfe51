/**
 * Large reads in a constant number of round trips.
 *
 * Excel on the web limits a RESPONSE, like a request, to about 5 MB: loading `values,text,numberFormat,
 * formulas` of a 100,000-row used range at once answers ~31 MB and fails. `loadRects` therefore cuts every
 * rectangle to load into row bands whose estimated response stays under `maxResponseBytes`, packs the bands
 * into requests, and syncs all of them together (the first on the caller's context if given, the others on
 * extra RequestContexts, as execute.ts does for writes): one round trip whatever the size.
 *
 * The estimate is per cell and property (RESPONSE_BYTES_PER_CELL_PROP, about twice what typical
 * performance tables measure). Should a band still come back too large (cells full of long text), Excel
 * answers ResponsePayloadSizeLimitExceeded for that request only; its bands are cut in four, each counted
 * four times larger, and loaded again: one more round in that case alone (two for answers 16 times the
 * estimate).
 */
import { ACTION_OVERHEAD, PATH_BYTES, Rect, packBins, splitRows } from "./blocks";
import { SheetKey, sheetProxies } from "./sheets";

/** Under Excel on the web's ~5 MB (5,242,880 bytes) response limit, with room for the envelope. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4_000_000;
/**
 * Estimated JSON bytes per cell and loaded property. Performance tables measure ~11 on average (short
 * Chinese labels, empty cells, "General") and up to ~21 in columns of computed rates (0.8333333333333334
 * in both values and formulas); long descriptions are rare cells among many short or empty ones.
 */
export const RESPONSE_BYTES_PER_CELL_PROP = 32;
/** Response bytes of one getCellProperties cell asking for fill color/pattern and font color/bold. */
export const CELL_PROPERTIES_BYTES = 110;

export type RangeProp = "values" | "text" | "numberFormat" | "formulas";

export interface RectLoad {
  sheet: string;
  rect: Rect;
  props: readonly RangeProp[];
  /** Estimated answer per cell, all props together, when known to differ from the default (the ledger's JSON). */
  cellBytes?: number;
}

export type Loaded = Partial<Record<RangeProp, unknown[][]>>;

export interface LoadOptions {
  /**
   * The run's own context, made with delayForCellEdit: Excel holds its requests while the user is typing
   * in a cell, where it refuses those of extra contexts (InvalidOperationInCellEditMode). Bands refused
   * so are asked again on it, one request after another (only then).
   */
  heldContext?: Excel.RequestContext;
  /** How to find a sheet named in a load: by its id when the read knows it (sheets.ts). */
  sheetKey?: SheetKey;
  maxResponseBytes?: number;
  maxRequestBytes?: number;
  newContext?: () => Excel.RequestContext;
}

export interface LoadStats {
  requests: number;
  rounds: number;
}

interface Piece {
  item: number;
  rect: Rect;
  /** How far the estimate fell short for this piece's cells: 4 after one refusal, 16 after two. */
  scale: number;
}

/** Estimated response bytes of loading `props` over `rect`. */
export function responseEstimate(rect: Rect, props: number): number {
  return rect.rows * rect.cols * props * RESPONSE_BYTES_PER_CELL_PROP + 64;
}

const perCell = (it: RectLoad) => it.cellBytes ?? it.props.length * RESPONSE_BYTES_PER_CELL_PROP;

/** Row bands of `rect` whose estimated response for `perCell` bytes a cell stays under `maxBytes`. */
export function bandRect(rect: Rect, perCell: number, maxBytes: number): Rect[] {
  const perRow = Math.max(1, rect.cols * perCell);
  return splitRows(rect, Math.max(1, Math.floor(maxBytes / perRow)));
}

/**
 * Small loads (conditional formats, column widths) spread over as few requests as the limits allow: the
 * first on the caller's context, the next ones on extra contexts, all synced together by the caller.
 */
export class RequestPacker {
  readonly contexts: Excel.RequestContext[] = [];
  private used = 0;
  private answered = 0;
  private sheetOf: (name: string) => Excel.Worksheet;

  constructor(
    first: Excel.RequestContext,
    private readonly newContext: () => Excel.RequestContext,
    private readonly maxRequest: number,
    private readonly maxResponse: number,
    private readonly key?: SheetKey
  ) {
    this.contexts.push(first);
    this.sheetOf = sheetProxies(first, key);
  }

  /** Worksheet proxies of the request that takes a load of `bytes`, answered by about `response` bytes. */
  at(bytes: number, response = 200): (name: string) => Excel.Worksheet {
    if (
      (this.used + bytes > this.maxRequest || this.answered + response > this.maxResponse) &&
      this.used > 0
    ) {
      const c = this.newContext();
      this.contexts.push(c);
      this.sheetOf = sheetProxies(c, this.key);
      this.used = 0;
      this.answered = 0;
    }
    this.used += bytes;
    this.answered += response;
    return this.sheetOf;
  }

  async sync(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.sync()));
  }
}

function isCellEdit(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "InvalidOperationInCellEditMode";
}

function isResponseTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded";
}

/**
 * Loads every item (results in item order, each property a full 2D array over the item's rect).
 * `first`: a context to use for the first request (null: extra contexts only, e.g. when the caller's
 * context carries other loads synced at the same time).
 */
export async function loadRects(
  first: Excel.RequestContext | null,
  items: readonly RectLoad[],
  opts: LoadOptions = {},
  stats: LoadStats = { requests: 0, rounds: 0 }
): Promise<Loaded[]> {
  const maxResponse = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRequest = opts.maxRequestBytes ?? 4_500_000;
  const newContext = opts.newContext ?? (() => new Excel.RequestContext());
  const parts: { piece: Piece; data: Loaded }[] = [];
  let pending: Piece[] = items.flatMap((it, item) =>
    it.rect.rows > 0 && it.rect.cols > 0
      ? bandRect(it.rect, perCell(it), maxResponse).map((rect) => ({ item, rect, scale: 1 }))
      : []
  );
  let useFirst = first;
  // After a refusal for cell editing: every request on the held context, one after another.
  /** A piece's estimated response, in bytes. */
  const est = (p: Piece) => (p.rect.rows * p.rect.cols * perCell(items[p.item]) + 64) * p.scale;
  /** Queues the loads of one bin of pieces on a context's sheet proxies. */
  const queueLoads = (sheetOf: (name: string) => Excel.Worksheet, bin: Piece[]) =>
    bin.map((piece) => {
      const range = sheetOf(items[piece.item].sheet).getRangeByIndexes(
        piece.rect.row,
        piece.rect.col,
        piece.rect.rows,
        piece.rect.cols
      );
      // eslint-disable-next-line office-addins/no-empty-load -- the item names its properties
      range.load(items[piece.item].props.join(","));
      return { piece, range };
    });
  let held = false;
  for (let round = 0; pending.length; round++) {
    if (round > 20 && !held) throw new Error("range too large to load");
    if (held) {
      const heldContext = opts.heldContext!;
      const sheetOf = sheetProxies(heldContext, opts.sheetKey);
      const weightOf = (p: Piece) => est(p) / maxResponse;
      for (const bin of packBins(pending, weightOf, 1).filter((b) => b.length)) {
        const loads = queueLoads(sheetOf, bin);
        // One at a time: each is held by Excel until the user leaves the cell.
        await heldContext.sync();
        stats.rounds++;
        stats.requests++;
        for (const { piece, range } of loads) {
          const data: Loaded = {};
          for (const p of items[piece.item].props) data[p] = range[p] as unknown[][];
          parts.push({ piece, data });
        }
      }
      pending = [];
      break;
    }
    // A bin is full by response estimate or by request size, whichever comes first.
    const weight = (p: Piece) =>
      Math.max(est(p) / maxResponse, (PATH_BYTES * 2 + ACTION_OVERHEAD) / maxRequest);
    const bins = packBins(pending, weight, 1).filter((b) => b.length);
    const batches = bins.map((bin, i) => {
      const context = i === 0 && useFirst ? useFirst : newContext();
      const loads = queueLoads(sheetProxies(context, opts.sheetKey), bin);
      // Not a sync per item: every band of a round goes out at once (Promise.allSettled below); another round
      // happens only when Excel refuses an answer as too large, and only for that band.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      return { loads, done: context.sync() };
    });
    useFirst = null;
    stats.rounds++;
    stats.requests += batches.length;
    const settled = await Promise.allSettled(batches.map((b) => b.done));
    pending = [];
    settled.forEach((s, i) => {
      const { loads } = batches[i];
      if (s.status === "fulfilled") {
        for (const { piece, range } of loads) {
          const data: Loaded = {};
          for (const p of items[piece.item].props) data[p] = range[p] as unknown[][];
          parts.push({ piece, data });
        }
        return;
      }
      if (opts.heldContext && isCellEdit(s.reason)) {
        // The user is typing in a cell: asked again on the run's own context, which Excel holds.
        held = true;
        for (const { piece } of loads) pending.push(piece);
        return;
      }
      if (!isResponseTooLarge(s.reason) || loads.every((l) => l.piece.rect.rows === 1))
        throw s.reason;
      // Too much text for the estimate: cut every band of that request in four and ask again.
      for (const { piece } of loads) {
        const quarter = Math.ceil(piece.rect.rows / 4);
        pending.push(
          ...splitRows(piece.rect, quarter).map((rect) => ({
            item: piece.item,
            rect,
            scale: piece.scale * 4,
          }))
        );
      }
    });
  }
  const out: Loaded[] = items.map(() => ({}));
  parts.sort((a, b) => a.piece.item - b.piece.item || a.piece.rect.row - b.piece.rect.row);
  for (const { piece, data } of parts) {
    const target = out[piece.item];
    for (const p of items[piece.item].props) {
      const rows = data[p] ?? [];
      const into = (target[p] ??= []);
      for (const r of rows) into.push(r);
    }
  }
  return out;
}
