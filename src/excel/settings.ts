/**
 * The scoring profile of a workbook, stored in the workbook itself (Office.context.document.settings),
 * so that everyone who opens the file scores it the same way.
 */
import { ProfileOverrides, resolveProfile } from "../core";

export const PROFILE_SETTING = "indicatorScorer.profile";

function settings(): Office.Settings | null {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.document?.settings ?? null;
}

export function loadProfile(): ProfileOverrides {
  const raw = settings()?.get(PROFILE_SETTING) as unknown;
  if (!raw || typeof raw !== "object") return {};
  try {
    resolveProfile(raw as ProfileOverrides);
    return raw as ProfileOverrides;
  } catch {
    return {};
  }
}

function saveSettings(s: Office.Settings): Promise<void> {
  return new Promise((resolve, reject) =>
    s.saveAsync((r) =>
      String(r.status) === "succeeded"
        ? resolve()
        : reject(new Error(r.error?.message ?? "settings not saved"))
    )
  );
}

/** Validates (throws ProfileError) and stores the overrides. */
export async function saveProfile(p: ProfileOverrides): Promise<void> {
  resolveProfile(p);
  const s = settings();
  if (!s) return;
  s.set(PROFILE_SETTING, p);
  await saveSettings(s);
}

/** Back to 财政部默认. */
export async function resetProfile(): Promise<void> {
  const s = settings();
  if (!s) return;
  s.remove(PROFILE_SETTING);
  await saveSettings(s);
}
