/**
 * From what a parser understood to a profile: open ports mapped onto the panel catalog's
 * services where a service's port and protocols match exactly, everything else as custom rules,
 * and whatever exceeds the profile's limits reported as a finding (never dropped silently).
 */
import { getCatalog } from "../catalog";
import type { CatalogService } from "../catalog/types";
import { appliesTo, recommendedBackend } from "../policy/defaults";
import {
  PROFILE_FORMAT, PROFILE_VERSION, serverSchema,
  type CustomRule, type PortRange, type ServiceChoice,
} from "../policy/schema";
import { safeParseProfile } from "../policy/validate";
import { mergeLimits } from "./limits";
import { baseName, toLabel } from "./text";
import type { Finding, ImportedFirewall, ImportOptions, ImportResult, Origin } from "./types";

const MAX_CUSTOM = 500;
const MAX_SOURCES = 10_000;
const MAX_BLOCKED = 200_000;

type Protocol = "tcp" | "udp";
type Entry = { ports: PortRange; sources: "anyone" | Set<string>; origin: Origin };
type Table = Map<string, Entry>;

const keyOf = (protocol: Protocol, r: PortRange) => `${protocol}|${r.from}-${r.to}`;

function table(fw: ImportedFirewall, direction: "inbound" | "outbound"): Table {
  const out: Table = new Map();
  for (const rule of fw.rules) {
    if (rule.direction !== direction) continue;
    if (rule.sources !== "anyone" && rule.sources.length === 0) continue;
    const sources = rule.sources === "anyone" || direction === "outbound" ? "anyone" : new Set(rule.sources);
    addEntry(out, rule.protocol, { ports: rule.ports, sources, origin: rule.origin });
  }
  return out;
}

/** Ranges at most this wide are split to find catalog ports inside them (20:22 holds FTP and SSH). */
const CARVE_WIDTH = 1024;

function addEntry(t: Table, protocol: Protocol, e: Entry): void {
  const key = keyOf(protocol, e.ports);
  const old = t.get(key);
  if (!old) t.set(key, e);
  else if (old.sources !== "anyone") old.sources = e.sources === "anyone" ? "anyone" : new Set([...old.sources, ...e.sources]);
}

/** Split a narrow range that holds `port` so the catalog service can claim its exact piece. */
function carve(t: Table, protocol: Protocol, port: PortRange): void {
  if (t.has(keyOf(protocol, port))) return;
  // Every entry holding the port is split (each may carry other sources); collected first, since
  // adding pieces while iterating the map would visit them again.
  const holders = [...t].filter(([key, e]) => key.startsWith(`${protocol}|`) && e.ports.to - e.ports.from < CARVE_WIDTH && e.ports.from <= port.from && e.ports.to >= port.to);
  for (const [key, e] of holders) {
    t.delete(key);
    const pieces = [{ from: e.ports.from, to: port.from - 1 }, port, { from: port.to + 1, to: e.ports.to }].filter((r) => r.from <= r.to);
    for (const ports of pieces) addEntry(t, protocol, { ...e, ports, sources: e.sources === "anyone" ? "anyone" : new Set(e.sources) });
  }
}

const sameSources = (a: Entry, b: Entry) =>
  a.sources === "anyone" || b.sources === "anyone" ? a.sources === b.sources : a.sources.size === b.sources.size && [...a.sources].every((s) => (b.sources as Set<string>).has(s));

const sourceList = (e: Entry | undefined) => (e === undefined || e.sources === "anyone" ? [] : [...e.sources]);
const fits = (e: Entry | undefined) => e === undefined || e.sources === "anyone" || e.sources.size <= MAX_SOURCES;

/** Take the catalog service's rows out of the tables when its port matches; null when it does not. */
function claim(service: CatalogService, port: PortRange, inbound: Table, outbound: Table): ServiceChoice | null {
  for (const p of ["tcp", "udp"] as const) {
    carve(inbound, p, port);
    carve(outbound, p, port);
  }
  const find = (t: Table, p: Protocol) => t.get(keyOf(p, port));
  const pin = (["tcp", "udp"] as const).filter((p) => find(inbound, p) !== undefined);
  const pout = (["tcp", "udp"] as const).filter((p) => find(outbound, p) !== undefined);
  let protocols: Protocol[];
  if (pin.length === 2) {
    const [t, u] = [find(inbound, "tcp"), find(inbound, "udp")] as [Entry, Entry];
    protocols = sameSources(t, u) ? ["tcp", "udp"] : ["tcp"];
  } else protocols = pin.length > 0 ? pin : pout;
  if (protocols.length === 0 || !protocols.every((p) => fits(find(inbound, p)))) return null;
  const isInbound = pin.length > 0;
  const isOutbound = protocols.every((p) => pout.includes(p));
  const first = find(inbound, protocols[0] ?? "tcp");
  for (const p of protocols) {
    if (isInbound) inbound.delete(keyOf(p, port));
    if (isOutbound) outbound.delete(keyOf(p, port));
  }
  return {
    enabled: true, tcp: protocols.includes("tcp"), udp: protocols.includes("udp"), inbound: isInbound, outbound: isOutbound,
    localhostOnly: false, access: first === undefined || first.sources === "anyone" ? "anyone" : "list", sources: sourceList(first),
    ...(service.configurableRange ? { ports: { ...port } } : {}),
  };
}

