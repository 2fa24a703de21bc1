import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createDefaultDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import { bulkChangeSchema, type BulkChangeInput } from "@/lib/fleet/bulk";
import { applyTemplateSchema } from "@/lib/validations/template";
import { migratedDatabase } from "@/tests/support/database";

// Templates on real SQLite (the committed migrations): create from a server, follow in bulk,
// override, a template change reviewed and applied to some followers, delete.
const session = vi.hoisted(() => ({ user: { id: "", name: "Tom Template", email: "tom@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

let data: {
  db: typeof import("@/lib/db").db;
  bulk: typeof import("./bulk");
  policies: typeof import("./policies");
  templates: typeof import("./templates");
  followers: typeof import("./template-followers");
};
const ids: Record<string, string> = {};
const change = (input: BulkChangeInput) => bulkChangeSchema.parse(input);

function doc(name: string, panel: "cpanel" | "froxlor" = "cpanel", edit: (d: ProfileDocument) => void = () => {}): ProfileDocument {
  const d = createDefaultDocument({ name, os: "almalinux", panel, adminSources: ["203.0.113.0/24"] });
  edit(d);
  return d;
}

async function row(name: string) {
  return data.db.serverProfile.findUniqueOrThrow({ where: { id: ids[name]! }, select: { version: true, templateId: true, templateVersion: true, templateName: true } });
}

async function policyOf(name: string): Promise<Policy> {
  const record = await data.policies.getPolicyRecord(ids[name]!);
  if (!record?.reading.ok) throw new Error("unreadable");
  return record.reading.document.policy;
}

async function saveTemplate(edit: (p: Policy) => void): Promise<number> {
  const t = (await data.templates.getTemplate(ids.tpl!))!;
  const policy = structuredClone(t.policy);
  edit(policy);
  return (await data.templates.saveTemplatePolicy(ids.tpl!, t.version, policy)).version;
}

beforeAll(async () => {
  process.env.DATABASE_URL = migratedDatabase().url;
  const [{ db }, { importProfiles }, bulk, policies, templates, followers] = await Promise.all([
    import("@/lib/db"), import("./transfer"), import("./bulk"), import("./policies"), import("./templates"), import("./template-followers"),
  ]);
  data = { db, bulk, policies, templates, followers };
  session.user.id = (await db.user.create({ data: { name: "Tom Template", email: "tom@example.com", passwordHash: "x", role: "editor" } })).id;
  const created = await importProfiles([
    doc("model", "cpanel", (d) => { d.policy.blocked.push({ address: "192.0.2.1", comment: "" }); }),
    doc("shared1", "cpanel", (d) => { d.policy.backend = "csf"; }),
    doc("shared2"),
    doc("mailbox", "froxlor"),
  ]);
  for (const c of created) ids[c.name] = c.id;
}, 120_000);
afterAll(async () => data.db.$disconnect());

describe("templates", () => {
  test("created from a server: its policy, its panel, and it follows with nothing overridden", async () => {
    const { id } = await data.templates.createTemplate({ name: "Shared hosting", description: "cPanel shared", panel: "froxlor", os: "debian", fromServerId: ids.model, follow: true });
    ids.tpl = id;
    const t = (await data.templates.getTemplate(id))!;
    expect(t).toMatchObject({ name: "Shared hosting", panel: "cpanel", os: "almalinux", version: 1, followers: 1, behind: 0 });
    expect(t.policy.blocked).toEqual([{ address: "192.0.2.1", comment: "" }]);
    expect(await row("model")).toMatchObject({ templateId: id, templateVersion: 1, templateName: "Shared hosting" });
    const following = await data.followers.getFollowing(ids.model!);
    expect(following?.overrides).toEqual([]);
  });

  test("names are unique regardless of case", async () => {
    await expect(data.templates.createTemplate({ name: "shared HOSTING", description: "", panel: "cpanel", os: "almalinux", follow: false }))
      .rejects.toMatchObject({ code: "conflict" });
  });

  test("follow in bulk: adopt takes the template's policy as a revision, keep only records the template; another panel is refused", async () => {
    const refused = await data.bulk.previewBulkChange([ids.mailbox!], change({ kind: "follow", templateId: ids.tpl!, mode: "adopt" }));
    expect(refused.items[0]!.error).toMatch(/Shared hosting is a template for cpanel/);

    const before = await row("shared1");
    const preview = await data.bulk.previewBulkChange([ids.shared1!], change({ kind: "follow", templateId: ids.tpl!, mode: "adopt" }));
    expect(preview.description).toBe("follow template Shared hosting (taking its policy)");
    expect(preview.items[0]).toMatchObject({ changed: true, template: { from: null, to: "Shared hosting" } });
    await data.bulk.applyBulkChangeTo([{ id: ids.shared1!, version: before.version }], change({ kind: "follow", templateId: ids.tpl!, mode: "adopt" }));
    expect(await row("shared1")).toMatchObject({ version: before.version + 1, templateId: ids.tpl, templateVersion: 1 });
    expect((await policyOf("shared1")).backend).toBe("nftables");

    const kept = await row("shared2");
    await data.bulk.applyBulkChangeTo([{ id: ids.shared2!, version: kept.version }], change({ kind: "follow", templateId: ids.tpl!, mode: "keep" }));
    expect(await row("shared2")).toMatchObject({ version: kept.version, templateId: ids.tpl, templateVersion: 1 });
    const overrides = (await data.followers.getFollowing(ids.shared2!))!.overrides.map((o) => o.key);
    expect(overrides).toEqual(["blocked"]);
  });

  test("a follower's own change is an override; the template's change reaches it around the override", async () => {
    const mine = await policyOf("shared1");
    mine.backend = "csf";
    const record = (await data.policies.getPolicyRecord(ids.shared1!))!;
    await data.policies.savePolicy(ids.shared1!, record.version, mine);
    expect((await data.followers.getFollowing(ids.shared1!))!.overrides.map((o) => o.key)).toEqual(["setting/backend"]);

    const version = await saveTemplate((p) => {
      p.backend = "iptables";
      p.services.mysql = { ...p.services.mysql!, enabled: true, inbound: true, localhostOnly: false, access: "anyone" };
      p.services.cphulk = { ...p.services.cphulk!, enabled: true, inbound: true, localhostOnly: false };
    });
    expect(version).toBe(2);
    expect((await data.templates.getTemplate(ids.tpl!))!.behind).toBe(3);
    // Nothing reaches a follower before it is reviewed.
    expect((await policyOf("shared1")).services.mysql?.enabled).toBe(false);

    const preview = await data.followers.previewTemplateUpdate(ids.tpl!);
    const byName = Object.fromEntries(preview.items.map((i) => [i.name, i]));
    expect(preview.templateVersion).toBe(2);
    expect(byName.shared1!.kept.map((k) => k.title)).toEqual(["Settings · Firewall backend"]);
    expect(byName.shared1!.changes.map((c) => c.text).join(" ")).toContain("3306");
    expect(byName.shared1!.newCritical.map((w) => w.id)).toEqual(["localhost-exposed:cphulk"]);

    // Critical warnings need their acknowledgement; without it nothing is stored.
    const servers = [{ id: ids.shared1!, version: byName.shared1!.version }];
    await expect(data.followers.applyTemplateUpdate(ids.tpl!, applyTemplateSchema.parse({ templateVersion: 2, servers })))
      .rejects.toThrow(/acknowledge its new critical warnings/);
    const result = await data.followers.applyTemplateUpdate(ids.tpl!, applyTemplateSchema.parse({ templateVersion: 2, servers, acknowledged: [ids.shared1] }));
    expect(result.updated).toEqual(["shared1"]);

    const after = await policyOf("shared1");
    expect(after.backend).toBe("csf");
    expect(after.services.mysql).toMatchObject({ enabled: true, access: "anyone" });
    expect(await row("shared1")).toMatchObject({ templateVersion: 2 });
    const review = (await data.policies.getReviewRecord(ids.shared1!))!;
    expect(review.acknowledgement?.profileVersion).toBe(review.version);
    // The others were not selected: they stay at revision 1 of the template until reviewed.
    expect(await row("shared2")).toMatchObject({ templateVersion: 1 });
    expect((await policyOf("shared2")).services.mysql?.enabled).toBe(false);
    const audit = await data.db.auditEvent.findMany({ where: { action: "template.apply" }, select: { summary: true } });
    expect(audit.map((a) => a.summary).join(" ")).toContain("Template Shared hosting revision 2 applied to shared1");
  });

  test("a review made before another save of the template is refused", async () => {
    const preview = await data.followers.previewTemplateUpdate(ids.tpl!);
    const shared2 = preview.items.find((i) => i.name === "shared2")!;
    await saveTemplate((p) => { p.ipv6 = !p.ipv6; });
    await expect(data.followers.applyTemplateUpdate(ids.tpl!, applyTemplateSchema.parse({ templateVersion: preview.templateVersion, servers: [{ id: shared2.id, version: shared2.version }], acknowledged: [shared2.id] })))
      .rejects.toThrow(/saved again since the review/);
  });

  test("a template that servers follow cannot be deleted; stop following, then it can", async () => {
    await expect(data.templates.deleteTemplate(ids.tpl!)).rejects.toThrow(/3 servers follow Shared hosting/);
    const rows = await data.db.serverProfile.findMany({ where: { templateId: ids.tpl! }, select: { id: true, version: true } });
    const before = new Map(rows.map((r) => [r.id, r.version]));
    await data.bulk.applyBulkChangeTo(rows, change({ kind: "unfollow" }));
    for (const r of await data.db.serverProfile.findMany({ where: { id: { in: rows.map((x) => x.id) } }, select: { id: true, version: true, templateId: true, templateName: true } })) {
      expect(r).toMatchObject({ templateId: null, templateName: "", version: before.get(r.id) });
    }
    await expect(data.templates.deleteTemplate(ids.tpl!)).resolves.toEqual({ name: "Shared hosting" });
    expect(await data.db.templateRevision.count({ where: { templateId: ids.tpl! } })).toBe(0);
  });
});

describe("a follower that changes panel", () => {
  test("stops following its template (a template is for one panel); its rules stay", async () => {
    const { id } = await data.templates.createTemplate({ name: "Panel bound", description: "", panel: "cpanel", os: "almalinux", fromServerId: ids.model, follow: true });
    const profiles = await import("./server-profiles");
    const server = (await profiles.getServerProfile(ids.model!))!;
    expect(server.templateId).toBe(id);
    const before = await policyOf("model");
    await profiles.updateServerProfile(ids.model!, server.version, {
      name: server.name, hostname: server.hostname, ipv4: server.ipv4, ipv6: server.ipv6, os: "debian", panel: "froxlor",
      sshPort: server.sshPort, adminSources: server.adminSources, notes: server.notes, tags: server.tags,
    });
    expect(await row("model")).toMatchObject({ templateId: null, templateVersion: null, templateName: "" });
    const audit = await data.db.auditEvent.findFirst({ where: { action: "template.unfollow", targetId: ids.model! }, orderBy: { createdAt: "desc" } });
    expect(audit?.summary).toBe("model no longer follows template Panel bound: its panel changed from cpanel to froxlor");
    expect((await data.db.serverProfile.findUniqueOrThrow({ where: { id: ids.model! }, select: { policy: true } })).policy).toContain(before.backend);
  });
});
