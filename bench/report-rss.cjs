// Preloaded into a benchmarked process (node -r): records its peak resident set size on exit.
"use strict";
const fs = require("fs");
process.on("exit", () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS)); // KiB
});
