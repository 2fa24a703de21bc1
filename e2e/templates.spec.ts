/**
 * Issue 17, item 1: templates. A template made from a server, two more servers follow it (a bulk
 * action), one overrides a service and resets another, the template changes, and the change is
 * reviewed per follower (diff, critical warnings acknowledged) and applied to one of them only.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, createServerViaApi, snap } from "./support/fixtures";
import { MatrixPage } from "./support/matrix";
import { getPolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const NAMES = ["tpl-model", "tpl-one", "tpl-two"] as const;
const TEMPLATE = "E2E shared hosting";
const ids: Record<string, string> = {};
let templateId = "";

async function openTemplateMatrix(page: Page): Promise<MatrixPage> {
  const matrix = new MatrixPage(page);
  await page.goto(`/templates/${templateId}/matrix`);
  await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
  return matrix;
}

test.beforeAll(async ({ request }) => {
  for (const name of NAMES) ids[name] = await createServerViaApi(request, { name, os: "almalinux", panel: "cpanel", adminSources: "203.0.113.0/24" });
});

test("a template made from a server, which follows it at once with nothing overridden", async ({ page }) => {
  await page.goto("/templates");
  await expect(page.getByRole("link", { name: "Templates", exact: true })).toHaveAttribute("aria-current", "page");
  await page.goto(`/servers/${ids["tpl-model"]}`);
  await page.getByRole("link", { name: "make a template from this server" }).click();
  await expect(page.getByLabel("Start from")).toHaveValue(ids["tpl-model"]!);
  await page.getByLabel("Name", { exact: true }).fill(TEMPLATE);
  await page.getByLabel("Description (optional)").fill("cPanel shared hosting on AlmaLinux");
  await expect(page.getByRole("checkbox", { name: /That server follows the new template/ })).toBeChecked();
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/templates\/[a-z0-9]+\?created=1/);
  templateId = /\/templates\/([a-z0-9]+)/.exec(page.url())![1]!;
  await expect(page.getByRole("heading", { name: TEMPLATE, level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Servers following this template" })).toContainText("tpl-model");
  await snap(page, "template-overview");

  // Names are unique regardless of case: a second one is refused at its field.
  await page.goto("/templates/new");
  await page.getByLabel("Name", { exact: true }).fill(TEMPLATE.toUpperCase());
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.locator("#template-name-error")).toContainText(`A template named ${TEMPLATE} already exists`);
});

test("two servers follow it through the bulk action; the list shows and filters the template", async ({ page }) => {
  await page.goto(`/servers/bulk?id=${ids["tpl-one"]}&id=${ids["tpl-two"]}`);
  await page.getByRole("radio", { name: "Follow a template", exact: true }).check();
  await page.getByLabel("Template", { exact: true }).selectOption({ label: `${TEMPLATE} (cPanel & WHM, revision 1)` });
  await page.getByRole("radio", { name: /Take the template's policy/ }).check();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: `Preview: follow template ${TEMPLATE} (taking its policy)` })).toBeVisible();
  await expect(page.getByText(`Template: none → ${TEMPLATE}`).first()).toBeVisible();
  await page.getByRole("button", { name: /Apply to 2 servers/ }).click();
  await expect(page).toHaveURL(/\/servers\?bulk=/);

  await page.goto(`/templates/${templateId}`);
  const followers = page.getByRole("list", { name: "Servers following this template" });
  for (const name of NAMES) await expect(followers).toContainText(name);

  // The server list: a Template column, and a filter by template (or none).
  await page.goto(`/servers?template=${templateId}`);
  const rows = page.getByRole("table").getByRole("row");
  await expect.poll(async () => (await rows.allTextContents()).filter((t) => t.includes("tpl-")).length).toBe(3);
  await expect(page.getByRole("row", { name: /tpl-one/ }).getByRole("link", { name: TEMPLATE })).toHaveAttribute("href", `/templates/${templateId}`);
  await page.goto("/servers?template=none&q=tpl-");
  await expect(page.getByText("No server matches")).toBeVisible();
  await snap(page, "template-list-filter");
});

test("a follower's own change is marked as an override and can be reset to the template", async ({ page, request }) => {
  const matrix = new MatrixPage(page);
  await matrix.open(ids["tpl-one"]!);
  const card = page.locator("#template");
  await expect(card).toContainText(`This server follows ${TEMPLATE} at revision 1 (its latest)`);
  await expect(card).toContainText("No overrides: this server runs its template exactly.");

  await matrix.box("FTP 21/tcp enabled").check();
  await matrix.box("MySQL 3306/tcp enabled").check();
  const overrides = page.getByRole("list", { name: "Overrides of the template" });
  await expect(overrides).toContainText("FTP");
  await expect(overrides).toContainText("MySQL");
  await expect(page.locator("#svc-ftp").getByText("Overridden")).toBeVisible();
  await expect(page.locator("#svc-http").getByText("Overridden")).toHaveCount(0);

  // Reset from the row gives MySQL back its template choice (off); FTP stays overridden.
  await page.getByRole("button", { name: "Reset MySQL to the template" }).first().click();
  await expect(matrix.box("MySQL 3306/tcp enabled")).not.toBeChecked();
  await expect(overrides).not.toContainText("MySQL");
  await page.locator("#template").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/template-follower-overrides.png" });
  await matrix.save();
  const saved = await getPolicy(request, ids["tpl-one"]!);
  expect(saved.document.policy.services.ftp?.enabled).toBe(true);
  expect(saved.document.policy.services.mysql?.enabled).toBe(false);
});

test("a template change is reviewed per follower and applied to one of them; the override stays", async ({ page, request }) => {
  const matrix = await openTemplateMatrix(page);
  await expect(page.getByText("Administrator sources” stand for each follower's own", { exact: false })).toBeVisible();
  await matrix.box("cPHulk 579/tcp inbound").check();
  await matrix.box("IMAP 143/tcp enabled").check();
  await matrix.save();

  await page.goto(`/templates/${templateId}/review`);
  await expect(page.getByRole("heading", { name: "Review revision 2 for followers" })).toBeVisible();
  await expect(page.getByText("3 followers are behind revision 2")).toBeVisible();
  const one = page.getByRole("listitem").filter({ hasText: "Apply to tpl-one" });
  await expect(one.getByRole("region", { name: "Changes to tpl-one" })).toContainText("579");
  await expect(one).toContainText("New critical warnings: cPHulk (port 579) is opened to the network");
  await snap(page, "template-review");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "template-review-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Select none" }).click();
  await page.getByRole("checkbox", { name: "Apply to tpl-one" }).check();
  const apply = page.getByRole("button", { name: "Apply revision 2 to 1 server" });
  await expect(apply).toBeDisabled();
  await expect(page.getByText("Acknowledge the critical warnings of tpl-one, or leave it out.")).toBeVisible();
  await page.getByRole("checkbox", { name: "I accept the critical warnings of tpl-one's new revision" }).check();
  await apply.click();
  await expect(page).toHaveURL(new RegExp(`/templates/${templateId}\\?applied=`));
  await expect(page.getByText("Revision 2 applied to 1 server (tpl-one)")).toBeVisible();
  await expect(page.getByRole("list", { name: "Servers following this template" })).toContainText("at r1, r2 to review");

  const one2 = (await getPolicy(request, ids["tpl-one"]!)).document.policy;
  expect(one2.services.cphulk).toMatchObject({ inbound: true, localhostOnly: false });
  expect(one2.services.imap?.enabled).toBe(true);
  expect(one2.services.ftp?.enabled).toBe(true);
  const two = (await getPolicy(request, ids["tpl-two"]!)).document.policy;
  expect(two.services.cphulk?.localhostOnly).toBe(true);

  // Its revision carries the acknowledgement: the bundle downloads without another step.
  const bundle = await request.get(`/api/servers/${ids["tpl-one"]}/bundle`);
  expect(bundle.status(), await bundle.text().catch(() => "")).toBe(200);

  const matrixOne = new MatrixPage(page);
  await matrixOne.open(ids["tpl-one"]!);
  await expect(page.locator("#template")).toContainText("at revision 2 (its latest)");
  await expect(page.getByRole("list", { name: "Overrides of the template" })).toContainText("FTP");

  await page.goto("/audit?action=template.apply");
  await expect(page.getByText(`Template ${TEMPLATE} revision 2 applied to tpl-one`).first()).toBeVisible();
});

test("the template keeps every revision with what changed", async ({ page }) => {
  await page.goto(`/templates/${templateId}/revisions`);
  const list = page.getByRole("list", { name: "Template revisions, newest first" });
  await expect(list.getByRole("listitem").first()).toContainText("Revision 2 · Policy saved by Ada Admin");
  await expect(list.getByRole("listitem").last()).toContainText("Revision 1 · Created from a server");
  await list.getByText("3 changes from revision 1", { exact: true }).click();
  await expect(list.getByRole("region", { name: "Changes from revision 1 to 2" })).toContainText("Opened 579/tcp");
});

test("an export of followers carries their template and the revisions they follow", async ({ request }) => {
  const res = await request.get(`/api/servers/export?id=${ids["tpl-one"]}&id=${ids["tpl-two"]}`);
  expect(res.status()).toBe(200);
  const file = (await res.json()) as { version: number; profiles: { server: { name: string }; fleet?: { template?: { name: string; revision: number } } }[]; templates: { template: { name: string; revision: number }; bases: { revision: number }[] }[] };
  expect(file.version).toBe(2);
  const byName = Object.fromEntries(file.profiles.map((p) => [p.server.name, p.fleet?.template]));
  expect(byName).toEqual({ "tpl-one": { name: TEMPLATE, revision: 2 }, "tpl-two": { name: TEMPLATE, revision: 1 } });
  expect(file.templates).toHaveLength(1);
  expect(file.templates[0]!.template).toMatchObject({ name: TEMPLATE, revision: 2 });
  expect(file.templates[0]!.bases.map((b) => b.revision)).toEqual([1]);
});

test("a template that servers follow cannot be deleted", async ({ page }) => {
  await page.goto(`/templates/${templateId}`);
  await expect(page.getByRole("button", { name: `Delete ${TEMPLATE}` })).toBeDisabled();
});

/** A token made in the dashboard; a script uses only it (no cookies). */
async function tokenContext(page: Page, playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, baseURL: string | undefined, name: string, scope: "Read" | "Read and write") {
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Scope").selectOption({ label: scope });
  await page.getByLabel("Expires after").selectOption({ label: "7 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByLabel("New token secret").textContent()) ?? "";
  return playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
}

test("scripts manage templates through the JSON routes with a token, within its scope", async ({ page, playwright, baseURL, request }) => {
  const reader = await tokenContext(page, playwright, baseURL, "tpl-read", "Read");
  const writer = await tokenContext(page, playwright, baseURL, "tpl-write", "Read and write");
  const server = await createServerViaApi(request, { name: "tpl-api", os: "debian", panel: "froxlor", adminSources: "203.0.113.0/24" });

  const list = await reader.get("/api/templates");
  expect(list.status()).toBe(200);
  expect(((await list.json()) as { templates: { name: string }[] }).templates.map((t) => t.name)).toContain(TEMPLATE);
  expect((await reader.post("/api/templates", { data: { name: "Read only", panel: "froxlor", os: "debian" } })).status()).toBe(403);

  const created = await writer.post("/api/templates", { data: { name: "API froxlor mail", fromServerId: server, follow: true } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const bad = await writer.post("/api/templates", { data: { name: "-bad", panel: "froxlor", os: "debian" } });
  expect(bad.status()).toBe(400);

  const template = (await (await reader.get(`/api/templates/${id}`)).json()) as { version: number; panel: string; policy: { blocked: unknown[] }; followers: { name: string; templateVersion: number }[] };
  expect(template).toMatchObject({ version: 1, panel: "froxlor", followers: [{ name: "tpl-api", templateVersion: 1 }] });
  template.policy.blocked.push({ address: "198.51.100.66", comment: "from the API" });
  expect((await reader.put(`/api/templates/${id}/policy`, { data: { version: 1, policy: template.policy } })).status()).toBe(403);
  const saved = await writer.put(`/api/templates/${id}/policy`, { data: { version: 1, policy: template.policy } });
  expect(saved.status(), await saved.text()).toBe(200);
  expect((await writer.put(`/api/templates/${id}/policy`, { data: { version: 1, policy: template.policy } })).status()).toBe(409);

  const review = (await (await reader.get(`/api/templates/${id}/review`)).json()) as { templateVersion: number; items: { id: string; version: number; changeCount: number }[] };
  expect(review.templateVersion).toBe(2);
  expect(review.items).toEqual([expect.objectContaining({ id: server, changeCount: 1 })]);
  const applied = await writer.post(`/api/templates/${id}/apply`, { data: { templateVersion: 2, servers: review.items.map((i) => ({ id: i.id, version: i.version })) } });
  expect(applied.status(), await applied.text()).toBe(200);
  expect(await applied.json()).toEqual({ updated: ["tpl-api"], templateVersion: 2 });
  expect((await getPolicy(request, server)).document.policy.blocked).toEqual([{ address: "198.51.100.66", comment: "from the API" }]);

  // The audit names the token that made each change.
  await page.goto("/audit?action=template.apply");
  await expect(page.getByText("applied to tpl-api").first()).toBeVisible();
  await expect(page.getByText(`${ADMIN.name} (API token "tpl-write")`).first()).toBeVisible();
  await reader.dispose();
  await writer.dispose();
});
