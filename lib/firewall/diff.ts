/**
 * What changed between two saved profile documents, in words a reviewer reads: services switched
 * on or off, inbound ports opened or closed (with who may connect), sources, blocks, rate limits,
 * custom rules and settings. Pure; used by the audit trail and the revision comparison.
 */
import { findService, getCatalog } from "./catalog";
import { accessRisk, guardsRisk, opensRisk, rateLimitRisk, settingRisk, type ChangeRisk } from "./change-risk";
import { formatPorts as range } from "./policy/ports";
import { servicePorts } from "./policy/resolve";
import { ADMIN_LIST_LABEL, namedSources } from "./source-lists/references";
import { ADMIN_LIST_ID, type Access, type PortRange, ProfileDocument, ServiceChoice } from "./policy/schema";

export type DiffKind = "setting" | "server" | "service" | "port" | "source" | "block" | "rate-limit" | "custom-rule";
export type DiffChange = "added" | "removed" | "changed";
/** `risk`: does the change widen (riskier) or narrow (safer) what reaches the server? */
export type DiffEntry = { kind: DiffKind; change: DiffChange; text: string; risk: ChangeRisk };

const ACCESS_LABEL: Record<Access, string> = { anyone: "anyone", admins: "administrator sources", list: "listed sources" };


/** What opens an inbound port, and for whom (a named list counts as one source: "WebPros SEO scanner (8)"). */
export type OpenPort = { label: string; access: Access; sources: readonly string[] };

/** Inbound ports reachable from the network, keyed "21/tcp", valued with what opens them and for whom. */
export function openPorts(doc: ProfileDocument): Map<string, OpenPort> {
  const open = new Map<string, OpenPort>();
  const catalog = getCatalog(doc.server.panel);
  const add = (r: PortRange, tcp: boolean, udp: boolean, port: OpenPort) => {
    for (const proto of [tcp && "tcp", udp && "udp"].filter(Boolean)) open.set(`${range(r)}/${String(proto)}`, port);
  };
  for (const [id, choice] of Object.entries(doc.policy.services)) {
    const service = findService(catalog, id);
    if (!service || !choice.enabled || !choice.inbound || choice.localhostOnly) continue;
    add(servicePorts(service, choice, doc.server.sshPort), choice.tcp, choice.udp, { label: service.name, access: choice.access, sources: namedSources(choice, doc.policy, doc.server.adminSources) });
  }
  for (const rule of doc.policy.customRules) {
    if (rule.direction === "inbound") add(rule.ports, rule.tcp, rule.udp, { label: rule.label || rule.id, access: rule.access, sources: rule.sources });
  }
  return open;
}

const openText = (p: OpenPort | undefined) => (p ? `${p.label}, from ${ACCESS_LABEL[p.access]}` : "");

/** `risk(true)` is the risk of an addition, `risk(false)` of a removal. */
function diffSets(kind: DiffKind, before: readonly string[], after: readonly string[], added: (x: string) => string, removed: (x: string) => string, risk: (added: boolean) => ChangeRisk): DiffEntry[] {
  const a = new Set(before);
  const b = new Set(after);
  return [
    ...after.filter((x) => !a.has(x)).map((x) => ({ kind, change: "added" as const, text: added(x), risk: risk(true) })),
    ...before.filter((x) => !b.has(x)).map((x) => ({ kind, change: "removed" as const, text: removed(x), risk: risk(false) })),
  ];
}

const listName = (doc: ProfileDocument, id: string) =>
  id === ADMIN_LIST_ID ? ADMIN_LIST_LABEL : (doc.policy.sourceLists?.find((l) => l.id === id)?.label ?? id);

function diffServices(before: ProfileDocument, after: ProfileDocument): DiffEntry[] {
  const out: DiffEntry[] = [];
  const catalog = getCatalog(after.server.panel);
  const ids = [...new Set([...Object.keys(before.policy.services), ...Object.keys(after.policy.services)])].sort();
  const off = { enabled: false } as Partial<ServiceChoice>;
  for (const id of ids) {
    const name = findService(catalog, id)?.name ?? id;
    const was = before.policy.services[id] ?? off;
    const now = after.policy.services[id] ?? off;
    if (!!was.enabled !== !!now.enabled) {
      out.push({ kind: "service", change: now.enabled ? "added" : "removed", text: `${name} ${now.enabled ? "enabled" : "disabled"}`, risk: opensRisk(!!now.enabled) });
    }
    if (was.enabled && now.enabled && was.access !== now.access && now.access) {
      const from = was.access ?? "anyone";
      out.push({ kind: "service", change: "changed", text: `${name}: allowed from ${ACCESS_LABEL[from]} → ${ACCESS_LABEL[now.access]}`, risk: accessRisk(from, now.access) });
    }
    // A listed source matters only while the service is open to its list.
    const listed = (added: boolean) => ((added ? now : was).access === "list" ? opensRisk(added) : "neutral");
    out.push(...diffSets("source", was.sources ?? [], now.sources ?? [], (s) => `${name}: source ${s} added`, (s) => `${name}: source ${s} removed`, listed));
    out.push(...diffSets("source", was.lists ?? [], now.lists ?? [], (l) => `${name}: source list ${listName(after, l)} added`, (l) => `${name}: source list ${listName(before, l)} removed`, listed));
  }
  return out;
}

