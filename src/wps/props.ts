/**
 * Cell properties as the adapter reads, sets and puts back: one get and one set each, over whole ranges.
 * `snapshot` reads some of them over a rectangle (split only where they differ, ranges.ts) and gives back
 * the function that restores them — how Undo puts back what a write changed.
 */
import { WpsApplication, WpsRange, WpsWorkbook, WpsWorksheet, XL } from "./api";
import { Rect, rangeOf, uniform } from "./ranges";

/** A fill: a BGR colour, or NO_FILL. */
export const NO_FILL = -1;
/** The automatic font colour. */
export const AUTO_COLOR = -1;

type Prop = {
  get: (r: WpsRange) => unknown;
  set: (r: WpsRange, v: unknown) => void;
};

export const PROPS: Record<
  "numberFormat" | "fill" | "fontColor" | "bold" | "size" | "border" | "hAlign" | "vAlign" | "wrap",
  Prop
> = {
  numberFormat: {
    get: (r) => r.NumberFormat,
    set: (r, v) => {
      r.NumberFormat = v as string;
    },
  },
  fill: {
    get: (r) => {
      const idx = r.Interior.ColorIndex;
      if (idx === null) return null;
      return idx === XL.none ? NO_FILL : r.Interior.Color;
    },
    set: (r, v) => {
      if (v === NO_FILL) r.Interior.ColorIndex = XL.none;
      else r.Interior.Color = v as number;
    },
  },
  fontColor: {
    get: (r) => {
      const idx = r.Font.ColorIndex;
      if (idx === null) return null;
      return idx === XL.colorIndexAutomatic ? AUTO_COLOR : r.Font.Color;
    },
    set: (r, v) => {
      if (v === AUTO_COLOR) r.Font.ColorIndex = XL.colorIndexAutomatic;
      else r.Font.Color = v as number;
    },
  },
  bold: {
    get: (r) => r.Font.Bold,
    set: (r, v) => {
      r.Font.Bold = v as boolean;
    },
  },
  size: {
    get: (r) => r.Font.Size,
    set: (r, v) => {
      r.Font.Size = v as number;
    },
  },
  border: {
    get: (r) => r.Borders.LineStyle,
    set: (r, v) => {
      r.Borders.LineStyle = v as number;
    },
  },
  hAlign: {
    get: (r) => r.HorizontalAlignment,
    set: (r, v) => {
      r.HorizontalAlignment = v as number;
    },
  },
  vAlign: {
    get: (r) => r.VerticalAlignment,
    set: (r, v) => {
      r.VerticalAlignment = v as number;
    },
  },
  wrap: {
    get: (r) => r.WrapText,
    set: (r, v) => {
      r.WrapText = v as boolean;
    },
  },
};

export type PropName = keyof typeof PROPS;

/** All of a cell's format, as formatLike copies it. */
export const FORMAT_PROPS: PropName[] = [
  "numberFormat",
  "fill",
  "fontColor",
  "bold",
  "size",
  "border",
  "hAlign",
  "vAlign",
  "wrap",
];

export type Restore = () => void;

/** What an operation writes through (the Writer of apply.ts): the workbook, its sheets, the Undo record. */
export interface Target {
  readonly app: WpsApplication;
  readonly wb: WpsWorkbook;
  /** The sheet `name` (its object cached for the run). */
  ws(name: string): () => WpsWorksheet;
  /** Records what puts back a change about to be made. */
  save(restore: Restore): void;
  /** Forgets the cached sheet objects (after sheets were added or removed). */
  forget(): void;
}

/** Reads `props` over `r` and returns what sets them back as they were. */
export function snapshot(ws: () => WpsWorksheet, r: Rect, props: readonly PropName[]): Restore {
  const saved = props.map((p) => ({ p, blocks: uniform(ws(), r, PROPS[p].get) }));
  return () => {
    const sheet = ws();
    for (const { p, blocks } of saved)
      for (const b of blocks) PROPS[p].set(rangeOf(sheet, b.rect), b.value);
  };
}
