import { describe, expect, test } from "vitest";
import { decideThrottle, refusalMessage, THROTTLE } from "./throttle-policy";

const NOW = 1_000_000_000;
const ago = (...seconds: number[]) => seconds.map((s) => NOW - s * 1000);
const times = (n: number, spacingSeconds = 10) => ago(...Array.from({ length: n }, (_, i) => (i + 1) * spacingSeconds));

describe("decideThrottle", () => {
  test.each([
    [0, 0],
    [3, 0],
    [4, 500],
  ])("%i recent account failures → %i ms delay", (n, delayMs) => {
    expect(decideThrottle(times(n), [], NOW)).toEqual({ kind: "allow", delayMs });
  });

  test("the fifth failure locks the account until the oldest of the last five ages out", () => {
    const decision = decideThrottle(times(5, 60), [], NOW);
    expect(decision).toEqual({ kind: "refuse", retryAfterMs: THROTTLE.windowMs - 300_000 });
  });

  test("failures older than the window do not count", () => {
    expect(decideThrottle(ago(16 * 60, 17 * 60, 18 * 60, 19 * 60, 20 * 60), [], NOW)).toEqual({ kind: "allow", delayMs: 0 });
  });

  test("one address failing across many accounts is slowed, then refused", () => {
    expect(decideThrottle([], times(19), NOW)).toEqual({ kind: "allow", delayMs: 500 });
    expect(decideThrottle([], times(20), NOW).kind).toBe("refuse");
  });

  test("the delay is capped", () => {
    expect(decideThrottle([], times(19), NOW + 0)).toMatchObject({ kind: "allow" });
    const d = decideThrottle(times(4), times(19), NOW);
    expect(d.kind === "allow" && d.delayMs <= THROTTLE.maxDelayMs).toBe(true);
  });
});

test.each([
  [1, "Too many attempts; try again in 1 minute."],
  [60_001, "Too many attempts; try again in 2 minutes."],
  [15 * 60_000, "Too many attempts; try again in 15 minutes."],
])("refusalMessage(%i)", (ms, text) => {
  expect(refusalMessage(ms)).toBe(text);
});
