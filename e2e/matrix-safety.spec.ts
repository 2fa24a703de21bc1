/**
 * The matrix cannot hurt you: closing ports is never silent (the save bar lists it, a role's core
 * ports raise a warning, a group toggle asks first), the arrow keys reach every box, the
 * administrator logins start admin-only, and the keyboard saves in one chord.
 */
import { expect, test } from "@playwright/test";
import { signedInContext } from "./support/auth";
import { createServerViaApi } from "./support/fixtures";
import { MatrixPage, serverVersion, snapTop } from "./support/matrix";
import { createUser, PASSWORD } from "./support/users";

test.describe.configure({ mode: "serial" });

const FROXLOR = { os: "debian", panel: "froxlor", hostname: "web.example.org", ipv4: "192.0.2.80", adminSources: "203.0.113.0/24\n2001:db8:a::/48" };
const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "safe.example.net", ipv4: "192.0.2.81" };

test("a group toggle asks before switching services off; the save bar and a warning say what closes", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "safety-web", ...FROXLOR });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  const web = page.getByLabel("Enable all Web services");
  const closing = page.getByTestId("save-closing");
  const roleWarning = matrix.warning(/^Warning: Web: HTTP 80 and HTTPS 443 are closed/);

  // The keystroke from the issue: Space on the group's box. Declining the question changes nothing.
  let asked = "";
  page.once("dialog", (dialog) => { asked = dialog.message(); void dialog.dismiss(); });
  await web.focus();
  await page.keyboard.press("Space");
  await expect.poll(() => asked).toBe("Switch off HTTP, HTTPS? Their ports close when you save.");
  await expect(matrix.box("HTTP 80/tcp enabled")).toBeChecked();
  await expect(matrix.saveState).not.toContainText("Unsaved changes");
  await expect(closing).toBeEmpty();

  page.once("dialog", (dialog) => void dialog.accept());
  await page.keyboard.press("Space");
  await expect(matrix.box("HTTP 80/tcp enabled")).not.toBeChecked();
  await expect(matrix.box("HTTPS 443/tcp enabled")).not.toBeChecked();
  await expect(closing).toHaveText("Closing: HTTP 80/tcp, HTTPS 443/tcp");
  await expect(roleWarning).toBeVisible();
  await snapTop(page, "40-matrix-closing");

  // Switching them back on does not ask, and nothing is closed any more.
  await page.keyboard.press("Space");
  await expect(matrix.box("HTTP 80/tcp enabled")).toBeChecked();
  await expect(closing).toBeEmpty();
  await expect(roleWarning).toHaveCount(0);

  // Narrowing is listed too; after saving there is nothing left to list.
  await page.getByLabel("HTTP 80/tcp allowed sources").selectOption("admins");
  await expect(closing).toHaveText("Narrowing: HTTP 80/tcp (anyone → admin sources)");
  await matrix.box("HTTPS 443/tcp inbound").uncheck();
  await expect(closing).toContainText("Closing: HTTPS 443/tcp");
  await matrix.save();
  await expect(closing).toBeEmpty();
  await expect(matrix.warning(/^Warning: Web: HTTPS 443 is closed/)).toBeVisible();
});

test("arrow keys move through the grid from every box, the group boxes included", async ({ page, request }) => {
  const id = await createServerViaApi(request, { name: "safety-keys", ...FROXLOR });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  const web = page.getByLabel("Enable all Web services");
  const mail = page.getByLabel("Enable all Mail services");
  await web.focus();
  await page.keyboard.press("ArrowDown");
  await expect(matrix.box("HTTP 80/tcp enabled")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(web).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(matrix.box("HTTPS 443/tcp enabled")).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(mail).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(mail).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(matrix.box("SMTP 25/tcp TCP")).toBeFocused();
  // Up from a tick column skips the group heading, which has the "all" box only.
  await page.keyboard.press("ArrowUp");
  await expect(matrix.box("HTTPS 443/tcp TCP")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(web).toBeFocused();
  expect(await serverVersion(request, id)).toBe(1);
});

test("with administrator sources SSH and WHM start admin-only; open to anyone is a warning", async ({ page, request }) => {
  const withAdmins = await createServerViaApi(request, { name: "safety-admins", ...CPANEL, adminSources: "203.0.113.0/24\n2001:db8:a::/48" });
  const without = await createServerViaApi(request, { name: "safety-none", ...CPANEL });
  const matrix = new MatrixPage(page);

  await matrix.open(without);
  await expect(page.getByLabel("SSH 22/tcp allowed sources")).toHaveValue("anyone");
  await expect(matrix.warning(/^Info: SSH is open to the whole internet/)).toBeVisible();

  await matrix.open(withAdmins);
  await expect(page.getByLabel("SSH 22/tcp allowed sources")).toHaveValue("admins");
  await expect(page.getByLabel("WHM SSL 2087/tcp allowed sources")).toHaveValue("admins");
  await expect(matrix.warningsPanel.getByRole("button", { name: /open to the whole internet/ })).toHaveCount(0);
  await page.getByLabel("SSH 22/tcp allowed sources").selectOption("anyone");
  await expect(matrix.warning(/^Warning: SSH is open to the whole internet/)).toBeVisible();
});

test("Ctrl+S saves, a skip link jumps to Save, and a viewer is not told that Space ticks", async ({ page, browser, request }) => {
  const id = await createServerViaApi(request, { name: "safety-save", ...CPANEL });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  await expect(page.getByText("Arrow keys move between the boxes; Space ticks; Ctrl+S saves.")).toBeVisible();

  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to Save" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeFocused();

  await matrix.box("MySQL 3306/tcp enabled").check();
  await page.keyboard.press("Control+s");
  await expect(matrix.saveState).toContainText(/Saved .* revision 2/);
  expect(await serverVersion(request, id)).toBe(2);
  // Nothing to save: the chord does nothing (and does not open the browser's "save page" either).
  await page.keyboard.press("Control+s");
  expect(await serverVersion(request, id)).toBe(2);

  const viewer = { name: "Safety Viewer", email: "safety-viewer@example.com" };
  await createUser(page, viewer, "Viewer");
  const context = await signedInContext(browser, viewer.email, PASSWORD);
  const asViewer = new MatrixPage(await context.newPage());
  await asViewer.open(id);
  await expect(asViewer.page.getByText("Read only: what this profile allows, by service.")).toBeVisible();
  await expect(asViewer.page.getByText(/Space ticks/)).toHaveCount(0);
  await expect(asViewer.page.getByRole("link", { name: "Skip to Save" })).toHaveCount(0);
  await context.close();
});
