import { describe, expect, test } from "vitest";
import { bearerOf, hashSecret, newSecret, refusalOf, scopesFor, tokenCreateSchema, tokenRole, tokenState } from "./api-tokens";

describe("API token secrets", () => {
  test("a new secret has the documented shape; only its hash and a short prefix are kept", () => {
    const a = newSecret();
    const b = newSecret();
    expect(a.secret).toMatch(/^pct_[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.hash).toBe(hashSecret(a.secret));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.secret.startsWith(a.prefix)).toBe(true);
    expect(a.prefix.length).toBe(10);
  });

  test("the Authorization header: none, malformed or a hash to look up", () => {
    const { secret, hash } = newSecret();
    expect(bearerOf(null)).toEqual({ kind: "none" });
    expect(bearerOf("Basic dXNlcjpwYXNz")).toEqual({ kind: "none" });
    expect(bearerOf(`Bearer ${secret}`)).toEqual({ kind: "token", hash });
    expect(bearerOf(`bearer ${secret}`)).toEqual({ kind: "token", hash });
    expect(bearerOf("Bearer")).toEqual({ kind: "malformed" });
    expect(bearerOf("Bearer abc")).toEqual({ kind: "malformed" });
    expect(bearerOf(`Bearer ${secret}x`)).toEqual({ kind: "malformed" });
    expect(bearerOf(`Bearer ${secret} ${secret}`)).toEqual({ kind: "malformed" });
  });
});

describe("what a token may do", () => {
  test("read acts as a viewer, write as an editor, never above the owner's role", () => {
    expect(tokenRole("read", "admin")).toBe("viewer");
    expect(tokenRole("write", "admin")).toBe("editor");
    expect(tokenRole("write", "editor")).toBe("editor");
    expect(tokenRole("write", "viewer")).toBe("viewer");
    expect(scopesFor("viewer")).toEqual(["read"]);
    expect(scopesFor("editor")).toEqual(["read", "write"]);
  });

  test("revoked beats expired; a token ends at its expiry instant", () => {
    const now = new Date("2026-12-02T08:00:00Z");
    expect(tokenState({ expiresAt: new Date("2026-12-02T08:00:01Z"), revokedAt: null }, now)).toBe("active");
    expect(tokenState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(tokenState({ expiresAt: new Date("2027-01-01"), revokedAt: now }, now)).toBe("revoked");
    expect(refusalOf("active")).toBeNull();
    expect(refusalOf("expired")).toMatch(/expired/);
    expect(refusalOf("revoked")).toMatch(/revoked/);
  });

  test("the creation form: a safe name, a known scope, 1 to 365 days", () => {
    expect(tokenCreateSchema.parse({ name: " ansible-ci ", scope: "write", days: "30" })).toEqual({ name: "ansible-ci", scope: "write", days: 30 });
    for (const bad of [{ name: "", scope: "read", days: 30 }, { name: "x\"; rm", scope: "read", days: 30 }, { name: "ok", scope: "admin", days: 30 }, { name: "ok", scope: "read", days: 0 }, { name: "ok", scope: "read", days: 366 }]) {
      expect(tokenCreateSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
