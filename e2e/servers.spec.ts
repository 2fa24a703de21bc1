import { expect, test } from "@playwright/test";
import { createServerViaApi, getServer, listServers, ServerFormPage, snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

test("create → edit → search → clone → delete a server profile", async ({ page, request }) => {
  // A dozen page loads and saves in one flow: more than the default 30 s on a busy CI machine.
  test.slow();
  const form = new ServerFormPage(page);

  // Create, with addresses typed in non-canonical form.
  await page.goto("/servers");
  await page.getByRole("link", { name: "New server" }).click();
  await expect(page.getByRole("heading", { name: "New server" })).toBeVisible();
  await form.fill({
    Name: "flow-web-01",
    "Host name": "Flow-Web01.Example.COM",
    "Primary IPv4 address": "192.0.2.10",
    "Primary IPv6 address": "2001:DB8:0:0::10",
    "Administrator source addresses": "203.0.113.0/24\n2001:DB8:ab::/48, 198.51.100.7",
    Notes: "Main shared hosting box",
  });
  await form.select("Operating system", "AlmaLinux");
  await form.select("Control panel", "cPanel & WHM");
  await snap(page, "10-server-new");
  await form.submit("Create server");

  await expect(page.getByRole("heading", { name: "flow-web-01" })).toBeVisible();
  await expect(page.getByText("Server saved.")).toBeVisible();
  await expect(page.getByText("2001:db8:ab::/48")).toBeVisible();
  const id = page.url().split("/servers/")[1]!.split("?")[0]!;
  expect(await getServer(request, id)).toMatchObject({
    name: "flow-web-01", hostname: "flow-web01.example.com", ipv6: "2001:db8::10", sshPort: 22, version: 1,
    adminSources: ["203.0.113.0/24", "2001:db8:ab::/48", "198.51.100.7"],
  });
  await snap(page, "11-server-view");

  // Edit.
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { name: "Edit flow-web-01" })).toBeVisible();
  await form.fill({ "SSH port": "2222", "Host name": "flow-cp1.example.net" });
  await snap(page, "12-server-edit");
  await form.submit("Save changes");
  await expect(page.getByText("Server saved.")).toBeVisible();
  expect(await getServer(request, id)).toMatchObject({ sshPort: 2222, hostname: "flow-cp1.example.net", version: 2 });

  // Search by host name and by name, in the URL.
  await createServerViaApi(request, { name: "flow-mail-02", hostname: "mx.example.org" });
  await page.goto("/servers");
  await expect(page.getByRole("link", { name: "flow-web-01" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toContainText("flow-mail-02"); // newest first
  await snap(page, "13-server-list");
  await page.getByRole("searchbox").fill("flow-cp1.example");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=flow-cp1\.example$/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "flow-web-01" })).toBeVisible();
  await page.goto("/servers?q=FLOW-MAIL");
  await expect(page.getByRole("link", { name: "flow-mail-02" })).toBeVisible();
  await expect(page.getByRole("link", { name: "flow-web-01" })).toHaveCount(0);

  // Clone: opens the copy's edit page under a unique name.
  await page.goto(`/servers/${id}`);
  await page.getByRole("button", { name: "Clone" }).click();
  await expect(page).toHaveURL(/\/servers\/[^/]+\/edit\?cloned=1$/);
  await expect(form.field("Name")).toHaveValue("Copy of flow-web-01");
  await expect(form.field("SSH port")).toHaveValue("2222");
  await snap(page, "14-server-clone");
  await form.fill({ Name: "flow-web-02" });
  await form.submit("Save changes");
  await expect(page.getByRole("heading", { name: "flow-web-02" })).toBeVisible();
  await page.goto(`/servers/${id}`);
  await page.getByRole("button", { name: "Clone" }).click();
  await expect(form.field("Name")).toHaveValue("Copy of flow-web-01");
  await page.goto(`/servers/${id}`);
  await page.getByRole("button", { name: "Clone" }).click();
  await expect(form.field("Name")).toHaveValue("Copy of flow-web-01 2");
  // The copy's name is one every export and download accepts.
  const copyId = /\/servers\/([^/]+)\/edit/.exec(page.url())?.[1];
  expect((await request.get(`/api/servers/${copyId}/export`)).status()).toBe(200);

  // Delete, through the confirmation page; a GET alone deletes nothing.
  await page.goto(`/servers/${id}`);
  await page.getByRole("link", { name: "Delete" }).click();
  await expect(page.getByRole("heading", { name: "Delete flow-web-01?" })).toBeVisible();
  await snap(page, "15-server-delete");
  expect((await request.get(`/api/servers/${id}`)).status()).toBe(200);
  await page.getByRole("button", { name: "Delete server" }).click();
  await expect(page).toHaveURL(/\/servers\?deleted=flow-web-01$/);
  await expect(page.getByText("Server flow-web-01 was deleted.")).toBeVisible();
  expect((await request.get(`/api/servers/${id}`)).status()).toBe(404);
  await page.goto(`/servers/${id}`);
  await expect(page.getByRole("heading", { name: "Server not found" })).toBeVisible();
});

test("the list pages by 20, newest first", async ({ page, request }) => {
  for (let i = 1; i <= 21; i++) await createServerViaApi(request, { name: `bulk-${String(i).padStart(2, "0")}` });
  await page.goto("/servers?q=bulk-");
  await expect(page.getByRole("row")).toHaveCount(21);
  await expect(page.getByRole("row").nth(1)).toContainText("bulk-21");
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/q=bulk-&page=2$/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("row").nth(1)).toContainText("bulk-01");
  expect((await listServers(request, "bulk-")).total).toBe(21);
});

test("search matches its text literally: an underscore or a percent sign is not a wildcard", async ({ page, request }) => {
  await createServerViaApi(request, { name: "literal_a1" });
  await createServerViaApi(request, { name: "literal-a1" });
  await page.goto("/servers?q=literal_a");
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "literal_a1" })).toBeVisible();
  expect((await listServers(request, "literal-")).items.map((s) => s.name)).toEqual(["literal-a1"]);
  expect((await listServers(request, "literal%")).total).toBe(0);
});

test("a save based on an outdated copy is refused instead of overwriting", async ({ page, context, request }) => {
  const id = await createServerViaApi(request, { name: "concurrent-1" });
  const form = new ServerFormPage(page);
  const other = await context.newPage();
  await page.goto(`/servers/${id}/edit`);
  await other.goto(`/servers/${id}/edit`);

  await new ServerFormPage(other).fill({ "SSH port": "2201" });
  await new ServerFormPage(other).submit("Save changes");
  await expect(other.getByText("Server saved.")).toBeVisible();

  await form.fill({ "SSH port": "2202" });
  await form.submit("Save changes");
  await expect(page.locator("#form-error")).toContainText("Someone else saved this server in the meantime");
  expect(await getServer(request, id)).toMatchObject({ sshPort: 2201, version: 2 });
});
