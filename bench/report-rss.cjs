// Preloaded into a benchmarked process (node -r): records its peak resident set size on exit, one line per
// process (the CLI's pool children inherit the preload and the variable, and add their own line).
"use strict";
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`); // KiB
});
