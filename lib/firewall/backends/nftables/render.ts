/**
 * nftables: one self-contained file for `nft -f` that owns `table inet portcullis` and replaces it
 * atomically (docs/backends.md §1). Never `flush ruleset` (it would wipe Docker's and fail2ban's tables),
 * no forward chain (a drop there would break container routing).
 */
import { osFamily } from "../../policy/os";
import type { PortRange } from "../../policy/schema";
import type { RuleSet } from "../../policy/resolve";
import { ACTIVE_FTP_LABEL, FTP_DATA_PORT, needsActiveFtp } from "../shared/active-ftp";
import {
  commentBlock,
  distinctSourceLists,
  groupRules,
  headerLines,
  labelList,
  localOnlyPorts,
  rangeText,
  commentText,
  sourcesKey,
} from "../shared/rules";
import { limitRules, limitSets } from "../shared/nft-limits";
import { withoutCovered } from "../shared/covered";
import type { RenderMeta, Renderer, RuleFile } from "../types";
import { NFT_PATHS } from "./paths";

export const NFT_TABLE = "portcullis";

const ELEMENTS_PER_LINE = 8;
const MERGED = "flags interval; auto-merge";

function setDecl(name: string, family: "v4" | "v6", elements: string[], note: string, flags = MERGED): string[] {
  const type = family === "v4" ? "ipv4_addr" : "ipv6_addr";
  const out = [`  # ${commentText(note)}`, `  set ${name} {`, `    type ${type}${flags ? `; ${flags}` : ""}`];
  for (let i = 0; i < elements.length; i += ELEMENTS_PER_LINE) {
    const chunk = elements.slice(i, i + ELEMENTS_PER_LINE).join(", ");
    const open = i === 0 ? "    elements = { " : "                 ";
    const close = i + ELEMENTS_PER_LINE >= elements.length ? " }" : ",";
    out.push(`${open}${chunk}${close}`);
  }
  out.push("  }");
  return out;
}

function portSet(ports: PortRange[]): string {
  return `{ ${ports.map((p) => rangeText(p, "-")).join(", ")} }`;
}

/** nft's `comment "…"`: no escape exists for `"`, which the label alphabet never has; `; & '` are inert inside the quotes [checked]. */
function comment(text: string): string {
  return `comment "${labelList([text])}"`;
}

function families(ruleSet: RuleSet): ("v4" | "v6")[] {
  return ruleSet.ipv6 ? ["v4", "v6"] : ["v4"];
}

const SADDR = { v4: "ip saddr", v6: "ip6 saddr" } as const;
const DADDR = { v4: "ip daddr", v6: "ip6 daddr" } as const;
const FAMILY_NAME = { v4: "IPv4", v6: "IPv6" } as const;

type BlockedSet = { name: string; elements: string[]; flags: string; note: string };
const blockedCache = new WeakMap<readonly string[], BlockedSet[]>();

/**
 * The blocklist of one family in two sets: single addresses in a plain hash set, networks in an
 * interval set without auto-merge. Loading 100,000 entries so is faster than one auto-merging
 * interval set, and than the naive iptables-restore file (docs/performance.md, "nftables load").
 * Without auto-merge nft refuses overlapping networks, so entries another blocked entry covers
 * are left out: they block nothing more. Hosts are looked up first; the order changes nothing.
 */
function blockedSets(ruleSet: RuleSet, f: "v4" | "v6"): BlockedSet[] {
  const cached = blockedCache.get(ruleSet.blocked[f]);
  if (cached) return cached;
  const hosts: string[] = [];
  const networks: string[] = [];
  for (const a of withoutCovered(ruleSet.blocked[f]).kept) (a.includes("/") ? networks : hosts).push(a);
  const sets = [
    { name: `block_${f}`, elements: hosts, flags: "", note: `Blocked single addresses (${FAMILY_NAME[f]}): a hash set` },
    { name: `blocknet_${f}`, elements: networks, flags: "flags interval", note: `Blocked networks (${FAMILY_NAME[f]}): an interval set without auto-merge` },
  ].filter((s) => s.elements.length > 0);
  blockedCache.set(ruleSet.blocked[f], sets);
  return sets;
}

/** Says how many profile entries the sets leave out and why (the profile keeps them). */
function coveredNote(ruleSet: RuleSet): string[] {
  const counts = families(ruleSet).map((f) => ({ f, n: withoutCovered(ruleSet.blocked[f]).covered })).filter((c) => c.n > 0);
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return [];
  return [
    `  # ${total} blocked ${total === 1 ? "entry" : "entries"} of the profile left out (${counts.map((c) => `${FAMILY_NAME[c.f]}: ${c.n}`).join(", ")}): another blocked entry`,
    "  # already covers each (a host in a blocked network, a network in a wider one, or listed twice), so they",
    "  # block nothing more, and an interval set without auto-merge refuses overlapping elements. The profile keeps them.",
  ];
}

function buildSets(ruleSet: RuleSet, sourceIds: Map<string, number>, groups: ReturnType<typeof groupRules>): string[] {
  const out: string[] = [...coveredNote(ruleSet)];
  for (const f of families(ruleSet)) {
    for (const s of blockedSets(ruleSet, f)) out.push(...setDecl(s.name, f, s.elements, s.note, s.flags));
  }
  const declared = new Set<number>();
  for (const g of groups) {
    if (g.sources === "anyone") continue;
    const id = sourceIds.get(sourcesKey(g.sources)) ?? 0;
    if (declared.has(id)) continue;
    declared.add(id);
    for (const f of families(ruleSet)) {
      const list = g.sources[f];
      if (list.length > 0) out.push(...setDecl(`src_${id}_${f}`, f, list, `Sources for: ${labelList(g.labels, 80)}`));
    }
  }
  out.push(...limitSets(ruleSet, families(ruleSet)));
  return out;
}

