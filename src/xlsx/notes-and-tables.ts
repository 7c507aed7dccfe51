/**
 * Notes and tables as exceljs 4.4 misreads them, read as written.
 *
 * A note's text may be a run of formatted pieces (`<r><t>…</t></r>`, as Excel writes it) or plain text
 * (`<t>…</t>`, as openpyxl and other exporters write it). exceljs reads only the first, so a plain note
 * came out of a copy empty. Plain text is read as one unformatted piece.
 *
 * A note's box (its VML shape): exceljs wrote every box hidden and 97.8 × 59.1 pt, so a note left shown
 * on the sheet (右键 > 显示批注, an annotation on a form) was hidden in a copy, and a long note's box cut
 * its text. The box's anchor (the cells it spans), style (place, size, shown or hidden) and "shown" flag
 * are carried from the input to the copy with the note, and so is its author (exceljs wrote "Author").
 *
 * A table's filter buttons (插入 > 表格, the header row's drop-down arrows): a column whose `filterColumn`
 * says nothing of `hiddenButton`, or has no `filterColumn` at all, shows its button. exceljs took both for
 * hidden, and matched a `filterColumn` to a column by its place in the list instead of its `colId`, so a
 * copy hid every button of every table (and Excel reports such a table's filter as damaged, exceljs issue
 * 2184). A column's button is now hidden only where the input hides it.
 *
 * A table's header row: Excel leaves `headerRowCount` out when the table has one, its default. exceljs
 * took the missing attribute for none, so a copy of any table Excel made had `headerRowCount="0"`: its
 * header cells became a data row of the table, with a filter on a table without headers, which Excel drops
 * as damaged. A table has a header row unless the input says `headerRowCount="0"`, and a totals row when
 * `totalsRowCount` is not 0.
 *
 * A table without a style (LibreOffice writes no `tableStyleInfo`) stopped exceljs from writing the
 * workbook at all ("Cannot read properties of null (reading 'theme')"): such a table is written without
 * one, as it was read.
 */
import {
  XmlWriter,
  exceljsModule,
  interceptWriter,
  wrapExceljsMethod,
  XmlNode,
} from "./exceljs-patch";

const PLAIN = Symbol.for("indicator-scorer.plain-note-text");

interface NoteModel {
  note?: { texts?: { text: string }[] };
}
type CommentXform = {
  parser?: unknown;
  model?: NoteModel;
  [PLAIN]?: string[];
};
type Node = XmlNode;

function readPlainNotes(): boolean {
  const path = "xlsx/xform/comment/comment-xform";
  type Open = (this: CommentXform, node: Node) => boolean;
  type Text = (this: CommentXform, text: string) => void;
  type Close = (this: CommentXform, name: string) => boolean;
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "plain-notes.parseOpen",
    (original) =>
      function (this: CommentXform, node) {
        if (!this.parser && node.name === "t" && this.model?.note) {
          this[PLAIN] = [];
          return true;
        }
        return original.call(this, node);
      }
  );
  const texts = wrapExceljsMethod<Text>(
    path,
    "parseText",
    "plain-notes.parseText",
    (original) =>
      function (this: CommentXform, text) {
        const plain = this[PLAIN];
        if (plain) plain.push(text);
        else original.call(this, text);
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    "plain-notes.parseClose",
    (original) =>
      function (this: CommentXform, name) {
        const plain = this[PLAIN];
        if (name === "t" && plain) {
          this.model?.note?.texts?.push({ text: plain.join("") });
          this[PLAIN] = undefined;
          return true;
        }
        return original.call(this, name);
      }
  );
  return opened && texts && closed;
}

const BOX = Symbol.for("indicator-scorer.note-box");
const SHOWN = Symbol.for("indicator-scorer.note-shown");

/** What a copy keeps of a note's box: its anchor, the shape's style, and whether the note is shown. */
export interface NoteBox {
  anchor?: string;
  style?: string;
  shown: boolean;
}

const ANCHOR = /^\s*\d+(?:\s*,\s*\d+){7}\s*$/;
type Boxed = { [BOX]?: NoteBox };

/**
 * The stream a note's shape is written through: the shape gets the input's style, its client data the
 * input's anchor and the "shown" flag after AutoFill, where Excel writes it.
 */
export function boxStream<W extends XmlWriter>(xmlStream: W, box: NoteBox): W {
  return interceptWriter(xmlStream, {
    open: (real, name, attributes) =>
      real.openNode(
        name,
        name === "v:shape" && box.style ? { ...attributes, style: box.style } : attributes
      ),
    leaf: (real, name, attributes, text) => {
      const anchor = name === "x:Anchor" && box.anchor && ANCHOR.test(box.anchor);
      real.leafNode(name, attributes, anchor ? box.anchor : text);
      if (name === "x:AutoFill" && box.shown) real.leafNode("x:Visible");
    },
  });
}

