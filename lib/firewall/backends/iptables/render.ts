/**
 * iptables + ip6tables: rules.v4 / rules.v6 for `iptables-restore --noflush`, holding only our own
 * chains (PORTCULLIS-IN, PORTCULLIS-OUT), so re-applying flushes just those and Docker's or
 * fail2ban's chains survive (docs/backends.md §2). The apply script hooks the chains into INPUT/OUTPUT
 * idempotently. Large address lists live in ipsets restored from a separate file first.
 */
import { osFamily } from "../../policy/os";
import type { RuleSet, Sources } from "../../policy/resolve";
import { chunkedLines, commentBlock, commentText, distinctSourceLists, groupRules, headerLines, localOnlyPorts, sourcesKey, type RuleGroup } from "../shared/rules";
import { ACTIVE_FTP_LABEL, FTP_DATA_PORT, needsActiveFtp } from "../shared/active-ftp";
import { commentMatch, limitRules, portMatches, type IpFamily } from "../shared/iptables-lines";
import { blockSetName, INLINE_SOURCES_MAX, sourceSetName } from "../shared/sets";
import type { RenderMeta, Renderer, RuleFile } from "../types";
import { IPTABLES_PATHS } from "./paths";

export const CHAIN_IN = "PORTCULLIS-IN";
export const CHAIN_OUT = "PORTCULLIS-OUT";
/** Stable set options: `create -exist` fails when an existing set differs (docs/backends.md §2.4). */
const SET_OPTIONS = "hashsize 1024 maxelem 262144";

function sourceMatches(group: RuleGroup, family: IpFamily, ids: Map<string, number>): string[] {
  const sources = group.sources as Exclude<Sources, "anyone">;
  const list = sources[family];
  if (list.length === 0) return [];
  if (list.length <= INLINE_SOURCES_MAX) return list.map((a) => `-s ${a}`);
  return [`-m set --match-set ${sourceSetName(ids.get(sourcesKey(sources)) ?? 0, family)} src`];
}

function icmpRules(family: IpFamily): string[] {
  const c = CHAIN_IN;
  if (family === "v4") {
    return [
      ...[3, 11, 12].map((t) => `-A ${c} -p icmp -m icmp --icmp-type ${t} -j ACCEPT`),
      `-A ${c} -p icmp -m icmp --icmp-type 8 -m limit --limit 10/second -j ACCEPT`,
    ];
  }
  return [
    ...[1, 2, 3, 4].map((t) => `-A ${c} -p ipv6-icmp -m icmp6 --icmpv6-type ${t} -j ACCEPT`),
    `-A ${c} -p ipv6-icmp -m icmp6 --icmpv6-type 128 -m limit --limit 10/second -j ACCEPT`,
    ...[133, 134, 135, 136].map((t) => `-A ${c} -p ipv6-icmp -m icmp6 --icmpv6-type ${t} -m hl --hl-eq 255 -j ACCEPT`),
    ...[130, 131, 132, 143].map((t) => `-A ${c} -s fe80::/10 -p ipv6-icmp -m icmp6 --icmpv6-type ${t} -j ACCEPT`),
  ];
}

function inputRules(ruleSet: RuleSet, family: IpFamily): string[] {
  const c = CHAIN_IN;
  const reject = family === "v4" ? "icmp-admin-prohibited" : "icmp6-adm-prohibited";
  const out = [`-A ${c} -i lo -j ACCEPT`];
  if (ruleSet.blocked[family].length > 0) out.push(`-A ${c} -m set --match-set ${blockSetName(family)} src -j DROP`);
  out.push(`-A ${c} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`, `-A ${c} -m conntrack --ctstate INVALID -j DROP`);
  out.push(...icmpRules(family));
  for (const l of localOnlyPorts(ruleSet)) {
    const verdict = l.protocol === "tcp" ? "REJECT --reject-with tcp-reset" : `REJECT --reject-with ${reject}`;
    for (const m of portMatches(l.protocol, l.ports)) out.push(`-A ${c} ${m} ${commentMatch(`Localhost only: ${l.labels.join(", ")}`)} -j ${verdict}`);
  }
  ruleSet.rateLimits.forEach((rl, i) => out.push(...limitRules(rl, i + 1, family, c, "pc")));
  const groups = groupRules(ruleSet.inbound);
  const ids = distinctSourceLists(groups);
  for (const g of groups) {
    const sources = g.sources === "anyone" ? [""] : sourceMatches(g, family, ids).map((s) => `${s} `);
    if (sources.length === 0) out.push(`# ${commentText(g.labels.join(", "))}: no ${family === "v4" ? "IPv4" : "IPv6"} sources, closed`);
    for (const s of sources) {
      for (const m of portMatches(g.protocol, g.ports)) out.push(`-A ${c} ${s}${m} ${commentMatch(g.labels.join(", "))} -j ACCEPT`);
    }
  }
  out.push(`-A ${c} -p tcp -j REJECT --reject-with tcp-reset`, `-A ${c} -j REJECT --reject-with ${reject}`);
  return out;
}

