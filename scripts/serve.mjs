// Serves the production build: `node scripts/serve.mjs start -p 3000 [-H host]` (the arguments are
// `next start`'s). Node runs a process's JavaScript on one core, so this runs `next start` in
// several worker processes that share the one listening port (node:cluster); SQLite in WAL mode,
// JWT sessions and the database-backed login throttle need no shared memory between them.
//
//   PORTCULLIS_WORKERS   number of worker processes (default: one per core, at most 2; 1 = no cluster)
//
// Each worker is scripts/worker.mjs (Next's handler with a request timeout and a private probe port).
// Every 10 s the supervisor asks each worker for GET /api/health on that port; a worker that gives no
// answer 3 times in a row (hung) once it has answered a first time is killed and, like a worker
// that dies, replaced. A worker answering
// 503 (the database itself is busy or unwritable) is kept: a new one would share the same file.
// If workers keep dying (5 within a minute) the server stops with an error instead of looping.
// SIGINT and SIGTERM stop the workers, then the server.
// Plain JavaScript, run with Node itself: npm start, the e2e tests and the benchmark all use it.
import cluster from "node:cluster";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));
const CRASH_WINDOW_MS = 60_000;
const CRASH_LIMIT = 5;
const HEALTH_INTERVAL_MS = Number(process.env.PORTCULLIS_HEALTH_INTERVAL_MS) || 10_000;
const HEALTH_TIMEOUT_MS = 2 * HEALTH_INTERVAL_MS;
const HEALTH_FAILURES = 3;
/** A worker that has never answered is given this long to start before its silence counts. */
const STARTUP_GRACE_MS = 10 * HEALTH_INTERVAL_MS;

function workerCount() {
  const raw = process.env.PORTCULLIS_WORKERS;
  if (raw === undefined || raw === "") return Math.max(1, Math.min(os.availableParallelism(), 2));
  if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > 64) {
    console.error(`PORTCULLIS_WORKERS must be a whole number from 1 to 64, not "${raw}".`);
    process.exit(2);
  }
  return Number(raw);
}

const args = process.argv.slice(2);
const count = workerCount();
holdPidFile();

if (count === 1) {
  // One process: the worker itself, in this process (no supervisor, so no health checks).
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0));
  await import(WORKER);
} else {
  cluster.setupPrimary({ exec: WORKER, args, execArgv: [] });
  let stopping = false;
  const crashes = [];

  const fork = () => watchHealth(cluster.fork());
  for (let i = 0; i < count; i++) fork();
  console.log(`Portcullis: ${count} worker processes (PORTCULLIS_WORKERS to change).`);

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0] < now - CRASH_WINDOW_MS) crashes.shift();
    console.error(`Portcullis: worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}).`);
    if (crashes.length >= CRASH_LIMIT) {
      console.error(`Portcullis: ${crashes.length} workers stopped within a minute; giving up.`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    // Not once stopping began: a worker forked then would never get the signal.
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000);
  });

  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      stopping = true;
      const live = Object.values(cluster.workers ?? {});
      if (live.length === 0) process.exit(process.exitCode ?? 0);
      for (const w of live) w?.process.kill(sig);
    });
  }
}

/** Asks `worker` for its health on its probe port; kills it after HEALTH_FAILURES unanswered checks. */
function watchHealth(worker) {
  let failures = 0;
  let hasAnswered = false;
  let probedSince = 0;
  let timer;
  const check = async (port) => {
    let answered = false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
      answered = res.status === 200 || res.status === 503;
      if (res.status === 503) console.error(`Portcullis: worker ${worker.process.pid} reports the database unavailable: ${await res.text()}`);
    } catch {
      answered = false;
    }
    if (worker.isDead()) return;
    if (answered && !hasAnswered) {
      hasAnswered = true;
      console.log(`Portcullis: worker ${worker.process.pid} answers its health checks.`);
    }
    // Counted from the first answer on, so a worker still starting up (slow on a busy machine) is not
    // taken for hung; one that never answers at all counts once the start-up grace is over.
    const counting = hasAnswered || Date.now() - probedSince > STARTUP_GRACE_MS;
    failures = answered || !counting ? 0 : failures + 1;
    if (failures >= HEALTH_FAILURES) {
      console.error(`Portcullis: worker ${worker.process.pid} did not answer ${failures} health checks; replacing it.`);
      worker.process.kill("SIGKILL");
      return;
    }
    timer = setTimeout(() => void check(port), HEALTH_INTERVAL_MS);
  };
  worker.on("message", (message) => {
    if (message?.type !== "portcullis:probe" || timer) return;
    probedSince = Date.now();
    timer = setTimeout(() => void check(message.port), HEALTH_INTERVAL_MS);
  });
  worker.on("exit", () => clearTimeout(timer));
  return worker;
}

/**
 * `<database>.server-pid` holds this process's pid while it serves, so `npm run restore` refuses to
 * replace a database in use (scripts/lib/backup.ts, serverPidFile). A file left by a crash names a
 * dead process and is ignored.
 */
function holdPidFile() {
  const url = process.env.DATABASE_URL || "file:./data/portcullis.db";
  const file = `${path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""))}.server-pid`;
  try {
    fs.writeFileSync(file, String(process.pid));
  } catch {
    return; // no data folder yet: nothing to restore into either
  }
  process.on("exit", () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  });
}
