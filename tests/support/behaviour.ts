/**
 * The behaviour check shared by the nftables and iptables traffic tests: apply a backend's files
 * in a server namespace, connect from every client address and compare with the RuleSet.
 */
import type { ChildProcess } from "node:child_process";
import type { RuleSet } from "@/lib/firewall/policy/resolve";
import { SAMPLE_ADDRESSES } from "@/tests/support/sample-profiles";
import { createPair, type Netns, type Pair, type RunResult } from "../netns/netns";
import { burst, clientPorts, type ExpectOptions, expectOutbound, hold, inboundProbes, mismatches, runProbes, serverPorts, startListener, type Probe } from "../netns/traffic";

const { admin, ordinary, blocked, burst: burster } = SAMPLE_ADDRESSES;
export const CLIENT_ADDRESSES = [admin, ordinary, blocked, burster].flatMap((a) => [a.v4, a.v6]);

export type Observation = { label: string; problems: string[] };

export class Lab {
  readonly pair: Pair;
  private readonly children: ChildProcess[] = [];

  constructor() {
    this.pair = createPair(CLIENT_ADDRESSES);
  }

  async listen(ns: Netns, ports: { tcp: number[]; udp?: number[] }): Promise<void> {
    this.children.push(await startListener(ns, ports));
  }

  destroy(): void {
    for (const c of this.children) c.kill("SIGKILL");
    this.pair.destroy();
  }
}

function server(lab: Lab) {
  return { v4: lab.pair.serverV4, v6: lab.pair.serverV6 };
}

/** Inbound matrix from admin, ordinary and blocked addresses, v4 and v6. */
export function checkInbound(lab: Lab, rs: RuleSet, options: ExpectOptions): string[] {
  const sources = [admin, ordinary, blocked].flatMap((a) => [a.v4, a.v6]);
  const probes = inboundProbes(rs, sources, server(lab), options);
  return mismatches(probes, runProbes(lab.pair.client, probes));
}

/** Localhost-only (and every other listening) port answers on 127.0.0.1 and ::1 from the server itself. */
export function checkLoopback(lab: Lab, rs: RuleSet): string[] {
  const ports = serverPorts(rs);
  const probes: Probe[] = (["tcp", "udp"] as const).flatMap((proto) =>
    ports[proto].flatMap((port) => ["127.0.0.1", "::1"].map((dst) => ({ id: `lo ${dst}>${port}/${proto}`, src: "", dst, port, proto, expectOpen: true }))),
  );
  return mismatches(probes, runProbes(lab.pair.server, probes));
}

/** Server → client connects: allowed ports open, others refused when outbound is restricted; blocked destinations refused. */
export function checkOutbound(lab: Lab, rs: RuleSet, options: ExpectOptions): string[] {
  const probes: Probe[] = [];
  for (const dst of [ordinary.v4, ordinary.v6, blocked.v4, blocked.v6]) {
    for (const port of clientPorts(rs)) probes.push({ id: `out ${dst}:${port}`, src: "", dst, port, proto: "tcp", expectOpen: expectOutbound(rs, dst, port, "tcp", options) });
  }
  return mismatches(probes, runProbes(lab.pair.server, probes));
}

/** Rate limits: a sequential burst gets exactly `count` through; a concurrency cap holds exactly `concurrent`. */
export function checkLimits(lab: Lab, rs: RuleSet): string[] {
  const problems: string[] = [];
  const families = rs.ipv6 ? (["v4", "v6"] as const) : (["v4"] as const);
  for (const rl of rs.rateLimits.filter((r) => r.protocol === "tcp")) {
    const port = rl.ports[0]?.from ?? 0;
    for (const f of families) {
      const dst = server(lab)[f];
      if (rl.newConnections) {
        const results = burst(lab.pair.client, burster[f], dst, port, rl.newConnections.count + 3);
        const ok = results.filter((r) => r === "open").length;
        if (ok !== rl.newConnections.count) problems.push(`${rl.key} ${f}: burst let ${ok} through, expected ${rl.newConnections.count} (${results.join(",")})`);
      }
      if (rl.concurrent !== undefined) {
        const results = hold(lab.pair.client, burster[f], dst, port, rl.concurrent + 2);
        const ok = results.filter((r) => r === "open").length;
        if (ok !== rl.concurrent) problems.push(`${rl.key} ${f}: held ${ok} connections, expected ${rl.concurrent} (${results.join(",")})`);
      }
    }
  }
  return problems;
}

/** Full run: listeners, apply, every check; returns all mismatches (empty = behaves as the profile says). */
export async function verifyBehaviour(rs: RuleSet, apply: (ns: Netns) => RunResult | Promise<RunResult>, labs: Lab[], options: ExpectOptions = {}): Promise<string[]> {
  const lab = new Lab();
  labs.push(lab);
  await lab.listen(lab.pair.server, serverPorts(rs));
  await lab.listen(lab.pair.client, { tcp: clientPorts(rs) });
  const applied = await apply(lab.pair.server);
  if (applied.code !== 0) return [`apply failed: ${applied.stderr}`];
  return [...checkInbound(lab, rs, options), ...checkLoopback(lab, rs), ...checkOutbound(lab, rs, options), ...checkLimits(lab, rs)];
}
