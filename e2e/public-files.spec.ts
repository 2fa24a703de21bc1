import { expect, test } from "@playwright/test";

// An anonymous visitor: the files in public/ are served without a session, everything else is not.
test.use({ storageState: { cookies: [], origins: [] } });

const FILES = [
  { path: "/robots.txt", type: "text/plain" },
  { path: "/favicon.ico", type: "image/" },
  { path: "/icon.svg", type: "image/svg+xml" },
  { path: "/logo.svg", type: "image/svg+xml" },
] as const;

for (const { path, type } of FILES) {
  test(`${path} is served to an anonymous visitor, under the static policy`, async ({ request }) => {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain(type);
    expect(res.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await res.body()).byteLength).toBeGreaterThan(0);
  });
}

test("robots.txt disallows all crawling", async ({ request }) => {
  const text = await (await request.get("/robots.txt")).text();
  expect(text).toMatch(/^User-agent: \*$/m);
  expect(text).toMatch(/^Disallow: \/$/m);
});

test("a path that only ends like a public file is still behind the sign-in", async ({ request }) => {
  const res = await request.get("/servers/logo.svg", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toContain("/login");
});

test("the login page shows the logo and names the icon", async ({ page }) => {
  await page.goto("/login");
  const logo = page.locator('header img[src="/logo.svg"]');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
});
