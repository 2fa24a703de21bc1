/**
 * Issue 14's traffic comparison for the netfilter backends (nftables, iptables, UFW): a real
 * configuration loaded by its own tool on one server, the rendering of its imported profile on
 * another, the same probes against both. Every difference must be one an import finding explains:
 * an exception names the finding (by its `file:line severity message` text), the probes it covers
 * and which side was open, and an exception that explains nothing fails the test too.
 */
import { expect } from "vitest";
import { formatIpv6, toNetwork } from "@/lib/firewall/address";
import { createPair, type Netns, type Pair } from "../netns/netns";
import { runProbes, startListener, type Probe } from "../netns/traffic";

/** Addresses no real configuration names, so a rule for "anyone" is all that can let them in. */
export const UNRELATED = ["198.51.100.77", "2001:db8:77::77"];
/** A port no configuration mentions, so the default policy decides it. */
export const CONTROL = 7777;

export type Probed = { id: string; src: string; port: number; proto: "tcp" | "udp"; v6: boolean };
/** Probes matching `when` may differ, the original being `original`, because of `finding`. */
export type Exception = { finding: RegExp; when: (p: Probed) => boolean; original: "open" | "closed" };
/** `open`: probes the original let through (none would mean the probes never reached a service). */
export type Comparison = { probes: number; open: number; unexplained: string[]; stale: string[] };

const hex = (n: bigint, bits: number) => n.toString(16).padStart(bits / 4, "0");

/**
 * An address inside a network or range a file names, to probe from: the address itself, or the
 * one after a network's (or range's) first. Null for "anyone", the unspecified address and junk.
 */
export function hostIn(text: string): string | null {
  const [from = "", to] = text.replace(/^!/, "").split("-");
  let network;
  try {
    network = toNetwork(from);
  } catch {
    return null;
  }
  const full = network.family === "ipv4" ? 32 : 128;
  if (network.prefix === 0 || network.first === 0n) return null;
  const n = network.prefix < full || to !== undefined ? network.first + 1n : network.first;
  if (network.family === "ipv4") return [24, 16, 8, 0].map((s) => Number((n >> BigInt(s)) & 255n)).join(".");
  const digits = hex(n, 128);
  return formatIpv6(Array.from({ length: 8 }, (_, i) => parseInt(digits.slice(i * 4, i * 4 + 4), 16)));
}

/** Both ends of every number or `a-b` / `a:b` range in a port list text; 0 is left out. */
export function portsIn(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((p) => p > 0 && p <= 65535);
}

/** Sources (`-s`, negated or not) and destination ports (`--dport`, `--dports`) of iptables-save rules. */
export function mentionedRules(text: string): { sources: string[]; ports: number[] } {
  const lines = text.split("\n").filter((l) => /^-[AI] /.test(l));
  const sources = lines.flatMap((l) => [...l.matchAll(/(?:^|\s)-s (\S+)/g)].map((m) => m[1]!));
  const ports = lines.flatMap((l) => [...l.matchAll(/--dports? ([\d,:]+)/g)].flatMap((m) => portsIn(m[1]!)));
  return { sources, ports };
}

/** Every source on every port, on TCP and UDP alike (so a protocol opened by mistake shows too). */
export function probesFor(pair: Pair, sources: string[], ports: number[]): (Probe & Probed)[] {
  return sources.flatMap((src) =>
    (["tcp", "udp"] as const).flatMap((proto) =>
      ports.map((port) => ({ id: `${src}>${port}/${proto}`, src, dst: src.includes(":") ? pair.serverV6 : pair.serverV4, port, proto, v6: src.includes(":"), expectOpen: false })),
    ),
  );
}

/** What to probe: the unrelated addresses and a host of every source mentioned; the control port and every port mentioned. */
export function targets(seen: { sources: string[]; ports: number[] }[]): { sources: string[]; ports: number[] } {
  const sources = [...UNRELATED, ...seen.flatMap((s) => s.sources).map(hostIn).filter((a): a is string => a !== null)];
  return { sources: [...new Set(sources)], ports: [...new Set([CONTROL, ...seen.flatMap((s) => s.ports)])] };
}

type Lab = { original: Pair; imported: Pair };

/** One lab per test file, for all its configurations, started by the first test that runs (a skipped file starts none). */
export function sharedLab(configs: { sources: string[]; ports: number[] }[], cleanups: (() => void)[]): () => Promise<Lab> {
  let lab: Promise<Lab> | undefined;
  return () => (lab ??= startLab([...new Set(configs.flatMap((x) => x.sources))], [...new Set(configs.flatMap((x) => x.ports))], cleanups));
}

/** Two servers (original, imported) whose clients hold every source, each listening on every port. */
async function startLab(sources: string[], ports: number[], cleanups: (() => void)[]): Promise<Lab> {
  const pairs: Pair[] = [];
  for (let i = 0; i < 2; i++) {
    const pair = createPair(sources);
    cleanups.push(() => pair.destroy());
    const listener = await startListener(pair.server, { tcp: ports, udp: ports });
    cleanups.push(() => listener.kill("SIGKILL"));
    pairs.push(pair);
  }
  return { original: pairs[0]!, imported: pairs[1]! };
}

const TABLES: Record<string, string[]> = {
  filter: ["INPUT", "FORWARD", "OUTPUT"],
  nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"],
  mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"],
  raw: ["PREROUTING", "OUTPUT"],
};
const EMPTY = Object.entries(TABLES).map(([t, chains]) => `*${t}\n${chains.map((c) => `:${c} ACCEPT [0:0]`).join("\n")}\nCOMMIT\n`).join("");

/** Back to an empty firewall with the tools themselves: every table flushed, chains and sets deleted. */
export function resetNetfilter(ns: Netns): void {
  for (const tool of ["iptables-restore", "ip6tables-restore"]) ns.must(tool, [], EMPTY);
  const sets = ns.script("command -v ipset >/dev/null 2>&1 || exit 0\nipset destroy");
  if (sets.code !== 0) throw new Error(`ipset destroy: ${sets.stderr}`);
}

/** Probe both servers and hold every difference against the exceptions whose finding was reported. */
export function compareServers(lab: Lab, sources: string[], ports: number[], findings: string[], exceptions: Exception[]): Comparison {
  const probes = probesFor(lab.original, sources, ports);
  const before = runProbes(lab.original.client, probes, 2000);
  const after = runProbes(lab.imported.client, probesFor(lab.imported, sources, ports), 2000);
  const reported = exceptions.filter((e) => findings.some((f) => e.finding.test(f)));
  const used = new Set<Exception>();
  const unexplained: string[] = [];
  for (const p of probes) {
    const [was, is] = [before.get(p.id), after.get(p.id)];
    if ((was === "open") === (is === "open")) continue;
    const why = reported.find((e) => e.when(p) && (e.original === "open") === (was === "open"));
    if (why) used.add(why);
    else unexplained.push(`${p.id}: original ${was}, imported ${is}`);
  }
  const stale = exceptions.filter((e) => !used.has(e)).map((e) => `${e.finding} ${reported.includes(e) ? "explains no difference" : "is not among the findings"}`);
  return { probes: probes.length, open: [...before.values()].filter((r) => r === "open").length, unexplained, stale };
}

/** Every difference explained, every exception needed, and the original let something through. */
export function expectAlike(result: Comparison): void {
  expect(result.unexplained).toEqual([]);
  expect(result.stale).toEqual([]);
  expect(result.open).toBeGreaterThan(0);
}
