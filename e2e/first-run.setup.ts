import { expect, test as setup } from "@playwright/test";
import { ADMIN, snap, STORAGE_STATE } from "./support/fixtures";

setup("first run: every page leads to setup, which creates the administrator, then sign in", async ({ page, context }) => {
  // A second setup form, opened while setup is still open, is submitted after the first one below.
  const late = await context.newPage();
  await late.goto("/setup");

  await page.goto("/servers");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Portcullis" })).toBeVisible();
  await snap(page, "01-setup");

  // A weak password and a mismatch are refused, and the name/email typed are kept.
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.locator("#password-error")).toContainText("at least 12 characters");
  await expect(page.locator("#confirmPassword-error")).toContainText("do not match");
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await snap(page, "02-setup-errors");

  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page).toHaveURL(/\/login\?setup=done/);
  await expect(page.getByText("Administrator account created")).toBeVisible();

  // Setup is gone once an administrator exists: the page redirects and a stale form is refused.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
  await late.getByLabel("Your name").fill("Mallory");
  await late.getByLabel("Email").fill("mallory@example.com");
  await late.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await late.getByLabel("Confirm password").fill(ADMIN.password);
  await late.getByRole("button", { name: "Create administrator" }).click();
  await expect(late.getByRole("alert").filter({ hasText: "Setup is already complete" })).toBeVisible();
  await late.close();

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("Wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not correct" })).toBeVisible();
  await snap(page, "03-login-error");

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/servers$/);
  await expect(page.getByRole("heading", { name: "No servers yet" })).toBeVisible();
  await expect(page.getByLabel("Signed in user")).toContainText(ADMIN.name);
  await expect(page.getByLabel("Signed in user")).toContainText("Administrator");
  await snap(page, "04-servers-empty");

  await page.context().storageState({ path: STORAGE_STATE });
});
