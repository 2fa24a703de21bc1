/**
 * Part 3, workers: the same build served by one process and by two worker processes
 * (PORTCULLIS_WORKERS=1 and 2, scripts/serve.mjs), both seeded alike and measured in alternating
 * runs: the before/after of serving from worker processes.
 */
import { prepareApp } from "./lib/app-build";
import { startApp, type App } from "./lib/app-server";
import { BENCH_USER, FULL_PROFILE_ID, seedApp } from "./lib/app-seed";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { login } from "./lib/login";
import { expectOk, load, type Load } from "./web";

const PART = "3 web workers";
const PROFILES = 10_000;
const MODES = [1, 2] as const;

type Case = { name: string; path: string; type: string; connections: number; target: { p95: number; rate?: number } };

const CASES: Case[] = [
  { name: "bundle download", path: `/api/servers/${FULL_PROFILE_ID}/bundle`, type: "application/zip", connections: 20, target: { p95: 100, rate: 300 } },
  { name: "page /servers?q=hosting-1", path: "/servers?q=hosting-1", type: "text/html", connections: 10, target: { p95: 150 } },
];

export async function benchWorkers(options: { runs: number }): Promise<Figure[]> {
  const dir = prepareApp((line) => process.stdout.write(`\n  ${line}`));
  const apps: App[] = [];
  try {
    for (const workers of MODES) apps.push(await startApp(dir, (url) => seedApp(dir, url, PROFILES), { workers }));
    const cookies = await Promise.all(apps.map((app) => login(app.url, BENCH_USER.email, BENCH_USER.password)));
    const figures: Figure[] = [];
    for (const c of CASES) {
      const runs: Load[][] = MODES.map(() => []);
      for (const [i, app] of apps.entries()) {
        await expectOk(`${app.url}${c.path}`, cookies[i]!, c.type);
        await load(`${app.url}${c.path}`, cookies[i]!, c.connections, 3); // warm-up: every worker compiles and fills its caches
      }
      for (let r = 0; r < options.runs; r++) {
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) runs[i]!.push(await load(`${apps[i]!.url}${c.path}`, cookies[i]!, c.connections, 6));
      }
      for (const [i, workers] of MODES.entries()) {
        const label = workers === 1 ? "one process" : `${workers} worker processes`;
        const note = `${c.connections} connections; p50 ${median(runs[i]!.map((x) => x.p50)).toFixed(0)} ms; ${median(runs[i]!.map((x) => x.rate)).toFixed(0)} responses/s`;
        figures.push(figure(PART, `${c.name}, ${label}: p95`, "ms", runs[i]!.map((x) => x.p95), { target: { op: "<", value: c.target.p95 }, note }));
        figures.push(figure(PART, `${c.name}, ${label}: responses/s`, "/s", runs[i]!.map((x) => x.rate), c.target.rate ? { target: { op: ">=", value: c.target.rate } } : {}));
      }
      figures.push(figure(PART, `${c.name}: 2 workers / one process, responses/s`, "×", pairedRatios(runs[1]!.map((x) => x.rate), runs[0]!.map((x) => x.rate)), { note: "runs alternate between the two servers" }));
    }
    return figures;
  } finally {
    for (const app of apps) app.stop();
  }
}
