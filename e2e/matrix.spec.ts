import { expect, test } from "@playwright/test";
import path from "node:path";
import { createServerViaApi, snap } from "./support/fixtures";
import { MatrixPage, serverVersion, snapTop } from "./support/matrix";

test.describe.configure({ mode: "serial" });

const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "fw1.example.net", ipv4: "192.0.2.10", adminSources: "203.0.113.0/24" };

test("tick and untick services, save, and reload shows the saved state", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "matrix-save", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  await expect(page.getByRole("heading", { name: "Port matrix: matrix-save" })).toBeVisible();
  await expect(matrix.saveState).toContainText("Starting choices, not saved yet");
  await expect(matrix.box("MySQL 3306/tcp enabled")).not.toBeChecked();
  await expect(matrix.box("Webmail SSL 2096/tcp enabled")).toBeChecked();

  await matrix.box("MySQL 3306/tcp enabled").check();
  await matrix.box("Webmail SSL 2096/tcp enabled").uncheck();
  await expect(matrix.saveState).toContainText("Unsaved changes");
  // Undoing an edit is not a change.
  await matrix.box("Webmail SSL 2096/tcp enabled").check();
  await matrix.box("MySQL 3306/tcp enabled").uncheck();
  await expect(matrix.saveState).not.toContainText("Unsaved changes");
  await matrix.box("MySQL 3306/tcp enabled").check();
  await matrix.box("Webmail SSL 2096/tcp enabled").uncheck();
  await expect(matrix.warning(/MySQL \(3306\) is open/)).toBeVisible();
  await snap(page, "30-matrix");
  await snapTop(page, "30-matrix-top");

  await matrix.save();
  expect(await serverVersion(request, id)).toBe(2);
  await page.reload();
  await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
  await expect(matrix.saveState).toContainText("revision 2");
  await expect(matrix.box("MySQL 3306/tcp enabled")).toBeChecked();
  await expect(matrix.box("Webmail SSL 2096/tcp enabled")).not.toBeChecked();
  await expect(matrix.box("SSH 22/tcp enabled")).toBeChecked();
});

test("FTP 21 inbound raises a plaintext warning live, before saving, and unticking removes it", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "matrix-live", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  const plaintext = matrix.warning(/^Warning: FTP sends passwords and data unencrypted/);
  await expect(plaintext).toHaveCount(0);

  // FTP starts off with inbound ticked: switching it on opens 21 inbound.
  await matrix.box("FTP 21/tcp enabled").check();
  await expect(plaintext).toBeVisible();
  await expect(page.getByText("Plaintext · use SFTP (SSH 22)")).toBeVisible();
  await matrix.box("FTP 21/tcp inbound").uncheck();
  await expect(plaintext).toHaveCount(0);
  await matrix.box("FTP 21/tcp inbound").check();
  await expect(plaintext).toBeVisible();

  // The finding explains itself and leads to its row.
  await plaintext.click();
  const details = matrix.warningsPanel.locator('[data-warning-id="plaintext:ftp"]');
  await expect(details.getByText("What to do:")).toBeVisible();
  await details.getByRole("link", { name: "FTP", exact: true }).click();
  await expect(page).toHaveURL(/#svc-ftp$/);
  await expect(matrix.box("FTP 21/tcp enabled")).toBeFocused();
  await matrix.warningsPanel.screenshot({ path: path.join("test-results", "screens", "31-matrix-warnings-panel.png") });

  // A tick updates the warnings live, before any save (how fast is measured by the bench's
  // browser part: "matrix: tick → warnings panel updated").
  await matrix.box("FTP 21/tcp enabled").uncheck();
  await expect(plaintext).toHaveCount(0);
  await matrix.box("FTP 21/tcp enabled").check();
  await expect(plaintext).toHaveCount(1);

  // Nothing of this was saved.
  expect(await serverVersion(request, id)).toBe(1);
});

test("bad addresses and ports are marked inline with the reason and never saved", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "matrix-invalid", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);

  await page.getByLabel("SSH 22/tcp allowed sources").selectOption("list");
  const sources = page.getByLabel("SSH 22/tcp: addresses allowed to connect");
  await sources.fill("203.0.113.0/24\n203.0.113.7/24");
  await expect(page.locator("#service-ssh-sources-error")).toHaveText('Line 2: "203.0.113.7/24" has host bits set; the network is 203.0.113.0/24.');
  await expect(sources).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Add custom rule" }).click();
  await page.getByLabel("Custom rule 1 Port or range").fill("70000");
  await expect(page.getByText("Ports run from 1 to 65535.")).toBeVisible();

  await page.locator("#blocked-list").fill("198.51.100.66 # Abuse\nnot-an-address");
  await page.locator("#blocked-list").blur();
  await expect(page.locator("#blocked-error")).toContainText('Line 2: "not-an-address" is not a valid IPv4 or IPv6 address.');
  await expect(matrix.saveState).toContainText("3 problems to fix before saving");
  await snap(page, "32-matrix-invalid");

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
  await expect(sources).toBeFocused();
  expect(await serverVersion(request, id)).toBe(1);

  // Fixed fields save.
  await sources.fill("203.0.113.0/24");
  await page.getByLabel("Custom rule 1 Port or range").fill("9100");
  await page.locator("#blocked-list").fill("198.51.100.66 # Abuse");
  await page.locator("#blocked-list").blur();
  await matrix.save();
  await page.reload();
  await expect(page.getByLabel("SSH 22/tcp: addresses allowed to connect")).toHaveValue("203.0.113.0/24");
  await expect(page.locator("#blocked-list")).toHaveValue("198.51.100.66 # Abuse");
});

