/**
 * Failures the user can act on, as codes the task pane turns into plain words of its own (i18n.ts).
 *
 * Office.js errors are told apart by `error.code` alone (Excel.ErrorCodes): the codes are stable, the
 * messages are worded in Excel's UI language (简体, 繁體, German…) and may change between builds. Excel's
 * message is kept only as `details`, which the pane shows on a line of its own. Whether a refusal is a
 * protected sheet, a protected workbook or a read-only workbook is known from what the read saw
 * (read.ts, the write's preflight in apply.ts), never from the words of Excel's message.
 */
export type FailureCode =
  | "unsupported"
  | "protected"
  | "workbookProtected"
  | "readOnly"
  | "accessDenied"
  | "stale"
  | "changedDuringWrite"
  | "formatsNotRestorable"
  | "noUndo"
  | "engine"
  | "api"
  | "notFound"
  | "invalidOperation"
  | "tooLarge"
  | "busy"
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

/** The Excel.ErrorCodes (and their equivalents) the add-in words itself. */
const BY_CODE: Record<string, FailureCode> = {
  AccessDenied: "accessDenied",
  InvalidOperationInCellEditMode: "editing",
  // The name the cell-edit refusal has in some hosts' error reports.
  EditModeCellEdit: "editing",
  ItemNotFound: "notFound",
  InvalidReference: "notFound",
  InvalidOperation: "invalidOperation",
  RequestPayloadSizeLimitExceeded: "tooLarge",
  ResponsePayloadSizeLimitExceeded: "tooLarge",
  ActivityLimitReached: "busy",
  Conflict: "busy",
  RequestAborted: "busy",
};

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

/** Excel's own words for the details line: `Code: message`. */
function details(code: string, message: string): string {
  return code ? `${code}: ${message}` : message;
}

/** Maps anything thrown (Office.js errors included) to a ScorerError, by its code. */
export function toScorerError(e: unknown): ScorerError {
  if (e instanceof ScorerError) return e;
  const err = e as { code?: unknown; message?: unknown; name?: unknown } | null;
  const code = typeof err?.code === "string" ? err.code : "";
  const message = typeof err?.message === "string" ? err.message : String(e);
  const known = BY_CODE[code];
  // A code we word ourselves: Excel's message alone is the details; any other keeps its code beside it.
  if (known) return new ScorerError(known, { detail: message }, message);
  if (err?.name === "ProfileError") return new ScorerError("profile", { detail: message }, message);
  // A JavaScript error with no Office code is ours (the engine or the adapter), not Excel's.
  if (!code && (e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError))
    return new ScorerError("engine", { detail: message }, message);
  return new ScorerError("api", { detail: details(code, message) }, message);
}
