/* eslint-disable no-undef */
/**
 * Two entries, as in `yo office` React TypeScript projects: the task pane and the ribbon commands
 * (plus the commands' notice dialog). office.js is never bundled: the HTML pages load it from the CDN.
 * Certificates (office-addin-dev-certs) are only asked for by `webpack serve`, so `npm run build` works
 * on a machine without them.
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const PORT = 3000;

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
      clean: true,
    },
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
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
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
