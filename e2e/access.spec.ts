import { expect, test } from "@playwright/test";
import { sessionCookies } from "./support/auth";
import { ADMIN } from "./support/fixtures";

test.describe("anonymous visitors", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("pages redirect to /login with the page to return to", async ({ page }) => {
    await page.goto("/servers/new");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fservers%2Fnew$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/servers\/new$/);
  });

  test("API routes answer 401 JSON", async ({ request }) => {
    for (const url of ["/api/servers", "/api/servers/anything"]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(401);
      expect(await res.json()).toMatchObject({ error: "unauthorized" });
    }
    const res = await request.post("/api/servers", { data: { name: "sneaky", os: "debian", panel: "other" } });
    expect(res.status()).toBe(401);
  });

  test("setup is unavailable once an administrator exists", async ({ page }) => {
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);
  });
});

test("signing out ends the session on the server: a copy of its cookie no longer works", async ({ browser }) => {
  // A separate sign-in, so signing out does not end the session the other tests share.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/servers$/);
  const copied = await sessionCookies(context);
  expect(copied.length).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/servers");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fservers$/);
  await context.close();

  // Someone who copied the cookie before the sign-out gets nothing with it.
  const thief = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await thief.addCookies(copied);
  expect((await thief.request.get("/api/servers")).status()).toBe(401);
  const stolen = await thief.newPage();
  await stolen.goto("/servers");
  await expect(stolen).toHaveURL(/\/login/);
  await expect(stolen.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await thief.close();
});
