/**
 * Import firewalld: a copy of /etc/firewalld (zones, services, ipsets, policies, firewalld.conf, and
 * Portcullis's companion limits table portcullis/limits.nft when present).
 * Service names resolve against the given service files first, then a table of the stock services
 * (checked against /usr/lib/firewalld/services of firewalld 1.3). XML is read without entities
 * (import-xml.ts). docs/backends.md §3.
 */
import type { PortRange } from "../../policy/schema";
import { baseName, parsePortRange, parseSource } from "../../import/text";
import type { Finding, ImportedBlock, ImportedRule, Importer, Origin } from "../../import/types";
import { importNftables } from "../nftables/import";
import { parseXml, type XmlElement } from "./import-xml";

type Port = { protocol: "tcp" | "udp"; port: string };
/** Stock firewalld services (protocol/port as in /usr/lib/firewalld/services/<name>.xml). */
export const STOCK_SERVICES: Record<string, Port[]> = {
  ssh: [{ protocol: "tcp", port: "22" }], http: [{ protocol: "tcp", port: "80" }], https: [{ protocol: "tcp", port: "443" }],
  http3: [{ protocol: "udp", port: "443" }], smtp: [{ protocol: "tcp", port: "25" }], smtps: [{ protocol: "tcp", port: "465" }],
  "smtp-submission": [{ protocol: "tcp", port: "587" }], imap: [{ protocol: "tcp", port: "143" }], imaps: [{ protocol: "tcp", port: "993" }],
  pop3: [{ protocol: "tcp", port: "110" }], pop3s: [{ protocol: "tcp", port: "995" }], dns: [{ protocol: "tcp", port: "53" }, { protocol: "udp", port: "53" }],
  ftp: [{ protocol: "tcp", port: "21" }], mysql: [{ protocol: "tcp", port: "3306" }], postgresql: [{ protocol: "tcp", port: "5432" }],
  ntp: [{ protocol: "udp", port: "123" }], cockpit: [{ protocol: "tcp", port: "9090" }],
};
/** Stock services that only let replies or local discovery in: nothing for a profile to carry. */
const CLIENT_SERVICES = new Set(["dhcpv6-client", "mdns", "samba-client"]);

type Ctx = { findings: Finding[]; services: Map<string, { ports: Port[]; el: XmlElement; file: string }>; ipsets: Map<string, string[]> };

function portsOfService(name: string, ctx: Ctx, origin: Origin): Port[] | null {
  const own = ctx.services.get(name);
  if (own) return own.ports;
  if (STOCK_SERVICES[name]) return STOCK_SERVICES[name];
  if (CLIENT_SERVICES.has(name)) return (ctx.findings.push({ ...origin, severity: "info", message: `Service ${name} lets only replies or local discovery in; nothing to carry over.` }), []);
  ctx.findings.push({ ...origin, severity: "warning", message: `Service ${name} is neither among the given files nor a stock service Portcullis knows; add services/${name}.xml. Not imported.` });
  return null;
}

function ranges(ports: Port[], origin: Origin, ctx: Ctx): { protocol: "tcp" | "udp"; ports: PortRange }[] {
  return ports.flatMap((p) => {
    const r = parsePortRange(p.port, "-");
    if (!r) ctx.findings.push({ ...origin, severity: "warning", message: `Port "${p.port}" is not a port or range; skipped.` });
    return r ? [{ protocol: p.protocol, ports: r }] : [];
  });
}

const portEl = (el: XmlElement): Port | null => (el.attrs.protocol === "tcp" || el.attrs.protocol === "udp") && el.attrs.port ? { protocol: el.attrs.protocol, port: el.attrs.port } : null;

function sourcesOf(el: XmlElement | undefined, ctx: Ctx, origin: Origin): "anyone" | string[] | null {
  if (!el) return "anyone";
  if (el.attrs.invert === "true" || el.attrs.invert === "yes") return (ctx.findings.push({ ...origin, severity: "warning", message: "An inverted source cannot be expressed; not imported." }), null);
  if (el.attrs.ipset) {
    const members = ctx.ipsets.get(el.attrs.ipset);
    if (!members) return (ctx.findings.push({ ...origin, severity: "warning", message: `ipset ${el.attrs.ipset} is not among the files; not imported.` }), null);
    return members.map((m) => parseSource(m)).filter((m): m is string => m !== null && m !== "anyone");
  }
  const s = parseSource(el.attrs.address ?? el.attrs.mac ?? "");
  if (s === null) return (ctx.findings.push({ ...origin, severity: "warning", message: "A source that is not an address, network or ipset (a MAC address?); not imported." }), null);
  return s === "anyone" ? "anyone" : [s];
}

