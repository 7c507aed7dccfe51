/* global Office */
/**
 * The ribbon's 一键评分 button (ExecuteFunction): scores the tables of the active sheet and tells the user
 * in a small Office dialog (Excel has no notification messages for commands). Kept small on purpose.
 */
import { toScorerError } from "../excel/errors";
import { Session } from "../excel/session";
import { loadProfile } from "../excel/settings";
import { detectLang, failureText } from "../taskpane/i18n";
import { outcomeOf } from "../taskpane/outcome";

/**
 * Shows `text` in notice.html (text passed in the URL fragment, rendered with textContent there). The
 * notice is not modal to the command: the command's event is completed before it opens, and the dialog
 * closes itself when its OK is pressed.
 */
export function notifyDialog(text: string): void {
  const ui = Office.context?.ui;
  if (!ui) return;
  const url = `${window.location.origin}/notice.html#${encodeURIComponent(text)}`;
  ui.displayDialogAsync(url, { height: 25, width: 30, displayInIframe: true }, (result) => {
    if (String(result.status) !== "succeeded") return;
    const dialog = result.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
  });
}

/** What the command says when it has scored (or failed), in `lang`. */
async function scoreAndSay(): Promise<string> {
  const lang = detectLang(Office.context?.displayLanguage);
  try {
    const r = await new Session({ lang: () => lang, profile: loadProfile }).score("active");
    const totals = (r.report?.tables ?? []).map(
      (t) => `${t.project ?? t.sheet}: ${t.total ?? "—"}${t.grade ? ` (${t.grade})` : ""}`
    );
    // The pane's words: green words only when every table has a total and nothing is an error.
    return [outcomeOf("score", r, "active").text(lang), ...totals].join("\n");
  } catch (e) {
    const err = toScorerError(e);
    return failureText(lang, err.code, err.params);
  }
}

/**
 * The ribbon's 一键评分. The event is completed as soon as the work is done, so that Excel does not hold
 * further clicks behind a notice nobody has closed yet; the notice follows.
 */
export async function scoreActiveSheet(event: Office.AddinCommands.Event): Promise<void> {
  const text = await scoreAndSay();
  event.completed();
  notifyDialog(text);
}

Office.onReady(() => {
  Office.actions.associate("scoreActiveSheet", scoreActiveSheet);
});
