/** A static file server for a built folder (the demo site, the real-browser test): GET only, no listing. */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".xml": "application/xml",
};

/** Serves `dir` on `port` (0: a free one) of `host`; "/" answers index.html. */
export function serve(dir: string, port = 0, host = "127.0.0.1"): Promise<http.Server> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let url: string;
    try {
      url = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.endsWith("/")) url += "index.html";
    const file = path.join(root, path.normalize(url).replace(/^([/\\])+/, ""));
    if (
      !file.startsWith(root + path.sep) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    ) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
