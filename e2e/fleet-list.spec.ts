/**
 * Issue 17: the server list answers fleet questions. Search by address and network (typed in any
 * spelling), by exposure, filter by tag, sort by a column; all through the plain GET form.
 */
import { expect, test, type Page } from "@playwright/test";
import { createServerViaApi, ServerFormPage } from "./support/fixtures";
import { changePolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

async function search(page: Page, text: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Search servers" }).fill(text);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "\\+").replace(/[.*]/g, "\\$&")}`));
  // The URL changes before the new list arrives (the loading state shows first): wait for the
  // table of this search, or its "no match" line, or its error.
  const escaped = text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const table = page.getByRole("table", { name: new RegExp(`^Servers matching ${escaped} \\(`) });
  await expect(table.or(page.getByText(/^No server matches/)).or(page.locator("#q-error").getByText(/./)).first()).toBeVisible();
}

/** The server names in the table, top to bottom. */
async function listed(page: Page): Promise<string[]> {
  return page.getByRole("table").getByRole("row").locator("td:nth-child(2) a").allTextContents();
}

test("search by IP address and by network", async ({ page, request }) => {
  await createServerViaApi(request, { name: "fleet-ip-a", ipv4: "100.64.17.21", ipv6: "2001:db8:f17::21" });
  await createServerViaApi(request, { name: "fleet-ip-b", ipv4: "100.64.17.150" });
  await createServerViaApi(request, { name: "fleet-ip-c", ipv4: "100.64.18.9" });
  await page.goto("/servers");

  await search(page, "100.64.17.21");
  await expect.poll(() => listed(page)).toEqual(["fleet-ip-a"]);
  await search(page, "2001:DB8:F17:0:0::21");
  await expect.poll(() => listed(page)).toEqual(["fleet-ip-a"]);
  await search(page, "100.64.17.0/24");
  await expect.poll(async () => (await listed(page)).sort()).toEqual(["fleet-ip-a", "fleet-ip-b"]);
  await search(page, "100.64.17.128/25");
  await expect.poll(() => listed(page)).toEqual(["fleet-ip-b"]);
  await search(page, "100.64.16.0/22");
  await expect.poll(async () => (await listed(page)).sort()).toEqual(["fleet-ip-a", "fleet-ip-b", "fleet-ip-c"]);

  // A network with host bits set is refused with the network it meant; no list is shown.
  await search(page, "100.64.17.1/24");
  await expect(page.locator("#q-error")).toContainText("the network is 100.64.17.0/24");
  await expect(page.getByRole("searchbox", { name: "Search servers" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("exposure search: 3306 open to anyone, mysql open, port N", async ({ page, request }) => {
  const open = await createServerViaApi(request, { name: "fleet-exp-open", os: "almalinux", panel: "cpanel", adminSources: "203.0.113.0/24" });
  const admins = await createServerViaApi(request, { name: "fleet-exp-admins", os: "almalinux", panel: "cpanel", adminSources: "203.0.113.0/24" });
  await createServerViaApi(request, { name: "fleet-exp-closed", os: "almalinux", panel: "cpanel" });
  for (const [id, access] of [[open, "anyone"], [admins, "admins"]] as const) {
    await changePolicy(request, id, (p) => {
      Object.assign(p.services.mysql ?? {}, { enabled: true, tcp: true, inbound: true, localhostOnly: false, access });
    });
  }
  await page.goto("/servers");
  await search(page, "fleet-exp 3306 open to anyone");
  await expect.poll(() => listed(page)).toEqual(["fleet-exp-open"]);
  await search(page, "fleet-exp mysql open");
  await expect.poll(async () => (await listed(page)).sort()).toEqual(["fleet-exp-admins", "fleet-exp-open"]);
  await search(page, "fleet-exp port 3306/udp");
  await expect(page.getByText("No server matches")).toBeVisible();

  await search(page, "fleet-exp port 99999");
  await expect(page.locator("#q-error")).toContainText("ports are 1 to 65535");

  // The JSON API takes the same query.
  const res = await request.get(`/api/servers?q=${encodeURIComponent("fleet-exp 3306 open to anyone")}`);
  expect(((await res.json()) as { items: { name: string }[] }).items.map((s) => s.name)).toEqual(["fleet-exp-open"]);
  const bad = await request.get("/api/servers?q=port");
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("needs a number");
});

test("tags: set on the server form, shown and filtered in the list", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "fleet-tag-one" });
  await createServerViaApi(request, { name: "fleet-tag-two", tags: "fleet-staging" });
  await page.goto(`/servers/${id}/edit`);
  const form = new ServerFormPage(page);
  await form.field("Tags").fill("Fleet-Mail, fleet-staging");
  await form.submit("Save changes");
  await expect(page).toHaveURL(new RegExp(`/servers/${id}\\?saved=1$`));

  await page.goto("/servers");
  await page.getByLabel("Tag", { exact: true }).fill("fleet-mail");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]tag=fleet-mail/);
  await expect.poll(() => listed(page)).toEqual(["fleet-tag-one"]);
  await expect(page.getByRole("row", { name: /fleet-tag-one/ }).getByRole("list", { name: "Tags" }).getByRole("listitem")).toHaveText(["fleet-mail", "fleet-staging"]);

  await page.goto("/servers?tag=fleet-staging&q=fleet-tag");
  await expect.poll(async () => (await listed(page)).sort()).toEqual(["fleet-tag-one", "fleet-tag-two"]);
});

test("sort by a column header, both ways; the sort survives a new search", async ({ page, request }) => {
  for (const name of ["fleet-sort-b", "fleet-sort-a", "fleet-sort-c"]) await createServerViaApi(request, { name });
  await page.goto("/servers?q=fleet-sort");
  await expect.poll(() => listed(page)).toEqual(["fleet-sort-c", "fleet-sort-a", "fleet-sort-b"]);
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(() => listed(page)).toEqual(["fleet-sort-a", "fleet-sort-b", "fleet-sort-c"]);
  await page.getByRole("columnheader", { name: /^Name/ }).getByRole("link").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
  await expect.poll(() => listed(page)).toEqual(["fleet-sort-c", "fleet-sort-b", "fleet-sort-a"]);
  await search(page, "fleet-sort-");
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect.poll(() => listed(page)).toEqual(["fleet-sort-c", "fleet-sort-b", "fleet-sort-a"]);
});
