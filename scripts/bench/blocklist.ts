/**
 * Part 2a: a profile with 100,000 blocked entries, rendered for every backend (and, for context,
 * bundled) in a fresh child process per run, so the peak RSS is that run's own.
 */
import fs from "node:fs";
import { figure, median, type Figure } from "./lib/figures";
import { runWorker } from "./lib/child";
import { serializeProfileDocument } from "@/lib/firewall";
import { fullCpanelProfile } from "./lib/profiles";
import { scratchDir } from "./lib/scratch";

const PART = "2 blocklist";

/** The big profile as the JSON text a route handler or the CLI would read. */
export function writeBigProfile(count: number): string {
  const file = `${scratchDir()}/big-${count}.json`;
  if (!fs.existsSync(file)) fs.writeFileSync(file, serializeProfileDocument(fullCpanelProfile(count)));
  return file;
}

export async function benchBlocklistRender(options: { runs: number; count: number }): Promise<Figure[]> {
  const file = writeBigProfile(options.count);
  const render: number[] = [];
  const renderCpu: number[] = [];
  const steps: Record<string, number[]> = {};
  const renderRss: number[] = [];
  const parse: number[] = [];
  const warningsFirst: number[] = [];
  const warningsClick: number[] = [];
  const bundle: number[] = [];
  const bundleRss: number[] = [];
  let base = 0;
  for (let i = 0; i < options.runs; i++) {
    const r = await runWorker("big", { file, what: "render" });
    render.push(r.ms as number);
    renderCpu.push(r.cpu as number);
    for (const k of ["resolve", "nftables", "iptables", "firewalld", "ufw", "csf", "apf"]) (steps[k] ??= []).push(r[k] as number);
    renderRss.push(r.peakRss as number);
    parse.push(r.parse as number);
    warningsFirst.push(r.warningsFirst as number);
    warningsClick.push(r.warningsClick as number);
    base = r.baseRss as number;
  }
  for (let i = 0; i < Math.min(3, options.runs); i++) {
    const r = await runWorker("big", { file, what: "bundle" });
    bundle.push(r.ms as number);
    bundleRss.push(r.peakRss as number);
  }
  const n = options.count.toLocaleString("en-US");
  return [
    figure(PART, `${n} entries: resolve + render all 6 backends`, "ms", render, {
      target: { op: "<", value: 1000 },
      note: `in a fresh process per run (cold JIT), after parsing the profile; medians per step: ${Object.entries(steps).map(([k, v]) => `${k} ${median(v).toFixed(0)}`).join(", ")} ms`,
    }),
    figure(PART, `${n} entries: same, CPU time`, "ms", renderCpu, { note: "user + system, all threads of the process (GC included)" }),
    figure(PART, `${n} entries: peak RSS while rendering`, "MB", renderRss, {
      target: { op: "<", value: 300 },
      note: `whole child process incl. Node/tsx (${Math.round(base)} MB at start), the profile text and its parsed document`,
    }),
    figure(PART, `${n} entries: parse + validate the profile JSON`, "ms", parse, {
      target: { op: "<", value: 250 },
      note: "JSON.parse + the schema; canonical blocked entries take the precompiled check (issue 19)",
    }),
    figure(PART, `${n} entries: live warnings, first assessment`, "ms", warningsFirst, {
      target: { op: "<", value: 3000 },
      note: "builds the sorted address indexes (cold JIT, fresh process)",
    }),
    figure(PART, `${n} entries: live warnings after a click`, "ms", warningsClick, {
      target: { op: "<", value: 250 },
      note: "a service ticked, the blocked list untouched: the cached indexes are reused",
    }),
    figure(PART, `${n} entries: whole bundle (warnings, 6 backends, ZIP)`, "ms", bundle, {
      target: { op: "<", value: 1000 },
      note: "buildBundle with native zlib, in a fresh process after parsing (the live warnings ran first, as in the app); files over 1 MiB are compressed at level 1",
    }),
    figure(PART, `${n} entries: peak RSS while bundling`, "MB", bundleRss, { target: { op: "<", value: 250 }, note: "whole child process incl. Node/tsx" }),
  ];
}
