/**
 * The fake WPS host in the browser (bundled by wps.e2e.ts with esbuild and injected before any page
 * script): `window.Application` (and `window.wps`) over a FakeWps holding `window.__GRIDS__`, and a plain
 * drawing of the active sheet left of the pane (the test's eyes: values as formatted, fills, bold, the
 * sheet tabs with the very hidden ledger left out, as WPS shows them). Redrawn after the calls of a task.
 */
import type { SheetGrid } from "../../src/core/types";
import { formatValue } from "../excel/fake-excel";
import { FakeWps } from "../wps/fake-wps";

declare global {
  interface Window {
    __GRIDS__: SheetGrid[];
    __wps: FakeWps;
  }
}

const wb = FakeWps.fromGrids(window.__GRIDS__);
window.__wps = wb;
const app = wb.application();
Object.defineProperty(window, "Application", { value: app, configurable: true });
Object.defineProperty(window, "wps", { value: app, configurable: true });

const GRID_WIDTH = 900;
let queued = false;

function draw(): void {
  queued = false;
  let host = document.getElementById("fake-wps");
  if (!host) {
    host = document.createElement("div");
    host.id = "fake-wps";
    host.setAttribute(
      "style",
      `position:fixed;left:0;top:0;bottom:0;width:${GRID_WIDTH}px;overflow:auto;background:#fff;` +
        "border-right:2px solid #999;font:12px 'Noto Sans CJK SC',sans-serif;z-index:0"
    );
    document.body.appendChild(host);
    document.body.style.marginLeft = `${GRID_WIDTH + 8}px`;
  }
  const s = wb.sheet(wb.active) ?? wb.sheets[0];
  const tabs = wb.sheets
    .filter((x) => x.visible === -1)
    .map(
      (x) =>
        `<span style="padding:2px 8px;${x === s ? "background:#dfe;font-weight:bold" : ""}">${x.name}</span>`
    )
    .join("");
  const rows: string[] = [];
  let maxRow = 0;
  let maxCol = 0;
  for (const k of s.cells.keys()) {
    const [r, c] = k.split(",").map(Number);
    maxRow = Math.max(maxRow, r);
    maxCol = Math.max(maxCol, c);
  }
  for (let r = 0; r <= Math.min(maxRow, 60); r++) {
    const tds: string[] = [`<td style="color:#888">${r + 1}</td>`];
    for (let c = 0; c <= Math.min(maxCol, 14); c++) {
      const cell = s.cells.get(`${r},${c}`);
      const text = cell ? formatValue(cell.value, cell.numberFormat) : "";
      const fill = cell && cell.fill !== null ? wb.at(s.name, addr(r, c)).fill : null;
      const style = [
        "border:1px solid #ddd;padding:1px 3px;max-width:64px;overflow:hidden;white-space:nowrap",
        fill ? `background:${fill}` : "",
        cell?.bold ? "font-weight:bold" : "",
        cell && cell.fontColor !== null ? `color:${wb.at(s.name, addr(r, c)).fontColor}` : "",
      ].join(";");
      tds.push(`<td data-addr="${addr(r, c)}" style="${style}">${escape(text)}</td>`);
    }
    rows.push(`<tr>${tds.join("")}</tr>`);
  }
  host.innerHTML =
    `<div style="padding:4px;background:#eee">WPS 表格（模拟）· ${tabs}</div>` +
    `<table style="border-collapse:collapse">${rows.join("")}</table>`;
}

function addr(r: number, c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r + 1}`;
}

function escape(t: string): string {
  return t.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const call = wb.call.bind(wb);
wb.call = (name: string) => {
  call(name);
  if (!queued && document.body) {
    queued = true;
    setTimeout(draw, 0);
  }
};
document.addEventListener("DOMContentLoaded", draw);
