import * as React from "react";
import {
  Button,
  Link,
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
import { Action, outcomeOf } from "./outcome";

const Settings = React.lazy(() => import(/* webpackChunkName: "settings" */ "./Settings"));
const Results = React.lazy(() => import(/* webpackChunkName: "results" */ "./Results"));

export interface AppProps {
  controller: Controller;
  initialLang: Lang;
}

export function App({ controller, initialLang }: AppProps) {
  const [lang, setLang] = React.useState<Lang>(initialLang);
  // The active sheet by default, as the ribbon command; the whole workbook on request.
  const [scope, setScope] = React.useState<Scope>("active");
  const [busy, setBusy] = React.useState<Action | null>(null);
  const [step, setStep] = React.useState<Step | null>(null);
  // The last report, with the decimals of the profile it was made with (how its figures are shown), the
  // scope it was read over, and whether its figures are in the sheet (false: worked out after Undo/Clear).
  const [shown, setShown] = React.useState<{
    report: Report;
    decimals: number;
    scope: Scope;
    notInSheet: boolean;
  } | null>(null);
  // After 准备年终自评: what to do next, until the next report.
  const [afterPrepare, setAfterPrepare] = React.useState(false);
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

  const show = (r: RunResult, over: Scope, notInSheet = false) => {
    if (!r.report) return;
    setShown({
      report: r.report,
      decimals: r.decimals ?? DEFAULT_PROFILE.decimals,
      scope: over,
      notInSheet,
    });
    setAfterPrepare(false);
  };

  const run = async (action: Action, call: () => Promise<RunResult>, over: Scope = scope) => {
    setBusy(action);
    dismiss();
    try {
      const r = await call();
      show(r, over);
      if (action === "prepare") {
        setShown(null);
        setAfterPrepare(true);
      }
      if (action === "undo" || action === "clear") setAfterPrepare(false);
      if ((action === "undo" || action === "clear") && controller.inspect) {
        // The cards show the sheet as it now is: read again, writing nothing.
        const now = await controller.inspect(over).catch(() => null);
        if (now) show(now, over, !now.inSheet);
        else setShown(null);
      } else if (action === "undo" || action === "clear") setShown(null);
      const o = outcomeOf(action, r, over);
      notify(o.intent, o.text);
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

  /** The empty state's way on: the whole workbook, validated. */
  const searchWorkbook = () => {
    setScope("workbook");
    void run("validate", () => controller.validate("workbook"), "workbook");
  };

  function notifyFailure(e: unknown) {
    const err = toScorerError(e);
    notify("error", (l) => failureText(l, err.code, err.params, controller.host));
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
          <div className="pane-header-actions">
            <Button
              size="small"
              appearance={showSettings ? "secondary" : "subtle"}
              onClick={() => setShowSettings(!showSettings)}
              aria-expanded={showSettings}
              aria-controls="settings-panel"
              data-testid="settings-toggle"
            >
              {s.settings}
            </Button>
            <Button
              size="small"
              appearance="subtle"
              onClick={() => setLang(lang === "zh" ? "en" : "zh")}
              data-testid="lang-switch"
            >
              {s.language}
            </Button>
            {/* help.html ships beside the pane in every build (add-in, WPS, demo) and links to the guide. */}
            <Link
              href="help.html"
              target="_blank"
              rel="noopener"
              title={s.helpTitle}
              data-testid="help-link"
            >
              {s.help}
            </Link>
          </div>
        </header>

        {showSettings ? (
          <div id="settings-panel" className="settings-panel">
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
            <Divider />
          </div>
        ) : null}

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
              lang={lang}
              decimals={shown?.decimals ?? DEFAULT_PROFILE.decimals}
              notInSheet={shown?.notInSheet}
              activeOnly={shown?.scope === "active"}
              onNavigate={navigate}
              onSearchWorkbook={searchWorkbook}
            />
          </React.Suspense>
        ) : afterPrepare ? (
          <Text className="empty" data-testid="empty-state">
            {s.emptyAfterPrepare}
          </Text>
        ) : null}
      </main>
    </FluentProvider>
  );
}