type ByIdRisk<T> = { added: (added: boolean) => ChangeRisk; changed: (was: T, now: T) => ChangeRisk };

function diffById<T extends { id: string }>(kind: DiffKind, noun: string, before: readonly T[], after: readonly T[], label: (x: T) => string, risk: ByIdRisk<T>): DiffEntry[] {
  const was = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const out: DiffEntry[] = [];
  for (const [id, x] of now) {
    const old = was.get(id);
    if (!old) out.push({ kind, change: "added", text: `${noun} ${label(x)} added`, risk: risk.added(true) });
    else if (JSON.stringify(old) !== JSON.stringify(x)) out.push({ kind, change: "changed", text: `${noun} ${label(old)} → ${label(x)}`, risk: risk.changed(old, x) });
  }
  for (const [id, x] of was) if (!now.has(id)) out.push({ kind, change: "removed", text: `${noun} ${label(x)} removed`, risk: risk.added(false) });
  return out;
}

function diffSettings(before: ProfileDocument, after: ProfileDocument): DiffEntry[] {
  const pairs: [string, unknown, unknown][] = [
    ["Backend", before.policy.backend, after.policy.backend],
    ["Outbound", before.policy.outbound, after.policy.outbound],
    ["IPv6 filtering", before.policy.ipv6 ? "on" : "off", after.policy.ipv6 ? "on" : "off"],
    ["Exim reverse DNS", before.policy.hardening.eximReverseDns, after.policy.hardening.eximReverseDns],
  ];
  const server = (["name", "hostname", "ipv4", "ipv6", "os", "panel", "sshPort"] as const).map(
    (key): [string, unknown, unknown] => [`Server ${key}`, before.server[key], after.server[key]],
  );
  const entries = [...pairs, ...server]
    .filter(([, a, b]) => a !== b)
    .map(([label, a, b]): DiffEntry => ({
      kind: label.startsWith("Server") ? "server" : "setting", change: "changed",
      text: `${label}: ${String(a) || "(none)"} → ${String(b) || "(none)"}`, risk: settingRisk(label, a, b),
    }));
  if (before.server.notes !== after.server.notes) entries.push({ kind: "server", change: "changed", text: "Server notes changed", risk: "neutral" });
  return [
    ...entries,
    ...diffSets("source", before.server.adminSources, after.server.adminSources, (s) => `Administrator source ${s} added`, (s) => `Administrator source ${s} removed`, opensRisk),
  ];
}

/** Every difference from `before` to `after`; `before` null means the profile is new (all additions). */
export function diffDocuments(before: ProfileDocument | null, after: ProfileDocument): DiffEntry[] {
  const empty: ProfileDocument = { ...after, policy: { ...after.policy, services: {}, customRules: [], blocked: [], rateLimits: [] } };
  const base = before ?? empty;
  const wasOpen = openPorts(base);
  const nowOpen = openPorts(after);
  const limit = (r: ProfileDocument["policy"]["rateLimits"][number]) =>
    `${r.label || r.id} (${range(r.ports)}/${r.protocol}${r.newConnections ? `, ${r.newConnections.count} new per ${r.newConnections.seconds}s` : ""}${r.concurrent ? `, ${r.concurrent} concurrent` : ""})`;
  const rule = (r: ProfileDocument["policy"]["customRules"][number]) =>
    `${r.label || r.id} (${range(r.ports)} ${[r.tcp && "tcp", r.udp && "udp"].filter(Boolean).join("+")} ${r.direction}, from ${ACCESS_LABEL[r.access]})`;
  return [
    ...(before ? diffSettings(base, after) : []),
    ...diffServices(base, after),
    ...diffSets("port", [...wasOpen.keys()], [...nowOpen.keys()], (p) => `Opened ${p} (${openText(nowOpen.get(p))})`, (p) => `Closed ${p} (${openText(wasOpen.get(p))})`, opensRisk),
    ...diffSets("block", base.policy.blocked.map((b) => b.address), after.policy.blocked.map((b) => b.address), (a) => `Blocked ${a}`, (a) => `Unblocked ${a}`, guardsRisk),
    ...diffById("rate-limit", "Rate limit", base.policy.rateLimits, after.policy.rateLimits, limit, { added: guardsRisk, changed: rateLimitRisk }),
    ...diffById("custom-rule", "Custom rule", base.policy.customRules, after.policy.customRules, rule, { added: opensRisk, changed: (a, b) => accessRisk(a.access, b.access) }),
  ];
}

/** "3 changes: Opened 3306/tcp (MySQL, from anyone); …" trimmed for a one-line summary. */
export function summarizeDiff(entries: readonly DiffEntry[], max = 3): string {
  if (entries.length === 0) return "no changes";
  const head = entries.slice(0, max).map((e) => e.text).join("; ");
  return `${entries.length} change${entries.length === 1 ? "" : "s"}: ${head}${entries.length > max ? "; …" : ""}`;
}
