/**
 * Resolution: the profile document plus its panel's catalog, flattened into the backend-neutral
 * rule set every renderer reads. All choices (which services, which sources, which ports) are
 * settled here once, so the six renderers only differ in syntax, never in meaning.
 */
import { familyOf } from "../address";
import type { Catalog, CatalogService } from "../catalog/types";
import { expandSourceReferences, namedSources } from "../source-lists/references";
import { formatPorts } from "./ports";
import type { Access, PortRange, ProfileDocument, ServiceChoice } from "./schema";

export type Protocol = "tcp" | "udp";

/** `"anyone"`, or the networks allowed (split by family; either list may be empty). */
export type Sources = "anyone" | { v4: string[]; v6: string[] };

export type RuleOrigin = { kind: "service"; id: string } | { kind: "custom"; id: string } | { kind: "essential"; id: string };

export type Rule = {
  /** Stable, `[a-z][a-z0-9-]*`, unique within its direction: usable in set and chain names. */
  key: string;
  /** Safe label (catalog names and labels already restricted by the schema). */
  label: string;
  protocol: Protocol;
  ports: PortRange[];
  /** Inbound: who may connect. Outbound rules are always "anyone" (destination unrestricted). */
  sources: Sources;
  /**
   * How the profile names these sources when it references named lists ("WebPros SEO scanner (8)",
   * then typed addresses): for reports only, renderers read `sources`. Absent without references.
   */
  sourceNames?: string[];
  origin: RuleOrigin;
};

export type LocalOnly = { label: string; protocol: Protocol; ports: PortRange[] };

export type ResolvedRateLimit = {
  key: string;
  label: string;
  protocol: Protocol;
  ports: PortRange[];
  newConnections?: { count: number; seconds: number };
  concurrent?: number;
};

export type RuleSet = {
  server: ProfileDocument["server"];
  backend: ProfileDocument["policy"]["backend"];
  ipv6: boolean;
  outboundPolicy: "allow-all" | "restricted";
  inbound: Rule[];
  /** Empty when outbound is allow-all. */
  outbound: Rule[];
  localhostOnly: LocalOnly[];
  blocked: { v4: string[]; v6: string[] };
  rateLimits: ResolvedRateLimit[];
  eximReverseDns: "off" | "relaxed" | "strict";
};

/** Outbound traffic a restricted host always needs, whatever the matrix says. */
export const ESSENTIAL_OUTBOUND: readonly { key: string; label: string; protocol: Protocol; port: number }[] = [
  { key: "dns-udp", label: "DNS resolver", protocol: "udp", port: 53 },
  { key: "dns-tcp", label: "DNS resolver", protocol: "tcp", port: 53 },
  { key: "ntp", label: "Time sync (NTP)", protocol: "udp", port: 123 },
];

export function defaultChoice(service: CatalogService): ServiceChoice {
  const d = service.defaults;
  return {
    enabled: d.enabled,
    tcp: d.tcp,
    udp: d.udp,
    inbound: d.inbound,
    outbound: d.outbound,
    localhostOnly: d.localhostOnly,
    access: d.access ?? "anyone",
    sources: [],
  };
}

/** The port range a service uses in this profile (SSH follows the profile's SSH port). */
export function servicePorts(service: CatalogService, choice: ServiceChoice | undefined, sshPort: number): PortRange {
  if (service.isSsh) return { from: sshPort, to: sshPort };
  if (service.configurableRange && choice?.ports) return choice.ports;
  return service.port;
}

export function resolveSources(access: Access, list: string[], adminSources: string[]): Sources {
  if (access === "anyone") return "anyone";
  const chosen = access === "admins" ? adminSources : list;
  const v4: string[] = [];
  const v6: string[] = [];
  for (const s of chosen) (familyOf(s) === "ipv4" ? v4 : v6).push(s);
  return { v4, v6 };
}

function protocols(tcp: boolean, udp: boolean): Protocol[] {
  return [...(tcp ? (["tcp"] as const) : []), ...(udp ? (["udp"] as const) : [])];
}

/** Sort and merge overlapping or adjacent ranges. */
export function mergeRanges(ranges: PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from || a.to - b.to);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/** `ranges` without the ports of `minus` (both sorted or not; the result is merged and sorted). */
export function subtractRanges(ranges: PortRange[], minus: PortRange[]): PortRange[] {
  const cut = mergeRanges(minus);
  const out: PortRange[] = [];
  for (const r of mergeRanges(ranges)) {
    let from = r.from;
    for (const c of cut) {
      if (c.to < from || c.from > r.to) continue;
      if (c.from > from) out.push({ from, to: c.from - 1 });
      from = c.to + 1;
    }
    if (from <= r.to) out.push({ from, to: r.to });
  }
  return out;
}

