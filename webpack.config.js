/* eslint-disable no-undef */
/**
 * Two entries, as in `yo office` React TypeScript projects: the task pane and the ribbon commands
 * (plus the commands' notice dialog). office.js is never bundled: the HTML pages load it from the CDN.
 * Certificates (office-addin-dev-certs) are only asked for by `webpack serve`, so `npm run build` works
 * on a machine without them.
 *
 * Building for a server (docs/deploy.zh.md):
 *   ADDIN_URL=https://host/path  dist/manifest.xml names that address instead of https://localhost:3000
 *                                (manifest.xml itself, the development manifest, is left as it is);
 *   OFFICE_JS=local              the pages load office.js from dist/office-js/ (a copy of the pinned
 *                                @microsoft/office-js package) instead of Microsoft's CDN, for networks
 *                                without internet access; its updates are then the host's to make.
 * `--output-path <dir>` builds elsewhere than dist/ (test/deploy does).
 */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { guidePage } = require("./scripts/guide-html");

const PORT = 3000;
const DEV_ORIGIN = `https://localhost:${PORT}`;
const DIST = path.resolve(__dirname, "dist");

/** Where the pages load Office's script from by default, and the origin their CSP allows scripts from. */
const OFFICE_CDN_SCRIPT = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_CDN_ORIGIN = "https://appsforoffice.microsoft.com";
/** OFFICE_JS=local: the folder of dist/ holding the copy, and what is copied from the package's dist/. */
const LOCAL_OFFICE_DIR = "office-js";
const OFFICE_JS_PACKAGE = "@microsoft/office-js";
// The manifest's only host is Workbook: other hosts' scripts, debug builds and IntelliSense files are never
// loaded (about 70 MB of the package's 86).
const LOCAL_OFFICE_IGNORE = [
  "**/*.debug.js",
  "**/*-vsdoc.js",
  "**/*.d.ts",
  ...["access", "onenote", "outlook", "powerpoint", "project", "word"].map((h) => `**/${h}*.js`),
];

/**
 * The address the add-in is served from, from ADDIN_URL: an https URL without query or fragment, with no
 * trailing slash. Undefined when ADDIN_URL is unset or empty (the development address stays).
 */
