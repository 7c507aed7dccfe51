import * as React from "react";
import { Badge, Button, Caption1, ProgressBar, Text } from "@fluentui/react-components";
import type { IndicatorResult, Report, TableResult } from "../core";
import { TableStatus, differenceCounts, tableAnchor, tableStatus, tableTitle } from "./findings";
import { formatPercent, formatScore, formatSigned, reviewFigures } from "./format";
import { Strings, fill } from "./i18n";

const GRADE_COLOR = { 优: "success", 良: "brand", 中: "warning", 差: "danger" } as const;

/** At most this many indicators are listed in an opened card (a table may have 100,000). */
const INDICATORS_MAX = 200;

/**
 * One compact line a table (project, total, grade or status); opening it selects the table in the sheet
 * and shows its category bars and each indicator, which opens in turn to how its score was worked out.
 * `decimals`: the profile's, so that totals and scores read as in the sheet (99.80).
 */
export function SummaryCards({
  report,
  strings,
  decimals,
  onNavigate,
}: {
  report: Report;
  strings: Strings;
  decimals: number;
  onNavigate: (sheet: string, cell: string | null) => void;
}) {
  const differences = React.useMemo(() => differenceCounts(report), [report]);
  return (
    <ul className="cards" aria-label={strings.tables}>
      {report.tables.map((t, i) => (
        <TableCard
          key={i}
          table={t}
          title={tableTitle(t, i)}
          status={tableStatus(report, i)}
          differences={differences[i]}
          strings={strings}
          decimals={decimals}
          onNavigate={onNavigate}
        />
      ))}
    </ul>
  );
}

function statusText(t: TableResult, status: TableStatus, strings: Strings): string {
  switch (status.kind) {
    case "graded":
      return strings.grade[t.grade!];
    case "noGrade":
      return strings.status.noGrade;
    case "noActualColumn":
      return strings.status.noActualColumn;
    case "missing":
      return `${strings.incomplete} · ${fill(strings.status.missing, { count: status.count })}`;
    case "incomplete":
      return strings.incomplete;
  }
}

function TableCard({
  table: t,
  title,
  status,
  differences,
  strings,
  decimals,
  onNavigate,
}: {
  table: TableResult;
  title: string;
  status: TableStatus;
  differences: number;
  strings: Strings;
  decimals: number;
  onNavigate: (sheet: string, cell: string | null) => void;
}) {
  const [open, setOpen] = React.useState(false);
  const id = React.useId();
  const unmet = t.indicators.filter((x) => x.status === "unmet").length;
  const review = reviewFigures(t, decimals);
  const badge = statusText(t, status, strings);
  return (
    <li className="card" data-testid="summary-card">
      <Button
        appearance="subtle"
        className="card-line"
        aria-expanded={open}
        aria-controls={id}
        title={strings.selectTable}
        data-testid="card-toggle"
        onClick={() => {
          setOpen(!open);
          // Opening or closing, the card's table is selected in the sheet.
          onNavigate(t.sheet, tableAnchor(t));
        }}
      >
        <span aria-hidden="true" className="chevron">
          {open ? "▾" : "▸"}
        </span>
        <span className="card-title">{title}</span>
        {review ? (
          // Review mode: the difference to the unit's own total is what the reviewer looks for first.
          <Badge
            appearance="tint"
            size="small"
            color={differences ? "warning" : "success"}
            data-testid="card-line-difference"
          >
            {`${strings.difference} ${formatSigned(review.difference, decimals)}`}
          </Badge>
        ) : null}
        <Text weight="bold" className="card-total" data-testid="card-total">
          {formatScore(t.total, decimals)}
        </Text>
        <Badge
          shape="rounded"
          appearance={status.kind === "graded" ? "filled" : "tint"}
          color={
            status.kind === "graded" ? GRADE_COLOR[t.grade!] : t.complete ? "subtle" : "warning"
          }
          data-testid="card-status"
          style={{ whiteSpace: "nowrap", width: "auto" }}
        >
          {badge}
        </Badge>
      </Button>
      {open ? (
        <div id={id} className="card-body" data-testid="card-body">
          <Caption1 data-testid="card-where">
            {`${t.sheet}!${t.headerRow} · ${strings.unmet} ${unmet}`}
          </Caption1>
          {review ? (
            <ReviewFigures
              figures={review}
              differences={differences}
              strings={strings}
              decimals={decimals}
            />
          ) : null}
          <div className="bars">
            {t.budget.score !== null || t.budget.weight ? (
              <Bar
                label={strings.budget}
                score={t.budget.score}
                weight={t.budget.weight}
                decimals={decimals}
              />
            ) : null}
            {t.categories.map((c) => (
              <Bar
                key={c.level1}
                label={c.level1}
                score={c.score}
                weight={c.weight}
                decimals={decimals}
              />
            ))}
          </div>
          <Indicators table={t} strings={strings} decimals={decimals} onNavigate={onNavigate} />
        </div>
      ) : null}
    </li>
  );
}

function Bar({
  label,
  score,
  weight,
  decimals,
}: {
  label: string;
  score: number | null;
  weight: number;
  decimals: number;
}) {
  const value = weight > 0 && score !== null ? Math.max(0, Math.min(1, score / weight)) : 0;
  return (
    <div className="bar">
      <Caption1>
        {label} {formatScore(score, decimals)}/{weight}
      </Caption1>
      <ProgressBar value={value} max={1} thickness="large" aria-label={label} />
    </div>
  );
}

