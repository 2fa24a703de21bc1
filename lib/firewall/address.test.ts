import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ipv4Span, ipv6Span, networkBounds, parseNetwork, toNetwork } from "./address";

const strict = (text: string) => {
  const n = toNetwork(text);
  return { family: n.family, first: n.first, last: n.last };
};
const fast = (text: string) => {
  const n = networkBounds(text);
  return { family: n.family, first: n.first, last: n.last };
};

/** Canonical text of `addr/prefix` with the host bits cleared, as the schema would store it. */
function canonical(family: "ipv4" | "ipv6", value: bigint, prefix: number): string {
  const bits = family === "ipv4" ? 32 : 128;
  const first = value & ~((1n << BigInt(bits - prefix)) - 1n);
  const hex = first.toString(16).padStart(bits / 4, "0");
  const addr = family === "ipv4" ? [0, 2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(".") : hex.match(/.{4}/g)!.join(":");
  const r = parseNetwork(`${addr}/${prefix}`, { allowZeroPrefix: true });
  return r.ok ? r.value.text : "::1"; // IPv4-mapped networks are refused by the schema: any valid stand-in
}

describe("networkBounds (the fast path for canonical text)", () => {
  test.each(["0.0.0.0/0", "10.0.0.0/8", "192.0.2.7", "255.255.255.255", "203.0.113.128/25", "::", "::/0", "::1", "2001:db8::/32", "2001:db8:0:1::/64", "fe80::1:2", "2a0f:d684:9820:f7ae::8c6f", "1:2:3:4:5:6:7:8", "2001:db8::/127"])(
    "%s matches the strict parser",
    (text) => {
      expect(fast(text)).toEqual(strict(text));
    },
  );

  test("any canonical network matches the strict parser", () => {
    const v4 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })).map(([v, p]) => canonical("ipv4", v, p));
    const v6 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })).map(([v, p]) => canonical("ipv6", v, p));
    fc.assert(
      fc.property(fc.oneof(v4, v6), (text) => {
        expect(fast(text)).toEqual(strict(text));
      }),
      { numRuns: 3000 },
    );
  });

  test("anything else goes through the strict parser (and its errors)", () => {
    expect(fast("2001:DB8::1")).toEqual(strict("2001:db8::1"));
    expect(() => networkBounds("not an address")).toThrow();
  });
});

describe("ipv4Span (numbers, not BigInt)", () => {
  test("any canonical IPv4 network spans what the strict parser says; anything else is null", () => {
    const v4 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 })).map(([v, p]) => canonical("ipv4", v, p));
    fc.assert(
      fc.property(v4, (text) => {
        const n = toNetwork(text);
        expect(ipv4Span(text)).toEqual([Number(n.first), Number(n.last)]);
      }),
      { numRuns: 2000 },
    );
    for (const other of ["2001:db8::/32", "::", "not an address"]) expect(ipv4Span(other)).toBeNull();
  });
});

describe("ipv6Span (groups, not BigInt)", () => {
  test("any canonical IPv6 network spans what the strict parser says; anything else is null", () => {
    const groups = (v: bigint) => Array.from({ length: 8 }, (_, g) => Number((v >> BigInt(112 - 16 * g)) & 0xffffn));
    const v6 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 })).map(([v, p]) => canonical("ipv6", v, p));
    fc.assert(
      fc.property(v6, (text) => {
        const n = toNetwork(text);
        expect(ipv6Span(text)).toEqual([groups(n.first), groups(n.last)]);
      }),
      { numRuns: 2000 },
    );
    for (const other of ["192.0.2.0/24", "2001:DB8::1", "not an address"]) expect(ipv6Span(other)).toBeNull();
  });
});
