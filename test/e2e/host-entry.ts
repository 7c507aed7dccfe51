/**
 * Browser build of the fake Excel host (bundled by pane.e2e.ts with esbuild, injected with addInitScript
 * before any page script). Installs `Office` / `Excel` globals over an in-memory workbook and renders the
 * active sheet as an HTML grid beside the task pane (values as text, fills, fonts, conditional-format
 * marks, the selection), re-rendered after every sync.
 */
import type { SheetGrid } from "../../src/core/types";
import { FakeWorkbook, colLetters, installFakeOffice, parseAddress } from "../excel/fake-excel";

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

const STYLE = `
  body { display: flex; margin: 0; height: 100vh; overflow: hidden; }
  #container { width: 420px; flex: none; overflow: auto; border-right: 1px solid #ccc; height: 100vh; }
  #fake-host { flex: 1; min-width: 0; display: flex; flex-direction: column; height: 100vh; font: 12px "Microsoft YaHei", sans-serif; }
  #fake-tabs { display: flex; gap: 2px; background: #eee; padding: 4px; }
  #fake-tabs span { padding: 2px 8px; background: #ddd; }
  #fake-tabs span.active { background: #fff; font-weight: bold; border-bottom: 2px solid #217346; }
  #fake-scroll { overflow: auto; flex: 1; }
  #fake-grid { border-collapse: collapse; }
  #fake-grid td, #fake-grid th { border: 1px solid #d4d4d4; padding: 1px 4px; max-width: 180px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; height: 18px; }
  #fake-grid th { background: #f3f3f3; color: #555; font-weight: normal; position: sticky; top: 0; }
  #fake-grid td.selected { outline: 2px solid #217346; outline-offset: -2px; }
  #fake-grid td.cf { box-shadow: inset 0 0 0 1px #9C0006; }
`;

function render(): void {
  const host = document.getElementById("fake-host");
  if (!host) return;
  const sheet = wb.sheet(wb.active);
  const tabs = host.querySelector("#fake-tabs")!;
  tabs.replaceChildren(
    ...wb.sheets
      .filter((s) => s.visibility === "Visible")
      .map((s) => {
        const span = document.createElement("span");
        span.textContent = s.name;
        if (s.name === wb.active) span.className = "active";
        return span;
      })
  );
  const table = document.createElement("table");
  table.id = "fake-grid";
  if (sheet) {
    const used = wb.usedRect(sheet, false) ?? { row: 0, col: 0, rows: 1, cols: 1 };
    const rows = used.row + used.rows + 1;
    const cols = used.col + used.cols + 1;
    const sel =
      wb.selection && wb.selection.sheet === sheet.name ? parseAddress(wb.selection.address) : null;
    const head = document.createElement("tr");
    head.appendChild(document.createElement("th"));
    for (let c = 0; c < cols; c++) {
      const th = document.createElement("th");
      th.textContent = colLetters(c);
      head.appendChild(th);
    }
    table.appendChild(head);
    for (let r = 0; r < rows; r++) {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.textContent = String(r + 1);
      tr.appendChild(th);
      for (let c = 0; c < cols; c++) {
        const td = document.createElement("td");
        const cell = wb.cell(sheet.name, r, c);
        const addr = `${colLetters(c)}${r + 1}`;
        td.dataset.addr = addr;
        td.textContent = wb.text(cell); // text, never HTML
        const cf = sheet.cfs.find(
          (f) => r >= f.row && r < f.row + f.rows && c >= f.col && c < f.col + f.cols
        );
        const fill = cf?.fill ?? cell.fill;
        const font = cf?.fontColor ?? cell.fontColor;
        if (fill) td.style.background = fill;
        if (font && font !== "#000000") td.style.color = font;
        if (cell.bold) td.style.fontWeight = "bold";
        if (cf) {
          td.classList.add("cf");
          td.dataset.cf = "1";
        }
        if (cell.fill) td.dataset.fill = cell.fill;
        if (
          sel &&
          r >= sel.row &&
          r < sel.row + sel.rows &&
          c >= sel.col &&
          c < sel.col + sel.cols
        ) {
          td.classList.add("selected");
          td.dataset.selected = "1";
        }
        tr.appendChild(td);
      }
      table.appendChild(tr);
    }
  }
  const scroll = host.querySelector("#fake-scroll")!;
  scroll.replaceChildren(table);
  table.querySelector("td.selected")?.scrollIntoView({ block: "center", inline: "nearest" });
}

document.addEventListener("DOMContentLoaded", () => {
  if (window.__NO_GRID_VIEW__) return;
  const style = document.createElement("style");
  style.textContent = STYLE;
  document.head.appendChild(style);
  const host = document.createElement("div");
  host.id = "fake-host";
  const tabs = document.createElement("div");
  tabs.id = "fake-tabs";
  const scroll = document.createElement("div");
  scroll.id = "fake-scroll";
  host.append(tabs, scroll);
  document.body.appendChild(host);
  render();
});
wb.listeners.push(render);
