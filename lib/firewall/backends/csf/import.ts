/**
 * Import a copy of /etc/csf: csf.conf for ports, IPv6, outbound and limits; csf.allow and
 * csf.deny (with the files they Include) for per-source allows and blocked addresses. What a
 * profile cannot say (lfd, country blocks, per-user SMTP, port-specific denies) becomes a finding.
 */
import { baseName, fileLines, subtractRange } from "../../import/text";
import type { Finding, ImportedBlock, ImportedRule, ImportFile, Importer } from "../../import/types";
import { parseCsfConf, readCsfConf, type ConfResult } from "./import-conf";
import { readCsfList, type CsfEntry } from "./import-lists";

const ALL_PORTS = { from: 1, to: 65535 };
const NOT_RULES: Record<string, string> = {
  "csf.ignore": "lists addresses lfd never blocks",
  "csf.pignore": "lists processes lfd does not report",
  "csf.fignore": "lists files lfd's directory watch skips",
  "csf.rignore": "lists reverse-DNS names lfd never blocks",
  "csf.suignore": "lists users lfd's superuser check skips",
  "csf.mignore": "lists users lfd's email alerts skip",
  "csf.signore": "lists scripts lfd's script alert skips",
  "csf.uidignore": "lists user ids lfd's UID tracking skips",
  "csf.logignore": "lists log lines lfd skips",
  "csf.sips": "lists the server's own addresses csf must never block",
};
const SCRIPTS = new Set(["csfpre.sh", "csfpost.sh"]);
const ENTRY_LISTS = new Set(["csf.blocklists", "csf.dyndns", "csf.redirect", "csf.smtpauth", "csf.cloudflare"]);

function fromAllow(entries: CsfEntry[], restricted: boolean, rules: ImportedRule[], findings: Finding[]): void {
  for (const e of entries) {
    if (e.kind === "address") {
      if (e.address === "anyone") {
        findings.push({ ...e.origin, severity: "warning", message: "Allowing 0.0.0.0/0 opens every port to everyone; not imported." });
        continue;
      }
      for (const protocol of ["tcp", "udp"] as const) rules.push({ direction: "inbound", protocol, ports: ALL_PORTS, sources: [e.address], origin: e.origin });
      if (restricted) findings.push({ ...e.origin, severity: "warning", message: `csf.allow also lets the server connect out to ${e.address} on any port; a profile cannot allow outbound traffic by destination.` });
      continue;
    }
    const f = e.filter;
    const why = f.protocol === "icmp" ? "ICMP filters" : f.user ? "per-user (u=/g=) filters" : f.sourcePorts.length > 0 ? "source-port (s=port) filters"
      : f.direction === "in" && f.destination ? "filters on one of the server's own addresses" : f.direction === "out" && f.destination ? "outbound filters to one destination" : null;
    if (why) {
      findings.push({ ...e.origin, severity: "warning", message: `${why[0]?.toUpperCase()}${why.slice(1)} cannot be expressed in a profile; not imported.` });
      continue;
    }
    const ports = f.destPorts.length > 0 ? f.destPorts : [ALL_PORTS];
    if (f.direction === "out") {
      if (restricted) for (const p of ports) rules.push({ direction: "outbound", protocol: f.protocol as "tcp" | "udp", ports: p, sources: "anyone", origin: e.origin });
      continue;
    }
    const sources = f.source === undefined || f.source === "anyone" ? "anyone" : [f.source];
    for (const p of ports) rules.push({ direction: "inbound", protocol: f.protocol as "tcp" | "udp", ports: p, sources, origin: e.origin });
  }
}

