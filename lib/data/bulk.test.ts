import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createDefaultDocument, type ProfileDocument } from "@/lib/firewall";
import { bulkChangeSchema, type BulkChangeInput } from "@/lib/fleet/bulk";
import { serverListQuerySchema } from "@/lib/validations/server-list";
import { migratedDatabase } from "@/tests/support/database";

// Bulk actions on real SQLite (the committed migrations), through the data layer's own writes.
const session = vi.hoisted(() => ({ user: { id: "", name: "Eve Editor", email: "eve@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

let data: {
  db: typeof import("@/lib/db").db;
  bulk: typeof import("./bulk");
  policies: typeof import("./policies");
  profiles: typeof import("./server-profiles");
};
const ids: Record<string, string> = {};
const change = (input: BulkChangeInput) => bulkChangeSchema.parse(input);

function doc(name: string, edit: (d: ProfileDocument) => void = () => {}): ProfileDocument {
  const d = createDefaultDocument({ name, os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"] });
  edit(d);
  return d;
}

async function versions(...names: string[]) {
  const rows = await data.db.serverProfile.findMany({ where: { id: { in: names.map((n) => ids[n]!) } }, select: { id: true, version: true } });
  return rows;
}

beforeAll(async () => {
  process.env.DATABASE_URL = migratedDatabase().url;
  const [{ db }, { importProfiles }, bulk, policies, profiles] = await Promise.all([
    import("@/lib/db"), import("./transfer"), import("./bulk"), import("./policies"), import("./server-profiles"),
  ]);
  data = { db, bulk, policies, profiles };
  session.user.id = (await db.user.create({ data: { name: "Eve Editor", email: "eve@example.com", passwordHash: "x", role: "editor" } })).id;
  const created = await importProfiles([
    doc("web1", (d) => { d.policy.blocked.push({ address: "192.0.2.1", comment: "" }); }),
    doc("web2"),
    doc("mail1"),
  ]);
  for (const c of created) ids[c.name] = c.id;
  await db.serverProfile.update({ where: { id: ids.web1! }, data: { tags: "eu" } });
  await db.serverProfile.update({ where: { id: ids.web2! }, data: { tags: "eu" } });
}, 120_000);
afterAll(async () => data.db.$disconnect());

describe("bulk actions", () => {
  test("the preview shows each server's changes and stores nothing", async () => {
    const before = await versions("web1", "web2");
    const preview = await data.bulk.previewBulkChange([ids.web1!, ids.web2!], change({ kind: "block", addresses: "192.0.2.1\n198.51.100.0/24" }));
    expect(preview.description).toBe("block 2 addresses");
    const byName = Object.fromEntries(preview.items.map((i) => [i.name, i]));
    expect(byName.web1!.changeCount).toBe(1);
    expect(byName.web2!.changeCount).toBe(2);
    expect(byName.web2!.changes.map((c) => c.text).join(" ")).toContain("198.51.100.0/24");
    expect(await versions("web1", "web2")).toEqual(before);
  });

  test("applying gives each server its own revision, audited as part of the bulk action", async () => {
    const ids2 = [ids.web1!, ids.web2!];
    const preview = await data.bulk.previewBulkChange(ids2, change({ kind: "block", addresses: "198.51.100.0/24", comment: "scanner" }));
    const result = await data.bulk.applyBulkChangeTo(preview.items.map((i) => ({ id: i.id, version: i.version })), change({ kind: "block", addresses: "198.51.100.0/24", comment: "scanner" }));
    expect(result.changed.sort()).toEqual(["web1", "web2"]);
    for (const item of preview.items) {
      const record = await data.policies.getPolicyRecord(item.id);
      expect(record!.version).toBe(item.version + 1);
      expect(record!.reading.ok && record!.reading.document.policy.blocked.some((b) => b.address === "198.51.100.0/24" && b.comment === "scanner")).toBe(true);
      const revision = await data.db.profileRevision.findFirst({ where: { serverProfileId: item.id, version: item.version + 1 } });
      expect(revision?.kind).toBe("bulk");
    }
    const events = await data.db.auditEvent.findMany({ where: { action: "server.bulk" } });
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.summary).toMatch(/^Bulk action \(block 1 address\) on web\d/);
      expect(JSON.parse(e.details)).toMatchObject({ bulkId: result.bulkId, bulk: "block", servers: 2 });
    }
    // Unchanged the second time: no revision, no event.
    const again = await data.bulk.previewBulkChange(ids2, change({ kind: "block", addresses: "198.51.100.0/24" }));
    expect(again.items.every((i) => !i.changed)).toBe(true);
  });

  test("a server saved since the preview refuses the whole action", async () => {
    const preview = await data.bulk.previewBulkChange([ids.web1!, ids.mail1!], change({ kind: "open-port", ports: { from: 8443, to: 8443 }, tcp: true, udp: false }));
    const record = await data.policies.getPolicyRecord(ids.mail1!);
    if (!record?.reading.ok) throw new Error("unreadable");
    await data.policies.savePolicy(ids.mail1!, record.version, { ...record.reading.document.policy, outbound: "restricted" });
    const before = await versions("web1");
    await expect(data.bulk.applyBulkChangeTo(preview.items.map((i) => ({ id: i.id, version: i.version })), change({ kind: "open-port", ports: { from: 8443, to: 8443 }, tcp: true, udp: false })))
      .rejects.toThrow(/Nothing was changed: 1 server was saved or deleted since the preview \(mail1\)/);
    expect(await versions("web1")).toEqual(before);
  });

  test("a change a server cannot take is named and refuses the whole action", async () => {
    const preview = await data.bulk.previewBulkChange([ids.web1!], change({ kind: "tags", add: Array.from({ length: 20 }, (_, i) => `t${i}`), remove: [] }));
    expect(preview.items[0]!.error).toMatch(/at most 20/);
    await expect(data.bulk.applyBulkChangeTo([{ id: ids.web1!, version: preview.items[0]!.version }], change({ kind: "tags", add: Array.from({ length: 20 }, (_, i) => `t${i}`), remove: [] })))
      .rejects.toThrow(/Nothing was changed: web1: It would have 21 tags/);
  });

  test("tags change without a revision; the filter selects the servers", async () => {
    const selected = await data.bulk.resolveSelection({ query: serverListQuerySchema.parse({ tag: "eu" }) });
    expect(selected.sort()).toEqual([ids.web1!, ids.web2!].sort());
    const before = await versions("web1", "web2");
    const preview = await data.bulk.previewBulkChange(selected, change({ kind: "tags", add: "shared", remove: "eu" }));
    await data.bulk.applyBulkChangeTo(preview.items.map((i) => ({ id: i.id, version: i.version })), change({ kind: "tags", add: "shared", remove: "eu" }));
    expect(await versions("web1", "web2")).toEqual(before);
    const rows = await data.db.serverProfile.findMany({ where: { id: { in: selected } }, select: { tags: true } });
    expect(rows.map((r) => r.tags)).toEqual(["shared", "shared"]);
  });
});
