import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createServerViaApi, listServers, snap } from "./support/fixtures";
import { changePolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const BOX = { os: "almalinux", panel: "cpanel", hostname: "transfer.example.com", ipv4: "192.0.2.60", adminSources: "203.0.113.0/24" };

test("a profile exported, deleted and imported again exports byte for byte the same", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "Transfer One", ...BOX, notes: "Keeps <b>notes</b> & symbols" });
  await changePolicy(request, id, (p) => {
    p.blocked.push({ address: "198.51.100.0/24", comment: "abuse" });
    p.rateLimits.push({ id: "ssh-slow", label: "SSH", ports: { from: 22, to: 22 }, protocol: "tcp", newConnections: { count: 5, seconds: 60 } });
  });
  const exported = await request.get(`/api/servers/${id}/export`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-disposition"]).toContain('filename="transfer-one.portcullis.json"');
  const text = await exported.text();

  await page.goto(`/servers/${id}/delete`);
  await page.getByRole("button", { name: "Delete server" }).click();
  await expect(page).toHaveURL(/deleted=/);

  await page.goto("/servers/import");
  await page.getByLabel("Or paste the JSON").fill(text);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 1 profile.")).toBeVisible();
  const [again] = (await listServers(request, "Transfer One")).items;
  expect(again).toBeTruthy();
  expect(await (await request.get(`/api/servers/${again?.id}/export`)).text()).toBe(text);
});

test("export all is a collection that imports again only as a whole: clashing names refuse everything", async ({ request }) => {
  await createServerViaApi(request, { name: "Transfer Two", ...BOX });
  const all = await request.get("/api/servers/export");
  const collection = (await all.json()) as { format: string; version: number; profiles: { server: { name: string } }[] };
  expect(collection.format).toBe("portcullis/profiles");
  // Version 2 once any template exists in the shared e2e database (export all carries every template).
  expect([1, 2]).toContain(collection.version);
  expect(collection.profiles.map((p) => p.server.name)).toEqual(expect.arrayContaining(["Transfer One", "Transfer Two"]));
  const before = (await listServers(request)).total;

  const res = await request.post("/api/import", { data: collection });
  expect(res.status()).toBe(409);
  const body = (await res.json()) as { issues: { index: number; path: string; message: string }[] };
  // Every profile's name clashes; templates the file carries may add their own clash (a template
  // of the shared e2e database that its followers are behind cannot be reused as it is).
  const nameClashes = body.issues.filter((i) => i.path === "server.name");
  expect(nameClashes).toHaveLength(collection.profiles.length);
  expect(body.issues.filter((i) => i.path !== "server.name").every((i) => /template/i.test(`${i.path} ${i.message}`))).toBe(true);
  expect(body.issues[0]).toMatchObject({ index: 0, path: "server.name" });
  expect((await listServers(request)).total).toBe(before);

  // Renamed, the same file imports completely.
  const renamed = { ...collection, profiles: collection.profiles.filter((p) => p.server.name.startsWith("Transfer")).map((p) => ({ ...p, server: { ...p.server, name: `${p.server.name} copy` } })) };
  const ok = await request.post("/api/import", { data: renamed });
  expect(ok.status(), await ok.text()).toBe(201);
  expect((await listServers(request)).total).toBe(before + 2);
});

test("a part of a split export that holds only templates says how many templates it added", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "Template source", ...BOX });
  const { policy } = (await (await request.get(`/api/servers/${id}/export`)).json()) as { policy: unknown };
  const template = { format: "portcullis/template", version: 1, template: { name: "Only in a part", description: "Nobody follows it", panel: "cpanel", os: "almalinux", revision: 1 }, policy, bases: [] };
  const file = { format: "portcullis/profiles", version: 2, profiles: [], templates: [template] };

  const api = await request.post("/api/import", { data: { ...file, templates: [{ ...template, template: { ...template.template, name: "Only in a part via API" } }] } });
  expect(api.status(), await api.text()).toBe(201);
  expect(await api.json()).toEqual({ imported: [], templates: 1 });

  await page.goto("/servers/import");
  await page.getByLabel("Or paste the JSON").fill(JSON.stringify(file));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 0 profiles and 1 template.")).toBeVisible();
  await snap(page, "76-import-templates-only");
  await page.goto("/templates");
  await expect(page.getByRole("link", { name: "Only in a part", exact: true })).toBeVisible();
});

test("a file with problems lists each with its place and imports nothing", async ({ page, request }) => {
  const good = (await (await request.get("/api/servers/export")).json()) as { profiles: Record<string, Record<string, unknown>>[] };
  const [first] = good.profiles;
  const broken = structuredClone(first) ?? {};
  if (broken.server) broken.server = { ...broken.server, name: "New valid name", sshPort: 0 };
  const renamed = { ...first, server: { ...first?.server, name: "Unique A" } };
  const file = { format: "portcullis/profiles", version: 1, profiles: [renamed, broken, renamed] };
  const before = (await listServers(request)).total;

  await page.goto("/servers/import");
  await page.getByLabel("Profile file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByRole("button", { name: "Import" }).click();
  const problems = page.getByRole("list", { name: "Problems found" });
  await expect(problems).toContainText("Profile 1, server.sshPort: Ports run from 1 to 65535.");
  await expect(problems).toContainText('Profile 2, server.name: Duplicate name "Unique A": profile 0 has it too.');
  await expect(page.getByText(/Nothing was imported: 2 problems found/)).toBeVisible();
  await snap(page, "75-import-problems");
  expect((await listServers(request)).total).toBe(before);
});

test("a name starting with - is refused by the API and by import, with a field error", async ({ request }) => {
  const created = await request.post("/api/servers", { data: { name: "-web", os: "debian", panel: "other" } });
  expect(created.status()).toBe(400);
  expect(((await created.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.name).toEqual(["Start with a letter or digit."]);

  const good = (await (await request.get("/api/servers/export")).json()) as { profiles: Record<string, Record<string, unknown>>[] };
  const profile = { ...good.profiles[0], server: { ...good.profiles[0]?.server, name: "-web" } };
  const imported = await request.post("/api/import", { data: { format: "portcullis/profiles", version: 1, profiles: [profile] } });
  expect(imported.status()).toBe(400);
  expect(((await imported.json()) as { issues: unknown[] }).issues).toEqual([{ index: 0, path: "server.name", message: "Start with a letter or digit." }]);
  expect((await listServers(request, "-web")).total).toBe(0);
});

test("export all leaves nothing out silently: an unreadable profile stops it and is named", async ({ request }) => {
  // A record the schema refuses can only come from outside the app (an old release, a hand edit).
  const db = new Database(path.join(process.env.E2E_DATA_DIR ?? "", "portcullis.db"), { fileMustExist: true });
  try {
    db.prepare(`INSERT INTO "ServerProfile" (id, name, os, panel, updatedAt) VALUES ('legacy', '-legacy', 'debian', 'other', CURRENT_TIMESTAMP)`).run();
    const refused = await request.get("/api/servers/export");
    expect(refused.status()).toBe(409);
    const body = (await refused.json()) as { message: string };
    expect(body.message).toContain("Nothing was exported: 1 profile cannot be read.");
    expect(body.message).toContain("-legacy: The server's name cannot be used in rule files");
  } finally {
    db.prepare(`DELETE FROM "ServerProfile" WHERE id = 'legacy'`).run();
    db.close();
  }
  expect((await request.get("/api/servers/export")).status()).toBe(200);
});
