/**
 * A fake of the WPS 表格 JS API surface src/wps uses, over an in-memory workbook, shaped on the published
 * typings (wps-jsapi 1.0.5 `Et.*`, wps-jsapi-declare 2.2.0 `WPS.AddonRoot`) and on the Excel VBA object
 * model they mirror:
 * - every property read or write and every method is one synchronous call, counted (`calls`, and by name
 *   in `byName`), so a test can assert whole-range reads and block writes;
 * - `Value2` / `Formula` of a multi-cell range are 2-D arrays (rows of cells), of one cell a scalar; an
 *   empty cell is `undefined`; a constant's `Formula` is its value as text; a string assigned to `Value2`
 *   is parsed as typed (a formula, a number, a percentage, a date, a boolean; a leading apostrophe keeps it
 *   text), as Excel's fake does (test/excel/fake-excel.ts `parseInput`); a 2-D array must fit the range;
 * - a property of a range whose cells differ reads as null (`NumberFormat`, `Interior.Color`/`ColorIndex`,
 *   `Font.*`, `Borders.LineStyle`, alignment, `WrapText`, `MergeCells`, `Hidden`, `Text`);
 * - colours are BGR longs; no fill is `Interior.ColorIndex = xlNone (-4142)`, the automatic font colour
 *   `Font.ColorIndex = -4105`; sheet visibility -1 / 0 / 2 (xlSheetVeryHidden);
 * - `failAt(n)`: the n-th call from now throws, as a refused COM call would.
 * No Node imports: the e2e test bundles it for the browser (test/e2e/wps-host-entry.ts).
 */
import { a1, columnLetters } from "../../src/core/a1";
import type { CellValue, MergedArea, SheetGrid } from "../../src/core/types";
import { parseAddress, parseInput, rectAddress } from "../excel/fake-excel";

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
export const XL_NONE = -4142;
export const XL_AUTO = -4105;

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface WCell {
  value: string | number | boolean | null;
  formula?: string;
  numberFormat: string;
  /** BGR, or null: no fill. */
  fill: number | null;
  /** BGR, or null: automatic. */
  fontColor: number | null;
  bold: boolean;
  size: number;
  border: number | null;
  /**
   * A cell lined on some sides only (top, bottom, left, right line styles, null for none), as a file can
   * hold it: then `border` is null and `Borders.LineStyle` reads null (the sides differ); setting
   * `Borders.LineStyle` lines all four sides alike again. Absent: all sides are `border`.
   */
  sides?: [number | null, number | null, number | null, number | null];
  hAlign: number;
  vAlign: number;
  wrap: boolean;
}

const blank = (): WCell => ({
  value: null,
  numberFormat: "General",
  fill: null,
  fontColor: null,
  bold: false,
  size: 11,
  border: null,
  hAlign: 1,
  vAlign: -4107,
  wrap: false,
});

const isDefault = (c: WCell) => JSON.stringify(c) === JSON.stringify(blank());

export interface WSheet {
  name: string;
  visible: number;
  protected: boolean;
  cells: Map<string, WCell>;
  merges: Rect[];
  hidden: Set<number>;
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  page: Record<string, unknown>;
  breaks: number[];
  links: { row: number; col: number; subAddress: string; text: string }[];
}

const key = (r: number, c: number) => `${r},${c}`;
const within = (r: Rect, row: number, col: number) =>
  row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;