function inputChain(ruleSet: RuleSet, sourceIds: Map<string, number>, groups: ReturnType<typeof groupRules>): string[] {
  const out = ["  chain input {", "    type filter hook input priority filter; policy drop;", '    iif "lo" accept'];
  if (!ruleSet.ipv6) out.push(`    meta nfproto ipv6 accept ${comment("IPv6 not filtered (off in the profile)")}`);
  for (const f of families(ruleSet)) for (const s of blockedSets(ruleSet, f)) out.push(`    ${SADDR[f]} @${s.name} drop`);
  out.push("    ct state established,related accept", "    ct state invalid drop");
  out.push("    icmp type { destination-unreachable, time-exceeded, parameter-problem } accept");
  out.push("    icmp type echo-request limit rate 10/second accept");
  if (ruleSet.ipv6) {
    out.push("    icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem } accept");
    out.push("    icmpv6 type echo-request limit rate 10/second accept");
    out.push("    icmpv6 type { nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } ip6 hoplimit 255 accept");
    out.push("    ip6 saddr fe80::/10 icmpv6 type { mld-listener-query, mld-listener-report, mld-listener-done, mld2-listener-report } accept");
  }
  for (const l of localOnlyPorts(ruleSet)) {
    const verdict = l.protocol === "tcp" ? "reject with tcp reset" : "reject with icmpx type admin-prohibited";
    out.push(`    ${l.protocol} dport ${portSet(l.ports)} ${verdict} ${comment(`Localhost only: ${l.labels.join(", ")}`)}`);
  }
  out.push(...limitRules(ruleSet, families(ruleSet)));
  for (const g of groups) {
    const ports = `${g.protocol} dport ${portSet(g.ports)}`;
    if (g.sources === "anyone") {
      out.push(`    ${ports} accept ${comment(g.labels.join(", "))}`);
      continue;
    }
    const id = sourceIds.get(sourcesKey(g.sources));
    const usable = families(ruleSet).filter((f) => g.sources !== "anyone" && g.sources[f].length > 0);
    if (usable.length === 0) out.push(`    # ${labelList(g.labels)}: restricted, but no sources are given, so closed to everyone`);
    for (const f of usable) out.push(`    ${SADDR[f]} @src_${id}_${f} ${ports} accept ${comment(g.labels.join(", "))}`);
  }
  out.push("    reject with icmpx type admin-prohibited", "  }");
  return out;
}

function outputChain(ruleSet: RuleSet): string[] {
  const restricted = ruleSet.outboundPolicy === "restricted";
  const out = ["  chain output {", `    type filter hook output priority filter; policy ${restricted ? "drop" : "accept"};`, '    oif "lo" accept'];
  if (!ruleSet.ipv6) out.push(`    meta nfproto ipv6 accept ${comment("IPv6 not filtered (off in the profile)")}`);
  // Replies and established flows first: the blocklist is looked up for new flows only. A blocked
  // peer never gets a flow established (input drops its packets before accepting established ones).
  out.push("    ct state established,related accept");
  for (const f of families(ruleSet)) {
    for (const s of blockedSets(ruleSet, f)) out.push(`    ${DADDR[f]} @${s.name} reject with icmpx type admin-prohibited`);
  }
  if (restricted) {
    out.push("    meta l4proto icmp accept");
    if (ruleSet.ipv6) out.push("    meta l4proto ipv6-icmp accept");
    for (const g of groupRules(ruleSet.outbound)) out.push(`    ${g.protocol} dport ${portSet(g.ports)} accept ${comment(g.labels.join(", "))}`);
    if (needsActiveFtp(ruleSet)) out.push(`    tcp sport ${FTP_DATA_PORT} accept ${comment(ACTIVE_FTP_LABEL)}`);
    out.push("    reject with icmpx type admin-prohibited");
  }
  out.push("  }");
  return out;
}

/** The complete nft file. */
export function renderNftables(ruleSet: RuleSet, meta: RenderMeta): string {
  const groups = groupRules(ruleSet.inbound);
  const sourceIds = distinctSourceLists(groups);
  const lines = [
    "#!/usr/sbin/nft -f",
    commentBlock(headerLines(ruleSet, meta, "nftables ruleset", [])),
    `# Replaces only table inet ${NFT_TABLE}; tables of Docker, fail2ban and others stay untouched.`,
    "# Localhost-only services need no rule: loopback is accepted first. Their ports are refused from outside.",
    "",
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
    ...buildSets(ruleSet, sourceIds, groups),
    "",
    ...inputChain(ruleSet, sourceIds, groups),
    "",
    ...outputChain(ruleSet),
    "}",
    "",
  ];
  return lines.join("\n");
}

export const nftablesRenderer = {
  render(ruleSet: RuleSet, meta: RenderMeta): RuleFile[] {
    return [
      {
        path: "portcullis.nft",
        installPath: NFT_PATHS[osFamily(ruleSet.server.os)].file,
        content: renderNftables(ruleSet, meta),
        mode: 0o644,
        description: `nftables ruleset (table inet ${NFT_TABLE}), loaded with nft -f`,
      },
    ];
  },
  limitations: () => [],
} satisfies Renderer;
