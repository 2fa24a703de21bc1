/**
 * Import APF: conf.apf (IG_/EG_ port lists, EGF, USE_IPV6, IG_*_CLIMIT) with allow_hosts.rules and
 * deny_hosts.rules (plain addresses and `proto:flow:d=port:s=address`, IPv6 in brackets). Every
 * other switched-on setting is a finding (docs/backends.md §6). Portcullis's companion files
 * (portcullis/companion.v4, .v6, .ipset), when given, carry what APF 9.x cannot: the IPv4 blocklist
 * set and limits, and the whole IPv6 profile; they are read with the iptables importer.
 */
import type { PortRange } from "../../policy/schema";
import { baseName, fileLines, parsePortRange, parseSource, splitComment } from "../../import/text";
import type { Finding, ImportedBlock, ImportedFirewall, ImportedLimit, ImportedRule, ImportFile, Importer } from "../../import/types";
import { importIptables } from "../iptables/import";

const CARRIED = new Set(["IG_TCP_CPORTS", "IG_UDP_CPORTS", "EGF", "EG_TCP_CPORTS", "EG_UDP_CPORTS", "USE_IPV6", "IG_TCP_CLIMIT", "IG_UDP_CLIMIT", "DEVEL_MODE", "SET_TRIM"]);
const FIREWALL = /^(IG_ICMP|EG_ICMP|IG_ICMPV6|EG_ICMPV6|EG_TCP_UID|EG_UDP_UID|EG_DROP_CMD|BLK_|PKT_|SYSCTL_SYN|SYNFLOOD|CT_|RAB|IFACE_|DOCKER|TOS_|DLIST|VF_|LOG_DROP|SET_)/;
const ALL: PortRange = { from: 1, to: 65535 };

function readConf(file: ImportFile, findings: Finding[]): Map<string, { value: string; line: number }> {
  const vars = new Map<string, { value: string; line: number }>();
  fileLines(file).forEach((raw, i) => {
    const m = /^\s*([A-Z_0-9]+)=(?:"([^"]*)"|'([^']*)'|([^\s#]*))\s*(?:#.*)?$/.exec(raw);
    if (!m?.[1]) return;
    const earlier = vars.get(m[1]);
    if (earlier) findings.push({ file: file.path, line: i + 1, severity: "info", message: `${m[1]} is set again (first on line ${earlier.line}); the shell keeps this later value, and so does the import.` });
    vars.set(m[1], { value: (m[2] ?? m[3] ?? m[4] ?? "").trim(), line: i + 1 });
  });
  for (const [key, s] of vars) {
    if (CARRIED.has(key) || s.value === "" || s.value === "0") continue;
    const firewall = FIREWALL.test(key);
    findings.push({ file: file.path, line: s.line, severity: firewall ? "warning" : "info", message: firewall ? `${key}="${s.value.slice(0, 60)}" changes what APF lets through (ICMP, per-user egress, block lists, reserved networks, interfaces); a profile cannot express it. Not imported.` : `${key}: an APF housekeeping setting, not a firewall rule; not imported.` });
  }
  return vars;
}

function ports(list: string, origin: { file: string; line: number }, findings: Finding[]): PortRange[] {
  return list.split(",").map((x) => x.trim()).filter(Boolean).flatMap((x) => {
    const r = parsePortRange(x, "_:");
    if (!r) findings.push({ ...origin, severity: "warning", message: `"${x.slice(0, 30)}" is not a port or range; skipped.` });
    return r ? [r] : [];
  });
}

type Entry = { protocol: "tcp" | "udp" | "any"; direction: "in" | "out"; ports: PortRange[]; address: string | "anyone" | null; other: string | null };

