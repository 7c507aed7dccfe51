/** Number formatting for the pane: figures shown as the sheet shows them. */
import { roundHalfUp } from "../core";
import type { TableResult } from "../core";

/**
 * A total or a score with the profile's decimals, as written into the sheet (99.80, not 99.8; 96 with
 * decimals 0). The engine has already rounded the figure; this only pads. "—" when there is no figure.
 */
export function formatScore(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return value.toFixed(d);
}

/** A difference with its sign (+1.50, -3.00, 0.00), as the 评分汇总 sheet's 差异 column reads. */
export function formatSigned(value: number | null | undefined, decimals: number): string {
  const s = formatScore(value, decimals);
  return value !== null && value !== undefined && value > 0 && s !== "—" ? `+${s}` : s;
}

/**
 * A table in review mode (复核, scoring-spec §7): the unit's own total, the tool's, and reviewed minus
 * self-assessed, rounded as the engine rounds the 差异 it writes (plan-writes). Null outside review mode.
 */
export function reviewFigures(
  t: Pick<TableResult, "review" | "total" | "unitTotal">,
  decimals: number
): { unitTotal: number | null; total: number | null; difference: number | null } | null {
  if (!t.review) return null;
  const unitTotal = t.unitTotal ?? null;
  const difference =
    unitTotal !== null && t.total !== null ? roundHalfUp(t.total - unitTotal, decimals) : null;
  return { unitTotal, total: t.total, difference };
}

/** A completion rate as a percentage with at most 2 decimals (0.8333 → 83.33%, 1 → 100%); "—" when none. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "—";
  const r = Math.round(fraction * 10000) / 100;
  return `${r === 0 ? 0 : r}%`;
}
