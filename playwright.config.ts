import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/support/chromium";
import { e2eServerEnv } from "./e2e/support/server-env";

const { dir, port, secret } = e2eServerEnv();
const baseURL = `http://localhost:${port}`;
const executablePath = findChromium();

if (!fs.existsSync(path.join(__dirname, ".next", "BUILD_ID"))) {
  throw new Error("No production build found: run `npm run build` first (`npm test` does it for you).");
}

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/e2e",
  // One SQLite database shared by every test: run them one after another, in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  projects: [
    // First-run setup must happen before anything else; it also signs in and saves the session.
    { name: "setup", testMatch: /.*\.setup\.ts/ },
    {
      name: "app",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: path.join(__dirname, "test-results", ".auth", "admin.json") },
    },
  ],
  webServer: {
    // The production build on a fresh database: migrations first, then the server as npm start runs
    // it (scripts/serve.mjs), always with two worker processes so every test also proves that
    // several processes share the database safely.
    command: `node node_modules/prisma/build/index.js migrate deploy && node scripts/serve.mjs start -p ${port}`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: `file:${path.join(dir, "portcullis.db")}`,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      PORTCULLIS_WORKERS: "2",
      // The tests play clients behind one reverse proxy, so X-Forwarded-For lets them act as other addresses.
      PORTCULLIS_PROXY_HOPS: "1",
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(__dirname, "scripts", "lib", "socket-address.mjs")).href}`.trim(),
    },
  },
});