export function bgrOf(hex: string): number {
  const n = parseInt(hex.replace("#", ""), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}
export function hexOf(bgr: number): string {
  const rgb = ((bgr & 0xff) << 16) | (bgr & 0xff00) | ((bgr >> 16) & 0xff);
  return `#${rgb.toString(16).padStart(6, "0").toUpperCase()}`;
}

export class FakeWps {
  sheets: WSheet[] = [];
  active = "";
  date1904 = false;
  protectStructure = false;
  readOnly = false;
  props = new Map<string, string>();
  storage = new Map<string, string>();
  panes: { id: number; url: string; visible: boolean }[] = [];
  screenUpdating = true;
  displayAlerts = true;
  calls = 0;
  byName = new Map<string, number>();
  private failIn = -1;

  /** Counts one call, and throws when failAt said so. */
  call(name: string): void {
    this.calls++;
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
    if (this.failIn > 0 && --this.failIn === 0) {
      this.failIn = -1;
      throw new Error(`WPS refused ${name}`);
    }
  }
  resetCalls(): void {
    this.calls = 0;
    this.byName.clear();
  }
  /** The n-th call from now (1: the next) throws. */
  failAt(n: number): void {
    this.failIn = n;
  }

  static fromGrids(grids: readonly SheetGrid[]): FakeWps {
    const wb = new FakeWps();
    for (const g of grids) {
      const s = wb.addSheet(g.name);
      g.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const f = g.formulas?.[i]?.[j] ?? "";
          const fmt = g.formats?.[i]?.[j] || "General";
          if ((v === null || v === "") && !f && fmt === "General") return;
          const c = { ...blank(), value: v === "" ? null : v, numberFormat: fmt };
          if (f) c.formula = f;
          s.cells.set(key(g.originRow + i, g.originCol + j), c);
        })
      );
      s.merges = (g.merges ?? []).map((m) => ({ ...m }));
      for (const r of g.hiddenRows ?? []) s.hidden.add(r);
    }
    wb.active = grids[0]?.name ?? "";
    return wb;
  }

  addSheet(name: string): WSheet {
    const s: WSheet = {
      name,
      visible: -1,
      protected: false,
      cells: new Map(),
      merges: [],
      hidden: new Set(),
      colWidths: new Map(),
      rowHeights: new Map(),
      page: {},
      breaks: [],
      links: [],
    };
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): WSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** A cell's state, for assertions (fill and font colour as "#RRGGBB"). */
  at(sheet: string, address: string) {
    const p = parseAddress(address);
    const c = this.sheet(sheet)!.cells.get(key(p.row, p.col)) ?? blank();
    return {
      ...c,
      fill: c.fill === null ? null : hexOf(c.fill),
      fontColor: c.fontColor === null ? null : hexOf(c.fontColor),
    };
  }

  /** The user types into a cell (not counted: not the add-in's call). */
  type(sheet: string, address: string, input: string): void {
    const p = parseAddress(address);
    const s = this.sheet(sheet)!;
    const c = s.cells.get(key(p.row, p.col)) ?? blank();
    Object.assign(c, { formula: undefined }, parseInput(input, c.numberFormat));
    s.cells.set(key(p.row, p.col), c);
  }

  /** The user gives cells a fill of their own. */
  setFill(sheet: string, address: string, hex: string | null): void {
    const r = parseAddress(address);
    const s = this.sheet(sheet)!;
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) {
        const c = s.cells.get(key(r.row + i, r.col + j)) ?? blank();
        c.fill = hex === null ? null : bgrOf(hex);
        s.cells.set(key(r.row + i, r.col + j), c);
      }
  }

  /** The used range as a SheetGrid (values and formats), for comparisons. */
  toGrid(name: string): SheetGrid {
    const s = this.sheet(name)!;
    const u = usedRect(s);
    const values: CellValue[][] = [];
    const formats: string[][] = [];
    for (let i = 0; i < u.rows; i++) {
      values.push([]);
      formats.push([]);
      for (let j = 0; j < u.cols; j++) {
        const c = s.cells.get(key(u.row + i, u.col + j));
        values[i].push(c?.value ?? null);
        formats[i].push(c?.numberFormat ?? "General");
      }
    }
    const text = values.map((r) => r.map((v) => (v === null ? "" : String(v))));
    return { name, originRow: u.row, originCol: u.col, values, text, formats };
  }

  /** Everything the workbook holds, as one string (sheets in order, cells, merges, widths, visibility). */
  snapshot(): string {
    return JSON.stringify(
      this.sheets.map((s) => ({
        name: s.name,
        visible: s.visible,
        cells: [...s.cells.entries()].sort(),
        merges: s.merges,
        widths: [...s.colWidths.entries()].sort(),
        hidden: [...s.hidden].sort(),
      }))
    );
  }

  /** WPS's `Application`, over this workbook. */
  application() {
    return new FakeApplication(this);
  }
}

