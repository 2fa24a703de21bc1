/**
 * Helpers shared by several backends: comment-safe text, the file header, grouping of rules by
 * source list, and the conversion of "N per S seconds" into a token bucket. Anything used by one
 * backend only lives in that backend's folder.
 */
import { networkBounds, toNetwork } from "../../address";
import { mergeRanges, type Protocol, type Rule, type RuleSet, type Sources } from "../../policy/resolve";
import type { PortRange } from "../../policy/schema";
import type { Limitation, RenderMeta } from "../types";

const UNSAFE = /[^A-Za-z0-9 _.,:/()+-]/g;

/**
 * Reduce any text to the docs/backends.md §10.5 comment allow-list, one line, at most `max` bytes.
 * Labels are already restricted by the schema; this is the second fence for everything else
 * (warning titles, version strings) so no format's quoting rules can be broken by a header.
 */
export function safeText(text: string, max = 100): string {
  return text.replace(UNSAFE, "_").slice(0, max).trim();
}

/** The label alphabet (LABEL_PATTERN): the safe set plus `; & '`. */
const NOT_COMMENT = /[^A-Za-z0-9 _.,:;&'/()+-]/g;

/**
 * Text for a comment: reduced to the label alphabet, one line, at most `max` bytes. `; & '` are
 * kept because every comment context inerts them (a `#` line, nft's and iptables-restore's
 * `"…"`, XML with entities); each backend then quotes or replaces what its own format needs
 * (UFW: `'`, CSF: "include"). Never for text outside a comment: that stays with safeText.
 * docs/backends.md §10.5.
 */
export function commentText(text: string, max = 100): string {
  return text.replace(NOT_COMMENT, "_").slice(0, max).trim();
}

/** The header every file starts with, as plain lines; each format adds its own comment marker. */
export function headerLines(ruleSet: RuleSet, meta: RenderMeta, what: string, limitations: Limitation[]): string[] {
  const host = ruleSet.server.hostname ? ` (${safeText(ruleSet.server.hostname, 253)})` : "";
  const lines = [
    `Portcullis: ${commentText(what)}`,
    `Profile: ${safeText(ruleSet.server.name)}${host}`,
    `Generated: ${safeText(meta.generatedAt, 40)} by Portcullis ${safeText(meta.productVersion, 40)}`,
    `IPv6: ${ruleSet.ipv6 ? "filtered like IPv4" : "not filtered by these rules (IPv6 is off in the profile)"}`,
    `Outbound: ${ruleSet.outboundPolicy === "restricted" ? "restricted to the listed ports" : "open"}`,
  ];
  if (meta.warnings.length === 0) lines.push("Open warnings: none");
  else {
    lines.push(`Open warnings (${meta.warnings.length}, explained in REPORT.md):`);
    for (const w of meta.warnings) lines.push(`  [${w.severity}] ${safeText(w.id)}`);
  }
  if (limitations.length > 0) {
    lines.push("Not enforced by this backend (see the report):");
    for (const l of limitations) lines.push(`  - ${commentText(l.detail, 200)}`);
  }
  return lines;
}

/** Prefix every line with `marker` (e.g. "# "). */
export function commentBlock(lines: string[], marker = "# "): string {
  return lines.map((l) => `${marker}${l}`.trimEnd()).join("\n");
}

export function sourcesKey(sources: Sources): string {
  return sources === "anyone" ? "anyone" : `${sources.v4.join(",")}|${sources.v6.join(",")}`;
}

export type RuleGroup = { protocol: Protocol; sources: Sources; ports: PortRange[]; labels: string[] };

/**
 * Rules with the same protocol and the same source list collapse into one group with merged
 * ports, so every backend emits one rule (or one multiport chunk) per group instead of per row.
 */
export function groupRules(rules: Rule[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const rule of rules) {
    const key = `${rule.protocol}#${sourcesKey(rule.sources)}`;
    const group = groups.get(key) ?? { protocol: rule.protocol, sources: rule.sources, ports: [], labels: [] };
    group.ports.push(...rule.ports);
    if (!group.labels.includes(rule.label)) group.labels.push(rule.label);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, ports: mergeRanges(g.ports) }));
}

/** Distinct non-"anyone" source lists, numbered from 1 in order of first use (names of sets). */
export function distinctSourceLists(groups: RuleGroup[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const g of groups) {
    if (g.sources === "anyone") continue;
    const key = sourcesKey(g.sources);
    if (!ids.has(key)) ids.set(key, ids.size + 1);
  }
  return ids;
}

export function labelList(labels: string[], max = 100): string {
  return commentText(labels.join(", "), max);
}

export type RateUnit = "second" | "minute" | "hour" | "day";
const UNIT_SECONDS: [RateUnit, number][] = [["second", 1], ["minute", 60], ["hour", 3600], ["day", 86400]];

