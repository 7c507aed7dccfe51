/**
 * Browser build of the fake Excel host (bundled by harness.ts with esbuild, injected with addInitScript
 * before any page script). Installs `Office` / `Excel` globals over an in-memory workbook and draws the
 * active sheet beside the task pane with the demo site's grid view (src/demo/grid-view.ts), redrawn after
 * every sync.
 */
import type { SheetGrid } from "../../src/core/types";
import { mountGridView } from "../../src/demo/grid-view";
import { FakeWorkbook, installFakeOffice } from "../excel/fake-excel";

declare global {
  interface Window {
    __GRIDS__: SheetGrid[];
    __NO_GRID_VIEW__?: boolean;
    __fakeWb: FakeWorkbook;
  }
}

const wb = FakeWorkbook.fromGrids(window.__GRIDS__);
window.__fakeWb = wb;
installFakeOffice(wb, { displayLanguage: "zh-CN" }, window as unknown as Record<string, unknown>);

document.addEventListener("DOMContentLoaded", () => {
  if (!window.__NO_GRID_VIEW__) mountGridView(wb);
});
