import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { sessionClaimsOf } from "@/lib/auth/session-cookie";
import { isSessionLive, needsTouch } from "@/lib/auth/session-policy";
import { SESSION_IDLE_MS, touchSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { roleSchema, type Role } from "@/lib/validations/user";

export type SessionUser = { id: string; name: string; email: string; role: Role };

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
});

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
  const user = await getUser();
  if (!user) throw new AppError("unauthorized");
  if (!hasRole(user, min)) throw new AppError("forbidden");
  return user;
}
