/**
 * First render of the built task pane in headless Chromium with the fake host: from navigation start to
 * the first React content (the Validate button), median of several cold page loads. office.js is stubbed.
 *
 * Two page variants are loaded alternately, so that both see the same host state:
 * - the fake host's Office/Excel API alone: the conditions of the template's reference figure (navigation
 *   to first React content, office.js stubbed), and of Excel, which draws its grid in another process;
 * - the same plus the fake host's drawing of the active sheet beside the pane (what the e2e test looks at),
 *   which builds and lays out a table of every used cell on the pane's own main thread.
 */
import path from "path";
import { AddressInfo } from "net";
import type { Browser } from "playwright-core";
import { DIST, fakeHostScript, launchChromium, serve } from "../test/e2e/harness";
import { readWorkbook } from "../src/xlsx/read-workbook";

async function firstRender(browser: Browser, url: string, host: string): Promise<number> {
  const context = await browser.newContext(); // cold cache each time
  try {
    const page = await context.newPage();
    await page.route("https://appsforoffice.microsoft.com/**", (r) =>
      r.fulfill({ status: 200, contentType: "application/javascript", body: "" })
    );
    await page.addInitScript({ content: host });
    // Record the moment React first puts content into the pane's container.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRender?: number };
      new MutationObserver((_m, obs) => {
        const c = document.getElementById("container");
        if (c && c.childElementCount > 0 && w.__firstRender === undefined) {
          w.__firstRender = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url, { waitUntil: "commit" });
    await page.getByRole("button", { name: "校验" }).waitFor();
    return await page.evaluate(
      () => (window as unknown as { __firstRender: number }).__firstRender
    );
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchPane(runs = 5) {
  const { sheets } = await readWorkbook(
    path.join(__dirname, "..", "examples", "year-end-2025.xlsx")
  );
  const apiOnly = await fakeHostScript(sheets, { gridView: false });
  const withGrid = await fakeHostScript(sheets);
  const server = await serve(DIST);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taskpane.html`;
  const browser = await launchChromium();
  const plain: number[] = [];
  const grid: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const a = await firstRender(browser, url, apiOnly);
      const b = await firstRender(browser, url, withGrid);
      // the first pair warms the browser process, not the page
      if (i > 0) {
        plain.push(Math.round(a));
        grid.push(Math.round(b));
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return {
    firstRenderMs: median(plain),
    runs: plain,
    withGridViewMs: median(grid),
    withGridViewRuns: grid,
  };
}

if (require.main === module) benchPane().then((r) => console.log(r));
