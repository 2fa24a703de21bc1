/**
 * What CSF does with a copy of /etc/csf, read into the comparable view of import/view.ts: the
 * "before" side of the Move off CSF review. Unlike the import, nothing is merged or dropped to
 * fit a profile: TCP6_IN stays apart from TCP_IN, IPv6 is open when IPV6 = 0, a port-specific deny
 * stays port-specific, csf.allow opening everything stays so. What CSF does that has no place
 * here (per-user filters, ICMP, lfd) is in the import's findings.
 */
import type { Family } from "../../address";
import { mergeRanges } from "../../policy/resolve";
import type { PortRange } from "../../policy/schema";
import { baseName, subtractRange } from "../../import/text";
import type { Finding, ImportFile } from "../../import/types";
import { addLimit, allowSource, ALL_PORTS, DIRECTIONS, emptyView, FAMILIES, PROTOCOLS, showPorts, type FirewallView } from "../../import/view";
import { parseCsfConf, portList, readCsfConf } from "./import-conf";
import { readCsfList, type CsfEntry } from "./import-lists";

const familyOf = (address: string): Family => (address.includes(":") ? "ipv6" : "ipv4");

function fromAllow(view: FirewallView, entries: readonly CsfEntry[], families: readonly Family[]): void {
  for (const e of entries) {
    if (e.kind === "address") {
      if (e.address === "anyone") for (const p of PROTOCOLS) for (const f of families) view.open[`inbound ${p} ${f}`] = [ALL_PORTS];
      else if (families.includes(familyOf(e.address))) for (const p of PROTOCOLS) allowSource(view, e.address, p, [ALL_PORTS]);
      continue;
    }
    const f = e.filter;
    if (f.protocol === "icmp" || f.user || f.sourcePorts.length > 0 || f.destination) continue;
    const ports = f.destPorts.length > 0 ? f.destPorts : [ALL_PORTS];
    if (f.direction === "out") {
      for (const fam of families) view.open[`outbound ${f.protocol} ${fam}`] = mergeRanges([...view.open[`outbound ${f.protocol} ${fam}`], ...ports]);
    } else if (f.source === undefined || f.source === "anyone") {
      for (const fam of families) view.open[`inbound ${f.protocol} ${fam}`] = mergeRanges([...view.open[`inbound ${f.protocol} ${fam}`], ...ports]);
    } else if (families.includes(familyOf(f.source))) allowSource(view, f.source, f.protocol, ports);
  }
}

function fromDeny(view: FirewallView, entries: readonly CsfEntry[], families: readonly Family[]): void {
  for (const e of entries) {
    if (e.kind === "address") {
      if (e.address !== "anyone" && families.includes(familyOf(e.address))) view.denied.set(e.address, "all");
      continue;
    }
    const f = e.filter;
    if (f.direction !== "in" || f.protocol === "icmp" || f.user || f.sourcePorts.length > 0 || f.destination) continue;
    if (f.source === undefined || f.source === "anyone") {
      for (const fam of families) {
        const lane = `inbound ${f.protocol} ${fam}` as const;
        view.open[lane] = f.destPorts.reduce((rest: PortRange[], cut) => subtractRange(rest, cut), view.open[lane]);
      }
    } else if (families.includes(familyOf(f.source))) {
      view.denied.set(f.source, `${f.protocol}${f.destPorts.length > 0 ? ` ${showPorts(f.destPorts)}` : ""}`);
    }
  }
}

/** The view of what CSF enforces; throws ImportInputError where the import would (a duplicated key). */
export function describeCsf(files: readonly ImportFile[]): FirewallView {
  const findings: Finding[] = [];
  const view = emptyView();
  const named = (name: string) => files.find((f) => baseName(f.path) === name);
  const confFile = named("csf.conf");
  const conf = confFile ? parseCsfConf(confFile, findings) : null;
  const ipv6 = conf?.settings.get("IPV6")?.value === "1";
  const families: readonly Family[] = ipv6 ? FAMILIES : ["ipv4"];
  for (const d of DIRECTIONS) {
    for (const p of PROTOCOLS) {
      const key = `${p.toUpperCase()}_${d === "inbound" ? "IN" : "OUT"}`;
      // No csf.conf: CSF's defaults are not known here, so every port counts as open (as without CSF).
      view.open[`${d} ${p} ipv4`] = conf ? mergeRanges(portList(conf, key, findings)) : [ALL_PORTS];
      view.open[`${d} ${p} ipv6`] = conf && ipv6 ? mergeRanges(portList(conf, key.replace("_", "6_"), findings)) : [ALL_PORTS];
    }
  }
  const seen = new Set<string>();
  const list = (name: string) => {
    const file = named(name);
    return file ? readCsfList(file, files, findings, 0, seen) : [];
  };
  // csf.allow is read first (its entries win over csf.deny); the deny filters close TCP_IN/UDP_IN ports.
  const allow = list("csf.allow");
  fromDeny(view, list("csf.deny"), families);
  fromAllow(view, allow, families);
  for (const l of conf ? readCsfConf(conf, findings).rateLimits : []) {
    if (l.newConnections) addLimit(view, l.protocol, l.ports, `new ${l.newConnections.count}/${l.newConnections.seconds}s`);
    if (l.concurrent !== undefined) addLimit(view, l.protocol, l.ports, `concurrent ${l.concurrent}`);
  }
  return view;
}
