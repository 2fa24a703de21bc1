import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { assessPolicy, createDefaultDocument, serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { serverListQuerySchema } from "@/lib/validations/server-list";
import { migratedDatabase } from "@/tests/support/database";

// The list on real SQLite (the committed migrations), through the data layer's own writes. The
// session is the one stand-in: these tests are about what the list finds, not who may look.
const session = vi.hoisted(() => ({ user: { id: "", name: "Eve Editor", email: "eve@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

let data: {
  db: typeof import("@/lib/db").db;
  importProfiles: typeof import("./transfer").importProfiles;
  policies: typeof import("./policies");
  profiles: typeof import("./server-profiles");
};

function doc(name: string, server: Partial<ProfileDocument["server"]>, edit: (d: ProfileDocument) => void = () => {}): ProfileDocument {
  const d = createDefaultDocument({ name, os: "almalinux", panel: "cpanel", adminSources: ["203.0.113.0/24"], ...server });
  edit(d);
  return d;
}

const mysqlFor = (access: "anyone" | "admins") => (d: ProfileDocument) => {
  const mysql = d.policy.services.mysql!;
  d.policy.services.mysql = { ...mysql, enabled: true, inbound: true, tcp: true, localhostOnly: false, access };
};

async function names(params: Record<string, string>): Promise<string[]> {
  const page = await data.profiles.listServerProfiles(serverListQuerySchema.parse(params));
  return page.items.map((s) => s.name);
}
const sorted = async (params: Record<string, string>) => (await names(params)).sort();

const ids: Record<string, string> = {};

beforeAll(async () => {
  process.env.DATABASE_URL = migratedDatabase().url;
  const [{ db }, { importProfiles }, policies, profiles] = await Promise.all([import("@/lib/db"), import("./transfer"), import("./policies"), import("./server-profiles")]);
  data = { db, importProfiles, policies, profiles };
  session.user.id = (await db.user.create({ data: { name: "Eve Editor", email: "eve@example.com", passwordHash: "x", role: "editor" } })).id;
  const created = await importProfiles([
    doc("alpha", { ipv4: "192.0.2.10", ipv6: "2001:db8::10" }, (d) => {
      mysqlFor("anyone")(d);
      d.policy.backend = "nftables";
      // PowerDNS control is localhost-only: opening its port is a critical warning.
      d.policy.customRules.push({ id: "pdns", label: "PowerDNS", ports: { from: 953, to: 953 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] });
    }),
    doc("bravo", { ipv4: "192.0.2.200", panel: "froxlor" }, (d) => { mysqlFor("admins")(d); d.policy.backend = "csf"; }),
    doc("charlie", { ipv4: "198.51.100.7", ipv6: "2001:db8:1::7" }, (d) => {
      d.policy.customRules.push({ id: "app", label: "App", ports: { from: 6000, to: 6010 }, tcp: true, udp: false, direction: "inbound", access: "anyone", sources: [] });
    }),
    doc("delta", { panel: "other" }),
  ]);
  for (const c of created) ids[c.name] = c.id;
}, 120_000);
afterAll(async () => data.db.$disconnect());

describe("search", () => {
  test.each([
    ["192.0.2.10", ["alpha"]],
    ["192.0.2.0/24", ["alpha", "bravo"]],
    ["192.0.2.0/25", ["alpha"]],
    ["192.0.2.128/25", ["bravo"]],
    ["0.0.0.0/0", ["alpha", "bravo", "charlie"]],
    ["2001:DB8:0:0:0:0:0:10", ["alpha"]],
    ["2001:db8::/32", ["alpha", "charlie"]],
    ["2001:db8:1::/48", ["charlie"]],
    ["3306 open to anyone", ["alpha"]],
    ["mysql open", ["alpha", "bravo"]],
    ["mysql open ipv4 to anyone", ["alpha"]],
    ["port 6005", ["charlie"]],
    ["port 5990-6000", ["charlie"]],
    ["port 6010/udp", []],
    ["char", ["charlie"]],
    ["2001:db8::/32 port 6000", ["charlie"]],
  ])("%j finds %j", async (q, expected) => {
    expect(await sorted({ q })).toEqual(expected);
  });
});

describe("columns, filters and sorts", () => {
  test("backend, critical warnings and their acknowledgement", async () => {
    const page = await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "alpha" }));
    const alpha = page.items[0]!;
    const record = await data.policies.getPolicyRecord(ids.alpha!);
    if (!record?.reading.ok) throw new Error("alpha does not read");
    const critical = assessPolicy(record.reading.document).filter((w) => w.severity === "critical").map((w) => w.id);
    expect(critical.length).toBeGreaterThan(0);
    expect(alpha).toMatchObject({ backend: "nftables", criticalWarnings: critical.length, criticalOpen: critical.length });
    expect(await names({ critical: "open" })).toContain("alpha");
    expect(await sorted({ backend: "csf" })).toEqual(["bravo"]);

    await data.policies.acknowledgeWarnings(ids.alpha!, record.version, critical);
    expect(await names({ critical: "open" })).not.toContain("alpha");
    expect((await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "alpha" }))).items[0]).toMatchObject({ criticalWarnings: critical.length, criticalOpen: 0 });
  });

  test("tags: saved with the server form's data, filtered, audited", async () => {
    const profile = await data.profiles.getServerProfile(ids.bravo!);
    const { name, hostname, ipv4, ipv6, sshPort, adminSources, notes, version } = profile!;
    await data.profiles.updateServerProfile(ids.bravo!, version, { name, hostname, ipv4, ipv6, sshPort, adminSources, notes, os: "debian", panel: "froxlor", tags: ["mail", "eu-west"] });
    expect(await sorted({ tag: "eu-west" })).toEqual(["bravo"]);
    expect(await sorted({ tag: "eu" })).toEqual([]);
    expect(await data.profiles.listTags()).toEqual(["eu-west", "mail"]);
    expect((await data.profiles.getServerProfile(ids.bravo!))?.tags).toEqual(["eu-west", "mail"]);
    const event = await data.db.auditEvent.findFirst({ where: { targetId: ids.bravo!, action: "server.update" }, select: { summary: true, details: true } });
    expect(event?.summary).toContain("tags: eu-west mail");
    expect(JSON.parse(event?.details ?? "{}")).toMatchObject({ tags: { from: [], to: ["eu-west", "mail"] } });
  });

  test("verification and the applied revision", async () => {
    const before = await data.db.serverProfile.findUniqueOrThrow({ where: { id: ids.charlie! }, select: { version: true } });
    await data.db.serverProfile.update({ where: { id: ids.charlie! }, data: { verifiedAt: new Date(), verifiedVersion: before.version, verifyVerdict: "in-sync", verifyMatches: null } });
    expect(await sorted({ verification: "in-sync" })).toEqual(["charlie"]);
    expect(await sorted({ applied: "current" })).toEqual(["charlie"]);
    const record = await data.policies.getPolicyRecord(ids.charlie!);
    if (!record?.reading.ok) throw new Error("charlie does not read");
    await data.policies.savePolicy(ids.charlie!, record.version, { ...record.reading.document.policy, backend: "ufw" });
    expect(await sorted({ verification: "stale" })).toEqual(["charlie"]);
    expect(await sorted({ applied: "behind" })).toEqual(["charlie"]);
    const page = await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "charlie" }));
    expect(page.items[0]).toMatchObject({ backend: "ufw", appliedVersion: before.version, version: before.version + 1 });
    expect(await sorted({ verification: "never" })).toEqual(["alpha", "bravo", "delta"]);
  });

  test("template: the column, the filter by id and by none, the sort (servers without one last)", async () => {
    // Another module writes these columns when a server follows a template; the list only reads them.
    const template = (name: string) => data.db.template.create({ data: { name, panel: "cpanel", os: "almalinux", policy: "{}" }, select: { id: true, name: true } });
    const [web, mail] = [await template("Web"), await template("mail")];
    const follow = (server: string, t: { id: string; name: string }) =>
      data.db.serverProfile.update({ where: { id: ids[server]! }, data: { templateId: t.id, templateVersion: 1, templateName: t.name } });
    await Promise.all([follow("alpha", web), follow("charlie", web), follow("bravo", mail)]);

    const page = await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "alpha" }));
    expect(page.items[0]?.template).toEqual({ id: web.id, name: "Web" });
    expect((await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "delta" }))).items[0]?.template).toBeNull();
    expect(await sorted({ template: web.id })).toEqual(["alpha", "charlie"]);
    expect(await sorted({ template: "none", q: "delta" })).toEqual(["delta"]);
    expect((await names({ template: "none" })).filter((n) => ids[n])).toEqual(["delta"]);
    expect(await sorted({ template: "nosuchtemplate" })).toEqual([]);
    // Names A to Z regardless of case ("mail" before "Web"), newest first within one; no template last either way.
    expect((await names({ sort: "template" })).filter((n) => ids[n])).toEqual(["bravo", "charlie", "alpha", "delta"]);
    expect((await names({ sort: "template", dir: "desc" })).filter((n) => ids[n])).toEqual(["charlie", "alpha", "bravo", "delta"]);
  });

  test.each([
    [{ sort: "name", dir: "desc" }, ["delta", "charlie", "bravo", "alpha"]],
    [{ sort: "address" }, ["alpha", "bravo", "charlie", "delta"]],
    [{ sort: "address", dir: "desc" }, ["charlie", "bravo", "alpha", "delta"]],
    [{ sort: "created", dir: "asc" }, ["alpha", "bravo", "charlie", "delta"]],
  ])("sort %j", async (params, expected) => {
    expect((await names(params)).filter((n) => ids[n])).toEqual(expected);
  });
});

