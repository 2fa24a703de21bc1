import { expect, type Page } from "@playwright/test";

export const PASSWORD = "Plenty-Strong-77";

/** Fills and submits the new-user form as the signed-in administrator (the result is left to the caller). */
export async function createUserViaForm(page: Page, user: { name: string; email: string }, role: string, password = PASSWORD): Promise<void> {
  await page.goto("/users/new");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByLabel("Initial password").fill(password);
  await page.getByRole("button", { name: "Create user" }).click();
}

/** Creates a user and returns its id. */
export async function createUser(page: Page, user: { name: string; email: string }, role: string, password = PASSWORD): Promise<string> {
  await createUserViaForm(page, user, role, password);
  await expect(page).toHaveURL(/\/users\?created=/);
  const href = await page.getByTestId(`user-${user.email}`).getByRole("link").first().getAttribute("href");
  return href?.match(/\/users\/([^/]+)/)?.[1] ?? "";
}
