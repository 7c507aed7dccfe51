import { setup } from "../excel/helpers";
import { yearEndSheet } from "../excel/workbooks";
(async () => {
  for (const n of [10, 3000, 10000]) {
  const { wb, session } = setup([yearEndSheet({ n })]);
  const r = await session.score("active");
  console.log(n, r.attempts, r.stats, wb.stats.requests);
  }
})();