describe("the backfill", () => {
  test("a server stored before the list's columns existed is indexed before the list is read", async () => {
    const d = doc("legacy", { ipv4: "203.0.113.99" }, mysqlFor("anyone"));
    const s = d.server;
    const row = await data.db.serverProfile.create({
      data: { name: s.name, hostname: s.hostname, ipv4: s.ipv4, ipv6: s.ipv6, os: s.os, panel: s.panel, sshPort: s.sshPort, adminSources: JSON.stringify(s.adminSources), policy: serializeProfileDocument(d) },
      select: { id: true, indexedVersion: true },
    });
    expect(row.indexedVersion).toBeNull();
    expect(await data.db.serverExposure.count({ where: { serverProfileId: row.id } })).toBe(0);
    expect(await sorted({ q: "203.0.113.0/24 3306 open to anyone" })).toEqual(["legacy"]);
    const indexed = await data.db.serverProfile.findUniqueOrThrow({ where: { id: row.id }, select: { indexedVersion: true, version: true, backend: true, ipv4Key: true } });
    expect(indexed).toEqual({ indexedVersion: indexed.version, version: 1, backend: d.policy.backend, ipv4Key: "cb007163" });
    expect(await data.db.serverExposure.count({ where: { serverProfileId: row.id } })).toBeGreaterThan(0);
  });

  test("an unreadable server is still listed and found by address", async () => {
    await data.db.serverProfile.create({ data: { name: "broken", ipv4: "203.0.113.77", os: "windows", panel: "cpanel" } });
    const page = await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "203.0.113.77" }));
    expect(page.items.map((s) => [s.name, s.backend, s.criticalWarnings])).toEqual([["broken", "", 0]]);
  });
});

describe("a backfill larger than one load", () => {
  test("the page says how many servers are still waiting, and the next loads finish them", async () => {
    const legacy = Array.from({ length: 130 }, (_, i) => ({ name: `bulk-${i}`, ipv4: `198.18.0.${i + 1}`, os: "almalinux", panel: "cpanel" }));
    await data.db.serverProfile.createMany({ data: legacy });
    const first = await data.profiles.listServerProfiles(serverListQuerySchema.parse({}));
    expect(first.unindexed).toBe(30);
    const second = await data.profiles.listServerProfiles(serverListQuerySchema.parse({ q: "198.18.0.0/24" }));
    expect(second.unindexed).toBe(0);
    expect(second.total).toBe(130);
  });
});
