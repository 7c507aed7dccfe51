/**
 * What the pane says when an action has ended (issue 18, point 4): the notice's colour and words follow
 * the worst outcome. Green only when every table has a total and nothing is an error; otherwise the words
 * say what stands in the way and what to do. Pure: given the action, its result and the scope, in `lang`.
 */
import type { Issue, Report } from "../core";
import type { RunResult, Scope } from "../excel/session";
import { reportFacts } from "./findings";
import { Lang, STRINGS, fill } from "./i18n";
import type { NoticeIntent } from "./notify";

export type Action = "validate" | "score" | "prepare" | "undo" | "clear";

export interface Outcome {
  intent: NoticeIntent;
  text: (lang: Lang) => string;
}

/** "3 处缺少实际完成值、1 处指标值无法识别" (at most three kinds). */
export function blockerList(
  lang: Lang,
  blockers: { code: Issue["code"]; count: number }[]
): string {
  const o = STRINGS[lang].outcome;
  const shown = blockers
    .slice(0, 3)
    .map((b) => fill(o.countItem, { count: b.count, name: STRINGS[lang].codes[b.code] }))
    .join(o.listSep);
  return blockers.length > 3 ? shown + o.more : shown;
}

/** "1 table", "7 tables", "7 张表". */
export function tablesPhrase(lang: Lang, count: number): string {
  const o = STRINGS[lang].outcome;
  return fill(count === 1 ? o.tableCountOne : o.tableCount, { count });
}

function errorsPhrase(lang: Lang, count: number): string {
  const o = STRINGS[lang].outcome;
  return fill(count === 1 ? o.errorCountOne : o.errorCount, { count });
}

/** Between two sentences: none after a Chinese full stop, a space in English. */
const gap = (lang: Lang): string => (lang === "zh" ? "" : " ");

/** ", and 评分汇总 and 绩效自评表 made" / "，并生成“评分汇总”和“绩效自评表”"; "" when none was. */
function madePhrase(lang: Lang, sheets: readonly string[] | undefined): string {
  const o = STRINGS[lang].outcome;
  if (!sheets?.length) return "";
  const names = sheets.map((name) => fill(o.sheetName, { name })).join(o.sheetJoin);
  return fill(o.made, { sheets: names });
}

/** What a report says, for Validate and Score. */
function reportOutcome(
  action: "validate" | "score",
  report: Report,
  scope: Scope,
  ownSheets?: readonly string[]
): Outcome {
  const f = reportFacts(report);
  if (f.tables === 0)
    return {
      intent: "warning",
      text: (l) => {
        const o = STRINGS[l].outcome;
        const base = scope === "active" ? o.noTableActive : o.noTableWorkbook;
        return action === "score" ? `${base}${gap(l)}${o.nothingWritten}` : base;
      },
    };
  const also = (l: Lang): string => {
    const o = STRINGS[l].outcome;
    const list = [
      f.warnings ? fill(f.warnings === 1 ? o.warningsOne : o.warnings, { count: f.warnings }) : "",
      f.infos ? fill(o.infos, { count: f.infos }) : "",
    ].filter(Boolean);
    return list.length ? `${gap(l)}${fill(o.alsoFindings, { list: list.join(o.listSep) })}` : "";
  };
  if (f.noActualColumn === f.tables)
    return {
      intent: "warning",
      text: (l) => fill(STRINGS[l].outcome.needActualColumn, { tables: tablesPhrase(l, f.tables) }),
    };
  if (f.incomplete > 0) {
    return {
      // Yellow, not red: red is for a run that failed; this one worked and says what is left to do.
      intent: "warning",
      text: (l) => {
        const o = STRINGS[l].outcome;
        // Tables without an actual-value column count as incomplete without an error finding.
        const what =
          blockerList(l, f.blockers) ||
          fill(o.noActualColumnWhat, { tables: tablesPhrase(l, f.noActualColumn) });
        const params = {
          incomplete: tablesPhrase(l, f.incomplete),
          what,
          scored: tablesPhrase(l, f.scored),
        };
        let text = fill(action === "score" ? o.scoreIncomplete : o.validateIncomplete, params);
        if (action === "score" && f.scored) text += `${gap(l)}${fill(o.scoredOthers, params)}`;
        return text;
      },
    };
  }
  if (f.errors > 0)
    return {
      intent: "warning",
      text: (l) => {
        const o = STRINGS[l].outcome;
        const params = {
          tables: tablesPhrase(l, f.tables),
          errors: errorsPhrase(l, f.errors),
          what: blockerList(l, f.blockers),
        };
        return fill(action === "score" ? o.scoreErrors : o.validateErrors, params) + also(l);
      },
    };
  return {
    intent: "success",
    text: (l) => {
      const o = STRINGS[l].outcome;
      return (
        fill(action === "score" ? o.scoreDone : o.validateDone, {
          tables: tablesPhrase(l, f.tables),
          made: madePhrase(l, ownSheets),
        }) + also(l)
      );
    },
  };
}

