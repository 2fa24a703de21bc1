import { describe, expect, test } from "vitest";
import { isSessionLive, needsTouch, tokenExpiry, TOUCH_EVERY_MS } from "./session-policy";

const T0 = new Date("2026-12-02T08:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const IDLE = { idleMs: 60 * 60_000 };
const session = (lastSeenMinutes: number) => ({ lastSeenAt: at(lastSeenMinutes), expiresAt: at(8 * 60) });

describe("isSessionLive", () => {
  test.each([
    [0, 1, true],
    [0, 59, true],
    [0, 60, false],
    [400, 450, true],
    [470, 479, true],
    [470, 480, false],
    [479, 481, false],
  ])("last seen at +%i min, asked at +%i min → %s", (lastSeen, now, live) => {
    expect(isSessionLive(session(lastSeen), at(now), IDLE)).toBe(live);
  });
});

test("the idle clock is written at most once a minute", () => {
  expect(needsTouch(session(0), new Date(T0.getTime() + TOUCH_EVERY_MS - 1))).toBe(false);
  expect(needsTouch(session(0), new Date(T0.getTime() + TOUCH_EVERY_MS))).toBe(true);
});

describe("tokenExpiry", () => {
  test("a re-issued token never outlives the session's absolute end", () => {
    expect(tokenExpiry(1_000, 8 * 3600, 1_000 + 8 * 3600)).toBe(1_000 + 8 * 3600);
    expect(tokenExpiry(20_000, 8 * 3600, 1_000 + 8 * 3600)).toBe(1_000 + 8 * 3600);
  });

  test("without a session end, the token lives maxAge", () => {
    expect(tokenExpiry(1_000, 60, undefined)).toBe(1_060);
  });
});
