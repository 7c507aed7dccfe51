import * as React from "react";
import {
  Button,
  Divider,
  FluentProvider,
  ProgressBar,
  Radio,
  RadioGroup,
  Text,
  Title3,
  webLightTheme,
} from "@fluentui/react-components";
import { DEFAULT_PROFILE, type Report } from "../core";
import { toScorerError } from "../excel/errors";
import type { RunResult, Scope } from "../excel/session";
import type { Controller, Step } from "./controller";
import { Lang, STRINGS, failureText, fill } from "./i18n";
import { NoticeBar, useNotify } from "./notify";

const Settings = React.lazy(() => import(/* webpackChunkName: "settings" */ "./Settings"));
const Results = React.lazy(() => import(/* webpackChunkName: "results" */ "./Results"));

export interface AppProps {
  controller: Controller;
  initialLang: Lang;
}

type Action = "validate" | "score" | "prepare" | "undo" | "clear";

export function App({ controller, initialLang }: AppProps) {
  const [lang, setLang] = React.useState<Lang>(initialLang);
  // The active sheet by default, as the ribbon command; the whole workbook on request.
  const [scope, setScope] = React.useState<Scope>("active");
  const [busy, setBusy] = React.useState<Action | null>(null);
  const [step, setStep] = React.useState<Step | null>(null);
  // The last report, with the decimals of the profile it was made with (how its figures are shown).
  const [shown, setShown] = React.useState<{ report: Report; decimals: number } | null>(null);
  const report = shown?.report ?? null;
  const [canUndo, setCanUndo] = React.useState(false);
  const [showSettings, setShowSettings] = React.useState(false);
  const { notice, notify, dismiss } = useNotify();
  const s = STRINGS[lang];

  React.useEffect(() => {
    controller.setLang(lang);
  }, [controller, lang]);
  const supported = React.useMemo(() => controller.supported(), [controller]);
  React.useEffect(() => {
    if (!supported) notify("error", (l) => failureText(l, "unsupported"));
  }, [supported]);
  React.useEffect(() => {
    controller.onProgress(setStep);
    return () => controller.onProgress(null);
  }, [controller]);
  // Below ExcelApi 1.9 the adapter may ask, before writing, whether formats Undo cannot restore may go.
  const [ask, setAsk] = React.useState<{ cells: number; answer: (yes: boolean) => void } | null>(
    null
  );
  React.useEffect(() => {
    controller.onConfirmFormatLoss?.(
      (cells) => new Promise<boolean>((resolve) => setAsk({ cells, answer: resolve }))
    );
    return () => controller.onConfirmFormatLoss?.(null);
  }, [controller]);
  const answer = (yes: boolean) => {
    ask?.answer(yes);
    setAsk(null);
  };

  const run = async (action: Action, call: () => Promise<RunResult>) => {
    setBusy(action);
    dismiss();
    try {
      const r = await call();
      if (r.report)
        setShown({ report: r.report, decimals: r.decimals ?? DEFAULT_PROFILE.decimals });
      if (action === "clear") setShown(null);
      const partly = (action === "score" && r.skipped.length) || r.readOnly;
      notify(partly ? "warning" : "success", (l) => doneText(l, action, r));
    } catch (e) {
      notifyFailure(e);
    } finally {
      setBusy(null);
      setStep(null);
      setCanUndo(controller.canUndo());
    }
  };

  const navigate = (sheet: string, cell: string | null) => {
    controller.navigate(sheet, cell).catch(notifyFailure);
  };

  function notifyFailure(e: unknown) {
    const err = toScorerError(e);
    notify("error", (l) => failureText(l, err.code, err.params));
  }

  const stepText =
    step === "read"
      ? s.stepRead
      : step === "analyze"
        ? s.stepAnalyze
        : step === "write"
          ? s.stepWrite
          : s.working;

  return (
    <FluentProvider theme={webLightTheme} lang={lang === "zh" ? "zh-CN" : "en"}>
      <main className="pane">
        <header className="pane-header">
          <Title3 as="h1">{s.appTitle}</Title3>
          <Button
            size="small"
            appearance="subtle"
            onClick={() => setLang(lang === "zh" ? "en" : "zh")}
            data-testid="lang-switch"
          >
            {s.language}
          </Button>
        </header>

        <RadioGroup
          layout="horizontal"
          value={scope}
          onChange={(_, d) => setScope(d.value === "active" ? "active" : "workbook")}
          aria-label={s.scope}
        >
          <Radio value="active" label={s.scopeActive} />
          <Radio value="workbook" label={s.scopeWorkbook} />
        </RadioGroup>

        <div className="actions">
          <Button
            onClick={() => run("validate", () => controller.validate(scope))}
            disabled={!!busy || !supported}
          >
            {s.validate}
          </Button>
          <Button
            appearance="primary"
            onClick={() => run("score", () => controller.score(scope))}
            disabled={!!busy || !supported}
          >
            {s.score}
          </Button>
          <Button
            onClick={() => run("prepare", () => controller.prepare(scope))}
            disabled={!!busy || !supported}
          >
            {s.prepare}
          </Button>
          <Button
            onClick={() => run("undo", () => controller.undo())}
            disabled={!!busy || !canUndo || !supported}
          >
            {s.undo}
          </Button>
          <Button
            onClick={() => run("clear", () => controller.clear())}
            disabled={!!busy || !supported}
          >
            {s.clear}
          </Button>
        </div>

        {busy ? (
          <div className="progress" role="status" aria-live="polite">
            <ProgressBar />
            <Text size={200}>{stepText}</Text>
          </div>
        ) : null}

        {ask ? (
          <div className="confirm" role="alertdialog" aria-label={s.score}>
            <Text>{fill(s.confirmFormatLoss, { count: ask.cells })}</Text>
            <Button appearance="primary" onClick={() => answer(true)}>
              {s.confirmWrite}
            </Button>
            <Button onClick={() => answer(false)}>{s.confirmCancel}</Button>
          </div>
        ) : null}

        <NoticeBar notice={notice} lang={lang} onDismiss={dismiss} closeLabel={s.close} />

        {report ? (
          <React.Suspense fallback={null}>
            <Results
              report={report}
              strings={s}
              decimals={shown?.decimals ?? DEFAULT_PROFILE.decimals}
              onNavigate={navigate}
            />
          </React.Suspense>
        ) : null}

        <Divider />
        <Button
          appearance="subtle"
          onClick={() => setShowSettings(!showSettings)}
          aria-expanded={showSettings}
        >
          {s.settings}
        </Button>
        {showSettings ? (
          <React.Suspense fallback={<Text>{s.loadingSettings}</Text>}>
            <Settings
              strings={s}
              initial={controller.loadProfile()}
              onSave={(p) =>
                controller.saveProfile(p).then(
                  () => {
                    notify("success", (l) => STRINGS[l].saved);
                    return null;
                  },
                  (e: unknown) => {
                    // A profile the engine refuses is not saved: the form says why, in its own words.
                    const err = toScorerError(e);
                    if (err.code === "profile") {
                      dismiss();
                      return String(err.params.detail ?? err.message);
                    }
                    notifyFailure(e);
                    return null;
                  }
                )
              }
              onReset={() =>
                controller
                  .resetProfile()
                  .then(() => notify("success", (l) => STRINGS[l].resetDone), notifyFailure)
              }
            />
          </React.Suspense>
        ) : null}
      </main>
    </FluentProvider>
  );
}

