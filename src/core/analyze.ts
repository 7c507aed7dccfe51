import { isBlank } from "./grid";
import { LEDGER_SHEET, Ledger, followSheets } from "./ledger";
import { locateTables } from "./locate-tables";
import { issueMessage } from "./messages";
import {
  FORMS_SHEET,
  OWN_SHEETS,
  SUMMARY_SHEET,
  ownSheetIsOurs,
  sameAsRecorded,
} from "./own-sheets";
import { PlanBuilder, outputStart, planWrites } from "./plan-writes";
import { resolveProfile } from "./profile";
import { ParseCache, isNotApplicableMark, scoreTable, TableScore } from "./score-table";
import { AnalyzeOptions, Analysis, Issue, LocatedTable, SheetGrid, WritePlan } from "./types";
import { assignWeights } from "./weights";

export { SUMMARY_SHEET, FORMS_SHEET };

/**
 * Sheets that hold the engine's own output and are never searched for tables: the ledger, and the summary
 * and forms sheets while the ledger says the engine made them (a user's sheet of that name is theirs).
 */
function ownSheet(name: string, ledger: Ledger): boolean {
  return (
    name === LEDGER_SHEET ||
    ((OWN_SHEETS as readonly string[]).includes(name) && ledger.ownsSheet(name))
  );
}

function gridMap(sheets: SheetGrid[]): Map<string, SheetGrid> {
  return new Map(sheets.map((s) => [s.name, s]));
}

/**
 * The sheet as the user made it: cells that still hold what the engine wrote read as blank. Tables are
 * located on this view, so that an earlier run's output (added 分值 / 得分 columns, a total under a table, an earlier version's result blocks) can never
 * change which tables are found or where they end: a second run sees what the first one saw.
 */
export function withoutOwnOutput(grid: SheetGrid, ledger: Ledger): SheetGrid {
  if (ledger.size === 0) return grid;
  let values: SheetGrid["values"] | null = null;
  let text: SheetGrid["text"] | null = null;
  const cloned = new Set<number>();
  for (const [r, c, recorded] of ledger.cellsOf(grid.name)) {
    const i = r - grid.originRow;
    const j = c - grid.originCol;
    const row = grid.values[i];
    if (
      !row ||
      j < 0 ||
      j >= row.length ||
      !sameAsRecorded(row[j], recorded) ||
      grid.formulas?.[i]?.[j]
    )
      continue;
    values ??= grid.values.slice();
    text ??= grid.text.slice();
    if (!cloned.has(i)) {
      cloned.add(i);
      values[i] = values[i].slice();
      text[i] = (text[i] ?? []).slice();
    }
    values[i][j] = null;
    text[i][j] = "";
  }
  return values && text ? { ...grid, values, text } : grid;
}

function locateAll(
  sheets: SheetGrid[],
  ledger: Ledger,
  includeHidden = false
): { tables: LocatedTable[]; empty: string[] } {
  const tables: LocatedTable[] = [];
  const empty: string[] = [];
  for (const grid of sheets) {
    if (ownSheet(grid.name, ledger)) continue;
    const found = locateTables(withoutOwnOutput(grid, ledger), includeHidden);
    if (found.length === 0) empty.push(grid.name);
    for (const t of found) tables.push(t);
  }
  return { tables, empty };
}

/** Locates, parses, scores and validates every table of every sheet, and plans the writes of Score. */
export function analyzeWorkbook(sheets: SheetGrid[], options: AnalyzeOptions = {}): Analysis {
  const profile = resolveProfile(options.profile);
  const lang = options.lang ?? "zh";
  const ledger = followSheets(options.ledger ?? new Ledger(), sheets);
  const year = options.currentYear ?? new Date().getFullYear();

  const { tables, empty } = locateAll(sheets, ledger, profile.hiddenRows === "include");
  const issues: Issue[] = empty.map((sheet) => ({
    severity: "info",
    code: "NO_TABLE",
    sheet,
    cell: null,
    message: issueMessage("NO_TABLE", {}, lang),
    params: {},
  }));
  const cache = new ParseCache();
  const scored: { table: LocatedTable; score: TableScore }[] = tables.map((table) => ({
    table,
    score: scoreTable(table, profile, year, lang, cache),
  }));
  // Loops, not push(...spread): a sheet can carry hundreds of thousands of findings.
  for (const s of scored) for (const i of s.score.issues) issues.push(i);

  const plan = planWrites(gridMap(sheets), scored, ledger, profile, lang, year);
  for (const i of plan.skipped) issues.push(i);
  return {
    report: {
      version: 1,
      ...(options.source ? { source: options.source } : {}),
      tables: scored.map((s) => s.score.result),
      issues,
    },
    tables,
    plan,
  };
}

const PREPARED_COLUMNS = [
  ["actual", "实际完成值"],
  ["weight", "分值"],
  ["score", "得分"],
  ["completion", "完成率"],
  ["reason", "偏差原因分析及改进措施"],
] as const;

/**
 * Plans Prepare: the year-end columns and a 全年执行数 cell for every table that lacks them, and 分值
 * pre-filled from the profile, only into empty cells. What Prepare writes becomes the user's table
 * (it is not recorded in the ledger, so Clear leaves it).
 */
