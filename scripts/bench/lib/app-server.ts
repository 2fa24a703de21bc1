/**
 * The production server of a built snapshot on loopback, started as npm start serves it
 * (scripts/serve.mjs: worker processes unless `workers` is 1), on a throw-away database in a temp
 * folder (never the real one), seeded by the caller; stopped and deleted at exit.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type App = { url: string; dir: string; databaseUrl: string; pid: number; stop(): void; log(): string };

/**
 * `data`: the folder for the database (default: a new temp folder, deleted at stop); `env`: extra server
 * variables; `readyPath`: the page that answers below 500 once the server is up (default /login).
 */
type Options = { workers?: number; data?: string; env?: Record<string, string>; readyPath?: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      // 503: up, and telling that its database is unavailable (what a fault test starts with).
      const { status } = await fetch(url, { redirect: "manual" });
      if (status < 500 || status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Migrates a fresh database, lets `seed` fill it, then serves the build with `next start`. */
export async function startApp(dir: string, seed: (databaseUrl: string) => Promise<void>, options: Options = {}): Promise<App> {
  const data = options.data ?? fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-data-"));
  const databaseUrl = `file:${path.join(data, "bench.db")}`;
  let child: ChildProcess | undefined;
  const stop = () => {
    if (child && child.exitCode === null) child.kill("SIGINT");
    if (!options.data) fs.rmSync(data, { recursive: true, force: true });
  };
  process.once("exit", stop);
  try {
    const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
    const migrate = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], { cwd: dir, env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed: ${migrate.stdout}${migrate.stderr}`);
    await seed(databaseUrl);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean), "scripts/serve.mjs", "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: dir,
      env: {
        ...env, NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(32).toString("base64url"), NEXTAUTH_URL: url,
        ...(options.workers ? { PORTCULLIS_WORKERS: String(options.workers) } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The server's last lines (both streams), for a test to wait on or a failing one to show.
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      tail.push(chunk.toString());
      tail.splice(0, Math.max(0, tail.length - 200));
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    await waitFor(`${url}${options.readyPath ?? "/login"}`, child, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}; the server said:\n${tail.join("").slice(-3000)}`);
    });
    return { url, dir, databaseUrl, pid: child.pid ?? 0, stop, log: () => tail.join("") };
  } catch (error) {
    stop();
    throw error;
  }
}