function customRules(inbound: Table, outbound: Table, findings: Finding[]): CustomRule[] {
  const rules: CustomRule[] = [];
  const add = (direction: "inbound" | "outbound", t: Table) => {
    for (const [key, e] of t) {
      t.delete(key);
      const [protocol] = key.split("|") as [Protocol];
      const twinKey = keyOf(protocol === "tcp" ? "udp" : "tcp", e.ports);
      const twin = protocol === "tcp" ? t.get(twinKey) : undefined;
      const both = twin !== undefined && sameSources(e, twin);
      if (both) t.delete(twinKey);
      const list = sourceList(e);
      const chunks = e.sources === "anyone" ? [[]] : Array.from({ length: Math.ceil(list.length / MAX_SOURCES) }, (_, i) => list.slice(i * MAX_SOURCES, (i + 1) * MAX_SOURCES));
      for (const sources of chunks) {
        if (rules.length >= MAX_CUSTOM) {
          findings.push({ ...e.origin, severity: "warning", message: `${direction} ${protocol} ${e.ports.from}-${e.ports.to} is not carried over: a profile holds at most ${MAX_CUSTOM} custom rules.` });
          continue;
        }
        rules.push({
          id: `imported-${rules.length + 1}`,
          label: toLabel(`Imported from ${baseName(e.origin.file)} line ${e.origin.line}`),
          ports: e.ports, tcp: protocol === "tcp" || both, udp: protocol === "udp" || both, direction,
          access: e.sources === "anyone" ? "anyone" : "list", sources,
        });
      }
    }
  };
  add("inbound", inbound);
  add("outbound", outbound);
  return rules;
}

/** Map what a parser understood onto the panel's catalog and validate the result as a profile. */
export function buildDocument(fw: ImportedFirewall, options: ImportOptions): ImportResult {
  const findings = [...fw.findings];
  const server = serverSchema.parse({ name: options.name, os: options.os, panel: options.panel });
  const inbound = table(fw, "inbound");
  const outbound = fw.outbound === "restricted" ? table(fw, "outbound") : new Map<string, Entry>();
  const services: Record<string, ServiceChoice> = {};
  for (const service of getCatalog(options.panel).services) {
    if (!appliesTo(service, options.os)) continue;
    const choice = claim(service, service.isSsh ? { from: server.sshPort, to: server.sshPort } : service.port, inbound, outbound);
    if (choice) services[service.id] = choice;
  }
  const blocked = new Map<string, { address: string; comment: string }>();
  // A long list repeats a few comments ("Portcullis blocked", lfd's reasons): each cleaned once.
  const labels = new Map<string, string>();
  const label = (comment: string) => labels.get(comment) ?? labels.set(comment, toLabel(comment)).get(comment)!;
  for (const b of fw.blocked) {
    if (blocked.has(b.address)) continue;
    if (blocked.size >= MAX_BLOCKED) {
      findings.push({ ...b.origin, severity: "warning", message: `${b.address} is not carried over: a profile holds at most ${MAX_BLOCKED.toLocaleString("en")} blocked entries.` });
      continue;
    }
    blocked.set(b.address, { address: b.address, comment: label(b.comment) });
  }
  // The schema's own result (safeParseProfile checks a canonical blocklist in a loop, not entry by entry).
  const parsed = safeParseProfile({
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    server,
    policy: {
      backend: options.backend ?? recommendedBackend(options.os),
      inboundDefault: "deny",
      outbound: fw.outbound,
      ipv6: fw.ipv6,
      services,
      customRules: customRules(inbound, outbound, findings),
      blocked: [...blocked.values()],
      rateLimits: mergeLimits(fw.rateLimits, findings),
      hardening: { eximReverseDns: "off" },
    },
  });
  if (!parsed.success) throw parsed.error;
  return { document: parsed.data, findings };
}
