import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { contains, isCanonicalNetwork, networkBounds, toNetwork } from "@/lib/firewall/address";
import { ipv4Network, ipv6Network } from "@/tests/support/arbitrary";
import { canonicalUncoveredByAddress, uncoveredByAddress, withoutCovered } from "./covered";

// Networks with sub-networks and hosts at their start, so nesting and repeats are common.
const nested = fc.array(
  fc.tuple(fc.oneof(ipv4Network, ipv6Network), fc.integer({ min: 0, max: 40 })).map(([text, extra]) => {
    const n = toNetwork(text);
    const full = n.family === "ipv4" ? 32 : 128;
    const address = text.split("/")[0]!;
    const longer = Math.min(full, n.prefix + extra);
    return [text, longer === full ? address : `${address}/${longer}`];
  }),
  { maxLength: 15 },
).chain((pairs) => fc.shuffledSubarray(pairs.flat()));

// Any networks, some listed twice.
const plain = fc.array(fc.oneof(ipv4Network, ipv6Network), { maxLength: 40 }).chain((list) => fc.shuffledSubarray([...list, ...list.slice(0, 5)]));

describe("withoutCovered", () => {
  test.each([
    { name: "nothing covered: order kept", list: ["198.51.100.7", "192.0.2.0/24", "2001:db8::/32"], kept: ["198.51.100.7", "192.0.2.0/24", "2001:db8::/32"] },
    { name: "a host inside a network, either order", list: ["192.0.2.9", "192.0.2.0/24", "192.0.2.255"], kept: ["192.0.2.0/24"] },
    { name: "a network inside a wider one", list: ["10.1.0.0/16", "10.0.0.0/8", "10.255.255.0/24"], kept: ["10.0.0.0/8"] },
    { name: "listed twice: the first stays", list: ["192.0.2.7", "192.0.2.7", "2001:db8::1", "2001:db8::1"], kept: ["192.0.2.7", "2001:db8::1"] },
    { name: "adjacent networks are not covered", list: ["192.0.2.0/25", "192.0.2.128/25"], kept: ["192.0.2.0/25", "192.0.2.128/25"] },
    { name: "families never cover each other", list: ["0.0.0.0/0", "::1", "2001:db8::/32", "2001:db8:1::/48"], kept: ["0.0.0.0/0", "::1", "2001:db8::/32"] },
    { name: "a wide entry after narrower ones", list: ["192.0.2.0/26", "192.0.2.64/26", "198.51.100.1", "192.0.2.0/24"], kept: ["198.51.100.1", "192.0.2.0/24"] },
    { name: "IPv6 prefixes off a nibble boundary", list: ["2001:db8:8000::/33", "2001:db8::/33", "2001:db8:7fff:ffff::1", "2001:db8:8000::1", "2001:db9::1"], kept: ["2001:db8:8000::/33", "2001:db8::/33", "2001:db9::1"] },
  ])("$name", ({ list, kept }) => {
    expect(withoutCovered(list)).toEqual({ kept, covered: list.length - kept.length });
  });

  test("matches a pairwise containment check", () => {
    fc.assert(
      fc.property(nested, (list) => {
        const nets = list.map(toNetwork);
        const expected = list.filter((_, i) => !nets.some((o, j) => j !== i && contains(o, nets[i]!) && (!contains(nets[i]!, o) || j < i)));
        expect(withoutCovered(list).kept).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("uncoveredByAddress", () => {
  test.each([
    { name: "IPv4 by number, not by text; IPv6 after", list: ["2001:db8::1", "198.51.100.7", "9.9.9.9", "192.0.2.0/24"], sorted: ["9.9.9.9", "192.0.2.0/24", "198.51.100.7", "2001:db8::1"] },
    { name: "covered and repeated entries go", list: ["192.0.2.9", "192.0.2.0/24", "192.0.2.9", "2001:db8::/32", "2001:db8:1::1", "::1", "::1"], sorted: ["192.0.2.0/24", "::1", "2001:db8::/32"] },
    { name: "same first address: the wider first, the narrower covered", list: ["10.0.0.0/16", "10.0.0.0/8", "0.0.0.0/1"], sorted: ["0.0.0.0/1"] },
    { name: "adjacent networks both stay", list: ["192.0.2.128/25", "192.0.2.0/25", "2001:db8:8000::/33", "2001:db8::/33"], sorted: ["192.0.2.0/25", "192.0.2.128/25", "2001:db8::/33", "2001:db8:8000::/33"] },
    { name: "the extremes", list: ["255.255.255.255", "0.0.0.0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::"], sorted: ["0.0.0.0", "255.255.255.255", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"] },
  ])("$name", ({ list, sorted }) => {
    expect(uncoveredByAddress(list)).toEqual(sorted);
  });

  // The reference, independent of the implementation: the pairwise containment check above, each
  // entry once, sorted by family, first address and prefix with BigInt bounds.
  test("is the uncovered entries, each once, in address order", () => {
    fc.assert(
      fc.property(fc.oneof(nested, plain), (list) => {
        const nets = list.map(toNetwork);
        const uncovered = list.filter((_, i) => !nets.some((o, j) => j !== i && contains(o, nets[i]!) && (!contains(nets[i]!, o) || j < i)));
        const key = (x: string) => {
          const b = networkBounds(x);
          return { v6: b.family === "ipv6" ? 1 : 0, first: b.first, size: b.last - b.first };
        };
        const expected = [...new Set(uncovered)].sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          return x.v6 - y.v6 || (x.first < y.first ? -1 : x.first > y.first ? 1 : x.size > y.size ? -1 : x.size < y.size ? 1 : 0);
        });
        expect(uncoveredByAddress(list)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("canonicalUncoveredByAddress", () => {
  // Each of these the strict parser would write otherwise, or refuses.
  const notCanonical = fc.constantFrom("10.1.2.3/8", "010.0.0.1", "192.0.2.1/32", "0.0.0.0/0", "192.0.2.0/024", " 192.0.2.1", "2001:DB8::1", "2001:db8:0:0::1", "2001:db8::1/64", "2001:db8::/128", "::ffff:1.2.3.4", "::/0", "host.example");

  test("is uncoveredByAddress of a list of canonical networks, and null when any entry is not canonical", () => {
    fc.assert(
      fc.property(fc.oneof(nested, plain), fc.option(fc.tuple(notCanonical, fc.nat())), (list, bad) => {
        const at = bad ? bad[1] % (list.length + 1) : 0;
        const input = bad ? [...list.slice(0, at), bad[0], ...list.slice(at)] : list;
        // The generators write some networks otherwise too ("0:0:0:0:0:0:0:0/16").
        const canonical = input.every(isCanonicalNetwork);
        if (bad) expect(canonical).toBe(false);
        expect(canonicalUncoveredByAddress(input)).toEqual(canonical ? uncoveredByAddress(input) : null);
      }),
      { numRuns: 500 },
    );
  });
});
