import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  ProgressBar,
  Text,
} from "@fluentui/react-components";
import type { Report, TableResult } from "../core";
import { differenceCounts, tableTitle } from "./findings";
import { formatScore, formatSigned, reviewFigures } from "./format";
import { Strings, fill } from "./i18n";

const GRADE_COLOR = { 优: "success", 良: "brand", 中: "warning", 差: "danger" } as const;

/** `decimals`: the profile's, so that totals and scores read as in the sheet (99.80). */
export function SummaryCards({
  report,
  strings,
  decimals,
}: {
  report: Report;
  strings: Strings;
  decimals: number;
}) {
  const differences = React.useMemo(() => differenceCounts(report), [report]);
  return (
    <div className="cards">
      {report.tables.map((t, i) => {
        const unmet = t.indicators.filter((x) => x.status === "unmet").length;
        const review = reviewFigures(t, decimals);
        return (
          <Card key={i} size="small" data-testid="summary-card">
            <CardHeader
              header={<Text weight="semibold">{tableTitle(t, i)}</Text>}
              description={<Caption1>{t.sheet}</Caption1>}
              action={
                <Badge
                  shape="rounded"
                  color={t.grade ? GRADE_COLOR[t.grade] : "subtle"}
                  style={{ whiteSpace: "nowrap", width: "auto" }}
                >
                  {t.grade ? strings.grade[t.grade] : strings.incomplete}
                </Badge>
              }
            />
            <div className="card-figures">
              <Text size={500} weight="bold" data-testid="card-total">
                {formatScore(t.total, decimals)}
              </Text>
              <Caption1>
                {review ? strings.reviewTotal : strings.total} · {strings.unmet} {unmet}
              </Caption1>
            </div>
            {review ? (
              <ReviewFigures
                figures={review}
                differences={differences[i]}
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
            <Explanations table={t} strings={strings} decimals={decimals} />
          </Card>
        );
      })}
    </div>
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

/** At most this many indicators are listed when the explanations are opened (a table may have 100,000). */
const EXPLAIN_MAX = 200;

/**
 * Every figure explained (scoring-spec §8): the budget's and each indicator's one line, as the engine
 * wrote it from the numbers the score used. Listed only when asked for; always as text.
 */
function Explanations({
  table,
  strings,
  decimals,
}: {
  table: TableResult;
  strings: Strings;
  decimals: number;
}) {
  const [open, setOpen] = React.useState(false);
  const b = table.budget;
  const shown = open ? table.indicators.slice(0, EXPLAIN_MAX) : [];
  return (
    <div className="explain">
      <Button
        size="small"
        appearance="subtle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="explain-toggle"
      >
        {open ? strings.hideExplain : strings.showExplain}
      </Button>
      {open ? (
        <ul className="explain-list" aria-label={strings.explainTitle} data-testid="explain-list">
          {b.explain ? (
            <li data-testid="explain-budget">
              <Text weight="semibold">
                {strings.budget} {formatScore(b.score, decimals)}/{b.weight}
              </Text>
              <br />
              <Caption1>{b.explain}</Caption1>
            </li>
          ) : null}
          {shown.map((ind) => (
            <li key={ind.row} data-testid="explain-indicator">
              <Text weight="semibold">
                {fill(strings.rowLabel, { row: ind.row })} {ind.name}{" "}
                {formatScore(ind.score, decimals)}/{ind.weight}
              </Text>
              {ind.weightExplain ? (
                <>
                  <br />
                  <Caption1>{ind.weightExplain}</Caption1>
                </>
              ) : null}
              <br />
              <Caption1>{ind.explain ?? strings.unscored}</Caption1>
            </li>
          ))}
          {table.indicators.length > shown.length ? (
            <li>
              <Caption1>
                {fill(strings.moreRows, { count: table.indicators.length - shown.length })}
              </Caption1>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
