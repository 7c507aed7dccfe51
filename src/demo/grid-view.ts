/**
 * A small spreadsheet drawn over the fake Excel host (test/excel/fake-excel.ts) beside the real task pane:
 * sheet tabs, a formula bar, the active sheet's cells (values as text, fills, fonts, merged areas, the
 * conditional-format marks, the selection). A click selects a cell; typing into the formula bar and
 * pressing Enter sets it as a user typing in Excel would (FakeWorkbook.type, which also tells the pane's
 * onChanged handlers); a link (评分汇总's) jumps to its cell. Redrawn after every sync of the pane.
 *
 * Used by the demo site (src/demo/host.ts) and by the real-browser test (test/e2e/host-entry.ts), whose
 * assertions read the data-* attributes set here (data-addr, data-fill, data-cf, data-selected).
 */
import { FakeWorkbook, colLetters, parseAddress, type FakeCell } from "../../test/excel/fake-excel";

/** Below this width only the pane is shown, as in a narrow task pane (the grid needs room). */
const NARROW = 700;

const STYLE = `
  html, body { margin: 0; height: 100%; }
  body { display: grid; grid-template-columns: minmax(0, 1fr) 360px; grid-template-rows: auto minmax(0, 1fr); height: 100vh; overflow: hidden; }
  #demo-bar { grid-column: 1 / 3; grid-row: 1; }
  #fake-host { grid-column: 1; grid-row: 2; min-width: 0; display: flex; flex-direction: column; font: 12px "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
  #container { grid-column: 2; grid-row: 2; overflow: auto; border-left: 1px solid #c8c8c8; min-height: 0; }
  #fake-formula { display: flex; gap: 4px; align-items: center; padding: 4px; border-bottom: 1px solid #d4d4d4; background: #fff; }
  #fake-name { width: 90px; padding: 2px 4px; border: 1px solid #c8c8c8; color: #333; }
  #fake-input { flex: 1; font: inherit; padding: 2px 4px; border: 1px solid #c8c8c8; }
  #fake-tabs { display: flex; gap: 2px; background: #eee; padding: 4px; order: 3; flex-wrap: wrap; }
  #fake-tabs button { font: inherit; padding: 2px 10px; background: #ddd; border: none; cursor: pointer; }
  #fake-tabs button.active { background: #fff; font-weight: bold; border-bottom: 2px solid #217346; }
  #fake-scroll { overflow: auto; flex: 1; background: #fff; }
  #fake-grid { border-collapse: collapse; }
  #fake-grid td, #fake-grid th { border: 1px solid #d4d4d4; padding: 1px 4px; max-width: 120px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; height: 18px; }
  #fake-grid th { background: #f3f3f3; color: #555; font-weight: normal; position: sticky; top: 0; z-index: 1; }
  #fake-grid tr > th:first-child { position: sticky; left: 0; z-index: 1; min-width: 28px; }
  #fake-grid tr:first-child > th:first-child { z-index: 2; }
  #fake-grid td { cursor: cell; }
  #fake-grid td.link { color: #0563c1; text-decoration: underline; cursor: pointer; }
  #fake-grid td.selected { outline: 2px solid #217346; outline-offset: -2px; }
  #fake-grid td.cf { box-shadow: inset 0 0 0 1px #9C0006; }
  @media (max-width: ${NARROW}px) {
    body { grid-template-columns: minmax(0, 1fr); }
    #fake-host { display: none; }
    #container { grid-column: 1; border-left: none; }
    #demo-bar { grid-column: 1; }
  }
`;

/** The cell a link written by the tool points at: "'绩效目标表'!A7" → sheet and address. */
function linkTarget(ref: string): { sheet: string; address: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(\$?[A-Z]{1,3}\$?\d+)/i.exec(ref);
  if (!m) return null;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), address: m[3].replace(/\$/g, "") };
}

