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