const WORSE: NoticeIntent[] = ["success", "info", "warning", "error"];
const worst = (a: NoticeIntent, b: NoticeIntent): NoticeIntent =>
  WORSE.indexOf(a) >= WORSE.indexOf(b) ? a : b;

/** The notice for `action` ended with `r` over `scope`. */
export function outcomeOf(action: Action, r: RunResult, scope: Scope): Outcome {
  let base: Outcome;
  switch (action) {
    case "validate":
    case "score":
      base = r.report
        ? reportOutcome(action, r.report, scope, r.ownSheets)
        : { intent: "info", text: (l) => STRINGS[l].outcome.nothingWritten };
      break;
    case "prepare":
      base = r.cellsWritten
        ? { intent: "success", text: (l) => STRINGS[l].outcome.prepareDone }
        : { intent: "info", text: (l) => STRINGS[l].outcome.prepareNothing };
      break;
    case "undo":
      base = {
        intent: "success",
        text: (l) =>
          r.keptEdited
            ? fill(STRINGS[l].doneUndoKept, { kept: r.keptEdited })
            : STRINGS[l].doneUndo,
      };
      break;
    case "clear":
      base = r.cellsWritten
        ? { intent: "success", text: (l) => STRINGS[l].doneClear }
        : { intent: "info", text: (l) => STRINGS[l].outcome.clearNothing };
      break;
  }
  let intent = base.intent;
  const skipped = action === "score" ? r.skipped.length : 0;
  // Forms that will not print as planned are something the clerk must know before printing.
  if (skipped || r.readOnly || r.notApplied) intent = worst(intent, "warning");
  return {
    intent,
    text: (l) => {
      const s = STRINGS[l];
      let text = base.text(l);
      if (skipped) text += `${gap(l)}${fill(s.outcome.skipped, { skipped })}`;
      if (action === "score" || action === "prepare") {
        if (r.changedCells?.length)
          text += ` ${fill(s.retriedCells, { cells: r.changedCells.join("、") })}`;
        else if (r.attempts > 1) text += ` ${s.retried}`;
      }
      if (r.formatsUnsaved) text += ` ${fill(s.formatsUnsaved, { count: r.formatsUnsaved })}`;
      const na = r.notApplied;
      if (na) {
        const join = (names: string[]) => names.join(l === "zh" ? "”“" : ", ");
        const what = [
          na.pageSetup.length ? fill(s.notAppliedPageSetup, { sheets: join(na.pageSetup) }) : "",
          na.formatLike.length ? fill(s.notAppliedFormatLike, { sheets: join(na.formatLike) }) : "",
          na.printArea.length ? fill(s.notAppliedPrintArea, { sheets: join(na.printArea) }) : "",
        ].filter(Boolean);
        if (what.length)
          text += `${gap(l)}${fill(s.notApplied, { what: what.join(l === "zh" ? "、" : "; ") })}`;
      }
      if (r.readOnly === "refused") text += ` ${s.validateReadOnly}`;
      if (r.readOnly === "written") text += ` ${s.writtenReadOnly}`;
      return text;
    },
  };
}
