import { expect, type APIRequestContext, type Browser, type BrowserContext, type Cookie } from "@playwright/test";

/** Signs in through next-auth's credentials endpoint; returns whether it worked and the error code. */
export async function apiSignIn(request: APIRequestContext, email: string, password: string, fromAddress?: string): Promise<{ ok: boolean; error: string | null }> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true", callbackUrl: "/servers" },
    // Without a reverse proxy Next.js keeps a client's X-Forwarded-For (one entry, read as the address):
    // tests use it to act as another address.
    headers: fromAddress ? { "x-forwarded-for": fromAddress } : {},
    maxRedirects: 0,
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, "http://x").searchParams.get("error") : null;
  return { ok: res.ok() && !error, error };
}

/** A fresh browser context signed in as `email`. */
export async function signedInContext(browser: Browser, email: string, password: string): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const result = await apiSignIn(context.request, email, password);
  expect(result, `sign in as ${email}`).toMatchObject({ ok: true });
  return context;
}

/** The next-auth session cookies of a context, to hand to another. */
export async function sessionCookies(context: BrowserContext): Promise<Cookie[]> {
  return (await context.cookies()).filter((c) => c.name.includes("next-auth"));
}

/**
 * Replaces the session of `context` (a page already open as an administrator) with `cookies`
 * (none: anonymous). Submitting the open page then sends the action as that other caller,
 * exactly like a stale tab or a forged request would.
 */
export async function becomeCaller(context: BrowserContext, cookies: Cookie[]): Promise<void> {
  await context.clearCookies();
  if (cookies.length) await context.addCookies(cookies);
}