function fromDeny(entries: CsfEntry[], rules: ImportedRule[], blocked: ImportedBlock[], findings: Finding[]): ImportedRule[] {
  let open = rules;
  for (const e of entries) {
    if (e.kind === "address") {
      if (e.address === "anyone") findings.push({ ...e.origin, severity: "warning", message: "Denying 0.0.0.0/0 would block everyone; not imported." });
      else blocked.push({ address: e.address, comment: e.comment, origin: e.origin });
      continue;
    }
    const f = e.filter;
    const simple = f.direction === "in" && f.protocol !== "icmp" && !f.user && f.sourcePorts.length === 0 && !f.destination;
    if (simple && f.source === "anyone" && f.destPorts.length > 0) {
      // Closed to everyone: the port stays shut even though TCP_IN/UDP_IN list it (csf.allow still wins).
      for (const cut of f.destPorts) {
        open = open.flatMap((r) => (r.direction === "inbound" && r.protocol === f.protocol && r.sources === "anyone" ? subtractRange([r.ports], cut).map((ports) => ({ ...r, ports })) : [r]));
      }
      findings.push({ ...e.origin, severity: "info", message: `${f.protocol} ${f.destPorts.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(",")} is closed to everyone here, so it is left out of the open ports.` });
    } else if (simple && f.source && f.source !== "anyone" && f.destPorts.length === 0) {
      blocked.push({ address: f.source, comment: e.comment, origin: e.origin });
      findings.push({ ...e.origin, severity: "info", message: `${f.source} was denied for ${f.protocol} only; a profile blocks it for every protocol.` });
    } else {
      findings.push({ ...e.origin, severity: "warning", message: "A port-specific deny cannot be expressed in a profile (blocked addresses are blocked on every port); not imported." });
    }
  }
  return open;
}

function otherFiles(files: readonly ImportFile[], seen: Set<string>, findings: Finding[]): void {
  for (const f of files) {
    const name = baseName(f.path);
    if (seen.has(f.path) || name === "csf.conf") continue;
    const entries = fileLines(f).filter((l) => l.trim() !== "" && !l.trim().startsWith("#")).length;
    if (NOT_RULES[name]) findings.push({ file: f.path, line: 1, severity: "info", message: `${name} ${NOT_RULES[name]}; it is not a firewall rule, so its ${entries} entries are not imported.` });
    else if (SCRIPTS.has(name) && entries > 0) findings.push({ file: f.path, line: 1, severity: "warning", message: `${name} runs ${entries} custom commands around csf's rules (often NAT or forwarding); they are not imported. Review them by hand.` });
    else if (ENTRY_LISTS.has(name) && entries > 0) findings.push({ file: f.path, line: 1, severity: "warning", message: `${name} has ${entries} entries (block lists, dynamic DNS, redirects or SMTP auth) that a profile cannot express; not imported.` });
    else if (!SCRIPTS.has(name) && !ENTRY_LISTS.has(name)) findings.push({ file: f.path, line: 1, severity: "info", message: `${name} is not a file the CSF import reads (nor Included from csf.allow or csf.deny); skipped.` });
  }
}

export const importCsf: Importer = (files) => {
  const findings: Finding[] = [];
  const named = (name: string) => files.find((f) => baseName(f.path) === name);
  const confFile = named("csf.conf");
  let conf: ConfResult = { ipv6: false, outbound: "allow-all", rules: [], rateLimits: [] };
  if (confFile) conf = readCsfConf(parseCsfConf(confFile, findings), findings);
  else findings.push({ file: "csf.conf", line: 0, severity: "warning", message: "No csf.conf was given: no ports are opened, IPv6 is left unfiltered and outbound traffic is allowed (CSF's defaults). Add csf.conf to carry the port lists over." });
  const seen = new Set<string>();
  const allowFile = named("csf.allow");
  const denyFile = named("csf.deny");
  const allow = allowFile ? readCsfList(allowFile, files, findings, 0, seen) : [];
  const deny = denyFile ? readCsfList(denyFile, files, findings, 0, seen) : [];
  const blocked: ImportedBlock[] = [];
  // csf.allow is checked before csf.deny, and both before the port lists: a deny closes only TCP_IN/UDP_IN ports.
  const rules = fromDeny(deny, conf.rules, blocked, findings);
  fromAllow(allow, conf.outbound === "restricted", rules, findings);
  otherFiles(files, seen, findings);
  return { ipv6: conf.ipv6, outbound: conf.outbound, rules, blocked, rateLimits: conf.rateLimits, findings };
};
