/**
 * Supply-chain audit of the production build (`npm run test:e2e` runs it after `webpack --mode production`).
 *
 *   - every URL in dist/ (.js, .html, .css: http://, https://, ws://, wss://, protocol-relative //host)
 *     points at Office's own script, https://appsforoffice.microsoft.com, or is one of the few strings that
 *     libraries embed without ever fetching them (ALLOWED_STRINGS, each with its reason);
 *   - the pages' Content-Security-Policy (the pane's is required): no 'unsafe-eval', scripts only from the
 *     add-in's origin and Office's CDN, no host outside Microsoft's;
 *   - no source maps shipped (.map files or sourceMappingURL comments);
 *   - no eval( / new Function( in the add-in's own chunks; what vendor chunks hold is reported, and fails
 *     only if it is eval;
 *   - manifest.xml asks for ReadWriteDocument and nothing more.
 *
 * Prints what it found; exits 1 on the first list of failures.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");

/** The one place the add-in's pages load anything from outside their own origin. */
const OFFICE_CDN = "https://appsforoffice.microsoft.com/";

/**
 * Strings that look like URLs but are never requested. Exact matches only: a new one fails the audit
 * until someone looks at it and adds it here with its reason.
 */
const ALLOWED_STRINGS: Record<string, string> = {
  // React DOM: namespace URIs passed to document.createElementNS / setAttributeNS. Identifiers, not fetched.
  "http://www.w3.org/2000/svg":
    "SVG namespace (React DOM createElementNS; Fluent icons are inline SVG)",
  "http://www.w3.org/1999/xlink": "XLink namespace (React DOM setAttributeNS for xlink:href)",
  "http://www.w3.org/XML/1998/namespace":
    "XML namespace (React DOM setAttributeNS for xml:lang/xml:space)",
  "http://www.w3.org/1998/Math/MathML": "MathML namespace (React DOM createElementNS)",
  // React's production error messages say "visit https://react.dev/errors/<n>": text of an Error, never loaded.
  "https://react.dev/errors/": "React minified-error decoder link, only in error message text",
};

/** Host sources a page's CSP may name besides 'self' and Office's CDN: office.js talks to Microsoft. */
const CSP_HOSTS = new Set([
  "https://*.microsoft.com",
  "https://*.office.com",
  "https://*.office.net",
  "https://appsforoffice.microsoft.com",
]);

/** Written by the production build (webpack.config.js, ChunkOriginsPlugin): modules per emitted .js file. */
const CHUNKS = path.join(ROOT, "test-output", "bundle-chunks.json");

const failures: string[] = [];
const fail = (what: string) => failures.push(what);
const ok = (what: string) => console.log(`  ✓ ${what}`);

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** URLs with a scheme, and protocol-relative ones ("//host.tld/…" right after a quote, paren or =). */
function urlsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:https?|wss?):\/\/[^\s"'`<>()\\,;]*/gi)) out.push(m[0]);
  for (const m of text.matchAll(
    /(?<=["'`(=]\s*)\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/:][^\s"'`<>()\\]*)?/gi
  ))
    out.push(m[0]);
  return out;
}

function cspOf(html: string): string | null {
  const m =
    /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=("([^"]*)"|'([^']*)')/i.exec(
      html
    );
  return m ? (m[2] ?? m[3]) : null;
}

function stripCsp(html: string): string {
  return html.replace(/<meta\s+http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi, "");
}

function auditCsp(file: string, csp: string): void {
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map((d) => [d[0], d.slice(1)] as const)
  );
  if (/'unsafe-eval'/.test(csp)) fail(`${file}: CSP allows 'unsafe-eval'`);
  const scripts = directives.get("script-src") ?? directives.get("default-src") ?? [];
  const badScripts = scripts.filter((s) => s !== "'self'" && s !== OFFICE_CDN.slice(0, -1));
  if (badScripts.length) fail(`${file}: script-src allows ${badScripts.join(" ")}`);
  for (const [name, sources] of directives) {
    for (const s of sources) {
      if (s.startsWith("'") || s === "data:") continue;
      if (!CSP_HOSTS.has(s.replace(/;$/, ""))) fail(`${file}: CSP ${name} names ${s}`);
    }
  }
  const objects = directives.get("object-src") ?? directives.get("default-src");
  if (!objects || objects.some((s) => s !== "'none'" && s !== "'self'"))
    fail(`${file}: CSP lets plugins (object-src) load from elsewhere`);
}

