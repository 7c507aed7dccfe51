/**
 * First render of the built task pane in headless Chromium with the fake host: from navigation start to
 * the first React content (the Validate button), median of several cold page loads. office.js is stubbed.
 */
import path from "path";
import { AddressInfo } from "net";
import { DIST, fakeHostScript, launchChromium, serve } from "../test/e2e/harness";
import { readWorkbook } from "../src/xlsx/read-workbook";

export async function benchPane(runs = 5) {
  const { sheets } = await readWorkbook(
    path.join(__dirname, "..", "examples", "year-end-2025.xlsx")
  );
  const host = await fakeHostScript(sheets);
  const server = await serve(DIST);
  const port = (server.address() as AddressInfo).port;
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext(); // cold cache each time
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
      await page.goto(`http://127.0.0.1:${port}/taskpane.html`, { waitUntil: "commit" });
      await page.getByRole("button", { name: "校验" }).waitFor();
      const ms = await page.evaluate(
        () => (window as unknown as { __firstRender: number }).__firstRender
      );
      if (i > 0) times.push(ms); // the first load warms the browser process, not the page
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  times.sort((a, b) => a - b);
  return {
    firstRenderMs: Math.round(times[Math.floor(times.length / 2)]),
    runs: times.map(Math.round),
  };
}

if (require.main === module) benchPane().then((r) => console.log(r));
