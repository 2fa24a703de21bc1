/**
 * Live-traffic harness: which ports to listen on, which connects to make, and what each should
 * give, all derived from the RuleSet (never hard-coded), plus the agent runner.
 */
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { contains, familyOf, toNetwork } from "@/lib/firewall/address";
import type { Protocol, RuleSet } from "@/lib/firewall/policy/resolve";
import type { Netns } from "./netns";

const AGENT = fileURLToPath(new URL("./agent.mjs", import.meta.url));

/** `srcPort`: connect from this local TCP port (an active-mode FTP data connection comes from 20). */
export type Probe = { id: string; src: string; dst: string; port: number; proto: Protocol; expectOpen: boolean; srcPort?: number };

type Fam = "v4" | "v6";
const fam = (a: string): Fam => (familyOf(a) === "ipv4" ? "v4" : "v6");
const inList = (list: string[], addr: string) => list.some((n) => contains(toNetwork(n), toNetwork(addr)));
const inRanges = (ranges: { from: number; to: number }[], port: number) => ranges.some((r) => r.from <= port && port <= r.to);

function isBlocked(rs: RuleSet, addr: string): boolean {
  return inList(rs.blocked[fam(addr)], addr);
}

/**
 * With IPv6 off, IPv6 is left unfiltered unless the backend declares it drops it (ufw), or that it
 * filters it anyway with the rules open to anyone (firewalld: `ipv6OffFiltered`).
 */
export type ExpectOptions = { ipv6OffOpen?: boolean; ipv6OffFiltered?: boolean };

const unfilteredV6 = (rs: RuleSet, addr: string, options: ExpectOptions) => fam(addr) === "v6" && !rs.ipv6 && !options.ipv6OffFiltered;

/** What the profile says about a connect from `src` to the server's `port`. */
export function expectInbound(rs: RuleSet, src: string, port: number, proto: Protocol, options: ExpectOptions = {}): boolean {
  const f = fam(src);
  if (unfilteredV6(rs, src, options)) return options.ipv6OffOpen ?? true;
  // Filtered with IPv6 off in the profile: no IPv6 source list is written, so only "anyone" opens.
  const listed = (list: string[]) => (f === "v6" && !rs.ipv6 ? false : inList(list, src));
  if (isBlocked(rs, src)) return false;
  if (rs.localhostOnly.some((l) => l.protocol === proto && inRanges(l.ports, port))) return false;
  return rs.inbound.some(
    (r) => r.protocol === proto && inRanges(r.ports, port) && (r.sources === "anyone" || listed(r.sources[f])),
  );
}

/** What the profile says about the server connecting out to `dst:port`. */
export function expectOutbound(rs: RuleSet, dst: string, port: number, proto: Protocol, options: ExpectOptions = {}): boolean {
  if (unfilteredV6(rs, dst, options)) return options.ipv6OffOpen ?? true;
  if (isBlocked(rs, dst)) return false;
  if (rs.outboundPolicy === "allow-all") return true;
  return rs.outbound.some((r) => r.protocol === proto && inRanges(r.ports, port));
}

function firstFree(rs: RuleSet, proto: Protocol, candidates: number[]): number {
  const used = [...rs.inbound, ...rs.outbound, ...rs.localhostOnly, ...rs.rateLimits].filter((r) => r.protocol === proto).flatMap((r) => r.ports);
  const port = candidates.find((p) => !inRanges(used, p));
  if (port === undefined) throw new Error("no free control port");
  return port;
}

/** Ports the server listens on: both ends of every rule's range, localhost-only ports, one control port per protocol. */
export function serverPorts(rs: RuleSet): Record<Protocol, number[]> {
  const out: Record<Protocol, Set<number>> = { tcp: new Set(), udp: new Set() };
  for (const r of [...rs.inbound, ...rs.localhostOnly, ...rs.rateLimits]) for (const p of r.ports) out[r.protocol].add(p.from).add(p.to);
  out.tcp.add(firstFree(rs, "tcp", [7777, 8888, 12345]));
  out.udp.add(firstFree(rs, "udp", [7777, 8888, 12345]));
  return { tcp: [...out.tcp], udp: [...out.udp] };
}

/** Ports the client listens on for the outbound checks: each outbound TCP rule's first port and a control port. */
export function clientPorts(rs: RuleSet): number[] {
  const ports = new Set(rs.outbound.filter((r) => r.protocol === "tcp").map((r) => r.ports[0]?.from ?? 0));
  ports.add(firstFree(rs, "tcp", [7777, 8888, 12345]));
  ports.add(443);
  return [...ports].filter((p) => p > 0);
}

export function inboundProbes(rs: RuleSet, sources: string[], server: Record<Fam, string>, options: ExpectOptions = {}): Probe[] {
  const ports = serverPorts(rs);
  const probes: Probe[] = [];
  for (const src of sources) {
    for (const proto of ["tcp", "udp"] as const) {
      for (const port of ports[proto]) {
        probes.push({ id: `${src}>${port}/${proto}`, src, dst: server[fam(src)], port, proto, expectOpen: expectInbound(rs, src, port, proto, options) });
      }
    }
  }
  return probes;
}

export function startListener(ns: Netns, ports: { tcp: number[]; udp?: number[] }): Promise<ChildProcess> {
  const child = ns.spawn(process.execPath, [AGENT, "listen", JSON.stringify(ports)]);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => d.toString().includes("ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`listener exited ${code}: ${err}`)));
  });
}

function agent(ns: Netns, mode: string, spec: unknown): unknown {
  const r = ns.exec(process.execPath, [AGENT, mode, JSON.stringify(spec)]);
  if (r.code !== 0) throw new Error(`agent ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Run probes in parallel; returns "open", "timeout", or an errno code per probe id. */
export function runProbes(ns: Netns, probes: Omit<Probe, "expectOpen">[], timeoutMs = 600): Map<string, string> {
  const results = agent(ns, "probe", { probes, timeoutMs }) as { id: string; result: string }[];
  return new Map(results.map((r) => [r.id, r.result]));
}

/** Sequential connects (each closed at once): the result of each attempt. */
export function burst(ns: Netns, src: string, dst: string, port: number, count: number): string[] {
  return agent(ns, "burst", { src, dst, port, count, timeoutMs: 600 }) as string[];
}

/** Connections opened one after another and held open until all are made. */
export function hold(ns: Netns, src: string, dst: string, port: number, count: number): string[] {
  return agent(ns, "hold", { src, dst, port, count, timeoutMs: 600 }) as string[];
}

/** Compare observed with expected; returns readable mismatches (empty when all match). */
export function mismatches(probes: Probe[], observed: Map<string, string>): string[] {
  return probes
    .filter((p) => (observed.get(p.id) === "open") !== p.expectOpen)
    .map((p) => `${p.id}: expected ${p.expectOpen ? "open" : "closed"}, got ${observed.get(p.id)}`);
}