function addinUrl(raw) {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = raw.trim().replace(/\/+$/, "");
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must be https:// (Office loads add-ins only over HTTPS): ${raw}`);
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`ADDIN_URL must be a plain address, without query, fragment or credentials: ${raw}`);
  if (/["'<>&\s]/.test(value)) throw new Error(`ADDIN_URL holds a character the manifest cannot take: ${raw}`);
  if (/localhost/i.test(value)) throw new Error(`ADDIN_URL names localhost; leave it unset for development: ${raw}`);
  return value;
}

/** The manifest for `url`: every development address replaced, and nothing naming localhost left. */
function manifestFor(xml, url) {
  if (!url) return xml;
  const out = xml.split(DEV_ORIGIN).join(url);
  if (/localhost/i.test(out)) throw new Error("manifest.xml names localhost other than as https://localhost:3000");
  return out;
}

/**
 * A built page with office.js from dist/office-js/: the CDN script tag repointed and the CDN origin taken
 * out of script-src. Fails if a page that loads office.js does not load it as expected (a changed template).
 */
function pageWithLocalOffice(html, name) {
  if (!html.includes(OFFICE_CDN_SCRIPT)) {
    if (/office\.js/.test(html)) throw new Error(`${name}: loads office.js from somewhere unexpected`);
    return html;
  }
  const out = html
    .replace(/(\bsrc=["']?)https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/g, `$1${LOCAL_OFFICE_DIR}/office.js`)
    .replace(/(script-src[^;"]*?) https:\/\/appsforoffice\.microsoft\.com/g, "$1");
  if (out.includes(OFFICE_CDN_ORIGIN)) throw new Error(`${name}: still names ${OFFICE_CDN_ORIGIN}`);
  return out;
}

/** OFFICE_JS=local: rewrites the pages HtmlWebpackPlugin emits (the templates stay as they are). */
class LocalOfficeJsPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap("LocalOfficeJsPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap("LocalOfficeJsPlugin", (data) => {
        data.html = pageWithLocalOffice(data.html, data.outputName);
        return data;
      });
    });
  }
}

/** The folder of the pinned @microsoft/office-js package's scripts (OFFICE_JS=local). */
function officeJsDist() {
  let pkg;
  try {
    pkg = require.resolve(`${OFFICE_JS_PACKAGE}/package.json`);
  } catch {
    throw new Error(`OFFICE_JS=local needs the ${OFFICE_JS_PACKAGE} package (npm ci)`);
  }
  return path.join(path.dirname(pkg), "dist");
}

/**
 * Writes test-output/bundle-chunks.json after a production build: for each emitted .js file, how many of
 * its modules are the add-in's own (src/) and how many come from node_modules. The bundle audit
 * (test/e2e/bundle-audit.ts) uses it to tell our chunks from vendor chunks. Nothing is added to dist/.
 */
class ChunkOriginsPlugin {
  apply(compiler) {
    compiler.hooks.done.tap("ChunkOriginsPlugin", (stats) => {
      const { compilation } = stats;
      const out = {};
      for (const chunk of compilation.chunks) {
        let own = 0;
        let vendor = 0;
        const count = (m) => {
          if (m.modules) return m.modules.forEach(count); // concatenated modules
          const r = m.resource || "";
          if (!r) return;
          if (/[\\/]node_modules[\\/]/.test(r)) vendor++;
          else own++;
        };
        for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) count(m);
        for (const f of chunk.files) if (f.endsWith(".js")) out[f] = { own, vendor, runtime: chunk.hasRuntime() };
      }
      // Only for dist/, which the audit reads: a build elsewhere (--output-path) leaves the record alone.
      if (path.resolve(compilation.outputOptions.path) !== DIST) return;
      const dir = path.resolve(__dirname, "test-output");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "bundle-chunks.json"), JSON.stringify(out, null, 2));
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = !!(env && env.WEBPACK_SERVE);
  const url = addinUrl(process.env.ADDIN_URL);
  const officeJs = (process.env.OFFICE_JS || "cdn").trim().toLowerCase();
  if (officeJs !== "cdn" && officeJs !== "local") throw new Error(`OFFICE_JS must be "cdn" (the default) or "local", not ${process.env.OFFICE_JS}`);
  const localOffice = officeJs === "local";
  // The dev server's hot-reload socket is allowed by the pane's CSP in development builds for localhost only.
  const devConnectSrc = dev && !url ? ` wss://localhost:${PORT}` : "";
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      notice: "./src/commands/notice.ts",
    },
    output: {
      path: DIST,
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].chunk.js" : "[name].[contenthash:8].chunk.js",
      // Chunks sit beside the pages that load them. An explicit public path also spares the runtime its
      // "auto" detection, which needs webpack's global-object shim.
      publicPath: "",
      clean: true,
    },
    // No `global` shim: it is `new Function("return this")()`, which a CSP without 'unsafe-eval' forbids.
    // Browsers have globalThis/window; the one library mentioning `global` (Griffel) only reaches it
    // when `window` is undefined.
    node: { global: false },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules for webpack: tree-shaking and import() code-splitting (tsconfig says CommonJS for Node).
            options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "node", sourceMap: dev } },
          },
        },
      ],
    },
    optimization: {
      splitChunks: { chunks: "all", cacheGroups: { vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial" } } },
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], devConnectSrc }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "notice.html", template: "./src/commands/notice.html", chunks: ["notice"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content.toString("utf8"), url) },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/help.html", to: "help.html" },
          // The clerks' guide beside the help page that links to it (no GitHub needed on an intranet).
          { from: "docs/guide.zh.md", to: "guide.html", transform: (content) => guidePage(content.toString("utf8")) },
          { from: "docs/guide/*.png", to: "guide/[name][ext]", noErrorOnMissing: true }, // made by the e2e (GUIDE_SHOTS=1)
          ...(localOffice ? [{ from: "**/*", context: officeJsDist(), to: `${LOCAL_OFFICE_DIR}/`, globOptions: { ignore: LOCAL_OFFICE_IGNORE } }] : []),
        ],
      }),
      ...(localOffice ? [new LocalOfficeJsPlugin()] : []),
      ...(dev ? [] : [new ChunkOriginsPlugin()]),
    ],
  };
  if (serving) {
    const devCerts = require("office-addin-dev-certs");
    config.devServer = {
      hot: true,
      port: PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devCerts.getHttpsServerOptions() },
      static: { directory: path.resolve(__dirname, "dist") },
    };
  }
  return config;
};

// For test/deploy: the address and page rules above, without a build.
module.exports.addinUrl = addinUrl;
module.exports.manifestFor = manifestFor;
module.exports.pageWithLocalOffice = pageWithLocalOffice;
