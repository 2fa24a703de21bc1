/**
 * APF: conf.apf values (the file is sourced by bash, so values hold only digits, `,` `_` `:`),
 * merged into the existing conf.apf by apply.sh, plus allow_hosts.rules / deny_hosts.rules with
 * comments on their own lines (APF 9.7 drops any line containing `#`), plus the companion that
 * enforces what APF 9.x cannot: IPv6, large blocklists, per-source limits. docs/backends.md §6.
 */
import type { PortRange } from "../../policy/schema";
import type { Protocol, RuleSet } from "../../policy/resolve";
import { commentBlock, commentText, groupRules, headerLines, NO_SOURCES, rangeText, restrictedGroups } from "../shared/rules";
import { osFamily } from "../../policy/os";
import type { Limitation, RenderMeta, Renderer, RuleFile } from "../types";
import { renderCompanionIpset, renderCompanionLoader, renderCompanionV4, renderCompanionV6 } from "./companion";
import { APF_DIRS, COMPANION_DIR } from "./facts";

/**
 * deny_hosts.rules lists the blocked addresses (for APF's own tools and the import) up to this
 * many; APF adds two rules per address, which took 96–322 s for 10,000. The companion's ipset
 * blocks every one of them in either case, first, so a block beats an allow as on every backend.
 */
export const DENY_FILE_MAX = 250;

function ports(list: PortRange[]): string {
  return list.map((r) => rangeText(r, "_")).join(",");
}

function openPorts(ruleSet: RuleSet, protocol: Protocol): string {
  return ports(groupRules(ruleSet.inbound).filter((g) => g.sources === "anyone" && g.protocol === protocol).flatMap((g) => g.ports));
}

function outPorts(ruleSet: RuleSet, protocol: Protocol): string {
  return ports(groupRules(ruleSet.outbound).filter((g) => g.protocol === protocol).flatMap((g) => g.ports));
}

/** Nothing is left unenforced: the companion carries IPv6, the limits and the blocklist (§6.3). */
export function apfLimitations(): Limitation[] {
  return [];
}

/** The managed conf.apf keys and values, in a fixed order. */
export function apfSettings(ruleSet: RuleSet): [string, string][] {
  const restricted = ruleSet.outboundPolicy === "restricted";
  const climit = (p: Protocol) => ruleSet.rateLimits.filter((r) => r.protocol === p && r.concurrent !== undefined).flatMap((r) => r.ports.map((x) => `${rangeText(x, "_")}:${r.concurrent}`)).join(",");
  return [
    // The timed rollback of apply.sh is the safety net; DEVEL_MODE's cron flush is inert on nft-backed iptables.
    ["DEVEL_MODE", "0"],
    // 0 = never trim deny_hosts.rules (9.7 keeps only the last 150 lines at every start by default).
    ["SET_TRIM", "0"],
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
    commentBlock(headerLines(ruleSet, meta, "APF conf.apf values (apply.sh sets each existing key in place)", apfLimitations())),
    "# Ports limited to certain sources are not listed here: allow_hosts.rules opens them per source.",
    "# IPv6, the blocklist (as an ipset) and the per-source limits are enforced by the companion files beside these.",
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
    lines.push(`# ${commentText(label)}${addresses.length === 0 ? `: ${NO_SOURCES}` : ""}`);
    for (const r of group.ports) for (const a of addresses) lines.push(`${group.protocol}:in:d=${rangeText(r, "_")}:s=${trustAddress(a)}`);
  }
  return `${lines.join("\n")}\n`;
}

function renderDeny(ruleSet: RuleSet, meta: RenderMeta): string {
  const lines = [commentBlock(headerLines(ruleSet, meta, "APF deny_hosts.rules (blocked, both directions)", []))];
  const all = [...ruleSet.blocked.v4, ...(ruleSet.ipv6 ? ruleSet.blocked.v6 : [])];
  lines.push("# The companion's ipsets (portcullis-block4/6) block these first; this list is for APF's own tools.");
  if (all.length > DENY_FILE_MAX) lines.push(`# ${all.length} entries: more than ${DENY_FILE_MAX}, so they are in companion.ipset only (APF would take minutes).`);
  else lines.push(...all);
  return `${lines.join("\n")}\n`;
}

export const apfRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    const dir = APF_DIRS[osFamily(ruleSet.server.os)];
    const companion = `${dir}/${COMPANION_DIR}`;
    const files: RuleFile[] = [
      { path: "conf.apf.portcullis", installPath: `${dir}/conf.apf`, content: renderConf(ruleSet, meta), mode: 0o600, description: "conf.apf values, set in place by apply.sh" },
      { path: "allow_hosts.rules", installPath: `${dir}/allow_hosts.rules`, content: renderAllow(ruleSet, meta), mode: 0o600, description: "Per-port source allows" },
      { path: "deny_hosts.rules", installPath: `${dir}/deny_hosts.rules`, content: renderDeny(ruleSet, meta), mode: 0o600, description: "Blocked addresses" },
      { path: "companion.v4", installPath: `${companion}/companion.v4`, content: renderCompanionV4(ruleSet, meta), mode: 0o600, description: "Companion, IPv4: blocklist set and per-source limits before APF's rules" },
    ];
    const v6 = renderCompanionV6(ruleSet, meta);
    if (v6) files.push({ path: "companion.v6", installPath: `${companion}/companion.v6`, content: v6, mode: 0o600, description: "Companion, IPv6: the whole profile (APF 9.x has no IPv6)" });
    const ipset = renderCompanionIpset(ruleSet, meta);
    if (ipset) files.push({ path: "companion.ipset", installPath: `${companion}/companion.ipset`, content: ipset, mode: 0o600, description: "Companion address sets (blocklists, long IPv6 source lists)" });
    files.push({ path: "companion.sh", installPath: `${companion}/companion.sh`, content: renderCompanionLoader(ruleSet, meta), mode: 0o700, description: "Companion loader, run by APF from postroute.rules at every start" });
    return files;
  },
  limitations: apfLimitations,
} satisfies Renderer;
