/**
 * Address lists sorted once so that "does any entry contain / overlap this network?" costs a
 * binary search instead of a scan. Blocked lists can hold 100,000+ entries and the warnings run on
 * every click, so indexes are cached per list (by array identity: profile updates that leave a
 * list untouched reuse it).
 */
import { isCanonicalNetwork, parseNetwork, type Network } from "../address";

/**
 * One family's entries as parallel arrays, no object per entry: a 100,000-entry blocklist's index
 * held 16 MB as Network objects with bigint bounds, for as long as the list lives (issue 19).
 * IPv4 bounds are doubles (exact far beyond 2^32); IPv6 bounds stay bigint.
 */
type FamilyIndex = {
  /** Canonical texts, sorted by first address ascending, then by last address descending (wider first). */
  texts: string[];
  first: Float64Array | bigint[];
  last: Float64Array | bigint[];
  /** For each position, the index of the entry with the highest `last` among entries[0..i]. */
  widest: Int32Array;
};

export type NetworkIndex = { v4: FamilyIndex; v6: FamilyIndex; size: number };

type Bound = number | bigint;
type Collected = { texts: string[]; first: Bound[]; last: Bound[] };

function buildFamily(c: Collected, make: (values: Bound[]) => Float64Array | bigint[]): FamilyIndex {
  const { first, last } = c;
  const order = Array.from({ length: c.texts.length }, (_, i) => i);
  order.sort((a, b) => (first[a]! < first[b]! ? -1 : first[a]! > first[b]! ? 1 : last[a]! > last[b]! ? -1 : last[a]! < last[b]! ? 1 : 0));
  const sortedLast = make(order.map((i) => last[i]!));
  const widest = new Int32Array(order.length);
  let best = -1;
  for (let i = 0; i < order.length; i++) {
    if (best === -1 || sortedLast[i]! > sortedLast[best]!) best = i;
    widest[i] = best;
  }
  return { texts: order.map((i) => c.texts[i]!), first: make(order.map((i) => first[i]!)), last: sortedLast, widest };
}

/** Bounds of a canonical IPv4 network read straight from its text (no parser, no bigint). */
function v4Bounds(text: string): [number, number] {
  const slash = text.indexOf("/");
  let value = 0;
  for (const octet of (slash === -1 ? text : text.slice(0, slash)).split(".")) value = value * 256 + Number(octet);
  return [value, value + 2 ** (32 - (slash === -1 ? 32 : Number(text.slice(slash + 1)))) - 1];
}

export function buildNetworkIndex(texts: readonly string[]): NetworkIndex {
  const v4: Collected = { texts: [], first: [], last: [] };
  const v6: Collected = { texts: [], first: [], last: [] };
  for (const text of texts) {
    // Canonical IPv4 (what the schema stores, so nearly every blocklist entry) is its own text.
    if (!text.includes(":") && isCanonicalNetwork(text)) {
      const [first, last] = v4Bounds(text);
      v4.texts.push(text);
      v4.first.push(first);
      v4.last.push(last);
      continue;
    }
    const r = parseNetwork(text, { allowZeroPrefix: true });
    if (!r.ok) continue;
    const n = r.value;
    const into = n.family === "ipv4" ? v4 : v6;
    into.texts.push(n.text);
    into.first.push(n.family === "ipv4" ? Number(n.first) : n.first);
    into.last.push(n.family === "ipv4" ? Number(n.last) : n.last);
  }
  return {
    v4: buildFamily(v4, (values) => Float64Array.from(values as number[])),
    v6: buildFamily(v6, (values) => values as bigint[]),
    size: v4.texts.length + v6.texts.length,
  };
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

/** The indexed entry at `i`, as a Network (built on demand: only found entries need one). */
function networkAt(family: FamilyIndex, i: number): Network {
  const r = parseNetwork(family.texts[i]!, { allowZeroPrefix: true });
  if (!r.ok) throw new Error(`an indexed entry no longer parses: ${r.error}`);
  return r.value;
}

const familyOf = (index: NetworkIndex, net: Network) => (net.family === "ipv4" ? index.v4 : index.v6);
const bound = (net: Network, value: bigint): Bound => (net.family === "ipv4" ? Number(value) : value);

/** Position of the entry with the highest end among those starting at or before `address`, or -1. */
function widestStartingBy(family: FamilyIndex, address: Bound): number {
  let lo = 0;
  let hi = family.texts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (family.first[mid]! <= address) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? -1 : family.widest[found]!;
}

/** Every indexed entry as a Network (for short lists: source lists, not blocklists). */
export function indexedNetworks(index: NetworkIndex): Network[] {
  return [index.v4, index.v6].flatMap((f) => f.texts.map((_, i) => networkAt(f, i)));
}

/** An indexed entry that contains every address of `net`. */
export function findContaining(index: NetworkIndex, net: Network): Network | undefined {
  const family = familyOf(index, net);
  const at = widestStartingBy(family, bound(net, net.first));
  return at !== -1 && family.last[at]! >= bound(net, net.last) ? networkAt(family, at) : undefined;
}

/** An indexed entry that shares at least one address with `net`. */
export function findOverlapping(index: NetworkIndex, net: Network): Network | undefined {
  const family = familyOf(index, net);
  const at = widestStartingBy(family, bound(net, net.last));
  return at !== -1 && family.last[at]! >= bound(net, net.first) ? networkAt(family, at) : undefined;
}

/** Entries that another entry of the same list already covers (duplicates included). */
export function coveredEntries(index: NetworkIndex): { inner: Network; outer: Network }[] {
  const out: { inner: Network; outer: Network }[] = [];
  for (const family of [index.v4, index.v6]) {
    let outer = -1;
    for (let i = 0; i < family.texts.length; i++) {
      if (outer !== -1 && family.last[outer]! >= family.last[i]!) out.push({ inner: networkAt(family, i), outer: networkAt(family, outer) });
      else outer = i;
    }
  }
  return out;
}
