/**
 * What a workbook holds that exceljs cannot write back. exceljs saves what it models (cells, styles, merged
 * areas, notes, tables, data validation, conditional formats, pictures…); parts it does not model (charts,
 * pivot tables, macros, …) are left out of anything it saves. The command line reads these from the input's zip
 * entries and its drawings, so that it never overwrites a workbook that would lose them, and says what a
 * scored copy lacks.
 */
import ExcelJS from "exceljs";

/** In the order they are listed to the user. */
const FEATURES = [
  "charts",
  "chartsheets",
  "shapes",
  "unreadDrawings",
  "pivotTables",
  "macros",
  "slicers",
  "controls",
  "embeddings",
  "threadedComments",
  "externalLinks",
  "connections",
] as const;

export type UnkeptFeature = (typeof FEATURES)[number];

export interface Unkept {
  feature: UnkeptFeature;
  count: number;
}

/** One zip entry per instance of the feature. */
const PART_RULES: [UnkeptFeature, RegExp][] = [
  ["charts", /^xl\/charts\/chart\d*\.xml$/i],
  ["chartsheets", /^xl\/chartsheets\/sheet\d*\.xml$/i],
  ["pivotTables", /^xl\/pivotTables\/pivotTable\d*\.xml$/i],
  ["macros", /^xl\/vbaProject\.bin$/i],
  ["slicers", /^xl\/(?:slicers\/slicer|timelines\/timeline)\d*\.xml$/i],
  ["controls", /^xl\/(?:ctrlProps\/ctrlProp|activeX\/activeX)\d*\.xml$/i],
  ["embeddings", /^xl\/embeddings\/[^/]+$/i],
  ["threadedComments", /^xl\/threadedComments\/threadedComment\d*\.xml$/i],
  ["externalLinks", /^xl\/externalLinks\/externalLink\d*\.xml$/i],
  ["connections", /^xl\/(?:connections\.xml|queryTables\/queryTable\d*\.xml)$/i],
];

/** What the drawings exceljs read held besides pictures, and how many it could not read at all. */
export interface DrawingTally {
  /** Anchored objects that are not pictures: charts, shapes, text boxes, SmartArt. */
  nonPictures: number;
  unread: number;
}

/** The features that would be lost, in a fixed order, from the zip's entry names and the drawings' tally. */
export function unkeptFeatures(entryNames: readonly string[], drawings: DrawingTally): Unkept[] {
  const counts = new Map<UnkeptFeature, number>();
  for (const name of entryNames) {
    const rule = PART_RULES.find(([, re]) => re.test(name.replace(/^\//, "")));
    if (rule) counts.set(rule[0], (counts.get(rule[0]) ?? 0) + 1);
  }
  // A chart is also an anchored non-picture object of its sheet's drawing: count it once, as a chart.
  const shapes = drawings.nonPictures - (counts.get("charts") ?? 0);
  if (shapes > 0) counts.set("shapes", shapes);
  if (drawings.unread > 0) counts.set("unreadDrawings", drawings.unread);
  return FEATURES.filter((f) => counts.has(f)).map((feature) => ({
    feature,
    count: counts.get(feature)!,
  }));
}

interface ParsedDrawing {
  anchors?: { picture?: unknown }[];
}
interface XlsxInternals {
  _processDrawingEntry?: (
    entry: unknown,
    model: { drawings: Record<string, ParsedDrawing | undefined> },
    name: string
  ) => Promise<void>;
}

/**
 * Makes `workbook.xlsx.load` survive drawings it cannot parse and tallies what its drawings hold.
 *
 * exceljs 4.4 keeps a drawing it cannot parse (one written without the `xdr:` prefix, as openpyxl writes
 * them) as `undefined`, then fails on it, so the whole workbook could not be read (exceljs#2591, open). The
 * engine reads no drawing, so such a drawing is kept as an empty one and counted as unread: its pictures
 * will not be in a written copy either.
 */
export function watchDrawings(workbook: ExcelJS.Workbook): DrawingTally {
  const tally: DrawingTally = { nonPictures: 0, unread: 0 };
  const xlsx = workbook.xlsx as unknown as XlsxInternals;
  const original = xlsx._processDrawingEntry;
  if (typeof original !== "function") return tally;
  xlsx._processDrawingEntry = async function (entry, model, name) {
    await original.call(this, entry, model, name);
    const drawing = model.drawings[name];
    if (!drawing || !Array.isArray(drawing.anchors)) {
      model.drawings[name] = { anchors: [] };
      tally.unread++;
      return;
    }
    for (const anchor of drawing.anchors) if (!anchor?.picture) tally.nonPictures++;
  };
  return tally;
}

/** What each workbook read from a file would lose if written (set by readWorkbookBuffer). */
export const workbookUnkept = new WeakMap<ExcelJS.Workbook, Unkept[]>();

export function unkeptOf(workbook: ExcelJS.Workbook): Unkept[] {
  return workbookUnkept.get(workbook) ?? [];
}
