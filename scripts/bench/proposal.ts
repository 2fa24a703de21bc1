/**
 * Part 3, proposal: the bundle route as it is beside the proposed per-revision cache with native
 * zlib (scripts/bench/proposals/bundle-route.ts, added to the scratch build only), measured on
 * the same server in alternating runs: the before/after of a change the dashboard would adopt.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareApp } from "./lib/app-build";
import { startApp } from "./lib/app-server";
import { BENCH_USER, FULL_PROFILE_ID, seedApp } from "./lib/app-seed";
import { BENCH_DIR } from "./lib/child";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { login } from "./lib/login";
import { expectOk, load, type Load } from "./web";

const PART = "3 web proposal";
const ROUTE = "app/api/servers/[id]/bundle-proposal/route.ts";

export async function benchProposal(options: { runs: number }): Promise<Figure[]> {
  const overlay = { [ROUTE]: fs.readFileSync(path.join(BENCH_DIR, "proposals", "bundle-route.ts"), "utf8") };
  const dir = prepareApp((line) => process.stdout.write(`\n  ${line}`), overlay);
  const app = await startApp(dir, (url) => seedApp(dir, url, 100));
  try {
    const cookie = await login(app.url, BENCH_USER.email, BENCH_USER.password);
    const urls = { before: `${app.url}/api/servers/${FULL_PROFILE_ID}/bundle`, after: `${app.url}/api/servers/${FULL_PROFILE_ID}/bundle-proposal` };
    const runs: Record<"before" | "after", Load[]> = { before: [], after: [] };
    for (const key of ["before", "after"] as const) {
      await expectOk(urls[key], cookie, "application/zip");
      await load(urls[key], cookie, 20, 2);
    }
    for (let i = 0; i < options.runs; i++) {
      for (const key of i % 2 === 0 ? (["before", "after"] as const) : (["after", "before"] as const)) runs[key].push(await load(urls[key], cookie, 20, 6));
    }
    const p95 = (k: "before" | "after") => runs[k].map((r) => r.p95);
    const rate = (k: "before" | "after") => runs[k].map((r) => r.rate);
    const note = (k: "before" | "after") => `20 connections, p50 ${median(runs[k].map((r) => r.p50)).toFixed(0)} ms`;
    return [
      figure(PART, "bundle route now: p95", "ms", p95("before"), { target: { op: "<", value: 100 }, note: note("before") }),
      figure(PART, "bundle route now: downloads/s", "/s", rate("before"), { target: { op: ">=", value: 300 } }),
      figure(PART, "proposed (cache per revision, native zlib): p95", "ms", p95("after"), { target: { op: "<", value: 100 }, note: note("after") }),
      figure(PART, "proposed: downloads/s", "/s", rate("after"), { target: { op: ">=", value: 300 } }),
      figure(PART, "proposed / now: downloads/s", "×", pairedRatios(rate("after"), rate("before")), { note: "runs alternate on one server" }),
    ];
  } finally {
    app.stop();
  }
}
