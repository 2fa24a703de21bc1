import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SetupInput } from "@/lib/validations/user";

/** True once the first administrator exists; decides whether /setup is open. */
export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * Creates the first administrator. Public by design (no session exists yet), so the emptiness
 * check and the insert share one transaction: two racing setups cannot both succeed.
 */
export async function createFirstAdmin(input: SetupInput): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) {
      throw new AppError("conflict", "Setup is already complete. Sign in instead.");
    }
    return tx.user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "admin" },
      select: { id: true },
    });
  });
}