/**
 * "count new connections per seconds" as a token bucket: `burst` = count (that many at once), then
 * refill at count/seconds, expressed in the smallest unit where it is a whole number, or else where
 * rounding changes it by at most 1% (nft and hashlimit only take integer rates).
 */
export function tokenBucket(count: number, seconds: number): { rate: number; unit: RateUnit; burst: number; exact: boolean } {
  for (const [unit, size] of UNIT_SECONDS) {
    const value = (count * size) / seconds;
    if (Number.isInteger(value) && value >= 1) return { rate: value, unit, burst: count, exact: true };
  }
  for (const [unit, size] of UNIT_SECONDS) {
    const value = (count * size) / seconds;
    if (value >= 100) return { rate: Math.round(value), unit, burst: count, exact: false };
  }
  return { rate: Math.max(1, Math.round((count * 86400) / seconds)), unit: "day", burst: count, exact: false };
}

export { formatPorts as rangeText } from "../../policy/ports";

/**
 * Split ranges into chunks that fit iptables multiport (15 slots; a range takes 2), also used by
 * ufw and CSF advanced filters, which share the limit.
 */
export function multiportChunks(ranges: PortRange[], slots = 15): PortRange[][] {
  const chunks: PortRange[][] = [];
  let current: PortRange[] = [];
  let used = 0;
  for (const r of ranges) {
    const cost = r.from === r.to ? 1 : 2;
    if (used + cost > slots) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(r);
    used += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Localhost-only ports per protocol, merged. */
export function localOnlyPorts(ruleSet: RuleSet): { protocol: Protocol; ports: PortRange[]; labels: string[] }[] {
  return (["tcp", "udp"] as const)
    .map((protocol) => {
      const rows = ruleSet.localhostOnly.filter((l) => l.protocol === protocol);
      return { protocol, ports: mergeRanges(rows.flatMap((r) => r.ports)), labels: [...new Set(rows.map((r) => r.label))] };
    })
    .filter((x) => x.ports.length > 0);
}

const overlapCache = new WeakMap<RuleSet, readonly string[]>();

/**
 * Blocked networks that overlap a source allowed somewhere. In CSF and APF the allow list is
 * checked before the deny list, so there the allow wins (in the other backends the block does).
 * Sorted, merged intervals and a binary search keep this fast for 200,000 blocks × 10,000 sources;
 * blocked entries (canonical already) skip the strict parser, and the answer is kept per rule set
 * because CSF and APF each ask twice per bundle (file header and report).
 */
export function blockedAllowedOverlaps(ruleSet: RuleSet): readonly string[] {
  const cached = overlapCache.get(ruleSet);
  if (cached) return cached;
  const found: string[] = [];
  for (const f of ["v4", "v6"] as const) {
    const merged: [bigint, bigint][] = [];
    const allowed = [...new Set(ruleSet.inbound.flatMap((r) => (r.sources === "anyone" ? [] : r.sources[f])))].map(toNetwork);
    for (const n of allowed.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
      const last = merged[merged.length - 1];
      if (last && n.first <= last[1] + 1n) last[1] = last[1] > n.last ? last[1] : n.last;
      else merged.push([n.first, n.last]);
    }
    if (merged.length === 0) continue;
    for (const b of ruleSet.blocked[f]) {
      const n = networkBounds(b);
      let lo = 0;
      let hi = merged.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((merged[mid]?.[0] ?? 0n) <= n.last) lo = mid;
        else hi = mid - 1;
      }
      const candidate = merged[lo];
      if (candidate && candidate[0] <= n.last && n.first <= candidate[1]) found.push(b);
    }
  }
  overlapCache.set(ruleSet, found);
  return found;
}

/** Inbound groups limited to sources, with the addresses this rule set filters (IPv6 only when on). */
export function restrictedGroups(ruleSet: RuleSet): { group: RuleGroup; addresses: string[]; label: string }[] {
  return groupRules(ruleSet.inbound).flatMap((group) =>
    group.sources === "anyone" ? [] : [{ group, addresses: [...group.sources.v4, ...(ruleSet.ipv6 ? group.sources.v6 : [])], label: group.labels.join(", ") }],
  );
}

export const NO_SOURCES = "restricted, but no sources are given, so closed";

/** Entries per chunk of {@link chunkedLines}. */
const LINES_PER_CHUNK = 2048;

/**
 * One line per item, joined per chunk of items: the caller's lines array then holds a few chunk
 * strings instead of one string per entry. For a 100,000-entry blocklist the separate line strings
 * outlived the young generation and stayed as garbage until the bundle's peak memory (issue 19),
 * while a chunk's lines die young. Joined with "\n", the text is the same as one line per item.
 */
export function chunkedLines<T>(items: readonly T[], line: (item: T) => string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < items.length; start += LINES_PER_CHUNK) {
    const end = Math.min(items.length, start + LINES_PER_CHUNK);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(line(items[i]!));
    chunks.push(lines.join("\n"));
  }
  return chunks;
}