function keepNoteBoxes(): boolean {
  const path = "xlsx/xform/comment/vml-shape-xform";
  type Shape = { model?: Boxed; [SHOWN]?: boolean };
  type Open = (this: Shape, node: Node) => boolean;
  type Close = (this: Shape, name: string) => boolean;
  type Render = (
    this: unknown,
    xmlStream: XmlWriter,
    model: { note?: Boxed },
    index: number
  ) => void;
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "note-box.parseOpen",
    (original) =>
      function (this: Shape, node) {
        if (node.name === "v:shape") this[SHOWN] = false;
        if (node.name === "x:Visible") this[SHOWN] = true;
        const result = original.call(this, node);
        if (node.name === "v:shape" && this.model)
          this.model[BOX] = { style: node.attributes?.style, shown: false };
        return result;
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    "note-box.parseClose",
    (original) =>
      function (this: Shape, name) {
        const result = original.call(this, name);
        const model = this.model as (Boxed & { anchor?: unknown }) | undefined;
        const box = model?.[BOX];
        if (name === "v:shape" && box) {
          box.shown = this[SHOWN] === true;
          if (typeof model?.anchor === "string") box.anchor = model.anchor;
        }
        return result;
      }
  );
  const rendered = wrapExceljsMethod<Render>(
    path,
    "render",
    "note-box.render",
    (original) =>
      function (this: unknown, xmlStream, model, index) {
        const box = model?.note?.[BOX];
        original.call(this, box ? boxStream(xmlStream, box) : xmlStream, model, index);
      }
  );
  return opened && closed && rendered && carryOnNotes();
}

/**
 * exceljs's Note turns a note of one plain piece into a string on reading and back into a model on
 * writing: what a copy keeps of the note (its box, its author) rides along on the Note.
 */
function carryOnNotes(): boolean {
  const Note = exceljsModule<{ prototype: object }>("doc/note");
  const desc = Note && Object.getOwnPropertyDescriptor(Note.prototype, "model");
  const key = Symbol.for("indicator-scorer.note-model");
  if (!Note || !desc?.get || !desc.set) return false;
  if (!Object.prototype.hasOwnProperty.call(Note.prototype, key)) {
    const { get, set } = desc;
    type Carried = Record<symbol, unknown>;
    Object.defineProperty(Note.prototype, "model", {
      ...desc,
      get(this: Carried) {
        const model = get.call(this) as { note?: Carried } | undefined;
        if (model?.note && typeof model.note === "object")
          for (const k of CARRIED) if (this[k] !== undefined) model.note[k] = this[k];
        return model;
      },
      set(this: Carried, value: { note?: Carried }) {
        set.call(this, value);
        for (const k of CARRIED) this[k] = value?.note?.[k];
      },
    });
    Object.defineProperty(Note.prototype, key, { value: true });
  }
  return true;
}

const AUTHOR = Symbol.for("indicator-scorer.note-author");
const CARRIED = [BOX, AUTHOR];

/**
 * Note authors: exceljs wrote every note's author as "Author". Each note keeps the name the input gave it
 * (the reviewer, 审核人, in the status bar and the notes pane).
 */
function keepNoteAuthors(): boolean {
  const path = "xlsx/xform/comment/comments-xform";
  const AUTHORS = Symbol.for("indicator-scorer.note-authors");
  const TEXT = Symbol.for("indicator-scorer.note-author-text");
  type Comments = {
    parser?: unknown;
    model?: { comments?: { authorId?: string; note?: Record<symbol, unknown> }[] };
    [AUTHORS]?: string[];
    [TEXT]?: string[];
  };
  type Open = (this: Comments, node: Node) => boolean;
  type Text = (this: Comments, text: string) => void;
  type Close = (this: Comments, name: string) => boolean;
  type WriteComment = { note?: Record<symbol, unknown> };
  type Render = (
    this: unknown,
    xmlStream: XmlWriter,
    model?: { comments?: WriteComment[] }
  ) => void;
  const opened = wrapExceljsMethod<Open>(
    path,
    "parseOpen",
    "note-authors.parseOpen",
    (original) =>
      function (this: Comments, node) {
        if (!this.parser && node.name === "authors") this[AUTHORS] = [];
        if (!this.parser && node.name === "author") this[TEXT] = [];
        return original.call(this, node);
      }
  );
  const texts = wrapExceljsMethod<Text>(
    path,
    "parseText",
    "note-authors.parseText",
    (original) =>
      function (this: Comments, text) {
        this[TEXT]?.push(text);
        original.call(this, text);
      }
  );
  const closed = wrapExceljsMethod<Close>(
    path,
    "parseClose",
    "note-authors.parseClose",
    (original) =>
      function (this: Comments, name) {
        const text = this[TEXT];
        if (name === "author" && text) {
          this[AUTHORS]?.push(text.join(""));
          this[TEXT] = undefined;
        }
        const result = original.call(this, name);
        const authors = this[AUTHORS];
        if (name === "commentList" && authors)
          for (const c of this.model?.comments ?? []) {
            const author = authors[Number(c.authorId ?? 0)];
            if (author !== undefined && c.note) c.note[AUTHOR] = author;
          }
        return result;
      }
  );
  const rendered = wrapExceljsMethod<Render>(
    path,
    "render",
    "note-authors.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        const comments = model?.comments ?? [];
        const of = comments.map((c) => c.note?.[AUTHOR]);
        if (!of.some((a) => typeof a === "string")) return original.call(this, xmlStream, model);
        const names = [...new Set(of.map((a) => (typeof a === "string" ? a : "Author")))];
        let next = 0;
        const stream = interceptWriter(xmlStream, {
          leaf: (real, name, attributes, text) => {
            if (name !== "author") return real.leafNode(name, attributes, text);
            for (const n of names) real.leafNode("author", null, n);
          },
          open: (real, name, attributes) => {
            if (name !== "comment") return real.openNode(name, attributes);
            const a = of[next++];
            const authorId = names.indexOf(typeof a === "string" ? a : "Author");
            real.openNode(name, { ...attributes, authorId });
          },
        });
        return original.call(this, stream, model);
      }
  );
  return opened && texts && closed && rendered;
}