/** Review mode (复核, scoring-spec §7): 自评总分 / 复核总分 / 差异, and how many figures differ. */
function ReviewFigures({
  figures,
  differences,
  strings,
  decimals,
}: {
  figures: NonNullable<ReturnType<typeof reviewFigures>>;
  differences: number;
  strings: Strings;
  decimals: number;
}) {
  return (
    <div className="card-review" data-testid="card-review">
      <Badge appearance="tint" color={differences ? "warning" : "success"}>
        {strings.review}
      </Badge>
      <dl className="review-figures">
        <div>
          <dt>{strings.unitTotal}</dt>
          <dd data-testid="card-unit-total">{formatScore(figures.unitTotal, decimals)}</dd>
        </div>
        <div>
          <dt>{strings.reviewTotal}</dt>
          <dd data-testid="card-review-total">{formatScore(figures.total, decimals)}</dd>
        </div>
        <div>
          <dt>{strings.difference}</dt>
          <dd data-testid="card-difference">{formatSigned(figures.difference, decimals)}</dd>
        </div>
      </dl>
      {differences ? (
        <Caption1 data-testid="card-differences">
          {differences} {strings.differences}
        </Caption1>
      ) : null}
    </div>
  );
}

/**
 * Every score shown (issue 18, point 5; scoring-spec §8): the budget line and each indicator, one line
 * each, that opens to its figures (指标值, 实际完成值, 完成率, 得分/分值), how its 分值 was set and how its
 * score was worked out, as the engine wrote them. Always as text.
 */
function Indicators({
  table,
  strings,
  decimals,
  onNavigate,
}: {
  table: TableResult;
  strings: Strings;
  decimals: number;
  onNavigate: (sheet: string, cell: string | null) => void;
}) {
  const b = table.budget;
  const shown = table.indicators.slice(0, INDICATORS_MAX);
  return (
    <ul className="indicator-list" aria-label={strings.explainTitle} data-testid="indicator-list">
      {b.explain || b.score !== null || b.weight ? (
        <Disclosure
          testId="budget"
          label={
            <>
              <span className="indicator-name">{strings.budget}</span>
              <span className="indicator-score">
                {formatScore(b.score, decimals)}/{b.weight}
              </span>
            </>
          }
        >
          <Caption1 data-testid="explain-budget">{b.explain ?? strings.unscored}</Caption1>
        </Disclosure>
      ) : null}
      {shown.map((ind) => (
        <IndicatorItem
          key={ind.row}
          sheet={table.sheet}
          indicator={ind}
          strings={strings}
          decimals={decimals}
          onNavigate={onNavigate}
        />
      ))}
      {table.indicators.length > shown.length ? (
        <li>
          <Caption1>
            {fill(strings.moreRows, { count: table.indicators.length - shown.length })}
          </Caption1>
        </li>
      ) : null}
    </ul>
  );
}

function IndicatorItem({
  sheet,
  indicator: ind,
  strings,
  decimals,
  onNavigate,
}: {
  sheet: string;
  indicator: IndicatorResult;
  strings: Strings;
  decimals: number;
  onNavigate: (sheet: string, cell: string | null) => void;
}) {
  const status = strings.indicatorStatus[ind.status];
  return (
    <Disclosure
      testId="indicator"
      title={fill(strings.showIndicator, { name: ind.name })}
      label={
        <>
          <span className="indicator-name">
            {fill(strings.rowLabel, { row: ind.row })} {ind.name}
          </span>
          {status ? (
            <Badge appearance="tint" size="small" color="warning">
              {status}
            </Badge>
          ) : null}
          <span className="indicator-score">
            {formatScore(ind.score, decimals)}/{ind.weight}
          </span>
        </>
      }
    >
      <dl className="indicator-figures" data-testid="indicator-figures">
        <div>
          <dt>{strings.target}</dt>
          <dd>{ind.target || "—"}</dd>
        </div>
        <div>
          <dt>{strings.actual}</dt>
          <dd>{ind.actual ?? "—"}</dd>
        </div>
        <div>
          <dt>{strings.completion}</dt>
          <dd>{formatPercent(ind.completion)}</dd>
        </div>
        <div>
          <dt>{strings.scoreLabel}</dt>
          <dd>
            {formatScore(ind.score, decimals)}/{ind.weight}
          </dd>
        </div>
      </dl>
      {ind.weightExplain ? (
        <Caption1 className="explain-line" data-testid="explain-weight">
          {ind.weightExplain}
        </Caption1>
      ) : null}
      <Caption1 className="explain-line" data-testid="explain-score">
        {ind.explain ?? strings.unscored}
      </Caption1>
      <Button
        size="small"
        appearance="transparent"
        className="indicator-go"
        onClick={() => onNavigate(sheet, `A${ind.row}`)}
        data-testid="indicator-go"
      >
        {strings.goToRow}
      </Button>
    </Disclosure>
  );
}

/** One line that opens to what is under it (aria-expanded on the button, the content after it). */
function Disclosure({
  testId,
  label,
  title,
  children,
}: {
  testId: string;
  label: React.ReactNode;
  title?: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = React.useState(false);
  const id = React.useId();
  return (
    <li className="indicator" data-testid={testId}>
      <Button
        appearance="subtle"
        size="small"
        className="indicator-line"
        aria-expanded={open}
        aria-controls={id}
        title={title}
        onClick={() => setOpen(!open)}
        data-testid={`${testId}-toggle`}
      >
        <span aria-hidden="true" className="chevron">
          {open ? "▾" : "▸"}
        </span>
        {label}
      </Button>
      {open ? (
        <div id={id} className="indicator-explain" data-testid={`${testId}-explain`}>
          {children}
        </div>
      ) : null}
    </li>
  );
}
