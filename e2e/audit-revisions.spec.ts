import { expect, test } from "@playwright/test";
import { createServerViaApi, snap } from "./support/fixtures";
import { changePolicy, getPolicy } from "./support/policy";

test.describe.configure({ mode: "serial" });

const CPANEL = { os: "almalinux", panel: "cpanel", hostname: "history.example.com", ipv4: "192.0.2.50", adminSources: "203.0.113.0/24" };
let id = "";

test("every save keeps a revision; any two compare as opened/closed ports and blocks; restoring is a new save", async ({ page, request }) => {
  test.setTimeout(60_000);
  id = await createServerViaApi(request, { name: "History Box", ...CPANEL });
  expect(await changePolicy(request, id, (p) => {
    const mysql = p.services.mysql;
    if (mysql) Object.assign(mysql, { enabled: true, tcp: true, inbound: true, localhostOnly: false, access: "anyone" });
    p.blocked.push({ address: "198.51.100.7", comment: "scanner" });
  })).toBe(2);
  await page.goto(`/servers/${id}/edit`);
  await page.getByLabel("Notes", { exact: true }).fill("Moved to rack 4");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/saved=1/);

  await page.goto(`/servers/${id}/revisions?a=1&b=2`);
  for (const v of [1, 2, 3]) await expect(page.getByTestId(`revision-${v}`)).toBeVisible();
  const diff = page.getByRole("region", { name: "Changes from revision 1 to 2" });
  await expect(diff).toContainText("MySQL enabled");
  await expect(diff).toContainText("Opened 3306/tcp (MySQL, from anyone)");
  await expect(diff).toContainText("Blocked 198.51.100.7");
  // Coloured by exposure, and labelled in words: opening MySQL to anyone is riskier, a block is safer.
  const entry = (region: typeof diff, text: string) => region.getByRole("listitem").filter({ hasText: text });
  await expect(entry(diff, "Opened 3306/tcp")).toHaveAttribute("data-risk", "riskier");
  await expect(entry(diff, "Opened 3306/tcp")).toContainText("Riskier");
  await expect(entry(diff, "Blocked 198.51.100.7")).toContainText("Safer");
  await expect(entry(diff, "Blocked 198.51.100.7")).toHaveClass(/text-emerald-800/);
  await snap(page, "70-revisions-compare");

  // Restoring first shows what it will change (current → restored); Cancel changes nothing.
  await page.getByTestId("revision-1").getByRole("link", { name: "Restore revision 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore revision 1?" });
  const planned = dialog.getByRole("region", { name: "Changes restoring revision 1 makes" });
  await expect(entry(planned, "Closed 3306/tcp (MySQL, from anyone)")).toContainText("Safer");
  await expect(entry(planned, "Unblocked 198.51.100.7")).toContainText("Riskier");
  await expect(entry(planned, "Unblocked 198.51.100.7")).toHaveAttribute("data-risk", "riskier");
  await snap(page, "70b-restore-confirm");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(/restore=/);
  expect((await getPolicy(request, id)).version).toBe(3);
  await expect(page.getByTestId("revision-4")).toHaveCount(0);

  await page.getByTestId("revision-1").getByRole("link", { name: "Restore revision 1" }).click();
  await page.getByRole("dialog", { name: "Restore revision 1?" }).getByRole("button", { name: "Restore revision 1" }).click();
  await expect(page.getByText("Restored as revision 4.")).toBeVisible();
  await page.goto(`/servers/${id}/revisions?a=3&b=4`);
  const back = page.getByRole("region", { name: "Changes from revision 3 to 4" });
  await expect(back).toContainText("Closed 3306/tcp (MySQL, from anyone)");
  await expect(back).toContainText("Unblocked 198.51.100.7");
  await expect(back).toContainText("Server notes changed");
  const now = await getPolicy(request, id);
  expect(now.version).toBe(4);
  expect(now.document.policy.blocked).toEqual([]);
  expect(now.document.server.notes).toBe("");
});

test("the server's audit tab and the overall audit log record who did what, filterable", async ({ page, request }) => {
  expect((await request.get(`/api/servers/${id}/bundle`)).status()).toBe(200);
  await page.goto(`/servers/${id}/audit`);
  const table = page.getByRole("table");
  for (const text of ["Server created", "Matrix saved", "Server edited", "Revision restored", "Bundle downloaded"]) {
    await expect(table.getByText(text, { exact: true })).toBeVisible();
  }
  await expect(table).toContainText("Opened 3306/tcp (MySQL, from anyone)");
  await expect(table).toContainText("Ada Admin");
  await snap(page, "71-server-audit");

  await page.goto("/audit");
  await expect(page.getByRole("table").getByText("Signed in", { exact: true }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption({ label: "Matrix saved" });
  await page.getByLabel("Server").selectOption({ label: "History Box" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=matrix.save/);
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Saved the matrix of History Box (revision 2)");
  await snap(page, "72-audit-filtered");
  await page.goto("/audit?from=2000-01-01&to=2000-01-02");
  await expect(page.getByText("No events match.")).toBeVisible();
});
