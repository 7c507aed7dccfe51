/**
 * What a workbook holds that exceljs cannot write back. exceljs saves what it models (cells, styles, merged
 * areas, notes, tables, data validation, conditional formats, pictures…); parts it does not model (charts,
 * pivot tables, macros, pictures placed in cells, …) are left out of anything it saves. The command line
 * reads these from the input's zip entries, a few parts' contents and its drawings, so that it never
 * overwrites a workbook that would lose them, and says what a scored copy lacks.
 */
import ExcelJS from "exceljs";
import { pictureFormatLost } from "./pictures";
import { readZipEntry, ZipEntry } from "./zip-entries";

/** In the order they are listed to the user. */
const FEATURES = [
  "charts",
  "chartsheets",
  "shapes",
  "unreadDrawings",
  "pictureFormats",
  "cellImages",
  "sparklines",
  "listValidations",
  "dynamicArrays",
  "pageBreaks",
  "filterCriteria",
  "protectedRanges",
  "workbookProtection",
  "modifyPassword",
  "headerPictures",
  "customViews",
  "scenarios",
  "customProperties",
  "pivotTables",
  "macros",
  "slicers",
  "controls",
  "embeddings",
  "threadedComments",
  "externalLinks",
  "connections",
  "addins",
  "customXml",
  "otherParts",
] as const;

export type UnkeptFeature = (typeof FEATURES)[number];

export interface Unkept {
  feature: UnkeptFeature;
  count: number;
  /** otherParts: the parts themselves, as the input names them. */
  parts?: string[];
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
  // Each add-in Excel opened with the workbook, with what it saved in it (Office.context.document.settings).
  ["addins", /^xl\/webextensions\/webextension\d*\.xml$/i],
  // A document library's or another program's data stored in the workbook (SharePoint columns, …).
  ["customXml", /^customXml\/item\d*\.xml$/i],
];

/**
 * Features counted from a part's contents rather than its name. Pictures placed *in* cells: WPS keeps them
 * in `xl/cellimages.xml` (cells hold `=DISPIMG("ID_…",1)`), Excel's "Place in Cell" in `xl/richData/` (one
 * relationship per picture; cells hold `#VALUE!` with a `vm` attribute). A worksheet's extension list, its
 * last element, holds sparklines and the data validations that refer to other sheets (drop-down lists fed
 * from a list sheet); exceljs keeps only the conditional formats of that list. None of these is in a
 * copy exceljs writes; it keeps the DISPIMG formulas and `#VALUE!` cells without their pictures.
 * A dynamic array formula (FILTER, SORT, UNIQUE… spilling over the cells below) is an array formula whose
 * cell points into `xl/metadata.xml` with a `cm` attribute; exceljs drops both, so a copy holds it as an
 * old-style array formula fixed to the range it last spilled over, which no longer grows or shrinks.
 * So are a password to modify and the read-only recommendation (另存为 > 工具 > 常规选项), pictures in page
 * headers and footers (a logo: the header keeps its &G with no picture), custom views and scenarios.
 * Manual page breaks (a printed form's pages), an autofilter's criteria (exceljs keeps the filter's range,
 * not what it filters on), the ranges a protected sheet leaves editable (审阅 > 允许编辑区域: without them a
 * copy's protected sheet takes no entries at all) and the workbook's protection (of its structure or
 * windows) are read past as well.
 * Custom document properties (a document system's fields, a sensitivity label) are counted without the
 * ones WPS adds to every file it saves (KSOProductBuildVer, ICV, …), which nobody would miss.
 *
 * `markers`: texts that start the feature's region of the part (an element only it has, an extension's
 * fixed URI in the letter cases writers use, an attribute); the part is decoded, and its items counted,
 * from the tag holding the first one on, and not at all when none is there.
 */
