/**
 * Excel on the web refuses a request AND a response above ~5 MB. Reading a 100,000-row used range at once
 * answers ~31 MB; the adapter reads it in row bands (src/excel/bands.ts) sent together, so that every
 * answer stays under the limit and the number of round trips does not grow with the sheet.
 */
import type { SheetGrid } from "../../src/core/types";
import { FakeWorkbook, MAX_RESPONSE_BYTES, RequestRecord, installFakeOffice } from "./fake-excel";
import { setup } from "./helpers";
import { yearEndSheet } from "./workbooks";

const LIMIT = 5 * 1024 * 1024;
const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
/** Points the Excel global at `wb` (each setup() installs its own). */
const use = (wb: FakeWorkbook) => installFakeOffice(wb);
const largest = (rs: RequestRecord[], k: "bytes" | "responseBytes") =>
  Math.max(...rs.map((r) => r[k]));

async function scored(
  grid: SheetGrid,
  opts: { unsplit?: boolean; maxResponseBytes?: number; hostLimit?: number } = {}
) {
  const ctx = setup([grid], {
    write: opts.unsplit
      ? { maxResponseBytes: Number.POSITIVE_INFINITY }
      : { maxResponseBytes: opts.maxResponseBytes },
  });
  if (opts.unsplit) ctx.wb.maxResponseBytes = Number.POSITIVE_INFINITY;
  if (opts.hostLimit) ctx.wb.maxResponseBytes = opts.hostLimit;
  const result = await ctx.session.score("active");
  return { ...ctx, result, stats: ctx.wb.stats };
}

test("the fake host refuses an answer over 5 MB, as Excel on the web does", () => {
  expect(MAX_RESPONSE_BYTES).toBe(LIMIT);
});

test("100,000 rows: Score, Clear and Undo answer under 5 MB each; reads in two rounds as at 10 rows, writes a round per request (in order), with the unsplit result", async () => {
  const small = await scored(yearEndSheet({ n: 10 }));
  const big = await scored(yearEndSheet({ n: 100_000 }));
  const scoreStats = { ...big.stats };
  expect(scoreStats.requests.every((r) => !r.failed)).toBe(true);
  expect(small.stats.rounds).toBe(3);
  // The read takes two rounds at any size; the write one per request, sent one after another.
  expect(scoreStats.rounds).toBe(2 + big.result.stats!.requests);
  expect(largest(scoreStats.requests, "responseBytes")).toBeLessThan(LIMIT);
  expect(largest(scoreStats.requests, "bytes")).toBeLessThan(LIMIT);

  // The same workbook read in one piece (limits lifted): the same report, the same cells written.
  const unsplit = await scored(yearEndSheet({ n: 100_000 }), { unsplit: true });
  expect(largest(unsplit.stats.requests, "responseBytes")).toBeGreaterThan(25e6); // what one load would answer
  expect(big.result.report).toEqual(unsplit.result.report);
  expect(big.wb.snapshot()).toBe(unsplit.wb.snapshot());

  // Clear reads the workbook and snapshots every output cell it empties; Undo reloads what was written.
  // (The pane learns the sheet names when it opens: without them, reading the workbook takes a round more.)
  use(small.wb);
  await small.session.warmUp();
  small.wb.reset();
  await small.session.clear();
  use(big.wb);
  await big.session.warmUp();
  big.wb.reset();
  const cleared = await big.session.clear();
  const clearStats = { ...big.wb.stats };
  expect(largest(clearStats.requests, "responseBytes")).toBeLessThan(LIMIT);
  expect(clearStats.requests.length).toBeGreaterThan(10);
  expect(small.wb.stats.rounds).toBe(3);
  expect(clearStats.rounds).toBe(2 + cleared.stats!.requests);
  big.wb.reset();
  const undone = await big.session.undo();
  const undoStats = { ...big.wb.stats };
  expect(largest(undoStats.requests, "responseBytes")).toBeLessThan(LIMIT);
  expect(undoStats.rounds).toBe(1 + undone.stats!.requests); // the look, then the put-back in order
  console.log(
    [
      `100,000 rows — Score: ${scoreStats.rounds} rounds, ${scoreStats.requests.length} requests, largest request ${mb(largest(scoreStats.requests, "bytes"))}, largest answer ${mb(largest(scoreStats.requests, "responseBytes"))} (unsplit: ${mb(largest(unsplit.stats.requests, "responseBytes"))})`,
      `Clear: ${clearStats.rounds} rounds, ${clearStats.requests.length} requests, largest answer ${mb(largest(clearStats.requests, "responseBytes"))}`,
      `Undo of Clear: ${undoStats.rounds} rounds, ${undoStats.requests.length} requests, largest answer ${mb(largest(undoStats.requests, "responseBytes"))}`,
    ].join("\n")
  );
}, 240_000);

test("bands give the same result as one load, at any band size", async () => {
  const one = await scored(yearEndSheet({ n: 3000 }), { unsplit: true });
  const many = await scored(yearEndSheet({ n: 3000 }), { maxResponseBytes: 100_000 });
  // The read: two rounds however many bands; the write: a round per request.
  expect(many.stats.rounds - many.result.stats!.requests).toBe(
    one.stats.rounds - one.result.stats!.requests
  );
  expect(many.stats.requests.length).toBeGreaterThan(one.stats.requests.length + 10);
  expect(largest(many.stats.requests, "responseBytes")).toBeLessThan(200_000);
  expect(many.result.report).toEqual(one.result.report);
  expect(many.wb.snapshot()).toBe(one.wb.snapshot());
  // A second Score sees no change but its own write's (which do not count): read once.
  const again = await many.session.score("active");
  expect(again.attempts).toBe(1);
});

test("cells longer than the estimate: a refused band is cut in four and asked again (more rounds, same result)", async () => {
  const grid = yearEndSheet({ n: 400 });
  const long =
    "因项目实施进度调整，部分采购延后至下一年度执行，已制定整改措施并落实责任人。".repeat(8);
  for (let i = 4; i < grid.values.length; i++) {
    grid.values[i][3] = long;
    grid.text[i][3] = long;
  }
  const plain = await scored(grid, { unsplit: true });
  // Bands sized for 400 KB answers meet a host that refuses anything above 300 KB.
  const tight = await scored(grid, { maxResponseBytes: 400_000, hostLimit: 300_000 });
  const refused = tight.stats.requests.filter(
    (r) => r.failed === "ResponsePayloadSizeLimitExceeded"
  );
  expect(refused.length).toBeGreaterThan(0);
  expect(
    tight.stats.requests.filter((r) => !r.failed).every((r) => r.responseBytes <= 300_000)
  ).toBe(true);
  expect(tight.result.report).toEqual(plain.result.report);
  expect(tight.wb.snapshot()).toBe(plain.wb.snapshot());
  expect(tight.stats.rounds).toBeGreaterThan(plain.stats.rounds);
});
