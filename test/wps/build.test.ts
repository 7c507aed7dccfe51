/**
 * @jest-environment jsdom
 *
 * `npm run build:wps` (scripts/build-wps.mjs, into a temp folder here) gives a WPS add-in package: the
 * ribbon parses as customUI XML and names only callbacks the built ribbon.js puts on window.ribbon; no
 * index.html in the add-in folder; nothing names localhost or Office's CDN; pages load only relative
 * scripts; publish.xml lists the folder as a spreadsheet (et) add-in; WPS_ADDIN_URL gives the online list.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";

const ROOT = path.join(__dirname, "../..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
};
const FOLDER = `indicator-scorer_${pkg.version}`;

function buildInto(env: Record<string, string> = {}): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "wps-build-"));
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-wps.mjs"), "--out", out], {
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  return out;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const xml = (text: string) => {
  const doc = new DOMParser().parseFromString(text, "application/xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
};

describe("npm run build:wps", () => {
  let out = "";
  let addin = "";
  beforeAll(() => {
    out = buildInto();
    addin = path.join(out, "jsaddons", FOLDER);
  }, 120_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("the add-in folder: ribbon.xml, main.js, ribbon.js, the pane, icons — and no index.html", () => {
    for (const f of [
      "ribbon.xml",
      "main.js",
      "ribbon.js",
      "taskpane.html",
      "taskpane.js",
      "taskpane.css",
    ])
      expect([f, fs.existsSync(path.join(addin, f))]).toEqual([f, true]);
    expect(fs.existsSync(path.join(addin, "index.html"))).toBe(false);
    expect(fs.readFileSync(path.join(addin, "main.js"), "utf8")).toMatch(/src="ribbon\.js"/);
  });

  test("ribbon.xml is customUI 2006/01 and names only callbacks the built ribbon.js defines", () => {
    const doc = xml(fs.readFileSync(path.join(addin, "ribbon.xml"), "utf8"));
    expect(doc.documentElement.namespaceURI).toBe(
      "http://schemas.microsoft.com/office/2006/01/customui"
    );
    const named = new Set<string>();
    const ids: string[] = [];
    for (const el of Array.from(doc.getElementsByTagName("*"))) {
      for (const a of Array.from(el.attributes))
        if (/^(onLoad|onAction|get[A-Z]\w*)$/.test(a.name)) named.add(a.value);
      if (el.localName === "button") ids.push(el.getAttribute("id")!);
    }
    expect([...named].every((n) => n.startsWith("ribbon."))).toBe(true);
    const labels = Array.from(doc.getElementsByTagName("button")).map((b) =>
      b.getAttribute("label")
    );
    expect(labels).toEqual([
      "校验",
      "一键评分",
      "准备年终自评",
      "撤销",
      "清除结果",
      "打开任务窗格",
    ]);
    expect(doc.getElementsByTagName("group")[0].getAttribute("label")).toBe("绩效自评");

    // The built ribbon.js, run as WPS's page would run it: it puts the callbacks on window.ribbon.
    const sandbox: Record<string, unknown> = {
      document: { location: "file:///jsaddons/x/index.html" },
      navigator: { language: "zh-CN" },
    };
    sandbox.window = sandbox;
    vm.runInNewContext(fs.readFileSync(path.join(addin, "ribbon.js"), "utf8"), sandbox);
    const ribbon = sandbox.ribbon as Record<string, unknown>;
    for (const n of named)
      expect([n, typeof ribbon[n.slice("ribbon.".length)]]).toEqual([n, "function"]);
    // Every button's icon exists, and the buttons' ids are those ribbon.ts acts on.
    const getImage = ribbon.GetImage as (c: { Id: string }) => string;
    for (const id of ids)
      expect([id, fs.existsSync(path.join(addin, getImage({ Id: id })))]).toEqual([id, true]);
  });

  test("nothing in the package names localhost or Office's CDN; pages load only their own files", () => {
    for (const f of files(out)) {
      const text = fs.readFileSync(f, "utf8");
      expect([f, /localhost|127\.0\.0\.1|appsforoffice|office\.js/i.test(text)]).toEqual([
        f,
        false,
      ]);
    }
    const page = fs.readFileSync(path.join(addin, "taskpane.html"), "utf8");
    const srcs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs.sort()).toEqual(["taskpane.css", "taskpane.js"]);
    expect(page).toMatch(/script-src 'self';/);
    expect(page).toMatch(/connect-src 'none'/);
  });

  test("the pane's 帮助 link has its page in the folder, and the guide every image it shows", () => {
    expect(fs.existsSync(path.join(addin, "help.html"))).toBe(true);
    expect(fs.readFileSync(path.join(addin, "help.html"), "utf8")).toContain('href="guide.html"');
    const guide = fs.readFileSync(path.join(addin, "guide.html"), "utf8");
    const images = [...guide.matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const src of images)
      expect([src, fs.existsSync(path.join(addin, src))]).toEqual([src, true]);
  });

  test("jsaddons/publish.xml lists the folder as a spreadsheet add-in", () => {
    const doc = xml(fs.readFileSync(path.join(out, "jsaddons", "publish.xml"), "utf8"));
    const p = doc.getElementsByTagName("jsplugin")[0];
    expect(doc.documentElement.localName).toBe("jsplugins");
    expect(p.getAttribute("type")).toBe("et");
    expect(p.getAttribute("url")).toBe(FOLDER);
    expect(p.getAttribute("version")).toBe(pkg.version);
  });

  test("WPS_ADDIN_URL: online/jsplugins.xml names the served folder; localhost is refused", () => {
    const online = buildInto({ WPS_ADDIN_URL: "https://oa.example.gov.cn/wps/indicator-scorer/" });
    try {
      const doc = xml(fs.readFileSync(path.join(online, "online", "jsplugins.xml"), "utf8"));
      expect(doc.getElementsByTagName("jsplugin")[0].getAttribute("url")).toBe(
        "https://oa.example.gov.cn/wps/indicator-scorer/"
      );
      expect(fs.readFileSync(path.join(online, "online", "publish.html"), "utf8")).toContain(
        "JSPluginsServer=https://oa.example.gov.cn/wps/indicator-scorer/jsplugins.xml"
      );
    } finally {
      fs.rmSync(online, { recursive: true, force: true });
    }
    expect(() => buildInto({ WPS_ADDIN_URL: "http://localhost:3889" })).toThrow();
  }, 120_000);
});
