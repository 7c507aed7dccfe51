/**
 * The pane's Controller (src/taskpane/controller.ts) over the WPS session: the same pane, another host.
 */
import type { Controller, Step } from "../taskpane/controller";
import type { Lang } from "../taskpane/i18n";
import { wpsApp } from "./api";
import { WpsSession } from "./session";
import { loadProfile, resetProfile, saveProfile } from "./settings";

export function createWpsController(initialLang: Lang): Controller {
  let lang = initialLang;
  let progress: ((step: Step) => void) | null = null;
  const session = new WpsSession({
    lang: () => lang,
    profile: () => loadProfile(),
    onProgress: (s) => progress?.(s),
  });
  return {
    host: "wps",
    validate: (scope) => session.validate(scope),
    score: (scope) => session.score(scope),
    prepare: (scope) => session.prepare(scope),
    undo: () => session.undo(),
    clear: () => session.clear(),
    inspect: (scope) => session.inspect(scope),
    canUndo: () => session.canUndo,
    supported: () => wpsApp() !== null,
    navigate: (sheet, cell) => session.navigate(sheet, cell),
    loadProfile: () => loadProfile(),
    saveProfile: (p) => saveProfile(p),
    resetProfile: () => resetProfile(),
    setLang: (l) => {
      lang = l;
    },
    onProgress: (l) => {
      progress = l;
    },
  };
}
