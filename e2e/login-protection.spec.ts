import { expect, test } from "@playwright/test";
import { apiSignIn } from "./support/auth";
import { snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const LOCKED = { name: "Lou Locked", email: "lou@example.com", password: "Lockable-Pass-9" };
const GHOST = "ghost@example.com";
const LOCKOUT = /^Too many attempts; try again in 1[45] minutes\.$/;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
  await page.goto("/users/new");
  await page.getByLabel("Name").fill(LOCKED.name);
  await page.getByLabel("Email").fill(LOCKED.email);
  await page.getByLabel("Initial password").fill(LOCKED.password);
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/created=/);
  await page.close();
});

test.use({ storageState: { cookies: [], origins: [] } });

// How long each answer takes (the slowdown, and that a missing account costs the same hash
// comparison as an existing one) is shown by the unit tests of the throttle policy and the
// credentials check; timings are never asserted here.
test("an existing and a missing account fail alike: the same answers, then the same lockout", async ({ request }) => {
  test.setTimeout(90_000);
  for (let i = 1; i <= 5; i++) {
    for (const [who, email, address] of [["existing", LOCKED.email, "198.51.100.1"], ["missing", GHOST, "198.51.100.2"]] as const) {
      expect(await apiSignIn(request, email, `Wrong-Password-${i}`, address), `${who} attempt ${i}`).toEqual({ ok: false, error: "CredentialsSignin" });
    }
  }

  // Locked: even the right password is refused, with the same message for a missing account.
  const locked = await apiSignIn(request, LOCKED.email, LOCKED.password, "198.51.100.1");
  expect(locked.ok).toBe(false);
  expect(locked.error).toMatch(LOCKOUT);
  expect((await apiSignIn(request, GHOST, LOCKED.password, "198.51.100.2")).error).toMatch(LOCKOUT);
  // Only that address is locked out of the account: the owner, elsewhere, still signs in.
  expect(await apiSignIn(request, LOCKED.email, LOCKED.password, "198.51.100.3")).toEqual({ ok: true, error: null });
});

test("the sign-in form shows the lockout message", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.1" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(LOCKED.email);
  await page.getByLabel("Password").fill(LOCKED.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: LOCKOUT })).toBeVisible();
  await snap(page, "65-login-locked");
});

test("an administrator sees the lock on the Users page and lifts it; the lifting is audited", async ({ browser, request }) => {
  const admin = await browser.newPage({ storageState: "test-results/.auth/admin.json" });
  await admin.goto("/users");
  const row = admin.getByTestId(`user-${LOCKED.email}`);
  await expect(row.getByText(/^Locked$/)).toBeVisible();
  await expect(row).toContainText(/for 1 address until \d\d:\d\d UTC/);
  await snap(admin, "66-users-locked");
  await row.getByRole("button", { name: `Unlock ${LOCKED.name}` }).click();
  await expect(row.getByText(/^Locked$/)).toHaveCount(0);
  expect(await apiSignIn(request, LOCKED.email, LOCKED.password, "198.51.100.1")).toEqual({ ok: true, error: null });
  await admin.goto("/audit");
  await expect(admin.getByText(`Lifted the sign-in lock on ${LOCKED.email}`)).toBeVisible();
  await admin.close();
});

test("200 parallel wrong attempts on one account from one address: exactly the limit are checked; the right password among them is refused", async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  const request = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = async (password: string) => {
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: LOCKED.email, password, json: "true", callbackUrl: "/servers" },
      headers: { "x-forwarded-for": "198.51.100.77" },
      maxRedirects: 0,
    });
    const { url } = (await res.json()) as { url: string };
    return new URL(url, "http://x").searchParams.get("error") ?? "signed in";
  };
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => attempt(i === 39 ? LOCKED.password : `Wrong-Password-${i}`)));
  expect(answers.filter((a) => a === "CredentialsSignin")).toHaveLength(5);
  expect(answers.filter((a) => LOCKOUT.test(a))).toHaveLength(195);
  expect(answers[39]).toMatch(LOCKOUT);
  await request.dispose();
});

test("one address failing on many accounts is refused for every account, including a correct one", async ({ request }) => {
  test.setTimeout(90_000);
  const address = "198.51.100.9";
  for (let i = 0; i < 20; i++) {
    expect((await apiSignIn(request, `guess${i}@example.com`, "Wrong-Password-1", address)).error).toBe("CredentialsSignin");
  }
  expect((await apiSignIn(request, "ada@example.com", "Correct-Horse-42", address)).error).toMatch(LOCKOUT);
  // Another address is unaffected.
  expect((await apiSignIn(request, "ada@example.com", "Correct-Horse-42", "198.51.100.10")).ok).toBe(true);
});
