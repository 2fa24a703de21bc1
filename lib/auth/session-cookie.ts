import { decodeSessionToken } from "@/lib/auth/jwt";
import { env } from "@/lib/env";

/**
 * Whether the session cookie is Secure (and so named `__Secure-next-auth.session-token`): whenever
 * the site is served over HTTPS. One answer for next-auth (which sets the cookie), the proxy and
 * `getUser` (which read it).
 */
export const SECURE_SESSION_COOKIE = env.NEXTAUTH_URL?.startsWith("https://") ?? false;

const BASE_NAME = "next-auth.session-token";

/** The session cookie's name: next-auth's, with the __Secure- prefix over HTTPS. */
export const SESSION_COOKIE_NAME = SECURE_SESSION_COOKIE ? `__Secure-${BASE_NAME}` : BASE_NAME;

/**
 * The session token in a request's cookies. next-auth splits a token longer than a cookie may be
 * into `<name>.0`, `<name>.1`, …; the pieces are joined in order, as next-auth joins them.
 */
export function sessionTokenOf(cookies: readonly { name: string; value: string }[], name = SESSION_COOKIE_NAME): string | null {
  const pieces = cookies.filter((c) => c.name === name || (c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1))));
  if (pieces.length === 0) return null;
  const order = (cookieName: string) => (cookieName === name ? 0 : Number(cookieName.slice(name.length + 1)));
  return pieces.sort((a, b) => order(a.name) - order(b.name)).map((c) => c.value).join("") || null;
}

/** What a valid session cookie says: the user, the epoch it was signed in under, and its Session row. */
export type SessionClaims = { id: string; epoch: number; sid: string };

/**
 * The claims of a request's session cookie, or null: no cookie, or not valid (altered, expired,
 * made with another secret, or older than server-side sessions and so without a session id). The
 * one reader of the cookie, for the proxy and for getUser alike; only getUser asks the database
 * whether the session still exists.
 */
export async function sessionClaimsOf(cookies: readonly { name: string; value: string }[]): Promise<SessionClaims | null> {
  const token = sessionTokenOf(cookies);
  if (!token || !env.NEXTAUTH_SECRET) return null;
  try {
    const claims = await decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET });
    if (typeof claims?.id !== "string" || typeof claims.sid !== "string") return null;
    return { id: claims.id, epoch: typeof claims.epoch === "number" ? claims.epoch : 0, sid: claims.sid };
  } catch {
    return null;
  }
}
