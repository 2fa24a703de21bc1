/**
 * API tokens end to end: created in the dashboard (secret shown once), used by a script with
 * `Authorization: Bearer`, limited by scope, refused once revoked, named in the audit, exempt from
 * the cross-site check (a script has no origin) but never from the role check.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const SERVER = { os: "debian", panel: "froxlor", hostname: "tok.example.com", ipv4: "192.0.2.77" };
const secrets: Record<string, string> = {};

async function createToken(page: Page, name: string, scope: "Read" | "Read and write"): Promise<string> {
  await page.goto("/account/tokens");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Scope").selectOption({ label: scope });
  await page.getByLabel("Expires after").selectOption({ label: "7 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByLabel("New token secret");
  await expect(secret).toHaveText(/^pct_[A-Za-z0-9_-]{43}$/);
  return (await secret.textContent()) ?? "";
}

/** A script: no cookies, only the token. */
async function script(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, baseURL: string | undefined, secret: string | null, extra: Record<string, string> = {}) {
  return playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...extra } });
}

test("a token is created in the dashboard and its secret is shown only once", async ({ page }) => {
  await page.goto("/account/tokens");
  await expect(page.getByRole("heading", { name: "No API tokens yet" })).toBeVisible();
  secrets.read = await createToken(page, "ci-read", "Read");
  await snap(page, "70-api-token-created");
  await page.reload();
  await expect(page.getByLabel("New token secret")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /ci-read/ })).toContainText("Active");
  await expect(page.getByRole("row", { name: /ci-read/ })).toContainText(secrets.read.slice(0, 10));
  await expect(page.getByText(secrets.read)).toHaveCount(0);
  secrets.write = await createToken(page, "ci-write", "Read and write");
});

test("a read token reads and is refused changes; no token or a malformed one gets 401", async ({ playwright, baseURL }) => {
  const reader = await script(playwright, baseURL, secrets.read!);
  expect((await reader.get("/api/servers")).status()).toBe(200);
  const refused = await reader.post("/api/servers", { data: { name: "tok-read", ...SERVER } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).message).toMatch(/scope/);
  const anonymous = await script(playwright, baseURL, null);
  expect((await anonymous.get("/api/servers")).status()).toBe(401);
  const malformed = await script(playwright, baseURL, "pct_short");
  expect((await malformed.get("/api/servers")).status()).toBe(401);
});

test("a bad token never falls back to the browser's session", async ({ request }) => {
  const res = await request.get("/api/servers", { headers: { authorization: "Bearer pct_not-a-real-token" } });
  expect(res.status()).toBe(401);
  expect((await request.get("/api/servers")).status()).toBe(200);
});

test("a write token creates a server, even with a foreign Origin, and the audit names the token", async ({ playwright, baseURL, page }) => {
  const writer = await script(playwright, baseURL, secrets.write!, { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" });
  const created = await writer.post("/api/servers", { data: { name: "tok-write", ...SERVER } });
  expect(created.status(), await created.text()).toBe(201);
  // The same cross-site write with the browser's session is still refused.
  const browserLike = await page.request.post("/api/servers", { data: { name: "tok-cookie", ...SERVER }, headers: { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" } });
  expect(browserLike.status()).toBe(403);
  await page.goto("/audit");
  await expect(page.getByText(`${ADMIN.name} (API token "ci-write")`).first()).toBeVisible();
});

test("revoking a token stops it at once; the list keeps it as revoked with its last use", async ({ page, playwright, baseURL }) => {
  await page.goto("/account/tokens");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Revoke ci-write" }).click();
  await expect(page.getByRole("row", { name: /ci-write/ })).toContainText("Revoked");
  await expect(page.getByRole("row", { name: /ci-write/ })).not.toContainText("Never");
  const writer = await script(playwright, baseURL, secrets.write!);
  const res = await writer.get("/api/servers");
  expect(res.status()).toBe(401);
  expect((await res.json()).message).toMatch(/revoked/);
  await snap(page, "71-api-tokens");
});

test("the OpenAPI description is served to anyone and lists the token scheme", async ({ playwright, baseURL }) => {
  const anonymous = await script(playwright, baseURL, null);
  const res = await anonymous.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.components.securitySchemes.bearer.scheme).toBe("bearer");
  expect(doc.paths["/api/servers"].post.requestBody).toBeTruthy();
});
