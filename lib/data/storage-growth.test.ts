import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createDefaultDocument } from "@/lib/firewall/policy/defaults";
import { databaseBytes, migratedDatabase } from "@/tests/support/database";

// The data layer on real SQLite (the committed migrations). The session is the one stand-in:
// these tests are about what a save stores, not who may save.
const session = vi.hoisted(() => ({ user: { id: "", name: "Eve Editor", email: "eve@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

const ENTRIES = 200_000;
let file = "";
let data: {
  db: typeof import("@/lib/db").db;
  importProfiles: typeof import("./transfer").importProfiles;
  savePolicy: typeof import("./policies").savePolicy;
  getPolicyRecord: typeof import("./policies").getPolicyRecord;
  recordAudit: typeof import("./audit-log").recordAudit;
};

beforeAll(async () => {
  const database = migratedDatabase();
  file = database.file;
  process.env.DATABASE_URL = database.url;
  const [{ db }, { importProfiles }, { savePolicy, getPolicyRecord }, { recordAudit }] = await Promise.all([
    import("@/lib/db"), import("./transfer"), import("./policies"), import("./audit-log"),
  ]);
  data = { db, importProfiles, savePolicy, getPolicyRecord, recordAudit };
  session.user.id = (await db.user.create({ data: { name: "Eve Editor", email: "eve@example.com", passwordHash: "x", role: "editor" } })).id;
}, 120_000);
afterAll(async () => data.db.$disconnect());

describe("storage of a profile at the format's maximum", () => {
  test("a one-comment edit grows the database by less than 100 KB; the import's audit event is a summary", async () => {
    const doc = createDefaultDocument({ name: "big", os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] });
    doc.policy.blocked = Array.from({ length: ENTRIES }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));
    const [created] = await data.importProfiles([doc]);
    const id = created?.id ?? "";

    const before = databaseBytes(file);
    const record = await data.getPolicyRecord(id);
    if (!record?.reading.ok) throw new Error("the imported profile does not read");
    const policy = record.reading.document.policy;
    policy.blocked[123_456] = { address: policy.blocked[123_456]?.address ?? "", comment: "abuse reported" };
    await data.savePolicy(id, record.version, policy);
    const growth = databaseBytes(file) - before;
    expect(growth).toBeLessThan(100 * 1024);

    const events = await data.db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" }, select: { action: true, details: true } });
    expect(events.map((e) => e.action)).toEqual(["server.import", "matrix.save"]);
    const imported = JSON.parse(events[0]?.details ?? "{}") as { changes: unknown[]; changeCount: number; documentBytes: number; blockedEntries: number };
    expect(events[0]?.details.length).toBeLessThan(16 * 1024);
    expect(imported.changes).toHaveLength(50);
    expect(imported.changeCount).toBeGreaterThanOrEqual(ENTRIES);
    expect(imported).toMatchObject({ blockedEntries: ENTRIES });
    expect(imported.documentBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(events[1]?.details.length).toBeLessThan(1024);
    const revisions = await data.db.profileRevision.findMany({ where: { serverProfileId: id }, orderBy: { version: "asc" }, select: { encoding: true, data: true } });
    expect(revisions.map((r) => r.encoding)).toEqual(["full", "delta"]);
    expect(revisions[1]?.data.byteLength).toBeLessThan(1024);
  });
});

describe("refused sign-ins", () => {
  test("repeated refusals of an account in one window are one event with a count", async () => {
    const refuse = (email: string, address: string) => data.recordAudit(data.db, null, {
      action: "auth.login-refused", targetType: "account", targetId: email, summary: `Sign-in refused for ${email} (too many attempts)`, details: { address },
    });
    await Promise.all(Array.from({ length: 300 }, (_, i) => refuse("victim@example.com", `198.51.100.${i % 20}`)));
    await refuse("victim@example.com", "203.0.113.9");
    await refuse("other@example.com", "198.51.100.1");

    const rows = await data.db.auditEvent.findMany({ where: { action: "auth.login-refused" }, select: { targetId: true, summary: true, details: true } });
    expect(rows).toHaveLength(2);
    const victim = rows.find((r) => r.targetId === "victim@example.com");
    expect(JSON.parse(victim?.details ?? "{}")).toMatchObject({ count: 301 });
    expect((JSON.parse(victim?.details ?? "{}") as { addresses: string[] }).addresses).toHaveLength(10);
    expect(victim?.summary).toBe("Sign-in refused for victim@example.com (too many attempts): 301 times");
  });
});

describe("audit retention", () => {
  test("removes events beyond the newest N and older than N days, nothing else", async () => {
    const { pruneAudit } = await import("./audit-retention");
    const day = 24 * 60 * 60 * 1000;
    await data.db.auditEvent.create({ data: { userName: "x", action: "export.all", targetType: "server", targetId: "*", summary: "recent" } });
    await data.db.auditEvent.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({
        createdAt: new Date(Date.now() - (400 + i) * day), userName: "x", action: "export.all", targetType: "server", targetId: "*", summary: `old ${i}`,
      })),
    });
    const total = await data.db.auditEvent.count();
    expect(await pruneAudit(data.db, { keep: total, keepDays: 0 })).toBe(0);
    expect(await pruneAudit(data.db, { keep: 0, keepDays: 0 })).toBe(0);
    // Days 410 to 419 are older than 410 days (day 410 by the milliseconds since it was written).
    expect(await pruneAudit(data.db, { keep: 0, keepDays: 410 })).toBe(10);
    expect(await pruneAudit(data.db, { keep: 1, keepDays: 365 })).toBe(10);
    expect(await data.db.auditEvent.count()).toBe(total - 20);
    const newest = await data.db.auditEvent.findMany({ orderBy: { createdAt: "desc" }, take: 3, select: { id: true } });
    await pruneAudit(data.db, { keep: 3, keepDays: 0 });
    expect((await data.db.auditEvent.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(expect.arrayContaining(newest.map((r) => r.id)));
  });
});
