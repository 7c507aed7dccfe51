/** What the real-browser test and the pane benchmark share: a static server, the fake host, Chromium. */
import * as path from "path";
import { build } from "esbuild";
import { Browser, chromium } from "playwright-core";
import { SheetGrid } from "../../src/core/types";
import { serve } from "../../scripts/static-server";

export const DIST = path.join(__dirname, "..", "..", "dist");

export { serve };

/**
 * The fake Office/Excel host (host-entry.ts) as one script holding `sheets`, for page.addInitScript.
 * `gridView: false` leaves out the drawing of the active sheet beside the pane (the e2e test's eyes):
 * in Excel the grid is drawn by another process, not on the pane's main thread.
 */
export async function fakeHostScript(
  sheets: SheetGrid[],
  opts: { gridView?: boolean } = {}
): Promise<string> {
  const bundle = await build({
    entryPoints: [path.join(__dirname, "host-entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
  });
  const flags = opts.gridView === false ? "window.__NO_GRID_VIEW__ = true;\n" : "";
  return `${flags}window.__GRIDS__ = ${JSON.stringify(sheets)};\n${bundle.outputFiles[0].text}`;
}

/** Debian's Chromium: test tools cannot download browsers here, and the background-networking flags keep it off the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
