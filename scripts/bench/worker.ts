/**
 * Child-process side of the in-process measurements. One task per process, so `maxRSS` is the
 * peak of exactly that run. Usage: tsx scripts/bench/worker.ts <task> '<json args>'.
 */
import fs from "node:fs";
import { assessPolicy, BACKENDS, getCatalog, parseProfileDocument, resolvePolicy, type ProfileDocument } from "@/lib/firewall";
import { buildBundle } from "@/lib/firewall/bundle";
import { nodeDeflate } from "@/lib/firewall/bundle/node-deflate";
import { BACKEND_MODULES } from "@/lib/firewall/backends";
import { fullCpanelProfile } from "./lib/profiles";

const META = { generatedAt: "2026-11-22T12:00:00Z", productVersion: "0.1.0-bench", warnings: [] };
const OPTIONS = { generatedAt: META.generatedAt, productVersion: META.productVersion };
const NATIVE = { ...OPTIONS, deflate: nodeDeflate };

const mb = (bytes: number) => bytes / 1048576;
/** Peak resident set size of this process so far, in MB (resourceUsage reports KiB). */
const peakRss = () => process.resourceUsage().maxRSS / 1024;

/** Milliseconds per step of the last renderAll (resolve, then each backend). */
const steps: Record<string, number> = {};

/** Resolve once and render all six backends; returns the total size of the rule files. */
function renderAll(doc: ProfileDocument): number {
  let started = performance.now();
  const ruleSet = resolvePolicy(doc, getCatalog(doc.server.panel));
  steps.resolve = performance.now() - started;
  let bytes = 0;
  for (const backend of BACKENDS) {
    started = performance.now();
    for (const f of BACKEND_MODULES[backend].render(ruleSet, META)) bytes += f.content.length;
    steps[backend] = performance.now() - started;
  }
  return bytes;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** CPU time (user + system, all threads) of one call in ms: unlike wall time, not inflated by a busy machine. */
function cpuTime(fn: () => unknown): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

type Args = { runs?: number; warmup?: number; blocked?: number; file?: string; what?: "render" | "bundle" };

const TASKS: Record<string, (args: Args) => Record<string, number | number[]>> = {
  /** Part 1: the full cPanel profile, warm, many runs in one process (as a route handler would be). */
  generation({ runs = 40, warmup = 5, blocked = 50 }) {
    const doc = fullCpanelProfile(blocked);
    const baseRss = peakRss();
    const cold = time(() => buildBundle(structuredClone(doc), NATIVE));
    const bundle: number[] = [];
    const bundleCpu: number[] = [];
    const fflate: number[] = [];
    const render: number[] = [];
    let zipBytes = 0;
    for (let i = 0; i < warmup + runs; i++) {
      // A fresh copy each time, as each request parses its own: memoised indexes get no free hit.
      const [a, b, c, d] = [structuredClone(doc), structuredClone(doc), structuredClone(doc), structuredClone(doc)];
      const tb = time(() => (zipBytes = buildBundle(a, NATIVE).zip.length));
      const cb = cpuTime(() => buildBundle(d, NATIVE));
      const tf = time(() => buildBundle(b, OPTIONS));
      const tr = time(() => renderAll(c));
      if (i >= warmup) {
        bundle.push(tb);
        bundleCpu.push(cb);
        fflate.push(tf);
        render.push(tr);
      }
    }
    return { cold, bundle, bundleCpu, fflate, render, zipBytes, baseRss, peakRss: peakRss(), heapUsed: mb(process.memoryUsage().heapUsed) };
  },
  /** Part 2: one big profile read from a file, parsed, then rendered (or bundled) once. */
  big({ file = "", what = "render" }) {
    const text = fs.readFileSync(file, "utf8");
    const baseRss = peakRss();
    let doc: ProfileDocument | undefined;
    const parse = time(() => {
      const r = parseProfileDocument(text);
      if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
      doc = r.value;
    });
    const loadedRss = peakRss();
    // The live warnings on this list: the first assessment builds the sorted indexes; a click that
    // leaves the blocked list alone (here: POP3 switched on) reuses them.
    const warningsFirst = time(() => assessPolicy(doc!));
    const pop3 = doc!.policy.services.pop3;
    const clicked = pop3 ? { ...doc!, policy: { ...doc!.policy, services: { ...doc!.policy.services, pop3: { ...pop3, enabled: !pop3.enabled } } } } : doc!;
    const warningsClick = time(() => assessPolicy(clicked));
    let bytes = 0;
    const cpuBefore = process.cpuUsage();
    const ms = time(() => (bytes = what === "render" ? renderAll(doc!) : buildBundle(doc!, NATIVE).zip.length));
    const cpu = process.cpuUsage(cpuBefore);
    return { parse, warningsFirst, warningsClick, ms, cpu: (cpu.user + cpu.system) / 1000, bytes, baseRss, loadedRss, peakRss: peakRss(), ...(what === "render" ? steps : {}) };
  },
};

const [task = "", json = "{}"] = process.argv.slice(2);
const run = TASKS[task];
if (!run) {
  console.error(`unknown task ${task}; one of ${Object.keys(TASKS).join(", ")}`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(run(JSON.parse(json) as Args))}\n`);
