/**
 * Everything the checks need, computed once per assessment: the resolved rule set (so checks see
 * exactly what the renderers will emit), lookups by port, and address indexes.
 */
import { parseNetwork, type Network } from "../address";
import { getCatalog } from "../catalog";
import type { Catalog, CatalogService } from "../catalog/types";
import { formatPorts } from "../policy/ports";
import { resolvePolicy, type Protocol, type Rule, type RuleSet } from "../policy/resolve";
import type { CustomRule, Policy, ProfileDocument, ServiceChoice } from "../policy/schema";
import { expandSourceReferences } from "../source-lists/references";
import { networkIndexOf, type NetworkIndex } from "./network-index";

export type Context = {
  doc: ProfileDocument;
  server: ProfileDocument["server"];
  policy: Policy;
  catalog: Catalog;
  rules: RuleSet;
  service(id: string): CatalogService | undefined;
  choice(id: string): ServiceChoice | undefined;
  /** Inbound rules that let traffic to `port` in (any protocol when omitted). */
  inboundCovering(port: number, protocol?: Protocol): Rule[];
  /** Inbound rules emitted for one catalog service. */
  inboundOf(serviceId: string): Rule[];
  /** True when outbound traffic to `port` leaves the host (always, under allow-all). */
  outboundAllows(port: number, protocol: Protocol): boolean;
  /** The service choice or custom rule a rule was resolved from (undefined for essentials). */
  ownerOf(rule: Rule): Pick<ServiceChoice, "access" | "sources"> | undefined;
  /** IPv6 traffic is only filtered (allowed or blocked by rules) when the profile filters IPv6. */
  isFiltered(net: Network): boolean;
  /** The profile's own list behind a rule's sources, or "anyone". */
  sourceList(rule: Rule): "anyone" | readonly string[];
  sourceIndex(rule: Rule): "anyone" | NetworkIndex;
  blockedIndex: NetworkIndex;
  adminNetworks: Network[];
};

const EMPTY: readonly string[] = Object.freeze([]);

function covers(rule: Rule, port: number): boolean {
  return rule.ports.some((r) => r.from <= port && port <= r.to);
}

function listFor(access: ServiceChoice["access"], sources: readonly string[], admins: readonly string[]) {
  if (access === "anyone") return "anyone" as const;
  return access === "admins" ? admins : sources;
}

/** Named source lists are expanded first: the checks read the addresses the rule files will hold. */
export function createContext(original: ProfileDocument): Context {
  const doc = expandSourceReferences(original);
  const { server, policy } = doc;
  const catalog = getCatalog(server.panel);
  const rules = resolvePolicy(doc, catalog);
  const services = new Map(catalog.services.map((s) => [s.id, s]));
  const customRules = new Map<string, CustomRule>(policy.customRules.map((r) => [r.id, r]));
  const adminNetworks: Network[] = [];
  for (const text of server.adminSources) {
    const r = parseNetwork(text, { allowZeroPrefix: true });
    if (r.ok) adminNetworks.push(r.value);
  }

  const ownerOf = (rule: Rule) => {
    if (rule.origin.kind === "service") return policy.services[rule.origin.id];
    return rule.origin.kind === "custom" ? customRules.get(rule.origin.id) : undefined;
  };
  const sourceList = (rule: Rule): "anyone" | readonly string[] => {
    if (rule.sources === "anyone") return "anyone";
    const owner = ownerOf(rule);
    return owner ? listFor(owner.access, owner.sources, server.adminSources) : EMPTY;
  };

  return {
    doc,
    server,
    policy,
    catalog,
    rules,
    service: (id) => services.get(id),
    choice: (id) => policy.services[id],
    inboundCovering: (port, protocol) => rules.inbound.filter((r) => (!protocol || r.protocol === protocol) && covers(r, port)),
    inboundOf: (serviceId) => rules.inbound.filter((r) => r.origin.kind === "service" && r.origin.id === serviceId),
    outboundAllows: (port, protocol) =>
      rules.outboundPolicy === "allow-all" || rules.outbound.some((r) => r.protocol === protocol && covers(r, port)),
    ownerOf,
    isFiltered: (net) => net.family === "ipv4" || policy.ipv6,
    sourceList,
    sourceIndex: (rule) => {
      const list = sourceList(rule);
      return list === "anyone" ? "anyone" : networkIndexOf(list, (t) => t);
    },
    blockedIndex: networkIndexOf(policy.blocked, (b) => b.address),
    adminNetworks,
  };
}

/** Display form of a port range, e.g. `2087/tcp` or `49152-65534/tcp`. */
export function portText(from: number, to: number, protocol?: Protocol): string {
  const ports = formatPorts({ from, to });
  return protocol ? `${ports}/${protocol}` : ports;
}

/** The warning subject for a rule: the service id, or `custom-<id>` for a custom rule. */
export function subjectOf(rule: Rule): string {
  return rule.origin.kind === "custom" ? `custom-${rule.origin.id}` : rule.origin.id;
}

/** Concerns pointing at the service or custom rule a rule came from. */
export function concernsOf(rule: Rule): { services?: string[]; entries?: string[] } {
  return rule.origin.kind === "service" ? { services: [rule.origin.id] } : { entries: [rule.origin.id] };
}
