import "server-only";
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { decodeSessionToken } from "@/lib/auth/jwt";
import { sessionTokenOf } from "@/lib/auth/session-cookie";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { roleSchema, type Role } from "@/lib/validations/user";

export type SessionUser = { id: string; name: string; email: string; role: Role };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(user: SessionUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** The user id in the request's session cookie, or null (no cookie, or not valid: altered, expired, other secret). */
async function sessionUserId(): Promise<string | null> {
  const token = sessionTokenOf((await cookies()).getAll());
  if (!token || !env.NEXTAUTH_SECRET) return null;
  try {
    const claims = await decodeSessionToken({ token, secret: env.NEXTAUTH_SECRET });
    return typeof claims?.id === "string" ? claims.id : null;
  } catch {
    return null;
  }
}

const userRowSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: roleSchema, disabled: z.boolean() });

/**
 * The signed-in user, re-read from the database on every request so a deleted or disabled
 * account, or a changed role, takes effect at once even though its JWT is still valid. Reads the
 * cookie directly (next-auth's getServerSession would also re-encode the token on every call),
 * and the user with one plain parameterised query: every signed-in request runs it, and Prisma's
 * query builder costs several times the lookup itself.
 */
export const getUser = cache(async (): Promise<SessionUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const rows = await db.$queryRaw<unknown[]>`SELECT id, name, email, role, disabled FROM "User" WHERE id = ${id}`;
  if (rows.length === 0) return null;
  const user = userRowSchema.parse(rows[0]);
  if (user.disabled) return null;
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
