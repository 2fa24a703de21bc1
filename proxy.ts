import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

// The first gate only: pages, actions, routes and the data layer check the session again.
const PUBLIC_PATHS = [/^\/login\/?$/, /^\/setup\/?$/, /^\/api\/auth(\/|$)/];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((re) => re.test(pathname))) return NextResponse.next();
  // A server action answers for itself (requireRole → "Sign in to continue."): a redirect here
  // would reach the form as an unreadable response instead of that message.
  if (request.method === "POST" && request.headers.has("next-action")) return NextResponse.next();

  const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();

  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "unauthorized", message: "Sign in to continue." }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:png|svg|ico|webp)$).*)"],
};