/** What the pane says when an action has ended, in `lang`. */
function doneText(lang: Lang, action: Action, r: RunResult): string {
  const s = STRINGS[lang];
  const retried = r.changedCells?.length
    ? ` ${fill(s.retriedCells, { cells: r.changedCells.join("、") })}`
    : r.attempts > 1
      ? ` ${s.retried}`
      : "";
  let text: string;
  switch (action) {
    case "validate":
      text = fill(s.doneValidate, {
        tables: r.report?.tables.length ?? 0,
        issues: r.report?.issues.length ?? 0,
      });
      break;
    case "score":
      text =
        (r.skipped.length
          ? fill(s.doneScoreSkipped, { cells: r.cellsWritten, skipped: r.skipped.length })
          : fill(s.doneScore, { cells: r.cellsWritten })) + retried;
      break;
    case "prepare":
      text = fill(s.donePrepare, { cells: r.cellsWritten }) + retried;
      break;
    case "undo":
      text = r.keptEdited ? fill(s.doneUndoKept, { kept: r.keptEdited }) : s.doneUndo;
      break;
    case "clear":
      text = s.doneClear;
      break;
  }
  if (r.formatsUnsaved) text += ` ${fill(s.formatsUnsaved, { count: r.formatsUnsaved })}`;
  if (r.readOnly === "refused") text += ` ${s.validateReadOnly}`;
  if (r.readOnly === "written") text += ` ${s.writtenReadOnly}`;
  return text;
}
