/**
 * Building the add-in for a server (issue 19, point 1): `ADDIN_URL=https://host/path npm run build` writes
 * a manifest and pages that name that address everywhere and localhost nowhere; `OFFICE_JS=local` points
 * the pages at a copy of office.js in dist/office-js/. One production build, into a temp folder
 * (`--output-path`), so the developer's dist/ and the audit's test-output/bundle-chunks.json stay as they are.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "webpack.config.js")) as {
  addinUrl(raw: string | undefined): string | undefined;
  manifestFor(xml: string, url: string | undefined): string;
  pageWithLocalOffice(html: string, name: string): string;
};

const ADDIN_URL = "https://scorer.example.gov.cn/addin";
const OFFICE_CDN_SCRIPT = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const cspOf = (html: string) =>
  /http-equiv=["']?Content-Security-Policy["']?\s+content=("([^"]*)"|'([^']*)')/i.exec(html)?.[2];

describe("ADDIN_URL", () => {
  test("an https address, trailing slashes dropped; unset or empty keeps the development address", () => {
    expect(config.addinUrl(`${ADDIN_URL}/`)).toBe(ADDIN_URL);
    expect(config.addinUrl(" https://10.1.2.3:8443/ ")).toBe("https://10.1.2.3:8443");
    expect(config.addinUrl(undefined)).toBeUndefined();
    expect(config.addinUrl("")).toBeUndefined();
  });

  test.each([
    ["http://scorer.example.gov.cn/addin", /https/],
    ["scorer.example.gov.cn/addin", /not a URL/],
    ["https://scorer.example.gov.cn/addin?v=1", /plain address/],
    ["https://user:pw@scorer.example.gov.cn/", /plain address/],
    ["https://localhost:8443/", /localhost/],
  ])("refuses %s", (raw, why) => {
    expect(() => config.addinUrl(raw)).toThrow(why);
  });

  test("the development manifest itself is untouched by the build", () => {
    expect(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8")).toContain(
      "https://localhost:3000/taskpane.html"
    );
  });
});

describe("a production build with ADDIN_URL, into a temp folder", () => {
  let out: string;
  const chunks = path.join(ROOT, "test-output", "bundle-chunks.json");
  let chunksBefore: string | null;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "scorer-addin-dist-"));
    chunksBefore = fs.existsSync(chunks) ? fs.readFileSync(chunks, "utf8") : null;
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js"),
        "--mode",
        "production",
        "--output-path",
        out,
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ADDIN_URL: `${ADDIN_URL}/`, OFFICE_JS: "" },
        timeout: 590_000,
      }
    );
    expect([r.status, r.status === 0 ? "" : `${r.stdout}\n${r.stderr}`]).toEqual([0, ""]);
  }, 600_000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test("no file names localhost", () => {
    const hits = walk(out).filter((f) => /localhost/i.test(fs.readFileSync(f, "latin1")));
    expect(hits.map((f) => path.relative(out, f))).toEqual([]);
  });

  test("every URL of the manifest is under ADDIN_URL and names a file the build wrote", () => {
    const xml = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      expect(u.startsWith(`${ADDIN_URL}/`)).toBe(true);
      expect([u, fs.existsSync(path.join(out, u.slice(ADDIN_URL.length + 1)))]).toEqual([u, true]);
    }
    // The rest of the manifest is the development one's, byte for byte.
    const dev = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
    expect(xml).toBe(dev.split("https://localhost:3000").join(ADDIN_URL));
  });

  test("the pages load office.js from Microsoft's CDN (the default) and their CSP has no localhost", () => {
    for (const page of ["taskpane.html", "commands.html", "notice.html"]) {
      const html = fs.readFileSync(path.join(out, page), "utf8");
      expect([page, html.includes(OFFICE_CDN_SCRIPT)]).toEqual([page, true]);
      const csp = cspOf(html) ?? "";
      expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
      expect(csp).not.toMatch(/wss?:|unsafe-eval/);
    }
  });

  test("the audit's chunk record (test-output/bundle-chunks.json, for dist/) was not rewritten", () => {
    expect(fs.existsSync(chunks) ? fs.readFileSync(chunks, "utf8") : null).toBe(chunksBefore);
  });

  test("OFFICE_JS=local's page rewrite on these pages: office-js/office.js, scripts from 'self' only", () => {
    for (const page of ["taskpane.html", "commands.html", "notice.html"]) {
      const html = config.pageWithLocalOffice(fs.readFileSync(path.join(out, page), "utf8"), page);
      expect(html).not.toContain("appsforoffice");
      expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
      expect(cspOf(html)).toMatch(/script-src 'self';/);
    }
    expect(config.pageWithLocalOffice("<p>no script</p>", "help.html")).toBe("<p>no script</p>");
    expect(() =>
      config.pageWithLocalOffice('<script src="https://cdn.example/office.js"></script>', "x.html")
    ).toThrow(/unexpected/);
  });
});

test("OFFICE_JS=local copies what the pages load: office.js and Excel's scripts are in the package", () => {
  const dist = path.join(
    path.dirname(require.resolve("@microsoft/office-js/package.json")),
    "dist"
  );
  for (const f of ["office.js", "excel-win32-16.01.js", "excel-web-16.00.js", "excel-mac-16.00.js"])
    expect([f, fs.existsSync(path.join(dist, f))]).toEqual([f, true]);
  expect(fs.existsSync(path.join(dist, "zh-cn", "office_strings.js"))).toBe(true);
});
