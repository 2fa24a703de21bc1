import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { listServers, snap } from "./support/fixtures";
import { MatrixPage, serverVersion } from "./support/matrix";
import { getPolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const FIXTURE = path.join(__dirname, "..", "tests", "fixtures", "real-configs", "csf", "sentinel-cpanel");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-e2e-import-"));

/** A tarball made the way the README says: `tar czf csf.tgz -C /etc csf`, from a copy of a real /etc/csf. */
function csfTarball(): string {
  const etc = path.join(work, "etc");
  fs.cpSync(FIXTURE, path.join(etc, "csf"), { recursive: true });
  const out = path.join(work, "csf.tgz");
  execFileSync("tar", ["czf", out, "-C", etc, "csf"]);
  return out;
}

/** A tarball holding a symbolic link to /etc/passwd (what a hostile upload would try). */
function linkTarball(): string {
  const dir = path.join(work, "bad", "csf");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "csf.conf"), 'TCP_IN = "22"\n');
  fs.symlinkSync("/etc/passwd", path.join(dir, "csf.allow"));
  const out = path.join(work, "bad.tgz");
  execFileSync("tar", ["czf", out, "-C", path.join(work, "bad"), "csf"]);
  return out;
}

test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function fillForm(page: Page, name: string, files: string | { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.getByLabel("Server name").fill(name);
  await page.getByLabel("Operating system").selectOption({ label: "AlmaLinux" });
  await page.getByLabel("Control panel").selectOption({ label: "cPanel & WHM" });
  await page.getByLabel("Files", { exact: true }).setInputFiles(files);
}

test("a CSF folder tarball: review with findings before anything is stored, then one click creates the server", async ({ page, request }) => {
  const tarball = csfTarball();
  await page.goto("/servers/import");
  await page.getByRole("link", { name: "Import from a firewall" }).click();
  await expect(page.getByRole("heading", { name: "Import from a firewall" })).toBeVisible();
  await expect(page.getByLabel("Firewall the files come from")).toHaveValue("csf");
  await fillForm(page, "csf-imported", tarball);
  await expect(page.getByLabel("Firewall to render for")).toHaveValue("nftables");
  await page.getByRole("button", { name: "Review import" }).click();

  const heading = page.getByRole("heading", { name: "Review: csf-imported" });
  await expect(heading).toBeFocused();
  const findings = page.getByRole("list", { name: "Findings" });
  await expect(findings).toContainText("csf/csf.conf, line 137");
  await expect(findings).toContainText('LF_SPI = "1" changes what CSF lets through');
  await expect(findings).toContainText("csf.ignore lists addresses lfd never blocks; it is not a firewall rule");
  await expect(findings).toContainText("Include /etc/csf/cpanel.comodo.allow: that file was not given");
  const services = page.getByRole("table", { name: "Services" });
  await expect(services.getByRole("row", { name: /^SSH 22 TCP in and out anyone/ })).toBeVisible();
  await expect(services.getByRole("row", { name: /^cPanel SSL 2083 TCP in/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Warnings the imported profile raises/ })).toBeVisible();
  expect((await listServers(request, "csf-imported")).total).toBe(0);
  await snap(page, "90-firewall-import-review");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "90-firewall-import-review-mobile");
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Create server" }).click();
  await expect(page).toHaveURL(/\/servers\/[^/]+\/matrix$/);
  const id = /\/servers\/([^/]+)\/matrix/.exec(page.url())?.[1] ?? "";
  const matrix = new MatrixPage(page);
  await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
  await expect(matrix.box("SSH 22/tcp enabled")).toBeChecked();
  await expect(matrix.box("cPanel SSL 2083/tcp enabled")).toBeChecked();
  await expect(matrix.box("MySQL 3306/tcp enabled")).not.toBeChecked();
  expect(await serverVersion(request, id)).toBe(1);
  const { document } = await getPolicy(request, id);
  expect(document.policy.backend).toBe("nftables");
  expect(document.policy.services.ssh).toMatchObject({ enabled: true, inbound: true, access: "anyone" });
  await page.goto(`/servers/${id}/audit`);
  await expect(page.getByText("Imported csf-imported from CSF files")).toBeVisible();
});

