/**
 * What a server's current revision lets in, as rows the list can search without reading the
 * document: one per inbound rule, protocol and address family, from the same resolved rule set
 * the rule files are rendered from. IPv6 rows exist only when the policy enables IPv6; a rule
 * restricted to sources of one family opens only that family.
 */
import type { Family } from "@/lib/firewall/address";
import { getCatalog } from "@/lib/firewall/catalog";
import { resolvePolicy, type Protocol } from "@/lib/firewall/policy/resolve";
import type { ProfileDocument } from "@/lib/firewall/policy/schema";

export type ExposureRow = {
  portFrom: number;
  portTo: number;
  isRange: boolean;
  protocol: Protocol;
  family: Family;
  openToAnyone: boolean;
  /** The catalog service's id; "" for a custom rule. */
  service: string;
};

export function exposureRows(doc: ProfileDocument): ExposureRow[] {
  const ruleSet = resolvePolicy(doc, getCatalog(doc.server.panel));
  const rows: ExposureRow[] = [];
  const seen = new Set<string>();
  for (const rule of ruleSet.inbound) {
    const service = rule.origin.kind === "service" ? rule.origin.id : "";
    const { sources } = rule;
    const anyone = sources === "anyone";
    const families: Family[] = [];
    if (sources === "anyone" || sources.v4.length > 0) families.push("ipv4");
    if (ruleSet.ipv6 && (sources === "anyone" || sources.v6.length > 0)) families.push("ipv6");
    for (const family of families) {
      for (const { from, to } of rule.ports) {
        const key = `${from}-${to}/${rule.protocol}/${family}/${anyone}/${service}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ portFrom: from, portTo: to, isRange: to > from, protocol: rule.protocol, family, openToAnyone: anyone, service });
      }
    }
  }
  return rows;
}
