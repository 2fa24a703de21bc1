import { expect, test, type Page } from "@playwright/test";
import { ADMIN } from "./support/fixtures";

// Each is the query value as a link would carry it: a tab, a protocol-relative path, a backslash,
// the tab percent-encoded together with the slashes, and a bare newline.
const PAYLOADS = ["/%09/evil.example", "//evil.example", "/%5C%5Cevil.example", "%2F%09%2Fevil.example", "%0A", "%0D", "/..//evil.example"];

async function expectHome(page: Page, baseURL: string | undefined) {
  await expect(page).toHaveURL(/\/servers$/, { timeout: 30_000 });
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
}

test.describe("an anonymous visitor signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const payload of PAYLOADS) {
    test(`callbackUrl=${payload} lands on this site`, async ({ page, baseURL }) => {
      const res = await page.goto(`/login?callbackUrl=${payload}`);
      expect(res?.status()).toBe(200);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expectHome(page, baseURL);
    });
  }

  test("a same-site callbackUrl is still followed", async ({ page }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/audit?page=1")}`);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/audit\?page=1$/, { timeout: 30_000 });
  });
});

test.describe("a signed-in visitor opening the sign-in page", () => {
  for (const payload of PAYLOADS) {
    test(`callbackUrl=${payload} redirects on this site, never 500`, async ({ page, request, baseURL }) => {
      const res = await request.get(`/login?callbackUrl=${payload}`, { maxRedirects: 0 });
      expect(res.status()).toBe(307);
      expect(res.headers()["location"]).toBe("/servers");
      await page.goto(`/login?callbackUrl=${payload}`);
      await expectHome(page, baseURL);
    });
  }
});
