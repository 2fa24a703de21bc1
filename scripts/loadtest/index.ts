// `npm run loadtest [-- --duration 60 --connections 50 --fault-lock 10]`: mixed traffic of a signed-in
// user against the production build of HEAD on loopback, on a throw-away database. In the middle, an
// outside process holds the database's write lock for --fault-lock seconds (0: no fault phase), twice
// the busy timeout: saves then answer 503. Fails on any hang (timeout), other 5xx, or lost write.
import Database from "better-sqlite3";
import { prepareApp } from "../bench/lib/app-build";
import { startApp } from "../bench/lib/app-server";
import { login } from "../bench/lib/login";
import { LOAD_USER, seedLoadUser } from "./seed";
import { runLoop, runRoute, type LoopSpec, type RouteResult, type RouteSpec } from "./traffic";

const PROFILES = 5;

function flag(name: string, fallback: number, min = 1): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return value;
}

/** Holds the write lock from another connection (another process's view) for `holdSeconds`, starting after `afterSeconds`. */
async function holdWriteLock(databaseUrl: string, afterSeconds: number, holdSeconds: number): Promise<void> {
  if (holdSeconds === 0) return;
  await new Promise((r) => setTimeout(r, afterSeconds * 1000));
  const db = new Database(databaseUrl.replace(/^file:/, ""));
  db.exec("BEGIN IMMEDIATE");
  console.log(`Fault phase: write lock held by another process for ${holdSeconds} s.`);
  await new Promise((r) => setTimeout(r, holdSeconds * 1000));
  db.exec("ROLLBACK");
  db.close();
  console.log("Fault phase over: write lock released.");
}

async function api<T>(base: string, cookie: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${path}`, { ...init, headers: { cookie, "content-type": "application/json", ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

type PolicyState = { version: number; policy: unknown };

async function main(): Promise<void> {
  const seconds = flag("duration", 60);
  const connections = flag("connections", 50);
  const faultSeconds = flag("fault-lock", 10, 0);
  if (faultSeconds >= seconds) throw new Error("--fault-lock must be shorter than --duration");
  console.log(`Load test: ${connections} connections for ${seconds} s against the production build of HEAD on loopback.`);
  const dir = prepareApp((line) => console.log(`  ${line}`));
  const app = await startApp(dir, (url) => seedLoadUser(dir, url));
  try {
    const cookie = await login(app.url, LOAD_USER.email, LOAD_USER.password);
    const ids: string[] = [];
    for (let i = 0; i < PROFILES; i++) {
      const created = await api<{ id: string }>(app.url, cookie, "/api/servers", { method: "POST", body: JSON.stringify({ name: `load-${i}`, os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] }) });
      ids.push(created.id);
    }
    const state = new Map<string, PolicyState>();
    for (const id of ids) {
      const { version, document } = await api<{ version: number; document: { policy: unknown } }>(app.url, cookie, `/api/servers/${id}/policy`);
      state.set(id, { version, policy: document.policy });
    }
    const start = new Map([...state].map(([id, s]) => [id, s.version]));
    let turn = 0;
    const pick = () => ids[turn++ % ids.length] ?? "";
    const share = (part: number) => Math.max(1, Math.round((connections * part) / 10));
    let refreshing = false;
    // After a 409 someone else's save won: learn the current versions (one refresh at a time).
    const refresh = () => {
      if (refreshing) return;
      refreshing = true;
      void Promise.all(ids.map(async (id) => {
        const { version } = await api<{ version: number }>(app.url, cookie, `/api/servers/${id}/policy`);
        const s = state.get(id);
        if (s && version > s.version) s.version = version;
      })).catch(() => undefined).finally(() => { refreshing = false; });
    };
    const specs: RouteSpec[] = [
      { name: "GET /servers (list page)", connections: share(3), next: () => ({ path: "/servers" }) },
      { name: "GET /servers/:id/matrix (page)", connections: share(3), next: () => ({ path: `/servers/${pick()}/matrix` }) },
      { name: "GET /api/servers/:id/bundle (ZIP)", connections: share(2), next: () => ({ path: `/api/servers/${pick()}/bundle` }) },
    ];
    const save: LoopSpec = {
      name: "PUT /api/servers/:id/policy (save)", connections: share(2),
      send: async () => {
        const id = pick();
        const s = state.get(id);
        // A save that gets no answer in 60 s counts as a hang (an error), not as a slow request.
        const res = await fetch(`${app.url}/api/servers/${id}/policy`, {
          method: "PUT", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ version: s?.version, policy: s?.policy }),
          signal: AbortSignal.timeout(60_000),
        });
        const body = await res.text();
        if (res.status === 200) {
          const { version } = JSON.parse(body) as { version: number };
          if (s && version > s.version) s.version = version;
        } else if (res.status === 409) {
          refresh();
        }
        return res.status;
      },
    };
    const [results] = await Promise.all([
      Promise.all([...specs.map((spec) => runRoute(app.url, cookie, spec, seconds)), runLoop(save, seconds)]),
      holdWriteLock(app.databaseUrl, (seconds - faultSeconds) / 2, faultSeconds),
    ]);
    await report(app.url, cookie, ids, start, results);
  } finally {
    app.stop();
  }
}

async function report(base: string, cookie: string, ids: string[], start: Map<string, number>, results: RouteResult[]): Promise<void> {
  console.log("\n| Route | Connections | Requests | Requests/s | p50 ms | p95 ms | p99 ms | Statuses |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const r of results) {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(`| ${r.name} | ${r.connections} | ${r.requests} | ${r.perSecond.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${statuses}${r.errors ? `, ${r.errors} errors` : ""} |`);
  }
  const total = results.reduce((n, r) => n + r.perSecond, 0);
  // 503 is the answer to the fault phase (database busy); any other 5xx is a failure.
  const count = (keep: (status: number) => boolean) => results.reduce((n, r) => n + Object.entries(r.statuses).filter(([s]) => keep(Number(s))).reduce((m, [, c]) => m + c, 0), 0);
  const serverErrors = count((s) => s >= 500 && s !== 503);
  const busy = count((s) => s === 503);
  const transportErrors = results.reduce((n, r) => n + r.errors, 0);
  const saves = results.find((r) => r.name.startsWith("PUT"))?.statuses["200"] ?? 0;

  // Lost writes: every 200 to a save must show as one version step and one revision.
  let versionSteps = 0;
  let revisionsAdded = 0;
  for (const id of ids) {
    const { version } = await api<{ version: number }>(base, cookie, `/api/servers/${id}/policy`);
    const { revisions } = await api<{ revisions: unknown[] }>(base, cookie, `/api/servers/${id}/revisions`);
    versionSteps += version - (start.get(id) ?? version);
    revisionsAdded += revisions.length - (start.get(id) ?? 0);
  }
  const lost = saves - versionSteps;
  console.log(`\nTotal ${total.toFixed(1)} requests/s; ${busy} answered 503 (database busy); ${serverErrors} other 5xx; ${transportErrors} errors/timeouts (hangs).`);
  console.log(`Saves answered 200: ${saves}; version steps counted after: ${versionSteps}; revisions added: ${revisionsAdded}; lost writes: ${lost}.`);
  const failed = serverErrors > 0 || transportErrors > 0 || lost !== 0 || revisionsAdded !== saves;
  console.log(failed ? "\nLOAD TEST FAILED" : "\nLoad test passed: no hangs, no 5xx but 503 for the busy database, zero lost writes.");
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