function usedRect(s: WSheet): Rect {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const [k, c] of s.cells) {
    if (isDefault(c)) continue;
    const [r, col] = k.split(",").map(Number);
    r0 = Math.min(r0, r);
    c0 = Math.min(c0, col);
    r1 = Math.max(r1, r);
    c1 = Math.max(c1, col);
  }
  if (r1 < 0) return { row: 0, col: 0, rows: 1, cols: 1 };
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

class FakeApplication {
  constructor(private readonly wb: FakeWps) {}
  get ActiveWorkbook() {
    this.wb.call("Application.ActiveWorkbook");
    return new FakeWorkbookApi(this.wb);
  }
  get PluginStorage() {
    this.wb.call("Application.PluginStorage");
    const st = this.wb.storage;
    return {
      setItem: (k: string, v: string | number | boolean) => {
        this.wb.call("PluginStorage.setItem");
        st.set(k, String(v));
      },
      getItem: (k: string) => {
        this.wb.call("PluginStorage.getItem");
        return st.get(k) ?? null;
      },
    };
  }
  get ScreenUpdating() {
    this.wb.call("Application.ScreenUpdating");
    return this.wb.screenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this.wb.call("Application.ScreenUpdating=");
    this.wb.screenUpdating = v;
  }
  get DisplayAlerts() {
    this.wb.call("Application.DisplayAlerts");
    return this.wb.displayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this.wb.call("Application.DisplayAlerts=");
    this.wb.displayAlerts = v;
  }
  CreateTaskPane(url: string) {
    this.wb.call("Application.CreateTaskPane");
    const pane = { id: this.wb.panes.length + 1, url, visible: false };
    this.wb.panes.push(pane);
    return paneApi(this.wb, pane);
  }
  GetTaskPane(id: number) {
    this.wb.call("Application.GetTaskPane");
    const pane = this.wb.panes.find((p) => p.id === Number(id));
    return pane ? paneApi(this.wb, pane) : null;
  }
}

function paneApi(wb: FakeWps, pane: { id: number; visible: boolean }) {
  return {
    get ID() {
      wb.call("TaskPane.ID");
      return pane.id;
    },
    get Visible() {
      wb.call("TaskPane.Visible");
      return pane.visible;
    },
    set Visible(v: boolean) {
      wb.call("TaskPane.Visible=");
      pane.visible = v;
    },
    DockPosition: 2,
    Width: 360,
  };
}

class FakeWorkbookApi {
  constructor(private readonly wb: FakeWps) {}
  get Name() {
    this.wb.call("Workbook.Name");
    return "book.xlsx";
  }
  get Date1904() {
    this.wb.call("Workbook.Date1904");
    return this.wb.date1904;
  }
  get ReadOnly() {
    this.wb.call("Workbook.ReadOnly");
    return this.wb.readOnly;
  }
  get ProtectStructure() {
    this.wb.call("Workbook.ProtectStructure");
    return this.wb.protectStructure;
  }
  get ActiveSheet() {
    this.wb.call("Workbook.ActiveSheet");
    return new FakeSheetApi(this.wb, this.wb.sheet(this.wb.active) ?? this.wb.sheets[0]);
  }
  get Worksheets() {
    this.wb.call("Workbook.Worksheets");
    const wb = this.wb;
    return {
      get Count() {
        wb.call("Worksheets.Count");
        return wb.sheets.length;
      },
      Item(index: number | string) {
        wb.call("Worksheets.Item");
        const s = typeof index === "number" ? wb.sheets[index - 1] : wb.sheet(index);
        if (!s) throw new Error(`no sheet ${index}`);
        return new FakeSheetApi(wb, s);
      },
      Add(before?: FakeSheetApi, after?: FakeSheetApi) {
        wb.call("Worksheets.Add");
        if (wb.protectStructure) throw new Error("workbook structure is protected");
        let n = wb.sheets.length + 1;
        while (wb.sheet(`Sheet${n}`)) n++;
        const s = wb.addSheet(`Sheet${n}`);
        // Without Before or After, WPS (as Excel) puts the new sheet before the active one.
        wb.sheets.pop();
        const anchor = before ?? after;
        const at = anchor
          ? wb.sheets.indexOf(anchor.data) + (after ? 1 : 0)
          : Math.max(
              0,
              wb.sheets.findIndex((x) => x.name === wb.active)
            );
        wb.sheets.splice(at, 0, s);
        return new FakeSheetApi(wb, s);
      },
    };
  }
  get CustomDocumentProperties() {
    this.wb.call("Workbook.CustomDocumentProperties");
    const wb = this.wb;
    const prop = (name: string) => ({
      get Name() {
        wb.call("DocumentProperty.Name");
        return name;
      },
      get Value() {
        wb.call("DocumentProperty.Value");
        return wb.props.get(name)!;
      },
      Delete() {
        wb.call("DocumentProperty.Delete");
        wb.props.delete(name);
      },
    });
    return {
      get Count() {
        wb.call("CustomDocumentProperties.Count");
        return wb.props.size;
      },
      Item(i: number | string) {
        wb.call("CustomDocumentProperties.Item");
        const name = typeof i === "number" ? [...wb.props.keys()][i - 1] : i;
        if (name === undefined || !wb.props.has(name)) throw new Error(`no property ${i}`);
        return prop(name);
      },
      Add(name: string, _link: boolean, type: number, value: string) {
        wb.call("CustomDocumentProperties.Add");
        if (type !== 4 || value.length > 255) throw new Error("bad property");
        wb.props.set(name, value);
        return prop(name);
      },
    };
  }
}

