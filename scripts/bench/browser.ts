/**
 * Part 4: the port matrix page in Chromium (Playwright) on the production snapshot. Ticking
 * "FTP 21/tcp enabled" must add (and unticking remove) the plaintext finding in the live warnings
 * panel: the time from the click to the next frame after the panel changed, taken in the page
 * with performance.now(). Also the JavaScript the page loads, gzipped, summed over its scripts.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { prepareApp } from "./lib/app-build";
import { startApp } from "./lib/app-server";
import { BENCH_USER, FULL_PROFILE_ID, seedApp } from "./lib/app-seed";
import { figure, percentile, type Figure } from "./lib/figures";
import { login } from "./lib/login";

const PART = "4 browser";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const BOX = "FTP 21/tcp enabled";
const FINDING = "plaintext:ftp";

/**
 * One tick in the page: click, then resolve on the first frame after the finding appeared (or
 * left). No named inner functions: tsx would wrap them in a helper the page does not have.
 */
function tick(page: Page, present: boolean): Promise<number> {
  return page.getByLabel(BOX, { exact: true }).evaluate(
    (box, arg) =>
      new Promise<number>((resolve, reject) => {
        const panel = document.querySelector('aside[aria-label="Live warnings"]');
        if (!panel) return reject(new Error("no live warnings panel"));
        const timer = setTimeout(() => reject(new Error("the panel did not change within 5 s")), 5000);
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if ((panel.querySelector(`[data-warning-id="${arg.finding}"]`) !== null) !== arg.present) return;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve(performance.now() - start));
        });
        observer.observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
        (box as HTMLInputElement).click();
      }),
    { finding: FINDING, present },
  );
}

export async function benchBrowser(options: { runs: number }): Promise<Figure[]> {
  const dir = prepareApp((line) => process.stdout.write(`\n  ${line}`));
  const app = await startApp(dir, (url) => seedApp(dir, url, 20));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const cookie = await login(app.url, BENCH_USER.email, BENCH_USER.password);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(cookie.split("; ").map((c) => {
      const [name = "", ...rest] = c.split("=");
      return { name, value: rest.join("="), url: app.url };
    }));
    const page = await context.newPage();
    const scripts = new Map<string, number>();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      const body = await response.body().catch(() => null);
      if (body) scripts.set(response.url(), gzipSync(body).length);
    });
    await page.goto(`${app.url}/servers/${FULL_PROFILE_ID}/matrix`, { waitUntil: "load", timeout: 120_000 });
    await page.getByTestId("save-state").and(page.locator("[data-ready=\"true\"]")).waitFor({ timeout: 60_000 });
    const initiallyOn = await page.getByLabel(BOX, { exact: true }).isChecked();
    const on: number[] = [];
    const off: number[] = [];
    const ticks = Math.max(10, options.runs * 4);
    for (let i = 0; i < ticks; i++) {
      const present = (i % 2 === 0) !== initiallyOn;
      (present ? on : off).push(await tick(page, present));
    }
    await page.waitForTimeout(1000); // late chunks (prefetches) land in the script sizes too
    const kb = [...scripts.values()].reduce((n, b) => n + b, 0) / 1024;
    const all = [...on, ...off];
    return [
      figure(PART, "matrix: tick → warnings panel updated (next frame)", "ms", all, {
        target: { op: "<", value: 50 },
        note: `${all.length} ticks of "${BOX}" on the full cPanel profile; p95 ${percentile(all, 95).toFixed(1)} ms; finding appears median ${percentile(on, 50).toFixed(1)} ms, disappears ${percentile(off, 50).toFixed(1)} ms`,
      }),
      figure(PART, "matrix page: JavaScript loaded, gzipped", "KB", [kb], { target: { op: "<", value: 250 }, note: `${scripts.size} scripts, gzip level 6 of each response body` }),
    ];
  } finally {
    await browser.close();
    app.stop();
  }
}