function outputRules(ruleSet: RuleSet, family: IpFamily): string[] {
  const c = CHAIN_OUT;
  const reject = family === "v4" ? "icmp-admin-prohibited" : "icmp6-adm-prohibited";
  const open = ruleSet.outboundPolicy === "allow-all";
  // Replies and established flows first: the blocklist is looked up for new flows only (a blocked
  // peer never gets a flow established: input drops its packets before accepting established ones).
  // With outbound open they return to OUTPUT, as everything else does.
  const out = [`-A ${c} -o lo -j ACCEPT`, `-A ${c} -m conntrack --ctstate RELATED,ESTABLISHED -j ${open ? "RETURN" : "ACCEPT"}`];
  if (ruleSet.blocked[family].length > 0) out.push(`-A ${c} -m set --match-set ${blockSetName(family)} dst -j REJECT --reject-with ${reject}`);
  if (open) return [...out, `# Outbound is open: everything else returns to OUTPUT (its policy decides).`];
  out.push(`-A ${c} -p ${family === "v4" ? "icmp" : "ipv6-icmp"} -j ACCEPT`);
  for (const g of groupRules(ruleSet.outbound)) {
    for (const m of portMatches(g.protocol, g.ports)) out.push(`-A ${c} ${m} ${commentMatch(g.labels.join(", "))} -j ACCEPT`);
  }
  if (needsActiveFtp(ruleSet)) out.push(`-A ${c} -p tcp --sport ${FTP_DATA_PORT} ${commentMatch(ACTIVE_FTP_LABEL)} -j ACCEPT`);
  out.push(`-A ${c} -j REJECT --reject-with ${reject}`);
  return out;
}

/** One family's file for `iptables-restore --noflush` / `ip6tables-restore --noflush`. */
export function renderIptables(ruleSet: RuleSet, family: IpFamily, meta: RenderMeta): string {
  const tool = family === "v4" ? "iptables" : "ip6tables";
  return [
    commentBlock(headerLines(ruleSet, meta, `${tool}-restore --noflush file`, [])),
    `# Only chains ${CHAIN_IN} and ${CHAIN_OUT} are (re)declared, which flushes just them under --noflush.`,
    `# Hook them once: ${tool} -C INPUT -j ${CHAIN_IN} || ${tool} -I INPUT 1 -j ${CHAIN_IN} (same for OUTPUT / ${CHAIN_OUT}).`,
    "# Restore the ipset file first when one is part of the bundle.",
    "*filter",
    `:${CHAIN_IN} - [0:0]`,
    `:${CHAIN_OUT} - [0:0]`,
    ...inputRules(ruleSet, family),
    ...outputRules(ruleSet, family),
    "COMMIT",
    "",
  ].join("\n");
}

/** Every ipset the rules reference, name → entries (blocked lists always; long source lists). */
export function ipsetsFor(ruleSet: RuleSet): { name: string; family: IpFamily; entries: string[] }[] {
  const families: IpFamily[] = ruleSet.ipv6 ? ["v4", "v6"] : ["v4"];
  const sets: { name: string; family: IpFamily; entries: string[] }[] = [];
  for (const f of families) if (ruleSet.blocked[f].length > 0) sets.push({ name: blockSetName(f), family: f, entries: ruleSet.blocked[f] });
  const groups = groupRules(ruleSet.inbound);
  for (const [key, id] of distinctSourceLists(groups)) {
    const g = groups.find((x) => sourcesKey(x.sources) === key);
    if (!g || g.sources === "anyone") continue;
    for (const f of families) {
      if (g.sources[f].length > INLINE_SOURCES_MAX) sets.push({ name: sourceSetName(id, f), family: f, entries: g.sources[f] });
    }
  }
  return sets;
}

/**
 * `ipset restore` file: each set is filled as name-tmp and swapped in, so a re-run is atomic.
 * `keep` picks the sets (APF's companion needs the IPv4 blocklist and the IPv6 sets only).
 */
export function renderIpset(ruleSet: RuleSet, meta: RenderMeta, keep: (set: { name: string; family: IpFamily }) => boolean = () => true): string | null {
  const sets = ipsetsFor(ruleSet).filter(keep);
  if (sets.length === 0) return null;
  const lines = [commentBlock(headerLines(ruleSet, meta, "ipset restore file (load before the iptables rules)", []))];
  for (const s of sets) {
    const fam = s.family === "v4" ? "inet" : "inet6";
    lines.push(`create ${s.name} hash:net family ${fam} ${SET_OPTIONS} -exist`);
    lines.push(`create ${s.name}-tmp hash:net family ${fam} ${SET_OPTIONS} -exist`, `flush ${s.name}-tmp`);
    lines.push(...chunkedLines(s.entries, (e) => `add ${s.name}-tmp ${e} -exist`));
    lines.push(`swap ${s.name}-tmp ${s.name}`, `destroy ${s.name}-tmp`);
  }
  return `${lines.join("\n")}\n`;
}

export const iptablesRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    const paths = IPTABLES_PATHS[osFamily(ruleSet.server.os)];
    const files: RuleFile[] = [
      { path: "rules.v4", installPath: paths.v4, content: renderIptables(ruleSet, "v4", meta), mode: 0o644, description: "IPv4 rules for iptables-restore --noflush" },
    ];
    if (ruleSet.ipv6) {
      files.push({ path: "rules.v6", installPath: paths.v6, content: renderIptables(ruleSet, "v6", meta), mode: 0o644, description: "IPv6 rules for ip6tables-restore --noflush" });
    }
    const ipset = renderIpset(ruleSet, meta);
    if (ipset) files.push({ path: "portcullis.ipset", installPath: paths.ipset, content: ipset, mode: 0o644, description: "Address sets for ipset restore (load first)" });
    return files;
  },
  limitations: () => [],
} satisfies Renderer;