export class FakeSheetApi {
  constructor(
    private readonly wb: FakeWps,
    readonly data: WSheet
  ) {}
  private get s(): WSheet {
    if (!this.wb.sheets.includes(this.data)) throw new Error("the sheet was deleted");
    return this.data;
  }
  get Name() {
    this.wb.call("Worksheet.Name");
    return this.s.name;
  }
  set Name(v: string) {
    this.wb.call("Worksheet.Name=");
    if (this.wb.sheets.some((x) => x !== this.s && x.name.toLowerCase() === v.toLowerCase()))
      throw new Error(`a sheet is named ${v}`);
    if (this.wb.active === this.s.name) this.wb.active = v;
    this.s.name = v;
  }
  get Visible() {
    this.wb.call("Worksheet.Visible");
    return this.s.visible;
  }
  set Visible(v: number) {
    this.wb.call("Worksheet.Visible=");
    this.s.visible = v;
  }
  get Index() {
    this.wb.call("Worksheet.Index");
    return this.wb.sheets.indexOf(this.s) + 1;
  }
  get ProtectContents() {
    this.wb.call("Worksheet.ProtectContents");
    return this.s.protected;
  }
  get StandardWidth() {
    this.wb.call("Worksheet.StandardWidth");
    return 8.38;
  }
  get UsedRange() {
    this.wb.call("Worksheet.UsedRange");
    return new FakeRange(this.wb, this.s, usedRect(this.s));
  }
  get Cells() {
    this.wb.call("Worksheet.Cells");
    return new FakeRange(this.wb, this.s, { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS });
  }
  Range(address: string) {
    this.wb.call("Worksheet.Range");
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
    const r = rows
      ? { row: +rows[1] - 1, col: 0, rows: +rows[2] - +rows[1] + 1, cols: MAX_COLS }
      : parseAddress(address);
    return new FakeRange(this.wb, this.s, r);
  }
  get PageSetup() {
    this.wb.call("Worksheet.PageSetup");
    const wb = this.wb;
    const page = this.s.page;
    return new Proxy(page, {
      get(t, p: string) {
        wb.call(`PageSetup.${p}`);
        return t[p] ?? (p === "PrintArea" || p === "PrintTitleRows" ? "" : undefined);
      },
      set(t, p: string, v) {
        wb.call(`PageSetup.${p}=`);
        t[p] = v;
        return true;
      },
    });
  }
  get HPageBreaks() {
    this.wb.call("Worksheet.HPageBreaks");
    return {
      Add: (before: FakeRange) => {
        this.wb.call("HPageBreaks.Add");
        // A sheet has at most one manual break above a row (as in Excel): adding it again changes nothing.
        if (!this.s.breaks.includes(before.rect.row)) this.s.breaks.push(before.rect.row);
      },
    };
  }
  Activate() {
    this.wb.call("Worksheet.Activate");
    this.wb.active = this.s.name;
  }
  Delete() {
    this.wb.call("Worksheet.Delete");
    if (this.wb.protectStructure) throw new Error("workbook structure is protected");
    if (this.wb.displayAlerts) throw new Error("Delete asked for confirmation (DisplayAlerts on)");
    this.wb.sheets.splice(this.wb.sheets.indexOf(this.s), 1);
  }
}