/** What the formula bar shows for a cell: its formula, else its value as typed. */
function rawInput(wb: FakeWorkbook, c: FakeCell): string {
  if (c.formula) return c.formula;
  if (typeof c.value === "number" && /%/.test(c.numberFormat))
    return `${Number((c.value * 100).toPrecision(12))}%`;
  if (typeof c.value === "number" && /[yd]/i.test(c.numberFormat.replace(/"[^"]*"/g, "")))
    return wb.text(c);
  return c.value === null ? "" : String(c.value);
}

/**
 * Draws the workbook into the page: `#fake-host` (formula bar, grid, tabs) beside the pane's `#container`.
 * Adds its own styles; call once the body exists.
 */
export function mountGridView(wb: FakeWorkbook): { render: () => void } {
  const style = document.createElement("style");
  style.textContent = STYLE;
  document.head.appendChild(style);

  const host = document.createElement("div");
  host.id = "fake-host";
  host.setAttribute("aria-label", "工作簿 Workbook");
  const bar = document.createElement("div");
  bar.id = "fake-formula";
  const nameBox = document.createElement("span");
  nameBox.id = "fake-name";
  const input = document.createElement("input");
  input.id = "fake-input";
  input.setAttribute("aria-label", "编辑栏 Formula bar");
  input.placeholder = "点一个单元格，在这里输入，按回车 · Click a cell, type here, press Enter";
  bar.append(nameBox, input);
  const scroll = document.createElement("div");
  scroll.id = "fake-scroll";
  const tabs = document.createElement("div");
  tabs.id = "fake-tabs";
  tabs.setAttribute("role", "tablist");
  host.append(bar, scroll, tabs);
  document.body.insertBefore(host, document.getElementById("container"));

  const selected = (): { sheet: string; address: string } | null =>
    wb.selection && wb.selection.sheet === wb.active ? wb.selection : null;

  const select = (sheet: string, address: string) => {
    wb.active = sheet;
    wb.selection = { sheet, address };
    render();
  };

  function showSelection(): void {
    const sel = selected();
    const first = sel ? sel.address.split(":")[0] : "";
    nameBox.textContent = first;
    input.disabled = !sel;
    input.value = sel ? rawInput(wb, wb.at(sel.sheet, first)) : "";
  }

  function render(): void {
    const sheet = wb.sheet(wb.active);
    tabs.replaceChildren(
      ...wb.sheets
        .filter((s) => s.visibility === "Visible")
        .map((s) => {
          const b = document.createElement("button");
          b.type = "button";
          b.setAttribute("role", "tab");
          b.textContent = s.name;
          b.setAttribute("aria-selected", String(s.name === wb.active));
          if (s.name === wb.active) b.className = "active";
          b.addEventListener("click", () => {
            wb.active = s.name;
            render();
            scroll.scrollTo(0, 0); // another sheet opens at its top-left corner
          });
          return b;
        })
    );
    const table = document.createElement("table");
    table.id = "fake-grid";
    if (sheet) {
      const used = wb.usedRect(sheet, false) ?? { row: 0, col: 0, rows: 1, cols: 1 };
      const rows = used.row + used.rows + 1;
      const cols = used.col + used.cols + 1;
      const sel = selected() ? parseAddress(selected()!.address) : null;
      // Cells hidden under a merged area's top-left one are not drawn (it spans them).
      const covered = new Set<string>();
      const spans = new Map<string, { rows: number; cols: number }>();
      for (const m of sheet.merges) {
        spans.set(`${m.row},${m.col}`, { rows: m.rows, cols: m.cols });
        for (let i = 0; i < m.rows; i++)
          for (let j = 0; j < m.cols; j++) if (i || j) covered.add(`${m.row + i},${m.col + j}`);
      }
      const head = document.createElement("tr");
      head.appendChild(document.createElement("th"));
      for (let c = 0; c < cols; c++) {
        const th = document.createElement("th");
        th.textContent = colLetters(c);
        // Column widths the tool sets are in points; a pixel is 3/4 of a point.
        const w = sheet.colWidths.get(c);
        if (w) th.style.minWidth = `${Math.round((w * 4) / 3) - 8}px`;
        head.appendChild(th);
      }
      table.appendChild(head);
      for (let r = 0; r < rows; r++) {
        if (sheet.hiddenRows?.has(r)) continue;
        const tr = document.createElement("tr");
        const th = document.createElement("th");
        th.textContent = String(r + 1);
        tr.appendChild(th);
        for (let c = 0; c < cols; c++) {
          if (covered.has(`${r},${c}`)) continue;
          const td = document.createElement("td");
          const span = spans.get(`${r},${c}`);
          if (span) {
            td.rowSpan = span.rows;
            td.colSpan = span.cols;
          }
          const cell = wb.cell(sheet.name, r, c);
          const addr = `${colLetters(c)}${r + 1}`;
          td.dataset.addr = addr;
          td.textContent = wb.text(cell); // text, never HTML
          if (td.textContent.length > 8) td.title = td.textContent; // cut at the column's width
          const cf = sheet.cfs.find(
            (f) => r >= f.row && r < f.row + f.rows && c >= f.col && c < f.col + f.cols
          );
          const fill = cf?.fill ?? cell.fill;
          const font = cf?.fontColor ?? cell.fontColor;
          if (fill) td.style.background = fill;
          if (font && font !== "#000000") td.style.color = font;
          if (cell.bold) td.style.fontWeight = "bold";
          if (typeof cell.value === "number") td.style.textAlign = "right";
          if (cf) {
            td.classList.add("cf");
            td.dataset.cf = "1";
          }
          if (cell.fill) td.dataset.fill = cell.fill;
          const link = cell.hyperlink?.documentReference
            ? linkTarget(cell.hyperlink.documentReference)
            : null;
          if (link) td.classList.add("link");
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
          td.addEventListener("click", () => {
            if (link && wb.sheet(link.sheet)) select(wb.sheet(link.sheet)!.name, link.address);
            else select(sheet.name, addr);
          });
          td.addEventListener("dblclick", () => input.focus());
          tr.appendChild(td);
        }
        table.appendChild(tr);
      }
    }
    scroll.replaceChildren(table);
    showSelection();
    table.querySelector("td.selected")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  input.addEventListener("keydown", (e) => {
    const sel = selected();
    if (!sel) return;
    if (e.key === "Escape") {
      showSelection();
      return;
    }
    if (e.key !== "Enter") return;
    e.preventDefault();
    const first = sel.address.split(":")[0];
    wb.type(sel.sheet, first, input.value);
    // Enter moves down one row, as in Excel, so a column of 实际完成值 can be typed in a row.
    const at = parseAddress(first);
    select(sel.sheet, `${colLetters(at.col)}${at.row + 2}`);
    input.focus();
  });

  wb.listeners.push(render);
  render();
  return { render };
}
