/**
 * csf.conf: `KEY = "value"` lines. The port lists, IPv6, PORTFLOOD and CONNLIMIT become the
 * profile; everything else that is switched on becomes a finding (docs/backends.md §5).
 */
import { z } from "zod";
import { mergeRanges } from "../../policy/resolve";
import type { PortRange } from "../../policy/schema";
import { fileLines, parsePortRange } from "../../import/text";
import { ImportInputError, type Finding, type ImportedLimit, type ImportFile, type ImportedRule } from "../../import/types";

type Setting = { value: string; line: number };
export type CsfConf = { settings: Map<string, Setting>; file: string };

const LINE = /^\s*([A-Za-z0-9_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s#"']*))\s*(?:#.*)?$/;

/** CSF stops with an error on a setting given twice, so an import does too. */
export function parseCsfConf(file: ImportFile, findings: Finding[]): CsfConf {
  const settings = new Map<string, Setting>();
  fileLines(file).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = LINE.exec(line);
    if (!m?.[1]) {
      findings.push({ file: file.path, line: i + 1, severity: "warning", message: `Not a KEY = "value" line; CSF would not read it either. Not imported.` });
      return;
    }
    const key = m[1].toUpperCase();
    const earlier = settings.get(key);
    if (earlier) throw new ImportInputError(file.path, i + 1, `${key} is set twice (first on line ${earlier.line}); CSF refuses to start with a duplicated setting, so fix csf.conf first.`);
    settings.set(key, { value: (m[2] ?? m[3] ?? m[4] ?? "").trim(), line: i + 1 });
  });
  return { settings, file: file.path };
}

export function portList(conf: CsfConf, key: string, findings: Finding[]): PortRange[] {
  const s = conf.settings.get(key);
  if (!s) return [];
  const out: PortRange[] = [];
  for (const item of s.value.split(",").map((x) => x.trim()).filter(Boolean)) {
    const r = parsePortRange(item, ":");
    if (r) out.push(r);
    else findings.push({ file: conf.file, line: s.line, severity: "warning", message: `${key}: "${item.slice(0, 40)}" is not a port or range; skipped.` });
  }
  return out;
}

const text = (rs: PortRange[]) => rs.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}:${r.to}`)).join(",") || "none";
const FULL = (rs: PortRange[]) => text(mergeRanges(rs)) === "1:65535";
const same = (a: PortRange[], b: PortRange[]) => text(mergeRanges(a)) === text(mergeRanges(b));

const CARRIED = new Set(["TCP_IN", "TCP_OUT", "UDP_IN", "UDP_OUT", "TCP6_IN", "TCP6_OUT", "UDP6_IN", "UDP6_OUT", "IPV6", "PORTFLOOD", "CONNLIMIT", "TESTING", "TESTING_INTERVAL"]);
/** Settings that change what the firewall lets through: a profile cannot express them. */
const FIREWALL = /^(SMTP_|SYNFLOOD|UDPFLOOD|PORTKNOCKING|ETH6?_DEVICE|DOCKER|MESSENGER|GLOBAL_(ALLOW|DENY)$|DYNDNS$|CLUSTER_|PACKET_FILTER|DROP$|DROP_OUT$|ICMP_|LF_SPI|IPV6_ICMP|IPV6_SPI|USE_FTPHELPER|LF_PERMBLOCK$|LF_NETBLOCK$|PS_INTERVAL|CT_LIMIT)/;
const LFD = /^(LF_|LT_|PT_|UID_|RT_|ST_|AT_|UI|LOGSCANNER|LOG|BLOCK_REPORT|X_ARF|RELAY|SAFECHAINUPDATE|DEBUG|CSF|AUTO_UPDATES|HTACCESS|MODSEC|SENDMAIL)/;

function otherSettings(conf: CsfConf, findings: Finding[]): void {
  for (const [key, s] of conf.settings) {
    if (CARRIED.has(key) || s.value === "" || s.value === "0") continue;
    if (key === "SMTP_BLOCK") {
      findings.push({ file: conf.file, line: s.line, severity: "warning", message: "SMTP_BLOCK = 1 lets only root, exim and mailman connect out to SMTP ports; a profile cannot restrict by user, so outgoing SMTP is open to every process." });
    } else if (key.startsWith("CC_")) {
      findings.push({ file: conf.file, line: s.line, severity: "warning", message: `${key} = "${s.value.slice(0, 60)}": country blocks and allows are not part of a profile; not imported.` });
    } else if (key.includes("LOG")) {
      findings.push({ file: conf.file, line: s.line, severity: "info", message: `${key}: a logging setting (log-only, it lets nothing through or out); not imported.` });
    } else if (FIREWALL.test(key)) {
      findings.push({ file: conf.file, line: s.line, severity: "warning", message: `${key} = "${s.value.slice(0, 60)}" changes what CSF lets through; a profile cannot express it. Not imported.` });
    } else if (LFD.test(key)) {
      findings.push({ file: conf.file, line: s.line, severity: "info", message: `${key}: an lfd (login failure daemon) or CSF housekeeping setting, not a firewall rule. Not imported; use fail2ban or the panel's own brute-force protection instead of lfd.` });
    } else {
      findings.push({ file: conf.file, line: s.line, severity: "info", message: `${key} = "${s.value.slice(0, 60)}" is not a setting Portcullis knows; not imported.` });
    }
  }
}

