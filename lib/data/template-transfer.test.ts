import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createDefaultDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import { COLLECTION_MAX_PROFILES, parseProfileCollection } from "@/lib/firewall/policy/collection";
import { IMPORT_LIMIT_BYTES } from "@/lib/validations/import";
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

/** The export's only file: a small fleet fits in one. */
function onlyPart({ parts }: { parts: string[] }): string {
  expect(parts).toHaveLength(1);
  return parts[0]!;
}

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
  exported = onlyPart(await source.transfer.exportAllProfiles());
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
    const result = await target.transfer.importCollection(parsed);
    expect(result.templates).toBe(await source.db.template.count());
    expect(result.profiles).toHaveLength(parsed.profiles.length);
    expect(await fleetOf(target)).toEqual(await fleetOf(source));
    expect(await templatesOf(target)).toEqual(await templatesOf(source));
    const web2 = (await target.followers.getFollowing(await idOf(target, "web2")))!;
    expect(web2).toMatchObject({ templateName: "Shared hosting", templateVersion: 1, latestVersion: 2 });
    expect(web2.overrides.map((o) => o.key)).toEqual(["setting/backend"]);
    expect(onlyPart(await target.transfer.exportAllProfiles())).toBe(exported);
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
    expect((await target.transfer.importCollection(parsed)).templates).toBe(0);
    expect(await target.db.template.count()).toBe(3);
    const web4 = (await target.followers.getFollowing(await idOf(target, "web4")))!;
    expect(web4).toMatchObject({ templateName: "Shared hosting", templateVersion: 2, overrides: [] });
  });

  test("a follower of an older revision of a template that exists here takes the revision stored with the same policy", async () => {
    const file = JSON.parse(exported) as { profiles: ProfileFile[] };
    const behind = file.profiles.filter((p) => p.server.name === "web2").map((p) => ({ ...p, server: { ...p.server, name: "web2-again" } }));
    const parsed = parseProfileCollection(JSON.stringify({ ...file, profiles: behind }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    await target.transfer.importCollection(parsed);
    expect(await target.db.template.count()).toBe(3);
    const again = (await target.followers.getFollowing(await idOf(target, "web2-again")))!;
    expect(again).toMatchObject({ templateName: "Shared hosting", templateVersion: 1, latestVersion: 2 });
    expect(again.overrides.map((o) => o.key)).toEqual(["setting/backend"]);
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
    ["a same-named template without the older revision a follower in the file takes", (f) => { f.templates[1]!.bases[0]!.policy.ipv6 = false; }, /Template 1, template\.name: A template named Shared hosting already exists here and has no revision with the policy of the file's revision 1, which profiles in the file follow/],
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
type TemplateFile = { policy: { ipv6: boolean }; bases: { policy: { ipv6: boolean } }[] };

// A fleet bigger than one importable file (more than COLLECTION_MAX_PROFILES profiles): the export
// comes in parts, each within the import's limits, and the parts imported in reverse order rebuild
// the same fleet, followers of an older template revision in one part and of the latest in another.
describe("a fleet bigger than one file: export in parts, import part by part", () => {
  const FLEET = COLLECTION_MAX_PROFILES + 1;
  let big: Data;
  let restored: Data;
  let parts: string[] = [];

  /** Each profile's file text by name, and the template documents by name, over all parts. */
  function contents(files: readonly string[]) {
    const profiles = new Map<string, string>();
    const templates = new Map<string, string>();
    for (const text of files) {
      const parsed = parseProfileCollection(text);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
      for (const p of parsed.profiles) profiles.set(p.server.name, JSON.stringify(p));
      for (const t of parsed.templates) templates.set(t.template.name, JSON.stringify(t));
    }
    return { profiles, templates };
  }

  beforeAll(async () => {
    big = await openDatabase();
    const created = await big.transfer.importProfiles(Array.from({ length: FLEET }, (_, i) => doc(`node${String(i).padStart(4, "0")}`)));
    const [first, last] = [created[0]!, created[FLEET - 1]!];
    const template = (await big.templates.createTemplate({ name: "Fleet", description: "", panel: "cpanel", os: "almalinux", fromServerId: first.id, follow: true })).id;
    const versions = async (ids: string[]) => big.db.serverProfile.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
    await big.bulk.applyBulkChangeTo(await versions([last.id]), change({ kind: "follow", templateId: template, mode: "adopt" }));
    const t = (await big.templates.getTemplate(template))!;
    await big.templates.saveTemplatePolicy(template, t.version, { ...t.policy, blocked: [{ address: "198.51.100.7", comment: "Scanner" }] });
    await big.followers.applyTemplateUpdate(template, applyTemplateSchema.parse({ templateVersion: 2, servers: await versions([last.id]) }));
    parts = (await big.transfer.exportAllProfiles()).parts;
    restored = await openDatabase();
  }, 600_000);
  afterAll(async () => {
    await big.db.$disconnect();
    await restored.db.$disconnect();
  });

  test("every part is importable on its own: within the counts and the byte limit, each with the template its followers need", () => {
    expect(parts).toHaveLength(2);
    for (const text of parts) {
      const file = JSON.parse(text) as { profiles: unknown[]; templates?: unknown[] };
      expect(file.profiles.length).toBeLessThanOrEqual(COLLECTION_MAX_PROFILES);
      expect(new TextEncoder().encode(text).byteLength).toBeLessThanOrEqual(IMPORT_LIMIT_BYTES);
    }
    const [one, two] = parts.map((text) => contents([text]));
    expect([one!.profiles.size, two!.profiles.size]).toEqual([COLLECTION_MAX_PROFILES, 1]);
    expect([[...one!.templates.keys()], [...two!.templates.keys()]]).toEqual([["Fleet"], ["Fleet"]]);
  });

  test("the parts imported last first give the same fleet: every profile, its template and the revision it follows", async () => {
    for (const text of [...parts].reverse()) {
      const parsed = parseProfileCollection(text);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)));
      await restored.transfer.importCollection(parsed);
    }
    expect(await restored.db.template.count()).toBe(1);
    const follows = (data: Data) => data.db.serverProfile.findMany({ where: { templateId: { not: null } }, select: { name: true, templateVersion: true }, orderBy: { name: "asc" } });
    expect(await follows(restored)).toEqual([{ name: "node0000", templateVersion: 1 }, { name: `node${FLEET - 1}`, templateVersion: 2 }]);
    const again = contents((await restored.transfer.exportAllProfiles()).parts);
    const before = contents(parts);
    expect(again.profiles.size).toBe(FLEET);
    expect(again.profiles).toEqual(before.profiles);
    expect(again.templates).toEqual(before.templates);
  });
});
