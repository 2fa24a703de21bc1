/**
 * What a profile lets through, reduced to a comparable form: per protocol, the ports open to
 * everyone and, per source, the ports open to that source beyond those; outbound ports when
 * restricted; blocked addresses; rate-limit terms. Two profiles that filter the same way give
 * equal values however they are written (services or custom rules, admins or lists, split or
 * merged ranges). The round-trip tests and the import review use it.
 */
import { familyOf } from "../address";
import { uncoveredByAddress } from "../backends/shared/covered";
import { getCatalog } from "../catalog";
import { mergeRanges, resolvePolicy, type Protocol, type RuleSet } from "../policy/resolve";
import type { PortRange, ProfileDocument } from "../policy/schema";
import { subtractRange } from "./text";

export type Effective = {
  ipv6: boolean;
  outbound: "allow-all" | string[];
  /** `tcp 22,80-81` for everyone; `tcp 192.0.2.1 2083` per source. */
  inbound: string[];
  /** Each once, none another covers, by address (shared/covered.ts uncoveredByAddress). */
  blocked: string[];
  limits: string[];
};

const show = (rs: PortRange[]) => mergeRanges(rs).map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(",");

function inboundLines(ruleSet: RuleSet): string[] {
  const lines: string[] = [];
  for (const protocol of ["tcp", "udp"] as Protocol[]) {
    const rules = ruleSet.inbound.filter((r) => r.protocol === protocol);
    const open = mergeRanges(rules.flatMap((r) => (r.sources === "anyone" ? r.ports : [])));
    if (open.length > 0) lines.push(`${protocol} anyone ${show(open)}`);
    const bySource = new Map<string, PortRange[]>();
    for (const r of rules) {
      if (r.sources === "anyone") continue;
      for (const s of [...r.sources.v4, ...(ruleSet.ipv6 ? r.sources.v6 : [])]) bySource.set(s, [...(bySource.get(s) ?? []), ...r.ports]);
    }
    for (const [source, ports] of bySource) {
      const extra = open.reduce((rest, cut) => subtractRange(rest, cut), mergeRanges(ports));
      if (extra.length > 0) lines.push(`${protocol} ${source} ${show(extra)}`);
    }
  }
  return lines.sort();
}

function outboundLines(ruleSet: RuleSet): "allow-all" | string[] {
  if (ruleSet.outboundPolicy === "allow-all") return "allow-all";
  const lines = (["tcp", "udp"] as Protocol[]).map((p) => `${p} ${show(ruleSet.outbound.filter((r) => r.protocol === p).flatMap((r) => r.ports))}`);
  return lines.every((l) => l.endsWith(" 1-65535")) ? "allow-all" : lines;
}

export function effectiveRuleSet(ruleSet: RuleSet): Effective {
  // Entries another blocked entry covers change nothing (and the nftables file leaves them out).
  const blocked = uncoveredByAddress(ruleSet.ipv6 ? [...ruleSet.blocked.v4, ...ruleSet.blocked.v6] : ruleSet.blocked.v4);
  const limits = ruleSet.rateLimits.flatMap((l) => l.ports.flatMap((p) => [
    ...(l.newConnections ? [`${l.protocol} ${show([p])} new ${l.newConnections.count}/${l.newConnections.seconds}s`] : []),
    ...(l.concurrent !== undefined ? [`${l.protocol} ${show([p])} concurrent ${l.concurrent}`] : []),
  ]));
  return { ipv6: ruleSet.ipv6, outbound: outboundLines(ruleSet), inbound: inboundLines(ruleSet), blocked, limits: [...new Set(limits)].sort() };
}

/**
 * What one address family of an effective rule set lets through, as a backend with a rule file per
 * family reads that family's file alone: the ports open to anyone, the sources and blocked entries
 * of that family; IPv4 alone does not filter IPv6. The iptables import of each family's rendered
 * file gives exactly this (a property in backends/iptables/import.test.ts).
 */
export function effectiveOfFamily(all: Effective, family: "IPv4" | "IPv6"): Effective {
  // Canonical addresses and networks: only IPv6 ones have a colon.
  const mine = (address: string) => address.includes(":") === (family === "IPv6");
  const inbound = all.inbound.filter((line) => {
    const source = line.split(" ")[1] ?? "";
    return source === "anyone" || mine(source);
  });
  return { ...all, ipv6: family === "IPv6", inbound, blocked: all.blocked.filter(mine) };
}

export function effectivePolicy(doc: ProfileDocument): Effective {
  return effectiveRuleSet(resolvePolicy(doc, getCatalog(doc.server.panel)));
}

export const isIpv6 = (address: string) => familyOf(address) === "ipv6";
