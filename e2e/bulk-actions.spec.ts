/**
 * Issue 17, item 2: select servers in the list (by hand or by filter), preview one change, apply it:
 * each server gets its own revision, the audit trail names the bulk action; tags and exports too.
 */
import { expect, test, type Page } from "@playwright/test";
import { createServerViaApi, snap } from "./support/fixtures";
import { getPolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const NAMES = ["mass-one", "mass-two", "mass-mail"] as const;
const ids: Record<string, string> = {};

async function filterList(page: Page, text: string): Promise<void> {
  await page.goto(`/servers?q=${encodeURIComponent(text)}`);
  await expect(page.getByRole("table")).toBeVisible();
}

test.beforeAll(async ({ request }) => {
  for (const name of NAMES) ids[name] = await createServerViaApi(request, { name, os: "almalinux", panel: "cpanel", adminSources: "203.0.113.0/24" });
});

test("block addresses on two servers ticked by hand: preview, apply, one revision each, audited", async ({ page, request }) => {
  const before = await Promise.all(["mass-one", "mass-two"].map((n) => getPolicy(request, ids[n]!)));
  await filterList(page, "mass-");
  await expect(page.getByRole("button", { name: "Act on selected" })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Select mass-one" }).check();
  await page.getByRole("checkbox", { name: "Select mass-two" }).check();
  await expect(page.getByText("2 selected.")).toBeVisible();
  await page.getByRole("button", { name: "Act on selected" }).click();

  await expect(page.getByRole("heading", { name: "2 servers selected" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Selected servers" })).toContainText("mass-one");
  await page.getByRole("radio", { name: "Block addresses", exact: true }).check();
  // A bad line is named; nothing is previewed.
  await page.getByLabel("Addresses and networks").fill("198.51.100.7\nnot-an-address");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("#bulk-addresses-error")).toContainText("Line 2 (not-an-address)");

  await page.getByLabel("Addresses and networks").fill("198.51.100.7\n2001:DB8:BAD::/48");
  await page.getByLabel("Comment (optional)").fill("scanner");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview: block 2 addresses" })).toBeVisible();
  await expect(page.getByText("2 servers will change")).toBeVisible();
  await expect(page.getByRole("region", { name: "Changes to mass-one" })).toContainText("2001:db8:bad::/48");
  await snap(page, "bulk-preview");

  await page.getByRole("button", { name: "Apply to 2 servers" }).click();
  await expect(page).toHaveURL(/\/servers\?bulk=/);
  await expect(page.getByText("Bulk action “block 2 addresses”: 2 servers changed")).toBeVisible();

  for (const [i, name] of ["mass-one", "mass-two"].entries()) {
    const after = await getPolicy(request, ids[name]!);
    expect(after.version).toBe(before[i]!.version + 1);
    expect(after.document.policy.blocked).toEqual(expect.arrayContaining([{ address: "198.51.100.7", comment: "scanner" }, { address: "2001:db8:bad::/48", comment: "scanner" }]));
    const revisions = (await (await request.get(`/api/servers/${ids[name]}/revisions`)).json()) as { revisions: { version: number; kind: string }[] };
    expect(revisions.revisions[0]).toMatchObject({ version: after.version, kind: "bulk" });
  }
  const mail = await getPolicy(request, ids["mass-mail"]!);
  expect(mail.document.policy.blocked).toEqual([]);

  await page.goto(`/servers/${ids["mass-one"]}/revisions`);
  await expect(page.getByText("Bulk action").first()).toBeVisible();
  await page.goto("/audit?action=server.bulk");
  await expect(page.getByText("Bulk action (block 2 addresses) on mass-one").first()).toBeVisible();
});

test("act on all matching a filter: tag them, then open a port on the tagged ones", async ({ page, request }) => {
  await filterList(page, "mass-");
  await page.getByRole("link", { name: "Act on all 3 matching" }).click();
  await expect(page.getByRole("heading", { name: "3 servers selected" })).toBeVisible();
  await page.getByRole("radio", { name: "Add or remove tags" }).check();
  await page.getByLabel("Add tags").fill("bulk-fleet");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("3 servers will change")).toBeVisible();
  const versions = await Promise.all(NAMES.map(async (n) => (await getPolicy(request, ids[n]!)).version));
  await page.getByRole("button", { name: "Apply to 3 servers" }).click();
  await expect(page.getByText("Bulk action “tag bulk-fleet”: 3 servers changed")).toBeVisible();
  // Tags are not a revision.
  expect(await Promise.all(NAMES.map(async (n) => (await getPolicy(request, ids[n]!)).version))).toEqual(versions);

  await page.goto("/servers?tag=bulk-fleet");
  await page.getByRole("link", { name: "Act on all 3 matching" }).click();
  await page.getByRole("radio", { name: "Open a port" }).check();
  await page.getByLabel("Port", { exact: true }).fill("8443");
  await page.getByLabel("Who may connect").selectOption("admins");
  await page.getByLabel("Label (optional)").fill("Monitoring");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("3 servers will change")).toBeVisible();
  await page.getByRole("button", { name: "Apply to 3 servers" }).click();
  await expect(page.getByText(/Bulk action “open TCP 8443 to admin sources”: 3 servers changed/)).toBeVisible();
  for (const n of NAMES) {
    const rules = (await getPolicy(request, ids[n]!)).document.policy.customRules;
    expect(rules).toEqual([expect.objectContaining({ label: "Monitoring", ports: { from: 8443, to: 8443 }, access: "admins", direction: "inbound" })]);
  }
});

test("a server saved between preview and apply refuses the whole action", async ({ page, request }) => {
  await page.goto(`/servers/bulk?id=${ids["mass-one"]}&id=${ids["mass-mail"]}`);
  await page.getByRole("radio", { name: "Switch backend" }).check();
  await page.getByLabel("Backend", { exact: true }).selectOption("iptables");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("2 servers will change")).toBeVisible();
  const web1 = await getPolicy(request, ids["mass-one"]!);
  const saved = await request.put(`/api/servers/${ids["mass-mail"]}/policy`, { data: { version: (await getPolicy(request, ids["mass-mail"]!)).version, policy: { ...(await getPolicy(request, ids["mass-mail"]!)).document.policy, outbound: "restricted" } } });
  expect(saved.status()).toBe(200);
  await page.getByRole("button", { name: "Apply to 2 servers" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was changed: 1 server was saved or deleted since the preview (mass-mail)" })).toBeVisible();
  expect((await getPolicy(request, ids["mass-one"]!)).version).toBe(web1.version);
});

test("export the selection; the JSON route previews and applies for scripts", async ({ page, request }) => {
  const res = await request.get(`/api/servers/export?all=1&tag=bulk-fleet`);
  expect(res.status()).toBe(200);
  const collection = (await res.json()) as { profiles: { server: { name: string } }[] };
  expect(collection.profiles.map((p) => p.server.name).sort()).toEqual([...NAMES].sort());
  const one = (await (await request.get(`/api/servers/export?id=${ids["mass-mail"]}`)).json()) as { profiles: { server: { name: string } }[] };
  expect(one.profiles.map((p) => p.server.name)).toEqual(["mass-mail"]);

  const dry = await request.post("/api/servers/bulk", { data: { filter: { tag: "bulk-fleet" }, change: { kind: "unblock", addresses: ["198.51.100.7"] }, dryRun: true } });
  expect(dry.status(), await dry.text()).toBe(200);
  const preview = (await dry.json()) as { items: { name: string; changed: boolean }[] };
  expect(preview.items.filter((i) => i.changed).map((i) => i.name).sort()).toEqual(["mass-one", "mass-two"]);
  const applied = await request.post("/api/servers/bulk", { data: { ids: [ids["mass-one"]], change: { kind: "unblock", addresses: ["198.51.100.7"] } } });
  expect(applied.status(), await applied.text()).toBe(200);
  expect(((await applied.json()) as { changed: string[] }).changed).toEqual(["mass-one"]);
  const bad = await request.post("/api/servers/bulk", { data: { ids: [ids["mass-one"]], change: { kind: "block", addresses: ["nope"] } } });
  expect(bad.status()).toBe(400);

  // A viewer-safe page: the export buttons carry the selection.
  await page.goto(`/servers/bulk?all=1&tag=bulk-fleet`);
  await expect(page.getByRole("link", { name: "Export profiles" })).toHaveAttribute("href", "/api/servers/export?all=1&tag=bulk-fleet");
});
