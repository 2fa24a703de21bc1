/**
 * The difference between two effective rule sets (lib/firewall/import/compare.ts), as drift items
 * an admin reads: per protocol and source, the ports open on one side only; blocked entries as
 * counts with samples; changed limits, outbound mode and IPv6 filtering.
 */
import { familyOf, networkBounds, type Bounds } from "../address";
import { mergeRanges } from "../policy/resolve";
import type { PortRange } from "../policy/schema";
import type { Effective } from "../import/compare";
import { parsePortRange, subtractRange } from "../import/text";

export type DriftKind =
  | "open-extra" | "open-missing" | "blocked-extra" | "blocked-missing" | "limits" | "outbound" | "ipv6"
  | "missing" | "extra-table" | "not-persisted" | "boot-differs" | "other-manager" | "pending-apply";

export type Drift = { kind: DriftKind; message: string; count?: number; samples?: string[] };

/** How many entries of a big list a drift item shows. */
export const SAMPLES = 10;

const show = (rs: PortRange[]) => rs.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(",");

function openTable(lines: readonly string[]): Map<string, PortRange[]> {
  const out = new Map<string, PortRange[]>();
  for (const line of lines) {
    const [protocol, source, ports] = line.split(" ");
    const ranges = (ports ?? "").split(",").flatMap((p) => parsePortRange(p, "-") ?? []);
    out.set(`${protocol} ${source}`, mergeRanges([...(out.get(`${protocol} ${source}`) ?? []), ...ranges]));
  }
  return out;
}

/** Which family a comparison covers: both (the importer merged them) or one. */
export type FamilyScope = "both" | "IPv4" | "IPv6";

function who(source: string, ipv6: boolean, scope: FamilyScope): string {
  if (source === "anyone") return scope !== "both" ? `anyone (${scope})` : ipv6 ? "anyone (IPv4 and IPv6)" : "anyone (IPv4)";
  return `${source} (${familyOf(source) === "ipv6" ? "IPv6" : "IPv4"})`;
}

/**
 * Where the two sides of a comparison are, in words: the live side ("on the server") and the one it
 * should match ("the revision"; for APF's loaded rules, "APF's files and the revision").
 */
export type Terms = { live: string; ref: string; refOr: string; plural: boolean };
export const REVISION_TERMS: Terms = { live: "on the server", ref: "the revision", refOr: "the revision", plural: false };

const verb = (t: Terms, singular: string) => (t.plural ? singular.replace(/s$/, "") : singular);

function openDrift(live: Effective, expected: Effective, scope: FamilyScope, t: Terms): Drift[] {
  const [a, b] = [openTable(live.inbound), openTable(expected.inbound)];
  const out: Drift[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [protocol = "", source = ""] = key.split(" ");
    const [have, want] = [a.get(key) ?? [], b.get(key) ?? []];
    const extra = want.reduce((rest, cut) => subtractRange(rest, cut), have);
    const lacking = have.reduce((rest, cut) => subtractRange(rest, cut), want);
    if (extra.length > 0) out.push({ kind: "open-extra", message: `${protocol} ${show(extra)} is open to ${who(source, live.ipv6, scope)} ${t.live}, not in ${t.refOr}.` });
    if (lacking.length > 0) out.push({ kind: "open-missing", message: `${protocol} ${show(lacking)} is not open to ${who(source, expected.ipv6, scope)} ${t.live}, though ${t.ref} ${verb(t, "opens")} it.` });
  }
  return out;
}

function listDrift(kind: DriftKind, have: readonly string[], want: readonly string[], what: (n: number) => string): Drift | null {
  const wanted = new Set(want);
  const only = have.filter((x) => !wanted.has(x));
  if (only.length === 0) return null;
  const samples = only.slice(0, SAMPLES);
  return { kind, count: only.length, samples, message: `${what(only.length)}: ${samples.join(", ")}${only.length > SAMPLES ? `, and ${only.length - SAMPLES} more` : ""}.` };
}

type Span = [bigint, bigint];

