import { NextResponse, type NextRequest } from "next/server";
import { sessionClaimsOf } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env";
import { contentSecurityPolicy, isCrossSiteWrite } from "@/lib/security/headers";

// The first gate only: pages, actions, routes and the data layer check the session again.
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/setup\/?$/, /^\/api\/auth(\/|$)/, /^\/api\/health\/?$/];
const IS_DEV = env.NODE_ENV === "development";
const ALLOWED_ORIGINS = env.NEXTAUTH_URL ? [new URL(env.NEXTAUTH_URL).origin] : [];

function nonceOf(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const csp = contentSecurityPolicy(nonceOf(), { isDev: IS_DEV, isHttps: request.nextUrl.protocol === "https:" || !!env.NEXTAUTH_URL?.startsWith("https://") });
  const withCsp = <T extends Response>(response: T): T => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };
  const pass = () => {
    // Next.js reads the policy from the request to put the nonce on its own script tags.
    const headers = new Headers(request.headers);
    headers.set("Content-Security-Policy", csp);
    return withCsp(NextResponse.next({ request: { headers } }));
  };

  // Route handlers have no built-in origin check (server actions do): refuse cross-site writes.
  // next-auth's own endpoints carry its CSRF token.
  if (pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/") && isCrossSiteWrite({
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

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|webp)$).*)"],
};