const floodItem = z.tuple([z.string(), z.enum(["tcp", "udp"]), z.coerce.number().int().min(1), z.coerce.number().int().min(1)]);
const connItem = z.tuple([z.string(), z.coerce.number().int().min(1)]);

/** CSF counts with xt_recent, which remembers 20 hits per source; larger entries are skipped by csf. */
const MAX_HITS = 20;

function limits(conf: CsfConf, findings: Finding[]): ImportedLimit[] {
  const out: ImportedLimit[] = [];
  const flood = conf.settings.get("PORTFLOOD");
  for (const item of flood?.value.split(",").map((x) => x.trim()).filter(Boolean) ?? []) {
    const origin = { file: conf.file, line: flood?.line ?? 0 };
    const parsed = floodItem.safeParse(item.split(";").map((x) => x.trim()));
    const ports = parsed.success ? parsePortRange(parsed.data[0], ":") : null;
    if (!parsed.success || !ports) {
      findings.push({ ...origin, severity: "warning", message: `PORTFLOOD entry "${item.slice(0, 40)}" is not port;protocol;hits;seconds; skipped.` });
      continue;
    }
    const [, protocol, hits, seconds] = parsed.data;
    if (hits > MAX_HITS) {
      findings.push({ ...origin, severity: "warning", message: `PORTFLOOD ${item}: more than ${MAX_HITS} hits, which CSF skips (xt_recent keeps ${MAX_HITS}); it was not enforced and is not imported.` });
      continue;
    }
    if (hits === MAX_HITS) findings.push({ ...origin, severity: "info", message: `PORTFLOOD ${item}: ${MAX_HITS} hits is CSF's ceiling, so the limit that was meant may have been higher; imported as ${hits - 1} per ${seconds} s.` });
    if (hits === 1) findings.push({ ...origin, severity: "warning", message: `PORTFLOOD ${item}: 1 hit drops every new connection; a profile allows at least 1, imported as 1 per ${seconds} s.` });
    out.push({ protocol, ports, newConnections: { count: Math.max(1, hits - 1), seconds }, origin });
  }
  const conn = conf.settings.get("CONNLIMIT");
  for (const item of conn?.value.split(",").map((x) => x.trim()).filter(Boolean) ?? []) {
    const origin = { file: conf.file, line: conn?.line ?? 0 };
    const parsed = connItem.safeParse(item.split(";").map((x) => x.trim()));
    const ports = parsed.success ? parsePortRange(parsed.data[0], ":") : null;
    if (!parsed.success || !ports) {
      findings.push({ ...origin, severity: "warning", message: `CONNLIMIT entry "${item.slice(0, 40)}" is not port;limit; skipped.` });
      continue;
    }
    out.push({ protocol: "tcp", ports, concurrent: parsed.data[1], origin });
  }
  return out;
}

export type ConfResult = { ipv6: boolean; outbound: "allow-all" | "restricted"; rules: ImportedRule[]; rateLimits: ImportedLimit[] };

/** The profile-shaped part of csf.conf. */
export function readCsfConf(conf: CsfConf, findings: Finding[]): ConfResult {
  const at = (key: string) => ({ file: conf.file, line: conf.settings.get(key)?.line ?? 0 });
  const ipv6 = conf.settings.get("IPV6")?.value === "1";
  const lists = Object.fromEntries(["TCP_IN", "UDP_IN", "TCP_OUT", "UDP_OUT"].map((k) => [k, portList(conf, k, findings)])) as Record<string, PortRange[]>;
  if (ipv6) {
    for (const key of ["TCP_IN", "UDP_IN", "TCP_OUT", "UDP_OUT"]) {
      const v6key = key.replace("_", "6_");
      const v6 = portList(conf, v6key, findings);
      const v4 = lists[key] ?? [];
      if (!same(v4, v6)) findings.push({ ...at(v6key), severity: "warning", message: `${v6key} (${text(v6).slice(0, 200)}) differs from ${key} (${text(v4).slice(0, 200)}); a profile opens the same ports on IPv4 and IPv6, so the ${key} list now applies to both.` });
    }
  }
  const testing = conf.settings.get("TESTING");
  if (testing?.value === "1") findings.push({ ...at("TESTING"), severity: "info", message: "TESTING = 1: CSF flushed its rules every TESTING_INTERVAL minutes. The imported rules are permanent; apply.sh has its own confirm-or-roll-back step." });
  const rules: ImportedRule[] = [];
  const push = (direction: "inbound" | "outbound", protocol: "tcp" | "udp", key: string) => {
    for (const ports of lists[key] ?? []) rules.push({ direction, protocol, ports, sources: "anyone", origin: at(key) });
  };
  push("inbound", "tcp", "TCP_IN");
  push("inbound", "udp", "UDP_IN");
  const allowAll = FULL(lists.TCP_OUT ?? []) && FULL(lists.UDP_OUT ?? []);
  if (!allowAll) {
    push("outbound", "tcp", "TCP_OUT");
    push("outbound", "udp", "UDP_OUT");
  }
  otherSettings(conf, findings);
  return { ipv6, outbound: allowAll ? "allow-all" : "restricted", rules, rateLimits: limits(conf, findings) };
}
