import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { contains, overlaps, toNetwork } from "../address";
import { buildNetworkIndex, coveredEntries, findContaining, findOverlapping } from "./network-index";

const v4Network = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 32 })).map(([n, prefix]) => {
  const mask = prefix === 32 ? 0xffffffff : ~((1 << (32 - prefix)) - 1) >>> 0;
  const a = (n & mask) >>> 0;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}${prefix === 32 ? "" : `/${prefix}`}`;
});

describe("network index agrees with a plain scan", () => {
  test("contains and overlaps", () => {
    fc.assert(
      fc.property(fc.array(v4Network, { maxLength: 40 }), v4Network, (list, probeText) => {
        const index = buildNetworkIndex(list);
        const probe = toNetwork(probeText);
        const nets = list.map(toNetwork);
        expect(findContaining(index, probe) !== undefined).toBe(nets.some((n) => contains(n, probe)));
        expect(findOverlapping(index, probe) !== undefined).toBe(nets.some((n) => overlaps(n, probe)));
      }),
    );
  });

  test("covered entries are exactly those inside another entry", () => {
    fc.assert(
      fc.property(fc.uniqueArray(v4Network, { maxLength: 40 }), (list) => {
        const nets = list.map(toNetwork);
        const expected = nets.filter((n, i) => nets.some((m, j) => j !== i && contains(m, n))).map((n) => n.text).sort();
        expect(coveredEntries(buildNetworkIndex(list)).map((c) => c.inner.text).sort()).toEqual(expected);
      }),
    );
  });

  test("families never mix", () => {
    const index = buildNetworkIndex(["0.0.0.0/1", "128.0.0.0/1"]);
    expect(findOverlapping(index, toNetwork("2001:db8::1"))).toBeUndefined();
  });
});
