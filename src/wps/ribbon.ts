/**
 * The ribbon's callbacks (wps/ribbon.xml names them as ribbon.OnAddinLoad, ribbon.OnAction, ribbon.GetEnabled,
 * ribbon.GetImage), on `window.ribbon` as WPS's add-in templates put them. The buttons run the same session
 * actions as the pane, on their own session (the pane, a page of its own, keeps its own Undo), and say the
 * outcome in one short alert; 打开任务窗格 opens the pane, whose id is kept in Application.PluginStorage.
 */
import { Report } from "../core";
import { ScorerError, toScorerError } from "../excel/errors";
import { failureText } from "../taskpane/i18n";
import { WpsApplication, wpsApp } from "./api";
import { RunResult, WpsSession } from "./session";
import { loadProfile } from "./settings";

export const PANE_ID_KEY = "indicatorScorer.taskpaneId";
/** The pane's page, beside this script in the add-in folder. */
export const PANE_PAGE = "taskpane.html";

export interface RibbonControl {
  Id: string;
}

export type Action = "validate" | "score" | "prepare" | "undo" | "clear";

/** Control ids of ribbon.xml and what each runs. */
export const BUTTONS: Record<string, Action | "pane"> = {
  btnValidate: "validate",
  btnScore: "score",
  btnPrepare: "prepare",
  btnUndo: "undo",
  btnClear: "clear",
  btnPane: "pane",
};

const DONE: Record<Action, string> = {
  validate: "校验完成",
  score: "评分完成",
  prepare: "已准备年终自评",
  undo: "已撤销",
  clear: "已清除本工具写入的结果",
};

/** The outcome in a line or two. */
export function summary(action: Action, r: RunResult): string {
  const lines = [DONE[action]];
  const report: Report | null = r.report;
  if (report) {
    const errors = report.issues.filter((i) => i.severity === "error").length;
    lines.push(`表格 ${report.tables.length} 张，需修改 ${errors} 处`);
    for (const t of report.tables.slice(0, 5))
      lines.push(`${t.project ?? t.sheet}：${t.total ?? "—"} 分 ${t.grade ?? ""}`.trim());
  }
  if (r.skipped.length) lines.push(`${r.skipped.length} 个单元格已有他人内容，未写入`);
  lines.push(action === "undo" || action === "validate" ? "" : "详情请点击“打开任务窗格”");
  return lines.filter(Boolean).join("\n");
}

/** The folder of the page running this script (the add-in's folder), as the templates' GetUrlPath. */
function here(): string {
  const url = decodeURI(String(document.location));
  return url.slice(0, url.lastIndexOf("/"));
}

export function openPane(app: WpsApplication): void {
  const id = app.PluginStorage.getItem(PANE_ID_KEY);
  const existing = id ? app.GetTaskPane(Number(id)) : null;
  if (existing) {
    existing.Visible = true;
    return;
  }
  const pane = app.CreateTaskPane(`${here()}/${PANE_PAGE}`, "绩效自评助手");
  app.PluginStorage.setItem(PANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

export function createRibbon(
  opts: { app?: () => WpsApplication | null; say?: (text: string) => void } = {}
) {
  const getApp = opts.app ?? wpsApp;
  const say = opts.say ?? ((t: string) => window.alert(t));
  const session = new WpsSession({ app: getApp, lang: () => "zh", profile: () => loadProfile() });
  let ribbonUI: { InvalidateControl(id: string): void } | null = null;

  async function run(action: Action): Promise<void> {
    try {
      const r = await session[action]();
      say(summary(action, r));
    } catch (e) {
      const err = e instanceof ScorerError ? e : toScorerError(e);
      say(failureText("zh", err.code, err.params, "wps"));
    }
    ribbonUI?.InvalidateControl("btnUndo");
  }

  return {
    OnAddinLoad(ui: { InvalidateControl(id: string): void }): boolean {
      ribbonUI = ui;
      return true;
    },
    OnAction(control: RibbonControl): Promise<void> | void {
      const what = BUTTONS[control.Id];
      if (!what) return;
      if (what === "pane") {
        const app = getApp();
        if (app) openPane(app);
        return;
      }
      return run(what);
    },
    GetEnabled(control: RibbonControl): boolean {
      return control.Id === "btnUndo" ? session.canUndo : true;
    },
    GetImage(control: RibbonControl): string {
      return `images/${control.Id}.svg`;
    },
  };
}

export type Ribbon = ReturnType<typeof createRibbon>;

/** The add-in's entry (ribbon.js, loaded by main.js): the callbacks on window.ribbon. */
export function installRibbon(): Ribbon {
  const ribbon = createRibbon();
  (window as unknown as { ribbon: Ribbon }).ribbon = ribbon;
  return ribbon;
}
