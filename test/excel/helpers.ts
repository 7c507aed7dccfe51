import type { SheetGrid } from "../../src/core/types";
import { Session, SessionOptions } from "../../src/excel/session";
import { FakeWorkbook, installFakeOffice } from "./fake-excel";

export function setup(grids: SheetGrid[], opts: SessionOptions = {}) {
  const wb = FakeWorkbook.fromGrids(grids);
  const host = installFakeOffice(wb);
  const session = new Session({ lang: () => "zh", ...opts });
  return { wb, host, session };
}
