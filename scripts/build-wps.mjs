/**
 * The WPS 表格 add-in (WPS 加载项), `npm run build:wps`, into dist-wps/:
 *
 *   jsaddons/publish.xml                       the offline install's list: <jsplugin type="et" url="<folder>"/>
 *   jsaddons/indicator-scorer_<version>/       the add-in folder (no index.html: WPS makes its own)
 *       ribbon.xml  main.js  ribbon.js         the ribbon and its callbacks (window.ribbon)
 *       taskpane.html taskpane.js taskpane.css the pane (src/wps/pane.tsx), relative paths, no Office script
 *       images/*.svg                           the ribbon's icons
 *   online/publish.html  online/jsplugins.xml  the online install (WPS_ADDIN_URL=https://host/path: where the
 *                                              add-in folder is served); without it, publish.html says so
 *
 * esbuild bundles the pane and the ribbon for the browser (numfmt resolved to its CommonJS build as in
 * build-cli.mjs; src/xlsx/display-text.ts's Node-only fallback gets empty `fs`/`path`, never reached).
 * `--out <dir>` builds elsewhere (the build test does).
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const OUT = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, "dist-wps");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const NAME = "indicator-scorer";
const FOLDER = `${NAME}_${pkg.version}`;
const ADDIN = path.join(OUT, "jsaddons", FOLDER);

/** WPS_ADDIN_URL: where IT serves the add-in folder for the online install (http or https, no query). */
function addinUrl(raw) {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = raw.trim().replace(/\/+$/, "");
  const url = new URL(value);
  if (!/^https?:$/.test(url.protocol)) throw new Error(`WPS_ADDIN_URL must be http(s)://: ${raw}`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`WPS_ADDIN_URL must be a plain address: ${raw}`);
  if (/localhost|127\.0\.0\.1/i.test(value))
    throw new Error(`WPS_ADDIN_URL names this machine: ${raw}`);
  if (/["'<>&\s]/.test(value))
    throw new Error(`WPS_ADDIN_URL holds a character XML cannot take: ${raw}`);
  return value;
}
const URL_ONLINE = addinUrl(process.env.WPS_ADDIN_URL);

const numfmtPlugin = {
  name: "numfmt-cjs",
  setup(build) {
    build.onResolve({ filter: /^numfmt$/ }, () => ({
      path: path.join(ROOT, "node_modules", "numfmt", "dist", "index.js"),
    }));
    // display-text.ts imports fs and path for a by-path fallback that a bundle never takes.
    build.onResolve({ filter: /^(fs|path)$/ }, (a) => ({ path: a.path, namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({
      contents: "module.exports = {};",
    }));
  },
};

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(path.join(ADDIN, "images"), { recursive: true });

const common = {
  bundle: true,
  platform: "browser",
  format: "iife",
  // WPS's add-in runtime is Chromium-based; its version differs between WPS releases (not known here).
  target: "es2019",
  minify: true,
  legalComments: "eof",
  define: { "process.env.NODE_ENV": '"production"' },
  plugins: [numfmtPlugin],
  logLevel: "silent",
  metafile: true,
};
const pane = await esbuild.build({
  ...common,
  entryPoints: [path.join(ROOT, "src", "wps", "pane.tsx")],
  outfile: path.join(ADDIN, "taskpane.js"),
  jsx: "automatic",
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(ROOT, "src", "wps", "ribbon-entry.ts")],
  outfile: path.join(ADDIN, "ribbon.js"),
});
if (!Object.keys(pane.metafile.inputs).some((f) => /node_modules[\\/]numfmt[\\/]/.test(f)))
  throw new Error("build-wps: numfmt is not in the pane's bundle");

for (const f of ["ribbon.xml", "main.js", "taskpane.html"])
  fs.copyFileSync(path.join(ROOT, "wps", f), path.join(ADDIN, f));
for (const f of fs.readdirSync(path.join(ROOT, "wps", "images")))
  fs.copyFileSync(path.join(ROOT, "wps", "images", f), path.join(ADDIN, "images", f));
fs.copyFileSync(
  path.join(ROOT, "src", "taskpane", "taskpane.css"),
  path.join(ADDIN, "taskpane.css")
);
// The pane's 帮助 link and the clerks' guide, as the Excel build ships them (no web access needed).
fs.copyFileSync(path.join(ROOT, "src", "taskpane", "help.html"), path.join(ADDIN, "help.html"));
const { guidePage } = createRequire(import.meta.url)("./guide-html.js");
fs.writeFileSync(
  path.join(ADDIN, "guide.html"),
  guidePage(fs.readFileSync(path.join(ROOT, "docs", "guide.zh.md"), "utf8"))
);
fs.mkdirSync(path.join(ADDIN, "guide"), { recursive: true });
for (const f of fs.readdirSync(path.join(ROOT, "docs", "guide")).filter((n) => n.endsWith(".png")))
  fs.copyFileSync(path.join(ROOT, "docs", "guide", f), path.join(ADDIN, "guide", f));

const entry = (url) =>
  `<jsplugins>\n  <jsplugin name="${NAME}" type="et" url="${url}" version="${pkg.version}"/>\n</jsplugins>\n`;
fs.writeFileSync(path.join(OUT, "jsaddons", "publish.xml"), entry(FOLDER));

fs.mkdirSync(path.join(OUT, "online"), { recursive: true });
const page = fs
  .readFileSync(path.join(ROOT, "wps", "publish.html"), "utf8")
  .replaceAll("{{VERSION}}", pkg.version)
  .replaceAll("{{FOLDER}}", FOLDER)
  .replaceAll("{{ENTRY}}", URL_ONLINE ? entry(`${URL_ONLINE}/`).replace(/</g, "&lt;") : "")
  .replaceAll("{{URL}}", URL_ONLINE ?? "");
fs.writeFileSync(path.join(OUT, "online", "publish.html"), page);
if (URL_ONLINE)
  fs.writeFileSync(path.join(OUT, "online", "jsplugins.xml"), entry(`${URL_ONLINE}/`));

if (fs.existsSync(path.join(ADDIN, "index.html")))
  throw new Error("build-wps: the add-in folder must not hold an index.html (WPS makes its own)");
console.log(
  `build-wps: ${path.relative(ROOT, ADDIN)}${URL_ONLINE ? ` (online: ${URL_ONLINE})` : ""}`
);
