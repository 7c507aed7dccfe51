/**
 * Failures the user can act on, as codes the task pane turns into plain words (i18n.ts).
 */
export type FailureCode =
  | "unsupported"
  | "protected"
  | "workbookProtected"
  | "readOnly"
  | "accessDenied"
  | "stale"
  | "noUndo"
  | "engine"
  | "api"
  | "profile"
  | "editing";

export class ScorerError extends Error {
  constructor(
    readonly code: FailureCode,
    readonly params: Record<string, string | number> = {},
    message?: string
  ) {
    super(message ?? code);
    this.name = "ScorerError";
  }
}

/**
 * A write Excel refused in a workbook open read-only is that, not a protection: on the web in view mode (or
 * without edit permission) Excel takes no write at all. Desktop Excel does take them in a read-only file
 * (they need Save As), so being read-only alone refuses nothing.
 */
export function asReadOnly(e: unknown, readOnly: boolean): unknown {
  if (!readOnly) return e;
  const err = toScorerError(e);
  return err.code === "accessDenied" ? new ScorerError("readOnly", err.params, err.message) : e;
}

/** Maps anything thrown (Office.js errors included) to a ScorerError. */
export function toScorerError(e: unknown): ScorerError {
  if (e instanceof ScorerError) return e;
  const err = e as { code?: string; message?: string; name?: string } | null;
  const code = err?.code ?? "";
  const message = err?.message ?? String(e);
  if (code === "InvalidOperationInCellEditMode")
    return new ScorerError("editing", { detail: message }, message);
  // Excel words its errors in the UI language: a protected sheet says "protected" or "保护".
  if (/protect|保护/i.test(message))
    return new ScorerError("protected", { detail: message }, message);
  // AccessDenied alone says only that Excel refused: a read-only or view-only workbook, missing edit
  // permission… Calling it a protected sheet would send the user looking for a protection that is not there.
  if (code === "AccessDenied") return new ScorerError("accessDenied", { detail: message }, message);
  if (err?.name === "ProfileError") return new ScorerError("profile", { detail: message }, message);
  if (/not implemented|Cannot read|undefined/.test(message) && !code)
    return new ScorerError("engine", { detail: message }, message);
  return new ScorerError("api", { detail: code ? `${code}: ${message}` : message }, message);
}
