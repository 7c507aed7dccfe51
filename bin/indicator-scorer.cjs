#!/usr/bin/env node
"use strict";
// Thin shim: the command line is compiled to lib/ by `npm run build:cli` (tsc -p tsconfig.cli.json).
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]main\.js/.test(String(err.message))) {
    process.stderr.write("indicator-scorer: not built yet; run `npm run build:cli` first\n");
    process.exit(2);
  }
  throw err;
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