type V = string | number | boolean | undefined;

export class FakeRange {
  constructor(
    private readonly wb: FakeWps,
    private readonly s: WSheet,
    readonly rect: Rect
  ) {}

  private c(name: string): void {
    this.wb.call(`Range.${name}`);
  }
  private guard(): void {
    if (this.s.protected) throw new Error(`sheet ${this.s.name} is protected`);
  }
  /** The stored cells inside the rectangle, and whether some of its cells are not stored. */
  private stored(): { cells: WCell[]; gaps: boolean } {
    const r = this.rect;
    const cells: WCell[] = [];
    if (r.rows * r.cols <= this.s.cells.size * 4) {
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++) {
          const c = this.s.cells.get(key(r.row + i, r.col + j));
          if (c) cells.push(c);
        }
    } else
      for (const [k, c] of this.s.cells) {
        const [row, col] = k.split(",").map(Number);
        if (within(r, row, col)) cells.push(c);
      }
    return { cells, gaps: cells.length < r.rows * r.cols };
  }
  /** One property over the range: its value when every cell agrees, else null. */
  private same<T>(f: (c: WCell) => T): T | null {
    const { cells, gaps } = this.stored();
    const vals = cells.map(f);
    if (gaps) vals.push(f(blank()));
    return vals.every((v) => v === vals[0]) ? vals[0] : null;
  }
  private each(f: (c: WCell) => void): void {
    this.guard();
    const r = this.rect;
    if (r.rows * r.cols > 1e6) {
      // A whole column or row: every stored cell in it, and the default for the others is not modelled.
      for (const [k, c] of this.s.cells) {
        const [row, col] = k.split(",").map(Number);
        if (within(r, row, col)) f(c);
      }
      return;
    }
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) {
        const k = key(r.row + i, r.col + j);
        const c = this.s.cells.get(k) ?? blank();
        f(c);
        if (isDefault(c)) this.s.cells.delete(k);
        else this.s.cells.set(k, c);
      }
  }
  private grid(f: (c: WCell) => V): V | V[][] {
    const r = this.rect;
    const out: V[][] = [];
    for (let i = 0; i < r.rows; i++) {
      const row: V[] = [];
      for (let j = 0; j < r.cols; j++) {
        const c = this.s.cells.get(key(r.row + i, r.col + j));
        row.push(c ? f(c) : undefined);
      }
      out.push(row);
    }
    return r.rows === 1 && r.cols === 1 ? out[0][0] : out;
  }

  get Value2(): V | V[][] {
    this.c("Value2");
    return this.grid((c) => (c.value === null ? undefined : c.value));
  }
  set Value2(v: V | V[][]) {
    this.c("Value2=");
    const r = this.rect;
    const rows = Array.isArray(v) ? v : [[v]];
    if (rows.length !== r.rows || rows.some((x) => !Array.isArray(x) || x.length !== r.cols))
      throw new Error(`Value2: a ${rows.length}-row array for ${rectAddress(r)}`);
    this.guard();
    rows.forEach((row, i) =>
      (row as V[]).forEach((x, j) => {
        const k = key(r.row + i, r.col + j);
        const c = this.s.cells.get(k) ?? blank();
        delete c.formula;
        if (typeof x === "string") {
          const p = parseInput(x, c.numberFormat);
          c.value = p.value;
          if (p.formula) c.formula = p.formula;
          if (p.format) c.numberFormat = p.format;
        } else c.value = x === undefined ? null : x;
        if (isDefault(c)) this.s.cells.delete(k);
        else this.s.cells.set(k, c);
      })
    );
  }
  get Formula(): V | V[][] {
    this.c("Formula");
    return this.grid((c) => c.formula ?? (c.value === null ? "" : String(c.value)));
  }
  get Text(): string | null {
    this.c("Text");
    return this.same((c) => (c.value === null ? "" : String(c.value)));
  }
  get NumberFormat(): string | null {
    this.c("NumberFormat");
    return this.same((c) => c.numberFormat);
  }
  set NumberFormat(v: string) {
    this.c("NumberFormat=");
    this.each((c) => (c.numberFormat = v));
  }
  get Row() {
    this.c("Row");
    return this.rect.row + 1;
  }
  get Column() {
    this.c("Column");
    return this.rect.col + 1;
  }
  get Count() {
    this.c("Count");
    return this.rect.rows * this.rect.cols;
  }
  get Rows() {
    this.c("Rows");
    const wb = this.wb;
    const n = this.rect.rows;
    return {
      get Count() {
        wb.call("Range.Count");
        return n;
      },
    };
  }
  get Columns() {
    this.c("Columns");
    const wb = this.wb;
    const n = this.rect.cols;
    return {
      get Count() {
        wb.call("Range.Count");
        return n;
      },
    };
  }
  get EntireRow() {
    this.c("EntireRow");
    return new FakeRange(this.wb, this.s, {
      row: this.rect.row,
      col: 0,
      rows: this.rect.rows,
      cols: MAX_COLS,
    });
  }
  get Hidden(): boolean | null {
    this.c("Hidden");
    const rows = [...Array(this.rect.rows).keys()].map((i) => this.s.hidden.has(this.rect.row + i));
    return rows.every((h) => h === rows[0]) ? rows[0] : null;
  }
  get Interior() {
    this.c("Interior");
    return this.part({
      Color: [(c) => c.fill ?? 0xffffff, (c, v) => (c.fill = v as number)],
      ColorIndex: [
        (c) => (c.fill === null ? XL_NONE : 1),
        (c, v) => v === XL_NONE && (c.fill = null),
      ],
    });
  }
  get Font() {
    this.c("Font");
    return this.part({
      Bold: [(c) => c.bold, (c, v) => (c.bold = !!v)],
      Color: [(c) => c.fontColor ?? 0, (c, v) => (c.fontColor = v as number)],
      ColorIndex: [
        (c) => (c.fontColor === null ? XL_AUTO : 1),
        (c, v) => v === XL_AUTO && (c.fontColor = null),
      ],
      Size: [(c) => c.size, (c, v) => (c.size = v as number)],
    });
  }
  get Borders() {
    this.c("Borders");
    return this.part({
      LineStyle: [
        // NaN never equals itself: a cell lined on some sides only reads null, alone or in a range.
        (c) => (c.sides ? NaN : (c.border ?? XL_NONE)),
        (c, v) => {
          delete c.sides;
          c.border = v === XL_NONE ? null : (v as number);
        },
      ],
      Weight: [() => 2, () => undefined],
    });
  }
  /** A sub-object (Interior, Font, Borders) whose properties read as `same` and write to every cell. */
  private part(
    props: Record<string, [(c: WCell) => unknown, (c: WCell, v: unknown) => unknown]>
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, [get, set]] of Object.entries(props))
      Object.defineProperty(out, name, {
        get: () => {
          this.c(name);
          return this.same(get);
        },
        set: (v) => {
          this.c(`${name}=`);
          this.each((c) => set(c, v));
        },
      });
    return out;
  }
  get HorizontalAlignment() {
    this.c("HorizontalAlignment");
    return this.same((c) => c.hAlign);
  }
  set HorizontalAlignment(v: number | null) {
    this.c("HorizontalAlignment=");
    this.each((c) => (c.hAlign = v ?? 1));
  }
  get VerticalAlignment() {
    this.c("VerticalAlignment");
    return this.same((c) => c.vAlign);
  }
  set VerticalAlignment(v: number | null) {
    this.c("VerticalAlignment=");
    this.each((c) => (c.vAlign = v ?? -4107));
  }
  get WrapText() {
    this.c("WrapText");
    return this.same((c) => c.wrap);
  }
  set WrapText(v: boolean | null) {
    this.c("WrapText=");
    this.each((c) => (c.wrap = !!v));
  }
  get MergeCells(): boolean | null {
    this.c("MergeCells");
    const r = this.rect;
    let any = false;
    let all = true;
    for (let i = 0; i < r.rows && (all || !any); i++)
      for (let j = 0; j < r.cols; j++) {
        const m = this.s.merges.some((a) => within(a, r.row + i, r.col + j));
        any ||= m;
        all &&= m;
      }
    return all ? true : any ? null : false;
  }
  get MergeArea() {
    this.c("MergeArea");
    const m = this.s.merges.find((a) => within(a, this.rect.row, this.rect.col));
    return new FakeRange(this.wb, this.s, m ? { ...m } : { ...this.rect, rows: 1, cols: 1 });
  }
  Merge() {
    this.c("Merge");
    this.guard();
    this.s.merges.push({ ...this.rect });
  }
  UnMerge() {
    this.c("UnMerge");
    this.s.merges = this.s.merges.filter((m) => !within(this.rect, m.row, m.col));
  }
  get ColumnWidth(): number | null {
    this.c("ColumnWidth");
    const ws = [...Array(Math.min(this.rect.cols, 64)).keys()].map(
      (j) => this.s.colWidths.get(this.rect.col + j) ?? 8.38
    );
    return ws.every((w) => w === ws[0]) ? ws[0] : null;
  }
  set ColumnWidth(v: number) {
    this.c("ColumnWidth=");
    for (let j = 0; j < this.rect.cols; j++) this.s.colWidths.set(this.rect.col + j, v);
  }
  get UseStandardWidth(): boolean | null {
    this.c("UseStandardWidth");
    return !this.s.colWidths.has(this.rect.col);
  }
  set UseStandardWidth(v: boolean) {
    this.c("UseStandardWidth=");
    if (v) for (let j = 0; j < this.rect.cols; j++) this.s.colWidths.delete(this.rect.col + j);
  }
  get RowHeight(): number | null {
    this.c("RowHeight");
    return this.s.rowHeights.get(this.rect.row) ?? 13.5;
  }
  set RowHeight(v: number) {
    this.c("RowHeight=");
    for (let i = 0; i < this.rect.rows; i++) this.s.rowHeights.set(this.rect.row + i, v);
  }
  Address() {
    this.c("Address");
    return rectAddress(this.rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  }
  Select() {
    this.c("Select");
    this.wb.active = this.s.name;
  }
  Clear() {
    this.c("Clear");
    this.guard();
    for (const k of [...this.s.cells.keys()]) {
      const [row, col] = k.split(",").map(Number);
      if (within(this.rect, row, col)) this.s.cells.delete(k);
    }
    this.s.merges = this.s.merges.filter((m) => !within(this.rect, m.row, m.col));
    this.s.links = this.s.links.filter((l) => !within(this.rect, l.row, l.col));
  }
  ClearContents() {
    this.c("ClearContents");
    this.guard();
    for (const [k, c] of [...this.s.cells]) {
      const [row, col] = k.split(",").map(Number);
      if (!within(this.rect, row, col)) continue;
      c.value = null;
      delete c.formula;
      if (isDefault(c)) this.s.cells.delete(k);
    }
  }
  ClearFormats() {
    this.c("ClearFormats");
    this.each((c) => Object.assign(c, { ...blank(), value: c.value, formula: c.formula }));
  }
  get Hyperlinks() {
    this.c("Hyperlinks");
    return {
      Add: (anchor: FakeRange, _address: string, sub: string, _tip: unknown, text: string) => {
        this.wb.call("Hyperlinks.Add");
        this.s.links.push({ row: anchor.rect.row, col: anchor.rect.col, subAddress: sub, text });
      },
    };
  }
}

export type { MergedArea };
export { a1, columnLetters };