test("Move off CSF: the review puts what CSF did beside what the new rules will do", async ({ page }) => {
  await page.goto("/servers/import/move-off-csf");
  await fillForm(page, "csf-moved", csfTarball());
  await expect(page.getByLabel("New firewall")).toHaveValue("nftables");
  await page.getByLabel("Operating system").selectOption({ label: "Ubuntu" });
  await expect(page.getByLabel("New firewall")).toHaveValue("iptables");
  await page.getByLabel("New firewall").selectOption("firewalld");
  await page.getByRole("button", { name: "Review import" }).click();

  await expect(page.getByRole("heading", { name: "CSF beside firewalld" })).toBeVisible();
  const ports = page.getByRole("table", { name: "Ports open to everyone" });
  await expect(ports.getByRole("row", { name: "in TCP 20-22 open open unfiltered unfiltered same" })).toBeVisible();
  await expect(page.getByText(/Open on every port in CSF and in the new rules \(not filtered\): .*inbound TCP IPv6/)).toBeVisible();
  // cpanel.allow (Included from csf.allow) lets cPanel's auth servers reach a few ports no one else may.
  await expect(page.getByRole("table", { name: "Ports open to one source (csf.allow)" }).getByRole("row", { name: "208.74.123.2 TCP 4,8,10,14,16,40,1020-1022 4,8,10,14,16,40,1020-1022 same" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What firewalld cannot express" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What firewalld cannot express" })).toContainText("firewalld");
  await snap(page, "91-move-off-csf-review");
  await page.getByLabel("Show only differences").check();
  await expect(ports.getByRole("row", { name: "in TCP 20-22 open open unfiltered unfiltered same" })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "91-move-off-csf-review-mobile");

  await page.getByRole("button", { name: "Back to the files" }).click();
  await expect(page.getByLabel("Server name")).toHaveValue("csf-moved");
  await expect(page.getByLabel("Server name")).toBeFocused();
  await snap(page, "91-move-off-csf-form-mobile");
});

const text = (name: string, content: string | Buffer) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });

test("bad input is refused with a clear message and nothing is stored", async ({ page, request }) => {
  const before = (await listServers(request)).total;
  await page.goto("/servers/import/firewall");
  await page.getByRole("button", { name: "Review import" }).click();
  await expect(page.locator("#files-error")).toContainText("Choose the firewall's files, or one .tar.gz of its folder.");
  await expect(page.locator("#name-error")).not.toBeEmpty();

  const cases: [string, string | ReturnType<typeof text>[], RegExp][] = [
    ["link", linkTarball(), /bad\.tgz: holds a link \(csf\/csf\.allow\); links are refused/],
    ["truncated", [text("cut.tgz", fs.readFileSync(csfTarball()).subarray(0, 200))], /cut\.tgz: (not a valid \.tar\.gz|is truncated)/],
    ["binary", [text("csf.conf", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]))], /csf\.conf: is a binary file/],
    ["duplicate", [text("csf.conf", 'TCP_IN = "22"\nTCP_IN = "80"\n')], /csf\.conf, line 2: TCP_IN is set twice \(first on line 1\); CSF refuses to start/],
  ];
  for (const [label, files, message] of cases) {
    await fillForm(page, `bad-${label}`, files);
    await page.getByRole("button", { name: "Review import" }).click();
    await expect(page.locator("#import-error")).toContainText(message);
    await expect(page.getByRole("heading", { name: /^Review:/ })).toHaveCount(0);
  }
  await snap(page, "92-firewall-import-refused");

  await page.getByLabel("Firewall the files come from").selectOption({ label: "firewalld" });
  const xxe = '<?xml version="1.0"?>\n<!DOCTYPE zone [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<zone><port protocol="tcp" port="22"/>&x;</zone>\n';
  await fillForm(page, "bad-xxe", [text("public.xml", xxe)]);
  await page.getByRole("button", { name: "Review import" }).click();
  await expect(page.locator("#import-error")).toContainText(/public\.xml, line 2: .*DOCTYPE/);
  expect((await listServers(request)).total).toBe(before);
});