export function planPrepare(sheets: SheetGrid[], options: AnalyzeOptions = {}): WritePlan {
  const profile = resolveProfile(options.profile);
  const lang = options.lang ?? "zh";
  const ledger = followSheets(options.ledger ?? new Ledger(), sheets);
  const grids = gridMap(sheets);
  const b = new PlanBuilder(grids, ledger, lang, false);
  const { tables } = locateAll(sheets, ledger, profile.hiddenRows === "include");
  const free = (sheet: string, row: number, col: number) => isBlank(grids.get(sheet)!, row, col);

  for (const t of tables) {
    const { sheet, columns: cols } = t;
    const added: Partial<Record<string, number>> = {};
    let next = outputStart(b, t);
    for (const [role, label] of PREPARED_COLUMNS) {
      if (cols[role] !== undefined) continue;
      const col = next++;
      if (!free(sheet, t.headerRow, col)) continue;
      added[role] = col;
      b.put({ sheet, row: t.headerRow, col, value: label, bold: true }, label);
    }
    const weightCol = cols.weight ?? added.weight;
    // Rows marked 不适用 get no share of the points (§1), in Prepare as in Score.
    const applicable = t.indicators.filter((ind) => !isNotApplicableMark(ind.targetText));
    if (weightCol !== undefined && applicable.length > 0) {
      const w = assignWeights(applicable, {
        explicit: false,
        stated: t.statedWeights,
        budgetWeight: t.budget.weight,
        profile,
      });
      applicable.forEach((ind, i) => {
        if (free(sheet, ind.row, weightCol))
          b.put({ sheet, row: ind.row, col: weightCol, value: w.weights[i] }, "分值");
      });
    }
    const label = t.budget.plannedLabelCell;
    if (!t.budget.executedLabelCell && label) {
      const g = grids.get(sheet)!;
      let last = label.col;
      const end = g.originCol + Math.max(0, ...g.values.map((r) => r.length));
      for (let c = label.col; c < end; c++) if (!isBlank(g, label.row, c)) last = c;
      if (free(sheet, label.row, last + 2))
        b.put(
          { sheet, row: label.row, col: last + 2, value: "全年执行数", bold: true },
          "全年执行数"
        );
    }
  }
  return {
    writes: b.writes,
    runs: b.runs,
    summary: null,
    unmetCells: [],
    ledger,
    skipped: b.skipped,
  };
}

/** Plans Clear: every cell the ledger says the engine wrote, and that still holds it, is emptied. */
export function planClear(sheets: SheetGrid[], recorded: Ledger): WritePlan {
  const ledger = followSheets(recorded, sheets);
  const grids = gridMap(sheets);
  const b = new PlanBuilder(grids, ledger, "zh");
  // The summary and the forms are the only sheets the engine ever makes, so the only ones it may remove,
  // and only while they hold nothing but what was written: a ledger edited by hand cannot name another
  // sheet for deletion.
  const deleteSheets: string[] = OWN_SHEETS.filter(
    (name) => grids.has(name) && ownSheetIsOurs(grids, ledger, name)
  );
  for (const sheet of ledger.sheetsWithCells()) {
    if (!grids.has(sheet) || deleteSheets.includes(sheet)) continue;
    for (const [row, col] of ledger.cellsOf(sheet)) {
      if (!b.owns(sheet, row, col, null)) continue; // edited since: the user's now
      b.writes.push({
        sheet,
        row,
        col,
        value: null,
        numberFormat: "General",
        highlight: false,
        bold: false,
      });
    }
  }
  // Columns the engine widened go back to the standard width where nothing is left in them and the width
  // it set still stands (the host checks that: a column the user resized since keeps its width).
  const columnWidths: NonNullable<WritePlan["columnWidths"]> = [];
  for (const sheet of ledger.sheetsWithWidths()) {
    const g = grids.get(sheet);
    if (!g || deleteSheets.includes(sheet)) continue;
    const cleared = new Set(
      b.writes.filter((w) => w.sheet === sheet).map((w) => `${w.row},${w.col}`)
    );
    for (const [col, width] of ledger.widthsOf(sheet)) {
      const j = col - g.originCol;
      const emptied = g.values.every((row, i) => {
        const v = row[j];
        return (
          j < 0 ||
          v === null ||
          v === undefined ||
          v === "" ||
          cleared.has(`${g.originRow + i},${col}`)
        );
      });
      if (emptied) columnWidths.push({ sheet, col, width, reset: true });
    }
  }
  // Print areas the engine grew go back to what they were, while they are still as it set them.
  const printAreas: NonNullable<WritePlan["printAreas"]> = [];
  for (const sheet of ledger.sheetsWithPrintAreas()) {
    const rec = ledger.printArea(sheet)!;
    const now = grids.get(sheet)?.printArea;
    if (
      now &&
      now.row === rec.set.row &&
      now.col === rec.set.col &&
      now.rows === rec.set.rows &&
      now.cols === rec.set.cols
    )
      printAreas.push({ sheet, area: rec.original });
  }
  return {
    writes: b.writes,
    runs: b.runs,
    summary: null,
    unmetCells: [],
    ledger: new Ledger(),
    skipped: [],
    deleteSheets,
    columnWidths,
    printAreas,
  };
}
