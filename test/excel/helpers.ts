import type { SheetGrid } from "../../src/core/types";
import { Session, SessionOptions } from "../../src/excel/session";
import { FakeWorkbook, installFakeOffice } from "./fake-excel";

export function setup(grids: SheetGrid[], opts: SessionOptions = {}) {
  const wb = FakeWorkbook.fromGrids(grids);
  const host = installFakeOffice(wb);
  // Below ExcelApi 1.9 a large write asks whether formats Undo cannot restore may be lost: yes, unless a
  // test says otherwise.
  const session = new Session({ lang: () => "zh", confirmFormatLoss: async () => true, ...opts });
  return { wb, host, session };
}
