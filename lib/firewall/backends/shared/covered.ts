/**
 * A blocklist without the entries another entry of it already covers (a host inside a blocked
 * network, a network inside a wider one, an entry listed twice). They block nothing more, and
 * nftables interval sets without auto-merge refuse overlapping elements, so the nftables renderer
 * leaves them out; the effective comparison (import/compare.ts) does the same, so a file that
 * leaves them out still reads back as the profile. The profile itself always keeps them.
 */
import { networkBounds } from "../../address";

export type Uncovered = { kept: string[]; covered: number };

const cache = new WeakMap<readonly string[], Uncovered>();

/**
 * Entries of `list` (canonical networks, either family) that no other entry covers, in their
 * original order. One sort and one sweep: sorted by first address, then wider first, an entry is
 * covered exactly when an earlier one reaches at least as far. Memoised per list, because the
 * renderer and the comparison ask for the same 100,000-entry lists.
 */
export function withoutCovered(list: readonly string[]): Uncovered {
  const cached = cache.get(list);
  if (cached) return cached;
  const bounds = list.map((text, i) => {
    const b = networkBounds(text);
    return { i, family: b.family, first: b.first, last: b.last };
  });
  bounds.sort((a, b) =>
    a.family !== b.family ? (a.family < b.family ? -1 : 1) : a.first < b.first ? -1 : a.first > b.first ? 1 : a.last > b.last ? -1 : a.last < b.last ? 1 : a.i - b.i,
  );
  const drop = new Set<number>();
  let family = "";
  let reach = -1n;
  for (const b of bounds) {
    if (b.family === family && b.last <= reach) drop.add(b.i);
    else {
      family = b.family;
      reach = b.last;
    }
  }
  const result = { kept: drop.size === 0 ? [...list] : list.filter((_, i) => !drop.has(i)), covered: drop.size };
  cache.set(list, result);
  return result;
}
