import * as React from "react";
import { Button, Caption1, Subtitle1, Text } from "@fluentui/react-components";
import type { Report } from "../core";
import { FindingsList } from "./FindingsList";
import { reportFacts } from "./findings";
import { Strings, fill } from "./i18n";
import { tablesPhrase } from "./outcome";
import { SummaryCards } from "./SummaryCards";
import { TERMS } from "./terms";

export interface ResultsProps {
  report: Report;
  strings: Strings;
  lang: "zh" | "en";
  decimals: number;
  /** The figures are worked out from the sheet as it is, not written into it (after Undo or Clear). */
  notInSheet?: boolean;
  /** The active sheet only was read: a sheet with no table offers the whole workbook. */
  activeOnly: boolean;
  onNavigate: (sheet: string, cell: string | null) => void;
  onSearchWorkbook: () => void;
}

/**
 * What the pane shows after a run, findings first (issue 18): one summary line, the findings grouped by
 * table, then one line a table. Loaded on first use: the first screen has only the buttons.
 */
export default function Results({
  report,
  strings,
  lang,
  decimals,
  notInSheet,
  activeOnly,
  onNavigate,
  onSearchWorkbook,
}: ResultsProps) {
  const f = React.useMemo(() => reportFacts(report), [report]);
  if (!f.tables) {
    return (
      <section className="empty" data-testid="empty-state" aria-label={strings.findings}>
        <Text weight="semibold">{strings.emptyNoTable}</Text>
        {activeOnly ? (
          <div className="empty-action">
            <Caption1>{strings.emptyTryWorkbook}</Caption1>
            <Button size="small" onClick={onSearchWorkbook} data-testid="search-workbook">
              {strings.searchWorkbook}
            </Button>
          </div>
        ) : null}
        {activeOnly ? <Caption1>{strings.emptyTryPrepare}</Caption1> : null}
        {report.issues.some((i) => i.code !== "NO_TABLE") ? (
          <FindingsList report={report} strings={strings} onNavigate={onNavigate} />
        ) : null}
      </section>
    );
  }
  const findings = TERMS[lang].findingCount(report.issues.length, f.errors, f.warnings, f.infos);
  const summary = fill(f.incomplete ? strings.summary : strings.summaryAllScored, {
    tables: tablesPhrase(lang, f.tables),
    scored: f.scored,
    incomplete: f.incomplete,
    findings,
  });
  return (
    <>
      <Text className="results-summary" data-testid="results-summary">
        {summary}
      </Text>
      {notInSheet ? (
        <Caption1 className="not-in-sheet" data-testid="not-in-sheet">
          {strings.notInSheet}
        </Caption1>
      ) : null}
      <section aria-label={strings.findings} data-testid="findings">
        <Subtitle1 as="h2">{strings.findings}</Subtitle1>
        <FindingsList report={report} strings={strings} onNavigate={onNavigate} />
      </section>
      <section aria-label={strings.tables} data-testid="tables">
        <Subtitle1 as="h2">{strings.tables}</Subtitle1>
        <SummaryCards
          report={report}
          strings={strings}
          decimals={decimals}
          onNavigate={onNavigate}
        />
      </section>
    </>
  );
}
