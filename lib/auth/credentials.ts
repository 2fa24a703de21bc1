import "server-only";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/data/audit-log";
import { loginSchema, type Role } from "@/lib/validations/user";
import { refusalMessage } from "./throttle-policy";
import { releaseAttempt, reserveAttempt } from "./throttle";

export type AuthenticatedUser = { id: string; name: string; email: string; role: Role; sessionEpoch: number };

/** Thrown (and shown by the sign-in form as is) while an account or address is locked out. */
export class LoginRefusedError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Returns the user for a correct email and password, otherwise null. A wrong email and a wrong
 * password take the same path (a hash is always compared) and give the same answer; after a few
 * failures answers are slowed, then refused for a while whether or not the account exists.
 */
export async function authenticate(raw: unknown, address: string): Promise<AuthenticatedUser | null> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Reserved (counted as a failure) before the password is checked, so parallel attempts cannot
  // all slip under the limit.
  const gate = await reserveAttempt(email, address);
  if (gate.kind === "refused") {
    await recordAudit(db, null, { action: "auth.login-refused", targetType: "account", targetId: email, summary: `Sign-in refused for ${email} (too many attempts)`, details: { address } });
    throw new LoginRefusedError(refusalMessage(gate.retryAfterMs));
  }
  if (gate.delayMs > 0) await sleep(gate.delayMs);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, role: true, passwordHash: true, disabled: true, sessionEpoch: true },
  });
  const isValid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !isValid || user.disabled) {
    const reason = !user ? "unknown account" : !isValid ? "wrong password" : "account disabled";
    await recordAudit(db, null, { action: "auth.login-failed", targetType: "account", targetId: email, summary: `Failed sign-in for ${email}`, details: { address, reason } });
    return null;
  }
  await releaseAttempt(gate.id, email, address);
  await recordAudit(db, user, { action: "auth.login", targetType: "user", targetId: user.id, summary: `${user.email} signed in`, details: { address } });
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role, sessionEpoch: user.sessionEpoch };
}