function main(): void {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/taskpane.html missing: run `webpack --mode production` first");
  const files = walk(DIST);
  const rel = (f: string) => path.relative(DIST, f).split(path.sep).join("/");
  console.log(`bundle audit: ${files.length} files in dist/`);

  // 1. URLs
  const seen = new Map<string, Set<string>>();
  for (const f of files.filter((x) => /\.(js|html|css)$/.test(x))) {
    let text = fs.readFileSync(f, "utf8");
    if (f.endsWith(".html")) text = stripCsp(text); // the CSP's host sources are checked below
    for (const u of urlsIn(text)) {
      if (!seen.has(u)) seen.set(u, new Set());
      seen.get(u)!.add(rel(f));
    }
  }
  for (const [u, where] of seen) {
    const at = [...where].join(", ");
    if (u.startsWith(OFFICE_CDN)) ok(`${u} (${at}): Office's script`);
    else if (ALLOWED_STRINGS[u]) ok(`${u} (${at}): allowed, ${ALLOWED_STRINGS[u]}`);
    else fail(`${at}: URL ${u} points outside ${OFFICE_CDN}`);
  }
  if (![...seen.keys()].some((u) => u.startsWith(OFFICE_CDN)))
    fail("no page loads office.js from the Office CDN");

  // 2. CSP
  for (const f of files.filter((x) => x.endsWith(".html"))) {
    const html = fs.readFileSync(f, "utf8");
    const csp = cspOf(html);
    if (!csp) {
      if (rel(f) === "taskpane.html" || /<script/i.test(html))
        fail(`${rel(f)}: no Content-Security-Policy meta`);
      continue;
    }
    auditCsp(rel(f), csp);
    if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) fail(`${rel(f)}: inline <script>`);
  }
  const paneCsp = cspOf(fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8")) ?? "";
  ok(`taskpane.html CSP: ${paneCsp}`);

  // 3. Source maps
  const maps = files.filter((f) => f.endsWith(".map"));
  if (maps.length) fail(`source maps shipped: ${maps.map(rel).join(", ")}`);
  for (const f of files.filter((x) => /\.(js|css)$/.test(x))) {
    if (/[#@]\s*sourceMappingURL=/.test(fs.readFileSync(f, "utf8")))
      fail(`${rel(f)}: sourceMappingURL comment`);
  }
  if (!maps.length) ok("no .map files, no sourceMappingURL comments");

  // 4. eval / new Function. A chunk holding any module of ours (src/) counts as ours, even if mixed.
  const origins = JSON.parse(fs.readFileSync(CHUNKS, "utf8")) as Record<
    string,
    { own: number; vendor: number; runtime: boolean }
  >;
  for (const f of files.filter((x) => x.endsWith(".js"))) {
    const text = fs.readFileSync(f, "utf8");
    const evals = [...text.matchAll(/(?<![\w$.])eval\s*\(/g)].length;
    const fns = [...text.matchAll(/\bnew\s+Function\s*\(/g)].length;
    const name = rel(f);
    const origin = origins[name];
    if (!origin) {
      fail(`${name}: not in ${path.relative(ROOT, CHUNKS)} (stale build?)`);
      continue;
    }
    const own = origin.own > 0;
    if (own && (evals || fns))
      fail(`${name}: ${evals} eval( and ${fns} new Function( in the add-in's own chunk`);
    else if (evals) fail(`${name} (vendor): ${evals} eval(`);
    else {
      const kind = own
        ? `own: ${origin.own} modules${origin.vendor ? ` + ${origin.vendor} vendor` : ""}`
        : `vendor: ${origin.vendor} modules`;
      console.log(
        `  ${fns ? "!" : "✓"} ${name} (${kind}${origin.runtime ? ", webpack runtime" : ""}): no eval(${fns ? `; ${fns} new Function( (reported, not failed)` : ", no new Function("}`
      );
    }
  }

  // 5. Manifest permissions
  const manifest = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
  const perms = [...manifest.matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g)].map(
    (m) => m[1]
  );
  if (perms.length !== 1 || perms[0] !== "ReadWriteDocument")
    fail(
      `manifest.xml asks for ${perms.join(", ") || "no permission"}, not ReadWriteDocument alone`
    );
  else ok("manifest.xml: ReadWriteDocument only");

  if (failures.length) {
    console.error(`bundle audit failed:\n${failures.map((f) => `  ✗ ${f}`).join("\n")}`);
    process.exit(1);
  }
  console.log("bundle audit passed");
}

main();
