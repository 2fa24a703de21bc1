/**
 * Address lists sorted once so that "does any entry contain / overlap this network?" costs a
 * binary search instead of a scan. Blocked lists can hold 100,000+ entries and the warnings run on
 * every click, so indexes are cached per list (by array identity: profile updates that leave a
 * list untouched reuse it).
 */
import { parseNetwork, type Network } from "../address";

type FamilyIndex = {
  /** Sorted by first address ascending, then by last address descending (wider first). */
  entries: Network[];
  /** For each position, the index of the entry with the highest `last` among entries[0..i]. */
  widest: number[];
};

export type NetworkIndex = { v4: FamilyIndex; v6: FamilyIndex; size: number };

function buildFamily(entries: Network[]): FamilyIndex {
  entries.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.last > b.last ? -1 : a.last < b.last ? 1 : 0));
  const widest: number[] = [];
  let best = -1;
  entries.forEach((e, i) => {
    const current = best === -1 ? undefined : entries[best];
    if (!current || e.last > current.last) best = i;
    widest.push(best);
  });
  return { entries, widest };
}

export function buildNetworkIndex(texts: readonly string[]): NetworkIndex {
  const v4: Network[] = [];
  const v6: Network[] = [];
  for (const text of texts) {
    const r = parseNetwork(text, { allowZeroPrefix: true });
    if (r.ok) (r.value.family === "ipv4" ? v4 : v6).push(r.value);
  }
  return { v4: buildFamily(v4), v6: buildFamily(v6), size: v4.length + v6.length };
}

const cache = new WeakMap<readonly unknown[], NetworkIndex>();

/** {@link buildNetworkIndex}, memoised on the array's identity. */
export function networkIndexOf<T>(list: readonly T[], toText: (item: T) => string): NetworkIndex {
  let index = cache.get(list);
  if (!index) {
    index = buildNetworkIndex(list.map(toText));
    cache.set(list, index);
  }
  return index;
}

/** The entry with the highest end among those starting at or before `address`, if any. */
function widestStartingBy(family: FamilyIndex, address: bigint): Network | undefined {
  let lo = 0;
  let hi = family.entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (family.entries[mid]!.first <= address) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? undefined : family.entries[family.widest[found]!];
}

/** An indexed entry that contains every address of `net`. */
export function findContaining(index: NetworkIndex, net: Network): Network | undefined {
  const candidate = widestStartingBy(index[net.family === "ipv4" ? "v4" : "v6"], net.first);
  return candidate && candidate.last >= net.last ? candidate : undefined;
}

/** An indexed entry that shares at least one address with `net`. */
export function findOverlapping(index: NetworkIndex, net: Network): Network | undefined {
  const candidate = widestStartingBy(index[net.family === "ipv4" ? "v4" : "v6"], net.last);
  return candidate && candidate.last >= net.first ? candidate : undefined;
}

/** Entries that another entry of the same list already covers (duplicates included). */
export function coveredEntries(index: NetworkIndex): { inner: Network; outer: Network }[] {
  const out: { inner: Network; outer: Network }[] = [];
  for (const family of [index.v4, index.v6]) {
    let outer: Network | undefined;
    for (const e of family.entries) {
      if (outer && outer.last >= e.last) out.push({ inner: e, outer });
      else outer = e;
    }
  }
  return out;
}
