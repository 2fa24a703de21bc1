import { describe, expect, test } from "vitest";
import { clientAddressOf, decideThrottle, refusalMessage, THROTTLE } from "./throttle-policy";

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

describe("clientAddressOf", () => {
  test("without a proxy, Next.js's own entry (the socket address) is the only one", () => {
    expect(clientAddressOf("192.0.2.7", 1)).toBe("192.0.2.7");
  });

  test("behind one proxy the last entry counts: what the client put before it is ignored", () => {
    expect(clientAddressOf("203.0.113.9, 198.51.100.20", 1)).toBe("198.51.100.20");
    expect(clientAddressOf("forged,  198.51.100.20 ", 1)).toBe("198.51.100.20");
  });

  test("behind two proxies (CDN, then nginx) the second entry from the right counts", () => {
    expect(clientAddressOf("forged, 198.51.100.20, 203.0.113.1", 2)).toBe("198.51.100.20");
  });

  test("no header, an empty one, or fewer entries than proxies gives unknown", () => {
    expect(clientAddressOf(undefined, 1)).toBe("unknown");
    expect(clientAddressOf(" , ", 1)).toBe("unknown");
    expect(clientAddressOf("198.51.100.20", 2)).toBe("unknown");
  });

  test("an over-long entry is cut to 64 characters", () => {
    expect(clientAddressOf("x".repeat(500), 1)).toHaveLength(64);
  });
});