/** An xsd:boolean attribute that is set: "1" or "true". */
const isSet = (v: string | undefined) => v === "1" || v === "true";

interface FilterColumnModel {
  filterButton?: boolean;
  colId?: number;
}
interface TableModel {
  columns?: { filterButton?: boolean }[];
  autoFilterRef?: string;
}
type TableXform = {
  model?: TableModel;
  map?: { autoFilter?: { model?: { columns?: FilterColumnModel[] } } };
};

/**
 * Each column's filter button after the input: shown unless its `filterColumn` (found by `colId`) hides
 * it. Only for a table with a filter; a table without one keeps what exceljs read.
 */
export function filterButtons(
  table: TableModel,
  filterColumns: readonly FilterColumnModel[]
): void {
  if (!table.autoFilterRef || !table.columns) return;
  for (const column of table.columns) column.filterButton = true;
  filterColumns.forEach((f, index) => {
    const column = table.columns![f.colId ?? index];
    if (column) column.filterButton = f.filterButton !== false;
  });
}

interface TableRows {
  headerRow?: boolean;
  totalsRow?: boolean;
}

/** A table's header and totals rows as its attributes say, with the schema's defaults (1 and 0). */
export function tableRows(attributes: Record<string, string | undefined>): Required<TableRows> {
  const header = attributes.headerRowCount;
  const totals = Number(attributes.totalsRowCount ?? "0");
  return { headerRow: header === undefined || Number(header) !== 0, totalsRow: totals > 0 };
}

function readFilterButtons(): boolean {
  type Open = (this: { model?: FilterColumnModel }, node: Node) => boolean;
  type TableOpen = (this: { model?: TableRows }, node: Node) => boolean;
  type Close = (this: TableXform, name: string) => boolean;
  const rows = wrapExceljsMethod<TableOpen>(
    "xlsx/xform/table/table-xform",
    "parseOpen",
    "table-rows.parseOpen",
    (original) =>
      function (this: { model?: TableRows }, node) {
        const result = original.call(this, node);
        if (node.name === "table" && this.model)
          Object.assign(this.model, tableRows(node.attributes ?? {}));
        return result;
      }
  );
  const columns = wrapExceljsMethod<Open>(
    "xlsx/xform/table/filter-column-xform",
    "parseOpen",
    "filter-buttons.parseOpen",
    (original) =>
      function (this: { model?: FilterColumnModel }, node) {
        const result = original.call(this, node);
        if (node.name === "filterColumn" && this.model) {
          const a = node.attributes ?? {};
          this.model.filterButton = !isSet(a.hiddenButton);
          const colId = Number(a.colId);
          if (Number.isInteger(colId) && colId >= 0) this.model.colId = colId;
        }
        return result;
      }
  );
  const tables = wrapExceljsMethod<Close>(
    "xlsx/xform/table/table-xform",
    "parseClose",
    "filter-buttons.parseClose",
    (original) =>
      function (this: TableXform, name) {
        const result = original.call(this, name);
        if (name === "table" && this.model)
          filterButtons(this.model, this.map?.autoFilter?.model?.columns ?? []);
        return result;
      }
  );
  return rows && columns && tables;
}

function writeUnstyledTables(): boolean {
  type Render = (this: unknown, xmlStream: unknown, model: unknown) => unknown;
  return wrapExceljsMethod<Render>(
    "xlsx/xform/table/table-style-info-xform",
    "render",
    "unstyled-tables.render",
    (original) =>
      function (this: unknown, xmlStream, model) {
        return model ? original.call(this, xmlStream, model) : false;
      }
  );
}

/** Installs every wrap; returns whether all are in place. */
export function readNotesAndTables(): boolean {
  const notes = readPlainNotes() && keepNoteBoxes() && keepNoteAuthors();
  const unstyled = writeUnstyledTables();
  return readFilterButtons() && notes && unstyled;
}
