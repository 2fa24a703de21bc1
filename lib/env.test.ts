import { describe, expect, test } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  test("defaults: the SQLite file in ./data, development, one proxy hop", () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: "file:./data/portcullis.db", NODE_ENV: "development", PORTCULLIS_PROXY_HOPS: 1,
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
    expect(parseEnv({ NEXTAUTH_SECRET: "", PORTCULLIS_PROXY_HOPS: "" }).PORTCULLIS_PROXY_HOPS).toBe(1);
  });

  test("PORTCULLIS_PROXY_HOPS takes 1 to 5", () => {
    expect(parseEnv({ PORTCULLIS_PROXY_HOPS: "2" }).PORTCULLIS_PROXY_HOPS).toBe(2);
    for (const bad of ["0", "6", "1.5", "two"]) {
      expect(() => parseEnv({ PORTCULLIS_PROXY_HOPS: bad }), bad).toThrow(/PORTCULLIS_PROXY_HOPS/);
    }
  });

  test("every bad variable is listed in one message", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://x", NEXTAUTH_SECRET: "short" })).toThrow(/DATABASE_URL[\s\S]*NEXTAUTH_SECRET/);
  });
});
