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
const PREFIX_PAD = 3;
let hex4: string[] | undefined;

/** Prefix length of a network given by its bounds (entries outside the canonical forms only). */
const prefixOf = (first: bigint, last: bigint, bits: number) => bits - (last - first).toString(2).replace(/^0$/, "").length;

/**
 * Sort keys whose plain order is "first address ascending, wider first": IPv4 as one number
 * (first × 64 + prefix, exact in a double), IPv6 as 32 hex digits and the prefix. Both sort
 * natively (a Float64Array; strings without a comparator): for 100,000 entries, BigInt bounds
 * sorted with a comparator cost a bundle (target: under one second) half a second.
 */
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

function v6Key(text: string): string {
  const slash = text.indexOf("/");
  const groups = canonicalIpv6Groups(slash === -1 ? text : text.slice(0, slash));
  // Four hex digits per group from a table built once: padStart per group was most of the cost.
  hex4 ??= Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, "0"));
  const table = hex4;
  if (groups) return `${groups.map((g) => table[g]).join("")}${(slash === -1 ? "128" : text.slice(slash + 1)).padStart(PREFIX_PAD, "0")}`;
  const b = networkBounds(text);
  return `${b.first.toString(16).padStart(32, "0")}${String(prefixOf(b.first, b.last, 128)).padStart(PREFIX_PAD, "0")}`;
}

const v4Last = (key: number) => {
  const prefix = key % 64;
  return (key - prefix) / 64 + 2 ** (32 - prefix) - 1;
};

function v6Last(key: string): string {
  const prefix = Number(key.slice(32));
  const whole = prefix >> 2;
  const rest = prefix & 3 ? (parseInt(key[whole]!, 16) | ((1 << (4 - (prefix & 3))) - 1)).toString(16) : "";
  return key.slice(0, whole) + rest + "f".repeat(32 - whole - rest.length);
}

/**
 * Walks the sorted keys; for each key some other entry covers, how many of its entries go and
 * whether its first one stays (a repeat of an entry nothing else covers).
 */
function sweep<K extends number | string>(sorted: ArrayLike<K>, lastOf: (key: K) => K): Map<K, { keepFirst: boolean }> {
  const covered = new Map<K, { keepFirst: boolean }>();
  let reach: K | undefined;
  let previous: K | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i]!;
    const last = lastOf(key);
    if (reach !== undefined && last <= reach) {
      if (!covered.has(key)) covered.set(key, { keepFirst: key === previous });
    } else reach = last;
    previous = key;
  }
  return covered;
}

/**
 * Entries of `list` (canonical networks, either family) that no other entry covers, in their
 * original order; of repeated entries the first stays. Sorted by first address, wider first, an
 * entry is covered exactly when an earlier one reaches at least as far. Memoised per list,
 * because the renderer and the comparison ask for the same 100,000-entry lists.
 */
export function withoutCovered(list: readonly string[]): Uncovered {
  const cached = cache.get(list);
  if (cached) return cached;
  const v4: number[] = [];
  const v6: string[] = [];
  for (const text of list) {
    if (text.includes(":")) v6.push(v6Key(text));
    else v4.push(v4Key(text));
  }
  const covered4 = sweep(Float64Array.from(v4).sort(), v4Last);
  const covered6 = sweep([...v6].sort(), v6Last);
  let result: Uncovered = { kept: [...list], covered: 0 };
  if (covered4.size + covered6.size > 0) {
    // A second pass in list order decides which entries go; it runs only when some do.
    const seen = new Set<number | string>();
    const kept = list.filter((text) => {
      const key = text.includes(":") ? v6Key(text) : v4Key(text);
      const c = typeof key === "number" ? covered4.get(key) : covered6.get(key);
      if (!c) return true;
      const first = !seen.has(key);
      seen.add(key);
      return c.keepFirst && first;
    });
    result = { kept, covered: list.length - kept.length };
  }
  cache.set(list, result);
  return result;
}

/**
 * Indices 0..n-1 ordered by the given digits, most significant first: stable counting sorts from
 * the least significant digit up. Linear, where a comparator sort of 100,000 entries (or sorting
 * their keys as strings) costs tens of milliseconds.
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

/** Appends to `out` the IPv4 entries of `texts` no other covers, by first address, then prefix; of repeats the first. */
function keepUncoveredV4(texts: readonly string[], out: string[]): void {
  const address = new Uint32Array(texts.length);
  const prefix = new Uint8Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const key = v4Key(texts[i]!);
    prefix[i] = key % 64;
    address[i] = (key - prefix[i]!) / 64;
  }
  const order = radixOrder(texts.length, [
    { of: (i) => address[i]! >>> 16, buckets: 65536 },
    { of: (i) => address[i]! & 0xffff, buckets: 65536 },
    { of: (i) => prefix[i]!, buckets: 33 },
  ]);
  // Sorted by first address, wider first: an entry is covered (or a repeat) when an earlier one reaches as far.
  let reach = -1;
  for (const i of order) {
    const last = address[i]! + 2 ** (32 - prefix[i]!) - 1;
    if (last <= reach) continue;
    reach = last;
    out.push(texts[i]!);
  }
}

/** The same for IPv6: eight 16-bit groups and the prefix. */
function keepUncoveredV6(texts: readonly string[], out: string[]): void {
  const n = texts.length;
  const groups = new Uint16Array(n * 8);
  const prefix = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const text = texts[i]!;
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
    for (let g = 0; g < 8; g++) {
      const kept = Math.max(0, Math.min(16, p - 16 * g));
      last[g] = groups[i * 8 + g]! | (0xffff >>> kept);
    }
    if (any && !after(last, reach)) continue;
    any = true;
    reach.set(last);
    out.push(texts[i]!);
  }
}

/** Whether 128-bit `a` (eight groups) is greater than `b`. */
function after(a: Uint16Array, b: Uint16Array): boolean {
  for (let g = 0; g < 8; g++) if (a[g] !== b[g]) return a[g]! > b[g]!;
  return false;
}

/**
 * The entries of `list` no other entry covers, each once, ordered by address (IPv4 first; first
 * address ascending, then prefix): a canonical form of what the list blocks, for comparing two
 * lists however they were ordered or repeated (import/compare.ts). Sorting 100,000 address strings
 * for it cost the verify comparison about 60 ms a list.
 */
export function uncoveredByAddress(list: readonly string[]): string[] {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const text of list) (text.includes(":") ? v6 : v4).push(text);
  const out: string[] = [];
  keepUncoveredV4(v4, out);
  keepUncoveredV6(v6, out);
  return out;
}
