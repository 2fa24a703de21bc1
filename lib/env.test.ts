import { describe, expect, test } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  test("defaults: the SQLite file in ./data, development, no proxy, 8-hour sessions idle after an hour", () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: "file:./data/portcullis.db", NODE_ENV: "development", PORTCULLIS_PROXY_HOPS: 0, PORTCULLIS_SESSION_HOURS: 8, PORTCULLIS_SESSION_IDLE_MINUTES: 60,
      PORTCULLIS_REVISIONS_KEEP: 100, PORTCULLIS_REVISIONS_KEEP_DAYS: 365, PORTCULLIS_AUDIT_KEEP: 100_000, PORTCULLIS_AUDIT_KEEP_DAYS: 365,
    });
  });

  test("retention settings take whole numbers from 0 (no limit)", () => {
    expect(parseEnv({ PORTCULLIS_REVISIONS_KEEP: "0", PORTCULLIS_AUDIT_KEEP_DAYS: "30" })).toMatchObject({ PORTCULLIS_REVISIONS_KEEP: 0, PORTCULLIS_AUDIT_KEEP_DAYS: 30 });
    for (const bad of ["-1", "2.5", "many"]) {
      expect(() => parseEnv({ PORTCULLIS_AUDIT_KEEP: bad }), bad).toThrow(/PORTCULLIS_AUDIT_KEEP must be a whole number/);
    }
  });

  test("an empty variable counts as unset", () => {
    expect(parseEnv({ NEXTAUTH_SECRET: "", PORTCULLIS_PROXY_HOPS: "" }).PORTCULLIS_PROXY_HOPS).toBe(0);
  });

  test.each([
    ["PORTCULLIS_PROXY_HOPS", ["0", "2", "5"], ["-1", "6", "1.5", "two"]],
    ["PORTCULLIS_SESSION_HOURS", ["1", "12", "720"], ["0", "721", "1.5", "8h"]],
    ["PORTCULLIS_SESSION_IDLE_MINUTES", ["5", "30", "1440"], ["4", "1441", "2.5", "1h"]],
  ] as const)("%s takes whole numbers in its range", (name, good, bad) => {
    for (const value of good) expect(parseEnv({ [name]: value })[name]).toBe(Number(value));
    for (const value of bad) expect(() => parseEnv({ [name]: value }), value).toThrow(new RegExp(name));
  });

  test("every bad variable is listed in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://x", NEXTAUTH_SECRET: "short" })).toThrow(/DATABASE_URL[\s\S]*NEXTAUTH_SECRET/);
  });
});
