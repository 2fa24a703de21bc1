import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/auth/page-roles";
import { sessionClaimsOf } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { contentSecurityPolicy, HSTS_VALUE, isCrossSiteWrite, isServedOverHttps } from "@/lib/security/headers";

// The first gate only: pages, actions, routes and the data layer check the session again.
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/setup\/?$/, /^\/api\/auth(\/|$)/, /^\/api\/health\/?$/, /^\/api\/openapi\.json$/];
const IS_DEV = env.NODE_ENV === "development";
const ALLOWED_ORIGINS = env.NEXTAUTH_URL ? [new URL(env.NEXTAUTH_URL).origin] : [];

function nonceOf(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isHttps = isServedOverHttps({ publicUrl: env.NEXTAUTH_URL, forwardedProto: request.headers.get("x-forwarded-proto"), trustedHops: env.PORTCULLIS_PROXY_HOPS });
  const csp = contentSecurityPolicy(nonceOf(), { isDev: IS_DEV, isHttps });
  const withCsp = <T extends Response>(response: T): T => {
    response.headers.set("Content-Security-Policy", csp);
    if (isHttps) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
    // API answers (JSON, downloads) hold account data: no shared or browser cache keeps them.
    if (pathname.startsWith("/api/")) response.headers.set("Cache-Control", "no-store");
    return response;
  };
  const pass = () => {
    // Next.js reads the policy from the request to put the nonce on its own script tags.
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    // For the dashboard layout's role check (lib/auth/page-roles.ts); never what a client sent.
    headers.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
    return withCsp(NextResponse.next({ request: { headers } }));
  };

  // API tokens: a script, not a browser. A browser cannot attach this header cross-site without
  // a CORS preflight (which is never granted), so the origin check does not apply; the route
  // checks the token and its role (lib/auth/session.ts), and a bad token never falls back to a cookie.
  const isApi = pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
  if (isApi && /^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return pass();

  // Route handlers have no built-in origin check (server actions do): refuse cross-site writes.
  // next-auth's own endpoints carry its CSRF token.
  if (isApi && isCrossSiteWrite({
    method: request.method,
    secFetchSite: request.headers.get("sec-fetch-site"),
    origin: request.headers.get("origin"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    allowedOrigins: ALLOWED_ORIGINS,
  })) {
    return withCsp(NextResponse.json({ error: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 }));
  }

  if (PUBLIC_PATHS.some((re) => re.test(pathname))) return pass();
  // A server action answers for itself (requireRole → "Sign in to continue."): a redirect here
  // would reach the form as an unreadable response instead of that message.
  if (request.method === "POST" && request.headers.has("next-action")) return pass();

  if (await sessionClaimsOf(request.cookies.getAll())) return pass();

  if (pathname.startsWith("/api/")) {
    return withCsp(NextResponse.json({ error: "unauthorized", message: "Sign in to continue." }, { status: 401 }));
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return withCsp(NextResponse.redirect(login));
}

// Everything but Next's static assets and the files in public/ (served to anyone, with the static
// policy from next.config.ts): name each public file, so no other path escapes the gate by its ending.
export const config = {
  matcher: ["/((?!_next/static/|_next/image|(?:favicon\\.ico|robots\\.txt|icon\\.svg|logo\\.svg)$).*)"],
};
