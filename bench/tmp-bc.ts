import { runBundled } from "/work/main/bench/bundled";
console.log(JSON.stringify(runBundled("/work/main/bench/core.ts")));
