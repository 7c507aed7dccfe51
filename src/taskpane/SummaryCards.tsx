import * as React from "react";
import { Badge, Caption1, Card, CardHeader, ProgressBar, Text } from "@fluentui/react-components";
import type { Report } from "../core";
import { tableTitle } from "./findings";
import { formatScore } from "./format";
import type { Strings } from "./i18n";

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
  return (
    <div className="cards">
      {report.tables.map((t, i) => {
        const unmet = t.indicators.filter((x) => x.status === "unmet").length;
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
                {strings.total} · {strings.unmet} {unmet}
              </Caption1>
            </div>
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
