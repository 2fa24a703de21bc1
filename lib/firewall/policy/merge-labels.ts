/**
 * Merge conflicts in words: "MySQL 3306 · inbound" with "on" for yours and "off" for theirs,
 * so the person choosing reads service names and flags, not JSON paths.
 */
import { BACKEND_FACTS } from "../backends/facts";
import { findService, getCatalog } from "../catalog";
import type { MergeConflict } from "./merge";
import { formatPorts } from "./ports";
import type { Access, Backend, CustomRule, PortRange, RateLimit, Server, ServiceChoice, SourceList } from "./schema";

export type ConflictText = { title: string; mine: string; theirs: string };

const ACCESS: Record<Access, string> = { anyone: "anyone", admins: "administrator sources", list: "listed sources" };

const SERVICE_FIELDS: Record<string, string> = {
  enabled: "enabled", tcp: "TCP", udp: "UDP", inbound: "inbound", outbound: "outbound",
  localhostOnly: "localhost only", access: "allowed from", ports: "port range", lists: "named source lists",
};
const RULE_FIELDS: Record<string, string> = {
  label: "label", ports: "ports", tcp: "TCP", udp: "UDP", direction: "direction", access: "allowed from",
  protocol: "protocol", newConnections: "new connections", concurrent: "concurrent connections",
};
const SETTINGS: Record<string, string> = {
  backend: "Firewall backend", outbound: "Outbound traffic", ipv6: "IPv6 filtering", eximReverseDns: "Exim reverse DNS check",
};

function sourcesText(access: Access, sources: readonly string[]): string {
  return access === "list" ? `${ACCESS.list} (${sources.join(", ") || "none"})` : ACCESS[access];
}

function serviceSummary(c: ServiceChoice): string {
  if (!c.enabled) return "off";
  const directions = [c.inbound && !c.localhostOnly && "inbound", c.outbound && "outbound", c.localhostOnly && "localhost only"].filter(Boolean);
  const protocols = [c.tcp && "TCP", c.udp && "UDP"].filter(Boolean).join("+");
  const range = c.ports ? ` ${formatPorts(c.ports)}` : "";
  return `on${range} (${protocols || "no protocol"}; ${directions.join(", ") || "no direction"}; from ${sourcesText(c.access, c.sources)})`;
}

function ruleSummary(r: CustomRule): string {
  const protocols = [r.tcp && "TCP", r.udp && "UDP"].filter(Boolean).join("+");
  return `${formatPorts(r.ports)} ${protocols} ${r.direction}, from ${sourcesText(r.access, r.sources)}${r.label ? ` ("${r.label}")` : ""}`;
}

function limitSummary(r: RateLimit): string {
  const parts = [r.newConnections && `${r.newConnections.count} new per ${r.newConnections.seconds} s`, r.concurrent !== undefined && `${r.concurrent} concurrent`];
  return `${formatPorts(r.ports)}/${r.protocol}: ${parts.filter(Boolean).join(", ")}${r.label ? ` ("${r.label}")` : ""}`;
}

/** One field's value as a person reads it. */
function valueText(field: string | undefined, value: unknown): string {
  if (value === undefined) return field === "ports" ? "the catalog's range" : "not set";
  if (typeof value === "boolean") return value ? "on" : "off";
  if (field === "access") return ACCESS[value as Access];
  if (field === "lists") return (value as string[]).join(", ") || "none";
  if (field === "backend") return BACKEND_FACTS[value as Backend].label;
  if (field === "outbound") return value === "allow-all" ? "allow all" : String(value);
  if (field === "newConnections") {
    const v = value as NonNullable<RateLimit["newConnections"]>;
    return `${v.count} per ${v.seconds} s`;
  }
  if (typeof value === "object" && value !== null && "from" in value) return formatPorts(value as PortRange);
  if (field === "label" || field === "comment") return value === "" ? "(none)" : `"${String(value)}"`;
  return String(value);
}

/** A whole entry (added, removed or edited as a whole) as a person reads it. */
function entryText(list: string, value: unknown): string {
  if (value === undefined) return list === "services" ? "not in the profile (off)" : "removed";
  if (list === "services") return serviceSummary(value as ServiceChoice);
  if (list === "customRules") return ruleSummary(value as CustomRule);
  if (list === "rateLimits") return limitSummary(value as RateLimit);
  if (list === "sourceLists") {
    const l = value as SourceList;
    return `${l.label} (${l.addresses.length} ${l.addresses.length === 1 ? "address" : "addresses"})`;
  }
  const comment = (value as { comment: string }).comment;
  return comment ? `blocked ("${comment}")` : "blocked";
}

function serviceName(server: Server, id: string): string {
  const service = findService(getCatalog(server.panel), id);
  if (!service) return id;
  const port = service.isSsh ? server.sshPort : formatPorts(service.port);
  return `${service.name} ${port}`;
}

/** The entry's name: "MySQL 3306", "Custom rule Node exporter", "Rate limit ssh-flood", "Blocked 198.51.100.7". */
function entryName(server: Server, list: string, key: string, conflict: MergeConflict): string {
  if (list === "services") return serviceName(server, key);
  if (list === "blocked") return `Blocked address ${key}`;
  if (list === "sourceLists") return `Source list ${key}`;
  const sides = [conflict.mine, conflict.theirs, conflict.base] as ({ label?: string } | undefined)[];
  const label = sides.find((s) => s?.label)?.label;
  return `${list === "customRules" ? "Custom rule" : "Rate limit"} ${label ? `"${label}" (${key})` : key}`;
}

/** Title and both sides of one conflict, in words. */
export function describeConflict(conflict: MergeConflict, server: Server): ConflictText {
  const [list = "", key = "", field] = conflict.path;
  const isEntry = ["services", "customRules", "rateLimits", "blocked", "sourceLists"].includes(list);
  if (!isEntry) {
    const name = SETTINGS[key || list] ?? conflict.path.join(" ");
    return { title: `Settings · ${name}`, mine: valueText(list, conflict.mine), theirs: valueText(list, conflict.theirs) };
  }
  const name = entryName(server, list, key, conflict);
  if (field === undefined) return { title: name, mine: entryText(list, conflict.mine), theirs: entryText(list, conflict.theirs) };
  const fieldName = (list === "services" ? SERVICE_FIELDS : RULE_FIELDS)[field] ?? field;
  return { title: `${name} · ${fieldName}`, mine: valueText(field, conflict.mine), theirs: valueText(field, conflict.theirs) };
}

/** "MySQL 3306 · inbound: yours on, theirs off". */
export function conflictSentence(conflict: MergeConflict, server: Server): string {
  const text = describeConflict(conflict, server);
  return `${text.title}: yours ${text.mine}, theirs ${text.theirs}`;
}