/** Per family, the address ranges a list covers, sorted and merged (adjacent ranges joined). */
function coverage(list: readonly string[]): Map<string, Span[]> {
  const byFamily = new Map<string, Span[]>();
  for (const x of list) {
    const b = bounds(x);
    if (!b) continue;
    const spans = byFamily.get(b.family) ?? [];
    spans.push([b.first, b.last]);
    byFamily.set(b.family, spans);
  }
  for (const [family, spans] of byFamily) {
    spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: Span[] = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1] + 1n) last[1] = s[1] > last[1] ? s[1] : last[1];
      else merged.push([s[0], s[1]]);
    }
    byFamily.set(family, merged);
  }
  return byFamily;
}

function bounds(x: string): Bounds | null {
  try {
    return networkBounds(x);
  } catch {
    return null;
  }
}

/** Whether the merged spans cover all of `x` (binary search for the span starting at or before it). */
function isCovered(spans: Map<string, Span[]>, x: string): boolean {
  const b = bounds(x);
  const list = b ? spans.get(b.family) : undefined;
  if (!b || !list) return false;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]![0] <= b.first) lo = mid;
    else hi = mid - 1;
  }
  const span = list[lo];
  return span !== undefined && span[0] <= b.first && span[1] >= b.last;
}

/**
 * Blocked entries on one side that the other side's entries do not cover. By address range, not
 * text: nftables' auto-merge turns two adjacent /24s into one /23, which blocks the same addresses.
 */
function blockedDrift(kind: DriftKind, have: readonly string[], want: readonly string[], what: (n: number) => string): Drift | null {
  const wanted = new Set(want);
  const unmatched = have.filter((x) => !wanted.has(x));
  // The ranges of the other side only when some entry is not there as written (in sync: never).
  const only = unmatched.length === 0 ? unmatched : ((spans) => unmatched.filter((x) => !isCovered(spans, x)))(coverage(want));
  return listDrift(kind, only, [], what);
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/**
 * Everything in which the live rules differ from the revision's; empty when they filter alike.
 * With a single-family `scope` both sides were read from that family's rules only.
 */
export function diffEffective(live: Effective, expected: Effective, scope: FamilyScope = "both", t: Terms = REVISION_TERMS): Drift[] {
  const out: Drift[] = [];
  if (scope === "both" && live.ipv6 !== expected.ipv6) out.push({ kind: "ipv6", message: `IPv6 is ${live.ipv6 ? "filtered" : "not filtered"} ${t.live}; ${t.ref} ${expected.ipv6 ? verb(t, "filters") : t.plural ? "do not filter" : "does not filter"} it.` });
  const outbound = (e: Effective) => (e.outbound === "allow-all" ? "open" : `restricted to ${e.outbound.join("; ")}`);
  if (JSON.stringify(live.outbound) !== JSON.stringify(expected.outbound)) out.push({ kind: "outbound", message: `Outbound traffic is ${outbound(live)} ${t.live}; ${t.ref} ${t.plural ? "have" : "has"} it ${outbound(expected)}.` });
  out.push(...openDrift(live, expected, scope, t));
  // Both lists come in one canonical order (Effective.blocked): in sync, they are equal as arrays.
  const sameBlocked = live.blocked.length === expected.blocked.length && live.blocked.every((x, i) => x === expected.blocked[i]);
  const blocked = [
    sameBlocked ? null : blockedDrift("blocked-extra", live.blocked, expected.blocked, (n) => `${plural(n, "address is", "addresses are")} blocked ${t.live} but not in ${t.refOr}`),
    sameBlocked ? null : blockedDrift("blocked-missing", expected.blocked, live.blocked, (n) => `${plural(n, "address", "addresses")} ${t.ref} ${verb(t, "blocks")} ${n === 1 ? "is" : "are"} not blocked ${t.live}`),
    listDrift("limits", live.limits, expected.limits, (n) => `${plural(n, "limit", "limits")} ${t.live} ${n === 1 ? "is" : "are"} not in ${t.refOr}`),
    listDrift("limits", expected.limits, live.limits, (n) => `${plural(n, "limit", "limits")} of ${t.ref} ${n === 1 ? "is" : "are"} not ${t.live}`),
  ];
  return [...out, ...blocked.filter((d): d is Drift => d !== null)];
}
