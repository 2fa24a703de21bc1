/**
 * Part 2c: what the 100k-entry rules cost per packet. A client namespace opens TCP connections to
 * an allowed port (443) of a server namespace, one after another, through our nftables rules, our
 * iptables + ipset rules, no firewall, and the naive linear chain of 100k DROP rules; plus two
 * references that split the cost: bare connection tracking, and our rules with an empty blocklist.
 * The pairs exist side by side and are measured in interleaved rounds. The compared figure is the
 * median connect latency of each round (robust against a noisy neighbour stalling a few
 * connects); connects/s are given in the notes.
 *
 * A new connection is the worst case (the whole chain, and connection tracking creating an
 * entry). Most packets of a server belong to established flows, so the same pairs also measure
 * request/response round trips on one open connection (1 byte each way): its rate is the
 * per-packet throughput of established traffic.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Pair } from "@/tests/netns/netns";
import { BENCH_DIR } from "./lib/child";
import { figure, median, pairedRatios, type Figure } from "./lib/figures";
import { freshPair, release, requireRoot, timeScript } from "./lib/namespaces";
import { fullCpanelProfile } from "./lib/profiles";
import { iptablesApplyScript, naiveRestoreScript, writeNaiveRestore, writeOurFiles } from "./lib/rulefiles";
import { scratchDir } from "./lib/scratch";

const PART = "2 per packet";
const AGENT = path.join(BENCH_DIR, "agent.mjs");
const PORT = 443;
/**
 * Listener and round-trip client share one CPU. Apart, every round trip waits for a cross-CPU
 * wake-up (about 35 µs each way on these VMs, varying with idle states) that dwarfs and blurs what
 * the rules cost; together a round trip is about 12 µs and the firewall's share shows.
 */
const SAME_CPU = "1";
/** Stateful filtering and nothing else: what any firewall with `ct state` pays. */
const CONNTRACK_ONLY = `table inet bench {\n  chain input {\n    type filter hook input priority filter; policy accept;\n    ct state established,related accept\n  }\n}\n`;

type Setup = { id: string; label: string; load: (pair: Pair) => void };
type Result = { connects: number; errors: number; elapsedMs: number; medianUs: number; p95Us: number };
type RoundTrips = { roundTrips: number; elapsedMs: number; medianUs: number; p95Us: number };

function startListener(pair: Pair): Promise<ChildProcess> {
  const child = pair.server.spawn("taskset", ["-c", SAME_CPU, process.execPath, AGENT, "listen", JSON.stringify({ port: PORT })]);
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`listener exited ${code}`)));
  });
}

