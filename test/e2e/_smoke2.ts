import { readWorkbook as readXlsx } from "../../src/xlsx/read-workbook";
import { FakeWorkbook, installFakeOffice } from "../../test/excel/fake-excel";
import { Session } from "../../src/excel/session";
function diff(a0: string, b0: string) { const a = JSON.parse(a0), b = JSON.parse(b0); console.log(a.map((x:any)=>x.name), b.map((x:any)=>x.name)); for (let i=0;i<Math.min(a.length,b.length);i++){ const ac=new Map<string,unknown>(a[i].cells), bc=new Map<string,unknown>(b[i].cells); for (const k of new Set([...ac.keys(),...bc.keys()])) if (JSON.stringify(ac.get(k))!==JSON.stringify(bc.get(k))) console.log(a[i].name,k,JSON.stringify(ac.get(k)),JSON.stringify(bc.get(k))); if (JSON.stringify(a[i].cfs)!==JSON.stringify(b[i].cfs)) console.log(a[i].cfs,b[i].cfs) } }
(async () => {
  const { sheets } = await readXlsx("examples/year-end-2025.xlsx");
  const wb = FakeWorkbook.fromGrids(sheets);
  installFakeOffice(wb);
  const session = new Session();
  await session.score("workbook");
  const s1 = wb.snapshot();
  await session.score("workbook");
  console.log("--- score1 vs score2"); diff(s1, wb.snapshot());
})();
(async () => {
  const { sheets } = await readXlsx("examples/year-end-2025.xlsx");
  const wb = FakeWorkbook.fromGrids(sheets);
  installFakeOffice(wb);
  const session = new Session();
  const s0 = wb.snapshot();
  await session.score("workbook");
  await session.undo();
  console.log("--- before vs undo(score1)"); diff(s0, wb.snapshot());
})();