test("the matrix works with the keyboard and asks before leaving with unsaved changes", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "matrix-keys", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  await matrix.box("SMTP 25/tcp enabled").focus();
  await page.keyboard.press("ArrowDown");
  await expect(matrix.box("SMTP (port 26) 26/tcp enabled")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(matrix.box("SMTP 25/tcp inbound")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(matrix.box("SMTP 25/tcp inbound")).not.toBeChecked();
  await expect(matrix.saveState).toContainText("Unsaved changes");

  // The filter narrows the rows.
  await page.getByRole("searchbox", { name: "Filter services" }).fill("imap");
  await expect(matrix.box("IMAP 143/tcp enabled")).toBeVisible();
  await expect(matrix.box("SSH 22/tcp enabled")).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Filter services" }).fill("");

  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Server sections" }).getByRole("link", { name: "Details" }).click();
  expect(asked).toContain("unsaved changes");
  await expect(page).toHaveURL(new RegExp(`/servers/${id}/matrix`));
});

test("a rate limit says how the chosen backend enforces it; the sources menu and a saved passive range show in full", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "matrix-notes", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);

  // The sources menu is as wide as its longest choice needs ("Admin sources", not "Admin sourc").
  const access = page.getByLabel("SSH 22/tcp allowed sources", { exact: true });
  await expect(access).toHaveValue("admins");
  const widths = await access.evaluate((select: HTMLSelectElement) => {
    const probe = select.cloneNode(true) as HTMLSelectElement;
    Object.assign(probe.style, { width: "auto", position: "absolute", visibility: "hidden" });
    select.parentElement?.append(probe);
    const natural = probe.getBoundingClientRect().width;
    probe.remove();
    return { natural, actual: select.getBoundingClientRect().width };
  });
  expect(widths.actual).toBeGreaterThanOrEqual(widths.natural);

  // The backend's translation of the limit sits at the limit and follows the backend menu.
  const backend = page.getByLabel("Firewall backend");
  await backend.selectOption("csf");
  const rows = page.locator("#rate-limits li[id^='rate-']");
  const n = (await rows.count()) + 1;
  await page.getByRole("button", { name: "Add rate limit" }).click();
  await expect(rows).toHaveCount(n);
  const field = (name: string) => page.getByLabel(`Rate limit ${n} ${name}`, { exact: true });
  await field("Port or range").fill("2525");
  await field("New connections").fill("30");
  await field("Per seconds").fill("60");
  const note = rows.nth(n - 1).getByRole("list", { name: "How the backend enforces it" });
  await expect(note).toContainText("CSF: enforced as at most 19 new connections per 60 s (not 30");
  await expect(note.getByRole("listitem").first()).toHaveAttribute("data-exact", "false");
  await field("Max concurrent").fill("5");
  await field("Protocol").selectOption("udp");
  await expect(note).toContainText("CSF: cannot enforce at most 5 concurrent UDP connections: CONNLIMIT counts TCP only");
  await backend.selectOption("nftables");
  await expect(note).toContainText("nftables: enforced by nft dynamic sets (IPv6 per /64) as 30 new connections per 60 s per source (token bucket 30/minute, burst 30)");
  await expect(note).not.toContainText("19");
  await backend.selectOption("ufw");
  await expect(note).toContainText("UFW: enforced by iptables rules in before.rules, not `ufw limit` (fixed at 6 per 30 s)");
  await snap(page, "33-matrix-rate-limit-note");

  // A saved custom passive range is what the row's badge and names show, after a reload too.
  const passive = page.locator("#svc-ftp-passive");
  await expect(passive.getByText("49152-65534", { exact: true })).toBeVisible();
  await passive.getByLabel("Port range").fill("30000-35000");
  await matrix.save();
  await expect(passive.getByText("30000-35000", { exact: true })).toBeVisible();
  await page.reload();
  await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
  await expect(passive.getByText("30000-35000", { exact: true })).toBeVisible();
  await expect(passive.getByText("49152-65534", { exact: true })).toHaveCount(0);
  await expect(matrix.box("FTP passive range 30000-35000/tcp enabled")).toBeVisible();
});
