import { describe, expect, test } from "vitest";
import { SAMPLE_RULESETS } from "@/tests/support/samples";
import { csfSafe } from "../csf/text";
import { blockedAllowedOverlaps, multiportChunks, safeText, tokenBucket } from "./rules";

describe("tokenBucket", () => {
  test.each([
    [10, 300, { rate: 2, unit: "minute", burst: 10, exact: true }],
    [5, 1, { rate: 5, unit: "second", burst: 5, exact: true }],
    [1, 86400, { rate: 1, unit: "day", burst: 1, exact: true }],
    [7, 13, { rate: 1938, unit: "hour", burst: 7, exact: false }],
    [1, 86399, { rate: 1, unit: "day", burst: 1, exact: false }],
  ])("%i per %i s", (count, seconds, expected) => {
    expect(tokenBucket(count, seconds)).toEqual(expected);
  });
});

test("multiport chunks hold at most 15 slots, a range taking 2", () => {
  const ports = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? { from: i * 10, to: i * 10 + 5 } : { from: i * 10, to: i * 10 }));
  const chunks = multiportChunks(ports);
  for (const c of chunks) expect(c.reduce((n, r) => n + (r.from === r.to ? 1 : 2), 0)).toBeLessThanOrEqual(15);
  expect(chunks.flat()).toEqual(ports);
});

test("safeText keeps the allow-list only; csfSafe also defuses Include", () => {
  expect(safeText('a"b\nc$(d)`e`')).toBe("a_b_c_(d)_e_");
  expect(safeText("x".repeat(300))).toHaveLength(100);
  expect(csfSafe("Include /etc/x include")).toBe("incl. /etc/x incl.");
});

test("blocked entries overlapping an allowed source are found, per family", () => {
  const rs = SAMPLE_RULESETS.find((s) => s.id === "blocks-and-limits")!.ruleSet;
  const blocked = { v4: ["203.0.113.128/25", "203.0.112.0/24", "203.0.114.0/23", "0.0.0.0/1", "192.0.2.0/24"], v6: ["2001:db8::/32", "2001:db8:b::/48"] };
  expect(blockedAllowedOverlaps({ ...rs, blocked })).toEqual(["203.0.113.128/25", "2001:db8::/32"]);
  expect(blockedAllowedOverlaps(rs)).toEqual([]);
});
