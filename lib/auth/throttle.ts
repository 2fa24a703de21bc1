import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientAddressOf, decideThrottle, THROTTLE, type ThrottleDecision } from "./throttle-policy";

/**
 * Failed sign-ins live in the LoginFailure table, not in memory, so restarting the server does
 * not give an attacker a fresh budget. The client address comes from X-Forwarded-For (see
 * clientAddressOf and PORTCULLIS_PROXY_HOPS): served without a reverse proxy, a client can forge
 * it, which is why the per-account limit stands on its own.
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

/** The address a sign-in came from, as clientAddressOf reads it with PORTCULLIS_PROXY_HOPS. */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers?.["x-forwarded-for"];
  return clientAddressOf(Array.isArray(raw) ? raw.join(",") : raw, env.PORTCULLIS_PROXY_HOPS);
}
