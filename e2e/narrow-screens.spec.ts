/**
 * Phone-sized screens (390×844, an iPhone 14): the navigation folds into a header menu, the matrix
 * shows one card per service with the same controls, and no dashboard page scrolls sideways.
 * On the desktop the matrix's column headings stay under the sticky save bar.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import path from "node:path";
import { createServerViaApi } from "./support/fixtures";
import { MatrixPage, serverVersion } from "./support/matrix";
import { changePolicy } from "./support/policy";
import { createUser } from "./support/users";

const PHONE = { width: 390, height: 844 };
const SERVER = { os: "almalinux", panel: "cpanel", hostname: "phone.example.net", ipv4: "192.0.2.70", adminSources: "203.0.113.0/24" };

/** A named screenshot of the viewport (or the whole page) for a human to look at. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join("test-results", "screens", `narrow-${name}.png`), fullPage });
}

/** How far the page scrolls sideways, and the elements that stick out past the viewport's right edge. */
async function overflow(page: Page): Promise<{ extra: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    // Wide content inside its own scrolling box (a table, a code listing) does not move the page.
    const isClipped = (e: Element) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const culprits = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !isClipped(e))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}.${[...e.classList].slice(0, 4).join(".")}`);
    return { extra: root.scrollWidth - root.clientWidth, culprits };
  });
}

test.describe("at 390×844", () => {
  test.use({ viewport: PHONE });
  let serverId = "";
  let userId = "";

  test.beforeAll(async ({ browser }, info) => {
    const context = await browser.newContext({ storageState: "test-results/.auth/admin.json" });
    serverId = await createServerViaApi(context.request, { ...SERVER, name: `Phone Box ${info.workerIndex}` });
    // A saved revision with warnings and a block, so the revisions, review and audit pages have content.
    await changePolicy(context.request, serverId, (p) => {
      Object.assign(p.services.ftp ?? {}, { enabled: true, inbound: true });
      p.blocked.push({ address: "198.51.100.99", comment: "scanner" });
    });
    userId = await createUser(await context.newPage(), { name: "Phone Viewer", email: `phone-${info.workerIndex}@example.com` }, "Viewer");
    await context.close();
  });

  test("the navigation is a header menu: opened by keyboard, Escape closes it, a link navigates and closes it", async ({ page }) => {
    await page.goto("/servers");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // The skip link comes first, then the menu button.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("link", { name: "Servers" })).toBeFocused();
    await shot(page, "menu-open");

    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();

    await page.keyboard.press("Space");
    await expect(nav).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Templates" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "API tokens" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account\/tokens$/);
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // A link to the page already shown closes the menu too.
    await menu.click();
    await nav.getByRole("link", { name: "API tokens" }).click();
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });

  test("the matrix shows one card per service with labelled ticks; a tick and Save work there", async ({ page, request }) => {
    const id = await createServerViaApi(request, { ...SERVER, name: `Phone Matrix ${test.info().workerIndex}` });
    const matrix = new MatrixPage(page);
    await matrix.open(id);
    await expect(page.getByTestId("matrix-head")).toBeHidden();
    const card = page.locator("#svc-mysql");
    const box = await card.boundingBox();
    expect(box, "the MySQL card").not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    // Each tick says in view what it is (the table's column headings are not shown on cards).
    for (const word of ["enabled", "TCP", "UDP", "inbound", "outbound", "localhost only"]) {
      await expect(card.getByText(word, { exact: true })).toBeVisible();
    }
    await expect(page.getByLabel("MySQL 3306/tcp allowed sources", { exact: true })).toBeVisible();
    expect((await overflow(page)).extra).toBeLessThanOrEqual(0);

    await matrix.box("MySQL 3306/tcp enabled").check();
    await expect(matrix.saveState).toContainText("Unsaved changes");
    await card.scrollIntoViewIfNeeded();
    await shot(page, "matrix-card");
    await matrix.save();
    expect(await serverVersion(request, id)).toBe(2);
    await page.reload();
    await expect(matrix.saveState).toHaveAttribute("data-ready", "true");
    await expect(matrix.box("MySQL 3306/tcp enabled")).toBeChecked();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, "matrix-top");
    await shot(page, "matrix-full", true);
  });

  const PAGES = [
    "/servers", "/servers/new", "/servers/import", "/servers/import/firewall", "/servers/import/move-off-csf",
    "/servers/:server", "/servers/:server/edit", "/servers/:server/matrix", "/servers/:server/review",
    "/servers/:server/revisions", "/servers/:server/audit", "/servers/:server/delete",
    "/users", "/users/new", "/users/:user/password", "/audit", "/account/tokens", "/servers/bulk?id=:server",
  ];
  for (const pagePath of PAGES) {
    test(`${pagePath} does not scroll sideways`, async ({ page }) => {
      await page.goto(pagePath.replace(":server", serverId).replace(":user", userId));
      await page.waitForLoadState("networkidle");
      expect(await overflow(page), pagePath).toEqual({ extra: 0, culprits: [] });
      await shot(page, pagePath.replace(/^\//, "").replace(":server", "server").replace(/[/:?=]/g, "-"), true);
    });
  }

  for (const pagePath of ["/servers/:server/matrix", "/servers/:server/review"]) {
    test(`${pagePath} has no accessibility violation on a phone`, async ({ page }) => {
      test.slow(); // axe-core on the whole matrix takes a while on a busy machine
      await page.goto(pagePath.replace(":server", serverId));
      await page.waitForLoadState("networkidle");
      const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 10).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
    });
  }
});

test("on the desktop the matrix's column headings stay under the save bar while the table scrolls", async ({ page, request }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const id = await createServerViaApi(request, { ...SERVER, name: `Sticky Head ${test.info().workerIndex}` });
  const matrix = new MatrixPage(page);
  await matrix.open(id);
  const head = page.getByTestId("matrix-head").getByRole("columnheader", { name: "Service" });
  const bar = page.getByTestId("save-state").locator("xpath=ancestor::div[contains(@class,'sticky')][1]");
  await expect(head).toBeVisible();
  // Mid-table: a row far below the headings' first place.
  await page.locator("#svc-mysql").scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  const firstRow = page.locator("tr[id^='svc-']").first();
  await expect.poll(async () => (await firstRow.boundingBox())?.y ?? 0, { message: "scrolled past the first rows" }).toBeLessThan(0);
  const barBox = (await bar.boundingBox())!;
  const headBox = (await head.boundingBox())!;
  expect(barBox.y).toBeGreaterThanOrEqual(0);
  expect(Math.abs(headBox.y - (barBox.y + barBox.height))).toBeLessThanOrEqual(1);
  await expect(page.getByRole("columnheader", { name: "In", exact: true })).toBeInViewport();
  await page.screenshot({ path: path.join("test-results", "screens", "desktop-matrix-sticky-head.png") });
});
