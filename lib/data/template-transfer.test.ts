import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createDefaultDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import { parseProfileCollection } from "@/lib/firewall/policy/collection";
import { bulkChangeSchema, type BulkChangeInput } from "@/lib/fleet/bulk";
import { applyTemplateSchema } from "@/lib/validations/template";
import { migratedDatabase } from "@/tests/support/database";

// Tags and templates through export and import on real SQLite (the committed migrations): a fleet
// with two templates (one follower behind at an older revision, with an override) and tags is
// exported, imported into a fresh database, and exported again.
const session = vi.hoisted(() => ({ user: { id: "", name: "Ivy Import", email: "ivy@example.com", role: "editor" as const } }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/auth/session", () => ({ requireRole: async () => session.user }));

type Data = {
  db: typeof import("@/lib/db").db;
  transfer: typeof import("./transfer");
  bulk: typeof import("./bulk");
  policies: typeof import("./policies");
  templates: typeof import("./templates");
  followers: typeof import("./template-followers");
};

/** The data layer on a freshly migrated database of its own, with its own signed-in editor. */
async function openDatabase(): Promise<Data> {
  process.env.DATABASE_URL = migratedDatabase().url;
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  const [{ db }, transfer, bulk, policies, templates, followers] = await Promise.all([
    import("@/lib/db"), import("./transfer"), import("./bulk"), import("./policies"), import("./templates"), import("./template-followers"),
  ]);
  session.user.id = (await db.user.create({ data: { name: "Ivy Import", email: "ivy@example.com", passwordHash: "x", role: "editor" } })).id;
  return { db, transfer, bulk, policies, templates, followers };
}

const change = (input: BulkChangeInput) => bulkChangeSchema.parse(input);
const doc = (name: string, panel: "cpanel" | "froxlor" = "cpanel"): ProfileDocument =>
  createDefaultDocument({ name, os: "almalinux", panel, adminSources: ["203.0.113.0/24"] });

let source: Data;
let target: Data;
let exported = "";

async function idOf(data: Data, name: string): Promise<string> {
  return (await data.db.serverProfile.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

async function policyOf(data: Data, name: string): Promise<Policy> {
  const record = await data.policies.getPolicyRecord(await idOf(data, name));
  if (!record?.reading.ok) throw new Error("unreadable");
  return record.reading.document.policy;
}

async function fleetOf(data: Data) {
  const rows = await data.db.serverProfile.findMany({ select: { name: true, tags: true, templateName: true, templateVersion: true }, orderBy: { name: "asc" } });
  const out = [];
  for (const row of rows) {
    const following = await data.followers.getFollowing(await idOf(data, row.name));
    out.push({ ...row, overrides: following?.overrides.map((o) => o.key) ?? [], policy: await policyOf(data, row.name) });
  }
  return out;
}

async function templatesOf(data: Data) {
  const list = await data.templates.listTemplates();
  return Promise.all(list.map(async (t) => {
    const record = (await data.templates.getTemplate(t.id))!;
    return { name: t.name, description: t.description, panel: t.panel, os: t.os, version: t.version, followers: t.followers, behind: t.behind, policy: record.policy };
  }));
}

beforeAll(async () => {
  source = await openDatabase();
  const created = await source.transfer.importProfiles([doc("web1"), doc("web2"), doc("web3"), doc("mail1", "froxlor"), doc("plain")]);
  const id = Object.fromEntries(created.map((c) => [c.name, c.id]));
  const shared = (await source.templates.createTemplate({ name: "Shared hosting", description: "cPanel shared", panel: "cpanel", os: "almalinux", fromServerId: id.web1, follow: true })).id;
  await source.templates.createTemplate({ name: "Mail", description: "", panel: "froxlor", os: "almalinux", fromServerId: id.mail1, follow: true });
  await source.templates.createTemplate({ name: "Unused", description: "nobody follows it", panel: "other", os: "debian", follow: false });
  const versions = async (names: string[]) => source.db.serverProfile.findMany({ where: { name: { in: names } }, select: { id: true, version: true } });
  await source.bulk.applyBulkChangeTo(await versions(["web2", "web3"]), change({ kind: "follow", templateId: shared, mode: "adopt" }));
  await source.bulk.applyBulkChangeTo(await versions(["web1", "web2"]), change({ kind: "tags", add: ["shared", "eu-west"], remove: [] }));
  await source.bulk.applyBulkChangeTo(await versions(["plain"]), change({ kind: "tags", add: ["lab"], remove: [] }));
  // web2 overrides the backend, then the template moves on to revision 2, which only web3 takes.
  const mine = await policyOf(source, "web2");
  mine.backend = "csf";
  await source.policies.savePolicy(id.web2!, (await source.policies.getPolicyRecord(id.web2!))!.version, mine);
  const t = (await source.templates.getTemplate(shared))!;
  await source.templates.saveTemplatePolicy(shared, t.version, { ...t.policy, ipv6: false, blocked: [{ address: "198.51.100.66", comment: "Abuse" }] });
  const web3 = (await versions(["web3"]))[0]!;
  await source.followers.applyTemplateUpdate(shared, applyTemplateSchema.parse({ templateVersion: 2, servers: [web3] }));
  exported = (await source.transfer.exportAllProfiles()).text;
  target = await openDatabase();
}, 180_000);
afterAll(async () => {
  await source.db.$disconnect();
  await target.db.$disconnect();
});

describe("tags and templates through export and import", () => {
  test("the export carries the templates, the older revision a follower took, and each profile's fleet", () => {
    const file = JSON.parse(exported) as { version: number; templates: { template: { name: string; revision: number }; bases: { revision: number }[] }[]; profiles: { server: { name: string }; version: number; fleet?: unknown }[] };
    expect(file.version).toBe(2);
    expect(file.templates.map((t) => [t.template.name, t.template.revision, t.bases.map((b) => b.revision)])).toEqual([["Mail", 1, []], ["Shared hosting", 2, [1]], ["Unused", 1, []]]);
    const web2 = file.profiles.find((p) => p.server.name === "web2")!;
    expect(web2).toMatchObject({ version: 3, fleet: { tags: ["eu-west", "shared"], template: { name: "Shared hosting", revision: 1 } } });
    expect(file.profiles.find((p) => p.server.name === "plain")).toMatchObject({ version: 3, fleet: { tags: ["lab"] } });
    expect(file.profiles.find((p) => p.server.name === "mail1")).toMatchObject({ version: 3, fleet: { tags: [], template: { name: "Mail", revision: 1 } } });
  });

  test("imported into a fresh database: same tags, templates, revisions taken and overrides; exporting again gives the same bytes", async () => {
    const parsed = parseProfileCollection(exported);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await target.transfer.importCollection(parsed);
    expect(await fleetOf(target)).toEqual(await fleetOf(source));
    expect(await templatesOf(target)).toEqual(await templatesOf(source));
    const web2 = (await target.followers.getFollowing(await idOf(target, "web2")))!;
    expect(web2).toMatchObject({ templateName: "Shared hosting", templateVersion: 1, latestVersion: 2 });
    expect(web2.overrides.map((o) => o.key)).toEqual(["setting/backend"]);
    expect((await target.transfer.exportAllProfiles()).text).toBe(exported);
    const audit = await target.db.auditEvent.findMany({ where: { action: "template.create" }, select: { summary: true }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.summary)).toEqual([
      "Imported template Mail (revision 1)",
      "Imported template Shared hosting (revision 2, with 1 older revision its followers took)",
      "Imported template Unused (revision 1)",
    ]);
    const kinds = await target.db.templateRevision.findMany({ select: { kind: true }, distinct: ["kind"] });
    expect(kinds).toEqual([{ kind: "import" }]);
  });

  test("the single-profile export keeps one profile document with its fleet", async () => {
    const single = (await target.transfer.exportProfile(await idOf(target, "web2")))!;
    expect(JSON.parse(single.text)).toMatchObject({ format: "portcullis/profile", version: 3, fleet: { template: { name: "Shared hosting", revision: 1 } } });
  });

  test("a template that exists with the same latest policy is reused; followers of it here link to it", async () => {
    const file = JSON.parse(exported) as { profiles: { server: { name: string } }[] };
    const again = file.profiles.filter((p) => p.server.name === "web3");
    again[0]!.server.name = "web4";
    const parsed = parseProfileCollection(JSON.stringify({ ...file, profiles: again }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await target.transfer.importCollection(parsed);
    expect(await target.db.template.count()).toBe(3);
    const web4 = (await target.followers.getFollowing(await idOf(target, "web4")))!;
    expect(web4).toMatchObject({ templateName: "Shared hosting", templateVersion: 2, overrides: [] });
  });

  test("a template's revisions are renumbered from 1, oldest first; each follower takes the revision it followed", async () => {
    const file = JSON.parse(exported) as { profiles: ProfileFile[]; templates: (TemplateFile & { template: { name: string; revision: number }; bases: { revision: number }[] })[] };
    const shared = file.templates.find((t) => t.template.name === "Shared hosting")!;
    shared.template = { ...shared.template, name: "Sparse", revision: 7 };
    shared.bases[0]!.revision = 4;
    const profiles = file.profiles.filter((p) => p.fleet?.template?.name === "Shared hosting").map((p) => ({
      ...p, server: { ...p.server, name: `sparse-${p.server.name}` }, fleet: { tags: [], template: { name: "Sparse", revision: p.fleet!.template!.revision === 1 ? 4 : 7 } },
    }));
    const parsed = parseProfileCollection(JSON.stringify({ ...file, profiles, templates: [shared] }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await target.transfer.importCollection(parsed);
    const rows = await target.db.serverProfile.findMany({ where: { templateName: "Sparse" }, select: { name: true, templateVersion: true }, orderBy: { name: "asc" } });
    expect(rows).toEqual([{ name: "sparse-web1", templateVersion: 1 }, { name: "sparse-web2", templateVersion: 1 }, { name: "sparse-web3", templateVersion: 2 }]);
    const web2 = (await target.followers.getFollowing(await idOf(target, "sparse-web2")))!;
    expect(web2).toMatchObject({ templateVersion: 1, latestVersion: 2 });
    expect(web2.overrides.map((o) => o.key)).toEqual(["setting/backend"]);
  });

  test.each<[string, (file: { profiles: ProfileFile[]; templates: TemplateFile[] }) => void, RegExp]>([
    ["a same-named template with another policy", (f) => { f.templates[1]!.policy.ipv6 = true; }, /Template 1, template\.name: A template named Shared hosting already exists here and its latest policy \(or panel\) differs/],
    ["a same-named template whose followers in the file are behind", () => {}, /A template named Shared hosting already exists here and 1 profile in the file follows an older revision/],
    ["a template neither in the file nor here", (f) => { f.templates = []; f.profiles[0]!.fleet = { tags: [], template: { name: "Nowhere", revision: 1 } }; }, /Profile 0, fleet\.template\.name: There is no template named Nowhere, neither in this file nor here/],
    ["a follower on another panel than the template here", (f) => { f.templates = []; f.profiles[0]!.server.panel = "froxlor"; }, /Template Shared hosting is for cpanel; this server's panel is froxlor/],
  ])("refused as a whole, nothing stored: %s", async (_what, edit, message) => {
    const file = JSON.parse(exported) as { profiles: ProfileFile[]; templates: TemplateFile[] };
    file.profiles = file.profiles.filter((p) => p.server.name === "web2").map((p) => ({ ...p, server: { ...p.server, name: "fresh" } }));
    edit(file);
    const parsed = parseProfileCollection(JSON.stringify(file.templates.length === 0 ? { format: "portcullis/profiles", version: 1, profiles: file.profiles } : file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const before = { servers: await target.db.serverProfile.count(), templates: await target.db.templateRevision.count() };
    const refused = await target.transfer.importCollection(parsed).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(target.transfer.ImportRefused);
    const { formatCollectionIssue } = await import("@/lib/firewall/policy/collection");
    expect((refused as InstanceType<typeof target.transfer.ImportRefused>).issues.map(formatCollectionIssue).join("\n")).toMatch(message);
    expect({ servers: await target.db.serverProfile.count(), templates: await target.db.templateRevision.count() }).toEqual(before);
  });
});

type ProfileFile = { server: { name: string; panel: string }; fleet?: { tags: string[]; template?: { name: string; revision: number } } };
type TemplateFile = { policy: { ipv6: boolean } };
