import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { startApp, type App } from "../../scripts/bench/lib/app-server";
import { login } from "../../scripts/bench/lib/login";
import { LOAD_USER } from "../../scripts/loadtest/seed";

const ROOT = path.join(__dirname, "..", "..");
/** Per request: generous, so a slow machine passes; a hung worker never answers at all. */
export const REQUEST_TIMEOUT_MS = 30_000;

export type FaultServer = App & { cookie: string; file: string };

// The load test's seed imports the generated client (ESM TypeScript), which tsx runs and Playwright's loader does not.
async function seed(databaseUrl: string): Promise<void> {
  const script = `import("./scripts/loadtest/seed.ts").then((m) => (m.seedLoadUser ?? m.default.seedLoadUser)(process.cwd(), process.env.DATABASE_URL))`;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "-e", script], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: "pipe" });
}

type StartOptions = { env?: Record<string, string>; beforeStart?: () => void; signIn?: boolean };

/**
 * The production build (scripts/serve.mjs, two workers) on its own database in `data`, signed in
 * unless told not to; `beforeStart` runs after the database is migrated and seeded, before the server starts.
 */
export async function startFaultServer(data: string, { env = {}, beforeStart, signIn = true }: StartOptions = {}): Promise<FaultServer> {
  const app = await startApp(ROOT, async (url) => {
    await seed(url);
    beforeStart?.();
  }, { workers: 2, data, env, readyPath: signIn ? "/login" : "/api/health" });
  const cookie = signIn ? await login(app.url, LOAD_USER.email, LOAD_USER.password) : "";
  return { ...app, cookie, file: app.databaseUrl.replace(/^file:/, "") };
}

/** Stops the server and waits until its process is gone (so its folder can be unmounted). */
export async function stopFaultServer(app: FaultServer): Promise<void> {
  app.stop();
  await expect.poll(() => isAlive(app.pid), { timeout: 60_000 }).toBe(false);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let counter = 0;

/** One save (a new server profile); `null` status when no answer came within REQUEST_TIMEOUT_MS. */
export async function createProfile(app: FaultServer): Promise<{ status: number | null; name: string; body: string }> {
  const name = `fault-${process.pid}-${++counter}`;
  try {
    const res = await fetch(`${app.url}/api/servers`, {
      method: "POST",
      headers: { cookie: app.cookie, "content-type": "application/json" },
      body: JSON.stringify({ name, os: "debian", panel: "froxlor" }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: res.status, name, body: await res.text() };
  } catch {
    return { status: null, name, body: "" };
  }
}

/** The fault is answered as such: 503 with a sentence for people, no driver or ORM text. */
export function expectReadableFault(result: { status: number | null; body: string }): void {
  expect(result.status).toBe(503);
  const { message } = JSON.parse(result.body) as { message: string };
  expect(message).toMatch(/^The database /);
  expect(result.body).not.toMatch(/prisma|sqlite|invocation/i);
}

/** After a fault clears: 20 writes one after another, each answered 201. */
export async function expectTwentyWrites(app: FaultServer): Promise<string[]> {
  const statuses: (number | null)[] = [];
  for (let i = 0; i < 20; i++) statuses.push((await createProfile(app)).status);
  expect(statuses).toEqual(Array(20).fill(201));
  return statuses.map(String);
}

/** Every acknowledged (201) profile is in the database. */
export async function expectStored(app: FaultServer, names: string[]): Promise<void> {
  const res = await fetch(`${app.url}/api/servers?q=fault-`, { headers: { cookie: app.cookie } });
  const { total } = (await res.json()) as { total: number };
  expect(total).toBeGreaterThanOrEqual(names.length);
  for (const name of names) {
    const found = (await (await fetch(`${app.url}/api/servers?q=${encodeURIComponent(name)}`, { headers: { cookie: app.cookie } })).json()) as { items: { name: string }[] };
    expect(found.items.map((i) => i.name), `acknowledged write ${name}`).toContain(name);
  }
}

/** Signs `app` in (after a fault that kept it from signing in at start). */
export async function signIn(app: FaultServer): Promise<void> {
  app.cookie = await login(app.url, LOAD_USER.email, LOAD_USER.password);
}

/** A sign-in attempt's error as next-auth puts it in the login URL (null: signed in). */
export async function signInError(app: FaultServer): Promise<string | null> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, email: LOAD_USER.email, password: LOAD_USER.password, json: "true" }),
    redirect: "manual",
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const { url } = (await res.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-fault-"));
}

/** Mounting needs root (and CAP_SYS_ADMIN); CI runs as root, so there it is required. */
export function mountUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return "needs root to mount a small tmpfs (CI runs as root)";
  return null;
}

export function mount(args: string[]): void {
  execFileSync("mount", args, { stdio: "pipe" });
}
