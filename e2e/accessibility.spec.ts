/**
 * axe-core on every page, as an administrator and as a viewer (and the anonymous sign-in page):
 * any WCAG 2.1 A/AA violation fails, listed with the rule, its impact and the elements concerned.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signedInContext } from "./support/auth";
import { createServerViaApi } from "./support/fixtures";
import { webprosSourceList } from "../lib/firewall/source-lists/references";
import { changePolicy } from "./support/policy";
import { createUser } from "./support/users";

// Not serial: one page's violations must not hide the others'. A failure restarts the worker,
// which runs beforeAll again, so its records are named after the worker.
const VIEWER = { name: "Axe Viewer", email: "axe-viewer@example.com", password: "Plenty-Strong-77" };
const SERVER = { name: "Axe Box", os: "almalinux", panel: "cpanel", hostname: "axe.example.com", ipv4: "192.0.2.60", adminSources: "203.0.113.0/24" };
let viewerEmail = VIEWER.email;

let serverId = "";
let userId = "";
let templateId = "";

/** A template made from the server (which follows it), then changed: its review page has a follower to show. */
async function makeTemplate(page: Page, name: string): Promise<string> {
  await page.goto(`/templates/new?from=${serverId}`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/templates\/[a-z0-9]+\?created=1/);
  const id = /\/templates\/([a-z0-9]+)/.exec(page.url())![1]!;
  await page.goto(`/templates/${id}/matrix`);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("IMAP 143/tcp enabled", { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-state")).toContainText(/Saved .* revision 2/);
  return id;
}

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 60).map((n) => n.target.join(" ")).join(" | ")}${v.nodes.length > 60 ? ` and ${v.nodes.length - 60} more` : ""}`);
}

async function check(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  expect(await violations(page), url).toEqual([]);
}

test.beforeAll(async ({ browser }, info) => {
  const context = await browser.newContext({ storageState: "test-results/.auth/admin.json" });
  const page = await context.newPage();
  viewerEmail = VIEWER.email.replace("@", `-${info.workerIndex}@`);
  serverId = await createServerViaApi(context.request, { ...SERVER, name: `${SERVER.name} ${info.workerIndex}` });
  // Warnings of every severity on the pages: FTP (plaintext), cPHulk open inbound (critical), a block.
  await changePolicy(context.request, serverId, (p) => {
    Object.assign(p.services.ftp ?? {}, { enabled: true, inbound: true });
    Object.assign(p.services.cphulk ?? {}, { enabled: true, inbound: true, localhostOnly: false });
    p.blocked.push({ address: "198.51.100.99", comment: "" });
    // A named source list, so the matrix shows its chip and the review page its card.
    p.sourceLists = [webprosSourceList()];
    Object.assign(p.services.https ?? {}, { access: "list", lists: ["webpros-seo-scanner", "admins"] });
    // A rate limit, so the matrix shows the backend's translation of it beside the control.
    p.rateLimits.push({ id: "https-rate", label: "New HTTPS connections per source", ports: { from: 443, to: 443 }, protocol: "tcp", newConnections: { count: 30, seconds: 60 } });
  });
  userId = await createUser(page, { ...VIEWER, email: viewerEmail }, "Viewer", VIEWER.password);
  templateId = await makeTemplate(page, `Axe template ${info.workerIndex}`);
  await context.close();
});

/** Every page, with `:server` and `:user` standing for the records made in beforeAll. */
const ADMIN_PAGES = [
  "/servers", "/servers/new", "/servers/import", "/servers/verify", "/servers/:server", "/servers/:server/edit", "/servers/:server/matrix",
  "/servers/:server/review", "/servers/:server/revisions", "/servers/:server/audit", "/servers/:server/delete",
  "/users", "/users/new", "/users/:user/password", "/audit",
  "/servers/import/firewall", "/servers/import/move-off-csf", "/account/tokens",
  "/servers/bulk?id=:server", "/servers/:server/revisions?restore=1",
  "/templates", "/templates/new", "/templates/:template", "/templates/:template/matrix", "/templates/:template/review", "/templates/:template/revisions",
];
const VIEWER_PAGES = [
  "/servers", "/servers/:server", "/servers/:server/matrix", "/servers/:server/review", "/servers/:server/revisions", "/account/tokens", "/servers/bulk?id=:server",
  "/templates", "/templates/:template", "/templates/:template/matrix", "/templates/:template/review", "/templates/:template/revisions",
];
const url = (path: string) => path.replace(":server", serverId).replace(":user", userId).replace(":template", templateId);

for (const path of ADMIN_PAGES) {
  test(`as an administrator, ${path} has no accessibility violation`, async ({ page }) => {
    await check(page, url(path));
  });
}

for (const path of VIEWER_PAGES) {
  test(`as a viewer, ${path} has no accessibility violation`, async ({ browser }) => {
    const context = await signedInContext(browser, viewerEmail, VIEWER.password);
    await check(await context.newPage(), url(path));
    await context.close();
  });
}

test("the bulk action's preview has no accessibility violation", async ({ page }) => {
  await page.goto(url("/servers/bulk?id=:server"));
  await page.getByRole("radio", { name: "Block addresses", exact: true }).check();
  await page.getByLabel("Addresses and networks").fill("198.51.100.7");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("button", { name: "Apply to 1 server" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test("the fleet verification's results have no accessibility violation", async ({ page }) => {
  await page.goto("/servers/verify");
  await page.getByLabel("Live files").setInputFiles([{ name: "nobody.example.com.txt", mimeType: "text/plain", buffer: Buffer.from("hello\n") }]);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByRole("table", { name: "Verification of each uploaded file" })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test("the sign-in page has no accessibility violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await check(page, "/login");
  await context.close();
});
