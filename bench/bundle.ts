import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";
import zlib from "zlib";

const ROOT = path.join(__dirname, "..");
const DIST = path.join(ROOT, "dist");

/** The JavaScript the task pane page loads before first render: its <script src> tags (not lazy chunks). */
export function benchBundle(build = true) {
  if (build || !fs.existsSync(path.join(DIST, "taskpane.html"))) {
    const b = spawnSync("npx", ["webpack", "--mode", "production"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (b.status !== 0) throw new Error(`webpack failed: ${b.stderr || b.stdout}`);
  }
  const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2])
    .filter((src) => !/^https?:/.test(src));
  let initialJsBytes = 0;
  let initialJsGzipBytes = 0;
  const files: { file: string; bytes: number; gzipBytes: number }[] = [];
  for (const src of scripts) {
    const data = fs.readFileSync(path.join(DIST, src.replace(/^\.?\//, "")));
    const gz = zlib.gzipSync(data, { level: 9 }).length;
    files.push({ file: src, bytes: data.length, gzipBytes: gz });
    initialJsBytes += data.length;
    initialJsGzipBytes += gz;
  }
  const lazy = fs
    .readdirSync(DIST)
    .filter((f) => f.endsWith(".js") && !scripts.some((s) => s.endsWith(f)))
    .map((f) => ({ file: f, bytes: fs.statSync(path.join(DIST, f)).size }));
  const sourceMaps = fs.readdirSync(DIST).filter((f) => f.endsWith(".map")).length;
  return { initialJsBytes, initialJsGzipBytes, files, lazy, sourceMaps };
}

if (require.main === module)
  console.log(
    JSON.stringify(benchBundle(process.argv.includes("--no-build") ? false : true), null, 2)
  );
