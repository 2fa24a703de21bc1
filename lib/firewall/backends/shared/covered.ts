/**
 * A blocklist without the entries another entry of it already covers (a host inside a blocked
 * network, a network inside a wider one, an entry listed twice). They block nothing more, and
 * nftables interval sets without auto-merge refuse overlapping elements, so the nftables renderer
 * leaves them out; the effective comparison (import/compare.ts) does the same, so a file that
 * leaves them out still reads back as the profile. The profile itself always keeps them.
 */
import { canonicalIpv6Groups, networkBounds } from "../../address";

export type Uncovered = { kept: string[]; covered: number };

const cache = new WeakMap<readonly string[], Uncovered>();

/** Prefix length of a network given by its bounds (entries outside the canonical forms only). */
const prefixOf = (first: bigint, last: bigint, bits: number) => bits - (last - first).toString(2).replace(/^0$/, "").length;

/** An IPv4 network as first address × 64 + prefix (exact in a double), read without the strict parser. */
function v4Key(text: string): number {
  let value = 0;
  let octet = 0;
  let dots = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + octet;
      octet = 0;
      dots++;
    } else if (c === 47) break;
    else octet = octet * 10 + c - 48;
  }
  if (dots !== 3) {
    const b = networkBounds(text);
    return Number(b.first) * 64 + prefixOf(b.first, b.last, 32);
  }
  return (value * 256 + octet) * 64 + (i < text.length ? Number(text.slice(i + 1)) : 32);
}

/**
 * Indices 0..n-1 ordered by the given digits, most significant first: stable counting sorts from
 * the least significant digit up. Linear, where a comparator sort of 100,000 entries (or sorting
 * their keys as strings) costs tens of milliseconds; stable, so of equal entries the first in the
 * list comes first.
 */
function radixOrder(n: number, digits: readonly { of: (i: number) => number; buckets: number }[]): Uint32Array {
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let d = digits.length - 1; d >= 0; d--) {
    const { of, buckets } = digits[d]!;
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < n; i++) start[of(order[i]!) + 1]!++;
    for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
    for (let i = 0; i < n; i++) next[start[of(order[i]!)]!++] = order[i]!;
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Of the IPv4 entries at positions `at` of `list`, the positions that stay, by first address, then
 * prefix. Sorted so (wider first), an entry is covered, or a later repeat, exactly when an earlier
 * one reaches at least as far.
 */
function keptV4(list: readonly string[], at: readonly number[], out: number[]): void {
  const address = new Uint32Array(at.length);
  const prefix = new Uint8Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const key = v4Key(list[at[i]!]!);
    prefix[i] = key % 64;
    address[i] = (key - prefix[i]!) / 64;
  }
  const order = radixOrder(at.length, [
    { of: (i) => address[i]! >>> 16, buckets: 65536 },
    { of: (i) => address[i]! & 0xffff, buckets: 65536 },
    { of: (i) => prefix[i]!, buckets: 33 },
  ]);
  let reach = -1;
  for (const i of order) {
    const last = address[i]! + 2 ** (32 - prefix[i]!) - 1;
    if (last <= reach) continue;
    reach = last;
    out.push(at[i]!);
  }
}

/** The same for IPv6 entries: eight 16-bit groups and the prefix. */
function keptV6(list: readonly string[], at: readonly number[], out: number[]): void {
  const n = at.length;
  const groups = new Uint16Array(n * 8);
  const prefix = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const text = list[at[i]!]!;
    const slash = text.indexOf("/");
    const parsed = canonicalIpv6Groups(slash === -1 ? text : text.slice(0, slash));
    if (parsed) {
      groups.set(parsed, i * 8);
      prefix[i] = slash === -1 ? 128 : Number(text.slice(slash + 1));
    } else {
      const b = networkBounds(text);
      for (let g = 0; g < 8; g++) groups[i * 8 + g] = Number((b.first >> BigInt(112 - 16 * g)) & 0xffffn);
      prefix[i] = prefixOf(b.first, b.last, 128);
    }
  }
  const order = radixOrder(n, [
    ...Array.from({ length: 8 }, (_, g) => ({ of: (i: number) => groups[i * 8 + g]!, buckets: 65536 })),
    { of: (i) => prefix[i]!, buckets: 129 },
  ]);
  const reach = new Uint16Array(8);
  const last = new Uint16Array(8);
  let any = false;
  for (const i of order) {
    // The last address: the prefix's bits as they are, every bit after them set.
    const p = prefix[i]!;
    for (let g = 0; g < 8; g++) last[g] = groups[i * 8 + g]! | (0xffff >>> Math.max(0, Math.min(16, p - 16 * g)));
    if (any && !after(last, reach)) continue;
    any = true;
    reach.set(last);
    out.push(at[i]!);
  }
}

/** Whether 128-bit `a` (eight groups) is greater than `b`. */
function after(a: Uint16Array, b: Uint16Array): boolean {
  for (let g = 0; g < 8; g++) if (a[g] !== b[g]) return a[g]! > b[g]!;
  return false;
}

/** Positions in `list` of the entries that stay, in address order (IPv4 first); families never cover each other. */
function keptPositions(list: readonly string[]): number[] {
  const v4: number[] = [];
  const v6: number[] = [];
  list.forEach((text, i) => (text.includes(":") ? v6 : v4).push(i));
  const out: number[] = [];
  keptV4(list, v4, out);
  keptV6(list, v6, out);
  return out;
}

/**
 * Entries of `list` (canonical networks, either family) that no other entry covers, in their
 * original order; of repeated entries the first stays. Memoised per list, because the renderer
 * and the comparison ask for the same 100,000-entry lists.
 */
export function withoutCovered(list: readonly string[]): Uncovered {
  const cached = cache.get(list);
  if (cached) return cached;
  const positions = keptPositions(list);
  let result: Uncovered = { kept: [...list], covered: 0 };
  if (positions.length < list.length) {
    const stays = new Uint8Array(list.length);
    for (const i of positions) stays[i] = 1;
    result = { kept: list.filter((_, i) => stays[i] === 1), covered: list.length - positions.length };
  }
  cache.set(list, result);
  return result;
}

/**
 * The same entries ordered by address (IPv4 first; first address ascending, then prefix): a
 * canonical form of what the list blocks, for comparing two lists however they were ordered or
 * repeated (import/compare.ts). Sorting 100,000 address strings for it cost the verify comparison
 * about 60 ms a list.
 */
export function uncoveredByAddress(list: readonly string[]): string[] {
  return keptPositions(list).map((i) => list[i]!);
}
