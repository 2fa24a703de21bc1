import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { sessionClaimsOf } from "@/lib/auth/session-cookie";
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
});

/**
 * The signed-in user, re-read from the database on every request so a deleted or disabled
 * account, a changed role or a reset password (which ends the sessions signed in before it: see
 * `sessionEpoch`) takes effect at once even though its JWT is still valid. Reads the
 * cookie directly (next-auth's getServerSession would also re-encode the token on every call),
 * and the user with one plain parameterised query: every signed-in request runs it, and Prisma's
 * query builder costs several times the lookup itself.
 */
export const getUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaimsOf((await cookies()).getAll());
  if (!claims) return null;
  const rows = await db.$queryRaw<unknown[]>`SELECT id, name, email, role, disabled, sessionEpoch FROM "User" WHERE id = ${claims.id}`;
  if (rows.length === 0) return null;
  const user = userRowSchema.parse(rows[0]);
  if (user.disabled || user.sessionEpoch !== claims.epoch) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
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
