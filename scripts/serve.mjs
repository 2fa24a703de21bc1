// Serves the production build: `node scripts/serve.mjs start -p 3000 [-H host]` (the arguments are
// `next start`'s). Node runs a process's JavaScript on one core, so this runs `next start` in
// several worker processes that share the one listening port (node:cluster); SQLite in WAL mode,
// JWT sessions and the database-backed login throttle need no shared memory between them.
//
//   PORTCULLIS_WORKERS   number of worker processes (default: one per core, at most 2; 1 = no cluster)
//
// A worker that dies is replaced; if workers keep dying (5 within a minute) the server stops with an
// error instead of looping. SIGINT and SIGTERM stop the workers, then the server.
// Plain JavaScript, run with Node itself: npm start, the e2e tests and the benchmark all use it.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import os from "node:os";

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");
const CRASH_WINDOW_MS = 60_000;
const CRASH_LIMIT = 5;

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

if (count === 1) {
  // One process: Next itself, in this process.
  process.argv = [process.argv[0], NEXT_BIN, ...args];
  await import(NEXT_BIN);
} else {
  cluster.setupPrimary({ exec: NEXT_BIN, args, execArgv: [] });
  let stopping = false;
  const crashes = [];

  const fork = () => cluster.fork();
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
    setTimeout(fork, 1000);
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
