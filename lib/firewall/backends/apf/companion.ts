/**
 * APF's companion (docs/backends.md §6.3): what APF 9.x cannot do, done beside it with plain
 * iptables, ip6tables and ipset, loaded by APF itself from one line in postroute.rules, so it
 * comes back at boot and after every `apf -r`. IPv4: the blocklist as an ipset (APF's per-address
 * rules took minutes for 10,000 entries) and the per-source limits, in chains that only drop or
 * return, so APF still decides what is open. IPv6 (9.x has none): the whole profile, the same
 * chains the iptables backend renders.
 */
import type { RuleSet } from "../../policy/resolve";
import { CHAIN_IN, CHAIN_OUT, renderIpset, renderIptables } from "../iptables/render";
import { FTP_DATA_PORT, needsActiveFtp } from "../shared/active-ftp";
import { limitRules } from "../shared/iptables-lines";
import { commentBlock, headerLines } from "../shared/rules";
import { blockSetName } from "../shared/sets";
import type { RenderMeta } from "../types";

/** IPv4 part: blocklist and limits first in INPUT/OUTPUT (plus active-FTP data out); everything else returns to APF's rules. */
export function renderCompanionV4(ruleSet: RuleSet, meta: RenderMeta): string {
  const block = ruleSet.blocked.v4.length > 0;
  const lines = [
    commentBlock(headerLines(ruleSet, meta, "APF companion, IPv4: iptables-restore --noflush file", [])),
    `# ${CHAIN_IN}/${CHAIN_OUT} sit first in INPUT/OUTPUT and only drop or return: APF's own rules decide the rest.`,
    "*filter",
    `:${CHAIN_IN} - [0:0]`,
    `:${CHAIN_OUT} - [0:0]`,
    `-A ${CHAIN_IN} -i lo -j RETURN`,
    ...(block ? [`-A ${CHAIN_IN} -m set --match-set ${blockSetName("v4")} src -j DROP`] : []),
    ...ruleSet.rateLimits.flatMap((rl, i) => limitRules(rl, i + 1, "v4", CHAIN_IN, "pc")),
    `-A ${CHAIN_OUT} -o lo -j RETURN`,
    `-A ${CHAIN_OUT} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`,
    ...(block ? [`-A ${CHAIN_OUT} -m set --match-set ${blockSetName("v4")} dst -j REJECT --reject-with icmp-admin-prohibited`] : []),
    // APF's egress lines only know destination ports; active-mode FTP data leaves from port 20 (§10.3).
    ...(needsActiveFtp(ruleSet) ? [`-A ${CHAIN_OUT} -p tcp --sport ${FTP_DATA_PORT} -j ACCEPT`] : []),
    "COMMIT",
    "",
  ];
  return lines.join("\n");
}

/** The loader APF runs from postroute.rules (its folder as $1): sets, then both families, hooks once. */
export function renderCompanionLoader(ruleSet: RuleSet, meta: RenderMeta): string {
  const hook = (tool: string, indent = "") => [
    `${indent}${tool} -C INPUT -j ${CHAIN_IN} 2>/dev/null || ${tool} -I INPUT 1 -j ${CHAIN_IN}`,
    `${indent}${tool} -C OUTPUT -j ${CHAIN_OUT} 2>/dev/null || ${tool} -I OUTPUT 1 -j ${CHAIN_OUT}`,
  ];
  return [
    "#!/bin/sh",
    commentBlock(headerLines(ruleSet, meta, "APF companion loader (run by APF from postroute.rules at every start)", [])),
    "# Idempotent: the sets are swapped in, the chains re-declared (--noflush flushes just them), the jumps added once.",
    'D=${1:-$(dirname "$0")}',
    "set -eu",
    'if [ -f "$D/companion.ipset" ]; then ipset restore < "$D/companion.ipset"; fi',
    'iptables-restore --noflush < "$D/companion.v4"',
    ...hook("iptables"),
    'if [ -f "$D/companion.v6" ]; then',
    '  ip6tables-restore --noflush < "$D/companion.v6"',
    ...hook("ip6tables", "  "),
    "else",
    "  # IPv6 is off in the profile: unhook chains an earlier version installed.",
    `  ip6tables -D INPUT -j ${CHAIN_IN} 2>/dev/null || true`,
    `  ip6tables -D OUTPUT -j ${CHAIN_OUT} 2>/dev/null || true`,
    "fi",
    "",
  ].join("\n");
}

export function renderCompanionV6(ruleSet: RuleSet, meta: RenderMeta): string | null {
  return ruleSet.ipv6 ? renderIptables(ruleSet, "v6", meta) : null;
}

export function renderCompanionIpset(ruleSet: RuleSet, meta: RenderMeta): string | null {
  return renderIpset(ruleSet, meta, (s) => s.family === "v6" || s.name === blockSetName("v4"));
}
