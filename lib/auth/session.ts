import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/validations/user";

export type SessionUser = { id: string; name: string; email: string; role: Role };

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export function hasRole(user: SessionUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/**
 * The signed-in user, re-read from the database on every request so a deleted or disabled
 * account loses access at once even though its JWT is still valid.
 */
export const getUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, role: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role };
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
