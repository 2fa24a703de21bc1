import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { bearerOf, refusalOf } from "@/lib/auth/api-tokens";
import { REQUEST_PATH_HEADER } from "@/lib/auth/page-roles";
import { sessionClaimsOf } from "@/lib/auth/session-cookie";
import { isSessionLive, needsTouch } from "@/lib/auth/session-policy";
import { SESSION_IDLE_MS, touchSession } from "@/lib/auth/sessions";
import { userOfToken } from "@/lib/auth/token-auth";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roleSchema, type Role } from "@/lib/validations/user";

/** `token` is set when the request came with an API token (lib/auth/token-auth.ts). */
export type SessionUser = { id: string; name: string; email: string; role: Role; token?: { id: string; name: string } };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(user: SessionUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

const userRowSchema = z.object({
  id: z.string(), name: z.string(), email: z.string(), role: roleSchema, disabled: z.boolean(), sessionEpoch: z.number().int(),
  lastSeenAt: z.coerce.date(), expiresAt: z.coerce.date(),
});

/**
 * The signed-in user, re-read from the database on every request with the session's own row, so
 * a sign-out, a deleted or disabled account, a changed role or a reset password takes effect at
 * once even though the JWT is still valid, and a session ends at its absolute end or after the idle
 * timeout (lib/auth/sessions.ts) however often its token is re-issued. Reads the
 * cookie directly (next-auth's getServerSession would also re-encode the token on every call),
 * and the user with one plain parameterised query: every signed-in request runs it, and Prisma's
 * query builder costs several times the lookup itself.
 */
export const getUser = cache(async (): Promise<SessionUser | null> => {
  const auth = await authenticate();
  return "user" in auth ? auth.user : null;
});

type Authentication = { user: SessionUser } | { refusal: string | null };

/**
 * JSON routes (/api/…) accept an API token (`Authorization: Bearer pct_…`); when one is sent it
 * alone decides, so a bad token never falls back to the browser's cookie. Pages and server
 * actions only know the session cookie.
 */
const authenticate = cache(async (): Promise<Authentication> => {
  const requestHeaders = await headers();
  if ((requestHeaders.get(REQUEST_PATH_HEADER) ?? "").startsWith("/api/")) {
    const bearer = bearerOf(requestHeaders.get("authorization"));
    if (bearer.kind === "malformed") return { refusal: refusalOf("malformed") };
    if (bearer.kind === "token") return userOfToken(bearer.hash);
  }
  const user = await userOfSession();
  return user ? { user } : { refusal: null };
});

async function userOfSession(): Promise<SessionUser | null> {
  const claims = await sessionClaimsOf((await cookies()).getAll());
  if (!claims) return null;
  const rows = await db.$queryRaw<unknown[]>`
    SELECT u.id, u.name, u.email, u.role, u.disabled, u.sessionEpoch, s.lastSeenAt, s.expiresAt
    FROM "Session" s JOIN "User" u ON u.id = s.userId WHERE s.id = ${claims.sid} AND s.userId = ${claims.id}`;
  if (rows.length === 0) return null;
  const row = userRowSchema.parse(rows[0]);
  const now = new Date();
  if (row.disabled || row.sessionEpoch !== claims.epoch || !isSessionLive(row, now, { idleMs: SESSION_IDLE_MS })) return null;
  if (needsTouch(row, now)) await touchSession(claims.sid, now);
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

const TOKEN_SCOPE_REFUSAL = "The API token's scope does not allow this: read tokens read, write tokens also change servers, and administration needs a signed-in session.";

/** For pages: sends anonymous visitors to /login; a too-low role gets the 403 page (app/forbidden.tsx). */
export async function requireUser(role: Role = "viewer", callbackUrl?: string): Promise<SessionUser> {
  const user = await getUser();
  if (!user) redirect(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  if (!hasRole(user, role)) forbidden();
  return user;
}

/**
 * The one role gate of every server action, route handler and data function: the current user if
 * their role is at least `min` (viewer < editor < admin); otherwise AppError "unauthorized" (no
 * session, or the account was disabled or deleted) or "forbidden". Throws instead of redirecting.
 */
export async function requireRole(min: Role): Promise<SessionUser> {
  const auth = await authenticate();
  if (!("user" in auth)) throw new AppError("unauthorized", auth.refusal ?? undefined);
  const { user } = auth;
  if (!hasRole(user, min)) throw new AppError("forbidden", user.token ? TOKEN_SCOPE_REFUSAL : undefined);
  return user;
}
