import fs from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/**
 * Debian's Chromium when installed (this project's CI), else the one `npx playwright install`
 * downloaded (undefined lets Playwright use it); if neither exists, fail with the fix.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const system = SYSTEM_CHROMIUM.find((p) => fs.existsSync(p));
  if (system) return system;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && fs.existsSync(bundled)) return undefined;
  throw new Error(
    "No Chromium found for the end-to-end tests. On Debian or Ubuntu run `apt-get install chromium` " +
      "(as root); elsewhere run `npx playwright install chromium`. Then run `npm test` again.",
  );
}
