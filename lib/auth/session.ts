import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
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

/** For pages: sends anonymous visitors to /login. */
export async function requireUser(role: Role = "viewer", callbackUrl?: string): Promise<SessionUser> {
  const user = await getUser();
  if (!user) redirect(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  if (!hasRole(user, role)) throw new AppError("forbidden");
  return user;
}

/** For the data layer, actions and route handlers: throws instead of redirecting. */
export async function assertUser(role: Role = "viewer"): Promise<SessionUser> {
  const user = await getUser();
  if (!user) throw new AppError("unauthorized");
  if (!hasRole(user, role)) throw new AppError("forbidden");
  return user;
}