/**
 * Localhost-only refusals leave out every port an inbound rule opens: the renderers refuse the
 * localhost-only ports before the inbound accepts, so an SSH port or a custom rule inside a
 * localhost-only range (the FTP passive range, say) would otherwise be refused: what the profile
 * opens explicitly stays open, for its sources.
 */
function outsideOpened(local: LocalOnly[], inbound: Rule[]): LocalOnly[] {
  return local
    .map((l) => ({ ...l, ports: subtractRanges(l.ports, inbound.filter((r) => r.protocol === l.protocol).flatMap((r) => r.ports)) }))
    .filter((l) => l.ports.length > 0);
}

/** Named lists are expanded first, so every renderer sees plain addresses (see source-lists/references). */
export function resolvePolicy(original: ProfileDocument, catalog: Catalog): RuleSet {
  const doc = expandSourceReferences(original);
  const { server, policy } = doc;
  const inbound: Rule[] = [];
  const outbound: Rule[] = [];
  const localhostOnly: LocalOnly[] = [];
  const restricted = policy.outbound === "restricted";

  for (const service of catalog.services) {
    const choice = policy.services[service.id];
    if (!choice?.enabled) continue;
    if (service.onlyOn && !service.onlyOn.includes(server.os)) continue;
    const ports = [servicePorts(service, choice, server.sshPort)];
    for (const protocol of protocols(choice.tcp, choice.udp)) {
      if (choice.localhostOnly) {
        localhostOnly.push({ label: service.name, protocol, ports });
        continue;
      }
      if (choice.inbound) {
        const named = original.policy.services[service.id];
        const sourceNames = choice.access === "list" && named?.lists?.length ? namedSources(named, original.policy, server.adminSources) : undefined;
        inbound.push({
          key: `${service.id}-${protocol}`,
          label: service.name,
          protocol,
          ports,
          sources: resolveSources(choice.access, choice.sources, server.adminSources),
          ...(sourceNames ? { sourceNames } : {}),
          origin: { kind: "service", id: service.id },
        });
      }
      if (choice.outbound && restricted) {
        outbound.push({ key: `${service.id}-${protocol}`, label: service.name, protocol, ports, sources: "anyone", origin: { kind: "service", id: service.id } });
      }
    }
  }

  for (const rule of policy.customRules) {
    for (const protocol of protocols(rule.tcp, rule.udp)) {
      const base = { key: `c-${rule.id}-${protocol}`, label: rule.label || `Custom ${formatPorts(rule.ports)}`, protocol, ports: [rule.ports] };
      if (rule.direction === "inbound") {
        inbound.push({ ...base, sources: resolveSources(rule.access, rule.sources, server.adminSources), origin: { kind: "custom", id: rule.id } });
      } else if (restricted) {
        outbound.push({ ...base, sources: "anyone", origin: { kind: "custom", id: rule.id } });
      }
    }
  }

  if (restricted) {
    for (const e of ESSENTIAL_OUTBOUND) {
      outbound.push({ key: `e-${e.key}`, label: e.label, protocol: e.protocol, ports: [{ from: e.port, to: e.port }], sources: "anyone", origin: { kind: "essential", id: e.key } });
    }
  }

  const blocked = { v4: [] as string[], v6: [] as string[] };
  for (const b of policy.blocked) (familyOf(b.address) === "ipv4" ? blocked.v4 : blocked.v6).push(b.address);

  const rateLimits: ResolvedRateLimit[] = policy.rateLimits.map((r) => ({
    key: r.id,
    label: r.label || `Rate limit ${formatPorts(r.ports)}/${r.protocol}`,
    protocol: r.protocol,
    ports: [r.ports],
    newConnections: r.newConnections,
    concurrent: r.concurrent,
  }));

  return {
    server,
    backend: policy.backend,
    ipv6: policy.ipv6,
    outboundPolicy: policy.outbound,
    inbound,
    outbound,
    localhostOnly: outsideOpened(localhostOnly, inbound),
    blocked,
    rateLimits,
    eximReverseDns: policy.hardening.eximReverseDns,
  };
}