function zone(el: XmlElement, file: string, isDefault: boolean, ctx: Ctx, rules: ImportedRule[], blocked: ImportedBlock[]): void {
  const target = el.attrs.target ?? "default";
  const zoneSources = el.children.filter((c) => c.name === "source");
  const at = (c: XmlElement): Origin => ({ file, line: c.line });
  if (target === "DROP" || target === "REJECT" || target === "%%REJECT%%") {
    for (const s of zoneSources) {
      const list = sourcesOf(s, ctx, at(s));
      if (list && list !== "anyone") for (const address of list) blocked.push({ address, comment: "", origin: at(s) });
    }
    if (zoneSources.length > 0) return;
  }
  if (!isDefault && zoneSources.length === 0) {
    if (el.children.some((c) => c.name === "interface")) ctx.findings.push({ file, line: el.line, severity: "warning", message: "A zone bound to interfaces other than the default zone's: interface-specific rules are not imported." });
    return;
  }
  if (target === "ACCEPT") ctx.findings.push({ file, line: el.line, severity: "warning", message: "Zone target ACCEPT lets everything in; a profile denies by default, so only the listed ports stay open." });
  const zoneFrom = zoneSources.length === 0 ? "anyone" : zoneSources.flatMap((s) => sourcesOf(s, ctx, at(s)) ?? []).filter((x) => x !== "anyone");
  const add = (ports: Port[], sources: "anyone" | string[], origin: Origin) => {
    for (const r of ranges(ports, origin, ctx)) rules.push({ direction: "inbound", protocol: r.protocol, ports: r.ports, sources, origin });
  };
  for (const c of el.children) {
    const origin = at(c);
    if (c.name === "service") { const p = portsOfService(c.attrs.name ?? "", ctx, origin); if (p) add(p, zoneFrom, origin); }
    else if (c.name === "port") { const p = portEl(c); if (p) add([p], zoneFrom, origin); }
    else if (c.name === "rule") {
      const verdict = c.children.find((x) => x.name === "accept" || x.name === "drop" || x.name === "reject");
      const src = c.children.find((x) => x.name === "source");
      const svc = c.children.find((x) => x.name === "service");
      const port = c.children.find((x) => x.name === "port");
      const odd = c.children.find((x) => !["accept", "drop", "reject", "source", "service", "port", "log"].includes(x.name));
      if (c.children.some((x) => x.name === "log") && !verdict) { ctx.findings.push({ ...origin, severity: "info", message: "A log-only rich rule; not imported." }); continue; }
      if (odd || c.children.some((x) => x.children.some((y) => y.name === "limit"))) { ctx.findings.push({ ...origin, severity: "warning", message: `A rich rule with <${odd?.name ?? "limit"}> (NAT, marks, limits or another element) cannot be expressed; not imported.` }); continue; }
      const sources = sourcesOf(src, ctx, origin);
      if (!verdict || sources === null) continue;
      if (verdict.name !== "accept") {
        if (sources !== "anyone" && !svc && !port) for (const address of sources) blocked.push({ address, comment: "", origin });
        else ctx.findings.push({ ...origin, severity: "warning", message: "A port-specific or everyone-wide drop rich rule cannot be expressed; not imported." });
        continue;
      }
      const ports = svc ? portsOfService(svc.attrs.name ?? "", ctx, origin) : port ? [portEl(port)].filter((x): x is Port => x !== null) : [{ protocol: "tcp" as const, port: "1-65535" }, { protocol: "udp" as const, port: "1-65535" }];
      if (ports) add(ports, sources, origin);
    } else if (c.name === "masquerade" || c.name === "forward-port") ctx.findings.push({ ...origin, severity: "warning", message: `<${c.name}> is NAT; a profile cannot express it. Not imported.` });
    else if (c.name === "icmp-block" || c.name === "icmp-block-inversion") ctx.findings.push({ ...origin, severity: "info", message: `<${c.name}>: ICMP is handled by Portcullis's own rules; not imported.` });
    else if (c.name === "forward") ctx.findings.push({ ...origin, severity: "info", message: "<forward/>: intra-zone forwarding is not part of a profile; not imported." });
    else if (c.name === "source-port" || c.name === "protocol") ctx.findings.push({ ...origin, severity: "warning", message: `<${c.name}> cannot be expressed in a profile; not imported.` });
  }
}

