import * as React from "react";
import { Divider, Title3 } from "@fluentui/react-components";
import type { Report } from "../core";
import { FindingsList } from "./FindingsList";
import type { Strings } from "./i18n";
import { SummaryCards } from "./SummaryCards";

export interface ResultsProps {
  report: Report;
  strings: Strings;
  decimals: number;
  onNavigate: (sheet: string, cell: string | null) => void;
}

/** What the pane shows after a run. Loaded on first use: the first screen has only the buttons. */
export default function Results({ report, strings, decimals, onNavigate }: ResultsProps) {
  return (
    <>
      <SummaryCards report={report} strings={strings} decimals={decimals} />
      <Divider />
      <Title3 as="h2">{strings.findings}</Title3>
      <FindingsList report={report} strings={strings} onNavigate={onNavigate} />
    </>
  );
}
