/**
 * axe-core on every page, as an administrator and as a viewer (and the anonymous sign-in page):
 * any WCAG 2.1 A/AA violation fails, listed with the rule, its impact and the elements concerned.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signedInContext } from "./support/auth";
import { createServerViaApi } from "./support/fixtures";
import { changePolicy } from "./support/policy";
import { createUser } from "./support/users";

test.describe.configure({ mode: "serial" });

const VIEWER = { name: "Axe Viewer", email: "axe-viewer@example.com", password: "Plenty-Strong-77" };
const SERVER = { name: "Axe Box", os: "almalinux", panel: "cpanel", hostname: "axe.example.com", ipv4: "192.0.2.60", adminSources: "203.0.113.0/24" };

let serverId = "";
let userId = "";

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ")}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ""}`);
}

async function check(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  expect(await violations(page), url).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: "test-results/.auth/admin.json" });
  const page = await context.newPage();
  serverId = await createServerViaApi(context.request, SERVER);
  // Warnings of every severity on the pages: FTP (plaintext), cPHulk open inbound (critical), a block.
  await changePolicy(context.request, serverId, (p) => {
    Object.assign(p.services.ftp ?? {}, { enabled: true, inbound: true });
    Object.assign(p.services.cphulk ?? {}, { enabled: true, inbound: true, localhostOnly: false });
    p.blocked.push({ address: "198.51.100.99", comment: "" });
  });
  userId = await createUser(page, VIEWER, "Viewer", VIEWER.password);
  await context.close();
});

const adminPages = () => [
  "/servers",
  "/servers/new",
  "/servers/import",
  `/servers/${serverId}`,
  `/servers/${serverId}/edit`,
  `/servers/${serverId}/matrix`,
  `/servers/${serverId}/review`,
  `/servers/${serverId}/revisions`,
  `/servers/${serverId}/audit`,
  `/servers/${serverId}/delete`,
  "/users",
  "/users/new",
  ...(userId ? [`/users/${userId}/password`] : []),
  "/audit",
];

test("every page an administrator sees has no accessibility violation", async ({ page }) => {
  test.setTimeout(120_000);
  for (const url of adminPages()) await check(page, url);
});

test("every page a viewer sees has no accessibility violation", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await signedInContext(browser, VIEWER.email, VIEWER.password);
  const page = await context.newPage();
  for (const url of ["/servers", `/servers/${serverId}`, `/servers/${serverId}/matrix`, `/servers/${serverId}/review`, `/servers/${serverId}/revisions`]) await check(page, url);
  await context.close();
});

test("the sign-in page has no accessibility violation", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await check(page, "/login");
  await context.close();
});
