import "server-only";
import { db } from "@/lib/db";
import { decideThrottle, THROTTLE, type ThrottleDecision } from "./throttle-policy";

/**
 * Failed sign-ins live in the LoginFailure table, not in memory, so restarting the server does
 * not give an attacker a fresh budget. The client address is what Next.js reports in
 * X-Forwarded-For (the socket address unless a proxy set it): without a trusted reverse proxy a
 * client can forge it, which is why the per-account limit stands on its own.
 */
export async function checkLoginThrottle(email: string, address: string): Promise<ThrottleDecision> {
  const since = new Date(Date.now() - THROTTLE.windowMs);
  const [account, byAddress] = await Promise.all([
    db.loginFailure.findMany({ where: { email, createdAt: { gt: since } }, select: { createdAt: true } }),
    db.loginFailure.findMany({ where: { address, createdAt: { gt: since } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: THROTTLE.addressLimit }),
  ]);
  return decideThrottle(account.map((r) => r.createdAt.getTime()), byAddress.map((r) => r.createdAt.getTime()), Date.now());
}

export async function recordLoginFailure(email: string, address: string): Promise<void> {
  await db.$transaction([
    db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - THROTTLE.windowMs) } } }),
    db.loginFailure.create({ data: { email, address } }),
  ]);
}

/** A correct password clears the account's count (not the address's: it may be guessing others). */
export async function clearLoginFailures(email: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { email } });
}

/** The first X-Forwarded-For entry, or "unknown"; bounded so a forged header cannot bloat the table. */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"];
  const first = (Array.isArray(raw) ? raw[0] : raw)?.split(",")[0]?.trim();
  return first ? first.slice(0, 64) : "unknown";
}