/** `tcp:in:d=22:s=192.0.2.1`, `d=22:s=[2001:db8::1]`, or a plain address. */
function parseEntry(body: string): Entry | string {
  const parts = body.match(/(?:[^:[]|\[[^\]]*\])+/g) ?? [];
  if (!body.includes("=")) {
    const a = parseSource(body);
    return a === null ? `"${body.slice(0, 60)}" is not an address` : { protocol: "any", direction: "in", ports: [], address: a, other: null };
  }
  const e: Entry = { protocol: "tcp", direction: "in", ports: [], address: null, other: null };
  for (const p of parts) {
    if (p === "tcp" || p === "udp") e.protocol = p;
    else if (p === "in" || p === "out") e.direction = p;
    else if (/^[sd]=/.test(p)) {
      const value = p.slice(2);
      const list = value.split(",").map((x) => parsePortRange(x, "_:"));
      if (list.every((x) => x !== null)) {
        if (p[0] === "s") e.other = "a source-port filter";
        else e.ports = list as PortRange[];
      } else {
        const a = parseSource(value);
        if (a === null) return `"${value.slice(0, 60)}" is neither a port nor an address`;
        if ((p[0] === "d") === (e.direction === "in")) e.other = "a filter on a destination address";
        else e.address = a;
      }
    } else return `"${p.slice(0, 30)}" is not part of proto:flow:s/d=…`;
  }
  return e;
}

function readHosts(file: ImportFile, allow: boolean, restricted: boolean, out: { rules: ImportedRule[]; blocked: ImportedBlock[] }, findings: Finding[]): void {
  fileLines(file).forEach((raw, i) => {
    const origin = { file: file.path, line: i + 1 };
    const { body, comment } = splitComment(raw.trim());
    if (body === "") return;
    const e = parseEntry(body);
    if (typeof e === "string") return void findings.push({ ...origin, severity: "warning", message: `${e}; not imported.` });
    if (e.other) return void findings.push({ ...origin, severity: "warning", message: `${e.other[0]?.toUpperCase()}${e.other.slice(1)} cannot be expressed in a profile; not imported.` });
    const protocols = e.protocol === "any" ? (["tcp", "udp"] as const) : [e.protocol];
    if (!allow) {
      if (e.address && e.address !== "anyone" && e.ports.length === 0 && e.protocol === "any") out.blocked.push({ address: e.address, comment, origin });
      else findings.push({ ...origin, severity: "warning", message: "A port-, protocol- or direction-specific deny cannot be expressed (blocked addresses are blocked on every port); not imported." });
      return;
    }
    if (e.direction === "out") {
      if (e.address && e.address !== "anyone") return void findings.push({ ...origin, severity: "warning", message: "An outbound allow to one destination cannot be expressed; not imported." });
      if (restricted) for (const protocol of protocols) for (const p of e.ports.length > 0 ? e.ports : [ALL]) out.rules.push({ direction: "outbound", protocol, ports: p, sources: "anyone", origin });
      return;
    }
    const sources = e.address === null || e.address === "anyone" ? "anyone" : [e.address];
    for (const protocol of protocols) for (const p of e.ports.length > 0 ? e.ports : [ALL]) out.rules.push({ direction: "inbound", protocol, ports: p, sources, origin });
  });
}

const COMPANION = /^companion\.(v4|v6|ipset)$/;

/**
 * The companion's part, or null without one: from companion.v4 only the blocklist and limits (its
 * chain only drops or returns, APF decides what is open); from companion.v6 everything (IPv6).
 */
function readCompanion(files: readonly ImportFile[]): ImportedFirewall | null {
  const named = (n: string) => files.filter((f) => baseName(f.path) === n);
  const [v4, v6, sets] = [named("companion.v4"), named("companion.v6"), named("companion.ipset")];
  if (v4.length + v6.length === 0) return null;
  const four = v4.length > 0 ? importIptables([...v4, ...sets]) : null;
  const six = v6.length > 0 ? importIptables([...v6, ...sets]) : null;
  // The family notes ("only ip6tables-save was given") are about a lone iptables import, not this one.
  const findings = [...(four?.findings ?? []), ...(six?.findings ?? [])].filter((f) => f.line > 0);
  return {
    ipv6: six !== null,
    outbound: six?.outbound ?? "allow-all",
    rules: six?.rules ?? [],
    blocked: [...(four?.blocked ?? []), ...(six?.blocked ?? [])],
    rateLimits: [...(four?.rateLimits ?? []), ...(six?.rateLimits ?? [])],
    findings,
  };
}

