/* global Office */
/**
 * The ribbon's 一键评分 button (ExecuteFunction): scores the tables of the active sheet and tells the user
 * in a small Office dialog (Excel has no notification messages for commands). Kept small on purpose.
 */
import { toScorerError } from "../excel/errors";
import { Session } from "../excel/session";
import { loadProfile } from "../excel/settings";
import { detectLang, failureText, fill, STRINGS } from "../taskpane/i18n";

/** Shows `text` in notice.html (text passed in the URL fragment, rendered with textContent there). */
export function notifyDialog(text: string, done: () => void): void {
  const ui = Office.context?.ui;
  if (!ui) return done();
  const url = `${window.location.origin}/notice.html#${encodeURIComponent(text)}`;
  ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (result) => {
    if (String(result.status) !== "succeeded") return done();
    const dialog = result.value;
    const close = () => {
      dialog.close();
      done();
    };
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
    dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
  });
}

export async function scoreActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  const lang = detectLang(Office.context?.displayLanguage);
  const s = STRINGS[lang];
  let text: string;
  try {
    const r = await new Session({ lang: () => lang, profile: loadProfile }).score("active");
    const totals = (r.report?.tables ?? []).map(
      (t) => `${t.project ?? t.sheet}: ${t.total ?? "—"}${t.grade ? ` (${t.grade})` : ""}`
    );
    text = [fill(s.doneScore, { cells: r.cellsWritten }), ...totals].join("\n");
  } catch (e) {
    const err = toScorerError(e);
    text = failureText(lang, err.code, err.params);
  }
  notifyDialog(text, () => event.completed());
}

Office.onReady(() => {
  Office.actions.associate("scoreActiveSheet", scoreActiveSheet);
});
