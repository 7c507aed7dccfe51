/* eslint-disable no-undef */
/**
 * Two entries, as in `yo office` React TypeScript projects: the task pane and the ribbon commands
 * (plus the commands' notice dialog). office.js is never bundled: the HTML pages load it from the CDN.
 * Certificates (office-addin-dev-certs) are only asked for by `webpack serve`, so `npm run build` works
 * on a machine without them.
 */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const PORT = 3000;

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
      const dir = path.resolve(__dirname, "test-output");
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "bundle-chunks.json"), JSON.stringify(out, null, 2));
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = !!(env && env.WEBPACK_SERVE);
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      notice: "./src/commands/notice.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
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
      // The dev server's hot-reload socket is allowed by the pane's CSP in development builds only.
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"], devConnectSrc: dev ? ` wss://localhost:${PORT}` : "" }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new HtmlWebpackPlugin({ filename: "notice.html", template: "./src/commands/notice.html", chunks: ["notice"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/taskpane/help.html", to: "help.html" },
        ],
      }),
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