function measure(pair: Pair, durationMs: number): Result {
  const spec = { dst: pair.serverV4, port: PORT, durationMs, warmupMs: 300, concurrency: 1 };
  const r = pair.client.exec(process.execPath, [AGENT, "connect", JSON.stringify(spec)]);
  if (r.code !== 0) throw new Error(`load generator failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Result;
}

function measureRoundTrips(pair: Pair, durationMs: number): RoundTrips {
  const spec = { dst: pair.serverV4, port: PORT, durationMs, warmupMs: 300 };
  const r = pair.client.exec("taskset", ["-c", SAME_CPU, process.execPath, AGENT, "rr", JSON.stringify(spec)]);
  if (r.code !== 0) throw new Error(`round-trip generator failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RoundTrips;
}

function setupsFor(count: number): Setup[] {
  const doc = fullCpanelProfile(count);
  const ours = writeOurFiles(doc, "packets");
  const empty = writeOurFiles(fullCpanelProfile(0), "packets-empty");
  const naive = writeNaiveRestore(doc.policy.blocked.map((b) => b.address), "packets-naive");
  const ctOnly = path.join(scratchDir(), "conntrack-only.nft");
  fs.writeFileSync(ctOnly, CONNTRACK_ONLY);
  const nft = (file: string) => (p: Pair) => void timeScript(p.server, `nft -f '${file}'`);
  const n = count.toLocaleString("en-US");
  return [
    { id: "nft", label: `ours nftables, ${n} in interval sets`, load: nft(ours.nft) },
    { id: "ipt", label: `ours iptables + ipset, ${n} in hash:net`, load: (p) => void timeScript(p.server, iptablesApplyScript(ours)) },
    { id: "none", label: "no firewall", load: () => {} },
    { id: "naive", label: `naive linear chain, ${n} × -A INPUT -s … -j DROP`, load: (p) => void timeScript(p.server, naiveRestoreScript(naive)) },
    { id: "ct", label: "reference: connection tracking only", load: nft(ctOnly) },
    { id: "empty", label: "reference: ours nftables, empty blocklist", load: nft(empty.nft) },
  ];
}

export async function benchPackets(options: { runs: number; count: number }): Promise<Figure[]> {
  requireRoot("The per-packet benchmark");
  const setups = setupsFor(options.count);
  const pairs: Pair[] = [];
  const listeners: ChildProcess[] = [];
  const latency: Record<string, number[]> = {};
  const rate: Record<string, number[]> = {};
  const trip: Record<string, number[]> = {};
  const tripRate: Record<string, number[]> = {};
  try {
    for (const s of setups) {
      const pair = freshPair();
      pairs.push(pair);
      s.load(pair);
      listeners.push(await startListener(pair));
    }
    for (let round = 0; round < options.runs; round++) {
      // Rotate the order each round so no setup always runs first (or right after the slow one).
      for (let k = 0; k < setups.length; k++) {
        const i = (k + round) % setups.length;
        const r = measure(pairs[i]!, 2000);
        if (r.errors > 0 || r.connects === 0) throw new Error(`${setups[i]!.label}: ${r.errors} failed connects of ${r.connects + r.errors}`);
        (latency[setups[i]!.id] ??= []).push(r.medianUs);
        (rate[setups[i]!.id] ??= []).push((r.connects / r.elapsedMs) * 1000);
        const t = measureRoundTrips(pairs[i]!, 2000);
        if (t.roundTrips === 0) throw new Error(`${setups[i]!.label}: no round trip completed`);
        (trip[setups[i]!.id] ??= []).push(t.medianUs);
        (tripRate[setups[i]!.id] ??= []).push((t.roundTrips / t.elapsedMs) * 1000);
      }
    }
  } finally {
    for (const l of listeners) l.kill();
    for (const p of pairs) release(p);
  }
  const versus = (a: string, b: string) => pairedRatios(latency[a]!, latency[b]!);
  const slower = (a: string, b: string) => pairedRatios(tripRate[b]!, tripRate[a]!);
  return [
    ...setups.map((s) => figure(PART, `connect latency: ${s.label}`, "µs", latency[s.id]!, { note: `${Math.round(median(rate[s.id]!)).toLocaleString("en-US")} connects/s (sequential, IPv4, veth)` })),
    figure(PART, "ours nftables latency / no firewall", "×", versus("nft", "none"), { target: { op: "<", value: 1.1 }, note: "paired per round; within 10% means < 1.10×" }),
    figure(PART, "ours iptables latency / no firewall", "×", versus("ipt", "none"), { target: { op: "<", value: 1.1 }, note: "paired per round" }),
    figure(PART, "connection tracking alone / no firewall", "×", versus("ct", "none"), { note: "what any stateful firewall pays" }),
    figure(PART, "ours nftables 100k / connection tracking only", "×", versus("nft", "ct"), { note: "our rules including the blocklist, beyond conntrack" }),
    figure(PART, "ours nftables 100k / same rules, empty blocklist", "×", versus("nft", "empty"), { note: "the blocklist lookup alone" }),
    figure(PART, "naive linear chain / no firewall (slowdown)", "×", versus("naive", "none"), { note: "every packet walks all 100k rules" }),
    ...setups.map((s) => figure(PART, `established flow, 1-byte round trip: ${s.label}`, "µs", trip[s.id]!, { note: `${Math.round(median(tripRate[s.id]!)).toLocaleString("en-US")} round trips/s (one connection, IPv4, veth)` })),
    figure(PART, "established throughput: no firewall / ours nftables", "×", slower("nft", "none"), { target: { op: "<", value: 1.1 }, note: "round trips/s, paired per round; within 10% means < 1.10×" }),
    figure(PART, "established throughput: no firewall / ours iptables", "×", slower("ipt", "none"), { target: { op: "<", value: 1.1 }, note: "paired per round" }),
    figure(PART, "established throughput: no firewall / naive linear chain", "×", slower("naive", "none"), { note: "the naive chain is walked by every packet, established or not" }),
  ];
}
