/**
 * What the pane can ask for. Components get a Controller and call it; they hold no business logic.
 * The real one wraps the Excel session; tests pass a mock.
 */
import type { ProfileOverrides } from "../core";
import { hostSupport } from "../excel/requirements";
import { loadProfile, resetProfile, saveProfile } from "../excel/settings";
import { RunResult, Scope, Session } from "../excel/session";
import type { HostKind, Lang } from "./i18n";

export type Step = "read" | "analyze" | "write" | "done";

export interface Controller {
  validate(scope: Scope): Promise<RunResult>;
  score(scope: Scope): Promise<RunResult>;
  prepare(scope: Scope): Promise<RunResult>;
  undo(): Promise<RunResult>;
  clear(): Promise<RunResult>;
  /** The report on the sheets as they now are, writing nothing (after Undo and Clear). */
  inspect?(scope: Scope): Promise<RunResult>;
  canUndo(): boolean;
  /** The application the pane runs in (absent: Excel); failure texts name it. */
  host?: HostKind;
  /** False when the host lacks the ExcelApi set the add-in needs: the pane says so up front. */
  supported(): boolean;
  navigate(sheet: string, cell: string | null): Promise<void>;
  loadProfile(): ProfileOverrides;
  saveProfile(p: ProfileOverrides): Promise<void>;
  resetProfile(): Promise<void>;
  setLang(lang: Lang): void;
  onProgress(listener: ((step: Step) => void) | null): void;
  /** Below ExcelApi 1.9: who answers "write although Undo cannot restore the formats of n cells?". */
  onConfirmFormatLoss?(listener: ((cells: number) => Promise<boolean>) | null): void;
}

export function createController(initialLang: Lang): Controller {
  let lang = initialLang;
  let progress: ((step: Step) => void) | null = null;
  let confirm: ((cells: number) => Promise<boolean>) | null = null;
  const session = new Session({
    lang: () => lang,
    profile: loadProfile,
    onProgress: (s) => progress?.(s),
    confirmFormatLoss: (cells) => (confirm ? confirm(cells) : Promise.resolve(false)),
  });
  void session.warmUp();
  return {
    validate: (scope) => session.validate(scope),
    score: (scope) => session.score(scope),
    prepare: (scope) => session.prepare(scope),
    undo: () => session.undo(),
    clear: () => session.clear(),
    inspect: (scope) => session.inspect(scope),
    canUndo: () => session.canUndo,
    supported: () => hostSupport().ok,
    navigate: (sheet, cell) => session.navigate(sheet, cell),
    loadProfile,
    saveProfile,
    resetProfile,
    setLang: (l) => {
      lang = l;
    },
    onProgress: (l) => {
      progress = l;
    },
    onConfirmFormatLoss: (l) => {
      confirm = l;
    },
  };
}
