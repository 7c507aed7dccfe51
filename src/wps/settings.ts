/**
 * The scoring profile of a workbook, kept in the workbook itself as the Excel add-in keeps it (there in
 * Office's document settings), so that everyone who opens the file scores it the same way: here as custom
 * document properties (文件 > 属性 > 自定义), JSON cut into pieces of at most 255 characters — the length
 * a string property takes — named indicatorScorer.profile.0, .1, …
 * Should WPS refuse custom properties (the typings declare the collection as `any`; not tried on a real
 * WPS), the profile is kept in Application.PluginStorage instead: shared by the add-in's pages until WPS
 * closes, not saved with the file.
 */
import { ProfileOverrides, resolveProfile } from "../core";
import { WpsPluginStorage, WpsWorkbook, XL, wpsApp } from "./api";

export const PROFILE_PROPERTY = "indicatorScorer.profile";
const PIECE = 255;

function workbook(): WpsWorkbook | null {
  return wpsApp()?.ActiveWorkbook ?? null;
}

function storage(): WpsPluginStorage | null {
  return wpsApp()?.PluginStorage ?? null;
}

/** The pieces' property names present, in order. */
function pieces(wb: WpsWorkbook): { name: string; value: string }[] {
  const props = wb.CustomDocumentProperties;
  const found = new Map<string, string>();
  for (let i = 1; i <= props.Count; i++) {
    const p = props.Item(i);
    if (p.Name.startsWith(`${PROFILE_PROPERTY}.`)) found.set(p.Name, String(p.Value));
  }
  const out: { name: string; value: string }[] = [];
  for (let k = 0; found.has(`${PROFILE_PROPERTY}.${k}`); k++)
    out.push({ name: `${PROFILE_PROPERTY}.${k}`, value: found.get(`${PROFILE_PROPERTY}.${k}`)! });
  return out;
}

/** The stored JSON: the workbook's properties, else PluginStorage's copy. */
function stored(wb: WpsWorkbook | null, st: WpsPluginStorage | null): string {
  let json = "";
  try {
    if (wb)
      json = pieces(wb)
        .map((p) => p.value)
        .join("");
  } catch {
    // custom properties unavailable: PluginStorage's copy below
  }
  return json || st?.getItem(PROFILE_PROPERTY) || "{}";
}

export function loadProfile(
  wb: WpsWorkbook | null = workbook(),
  st: WpsPluginStorage | null = storage()
): ProfileOverrides {
  try {
    const raw = JSON.parse(stored(wb, st)) as ProfileOverrides;
    if (!raw || typeof raw !== "object") return {};
    resolveProfile(raw);
    return raw;
  } catch {
    return {};
  }
}

function remove(wb: WpsWorkbook): void {
  const props = wb.CustomDocumentProperties;
  for (const p of pieces(wb)) props.Item(p.name).Delete();
}

/** Validates (throws ProfileError) and stores the overrides in the workbook (saved with the file). */
export async function saveProfile(
  p: ProfileOverrides,
  wb: WpsWorkbook | null = workbook(),
  st: WpsPluginStorage | null = storage()
): Promise<void> {
  resolveProfile(p);
  const json = JSON.stringify(p);
  try {
    if (!wb) throw new Error("no workbook open");
    remove(wb);
    for (let k = 0; k * PIECE < json.length; k++)
      wb.CustomDocumentProperties.Add(
        `${PROFILE_PROPERTY}.${k}`,
        false,
        XL.propertyTypeString,
        json.slice(k * PIECE, (k + 1) * PIECE)
      );
    st?.setItem(PROFILE_PROPERTY, "");
  } catch {
    st?.setItem(PROFILE_PROPERTY, json);
  }
}

/** Back to 财政部默认. */
export async function resetProfile(
  wb: WpsWorkbook | null = workbook(),
  st: WpsPluginStorage | null = storage()
): Promise<void> {
  st?.setItem(PROFILE_PROPERTY, "");
  try {
    if (wb) remove(wb);
  } catch {
    // custom properties unavailable: nothing stored there
  }
}
