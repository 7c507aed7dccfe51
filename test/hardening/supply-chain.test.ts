/**
 * Supply-chain and code-safety checks that need neither the network nor a built add-in:
 * the lockfile pins every package from the npm registry with an integrity hash; no source file evaluates
 * code, injects HTML or talks to the network; the only external script any page loads is Office's office.js.
 *
 * `npm audit --omit=dev --audit-level=high` needs the registry and is run by hand (see docs/bad-inputs.md).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const SOURCES = walk(path.join(ROOT, "src")).filter((f) => /\.(ts|tsx|js|html)$/.test(f));

test("package-lock.json: every package has an integrity hash and no resolved URL outside registry.npmjs.org", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
    lockfileVersion: number;
    packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
  };
  expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
  const problems: string[] = [];
  for (const [name, p] of Object.entries(lock.packages)) {
    if (name === "" || p.link) continue;
    // npm may omit `resolved` (registry default); when present it must be the public registry.
    if (p.resolved !== undefined && !p.resolved.startsWith("https://registry.npmjs.org/"))
      problems.push(`${name}: resolved ${p.resolved}`);
    if (!p.integrity || !/^sha(512|384|256|1)-/.test(p.integrity))
      problems.push(`${name}: no integrity`);
  }
  expect(problems).toEqual([]);
});

test("no eval, no new Function, no HTML injection, no network calls in src/", () => {
  const banned: [RegExp, string][] = [
    [/\beval\s*\(/, "eval"],
    [/\bnew\s+Function\s*\(/, "new Function"],
    [/\bdangerouslySetInnerHTML\b/, "dangerouslySetInnerHTML"],
    [/\.(innerHTML|outerHTML)\s*[+]?=/, "innerHTML assignment"],
    [/\binsertAdjacentHTML\s*\(/, "insertAdjacentHTML"],
    [/\bdocument\.write\s*\(/, "document.write"],
    [/\bfetch\s*\(/, "fetch"],
    [/\bXMLHttpRequest\b/, "XMLHttpRequest"],
    [/\bnew\s+WebSocket\b/, "WebSocket"],
    [/\bnavigator\.sendBeacon\b/, "sendBeacon"],
    [/\brequire\(["'](https?|net|http|https|child_process)["']\)/, "network/process module"],
  ];
  const hits: string[] = [];
  for (const f of SOURCES) {
    // HTML comments and /* */ blocks are prose ("no eval"): blank them, keeping the line numbers.
    const text = fs
      .readFileSync(f, "utf8")
      .replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "));
    const lines = text.split("\n");
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return; // comments
      for (const [re, what] of banned)
        if (re.test(line)) hits.push(`${path.relative(ROOT, f)}:${i + 1} ${what}`);
    });
  }
  expect(hits).toEqual([]);
});

test("pages load no external script but office.js, and declare a CSP without unsafe-eval", () => {
  for (const f of SOURCES.filter((x) => x.endsWith(".html"))) {
    const html = fs.readFileSync(f, "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    for (const s of scripts) {
      if (/^https?:/.test(s))
        expect([path.relative(ROOT, f), s]).toEqual([
          path.relative(ROOT, f),
          "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
        ]);
    }
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    if (scripts.length > 0 || /<script/.test(html)) {
      expect([path.relative(ROOT, f), typeof csp]).toEqual([path.relative(ROOT, f), "string"]);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).toMatch(/object-src 'none'/);
    }
  }
});
