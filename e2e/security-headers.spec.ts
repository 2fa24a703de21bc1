import { expect, test } from "@playwright/test";
import { createServerViaApi } from "./support/fixtures";

const BASELINE = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

test("every kind of response carries the security headers; pages get a nonce policy without inline script", async ({ request, page }) => {
  const html = await request.get("/servers");
  const css = (await html.text()).match(/\/_next\/static\/[^"]+\.css/)?.[0];
  expect(css).toBeTruthy();
  const anonymous = await request.get("/api/servers", { headers: { cookie: "" } });
  for (const res of [html, await request.get("/login"), await request.get("/api/servers"), await request.get(css ?? ""), await request.get("/nowhere")]) {
    const h = res.headers();
    for (const [key, value] of Object.entries(BASELINE)) expect(h[key], `${res.url()} ${key}`).toBe(value);
    expect(h["content-security-policy"], res.url()).toContain("frame-ancestors 'none'");
  }
  expect(anonymous.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const csp = html.headers()["content-security-policy"] ?? "";
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  // Every script tag of the page carries this response's nonce.
  const scripts = (await html.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  // And the app still runs under it: no violation reported while using a page.
  const violations: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto("/servers/new");
  await page.getByLabel("Name", { exact: true }).fill("csp check");
  await page.getByRole("button", { name: "Create server" }).click();
  await expect(page).toHaveURL(/\/servers\/[^/]+\?saved=1/);
  expect(violations).toEqual([]);
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ context }) => {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("cross-site writes to route handlers are refused before they run", async ({ request }) => {
  const id = await createServerViaApi(request, { name: "csrf target" });
  const attempts: { headers: Record<string, string>; what: string }[] = [
    { headers: { origin: "https://evil.example" }, what: "a foreign Origin" },
    { headers: { "sec-fetch-site": "cross-site" }, what: "Sec-Fetch-Site: cross-site" },
    { headers: { origin: "null" }, what: "an opaque Origin" },
  ];
  for (const { headers, what } of attempts) {
    const created = await request.post("/api/servers", { headers, data: { name: "csrf made", os: "debian", panel: "other" } });
    expect(created.status(), what).toBe(403);
    const saved = await request.put(`/api/servers/${id}/policy`, { headers, data: { version: 1, policy: {} } });
    expect(saved.status(), what).toBe(403);
  }
  const list = await request.get("/api/servers?q=csrf%20made");
  expect(((await list.json()) as { total: number }).total).toBe(0);
  // The same request from the app's own origin goes through to validation.
  const own = await request.put(`/api/servers/${id}/policy`, { headers: { "sec-fetch-site": "same-origin" }, data: { version: 1, policy: {} } });
  expect(own.status()).toBe(400);
});