const DV_EXT = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}";
const CONTENT_RULES: { feature: UnkeptFeature; part: RegExp; markers?: string[]; item: RegExp }[] =
  [
    {
      feature: "cellImages",
      part: /^xl\/cellimages\.xml$/i,
      item: /<(?:[\w.-]+:)?cellImage[\s>/]/g,
    },
    {
      feature: "cellImages",
      part: /^xl\/richData\/richValueRel\.xml$/i,
      item: /<(?:[\w.-]+:)?rel[\s>/]/g,
    },
    {
      feature: "customProperties",
      part: /^docProps\/custom\.xml$/i,
      item: /<(?:[\w.-]+:)?property\b[^>]*?\bname="(?!KSO|ICV"|CalculationRule")/g,
    },
    {
      feature: "sparklines",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["sparklineGroups"],
      item: /<(?:[\w.-]+:)?sparkline[\s>]/g,
    },
    {
      feature: "listValidations",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: [DV_EXT, DV_EXT.toUpperCase(), DV_EXT.toLowerCase()],
      item: /<(?:[\w.-]+:)?dataValidation[\s>]/g,
    },
    {
      feature: "dynamicArrays",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ['cm="', "cm='"],
      item: /<(?:[\w.-]+:)?c\s[^>]*?\bcm=["']\d+["']/g,
    },
    {
      feature: "pageBreaks",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["rowBreaks", "colBreaks"],
      item: /<(?:[\w.-]+:)?brk[\s>/]/g,
    },
    {
      feature: "filterCriteria",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["filterColumn"],
      item: /<(?:[\w.-]+:)?filterColumn[\s>/]/g,
    },
    {
      feature: "protectedRanges",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["protectedRanges"],
      item: /<(?:[\w.-]+:)?protectedRange[\s>/]/g,
    },
    {
      feature: "workbookProtection",
      part: /^xl\/workbook\.xml$/i,
      markers: ["workbookProtection"],
      // An element locking nothing protects nothing.
      item: /<(?:[\w.-]+:)?workbookProtection\s[^>]*?\block(?:Structure|Windows|Revision)=["'](?:1|true)["']/g,
    },
    {
      feature: "modifyPassword",
      part: /^xl\/workbook\.xml$/i,
      markers: ["fileSharing"],
      // A password to modify (hashed, or the legacy reservationPassword) or the read-only recommendation.
      item: /<(?:[\w.-]+:)?fileSharing\s[^>]*?\b(?:reservationPassword=|hashValue=|readOnlyRecommended=["'](?:1|true)["'])/g,
    },
    {
      feature: "headerPictures",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["legacyDrawingHF"],
      item: /<(?:[\w.-]+:)?legacyDrawingHF[\s>/]/g,
    },
    {
      // One customWorkbookView per view; each also has a customSheetView in every sheet.
      feature: "customViews",
      part: /^xl\/workbook\.xml$/i,
      markers: ["customWorkbookView"],
      item: /<(?:[\w.-]+:)?customWorkbookView\s/g,
    },
    {
      feature: "scenarios",
      part: /^xl\/worksheets\/sheet\d*\.xml$/i,
      markers: ["<scenarios", ":scenarios"],
      item: /<(?:[\w.-]+:)?scenario\s/g,
    },
  ];

/**
 * Largest part inflated to be counted: a worksheet of some eight million cells. Reading a larger one takes
 * exceljs many gigabytes anyway; its sparklines and lists would go unnoticed (a known gap, not a crash).
 */
const MAX_PART_BYTES = 256 * 1024 * 1024;

function firstMarker(bytes: Buffer, markers: readonly string[]): number {
  let at = -1;
  for (const m of markers) {
    const i = bytes.indexOf(m);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** Counts of the features known from part contents (see CONTENT_RULES); a part that cannot be read counts 0. */
export function countInParts(
  data: Buffer,
  entries: readonly ZipEntry[]
): Map<UnkeptFeature, number> {
  const counts = new Map<UnkeptFeature, number>();
  for (const entry of entries) {
    const name = entry.name.replace(/^\//, "");
    const rules = CONTENT_RULES.filter((r) => r.part.test(name));
    if (rules.length === 0) continue;
    const bytes = readZipEntry(data, entry, MAX_PART_BYTES);
    if (!bytes) continue;
    for (const rule of rules) {
      const at = rule.markers ? firstMarker(bytes, rule.markers) : 0;
      if (at < 0) continue;
      const from = Math.max(0, bytes.lastIndexOf("<", at));
      const n = bytes.toString("utf8", from).match(rule.item)?.length ?? 0;
      if (n > 0) counts.set(rule.feature, (counts.get(rule.feature) ?? 0) + n);
    }
  }
  return counts;
}

/** What the drawings exceljs read held besides pictures, and how many it could not read at all. */
export interface DrawingTally {
  /** Anchored objects that are not pictures: charts, shapes, text boxes, SmartArt. */
  nonPictures: number;
  unread: number;
  /** Pictures whose format a copy cannot keep (see pictures.ts): written as exceljs writes a picture. */
  pictureFormats?: number;
}

/**
 * The features that would be lost, in a fixed order, from the zip's entry names, the drawings' tally and
 * the counts read from part contents (countInParts).
 */
export function unkeptFeatures(
  entryNames: readonly string[],
  drawings: DrawingTally,
  inParts: ReadonlyMap<UnkeptFeature, number> = new Map()
): Unkept[] {
  const counts = new Map<UnkeptFeature, number>(inParts);
  for (const name of entryNames) {
    const rule = PART_RULES.find(([, re]) => re.test(name.replace(/^\//, "")));
    if (rule) counts.set(rule[0], (counts.get(rule[0]) ?? 0) + 1);
  }
  // A chart is also an anchored non-picture object of its sheet's drawing: count it once, as a chart.
  const shapes = drawings.nonPictures - (counts.get("charts") ?? 0);
  if (shapes > 0) counts.set("shapes", shapes);
  if (drawings.unread > 0) counts.set("unreadDrawings", drawings.unread);
  if (drawings.pictureFormats) counts.set("pictureFormats", drawings.pictureFormats);
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
  const tally: DrawingTally = { nonPictures: 0, unread: 0, pictureFormats: 0 };
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
    for (const anchor of drawing.anchors)
      if (!anchor?.picture) tally.nonPictures++;
      else if (pictureFormatLost(anchor.picture)) tally.pictureFormats!++;
  };
  return tally;
}

/**
 * Parts a written copy may lack without anything of the user's being lost: relationships and content types
 * (they follow their parts), what exceljs rebuilds from its model (cells, styles, shared strings, theme,
 * notes, tables, pictures and their drawings), what Excel recomputes or regenerates (calculation chain,
 * printer driver settings, thumbnail, the app and core properties).
 */
const REBUILT_PARTS = [
  /^\[Content_Types\]\.xml$/i,
  /(?:^|\/)_rels\/[^/]*\.rels$/i,
  /^docProps\/(?:app|core)\.xml$/i,
  /^docProps\/thumbnail\.\w+$/i,
  /^xl\/(?:workbook|styles|sharedStrings|calcChain)\.xml$/i,
  /^xl\/(?:worksheets|theme|tables)\/[^/]+\.xml$/i,
  /^xl\/comments[^/]*\.xml$/i,
  /^xl\/(?:drawings|media|printerSettings)\/[^/]+$/i,
];

/**
 * Parts that go with a feature counted by the rules above (a pivot table's cache, a threaded comment's
 * authors, the rich values of a picture in a cell, a data model behind its connections…): not listed again
 * when that feature is, but reported like any other part when nothing else was counted.
 */
const COMPANION_PARTS = [
  /^xl\/(?:charts|chartsheets|pivotTables|pivotCache|slicers|slicerCaches|timelines|timelineCaches)\//i,
  /^xl\/(?:ctrlProps|activeX|embeddings|threadedComments|persons|externalLinks|queryTables)\//i,
  /^xl\/(?:richData|model|webextensions)\//i,
  /^customXml\//i,
  /^xl\/(?:metadata\.xml|vbaProjectSignature[^/]*\.bin|cellimages\.xml)$/i,
];

/** A part's name with the numbers of its file name folded, so that sheet3.xml and sheet1.xml compare. */
function partKind(name: string): string {
  return name
    .replace(/^\//, "")
    .toLowerCase()
    .replace(/\d+(?=[^/]*$)/g, "#");
}

/**
 * Parts of the input that a written copy lacks and no rule above accounts for: whatever exceljs leaves out
 * that nobody has listed yet. Compared by kind (see partKind), so that exceljs numbering its parts afresh is
 * not a loss; `counted` says whether the rules already found something (see COMPANION_PARTS).
 */
export function droppedParts(
  inputNames: readonly string[],
  outputNames: readonly string[],
  counted: boolean
): string[] {
  const left = new Map<string, number>();
  for (const name of outputNames) {
    const kind = partKind(name);
    left.set(kind, (left.get(kind) ?? 0) + 1);
  }
  const dropped: string[] = [];
  for (const raw of inputNames) {
    const name = raw.replace(/^\//, "");
    if (name.endsWith("/")) continue;
    const kind = partKind(name);
    const n = left.get(kind) ?? 0;
    if (n > 0) {
      left.set(kind, n - 1);
      continue;
    }
    const known =
      REBUILT_PARTS.some((re) => re.test(name)) ||
      PART_RULES.some(([, re]) => re.test(name)) ||
      CONTENT_RULES.some((r) => r.part.test(name)) ||
      (counted && COMPANION_PARTS.some((re) => re.test(name)));
    if (!known) dropped.push(name);
  }
  return dropped;
}

/** Each workbook's zip entry names as read (set by readWorkbookBuffer), for droppedParts. */
export const workbookParts = new WeakMap<ExcelJS.Workbook, readonly string[]>();

/** What each workbook read from a file would lose if written (set by readWorkbookBuffer). */
export const workbookUnkept = new WeakMap<ExcelJS.Workbook, Unkept[]>();

export function unkeptOf(workbook: ExcelJS.Workbook): Unkept[] {
  return workbookUnkept.get(workbook) ?? [];
}
