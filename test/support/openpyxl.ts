/**
 * Reads an .xlsx with openpyxl (Debian's python3-openpyxl), a reader the product's writer shares nothing
 * with, so that a test never lets the writer be its own judge.
 *
 *   const book = readWithOpenpyxl(file);
 *   book.sheet("绩效表").cells.E5   // { v: "=1/0", t: "f", cached: "#DIV/0!", numFmt: "General", … }
 */
import { spawnSync } from "child_process";

export interface OpenpyxlCell {
  /** openpyxl's value: a formula as "=…", a date as "2025-03-20T00:00:00", else the stored value. */
  v: string | number | boolean | null;
  /** openpyxl's data type: "s" text, "n" number, "b" boolean, "e" error, "f" formula, "d" date. */
  t: string;
  /** The cached result of a formula (from a second, data_only read); only when `cached` was asked for. */
  cached?: string | number | boolean | null;
  numFmt: string;
  font: {
    name: string | null;
    size: number | null;
    bold: boolean;
    italic: boolean;
    color: string | null;
  };
  /** The solid fill's ARGB, or null. */
  fill: string | null;
  border: { left: string | null; right: string | null; top: string | null; bottom: string | null };
  alignment: { horizontal: string | null; vertical: string | null; wrapText: boolean };
  /** A link's target (an external address) or location (a place in the workbook, as "#Sheet!A1"). */
  hyperlink: string | null;
}

export interface OpenpyxlSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  dimensions: string;
  merges: string[];
  /** 1-based numbers of hidden rows. */
  hiddenRows: number[];
  /** Letters of hidden columns. */
  hiddenCols: string[];
  /** Column widths by letter, where set. */
  widths: Record<string, number>;
  /** Row heights by 1-based row number, where set. */
  heights: Record<string, number>;
  protected: boolean;
  /** Cells that hold a value, or (with `styledEmpty`) a style, by address. */
  cells: Record<string, OpenpyxlCell>;
}

export interface OpenpyxlBook {
  date1904: boolean;
  sheets: OpenpyxlSheet[];
  sheet(name: string): OpenpyxlSheet;
}

export interface OpenpyxlOptions {
  /** Also read formulas' cached results (a second load with data_only=True). */
  cached?: boolean;
  /** Also list cells that hold no value but carry a style. */
  styledEmpty?: boolean;
  /** Only these sheets' cells (all sheets are still listed). */
  cellsOf?: string[];
}

const SCRIPT = String.raw`
import datetime, json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
from openpyxl.utils import get_column_letter

path, opts = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True) if opts.get("cached") else None

def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return v.total_seconds() / 86400
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)

def color(c):
    if c is None or c.type != "rgb" or not isinstance(c.rgb, str):
        return None
    return c.rgb

def side(s):
    return s.style if s is not None else None

out = {"date1904": bool(wb.epoch.year == 1904), "sheets": []}
for ws in wb.worksheets:
    hidden_cols = set()
    widths = {}
    for key, dim in ws.column_dimensions.items():
        lo, hi = dim.min or openpyxl.utils.column_index_from_string(key), dim.max or openpyxl.utils.column_index_from_string(key)
        for c in range(lo, hi + 1):
            if dim.hidden:
                hidden_cols.add(get_column_letter(c))
            if dim.customWidth and dim.width is not None:
                widths[get_column_letter(c)] = dim.width
    sheet = {
        "name": ws.title,
        "state": ws.sheet_state,
        "dimensions": ws.dimensions,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "hiddenRows": sorted(r for r, d in ws.row_dimensions.items() if d.hidden),
        "hiddenCols": sorted(hidden_cols, key=lambda s: (len(s), s)),
        "widths": widths,
        "heights": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None},
        "protected": bool(ws.protection.sheet),
        "cells": {},
    }
    wanted = not opts.get("cellsOf") or ws.title in opts["cellsOf"]
    links = {}
    for h in ws._hyperlinks if hasattr(ws, "_hyperlinks") else []:
        links[h.ref] = h
    for row in (ws.iter_rows() if wanted else []):
        for c in row:
            if c.value is None and not (opts.get("styledEmpty") and c.has_style):
                continue
            link = c.hyperlink
            cell = {
                "v": plain(c.value),
                "t": c.data_type,
                "numFmt": c.number_format,
                "font": {
                    "name": c.font.name,
                    "size": c.font.sz,
                    "bold": bool(c.font.b),
                    "italic": bool(c.font.i),
                    "color": color(c.font.color),
                },
                "fill": color(c.fill.fgColor) if c.fill is not None and c.fill.fill_type == "solid" else None,
                "border": {
                    "left": side(c.border.left),
                    "right": side(c.border.right),
                    "top": side(c.border.top),
                    "bottom": side(c.border.bottom),
                },
                "alignment": {
                    "horizontal": c.alignment.horizontal,
                    "vertical": c.alignment.vertical,
                    "wrapText": bool(c.alignment.wrap_text),
                },
                "hyperlink": None if link is None else (link.target or ("#" + link.location if link.location else None)),
            }
            if cached is not None:
                cell["cached"] = plain(cached[ws.title][c.coordinate].value)
            sheet["cells"][c.coordinate] = cell
    out["sheets"].append(sheet)
json.dump(out, sys.stdout, ensure_ascii=False)
`;

/** The python with openpyxl: Debian's, whatever `python3` comes first on PATH. */
export const PYTHON = "/usr/bin/python3";

export function readWithOpenpyxl(file: string, options: OpenpyxlOptions = {}): OpenpyxlBook {
  const r = spawnSync(PYTHON, ["-c", SCRIPT, file, JSON.stringify(options)], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`openpyxl could not read ${file}: ${r.stderr || r.error}`);
  const book = JSON.parse(r.stdout) as Omit<OpenpyxlBook, "sheet">;
  return {
    ...book,
    sheet(name: string) {
      const s = book.sheets.find((x) => x.name === name);
      if (!s)
        throw new Error(
          `openpyxl: no sheet "${name}" in ${file} (${book.sheets.map((x) => x.name).join(", ")})`
        );
      return s;
    },
  };
}

/** Whether openpyxl is there to read with. */
export function hasOpenpyxl(): boolean {
  return spawnSync(PYTHON, ["-c", "import openpyxl"]).status === 0;
}
