import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));
// The request's cookies, as next/headers would give them to getUser.
const jar = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => jar.cookies }), headers: async () => new Headers() }));
await vi.hoisted(async () => (await import("../../tests/support/database")).useScratchDatabase());

const { db } = await import("@/lib/db");
const { env } = await import("@/lib/env");
const { authOptions } = await import("./options");
const { encodeSessionToken, decodeSessionToken } = await import("./jwt");
const { SESSION_COOKIE_NAME } = await import("./session-cookie");
const { getUser } = await import("./session");
const { SESSION_IDLE_MS, SESSION_LIFETIME_SECONDS } = await import("./sessions");
const { hashPassword } = await import("./password");

const HOUR = 60 * 60 * 1000;
let userId = "";

/** Signs in as next-auth does after authorize(): the jwt callback, then the token in the cookie. */
async function signIn(): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const token = await authOptions.callbacks!.jwt!({ token: {} as never, user: { ...user, role: "admin", sessionEpoch: user.sessionEpoch }, account: null, trigger: "signIn" } as never);
  return encodeSessionToken({ token, secret: env.NEXTAUTH_SECRET!, maxAge: SESSION_LIFETIME_SECONDS });
}

/** A second administrator, to act on Sam's account (sets `userId` to theirs); returns their token. */
async function signInAsOtherAdmin(): Promise<string> {
  userId = (await db.user.create({ data: { name: "Other Admin", email: "other@example.com", role: "admin", passwordHash: "x" } })).id;
  return signIn();
}

/** getUser() for a request carrying `token`, at the current (possibly faked) time. */
async function userFor(token: string) {
  jar.cookies = [{ name: SESSION_COOKIE_NAME, value: token }];
  return getUser();
}

/** next-auth re-issues the token on each session read: same claims, fresh maxAge. */
async function reissue(token: string): Promise<string> {
  const claims = await decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET! });
  return encodeSessionToken({ token: claims!, secret: env.NEXTAUTH_SECRET!, maxAge: SESSION_LIFETIME_SECONDS });
}

beforeEach(async () => {
  await db.session.deleteMany();
  await db.user.deleteMany();
  userId = (await db.user.create({ data: { name: "Sam", email: "sam@example.com", role: "admin", passwordHash: await hashPassword("Sam-Password-123") } })).id;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-02T08:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("sessions", () => {
  test("defaults: eight hours from sign-in, one hour idle", () => {
    expect(SESSION_LIFETIME_SECONDS).toBe(8 * 60 * 60);
    expect(SESSION_IDLE_MS).toBe(HOUR);
  });

  test("a signed-in token works; after sign-out the same token (a copied cookie) does not", async () => {
    const token = await signIn();
    expect(await userFor(token)).toMatchObject({ id: userId });
    const claims = await decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET! });
    await authOptions.events!.signOut!({ token: claims!, session: null as never });
    expect(await userFor(token)).toBeNull();
  });

  test("other sessions of the user survive one sign-out", async () => {
    const [a, b] = [await signIn(), await signIn()];
    await authOptions.events!.signOut!({ token: (await decodeSessionToken({ token: a, secret: env.NEXTAUTH_SECRET! }))!, session: null as never });
    expect(await userFor(a)).toBeNull();
    expect(await userFor(b)).toMatchObject({ id: userId });
  });

  test("disabling ends every session for good: enabling again does not revive them", async () => {
    const token = await signIn();
    const samId = userId;
    const otherAdmin = await signInAsOtherAdmin();
    const { setUserDisabled } = await import("@/lib/data/users");
    await userFor(otherAdmin);
    await setUserDisabled(samId, true);
    expect(await userFor(token)).toBeNull();
    await userFor(otherAdmin);
    await setUserDisabled(samId, false);
    expect(await userFor(token)).toBeNull();
    userId = samId;
    expect(await userFor(await signIn())).toMatchObject({ id: samId });
  });

  test("a password reset ends the user's sessions", async () => {
    const token = await signIn();
    const samId = userId;
    const otherAdmin = await signInAsOtherAdmin();
    const { resetUserPassword } = await import("@/lib/data/users");
    await userFor(otherAdmin);
    await resetUserPassword(samId, "A-New-Password-456");
    expect(await userFor(token)).toBeNull();
    expect(await db.session.count({ where: { userId: samId } })).toBe(0);
  });

  test("a session ends eight hours after sign-in even when used all along and its token re-issued", async () => {
    let token = await signIn();
    for (let hour = 0.5; hour < 8; hour += 0.5) {
      vi.setSystemTime(Date.now() + HOUR / 2);
      expect(await userFor(token), `at ${hour} h`).not.toBeNull();
      token = await reissue(token);
    }
    const { exp } = (await decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET! }))!;
    expect(exp).toBe(Math.floor(new Date("2026-12-02T16:00:00Z").getTime() / 1000));
    vi.setSystemTime(new Date("2026-12-02T16:00:01Z"));
    expect(await userFor(token)).toBeNull();
  });

  test("a session unused for the idle timeout ends; one used in time goes on", async () => {
    const token = await signIn();
    vi.setSystemTime(Date.now() + HOUR - 60_000);
    expect(await userFor(token)).not.toBeNull();
    vi.setSystemTime(Date.now() + HOUR - 60_000);
    expect(await userFor(token)).not.toBeNull();
    vi.setSystemTime(Date.now() + HOUR);
    expect(await userFor(token)).toBeNull();
  });

  test("a token from before server-side sessions (no session id) is refused", async () => {
    const legacy = await encodeSessionToken({ token: { id: userId, role: "admin", epoch: 0 } as never, secret: env.NEXTAUTH_SECRET!, maxAge: 3600 });
    expect(await userFor(legacy)).toBeNull();
  });
});
