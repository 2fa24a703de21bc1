import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("server-only", () => ({}));
// The request as next/headers would give it: a JSON route's path, its Authorization and cookies.
const request = vi.hoisted(() => ({ path: "/api/servers", authorization: null as string | null, cookies: [] as { name: string; value: string }[] }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => request.cookies }),
  headers: async () => new Headers({ "x-portcullis-path": request.path, ...(request.authorization ? { authorization: request.authorization } : {}) }),
}));
await vi.hoisted(async () => (await import("../../tests/support/database")).useScratchDatabase());

const { db } = await import("@/lib/db");
const { newSecret } = await import("./api-tokens");
const { getUser, requireRole } = await import("./session");
const { recordAudit } = await import("@/lib/data/audit-log");

const DAY = 24 * 60 * 60 * 1000;
let userId = "";

async function token(scope: "read" | "write", days = 30, name = `t-${scope}-${days}`): Promise<string> {
  const { secret, hash, prefix } = newSecret();
  await db.apiToken.create({ data: { userId, name, scope, prefix, secretHash: hash, expiresAt: new Date(Date.now() + days * DAY) } });
  return secret;
}

function send(secret: string | null, path = "/api/servers") {
  request.authorization = secret === null ? null : `Bearer ${secret}`;
  request.path = path;
}

beforeEach(async () => {
  await db.apiToken.deleteMany();
  await db.user.deleteMany();
  userId = (await db.user.create({ data: { name: "Ada", email: "ada@example.com", role: "admin", passwordHash: "x" } })).id;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-02T08:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("API token authentication", () => {
  test("a read token reads as a viewer and is refused (403) a change; a write token changes as an editor", async () => {
    send(await token("read"));
    expect(await requireRole("viewer")).toMatchObject({ id: userId, role: "viewer", token: { name: "t-read-30" } });
    await expect(requireRole("editor")).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/scope/) });
    send(await token("write"));
    expect(await requireRole("editor")).toMatchObject({ role: "editor" });
    await expect(requireRole("admin")).rejects.toMatchObject({ code: "forbidden" });
  });

  test("a token never exceeds its owner's current role", async () => {
    send(await token("write"));
    await db.user.update({ where: { id: userId }, data: { role: "viewer" } });
    await expect(requireRole("editor")).rejects.toMatchObject({ code: "forbidden" });
    expect(await requireRole("viewer")).toMatchObject({ role: "viewer" });
  });

  test("expired, revoked, unknown and malformed tokens and a disabled owner's token are refused (401) with the reason", async () => {
    const secret = await token("read", 1);
    send(secret);
    expect(await getUser()).not.toBeNull();
    vi.setSystemTime(Date.now() + DAY);
    await expect(requireRole("viewer")).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/expired/) });

    const revoked = await token("read", 30, "revoked");
    await db.apiToken.updateMany({ where: { name: "revoked" }, data: { revokedAt: new Date() } });
    send(revoked);
    await expect(requireRole("viewer")).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/revoked/) });

    send(newSecret().secret);
    await expect(requireRole("viewer")).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/not valid/) });
    request.authorization = "Bearer not-a-token";
    await expect(requireRole("viewer")).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/not valid/) });

    send(await token("read", 30, "owner-off"));
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    await expect(requireRole("viewer")).rejects.toMatchObject({ code: "unauthorized", message: expect.stringMatching(/disabled/) });
  });

  test("a token counts only on JSON routes: pages and server actions ignore it", async () => {
    send(await token("write"), "/servers");
    expect(await getUser()).toBeNull();
  });

  test("last use is recorded, at most once a minute", async () => {
    const secret = await token("read");
    send(secret);
    await getUser();
    const first = (await db.apiToken.findFirstOrThrow()).lastUsedAt;
    expect(first?.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    vi.setSystemTime(Date.now() + 30_000);
    await getUser();
    expect((await db.apiToken.findFirstOrThrow()).lastUsedAt).toEqual(first);
    vi.setSystemTime(Date.now() + 31_000);
    await getUser();
    expect((await db.apiToken.findFirstOrThrow()).lastUsedAt?.toISOString()).toBe("2026-12-02T08:01:01.000Z");
  });

  test("the audit names the token that made a change", async () => {
    send(await token("write", 30, "deploy-bot"));
    const actor = await requireRole("editor");
    await recordAudit(db, actor, { action: "server.create", targetType: "server", targetId: "x", summary: "created" });
    expect((await db.auditEvent.findFirstOrThrow({ where: { targetId: "x" } })).userName).toBe('Ada (API token "deploy-bot")');
  });
});
