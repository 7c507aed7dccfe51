import * as React from "react";
import { Badge, Button, Caption1, Subtitle2, Text } from "@fluentui/react-components";
import type { IndicatorResult, Issue, Report } from "../core";
import { DIFFERENCE_CODES, groupFindings, indicatorLookup } from "./findings";
import type { Strings } from "./i18n";

const COLORS = { error: "danger", warning: "warning", info: "informative" } as const;

export interface FindingsListProps {
  report: Report;
  strings: Strings;
  onNavigate: (sheet: string, cell: string | null) => void;
}

export function FindingsList({ report, strings, onNavigate }: FindingsListProps) {
  const groups = React.useMemo(() => groupFindings(report), [report]);
  const indicatorOf = React.useMemo(() => indicatorLookup(report), [report]);
  if (!report.tables.length && !report.issues.some((i) => i.code !== "NO_TABLE")) {
    return <Text>{strings.noTables}</Text>;
  }
  if (!groups.length) return <Text>{strings.noFindings}</Text>;
  return (
    <section aria-label={strings.findings} className="findings">
      {groups.map((g) => (
        <div key={g.key} className="finding-group" data-testid="finding-group">
          <Subtitle2 as="h3">
            {g.table === null ? `${strings.sheetLevel}: ${g.title}` : g.title}
          </Subtitle2>
          {g.bySeverity.map((s) => (
            <div key={s.severity} className="finding-severity">
              <Badge appearance="tint" color={COLORS[s.severity]}>
                {strings[s.severity]} · {s.issues.length}
              </Badge>
              <ul className="finding-items">
                {s.issues.map((issue, i) => (
                  <li key={i}>
                    <FindingItem
                      issue={issue}
                      indicator={indicatorOf(issue)}
                      strings={strings}
                      onNavigate={onNavigate}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

/**
 * One finding: where (the cell to fix), what kind in a few words of the pane's language (never the code),
 * the engine's message, and, for a finding on an indicator's row, how that indicator's score was worked
 * out (a difference's message already quotes it).
 */
function FindingItem({
  issue,
  indicator,
  strings,
  onNavigate,
}: {
  issue: Issue;
  indicator: IndicatorResult | undefined;
  strings: Strings;
  onNavigate: FindingsListProps["onNavigate"];
}) {
  const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
  const explain = !DIFFERENCE_CODES.has(issue.code) ? indicator?.explain : null;
  return (
    <Button
      appearance="subtle"
      className="finding"
      data-testid="finding"
      title={strings.clickToGo}
      onClick={() => onNavigate(issue.sheet, issue.cell)}
      style={{
        justifyContent: "flex-start",
        textAlign: "left",
        height: "auto",
        width: "100%",
        fontWeight: "normal",
      }}
    >
      <span>
        <Caption1 className="finding-cell">{where}</Caption1>{" "}
        <Caption1 className="finding-kind" data-testid="finding-kind">
          {strings.codes[issue.code] ?? ""}
        </Caption1>
        <br />
        <Text>{issue.message}</Text>
        {explain ? (
          <>
            <br />
            <Caption1 className="finding-explain" data-testid="finding-explain">
              {explain}
            </Caption1>
          </>
        ) : null}
      </span>
    </Button>
  );
}
