/**
 * `npm run dev` signs people in: it runs `next dev` on the same data folder and generated auth
 * secret as `npm start`, so the session next-auth signs is one the proxy and getUser read.
 * Starts the real dev server (scripts/dev.ts) on a throw-away data folder and signs in through
 * the real setup and login pages. A dev compile is slow on a busy machine: the waits are long,
 * but each one waits for a state (the server's "Ready" line, a page), never for a fixed time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/fixtures";

const STARTUP_MS = 240_000;
const PAGE_MS = 180_000;

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial", timeout: STARTUP_MS + 4 * PAGE_MS });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-dev-"));
let port = 0;
let baseURL = "";
let server: ChildProcess | undefined;
let output = "";

/** A port the OS says is free right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

/** Resolves once `next dev` prints that it is ready; rejects if the process ends first. */
function startDevServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "portcullis.db")}`, PORT: String(port) };
  // What a developer's shell has: no secret, no URL, no NODE_ENV.
  for (const name of ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "NODE_ENV", "PORTCULLIS_WORKERS"]) delete env[name];
  server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/dev.ts"], { cwd: path.join(__dirname, ".."), env, detached: true });
  return new Promise((resolve, reject) => {
    for (const stream of [server!.stdout!, server!.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        output += `${line}\n`;
        if (/Ready in/.test(line)) resolve();
      });
    }
    server!.on("exit", (code) => reject(new Error(`npm run dev exited (${code}) before it was ready:\n${output}`)));
  });
}

test.beforeAll(async () => {
  port = await freePort();
  baseURL = `http://localhost:${port}`;
  await startDevServer();
});

test.afterAll(() => {
  // The dev server's own processes share its process group.
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("npm run dev uses the data folder and secret npm start makes, and a sign-in reaches /servers", async ({ page }) => {
  expect(output).toContain(`Database: ${path.join(dir, "portcullis.db")}`);
  expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);

  await page.goto(`${baseURL}/servers`, { timeout: PAGE_MS });
  await expect(page).toHaveURL(/\/setup$/, { timeout: PAGE_MS });
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/login\?setup=done/, { timeout: PAGE_MS });

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/servers$/, { timeout: PAGE_MS });
  await expect(page.getByRole("heading", { name: "No servers yet" })).toBeVisible({ timeout: PAGE_MS });
  await expect(page.getByLabel("Signed in user")).toContainText(ADMIN.name);
});
