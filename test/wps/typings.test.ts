/**
 * Every member src/wps/api.ts calls is one the published WPS typings declare: each interface of api.ts is
 * matched with its counterpart in wps-jsapi 1.0.5 (WPS 表格's Et object model; wps-jsapi-declare 2.2.0
 * declares only WPS 文字's) or wps-jsapi-declare 2.2.0 (the add-in root: task panes, PluginStorage), and
 * each of its members' names is looked up there. The typings give names, not working signatures (results
 * come back as a trailing `RHS` parameter), so names are what is checked.
 */
import * as fs from "fs";
import * as path from "path";

const NM = path.join(__dirname, "../../node_modules");
const ET = fs.readFileSync(path.join(NM, "wps-jsapi/src/lib.et.d.ts"), "utf8");
const KSO = fs.readFileSync(path.join(NM, "wps-jsapi/src/lib.kso.d.ts"), "utf8");
const ADDON = fs.readFileSync(path.join(NM, "wps-jsapi-declare/index.d.ts"), "utf8");
const API = fs.readFileSync(path.join(__dirname, "../../src/wps/api.ts"), "utf8");

/** The body of `interface name {…}` in a declaration file (braces balanced). */
function body(src: string, name: string): string {
  const m = new RegExp(`interface ${name}\\b[^{]*\\{`).exec(src);
  if (!m) throw new Error(`interface ${name} not found`);
  let depth = 1;
  let i = m.index + m[0].length;
  for (; i < src.length && depth > 0; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}") depth--;
  }
  return src.slice(m.index + m[0].length, i - 1);
}

/** Member names declared at the top level of an interface body (`Name:`, `Name?:`, `Name(`). */
function members(b: string): Set<string> {
  const out = new Set<string>();
  let depth = 0;
  for (const line of b.split("\n")) {
    const t = line.trim();
    if (depth === 0) {
      const m = /^(?:readonly\s+)?([A-Za-z_]\w*)\s*[?]?\s*[:(]/.exec(t);
      if (m) out.add(m[1]);
    }
    for (const ch of t) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
  }
  return out;
}

const PAIRS: [mine: string, theirs: string, src: string][] = [
  ["WpsRange", "EtRange", ET],
  ["WpsInterior", "EtInterior", ET],
  ["WpsFont", "EtFont", ET],
  ["WpsBorders", "EtBorders", ET],
  ["WpsPageSetup", "EtPageSetup", ET],
  ["WpsWorksheet", "EtWorksheet", ET],
  ["WpsSheets", "EtSheets", ET],
  ["WpsWorkbook", "EtWorkbook", ET],
  ["WpsCustomProperty", "KsoDocumentProperty", KSO],
  ["WpsTaskPane", "CustomTaskpane", ADDON],
  ["WpsPluginStorage", "PluginStorage", ADDON],
];

describe("src/wps/api.ts names only members the published typings declare", () => {
  test.each(PAIRS)("%s: every member is declared by %s", (mine, theirs, src) => {
    const declared = members(body(src, theirs));
    const used = [...members(body(API, mine))];
    expect(used.length).toBeGreaterThan(1);
    expect(used.filter((m) => !declared.has(m))).toEqual([]);
  });

  test("the Application: the spreadsheet's members in Et.EtApplication, the add-in's in WPS.AddonRoot", () => {
    const et = members(body(ET, "EtApplication"));
    const addon = members(body(ADDON, "AddonRoot"));
    const used = [...members(body(API, "WpsApplication"))];
    expect(used.filter((m) => !et.has(m) && !addon.has(m))).toEqual([]);
    for (const m of ["CreateTaskPane", "GetTaskPane", "PluginStorage"])
      expect(addon.has(m)).toBe(true);
  });

  test("the custom properties collection (typed `any` on EtWorkbook) is Kso's DocumentProperties", () => {
    const declared = members(body(KSO, "KsoDocumentProperties"));
    for (const m of ["Count", "Item", "Add"]) expect(declared.has(m)).toBe(true);
    expect(members(body(ET, "EtWorkbook")).has("CustomDocumentProperties")).toBe(true);
  });

  test("sub-objects reached from a range are declared there too (Hyperlinks.Add, HPageBreaks.Add)", () => {
    expect(members(body(ET, "EtHyperlinks")).has("Add")).toBe(true);
    expect(members(body(ET, "EtHPageBreaks")).has("Add")).toBe(true);
  });
});
