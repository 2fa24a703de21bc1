import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { loginSchema, type Role } from "@/lib/validations/user";

export type AuthenticatedUser = { id: string; name: string; email: string; role: Role };

/** Returns the user for a correct email and password, otherwise null (same timing either way). */
export async function authenticate(raw: unknown): Promise<AuthenticatedUser | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, passwordHash: true, disabled: true },
  });
  const isValid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !isValid || user.disabled) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role };
}
