import { describe, expect, test } from "vitest";
import { clientAddressOf, delayFor, lockedUntil, refusalMessage, THROTTLE } from "./throttle-policy";

const NOW = 1_000_000_000;
const ago = (...seconds: number[]) => seconds.map((s) => NOW - s * 1000);
const times = (n: number, spacingSeconds = 10) => ago(...Array.from({ length: n }, (_, i) => (i + 1) * spacingSeconds));

describe("delayFor", () => {
  test.each([
    [{ pair: 1, address: 1, account: 1 }, 0],
    [{ pair: 4, address: 4, account: 4 }, 0],
    [{ pair: 5, address: 5, account: 5 }, 500],
    [{ pair: 1, address: 16, account: 1 }, 0],
    [{ pair: 1, address: 20, account: 1 }, 500],
    [{ pair: 1, address: 1, account: 11 }, 0],
    [{ pair: 1, address: 1, account: 12 }, 500],
    [{ pair: 1, address: 1, account: 500 }, THROTTLE.maxDelayMs],
  ])("%o → %i ms", (counts, delayMs) => {
    expect(delayFor(counts)).toBe(delayMs);
  });
});

describe("lockedUntil", () => {
  test("the fifth failure of one account from one address locks that pair until the oldest of the last five ages out", () => {
    expect(lockedUntil(times(4, 60), [], NOW)).toBe(0);
    expect(lockedUntil(times(5, 60), [], NOW)).toBe(NOW + THROTTLE.windowMs - 300_000);
  });

  test("failures older than the window do not count", () => {
    expect(lockedUntil(ago(16 * 60, 17 * 60, 18 * 60, 19 * 60, 20 * 60), [], NOW)).toBe(0);
  });

  test("one address failing across many accounts is locked at the address limit", () => {
    expect(lockedUntil([], times(19), NOW)).toBe(0);
    expect(lockedUntil([], times(20), NOW)).toBeGreaterThan(NOW);
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
  test("without a proxy (0 hops) the socket address counts and X-Forwarded-For is ignored", () => {
    expect(clientAddressOf("198.51.100.66", "192.0.2.7", 0)).toBe("192.0.2.7");
    expect(clientAddressOf(undefined, "::1", 0)).toBe("::1");
    expect(clientAddressOf("198.51.100.66", undefined, 0)).toBe("unknown");
  });

  test("behind one proxy the last entry counts: what the client put before it is ignored", () => {
    expect(clientAddressOf("203.0.113.9, 198.51.100.20", "10.0.0.1", 1)).toBe("198.51.100.20");
    expect(clientAddressOf("forged,  198.51.100.20 ", "10.0.0.1", 1)).toBe("198.51.100.20");
  });

  test("behind two proxies (CDN, then nginx) the second entry from the right counts", () => {
    expect(clientAddressOf("forged, 198.51.100.20, 203.0.113.1", "10.0.0.1", 2)).toBe("198.51.100.20");
  });

  test("no header, an empty one, or fewer entries than proxies gives unknown", () => {
    expect(clientAddressOf(undefined, "10.0.0.1", 1)).toBe("unknown");
    expect(clientAddressOf(" , ", "10.0.0.1", 1)).toBe("unknown");
    expect(clientAddressOf("198.51.100.20", "10.0.0.1", 2)).toBe("unknown");
  });

  test("an over-long entry is cut to 64 characters", () => {
    expect(clientAddressOf("x".repeat(500), undefined, 1)).toHaveLength(64);
    expect(clientAddressOf(undefined, "y".repeat(500), 0)).toHaveLength(64);
  });
});
