/**
 * The one-file command line: dist-cli/indicator-scorer.cjs, the whole of src/cli (engine, .xlsx reader and
 * writer, numfmt) bundled by esbuild, which runs with plain `node` 20+ in a folder with no node_modules.
 * Beside it, 评分.cmd (from bin/): drop a workbook or a folder onto it on Windows to score it.
 *
 * Run by `npm run build:cli`, after tsc has compiled lib/ (the package's own bin).
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(ROOT, "dist-cli");
const OUT_FILE = path.join(OUT_DIR, "indicator-scorer.cjs");
const CMD_FILES = ["评分.cmd"];

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/**
 * numfmt 4.0.x names dist/index.cjs as its CommonJS entry, a file the package does not ship (see
 * src/xlsx/display-text.ts, which falls back to dist/index.js by path at run time). A bundle has no
 * node_modules to fall back to, so `require("numfmt")` is resolved here, at build time, to that file.
 */
const numfmtPlugin = {
  name: "numfmt-cjs",
  setup(build) {
    build.onResolve({ filter: /^numfmt$/ }, () => {
      const file = path.join(ROOT, "node_modules", "numfmt", "dist", "index.js");
      if (!fs.existsSync(file))
        throw new Error(`numfmt's CommonJS build is not at ${file} (npm ci?)`);
      return { path: file };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [path.join(ROOT, "src", "cli", "main.ts")],
  outfile: OUT_FILE,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // Readable, so IT can read what it runs; licences of bundled packages kept at the end of the file.
  minify: false,
  legalComments: "eof",
  banner: {
    js: `#!/usr/bin/env node\n// indicator-scorer ${pkg.version} (绩效自评助手), one-file build: \`node indicator-scorer.cjs --help\`.`,
  },
  define: {
    // src/cli/pool.ts forks this file itself for its workers; src/cli/run.ts prints this version.
    INDICATOR_SCORER_BUNDLE: "true",
    INDICATOR_SCORER_VERSION: JSON.stringify(pkg.version),
  },
  plugins: [numfmtPlugin],
  logLevel: "silent",
  metafile: true,
});

// esbuild warns about display-text.ts's by-path fallback (a require it cannot follow, never reached once
// numfmt is resolved above) and main.ts's `require.main === module` (meant: this file is the entry). Any
// other warning is printed.
const expected = (w) =>
  /display-text\.ts$/.test(w.location?.file ?? "") ||
  (/main\.ts$/.test(w.location?.file ?? "") && /"module"|"require"/.test(w.text));
for (const w of result.warnings.filter((w) => !expected(w)))
  console.warn(
    `build-cli: warning: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ""}`
  );

const bundled = Object.keys(result.metafile.inputs);
if (!bundled.some((f) => /node_modules[\\/]numfmt[\\/]/.test(f)))
  throw new Error("build-cli: numfmt is not in the bundle");
const external = Object.values(result.metafile.outputs)
  .flatMap((o) => o.imports)
  .filter((i) => i.external && !builtinModules.includes(i.path.replace(/^node:/, "")));
if (external.length)
  throw new Error(
    `build-cli: the bundle would need ${external.map((i) => i.path).join(", ")} at run time`
  );

fs.chmodSync(OUT_FILE, 0o755);
for (const name of CMD_FILES) {
  // Windows batch files want CRLF line ends, whatever git checked out.
  const text = fs.readFileSync(path.join(ROOT, "bin", name), "utf8").replace(/\r?\n/g, "\r\n");
  fs.writeFileSync(path.join(OUT_DIR, name), text);
}
const kb = Math.round(fs.statSync(OUT_FILE).size / 1024);
console.log(
  `build-cli: ${path.relative(ROOT, OUT_FILE)} (${kb} KB, ${bundled.length} modules) and ${CMD_FILES.join(", ")}`
);
