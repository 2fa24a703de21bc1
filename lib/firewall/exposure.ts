/**
 * The exposure summary behind the review page's picture: which ports the profile opens to the
 * world, to restricted sources or to the server itself only, and how many of the open services
 * are encrypted. Computed from the resolved rule set, so it shows exactly what the rule files do.
 */
import { getCatalog } from "./catalog";
import type { Catalog } from "./catalog/types";
import { formatPorts } from "./policy/ports";
import { resolvePolicy, type Protocol, type Rule } from "./policy/resolve";
import type { PortRange, ProfileDocument } from "./policy/schema";

/** One service or custom rule, with every protocol it uses. */
export type ExposureItem = { key: string; label: string; ports: string; protocols: Protocol[] };

export type Encryption = "plaintext" | "encrypted" | "unknown";

export type ExposureSummary = {
  inbound: { world: ExposureItem[]; restricted: ExposureItem[]; localhostOnly: ExposureItem[] };
  /** Services reachable from outside (world or restricted), by whether they encrypt. */
  encryption: Record<Encryption, ExposureItem[]>;
  outbound: { policy: "allow-all" | "restricted"; allowed: ExposureItem[] };
  blocked: { v4: number; v6: number };
  ipv6: boolean;
};

function portsText(ranges: readonly PortRange[]): string {
  return ranges.map((r) => formatPorts(r)).join(", ");
}

/** Rules of one origin (a service's TCP and UDP rules) become one item. */
function merge(items: Map<string, ExposureItem>, key: string, label: string, ports: readonly PortRange[], protocol: Protocol): void {
  const found = items.get(key);
  if (found) {
    if (!found.protocols.includes(protocol)) found.protocols.push(protocol);
    return;
  }
  items.set(key, { key, label, ports: portsText(ports), protocols: [protocol] });
}

function ruleKey(rule: Rule): string {
  return `${rule.origin.kind}:${rule.origin.id}`;
}

/** Services that only speak TLS or SSH, named so in every catalog ("SMTP over TLS", "WHM SSL"). */
const ENCRYPTED_NAME = /\b(TLS|SSL|HTTPS|SSH)\b/;

/**
 * A service with a TLS twin is plaintext; one that is another's twin, or whose name says it only
 * speaks TLS or SSH, is encrypted. The rest (SMTP 25 with optional STARTTLS, DNS, custom rules)
 * cannot be told from the profile.
 */
function encryptionOf(rule: Rule, catalog: Catalog, twins: ReadonlySet<string>): Encryption {
  if (rule.origin.kind !== "service") return "unknown";
  const service = catalog.services.find((s) => s.id === rule.origin.id);
  if (!service) return "unknown";
  if (service.secureTwin) return "plaintext";
  return twins.has(service.id) || ENCRYPTED_NAME.test(service.name) ? "encrypted" : "unknown";
}

/** The profile's exposure, ports sorted by first port within each group. */
export function summarizeExposure(doc: ProfileDocument): ExposureSummary {
  const catalog = getCatalog(doc.server.panel);
  const ruleSet = resolvePolicy(doc, catalog);
  const twins = new Set(catalog.services.flatMap((s) => (s.secureTwin ? [s.secureTwin] : [])));

  const world = new Map<string, ExposureItem>();
  const restricted = new Map<string, ExposureItem>();
  const byEncryption: Record<Encryption, Map<string, ExposureItem>> = { plaintext: new Map(), encrypted: new Map(), unknown: new Map() };
  const firstPort = new Map<string, number>();
  for (const rule of ruleSet.inbound) {
    const key = ruleKey(rule);
    firstPort.set(key, rule.ports[0]?.from ?? 0);
    merge(rule.sources === "anyone" ? world : restricted, key, rule.label, rule.ports, rule.protocol);
    merge(byEncryption[encryptionOf(rule, catalog, twins)], key, rule.label, rule.ports, rule.protocol);
  }
  // A service open to anyone over one protocol and restricted over the other counts as open.
  for (const key of world.keys()) restricted.delete(key);

  const local = new Map<string, ExposureItem>();
  for (const entry of ruleSet.localhostOnly) {
    firstPort.set(`local:${entry.label}`, entry.ports[0]?.from ?? 0);
    merge(local, `local:${entry.label}`, entry.label, entry.ports, entry.protocol);
  }

  const outbound = new Map<string, ExposureItem>();
  for (const rule of ruleSet.outbound) {
    firstPort.set(`out:${ruleKey(rule)}`, rule.ports[0]?.from ?? 0);
    merge(outbound, `out:${ruleKey(rule)}`, rule.label, rule.ports, rule.protocol);
  }

  const sorted = (items: Map<string, ExposureItem>) =>
    [...items.values()].sort((a, b) => (firstPort.get(a.key) ?? 0) - (firstPort.get(b.key) ?? 0) || a.label.localeCompare(b.label));

  return {
    inbound: { world: sorted(world), restricted: sorted(restricted), localhostOnly: sorted(local) },
    encryption: {
      plaintext: sorted(byEncryption.plaintext),
      encrypted: sorted(byEncryption.encrypted),
      unknown: sorted(byEncryption.unknown),
    },
    outbound: { policy: ruleSet.outboundPolicy, allowed: sorted(outbound) },
    blocked: { v4: ruleSet.blocked.v4.length, v6: ruleSet.blocked.v6.length },
    ipv6: ruleSet.ipv6,
  };
}
