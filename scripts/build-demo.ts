/**
 * The demo site: try the add-in without Excel (`npm run build:demo`, `npm run demo:pane`).
 *
 * dist-demo/index.html opens the real task pane — the production build's own scripts from dist/, copied
 * as built — beside a small spreadsheet holding examples/year-end-2025.xlsx (read here with the project's
 * .xlsx reader), over the fake Excel host the tests use (src/demo/host.ts). Office's script is never
 * loaded: the fake host installs `Office` and `Excel` first. Every path is relative and nothing is fetched
 * from anywhere else, so the folder runs from any static file server.
 *
 *   tsx scripts/build-demo.ts [--pane dist] [--out dist-demo]   assemble from a production build
 *   tsx scripts/build-demo.ts --serve [--port 8080]               build if needed, then serve and print the URL
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { build } from "esbuild";
import { readWorkbook } from "../src/xlsx/read-workbook";
import { serve } from "./static-server";

const ROOT = path.join(__dirname, "..");
export const DEMO_DIR = path.join(ROOT, "dist-demo");
const EXAMPLE = path.join(ROOT, "examples", "year-end-2025.xlsx");
/** What the add-in's build holds that the demo has no use for: Excel's manifest, the ribbon's pages. */
const NOT_COPIED = new Set(["manifest.xml", "commands.html", "notice.html", "office-js"]);

/** The pane's own script tags in the built taskpane.html, in order (Office's CDN script left out). */
function paneScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)["']?[^>]*>\s*<\/script>/gi)]
    .map((m) => m[1])
    .filter((src) => !/office\.js$/i.test(src));
  if (!srcs.length)
    throw new Error("taskpane.html loads no script of its own: is it a webpack build?");
  for (const src of srcs)
    if (/^[a-z]+:|^\/\//i.test(src)) throw new Error(`taskpane.html loads ${src} from elsewhere`);
  return srcs;
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function indexHtml(scripts: string[]): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <!-- Everything from this folder: no Office script, no fonts or anything else from the network. -->
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'" />
    <title>绩效自评助手 · 演示 Demo</title>
    <link rel="icon" href="assets/icon-32.png" />
    <link rel="stylesheet" href="taskpane.css" />
    <link rel="stylesheet" href="demo.css" />
    <!-- The fake Excel host first: the pane's scripts (deferred) then find Office and Excel. -->
    <script src="demo-example.js"></script>
    <script src="demo-host.js"></script>
${scripts.map((s) => `    <script defer src="${esc(s)}"></script>`).join("\n")}
  </head>
  <body>
    <header id="demo-bar">
      <strong>绩效自评助手 · 演示</strong>
      <span>不需要 Excel：左边是示例工作簿（year-end-2025.xlsx），右边是真实的任务窗格。点单元格、在编辑栏里改“实际完成值”、按回车，再点“校验”或“一键评分”。改动只在本页，刷新即还原。</span>
      <span class="demo-links"><a href="guide.html" target="_blank">使用指南</a> · <a href="help.html" target="_blank">帮助</a> · <button type="button" id="demo-reset">重新开始</button></span>
    </header>
    <div id="container"></div>
  </body>
</html>
`;
}

const DEMO_CSS = `#demo-bar { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; padding: 6px 10px; background: #217346; color: #fff; font: 13px "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
#demo-bar a { color: #fff; }
#demo-bar button { font: inherit; background: #fff; color: #217346; border: none; padding: 1px 8px; cursor: pointer; }
@media (max-width: 700px) { #demo-bar > span:not(.demo-links) { display: none; } }
`;

function copyTree(from: string, to: string, top = true): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (top && NOT_COPIED.has(e.name)) continue;
    if (e.name.endsWith(".map")) continue;
    const src = path.join(from, e.name);
    if (e.isDirectory()) copyTree(src, path.join(to, e.name), false);
    else fs.copyFileSync(src, path.join(to, e.name));
  }
}

/** Assembles the demo site into `out` from the production build in `pane`; returns `out`. */
export async function buildDemo(opts: { pane?: string; out?: string } = {}): Promise<string> {
  const pane = path.resolve(opts.pane ?? path.join(ROOT, "dist"));
  const out = path.resolve(opts.out ?? DEMO_DIR);
  const paneHtml = path.join(pane, "taskpane.html");
  if (!fs.existsSync(paneHtml))
    throw new Error(`${paneHtml} missing: build the add-in first (npm run build)`);
  const scripts = paneScripts(fs.readFileSync(paneHtml, "utf8"));

  fs.rmSync(out, { recursive: true, force: true });
  copyTree(pane, out);
  fs.rmSync(path.join(out, "taskpane.html")); // index.html is the pane's page here

  const { sheets } = await readWorkbook(EXAMPLE);
  fs.writeFileSync(
    path.join(out, "demo-example.js"),
    `// examples/year-end-2025.xlsx, read by src/xlsx at build time.\nwindow.__GRIDS__ = ${JSON.stringify(sheets)};\n`
  );
  await build({
    entryPoints: [path.join(ROOT, "src", "demo", "host.ts")],
    outfile: path.join(out, "demo-host.js"),
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(out, "demo.css"), DEMO_CSS);
  fs.writeFileSync(path.join(out, "index.html"), indexHtml(scripts));

  // Nothing of the demo's may name Office's script (the pane's pages are left behind for that reason).
  for (const f of fs.readdirSync(out).filter((f) => /\.(html|css)$|^demo-/.test(f)))
    if (/appsforoffice|office\.js/i.test(fs.readFileSync(path.join(out, f), "utf8")))
      throw new Error(`dist-demo/${f} names Office's script`);
  return out;
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!argv.includes("--serve")) {
    const out = await buildDemo({ pane: arg("--pane"), out: arg("--out") });
    console.log(
      `demo site written to ${path.relative(process.cwd(), out) || "."}/ (open index.html through any static server)`
    );
    return;
  }
  const dir = path.resolve(arg("--out") ?? DEMO_DIR);
  if (!fs.existsSync(path.join(dir, "index.html"))) {
    const r = spawnSync("npm", ["run", "build:demo"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const port = Number(arg("--port") ?? process.env.PORT ?? 8080);
  const server = await serve(dir, port);
  const addr = server.address();
  const at = typeof addr === "object" && addr ? addr.port : port;
  const built = fs.statSync(path.join(dir, "index.html")).mtime.toLocaleString();
  console.log(
    `demo: http://127.0.0.1:${at}/  (built ${built}; npm run build:demo rebuilds it; Ctrl+C stops)`
  );
}

if (require.main === module)
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
