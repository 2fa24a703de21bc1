import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));
// Counts how many attempts reach the password check, the expensive step the limit must bound.
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock("./password", async (importOriginal) => {
  const original = await importOriginal<typeof import("./password")>();
  return { ...original, verifyPassword: async (hash: string | null, password: string) => { verified.count++; return original.verifyPassword(hash, password); } };
});
await vi.hoisted(async () => (await import("../../tests/support/database")).useScratchDatabase());

const { db } = await import("@/lib/db");
const { authenticate, LoginRefusedError } = await import("./credentials");
const { hashPassword } = await import("./password");
const { THROTTLE } = await import("./throttle-policy");
const { accountLocks, clearAccountFailures } = await import("./throttle");

const OWNER = { email: "owner@example.com", password: "Owner-Password-1" };

beforeEach(async () => {
  await db.loginFailure.deleteMany();
  await db.user.deleteMany();
  await db.user.create({ data: { name: "Owner", email: OWNER.email, passwordHash: await hashPassword(OWNER.password), role: "admin" } });
  verified.count = 0;
});
afterEach(() => vi.useRealTimers());

/** Runs the attempts all at once; each settles to the user, null (wrong) or "refused". */
async function burst(attempts: { password: string; address: string }[]) {
  return Promise.all(attempts.map(({ password, address }) =>
    authenticate({ email: OWNER.email, password }, address).catch((error: unknown) => {
      if (error instanceof LoginRefusedError) return "refused" as const;
      throw error;
    })));
}

describe("sign-in limits", () => {
  test("200 parallel attempts from one address: exactly the limit are evaluated, and the right password at 40 is refused", async () => {
    const attempts = Array.from({ length: 200 }, (_, i) => ({ password: i === 39 ? OWNER.password : `Wrong-Password-${i}`, address: "198.51.100.1" }));
    const results = await burst(attempts);
    expect(verified.count).toBe(THROTTLE.pairLimit);
    expect(results.filter((r) => r === null)).toHaveLength(THROTTLE.pairLimit);
    expect(results.filter((r) => r === "refused")).toHaveLength(200 - THROTTLE.pairLimit);
    expect(results[39]).toBe("refused");
  }, 120_000);

  test("failures from another address do not lock the owner out of their own", async () => {
    const attacker = Array.from({ length: 30 }, (_, i) => ({ password: `Wrong-${i}-Password`, address: "203.0.113.66" }));
    const results = await burst(attacker);
    expect(results.filter((r) => r === null)).toHaveLength(THROTTLE.pairLimit);
    expect(await authenticate(OWNER, "198.51.100.7")).toMatchObject({ email: OWNER.email });
    // The attacker's address stays locked out of the account, even with the right password.
    await expect(authenticate(OWNER, "203.0.113.66")).rejects.toThrow(LoginRefusedError);
  }, 60_000);

  test("the Users page sees the lock; an administrator's unlock lifts it", async () => {
    await burst(Array.from({ length: THROTTLE.pairLimit }, (_, i) => ({ password: `Wrong-${i}-Password`, address: "203.0.113.9" })));
    const locks = await accountLocks([OWNER.email, "other@example.com"]);
    expect(locks.get(OWNER.email)).toMatchObject({ addresses: 1 });
    expect(locks.get(OWNER.email)!.until.getTime()).toBeGreaterThan(Date.now());
    expect(locks.has("other@example.com")).toBe(false);
    expect(await clearAccountFailures(OWNER.email)).toBe(THROTTLE.pairLimit);
    expect((await accountLocks([OWNER.email])).size).toBe(0);
    expect(await authenticate(OWNER, "203.0.113.9")).toMatchObject({ email: OWNER.email });
  }, 60_000);

  test("a correct password clears its own address's failures on the account", async () => {
    await burst(Array.from({ length: THROTTLE.pairLimit - 1 }, (_, i) => ({ password: `Wrong-${i}-Password`, address: "198.51.100.2" })));
    expect(await authenticate(OWNER, "198.51.100.2")).not.toBeNull();
    expect(await db.loginFailure.count({ where: { email: OWNER.email } })).toBe(0);
  }, 60_000);
});
