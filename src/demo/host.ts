/**
 * The demo site's host (dist-demo/demo-host.js, built by scripts/build-demo.ts): the real task pane runs
 * over the fake Excel host the tests use (test/excel/fake-excel.ts) instead of Office, holding the example
 * workbook that demo-example.js put in `window.__GRIDS__`. Loaded before the pane's scripts, so the pane
 * finds `Office` and `Excel` as it would in Excel; Office's own script is never loaded (no network).
 */
import type { SheetGrid } from "../core";
import { FakeWorkbook, installFakeOffice } from "../../test/excel/fake-excel";
import { mountGridView } from "./grid-view";

declare global {
  interface Window {
    __GRIDS__: SheetGrid[];
    __fakeWb: FakeWorkbook;
  }
}

const wb = FakeWorkbook.fromGrids(window.__GRIDS__);
window.__fakeWb = wb;
// The pane's language follows Office's display language; the page's own language stands in for it.
const lang = /^en/i.test(navigator.language) ? "en-US" : "zh-CN";
installFakeOffice(wb, { displayLanguage: lang }, window as unknown as Record<string, unknown>);

document.addEventListener("DOMContentLoaded", () => {
  mountGridView(wb);
  document.getElementById("demo-reset")?.addEventListener("click", () => location.reload());
});