export const importFirewalld: Importer = (files) => {
  const findings: Finding[] = [];
  const ctx: Ctx = { findings, services: new Map(), ipsets: new Map() };
  const docs = files.filter((f) => f.path.endsWith(".xml")).map((f) => ({ file: f.path, el: parseXml(f) }));
  for (const d of docs) {
    const name = baseName(d.file).replace(/\.xml$/, "");
    if (d.el.name === "service") {
      ctx.services.set(name, { ports: d.el.children.map(portEl).filter((p): p is Port => p !== null), el: d.el, file: d.file });
      for (const c of d.el.children.filter((x) => ["helper", "module", "source-port", "destination", "protocol"].includes(x.name))) findings.push({ file: d.file, line: c.line, severity: "warning", message: `Service ${name}: <${c.name}> (conntrack helpers, source ports, destinations, protocols) cannot be expressed; only its ports are imported.` });
    } else if (d.el.name === "ipset") ctx.ipsets.set(name, d.el.children.filter((c) => c.name === "entry").map((c) => c.text.trim()));
  }
  const conf = files.find((f) => baseName(f.path) === "firewalld.conf");
  const defaultZone = (conf && /^DefaultZone=(\S+)/m.exec(conf.text)?.[1]) || "public";
  const rules: ImportedRule[] = [];
  const blocked: ImportedBlock[] = [];
  let outbound: "allow-all" | "restricted" = "allow-all";
  for (const d of docs) {
    const name = baseName(d.file).replace(/\.xml$/, "");
    if (d.el.name === "zone") zone(d.el, d.file, name === defaultZone, ctx, rules, blocked);
    else if (d.el.name === "policy") {
      const egress = d.el.children.some((c) => c.name === "ingress-zone" && c.attrs.name === "HOST") && d.el.children.some((c) => c.name === "egress-zone" && c.attrs.name === "ANY");
      if (!egress) { findings.push({ file: d.file, line: d.el.line, severity: "warning", message: `Policy ${name} is not a HOST → ANY egress policy (forwarding between zones); not imported.` }); continue; }
      if (d.el.attrs.target === "REJECT" || d.el.attrs.target === "DROP") outbound = "restricted";
      for (const c of d.el.children) {
        const origin = { file: d.file, line: c.line };
        const ports = c.name === "service" ? portsOfService(c.attrs.name ?? "", ctx, origin) : c.name === "port" ? [portEl(c)].filter((x): x is Port => x !== null) : null;
        if (ports) for (const r of ranges(ports, origin, ctx)) rules.push({ direction: "outbound", protocol: r.protocol, ports: r.ports, sources: "anyone", origin });
        else if (c.name === "rule" && !c.children.some((x) => x.name === "destination" && x.attrs.ipset)) findings.push({ ...origin, severity: "warning", message: "An egress rich rule cannot be expressed; not imported." });
      }
    } else if (d.el.name !== "service" && d.el.name !== "ipset") findings.push({ file: d.file, line: d.el.line, severity: "info", message: `<${d.el.name}> files are not imported.` });
  }
  if (!docs.some((d) => d.el.name === "zone")) findings.push({ file: files[0]?.path ?? "", line: 0, severity: "warning", message: `No zone file was given (the default zone is ${defaultZone}): no ports are opened. Add zones/${defaultZone}.xml.` });
  // Per-source limits are no firewalld feature; Portcullis's companion table (limits.ts) holds them.
  const companion = files.find((f) => baseName(f.path) === "limits.nft");
  const rateLimits = companion ? importNftables([companion]).rateLimits : [];
  return { ipv6: true, outbound, rules: outbound === "restricted" ? rules : rules.filter((r) => r.direction === "inbound"), blocked, rateLimits, findings };
};
