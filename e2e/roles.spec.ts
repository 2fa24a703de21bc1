import { expect, test, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { apiSignIn, becomeCaller, sessionCookies, signedInContext } from "./support/auth";
import { createServerViaApi, listServers, snap } from "./support/fixtures";
import { changePolicy } from "./support/policy";
import { createUserViaForm, PASSWORD } from "./support/users";

test.describe.configure({ mode: "serial" });

const EDITOR = { name: "Eddie Editor", email: "eddie@example.com" };
const VIEWER = { name: "Vera Viewer", email: "vera@example.com" };
const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "roles.example.com", ipv4: "192.0.2.40", adminSources: "203.0.113.0/24" };

let serverId = "";
let criticalId = "";
let viewerCookies: Cookie[] = [];

test("an administrator creates an editor and a viewer; weak passwords and duplicate emails are refused", async ({ page, request }) => {
  await createUserViaForm(page, EDITOR, "Editor", "weak");
  await expect(page.locator("#password-error")).toContainText("at least 12 characters");
  await expect(page.getByLabel("Email")).toHaveValue(EDITOR.email);
  await createUserViaForm(page, EDITOR, "Editor");
  await expect(page).toHaveURL(/\/users\?created=/);
  await createUserViaForm(page, VIEWER, "Viewer");
  await expect(page.getByText(`Account ${VIEWER.email} created.`)).toBeVisible();
  await createUserViaForm(page, { name: "Again", email: VIEWER.email }, "Viewer");
  await expect(page.locator("#email-error")).toContainText("already exists");
  await page.goto("/users");
  await expect(page.getByTestId(`user-${VIEWER.email}`)).toContainText("Active");
  await snap(page, "60-users");
  serverId = await createServerViaApi(request, { name: "Roles Box", ...CPANEL });
  // cPHulk open inbound is a critical warning: this one needs an acknowledgement.
  await changePolicy(request, serverId, (p) => p.blocked.push({ address: "198.51.100.99", comment: "" }));
  criticalId = await createServerViaApi(request, { name: "Roles Critical", ...CPANEL });
  await changePolicy(request, criticalId, (p) => Object.assign(p.services.cphulk ?? {}, { enabled: true, inbound: true, localhostOnly: false }));
});

