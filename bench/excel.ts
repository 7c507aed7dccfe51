/**
 * Round trips and request sizes of the Office.js adapter, measured with the typed fake Excel host
 * (test/excel/fake-excel.ts) on generated sheets. A "sync" is one round trip: when a large write is split
 * into several requests to stay under Excel on the web's 5 MB limit, they go out together.
 */
import { setup } from "../test/excel/helpers";
import { yearEndSheet } from "../test/excel/workbooks";

type Action = "validate" | "score" | "prepare";

async function measure(action: Action, n: number) {
  const ctx = setup([yearEndSheet({ n })]);
  ctx.wb.reset();
  await ctx.session[action]("active");
  const { rounds, requests } = ctx.wb.stats;
  return {
    rounds,
    requests: requests.length,
    maxRequestBytes: Math.max(...requests.map((r) => r.bytes)),
    maxResponseBytes: Math.max(...requests.map((r) => r.responseBytes)),
  };
}

export async function benchExcel(big = 100_000) {
  const syncs: Record<Action, [number, number]> = {
    validate: [0, 0],
    score: [0, 0],
    prepare: [0, 0],
  };
  let maxRequestBytes = 0;
  let maxResponseBytes = 0;
  for (const action of ["validate", "score", "prepare"] as Action[]) {
    const small = await measure(action, 10);
    const large = await measure(action, 10_000);
    syncs[action] = [small.rounds, large.rounds];
    maxRequestBytes = Math.max(maxRequestBytes, small.maxRequestBytes, large.maxRequestBytes);
    maxResponseBytes = Math.max(maxResponseBytes, large.maxResponseBytes);
  }
  const huge = await measure("score", big);
  return {
    syncs,
    maxRequestBytes,
    maxResponseBytes,
    split: {
      rows: big,
      rounds: huge.rounds,
      requests: huge.requests,
      maxRequestBytes: huge.maxRequestBytes,
      maxResponseBytes: huge.maxResponseBytes,
    },
  };
}

if (require.main === module) benchExcel().then((r) => console.log(JSON.stringify(r, null, 2)));
