import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import {
  createProfile, expectReadableFault, expectStored, expectTwentyWrites, isAlive, mount, mountUnavailableReason,
  signIn, signInError, startFaultServer, stopFaultServer, tempDir, type FaultServer,
} from "./support/fault-server";

// Database faults against the production server (two workers) on its own database, each proving
// that no worker hangs: the fault is answered 503 with a readable sentence, and once it clears
// every write succeeds again without a restart (issue 12). Before the fix the worker whose BEGIN
// failed kept the adapter's lock and never answered a write again.
const BUSY_TIMEOUT_MS = 5000;

test.describe.configure({ mode: "serial", timeout: 240_000 });

const mountSkip = mountUnavailableReason();
function requireMount() {
  // Locally without root these are skipped with the reason; CI runs as root, where skipping is a failure.
  if (mountSkip && process.env.CI) throw new Error(`CI must run the mount-based fault tests: ${mountSkip}`);
  test.skip(!!mountSkip, mountSkip ?? "");
}

test("another process holds the write lock for twice the busy timeout during a burst of saves", async () => {
  const app = await startFaultServer(tempDir());
  try {
    expect((await createProfile(app)).status).toBe(201);
    const other = new Database(app.file);
    other.exec("BEGIN IMMEDIATE");
    const released = new Promise<void>((resolve) => setTimeout(() => {
      other.exec("ROLLBACK");
      other.close();
      resolve();
    }, 2 * BUSY_TIMEOUT_MS));
    const burst = await Promise.all(Array.from({ length: 20 }, () => createProfile(app)));
    await released;
    expect(burst.filter((r) => r.status === null), "requests without an answer").toEqual([]);
    const refused = burst.filter((r) => r.status !== 201);
    expect(refused.length, "the lock outlasted the busy timeout, so saves were refused").toBeGreaterThan(0);
    for (const r of refused) expectReadableFault(r);
    await expectTwentyWrites(app);
    await expectStored(app, burst.filter((r) => r.status === 201).map((r) => r.name));
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  } finally {
    await stopFaultServer(app);
  }
});

test("the database on a full disk (a small tmpfs), then space freed", async () => {
  requireMount();
  const dir = tempDir();
  mount(["-t", "tmpfs", "-o", "size=6m", "tmpfs", dir]);
  let app: FaultServer | undefined;
  try {
    app = await startFaultServer(dir);
    expect((await createProfile(app)).status).toBe(201);
    // Fill the disk, then save until a save is refused (each fills the log further).
    const filler = path.join(dir, "filler");
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=64k"], { stdio: "ignore" });
    } catch {
      // dd stops with "No space left on device": the point
    }
    const acknowledged: string[] = [];
    let refusal: Awaited<ReturnType<typeof createProfile>> | undefined;
    for (let i = 0; i < 200 && !refusal; i++) {
      const r = await createProfile(app);
      expect(r.status, "a save on a full disk gets an answer").not.toBeNull();
      if (r.status === 201) acknowledged.push(r.name);
      else refusal = r;
    }
    expect(refusal, "the full disk refused a save").toBeDefined();
    if (refusal) expectReadableFault(refusal);
    const health = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
    expect([200, 503]).toContain(health.status);
    fs.rmSync(filler);
    await expectTwentyWrites(app);
    await expectStored(app, acknowledged);
  } finally {
    if (app) await stopFaultServer(app);
    execFileSync("umount", [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the database file read-only, then writable again", async () => {
  requireMount();
  const dir = tempDir();
  mount(["-t", "tmpfs", "-o", "size=64m", "tmpfs", dir]);
  let app: FaultServer | undefined;
  try {
    // A running server's open file keeps writing whatever its mode (and root ignores modes), and
    // Linux refuses to remount a file system read-only while files on it are open for writing; so
    // the file system is read-only when the server opens the database (as after a disk error
    // remounted it), and made writable again under the running server.
    app = await startFaultServer(dir, { signIn: false, beforeStart: () => mount(["-o", "remount,ro", dir]) });
    const health = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, write: "unwritable" });
    // Signing in records the attempt: refused with the sentence in the URL, no driver text.
    const error = await signInError(app);
    expect(error).toMatch(/^The database /);
    expect(error).not.toMatch(/prisma|sqlite|invocation/i);
    mount(["-o", "remount,rw", dir]);
    await signIn(app);
    await expectTwentyWrites(app);
  } finally {
    if (app) await stopFaultServer(app);
    execFileSync("umount", [dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a worker that stops answering its health check is replaced", async () => {
  const app = await startFaultServer(tempDir(), { env: { PORTCULLIS_HEALTH_INTERVAL_MS: "2000" } });
  try {
    const workers = () => fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(app.pid);
      } catch {
        return false;
      }
    });
    await expect.poll(() => workers().length, { timeout: 30_000 }).toBe(2);
    // Both workers answer (health checks count from a worker's first answer): wait until the
    // supervisor has heard from each, as it says in its log.
    for (let i = 0; i < 4; i++) expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const answering = (pid: number) => app.log().includes(`worker ${pid} answers its health checks`);
    await expect.poll(() => workers().every(answering), { timeout: 60_000 }).toBe(true);
    const [hung] = workers();
    process.kill(hung!, "SIGSTOP"); // alive but answering nothing, like a worker stuck on a lock
    await expect.poll(() => isAlive(hung!), { timeout: 60_000 }).toBe(false);
    await expect.poll(() => workers().length, { timeout: 60_000 }).toBe(2);
    await expectTwentyWrites(app);
  } finally {
    await stopFaultServer(app);
  }
});
