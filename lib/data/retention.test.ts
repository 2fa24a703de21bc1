import { describe, expect, test } from "vitest";
import { isExpired } from "./retention";

const NOW = Date.parse("2026-12-02T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 24 * 60 * 60 * 1000);

describe("isExpired", () => {
  test.each([
    { what: "within the newest N and young", rank: 2, age: 1, keep: 10, keepDays: 30, expired: false },
    { what: "beyond N but young", rank: 20, age: 1, keep: 10, keepDays: 30, expired: false },
    { what: "old but within the newest N", rank: 2, age: 90, keep: 10, keepDays: 30, expired: false },
    { what: "beyond N and old", rank: 20, age: 90, keep: 10, keepDays: 30, expired: true },
    { what: "count only: beyond N", rank: 10, age: 0, keep: 10, keepDays: 0, expired: true },
    { what: "count only: within N", rank: 9, age: 999, keep: 10, keepDays: 0, expired: false },
    { what: "age only: old", rank: 0, age: 31, keep: 0, keepDays: 30, expired: true },
    { what: "age only: young", rank: 500, age: 29, keep: 0, keepDays: 30, expired: false },
    { what: "no bounds: keep everything", rank: 10_000, age: 10_000, keep: 0, keepDays: 0, expired: false },
  ])("$what", ({ rank, age, keep, keepDays, expired }) => {
    expect(isExpired(rank, daysAgo(age), { keep, keepDays }, NOW)).toBe(expired);
  });
});