export const importApf: Importer = (files) => {
  const findings: Finding[] = [];
  const named = (n: string) => files.find((f) => baseName(f.path) === n) ?? files.find((f) => baseName(f.path).startsWith(`${n}.`));
  const confFile = named("conf.apf");
  const vars = confFile ? readConf(confFile, findings) : new Map<string, { value: string; line: number }>();
  if (!confFile) findings.push({ file: "conf.apf", line: 0, severity: "warning", message: "No conf.apf was given: no ports are opened. Add it to carry the port lists over." });
  const at = (k: string) => ({ file: confFile?.path ?? "conf.apf", line: vars.get(k)?.line ?? 0 });
  const get = (k: string) => vars.get(k)?.value ?? "";
  if (get("DEVEL_MODE") === "1") findings.push({ ...at("DEVEL_MODE"), severity: "info", message: "DEVEL_MODE=1: APF flushed its rules every 5 minutes. The imported rules are permanent; apply.sh has its own confirm-or-roll-back step." });
  const restricted = get("EGF") === "1";
  const rules: ImportedRule[] = [];
  for (const [key, direction, protocol] of [["IG_TCP_CPORTS", "inbound", "tcp"], ["IG_UDP_CPORTS", "inbound", "udp"], ["EG_TCP_CPORTS", "outbound", "tcp"], ["EG_UDP_CPORTS", "outbound", "udp"]] as const) {
    if (direction === "outbound" && !restricted) continue;
    for (const p of ports(get(key), at(key), findings)) rules.push({ direction, protocol, ports: p, sources: "anyone", origin: at(key) });
  }
  const rateLimits: ImportedLimit[] = [];
  for (const [key, protocol] of [["IG_TCP_CLIMIT", "tcp"], ["IG_UDP_CLIMIT", "udp"]] as const) {
    for (const item of get(key).split(",").map((x) => x.trim()).filter(Boolean)) {
      const [p = "", n = ""] = item.split(":");
      const range = parsePortRange(p, "_");
      if (!range || !/^\d+$/.test(n) || Number(n) < 1) findings.push({ ...at(key), severity: "warning", message: `${key} entry "${item.slice(0, 30)}" is not port:limit; skipped.` });
      else rateLimits.push({ protocol, ports: range, concurrent: Number(n), origin: at(key) });
    }
  }
  const out = { rules, blocked: [] as ImportedBlock[] };
  const allow = named("allow_hosts.rules");
  const deny = named("deny_hosts.rules");
  if (allow) readHosts(allow, true, restricted, out, findings);
  if (deny) readHosts(deny, false, restricted, out, findings);
  const companion = readCompanion(files);
  for (const f of files) if (f !== confFile && f !== allow && f !== deny && !COMPANION.test(baseName(f.path))) findings.push({ file: f.path, line: 1, severity: "info", message: `${baseName(f.path)} is not a file the APF import reads; skipped.` });
  if (!companion) return { ipv6: get("USE_IPV6") === "1", outbound: restricted ? "restricted" : "allow-all", rules: out.rules, blocked: out.blocked, rateLimits, findings };
  // deny_hosts.rules repeats the companion's blocklist (for APF's own tools): each address once, where
  // it came first, as the companion says it. A loop, not pairs spread into a Map: 100,000 entries.
  const blocked = new Map<string, ImportedBlock>();
  for (const list of [out.blocked, companion.blocked]) for (const b of list) blocked.set(b.address, b);
  const limits = new Map([...rateLimits, ...companion.rateLimits].map((l) => [JSON.stringify([l.protocol, l.ports, l.newConnections, l.concurrent]), l]));
  return {
    ipv6: get("USE_IPV6") === "1" || companion.ipv6,
    outbound: restricted ? "restricted" : "allow-all",
    rules: [...out.rules, ...companion.rules],
    blocked: [...blocked.values()],
    rateLimits: [...limits.values()],
    findings: [...findings, ...companion.findings],
  };
};
