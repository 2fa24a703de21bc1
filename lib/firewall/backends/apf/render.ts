/**
 * APF: conf.apf values (the file is sourced by bash, so values hold only digits, `,` `_` `:`),
 * merged into the existing conf.apf by apply.sh, plus allow_hosts.rules / deny_hosts.rules with
 * comments on their own lines (APF 9.7 drops any line containing `#`). docs/backends.md §6.
 */
import type { PortRange } from "../../policy/schema";
import type { Protocol, RuleSet } from "../../policy/resolve";
import { blockedAllowedOverlaps, commentBlock, groupRules, headerLines, NO_SOURCES, rangeText, restrictedGroups, safeText } from "../shared/rules";
import { FTP_CONTROL_PORT, needsActiveFtp } from "../shared/active-ftp";
import type { Limitation, RenderMeta, Renderer, RuleFile } from "../types";

function ports(list: PortRange[]): string {
  return list.map((r) => rangeText(r, "_")).join(",");
}

function openPorts(ruleSet: RuleSet, protocol: Protocol): string {
  return ports(groupRules(ruleSet.inbound).filter((g) => g.sources === "anyone" && g.protocol === protocol).flatMap((g) => g.ports));
}

function outPorts(ruleSet: RuleSet, protocol: Protocol): string {
  return ports(groupRules(ruleSet.outbound).filter((g) => g.protocol === protocol).flatMap((g) => g.ports));
}

export function apfLimitations(ruleSet: RuleSet): Limitation[] {
  const out: Limitation[] = [];
  for (const rl of ruleSet.rateLimits) {
    if (rl.newConnections) out.push({ backend: "apf", id: "rate-limit-per-source", detail: `${rl.label}: APF has no per-source new-connection rate (${rl.newConnections.count} per ${rl.newConnections.seconds} s not enforced)` });
    if (rl.concurrent !== undefined) out.push({ backend: "apf", id: "climit-version", detail: `${rl.label}: the concurrent cap uses IG_${rl.protocol.toUpperCase()}_CLIMIT, which needs APF 2.0.2 or later` });
  }
  const v6Sources = ruleSet.ipv6 && ruleSet.inbound.some((r) => r.sources !== "anyone" && r.sources.v6.length > 0);
  if (v6Sources) out.push({ backend: "apf", id: "ipv6-trust-version", detail: "IPv6 per-port sources use the bracket syntax of APF 2.0.1 or later; APF 9.7 skips those lines" });
  for (const b of blockedAllowedOverlaps(ruleSet)) out.push({ backend: "apf", id: "allow-beats-deny", detail: `${b} is blocked but overlaps an allowed source; in APF the allow wins` });
  return out;
}

/** The managed conf.apf keys and values, in a fixed order. */
export function apfSettings(ruleSet: RuleSet): [string, string][] {
  const restricted = ruleSet.outboundPolicy === "restricted";
  const climit = (p: Protocol) => ruleSet.rateLimits.filter((r) => r.protocol === p && r.concurrent !== undefined).flatMap((r) => r.ports.map((x) => `${rangeText(x, "_")}:${r.concurrent}`)).join(",");
  return [
    ["DEVEL_MODE", "1"],
    ["USE_IPV6", ruleSet.ipv6 ? "1" : "0"],
    ["IG_TCP_CPORTS", openPorts(ruleSet, "tcp")],
    ["IG_UDP_CPORTS", openPorts(ruleSet, "udp")],
    ["EGF", restricted ? "1" : "0"],
    ["EG_TCP_CPORTS", restricted ? outPorts(ruleSet, "tcp") : ""],
    ["EG_UDP_CPORTS", restricted ? outPorts(ruleSet, "udp") : ""],
    ["IG_TCP_CLIMIT", climit("tcp")],
    ["IG_UDP_CLIMIT", climit("udp")],
  ];
}

function renderConf(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [
    commentBlock(headerLines(ruleSet, meta, "APF conf.apf values (apply.sh sets each existing key in place)", apfLimitations(ruleSet))),
    "# Ports limited to certain sources are not listed here: allow_hosts.rules opens them per source.",
    "# DEVEL_MODE=1 flushes the firewall every 5 minutes: set it to 0 once access is confirmed.",
    ...apfSettings(ruleSet).map(([k, v]) => `${k}="${v}"`),
  ];
  return `${lines.join("\n")}\n`;
}

function trustAddress(a: string): string {
  return a.includes(":") ? `[${a}]` : a;
}

function renderAllow(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [commentBlock(headerLines(ruleSet, meta, "APF allow_hosts.rules (per-port sources)", [])), "# Format: proto:flow:d=port:s=address. A plain address here would open every port."];
  for (const { group, addresses, label } of restrictedGroups(ruleSet)) {
    lines.push(`# ${safeText(label)}${addresses.length === 0 ? `: ${NO_SOURCES}` : ""}`);
    for (const r of group.ports) for (const a of addresses) lines.push(`${group.protocol}:in:d=${rangeText(r, "_")}:s=${trustAddress(a)}`);
  }
  return `${lines.join("\n")}\n`;
}

function renderDeny(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [commentBlock(headerLines(ruleSet, meta, "APF deny_hosts.rules (blocked, both directions)", []))];
  lines.push(...ruleSet.blocked.v4, ...(ruleSet.ipv6 ? ruleSet.blocked.v6 : []));
  return `${lines.join("\n")}\n`;
}

/** Sourced by APF's preroute.rules, after APF's flush: its OUTPUT accepts RELATED to ports 1024+, which active FTP data becomes. */
export const APF_FTP_RULES = "/etc/apf/portcullis-ftp.rules";

function renderFtpHelper(ruleSet: RuleSet, meta: RenderMeta): string {
  const rule = `-t raw -A PREROUTING -p tcp --dport ${FTP_CONTROL_PORT} -j CT --helper ftp`;
  const lines = [
    commentBlock(headerLines(ruleSet, meta, "APF FTP helper (active-mode FTP under restricted outbound)", [])),
    "# APF's trust lines cannot allow source port 20 outbound only (TALLOW serves INPUT too), so the FTP",
    "# conntrack helper marks the active-mode data connection RELATED, which APF's OUTPUT accepts.",
    `for t in iptables ip6tables; do $t ${rule.replace("-A", "-C")} 2>/dev/null || $t ${rule} 2>/dev/null || true; done`,
  ];
  return `${lines.join("\n")}\n`;
}

export const apfRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    return [
      { path: "conf.apf.portcullis", installPath: "/etc/apf/conf.apf", content: renderConf(ruleSet, meta), mode: 0o600, description: "conf.apf values, set in place by apply.sh" },
      { path: "allow_hosts.rules", installPath: "/etc/apf/allow_hosts.rules", content: renderAllow(ruleSet, meta), mode: 0o600, description: "Per-port source allows" },
      { path: "deny_hosts.rules", installPath: "/etc/apf/deny_hosts.rules", content: renderDeny(ruleSet, meta), mode: 0o600, description: "Blocked addresses" },
      ...(needsActiveFtp(ruleSet) ? [{ path: "portcullis-ftp.rules", installPath: APF_FTP_RULES, content: renderFtpHelper(ruleSet, meta), mode: 0o600, description: "FTP conntrack helper for active-mode FTP (sourced from preroute.rules)" }] : []),
    ];
  },
  limitations: apfLimitations,
} satisfies Renderer;
