/**
 * A blocklist without the entries another entry of it already covers (a host inside a blocked
 * network, a network inside a wider one, an entry listed twice). They block nothing more, and
 * nftables interval sets without auto-merge refuse overlapping elements, so the nftables renderer
 * leaves them out; the effective comparison (import/compare.ts) does the same, so a file that
 * leaves them out still reads back as the profile. The profile itself always keeps them.
 */
import { canonicalIpv4Network, canonicalIpv6Groups, canonicalIpv6Network, networkBounds } from "../../address";

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
 * Indices 0..n-1 ordered by their addresses, `width` 16-bit groups each in `groups` (index i's
 * from i × width, most significant first): stable counting sorts from the least significant
 * group up, a group all indices share skipped. Linear, where a comparator sort of 100,000 entries
 * (or sorting their keys as strings) costs tens of milliseconds; stable, so of equal addresses the
 * first in the list comes first.
 */
function addressOrder(groups: Uint16Array, width: number, n: number): Uint32Array {
  let order = new Uint32Array(n);
  let next = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const start = new Uint32Array(65537);
  for (let g = width - 1; g >= 0; g--) {
    start.fill(0);
    for (let i = 0; i < n; i++) start[groups[i * width + g]! + 1]!++;
    if (n === 0 || start[groups[g]! + 1] === n) continue;
    for (let b = 0; b < 65536; b++) start[b + 1]! += start[b]!;
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      next[start[groups[k * width + g]!]!++] = k;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * The positions (of `at`) that stay, given the entries' addresses (`width` 16-bit groups each:
 * two for IPv4, eight for IPv6) and their prefixes. In address order, of the entries sharing a first
 * address only the widest can stay (the first listed of equals), and it stays when its last
 * address reaches past every entry before it; the rest are covered or repeats.
 */
function keptInOrder(groups: Uint16Array, width: number, prefix: Uint8Array, at: readonly number[], out: number[]): void {
  const n = at.length;
  const order = addressOrder(groups, width, n);
  const same = (a: number, b: number) => {
    for (let g = 0; g < width; g++) if (groups[a * width + g] !== groups[b * width + g]) return false;
    return true;
  };
  const reach = new Uint16Array(width);
  const last = new Uint16Array(width);
  let any = false;
  for (let j = 0; j < n; ) {
    let best = order[j]!;
    let k = j + 1;
    for (; k < n && same(order[k]!, best); k++) if (prefix[order[k]!]! < prefix[best]!) best = order[k]!;
    j = k;
    // The last address: the prefix's bits as they are, every bit after them set.
    const p = prefix[best]!;
    for (let g = 0; g < width; g++) last[g] = groups[best * width + g]! | (0xffff >>> Math.max(0, Math.min(16, p - 16 * g)));
    if (any && !after(last, reach)) continue;
    any = true;
    reach.set(last);
    out.push(at[best]!);
  }
}

/**
 * Of the IPv4 entries at positions `at` of `list`, the positions that stay, by first address, then
 * prefix. With `strict`, false as soon as one is not canonical.
 */
function keptV4(list: readonly string[], at: readonly number[], out: number[], strict: boolean): boolean {
  const groups = new Uint16Array(at.length * 2);
  const prefix = new Uint8Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const text = list[at[i]!]!;
    let key = canonicalIpv4Network(text);
    if (key === -1) {
      if (strict) return false;
      key = v4Key(text);
    }
    prefix[i] = key % 64;
    const address = (key - prefix[i]!) / 64;
    groups[i * 2] = address >>> 16;
    groups[i * 2 + 1] = address & 0xffff;
  }
  keptInOrder(groups, 2, prefix, at, out);
  return true;
}

/** The same for IPv6 entries: eight 16-bit groups and the prefix. */
function keptV6(list: readonly string[], at: readonly number[], out: number[], strict: boolean): boolean {
  const n = at.length;
  const groups = new Uint16Array(n * 8);
  const prefix = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const text = list[at[i]!]!;
    const canonical = canonicalIpv6Network(text, groups, i * 8);
    if (canonical !== -1) {
      prefix[i] = canonical;
      continue;
    }
    if (strict) return false;
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
  keptInOrder(groups, 8, prefix, at, out);
  return true;
}

/** Whether an address (its groups) is greater than `b`. */
function after(a: Uint16Array, b: Uint16Array): boolean {
  for (let g = 0; g < a.length; g++) if (a[g] !== b[g]) return a[g]! > b[g]!;
  return false;
}

/**
 * Positions in `list` of the entries that stay, in address order (IPv4 first); families never
 * cover each other. With `strict`, null as soon as an entry is not canonical.
 */
function keptPositions(list: readonly string[], strict = false): number[] | null {
  const v4: number[] = [];
  const v6: number[] = [];
  for (let i = 0; i < list.length; i++) (list[i]!.includes(":") ? v6 : v4).push(i);
  const out: number[] = [];
  return keptV4(list, v4, out, strict) && keptV6(list, v6, out, strict) ? out : null;
}

/**
 * Entries of `list` (canonical networks, either family) that no other entry covers, in their
 * original order; of repeated entries the first stays. Memoised per list, because the renderer
 * and the comparison ask for the same 100,000-entry lists.
 */
export function withoutCovered(list: readonly string[]): Uncovered {
  const cached = cache.get(list);
  if (cached) return cached;
  const positions = keptPositions(list)!;
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
  return keptPositions(list)!.map((i) => list[i]!);
}

/**
 * {@link uncoveredByAddress} of a list whose entries are all canonical networks (as parseNetwork
 * writes them), checked while they are read; null when one is not. Verify's import takes a live
 * file's 100,000 blocked entries this way, without a separate pass to validate them.
 */
export function canonicalUncoveredByAddress(list: readonly string[]): string[] | null {
  return keptPositions(list, true)?.map((i) => list[i]!) ?? null;
}
