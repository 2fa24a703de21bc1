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

export type App = { url: string; dir: string; databaseUrl: string; stop(): void };

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
      if ((await fetch(url, { redirect: "manual" })).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Migrates a fresh database, lets `seed` fill it, then serves the build with `next start`. */
export async function startApp(dir: string, seed: (databaseUrl: string) => Promise<void>, options: { workers?: number } = {}): Promise<App> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-data-"));
  const databaseUrl = `file:${path.join(data, "bench.db")}`;
  let child: ChildProcess | undefined;
  const stop = () => {
    if (child && child.exitCode === null) child.kill("SIGINT");
    fs.rmSync(data, { recursive: true, force: true });
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
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    await waitFor(`${url}/login`, child, 60_000);
    return { url, dir, databaseUrl, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
