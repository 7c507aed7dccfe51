import * as React from "react";
import { Badge, Button, Caption1, Text } from "@fluentui/react-components";
import type { IndicatorResult, Issue, Report } from "../core";
import { DIFFERENCE_CODES, FindingGroup, fixOf, groupFindings, indicatorLookup } from "./findings";
import type { Strings } from "./i18n";
import { fill } from "./i18n";

const COLORS = { error: "danger", warning: "warning", info: "informative" } as const;

/** At most this many findings are listed in one group (a sheet of 100,000 blank actuals has as many). */
const GROUP_MAX = 200;
/** Up to this many findings in all, every group starts open; beyond, only the groups holding an error. */
const OPEN_ALL_MAX = 12;

export interface FindingsListProps {
  report: Report;
  strings: Strings;
  onNavigate: (sheet: string, cell: string | null) => void;
}

/** The findings grouped by table, each group a disclosure: its title and counts, then its findings. */
export function FindingsList({ report, strings, onNavigate }: FindingsListProps) {
  const groups = React.useMemo(() => groupFindings(report), [report]);
  const indicatorOf = React.useMemo(() => indicatorLookup(report), [report]);
  if (!groups.length) return <Text data-testid="no-findings">{strings.noFindings}</Text>;
  const openAll = report.issues.length <= OPEN_ALL_MAX;
  return (
    <div className="findings">
      {groups.map((g) => (
        <FindingGroupView
          // A new report opens its groups afresh.
          key={`${g.key}|${report.issues.length}`}
          group={g}
          initiallyOpen={openAll || g.bySeverity.some((s) => s.severity === "error")}
          indicatorOf={indicatorOf}
          strings={strings}
          onNavigate={onNavigate}
        />
      ))}
    </div>
  );
}

function FindingGroupView({
  group: g,
  initiallyOpen,
  indicatorOf,
  strings,
  onNavigate,
}: {
  group: FindingGroup;
  initiallyOpen: boolean;
  indicatorOf: (issue: Issue) => IndicatorResult | undefined;
  strings: Strings;
  onNavigate: FindingsListProps["onNavigate"];
}) {
  const [open, setOpen] = React.useState(initiallyOpen);
  const id = React.useId();
  const title = g.table === null ? `${strings.sheetLevel}: ${g.title}` : g.title;
  return (
    <div className="finding-group" data-testid="finding-group">
      <h3 className="finding-group-title">
        <Button
          appearance="subtle"
          className="disclosure"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen(!open)}
          data-testid="finding-group-toggle"
        >
          <span aria-hidden="true" className="chevron">
            {open ? "▾" : "▸"}
          </span>
          <span className="finding-group-name">{title}</span>
          <span className="finding-group-counts">
            {g.bySeverity.map((s) => (
              <Badge key={s.severity} appearance="tint" color={COLORS[s.severity]} size="small">
                {strings[s.severity]} {s.issues.length}
              </Badge>
            ))}
          </span>
        </Button>
      </h3>
      {open ? (
        <div id={id}>
          {g.bySeverity.map((s) => (
            <div key={s.severity} className="finding-severity">
              <Badge appearance="tint" color={COLORS[s.severity]}>
                {strings[s.severity]} · {s.issues.length}
              </Badge>
              <ul className="finding-items">
                {s.issues.slice(0, GROUP_MAX).map((issue, i) => (
                  <li key={i}>
                    <FindingItem
                      issue={issue}
                      indicator={indicatorOf(issue)}
                      strings={strings}
                      onNavigate={onNavigate}
                    />
                  </li>
                ))}
                {s.issues.length > GROUP_MAX ? (
                  <li>
                    <Caption1>
                      {fill(strings.moreFindings, { count: s.issues.length - GROUP_MAX })}
                    </Caption1>
                  </li>
                ) : null}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * One finding: where (the cell to fix), what kind in a few words of the pane's language (never the code),
 * the engine's message, what to do where the message does not say it, and, for a finding on an
 * indicator's row, how that indicator's score was worked out (a difference's message already quotes it).
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
  const fix = fixOf(issue);
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
        {fix ? (
          <>
            <br />
            <Caption1 className="finding-fix" data-testid="finding-fix">
              {strings.fixLabel}
              {strings.fixes[fix]}
            </Caption1>
          </>
        ) : null}
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
