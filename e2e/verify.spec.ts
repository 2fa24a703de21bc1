import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { liveSectionsFor, liveText } from "../tests/support/live-fixture";
import { createServerViaApi } from "./support/fixtures";
import { changePolicy, getPolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pc-verify-e2e-"));
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};

test("a live file uploaded on the server page: in sync, then drift, then a newer revision matched by the older one", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "Verify One", hostname: "verify1.example.com", adminSources: "203.0.113.0/24" });
  const version = await changePolicy(request, id, (p) => {
    p.backend = "iptables";
    p.blocked.push({ address: "198.51.100.0/24", comment: "abuse" });
  });
  const { document } = await getPolicy(request, id);
  const live = liveSectionsFor(document);

  await page.goto(`/servers/${id}`);
  await expect(page.getByText("Not verified", { exact: true })).toBeVisible();
  await page.getByLabel("Live file from verify.sh").setInputFiles(write("in-sync.txt", liveText(live.base)));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByText(`In sync with revision ${version}`).first()).toBeVisible();
  await page.goto("/servers?q=Verify%20One");
  await expect(page.getByRole("row", { name: /Verify One/ }).getByText("In sync", { exact: true })).toBeVisible();

  const opened = live.v4.replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp --dport 8081 -j ACCEPT\n-A INPUT -j PORTCULLIS-IN");
  await page.goto(`/servers/${id}`);
  await page.getByLabel("Live file from verify.sh").setInputFiles(write("drift.txt", liveText({ ...live.base, "live iptables-save": opened })));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByRole("list", { name: "Drift" })).toContainText("tcp 8081 is open to anyone (IPv4) on the server, not in the revision.");

  const newer = await changePolicy(request, id, (p) => void p.blocked.push({ address: "192.0.2.77", comment: "" }));
  await page.goto("/servers?q=Verify%20One");
  await expect(page.getByRole("row", { name: /Verify One/ }).getByText("Not verified since last save")).toBeVisible();
  const res = await request.post(`/api/servers/${id}/verify`, { data: liveText(live.base), headers: { "content-type": "text/plain" } });
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as { inSync: boolean; revision: number; matches: number | null; drift: { kind: string }[] };
  expect(body).toMatchObject({ inSync: false, revision: newer, matches: version });
  expect(body.drift.map((d) => d.kind)).toContain("blocked-missing");
});

test("a file verify.sh did not write is refused with the reason", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "Verify Two" });
  await page.goto(`/servers/${id}`);
  await page.getByLabel("Live file from verify.sh").setInputFiles(write("other.txt", "hello\n"));
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByText(/expected "# portcullis-live format 1"/).first()).toBeVisible();
  const res = await request.post(`/api/servers/${id}/verify`, { data: "hello\n", headers: { "content-type": "text/plain" } });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: string }).error).toBe("bad-request");
});

test("many servers at once: each live file reaches its server by name or by the host in it; the list shows every verdict", async ({ page, request }) => {
  const hosts = ["fleet-verify-a.example.com", "fleet-verify-b.example.com"];
  const ids = await Promise.all(hosts.map((hostname, i) => createServerViaApi(request, { name: `Fleet Verify ${i + 1}`, hostname, adminSources: "203.0.113.0/24" })));
  const lives = [];
  for (const id of ids) {
    await changePolicy(request, id, (p) => void (p.backend = "iptables"));
    lives.push(liveSectionsFor((await getPolicy(request, id)).document));
  }
  const header = (host: string) => `backend=iptables\nhost=${host}\ntime=2026-12-03T10:00:00Z\ngenerator=Portcullis t verify.sh\nread-only=yes`;
  const opened = lives[1]!.v4.replace("-A INPUT -j PORTCULLIS-IN", "-A INPUT -p tcp --dport 8082 -j ACCEPT\n-A INPUT -j PORTCULLIS-IN");

  await page.goto("/servers");
  await page.getByRole("link", { name: "Verify from live files" }).click();
  await expect(page.getByRole("heading", { name: "Verify servers" })).toBeVisible();
  await page.getByLabel("Live files").setInputFiles([
    write(`${hosts[0]}.txt`, liveText(lives[0]!.base, header("fleet-verify-a"))),
    write("portcullis-live-fvb-20261203T100000Z.txt", liveText({ ...lives[1]!.base, "live iptables-save": opened }, header(hosts[1]!))),
    write("nobody.example.com.txt", liveText(lives[0]!.base, header("nobody.example.com"))),
  ]);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  const table = page.getByRole("table", { name: "Verification of each uploaded file" });
  await expect(page.getByText("2 servers verified: 1 in sync, 1 drifted; 1 file not verified.")).toBeVisible();
  await expect(table.getByRole("row", { name: /fleet-verify-a\.example\.com\.txt/ })).toContainText("Fleet Verify 1by the file nameIn sync");
  await expect(table.getByRole("row", { name: /portcullis-live-fvb-/ })).toContainText("Fleet Verify 2by the host in the fileDrifted");
  await expect(table.getByRole("list", { name: "Differences on Fleet Verify 2" })).toContainText("tcp 8082 is open to anyone (IPv4) on the server, not in the revision.");
  await expect(table.getByRole("row", { name: /nobody\.example\.com\.txt/ })).toContainText('Not verifiedNo server here has the host name, address or name "nobody.example.com"');

  await page.goto("/servers?q=Fleet%20Verify");
  await expect(page.getByRole("row", { name: /Fleet Verify 1/ }).getByText("In sync", { exact: true })).toBeVisible();
  await expect(page.getByRole("row", { name: /Fleet Verify 2/ }).getByText("Drifted", { exact: true })).toBeVisible();
});

test("the fleet upload refuses an upload without files; scripts send the files as JSON", async ({ page, request }) => {
  await page.goto("/servers/verify");
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByText(/^Choose the live files to verify/).first()).toBeVisible();

  expect((await request.post("/api/servers/verify", { data: { files: [] } })).status()).toBe(400);
  const res = await request.post("/api/servers/verify", { data: { files: [{ name: "fleet-verify-a.example.com.txt", text: "hello\n" }] } });
  expect(res.status(), await res.text()).toBe(200);
  const { items } = (await res.json()) as { items: { server: { name: string } | null; outcome: string; summary: string }[] };
  expect(items).toEqual([expect.objectContaining({ server: expect.objectContaining({ name: "Fleet Verify 1" }), outcome: "not-verified" })]);
  expect(items[0]!.summary).toMatch(/^Not a readable live file/);
});

