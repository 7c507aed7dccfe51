/**
 * Marking unmet targets' actual cells. They are the user's cells: the add-in never changes their style,
 * it adds a conditional format on top, which Clear/Undo remove without touching the user's own formats.
 *
 * Choice (measured with the fake host, test/excel/conditional.test.ts): ONE custom conditional format per
 * vertical run of unmet cells, not one per cell. 10,000 contiguous unmet cells: one format, ≈2.4 KB of
 * request, against ≈24 MB (five requests' worth) per cell. The worst case, alternating rows, equals per
 * cell (5,000 formats ≈ 12 MB estimated) and is spread over parallel requests like any other operation.
 * A single format over a RangeAreas would be one call, but RangeAreas needs ExcelApi 1.9, above the 1.7
 * the rest of the add-in needs. A format whose formula looks at our completion column would be one per
 * table, but would re-implement the engine's notion of "unmet"; the plan's unmetCells stay the authority.
 *
 * Our formats are recognised by their formula, which also records the range they were added to, so that
 * Undo can put back exactly the marks that were there before: =N("IndicatorScorer:E5:E9")=0 is always
 * TRUE (N of a text is 0), and no user writes that.
 */
import { CellRef, HIGHLIGHT_FILL, HIGHLIGHT_FONT, Rect, toRects } from "../core";
import { ACTION_OVERHEAD, PATH_BYTES } from "./blocks";

export const CF_MARK = "IndicatorScorer:";

export function markerFormula(address: string): string {
  return `=N("${CF_MARK}${address}")=0`;
}

/** The range a marker formula records, or null when the formula is not ours. */
export function parseMarker(formula: string | null | undefined): string | null {
  if (!formula) return null;
  const m = /N\("IndicatorScorer:([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"\)/.exec(formula);
  return m ? m[1] : null;
}

export interface MarkRange {
  sheet: string;
  address: string;
}

/** Unmet cells → one address per vertical run (per rectangle). */
export function markRanges(cells: readonly (CellRef & { sheet: string })[]): MarkRange[] {
  const bySheet = new Map<string, CellRef[]>();
  for (const c of cells) {
    const l = bySheet.get(c.sheet);
    if (l) l.push(c);
    else bySheet.set(c.sheet, [c]);
  }
  const out: MarkRange[] = [];
  for (const [sheet, list] of bySheet)
    for (const { rect } of toRects(list)) out.push({ sheet, address: rectAddress(rect) });
  return out;
}

/** Estimated request bytes of adding marks: paths (range, collection, format, custom, rule, format, fill,
 *  font) and actions (add, formula, fill colour, font colour). */
export function markBytes(ranges: readonly MarkRange[]): number {
  return ranges.reduce(
    (s, r) => s + 8 * PATH_BYTES + 4 * ACTION_OVERHEAD + 2 * r.address.length + 60,
    0
  );
}

function rectAddress(rect: Rect): string {
  const col = (c: number): string =>
    (c >= 26 ? col(Math.floor(c / 26) - 1) : "") + String.fromCharCode(65 + (c % 26));
  const a = (row: number, c: number) => `${col(c)}${row + 1}`;
  return rect.rows === 1 && rect.cols === 1
    ? a(rect.row, rect.col)
    : `${a(rect.row, rect.col)}:${a(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

export function queueAddMark(ws: Excel.Worksheet, address: string): void {
  const cf = ws.getRange(address).conditionalFormats.add("Custom");
  cf.custom.rule.formula = markerFormula(address);
  cf.custom.format.fill.color = HIGHLIGHT_FILL;
  cf.custom.format.font.color = HIGHLIGHT_FONT;
}

/** Queues a load of a sheet's conditional formats; after sync, `ours()` lists the marks found. */
export function queueLoadMarks(
  ws: Excel.Worksheet,
  sheet: string
): { ours: () => { sheet: string; address: string; cf: Excel.ConditionalFormat }[] } {
  const cfs = ws.getRange().conditionalFormats;
  cfs.load("items/id,items/type,items/customOrNullObject/rule/formula");
  return {
    ours: () => {
      const found: { sheet: string; address: string; cf: Excel.ConditionalFormat }[] = [];
      for (const cf of cfs.items) {
        if (cf.type !== "Custom") continue;
        const custom = cf.customOrNullObject;
        if (custom.isNullObject) continue;
        const address = parseMarker(custom.rule.formula);
        if (address) found.push({ sheet, address, cf });
      }
      return found;
    },
  };
}
