/** Number formatting for the pane: figures shown as the sheet shows them. */

/**
 * A total or a score with the profile's decimals, as written into the sheet (99.80, not 99.8; 96 with
 * decimals 0). The engine has already rounded the figure; this only pads. "—" when there is no figure.
 */
export function formatScore(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return value.toFixed(d);
}