test("a viewer reads, reviews and downloads but is offered no change", async ({ browser }) => {
  const context = await signedInContext(browser, VIEWER.email, PASSWORD);
  viewerCookies = await sessionCookies(context);
  const page = await context.newPage();
  await page.goto("/servers");
  await expect(page.getByRole("link", { name: "Roles Box" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New server" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto(`/servers/${serverId}`);
  for (const name of ["Edit", "Clone", "Delete"]) await expect(page.getByRole(name === "Clone" ? "button" : "link", { name })).toHaveCount(0);
  await snap(page, "61-viewer-server");
  for (const url of ["/users", "/users/new", "/servers/new", "/servers/import", "/servers/verify", `/servers/${serverId}/edit`, `/servers/${serverId}/delete`, "/audit"]) {
    // The dashboard layout decides before anything streams: the status is 403, and the page says why.
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  const bundle = await context.request.get(`/api/servers/${serverId}/bundle`);
  expect(bundle.status()).toBe(200);
  await context.close();
});

type Caller = { label: string; cookies: () => Cookie[]; message: RegExp };
const CALLERS: Caller[] = [
  { label: "viewer", cookies: () => viewerCookies, message: /Your role does not allow this/ },
  { label: "anonymous", cookies: () => [], message: /Sign in to continue/ },
];

async function expectRefused(page: Page, caller: Caller) {
  await expect(page.getByText(caller.message).first()).toBeVisible();
}

async function serverVersion(context: BrowserContext): Promise<number> {
  return ((await (await context.request.get(`/api/servers/${serverId}`)).json()) as { version: number }).version;
}

for (const caller of CALLERS) {
  test(`every server action refuses the ${caller.label} caller and changes nothing`, async ({ browser, request }) => {
    // Two dozen page loads and submits: generous, since a busy CI machine takes minutes for them.
    test.setTimeout(300_000);
    // Each page is opened as the administrator; then the session is swapped and the form submitted.
    const admin = await browser.newContext({ storageState: "test-results/.auth/admin.json" });
    const page = await admin.newPage();
    const adminCookies = await sessionCookies(admin);
    const before = await listServers(request);
    const version = await serverVersion(admin);
    const run = async (url: string, act: () => Promise<void>, check?: () => Promise<void>) => {
      await becomeCaller(admin, adminCookies);
      await page.goto(url);
      await page.waitForLoadState("load");
      await becomeCaller(admin, caller.cookies());
      await act();
      await expectRefused(page, caller);
      await check?.();
    };

    await run("/servers/new", async () => {
      await page.getByLabel("Name", { exact: true }).fill("Sneaky");
      await page.getByRole("button", { name: "Create server" }).click();
    });
    await run(`/servers/${serverId}/edit`, async () => {
      await page.getByLabel("Notes", { exact: true }).fill("changed by someone without the right");
      await page.getByRole("button", { name: "Save changes" }).click();
    });
    // Clone and delete answer with a message too, not a server error.
    for (const [url, button] of [[`/servers/${serverId}`, "Clone"], [`/servers/${serverId}/delete`, "Delete server"]] as const) {
      await run(url, () => page.getByRole("button", { name: button }).click());
      await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
    }
    await run(`/servers/${serverId}/matrix`, async () => {
      await expect(page.getByTestId("save-state")).toHaveAttribute("data-ready", "true");
      await page.getByLabel("cPHulk 579/tcp inbound", { exact: true }).check();
      await page.getByRole("button", { name: "Save", exact: true }).click();
    });
    await run(`/servers/${criticalId}/review`, async () => {
      await expect(page.locator("form[data-ready]")).toBeVisible();
      for (const box of await page.locator("form[data-ready] input[type=checkbox]").all()) await box.check();
      await page.getByRole("button", { name: "Acknowledge and enable downloads" }).click();
    });
    // The restore dialog, opened by the administrator (?restore=1); its confirming button is the action.
    await run(`/servers/${serverId}/revisions?restore=1`, async () => {
      await page.getByRole("dialog", { name: "Restore revision 1?" }).getByRole("button", { name: "Restore revision 1" }).click();
    });
    // Bulk: the preview action, and the apply action after the administrator's own preview.
    await run(`/servers/bulk?id=${serverId}`, async () => {
      await page.getByRole("radio", { name: "Switch backend" }).check();
      await page.getByLabel("Backend", { exact: true }).selectOption("iptables");
      await page.getByRole("button", { name: "Preview" }).click();
    });
    await run(`/servers/bulk?id=${serverId}`, async () => {
      await becomeCaller(admin, adminCookies);
      await page.getByRole("radio", { name: "Switch backend" }).check();
      await page.getByLabel("Backend", { exact: true }).selectOption("iptables");
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(page.getByRole("button", { name: "Apply to 1 server" })).toBeEnabled();
      await becomeCaller(admin, caller.cookies());
      await page.getByRole("button", { name: "Apply to 1 server" }).click();
    });
    const exported = await (await request.get(`/api/servers/${serverId}/export`)).text();
    await run("/servers/import", async () => {
      await page.getByLabel("Or paste the JSON").fill(exported.replace("Roles Box", "Roles Import"));
      await page.getByRole("button", { name: "Import" }).click();
    });
    await run("/users", async () => {
      await page.getByRole("button", { name: `Disable ${EDITOR.name}` }).click();
    });
    await run("/users", async () => {
      await page.getByLabel(`Role of ${EDITOR.name}`).selectOption("admin");
      await page.getByRole("button", { name: `Change role of ${EDITOR.name}` }).click();
    });
    await run("/users", async () => {
      page.once("dialog", (d) => void d.accept());
      await page.getByRole("button", { name: `Remove ${EDITOR.name}` }).click();
    });
    await becomeCaller(admin, adminCookies);
    await page.goto("/users");
    const resetHref = await page.getByRole("link", { name: `Reset password of ${EDITOR.name}` }).getAttribute("href");
    await run(resetHref ?? "/users", async () => {
      await page.getByLabel("New password", { exact: true }).fill("Another-Strong-88");
      await page.getByLabel("Confirm new password").fill("Another-Strong-88");
      await page.getByRole("button", { name: "Reset password" }).click();
    });
    await run("/users/new", async () => {
      await page.getByLabel("Name").fill("Mallory");
      await page.getByLabel("Email").fill("mallory@example.com");
      await page.getByLabel("Initial password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create user" }).click();
    });

    await becomeCaller(admin, adminCookies);
    const after = await listServers(request);
    expect(after.items.map((s) => s.id)).toEqual(before.items.map((s) => s.id));
    expect(await serverVersion(admin)).toBe(version);
    expect((await admin.request.get(`/api/servers/${criticalId}/bundle`)).status()).toBe(409);
    await page.goto("/users");
    await expect(page.getByTestId(`user-${EDITOR.email}`)).toContainText("Active");
    await expect(page.getByLabel(`Role of ${EDITOR.name}`)).toHaveValue("editor");
    await expect(page.getByText("mallory@example.com")).toHaveCount(0);
    // The editor's password was not reset: the old one still signs in.
    expect((await apiSignIn((await browser.newContext({ storageState: { cookies: [], origins: [] } })).request, EDITOR.email, PASSWORD)).ok).toBe(true);
    await admin.close();
  });
}

test("every mutating route handler answers 403 to a viewer and 401 to an anonymous caller", async ({ playwright, baseURL }) => {
  const viewer = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await apiSignIn(viewer, VIEWER.email, PASSWORD)).ok).toBe(true);
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const calls = [
    { method: "POST", url: "/api/servers", data: { name: "Nope", os: "debian", panel: "other" } },
    { method: "PUT", url: `/api/servers/${serverId}/policy`, data: { version: 1, policy: {} } },
    { method: "POST", url: "/api/import", data: { format: "portcullis/profiles", version: 1, profiles: [] } },
    { method: "POST", url: "/api/servers/bulk", data: { ids: [serverId], change: { kind: "tags", add: ["x"], remove: [] }, dryRun: true } },
    { method: "POST", url: "/api/servers/verify", data: { files: [{ name: "roles-box.txt", text: "hello\n" }] } },
  ] as const;
  for (const call of calls) {
    for (const [who, ctx, status] of [["viewer", viewer, 403], ["anonymous", anonymous, 401]] as const) {
      const res = await ctx.fetch(call.url, { method: call.method, data: call.data });
      expect(res.status(), `${who} ${call.method} ${call.url}`).toBe(status);
    }
  }
  await viewer.dispose();
  await anonymous.dispose();
});

test("disabling an account ends its session at once; the last administrator cannot be demoted or disabled", async ({ browser, page }) => {
  const viewer = await signedInContext(browser, VIEWER.email, PASSWORD);
  expect((await viewer.request.get("/api/servers")).status()).toBe(200);
  await page.goto("/users");
  await page.getByRole("button", { name: `Disable ${VIEWER.name}` }).click();
  await expect(page.getByTestId(`user-${VIEWER.email}`)).toContainText("Disabled");
  expect((await viewer.request.get("/api/servers")).status()).toBe(401);
  expect(await apiSignIn((await browser.newContext()).request, VIEWER.email, PASSWORD)).toMatchObject({ ok: false });
  await page.getByRole("button", { name: `Enable ${VIEWER.name}` }).click();
  await expect(page.getByTestId(`user-${VIEWER.email}`)).toContainText("Active");
  // Enabling the account again does not bring the old session back.
  expect((await viewer.request.get("/api/servers")).status()).toBe(401);
  await viewer.close();

  await page.getByLabel("Role of Ada Admin").selectOption("viewer");
  await page.getByRole("button", { name: "Change role of Ada Admin" }).click();
  await expect(page.getByText("This is the last active administrator")).toBeVisible();
  await page.getByRole("button", { name: "Disable Ada Admin" }).click();
  await expect(page.getByText(/last active administrator|your own account/).first()).toBeVisible();
  await expect(page.getByLabel("Signed in user")).toContainText("Administrator");
  await snap(page, "62-last-admin");
});

test("resetting a password ends every session signed in with the old one", async ({ browser, page }) => {
  const viewer = await signedInContext(browser, VIEWER.email, PASSWORD);
  const tab = await viewer.newPage();
  await tab.goto("/servers");
  await expect(tab.getByRole("heading", { name: "Servers" })).toBeVisible();

  await page.goto("/users");
  await page.getByRole("link", { name: `Reset password of ${VIEWER.name}` }).click();
  await expect(page.getByText("signs this account out of every session")).toBeVisible();
  await snap(page, "63-password-reset");
  await page.getByLabel("New password", { exact: true }).fill("Brand-New-Strong-99");
  await page.getByLabel("Confirm new password").fill("Brand-New-Strong-99");
  await page.getByRole("button", { name: "Reset password" }).click();
  await expect(page.getByText("Every session signed in with the old password has ended.")).toBeVisible();
  await snap(page, "64-password-reset-done");

  // The old session is refused by pages and routes alike, though its cookie has not expired.
  expect((await viewer.request.get("/api/servers")).status()).toBe(401);
  await tab.goto("/servers");
  await expect(tab).toHaveURL(/\/login/);
  await viewer.close();
  expect(await apiSignIn((await browser.newContext()).request, VIEWER.email, PASSWORD)).toMatchObject({ ok: false });
  const fresh = await signedInContext(browser, VIEWER.email, "Brand-New-Strong-99");
  expect((await fresh.request.get("/api/servers")).status()).toBe(200);
  await fresh.close();
  // The administrator who reset it is still signed in.
  await page.goto("/servers");
  await expect(page.getByRole("heading", { name: "Servers" })).toBeVisible();
});
