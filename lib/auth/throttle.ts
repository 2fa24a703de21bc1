import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientAddressOf, delayFor, lockedUntil, THROTTLE } from "./throttle-policy";

/** Set by the preload scripts/lib/socket-address.mjs, which also writes this header. */
const SOCKET_ADDRESS_HEADER = "x-portcullis-socket-address";
const hasSocketAddress = () => (globalThis as Record<symbol, unknown>)[Symbol.for("portcullis.socketAddress")] === true;

export type Reservation = { kind: "reserved"; id: string; delayMs: number } | { kind: "refused"; retryAfterMs: number };

/**
 * Reserves one sign-in attempt before the password is checked: one SQL statement inserts the
 * attempt as a failure only while the account-and-address and the address counts are under their
 * limits, so parallel attempts cannot all pass the check before any is recorded (SQLite runs a
 * writing statement under the write lock, across processes). A correct password then takes its
 * reservation back (`releaseAttempt`). Failures live in the database, not in memory, so a restart
 * does not give an attacker a fresh budget.
 */
export async function reserveAttempt(email: string, address: string): Promise<Reservation> {
  const now = new Date();
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const id = crypto.randomUUID();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "LoginFailure" ("id", "email", "address", "createdAt")
    SELECT ${id}, ${email}, ${address}, ${now}
    WHERE (SELECT COUNT(*) FROM "LoginFailure" WHERE "email" = ${email} AND "address" = ${address} AND "createdAt" > ${since}) < ${THROTTLE.pairLimit}
      AND (SELECT COUNT(*) FROM "LoginFailure" WHERE "address" = ${address} AND "createdAt" > ${since}) < ${THROTTLE.addressLimit}
    RETURNING "id"`;
  if (inserted.length === 0) {
    const [pair, byAddress] = await Promise.all([
      db.loginFailure.findMany({ where: { email, address, createdAt: { gt: since } }, select: { createdAt: true } }),
      db.loginFailure.findMany({ where: { address, createdAt: { gt: since } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: THROTTLE.addressLimit }),
    ]);
    const times = (rows: { createdAt: Date }[]) => rows.map((r) => r.createdAt.getTime());
    const until = lockedUntil(times(pair), times(byAddress), now.getTime());
    return { kind: "refused", retryAfterMs: Math.max(until - now.getTime(), 1000) };
  }
  const [pair, byAddress, account] = await Promise.all([
    db.loginFailure.count({ where: { email, address, createdAt: { gt: since } } }),
    db.loginFailure.count({ where: { address, createdAt: { gt: since } } }),
    db.loginFailure.count({ where: { email, createdAt: { gt: since } } }),
  ]);
  return { kind: "reserved", id, delayMs: delayFor({ pair, address: byAddress, account }) };
}

/**
 * A correct password: its reservation is taken back and this address's failures on this account
 * are cleared (not the address's failures on other accounts: it may be guessing those; not the
 * failures from other addresses, which only slow). Expired rows are pruned on the way.
 */
export async function releaseAttempt(reservationId: string, email: string, address: string): Promise<void> {
  await db.loginFailure.deleteMany({ where: { OR: [{ id: reservationId }, { email, address }, { createdAt: { lt: new Date(Date.now() - THROTTLE.windowMs) } }] } });
}

export type AccountLock = { addresses: number; until: Date };

/** For the Users page: the accounts some address is locked out of, with how many addresses and until when. */
export async function accountLocks(emails: readonly string[]): Promise<Map<string, AccountLock>> {
  const since = new Date(Date.now() - THROTTLE.windowMs);
  const rows = await db.loginFailure.findMany({ where: { email: { in: [...emails] }, createdAt: { gt: since } }, select: { email: true, address: true, createdAt: true } });
  const pairs = new Map<string, number[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.email, r.address]);
    pairs.set(key, [...(pairs.get(key) ?? []), r.createdAt.getTime()]);
  }
  const locks = new Map<string, AccountLock>();
  for (const [key, times] of pairs) {
    const until = lockedUntil(times, [], Date.now());
    if (!until) continue;
    const email = (JSON.parse(key) as [string, string])[0];
    const lock = locks.get(email);
    locks.set(email, { addresses: (lock?.addresses ?? 0) + 1, until: new Date(Math.max(until, lock?.until.getTime() ?? 0)) });
  }
  return locks;
}

/** An administrator's unlock: forgets every recent failure on the account, from every address. */
export async function clearAccountFailures(email: string): Promise<number> {
  return (await db.loginFailure.deleteMany({ where: { email } })).count;
}

/** The address a sign-in came from: the socket's, or X-Forwarded-For's as PORTCULLIS_PROXY_HOPS says. */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const one = (name: string) => {
    const raw = headers?.[name];
    return Array.isArray(raw) ? raw.join(",") : raw;
  };
  // Without the preload (next dev, a bare next start) Next.js's own X-Forwarded-For is the best
  // left: the socket address when the client sent none.
  const socket = hasSocketAddress() ? one(SOCKET_ADDRESS_HEADER) : one("x-forwarded-for")?.split(",").at(-1)?.trim();
  return clientAddressOf(one("x-forwarded-for"), socket, env.PORTCULLIS_PROXY_HOPS);
}
