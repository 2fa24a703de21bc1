import { expect, test } from "@playwright/test";
import type { BlockedEntry } from "../lib/firewall/policy/schema";
import { createServerViaApi, listServers, snap } from "./support/fixtures";
import { MatrixPage } from "./support/matrix";
import { changePolicy, getPolicy } from "./support/policy";

const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "scale.example.net", ipv4: "192.0.2.30", adminSources: "203.0.113.0/24" };
const ENTRIES = 100_000;
/** Saving or rendering 100,000 entries takes seconds; on a busy CI machine several times that. */
const SLOW = 60_000;

/** 70,000 IPv4 hosts in 100.64.0.0/10 and 30,000 IPv6 /64 networks in 2001:db8:100::/40, all distinct. */
function blocklist(): BlockedEntry[] {
  const v4 = Array.from({ length: 70_000 }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));
  const v6 = Array.from({ length: 30_000 }, (_, i) => ({ address: `2001:db8:1${(i >> 16).toString(16).padStart(2, "0")}:${(i & 0xffff).toString(16)}::/64`, comment: "" }));
  return [...v4, ...v6];
}

test("a profile with 100,000 blocked entries saves, reviews, downloads, exports and imports again", async ({ page, request }) => {
  test.setTimeout(240_000);
  const id = await createServerViaApi(request, { name: "Scale 100k", ...CPANEL });

  // Saved through the API (about 4 MB of JSON) …
  await changePolicy(request, id, (p) => void (p.blocked = blocklist()));
  expect((await getPolicy(request, id)).document.policy.blocked).toHaveLength(ENTRIES);

  // … and again through the matrix form (its server action carries the whole list too).
  const matrix = new MatrixPage(page);
  await matrix.open(id, SLOW);
  // A list that long opens folded (laying out 100,000 lines takes the browser seconds).
  await expect(page.getByLabel("Blocked addresses, one per line")).toHaveCount(0);
  await expect(page.getByText("100,000 entries: 70,000 IPv4, 30,000 IPv6.")).toBeVisible();
  await page.locator("#blocked").scrollIntoViewIfNeeded();
  await snap(page, "81-matrix-100k-folded");
  await page.getByRole("button", { name: "Show and edit the list (100,000 lines)" }).click();
  const list = page.getByLabel("Blocked addresses, one per line");
  await expect(list).toBeFocused();
  expect((await list.inputValue()).split("\n")).toHaveLength(ENTRIES);
  await snap(page, "82-matrix-100k-list");
  await matrix.box("FTP 21/tcp enabled").check();
  await matrix.save(SLOW);
  const saved = await getPolicy(request, id);
  expect(saved.document.policy.blocked).toHaveLength(ENTRIES);
  expect(saved.document.policy.services.ftp?.enabled).toBe(true);

  await page.goto(`/servers/${id}/review`, { timeout: SLOW });
  await expect(page.getByRole("heading", { name: "Review: Scale 100k" })).toBeVisible({ timeout: SLOW });
  await snap(page, "80-review-100k");

  const bundle = await request.get(`/api/servers/${id}/bundle`, { timeout: SLOW });
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()["content-type"]).toBe("application/zip");
  const nft = await request.get(`/api/servers/${id}/rules/nftables`, { timeout: SLOW });
  expect(nft.status()).toBe(200);
  const nftText = await nft.text();
  expect(nftText).toContain("100.64.0.0");
  expect(nftText).toContain("2001:db8:100::/64");

  // Export (about 7.5 MB) and import under another name: the copy holds every entry.
  const exported = await request.get(`/api/servers/${id}/export`, { timeout: SLOW });
  expect(exported.status()).toBe(200);
  const document = (await exported.json()) as { server: { name: string } };
  document.server.name = "Scale 100k copy";
  const imported = await request.post("/api/import", { data: document, timeout: SLOW });
  expect(imported.status(), await imported.text()).toBe(201);
  const copy = (await listServers(request, "Scale 100k copy")).items[0];
  expect(copy).toBeDefined();
  expect((await getPolicy(request, copy?.id ?? "")).document.policy.blocked).toHaveLength(ENTRIES);
});
