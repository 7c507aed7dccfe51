/**
 * @jest-environment jsdom
 *
 * Offline manifest validation (`npm run validate`): the online validator is unreachable from here, so the
 * rules that matter for sideloading and AppSource are checked against the XML schema's expectations.
 */
import * as fs from "fs";
import * as path from "path";
import { REQUIRED_EXCEL_API } from "../../src/excel/requirements";

const ROOT = path.join(__dirname, "..", "..");
const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "application/xml");
const all = (tag: string) => Array.from(doc.getElementsByTagName(tag));
const one = (tag: string) => {
  const list = all(tag);
  expect(list).toHaveLength(1);
  return list[0];
};

const version = (v: string) => v.split(".").map(Number);
const cmp = (a: string, b: string) => {
  const [x, y] = [version(a), version(b)];
  return x[0] - y[0] || x[1] - y[1];
};

describe("manifest.xml", () => {
  test("is well-formed XML with the OfficeApp root", () => {
    expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
    expect(doc.documentElement.localName).toBe("OfficeApp");
    expect(doc.documentElement.getAttribute("xsi:type")).toBe("TaskPaneApp");
  });

  test("top-level elements come in schema order", () => {
    const order = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ];
    const names = Array.from(doc.documentElement.children).map((e) => e.localName);
    expect(names).toEqual(order);
  });

  test("no AppDomains: the start page's own domain needs none, and no other domain is opened", () => {
    expect(doc.getElementsByTagName("AppDomains").length).toBe(0);
    expect(doc.getElementsByTagName("AppDomain").length).toBe(0);
  });

  test("identity: stable GUID, version, provider, names in both languages", () => {
    expect(one("Id").textContent).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    );
    expect(one("Version").textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(one("ProviderName").textContent!.trim()).not.toBe("");
    const name = one("DisplayName");
    expect(name.getAttribute("DefaultValue")).toBe("绩效自评助手");
    expect(name.getElementsByTagName("Override")[0].getAttribute("Locale")).toBe("en-US");
    expect(name.getElementsByTagName("Override")[0].getAttribute("Value")).toBe("Indicator Scorer");
    expect(one("Permissions").textContent).toBe("ReadWriteDocument");
    expect(all("Host")[0].getAttribute("Name")).toBe("Workbook");
  });

  test("requires the ExcelApi set the adapter needs, no more", () => {
    const set = all("Set").find((s) => s.getAttribute("Name") === "ExcelApi")!;
    expect(set.getAttribute("MinVersion")).toBe(REQUIRED_EXCEL_API);
    // The highest set among the calls made unconditionally in src/excel (see requirements.ts).
    const calls: [RegExp, string][] = [
      [/\.getRangeByIndexes\(/, "1.7"],
      [/\.hyperlink\s*=/, "1.7"],
      [/\.onChanged\b/, "1.7"],
      [/\.conditionalFormats\b/, "1.6"],
      [/\.getItemOrNullObject\(/, "1.4"],
      [/\.getUsedRangeOrNullObject\(/, "1.4"],
      [/\.getUsedRange\(true\)/, "1.2"],
      [/\.visibility\s*=/, "1.2"],
      [/\.protection\b/, "1.2"],
      [/\.columnWidth\s*=/, "1.2"],
    ];
    const src = fs
      .readdirSync(path.join(ROOT, "src", "excel"))
      .map((f) => fs.readFileSync(path.join(ROOT, "src", "excel", f), "utf8"))
      .join("\n");
    const used = calls.filter(([re]) => re.test(src)).map(([, v]) => v);
    const highest = used.sort(cmp).pop()!;
    expect(highest).toBe(REQUIRED_EXCEL_API);
    // getCellProperties (1.9) is optional: only behind the isSetSupported check.
    expect(src).toMatch(/!!opts\.cellProperties && [\s\S]{0,4000}getCellProperties/);
  });

  test("every URL is https://localhost:3000 and points at a file the build produces", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    const produced = new Set(["taskpane.html", "commands.html", "help.html", "notice.html"]);
    for (const u of urls) {
      expect(u.startsWith("https://localhost:3000/")).toBe(true);
      const file = u.slice("https://localhost:3000/".length);
      if (file.startsWith("assets/")) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
      else expect(produced.has(file)).toBe(true);
    }
    const webpack = fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8");
    for (const f of produced) expect(webpack).toContain(f);
  });

  test("icons are real PNGs of the size they claim", () => {
    for (const img of all("bt:Image").filter((e) => e.getAttribute("id"))) {
      const url = img.getAttribute("DefaultValue")!;
      const size = Number(/-(\d+)\.png$/.exec(url)![1]);
      const png = fs.readFileSync(path.join(ROOT, url.replace("https://localhost:3000/", "")));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
    for (const tag of ["IconUrl", "HighResolutionIconUrl"]) {
      const url = one(tag).getAttribute("DefaultValue")!;
      expect(fs.existsSync(path.join(ROOT, url.replace("https://localhost:3000/", "")))).toBe(true);
    }
  });

  test("ribbon: Home tab group 绩效自评 with the pane button and the 一键评分 function", () => {
    expect(one("OfficeTab").getAttribute("id")).toBe("TabHome");
    const controls = all("Control");
    expect(controls).toHaveLength(2);
    const actions = controls.map((c) =>
      c.getElementsByTagName("Action")[0].getAttribute("xsi:type")
    );
    expect(actions).toEqual(["ShowTaskpane", "ExecuteFunction"]);
    const fn = one("FunctionName").textContent!;
    const commands = fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    expect(commands).toContain(`Office.actions.associate("${fn}"`);
    const str = (id: string) =>
      all("bt:String")
        .find((s) => s.getAttribute("id") === id)!
        .getAttribute("DefaultValue");
    expect(str("Group.Label")).toBe("绩效自评");
    expect(str("TaskpaneButton.Label")).toBe("打开自评助手");
    expect(str("ScoreButton.Label")).toBe("一键评分");
  });

  test("every resid resolves, ids are unique, strings fit their limits", () => {
    const ids = all("*")
      .filter((e) => e.getAttribute("id") && /^bt:/.test(e.tagName))
      .map((e) => e.getAttribute("id")!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of all("*")) {
      const resid = e.getAttribute("resid");
      if (resid) expect(ids).toContain(resid);
    }
    for (const s of all("bt:String")) {
      const limit = s.parentElement!.localName === "ShortStrings" ? 125 : 250;
      expect(s.getAttribute("DefaultValue")!.length).toBeLessThanOrEqual(limit);
      for (const o of Array.from(s.getElementsByTagName("bt:Override")))
        expect(o.getAttribute("Value")!.length).toBeLessThanOrEqual(limit);
    }
  });
});
