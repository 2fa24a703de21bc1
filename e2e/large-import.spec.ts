import { expect, test } from "@playwright/test";
import { createServerViaApi, listServers, STORAGE_STATE } from "./support/fixtures";
import { changePolicy, getPolicy } from "./support/policy";

const BOX = { os: "almalinux", panel: "cpanel", hostname: "big.example.net", ipv4: "192.0.2.31", adminSources: "203.0.113.0/24" };
/** The profile format's maximum: exported, about 15 MB, more than Next's default 10 MiB body limit. */
const ENTRIES = 200_000;
const SLOW = 120_000;
const TEN_MIB = 10 * 1024 * 1024;

/** 200,000 distinct IPv4 hosts in 100.64.0.0/10. */
const blocklist = () => Array.from({ length: ENTRIES }, (_, i) => ({ address: `100.${64 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, comment: "" }));

const renamed = (text: string, from: string, to: string) => text.replace(`"name": "${from}"`, `"name": "${to}"`);

test("a profile at the format's maximum exports and imports again through the API and the form", async ({ page, request, playwright }) => {
  test.setTimeout(600_000);
  const id = await createServerViaApi(request, { name: "Big 200k", ...BOX });
  await changePolicy(request, id, (p) => void (p.blocked = blocklist()));

  const exported = await request.get(`/api/servers/${id}/export`, { timeout: SLOW });
  expect(exported.status()).toBe(200);
  const text = await exported.text();
  expect(Buffer.byteLength(text)).toBeGreaterThan(TEN_MIB);

  // Through the API: the whole file arrives (the proxy used to cut it at 10 MiB: "Unterminated string").
  // On a fresh connection: a pooled one the server closes as idle just then breaks a 15 MB upload (EPIPE).
  const upload = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, storageState: STORAGE_STATE });
  const viaApi = await upload.post("/api/import", {
    headers: { "content-type": "application/json" }, data: renamed(text, "Big 200k", "Big 200k API"), timeout: SLOW,
  });
  expect(viaApi.status(), (await viaApi.text()).slice(0, 500)).toBe(201);
  await upload.dispose();

  // Through the form: the server action takes the file too (it used to answer 500).
  await page.goto("/servers/import");
  await page.getByLabel("Profile file").setInputFiles({
    name: "big.portcullis.json", mimeType: "application/json", buffer: Buffer.from(renamed(text, "Big 200k", "Big 200k Form")),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported 1 profile.")).toBeVisible({ timeout: SLOW });

  for (const name of ["Big 200k API", "Big 200k Form"]) {
    const [copy] = (await listServers(request, name)).items;
    expect(copy, name).toBeDefined();
    const again = await request.get(`/api/servers/${copy?.id}/export`, { timeout: SLOW });
    expect(renamed(await again.text(), name, "Big 200k") === text, `${name} exports the same bytes`).toBe(true);
    expect((await getPolicy(request, copy?.id ?? "")).document.policy.blocked).toHaveLength(ENTRIES);

    // Its import is one audit event with a summary and sizes, not the whole document.
    const audit = await request.get(`/servers/${copy?.id}/audit`, { timeout: SLOW });
    expect(audit.status()).toBe(200);
    const html = await audit.text();
    expect(html).toContain("Imported");
    expect(Buffer.byteLength(html)).toBeLessThan(200 * 1024);
  }
  const trail = await request.get("/audit", { timeout: SLOW });
  expect(Buffer.byteLength(await trail.text())).toBeLessThan(200 * 1024);
});
