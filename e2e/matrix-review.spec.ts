import { expect, test } from "@playwright/test";
import { BACKENDS } from "../lib/firewall/policy/schema";
import { createServerViaApi, snap } from "./support/fixtures";
import { download, MatrixPage, unzipText } from "./support/matrix";

test.describe.configure({ mode: "serial" });

const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "fw2.example.net", ipv4: "192.0.2.20", adminSources: "203.0.113.0/24" };
const port = (n: number) => new RegExp(`\\b${n}\\b`);

test("a critical warning blocks downloads until acknowledged; the bundle holds exactly the reviewed profile", async ({ page, request }) => {
  test.setTimeout(90_000);
  const id = await createServerViaApi(request, { name: "Review Box 1", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);

  // Opening cPHulk 579 inbound is critical, live.
  await matrix.box("MySQL 3306/tcp enabled").check();
  await matrix.box("cPHulk 579/tcp inbound").check();
  await expect(matrix.box("cPHulk 579/tcp localhost only")).not.toBeChecked();
  await expect(matrix.warning(/^Critical: cPHulk \(port 579\) is opened to the network/)).toBeVisible();
  await expect(matrix.warningsPanel.getByRole("list", { name: "Warning counts" })).toContainText("1 critical");
  await matrix.save();

  await page.getByRole("navigation", { name: "Server sections" }).getByRole("link", { name: "Review & download" }).click();
  await expect(page.getByRole("heading", { name: "Review: Review Box 1" })).toBeVisible();
  await expect(page.getByText("Downloads are disabled: revision 2 has 1 critical warning")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download bundle (ZIP)" })).toBeDisabled();
  await expect(page.getByRole("link", { name: "Download bundle (ZIP)" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Download portcullis.nft" })).toBeDisabled();
  for (const url of [`/api/servers/${id}/bundle`, `/api/servers/${id}/rules/nftables`]) {
    const refused = await request.get(url);
    expect(refused.status(), url).toBe(409);
    expect(await refused.json()).toMatchObject({ error: "conflict", message: expect.stringContaining("localhost-exposed:cphulk") });
  }
  await snap(page, "40-review-blocked");

  // Acknowledge: the button waits for the box; the record names the user.
  const form = page.locator("form[data-ready]");
  await expect(form).toBeVisible();
  const acknowledge = page.getByRole("button", { name: "Acknowledge and enable downloads" });
  await expect(acknowledge).toBeDisabled();
  await page.getByLabel(/I understand the risk: cPHulk \(port 579\)/).check();
  await acknowledge.click();
  await expect(page.getByText(/Critical warnings acknowledged by Ada Admin on .* UTC for revision 2/)).toBeVisible();
  await snap(page, "41-review");

  // The bundle: one folder per backend; the ticked port is in, an unticked one is not.
  const bundle = await download(page, () => page.getByRole("link", { name: "Download bundle (ZIP)" }).click());
  expect(bundle.name).toBe("review-box-1-portcullis.zip");
  const files = unzipText(bundle.bytes);
  const folders = new Set(Object.keys(files).map((p) => p.split("/").slice(0, 2).join("/")));
  for (const backend of BACKENDS) expect(folders.has(`review-box-1/${backend}`), backend).toBe(true);
  const nft = files["review-box-1/nftables/portcullis.nft"]!;
  const iptables = files["review-box-1/iptables/rules.v4"]!;
  for (const text of [nft, iptables]) {
    expect(text).toMatch(port(3306));
    expect(text).toMatch(port(579));
    expect(text).not.toMatch(port(143));
  }
  expect(files["review-box-1/REPORT.md"]).toContain("cPHulk (port 579) is opened to the network");
  expect(JSON.parse(files["review-box-1/profile.json"]!)).toMatchObject({
    server: { name: "Review Box 1" },
    policy: { services: { mysql: { enabled: true }, cphulk: { inbound: true, localhostOnly: false } } },
  });

  // One backend's file directly, from its preview tab.
  await page.getByRole("tab", { name: /nftables/ }).click();
  await expect(page.getByRole("tabpanel")).toContainText("portcullis.nft");
  const single = await download(page, () => page.getByRole("link", { name: "Download portcullis.nft" }).click());
  expect(single.name).toBe("portcullis.nft");
  const undated = (text: string) => text.replace(/^# Generated: .*$/m, "");
  expect(undated(single.bytes.toString("utf8"))).toBe(undated(nft));
  const zipped = await request.get(`/api/servers/${id}/rules/firewalld?version=2`);
  expect(zipped.headers()["content-type"]).toBe("application/zip");
  expect(zipped.headers()["content-disposition"]).toBe('attachment; filename="review-box-1-firewalld.zip"');
  expect(Object.keys(unzipText(await zipped.body()))).toContain("services/portcullis.xml");
  const plain = await request.get(`/api/servers/${id}/rules/nftables`);
  expect(plain.headers()["content-type"]).toBe("text/plain; charset=utf-8");
});

test("download routes validate their input and refuse outdated reviews", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "review-box-2", ...CPANEL });
  expect((await request.get(`/api/servers/${id}/rules/pf`)).status()).toBe(400);
  expect((await request.get(`/api/servers/${id}/bundle?version=abc`)).status()).toBe(400);
  expect((await request.get(`/api/servers/no.such.id/bundle`)).status()).toBe(400);
  const missing = await request.get(`/api/servers/nosuchserver123/bundle`);
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: "not-found" });

  // The starting profile has no critical warning: downloads work before the first save.
  const ok = await request.get(`/api/servers/${id}/bundle?version=1`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-disposition"]).toBe('attachment; filename="review-box-2-portcullis.zip"');
  // A review of revision 1 cannot download revision 2.
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  await matrix.box("IMAP 143/tcp enabled").check();
  await matrix.save();
  const stale = await request.get(`/api/servers/${id}/bundle?version=1`);
  expect(stale.status()).toBe(409);
  expect(await stale.json()).toMatchObject({ message: expect.stringContaining("changed since you reviewed it") });
});

test.describe("anonymous", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("download routes answer 401 JSON", async ({ request }) => {
    for (const url of ["/api/servers/x/bundle", "/api/servers/x/rules/nftables"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthorized" });
    }
  });
});
