/**
 * What openpyxl (Debian's python3-openpyxl, sharing nothing with the product's writer) reads of a
 * workbook's print settings: page setup, fit to page, manual row breaks, print titles and print areas
 * (the last two come from the workbook part's `_xlnm.` names scoped to each sheet).
 */
import { spawnSync } from "child_process";
import { PYTHON } from "./openpyxl";

export interface PrintSettings {
  name: string;
  state: string;
  orientation: string | null;
  paperSize: number | null;
  fitToWidth: number | null;
  fitToHeight: number | null;
  fitToPage: boolean;
  /** Manual row breaks: `id` is the last row (1-based) before the break. */
  rowBreaks: { id: number; man: boolean; max: number | null }[];
  /** e.g. "1:3" */
  printTitleRows: string | null;
  /** openpyxl 3.0 gives the areas without the sheet name, e.g. ["$A$1:$H$30"]. */
  printArea: string[] | null;
}

const SCRIPT = String.raw`
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    ps = ws.page_setup
    pr = ws.sheet_properties.pageSetUpPr
    area = ws.print_area
    out.append({
        "name": ws.title,
        "state": ws.sheet_state,
        "orientation": ps.orientation,
        "paperSize": None if ps.paperSize is None else int(ps.paperSize),
        "fitToWidth": None if ps.fitToWidth is None else int(ps.fitToWidth),
        "fitToHeight": None if ps.fitToHeight is None else int(ps.fitToHeight),
        "fitToPage": bool(pr is not None and pr.fitToPage),
        "rowBreaks": [{"id": int(b.id), "man": bool(b.man), "max": None if b.max is None else int(b.max)} for b in ws.row_breaks.brk],
        "printTitleRows": ws.print_title_rows,
        "printArea": None if area is None else ([area] if isinstance(area, str) else list(area)),
    })
json.dump(out, sys.stdout, ensure_ascii=False)
`;

export function readPrintSettings(file: string): Record<string, PrintSettings> {
  const r = spawnSync(PYTHON, ["-c", SCRIPT, file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openpyxl could not read ${file}: ${r.stderr || r.error}`);
  const out: Record<string, PrintSettings> = {};
  for (const s of JSON.parse(r.stdout) as PrintSettings[]) out[s.name] = s;
  return out;
}
