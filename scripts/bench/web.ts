/**
 * Part 3: the production build under load on loopback (autocannon, bounded in time), served as
 * npm start serves it (scripts/serve.mjs, default worker processes): the bundle
 * download at 20 concurrent connections, and the server list (API and page) with 10,000
 * profiles: first page, and a search with its first page. Signs in through the real login flow.
 */
import os from "node:os";
import autocannon from "autocannon";
import { prepareApp } from "./lib/app-build";
import { startApp } from "./lib/app-server";
import { BENCH_USER, FULL_PROFILE_ID, seedApp } from "./lib/app-seed";
import { figure, median, percentile, type Figure } from "./lib/figures";
import { login } from "./lib/login";

const PART = "3 web";
const PROFILES = 10_000;
/** What scripts/serve.mjs starts by default, as npm start runs it: one worker per core, at most 2. */
const DEFAULT_WORKERS = Math.max(1, Math.min(os.availableParallelism(), 2));

export type Load = { p95: number; p50: number; rate: number; failures: number };

export function load(url: string, cookie: string, connections: number, seconds: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections, duration: seconds, headers: { cookie } }, (error, result) => {
      if (error) return reject(error);
      const elapsed = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
      resolve({ p95: percentile(latencies, 95), p50: percentile(latencies, 50), rate: result["2xx"] / elapsed, failures: result.non2xx + result.errors + result.timeouts });
    });
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

export async function expectOk(url: string, cookie: string, type: string): Promise<void> {
  const r = await fetch(url, { headers: { cookie } });
  if (r.status !== 200 || !(r.headers.get("content-type") ?? "").includes(type)) {
    throw new Error(`${url}: ${r.status} ${r.headers.get("content-type")}: ${(await r.text()).slice(0, 300)}`);
  }
}

type Case = { name: string; path: string; type: string; connections: number; target?: { p95: number; rate?: number } };

const CASES: Case[] = [
  { name: "bundle download (full cPanel profile)", path: `/api/servers/${FULL_PROFILE_ID}/bundle`, type: "application/zip", connections: 20, target: { p95: 100, rate: 300 } },
  { name: "reference: GET /api/auth/session (JWT only)", path: "/api/auth/session", type: "application/json", connections: 20 },
  { name: "GET /api/servers?q=hosting-1 (search, first page)", path: "/api/servers?q=hosting-1&page=1", type: "application/json", connections: 10, target: { p95: 150 } },
  { name: "same search, one client at a time", path: "/api/servers?q=hosting-1&page=1", type: "application/json", connections: 1 },
  { name: "GET /api/servers (first page of 10,001)", path: "/api/servers?page=1", type: "application/json", connections: 10, target: { p95: 150 } },
  { name: "page /servers?q=hosting-1 (HTML)", path: "/servers?q=hosting-1", type: "text/html", connections: 10, target: { p95: 150 } },
];

export async function benchWeb(options: { runs: number }): Promise<Figure[]> {
  const dir = prepareApp((line) => process.stdout.write(`\n  ${line}`));
  const app = await startApp(dir, (url) => seedApp(dir, url, PROFILES));
  try {
    const cookie = await login(app.url, BENCH_USER.email, BENCH_USER.password);
    const figures: Figure[] = [];
    for (const c of CASES) {
      const url = `${app.url}${c.path}`;
      await expectOk(url, cookie, c.type);
      await load(url, cookie, c.connections, 2); // warm-up: compiled routes, caches, JIT
      const runs: Load[] = [];
      for (let i = 0; i < options.runs; i++) runs.push(await load(url, cookie, c.connections, 6));
      const failures = runs.reduce((n, r) => n + r.failures, 0);
      const rate = median(runs.map((r) => r.rate));
      const note = `${DEFAULT_WORKERS} worker process${DEFAULT_WORKERS > 1 ? "es" : ""}, ${c.connections} connection${c.connections > 1 ? "s" : ""}, ${runs.length} × 6 s; p50 ${median(runs.map((r) => r.p50)).toFixed(0)} ms; ${rate.toFixed(0)} responses/s${failures ? `; ${failures} FAILED responses` : ""}`;
      figures.push(figure(PART, `${c.name}: p95`, "ms", runs.map((r) => r.p95), { ...(c.target ? { target: { op: "<", value: c.target.p95 } } : {}), note }));
      if (c.target?.rate) figures.push(figure(PART, `${c.name}: downloads/s`, "/s", runs.map((r) => r.rate), { target: { op: ">=", value: c.target.rate } }));
    }
    return figures;
  } finally {
    app.stop();
  }
}
