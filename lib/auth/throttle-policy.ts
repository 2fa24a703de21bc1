/**
 * When repeated failed sign-ins are slowed and when they are refused. Pure: the caller counts the
 * failures inside the window; this decides. Three counts, as serious products keep them:
 * - per account and address: an address that keeps failing on one account is locked out of that
 *   account only, so an attacker elsewhere cannot lock the owner out (the owner's address keeps
 *   its own budget);
 * - per address across accounts: one address guessing many accounts is locked out altogether;
 * - per account from every address: many addresses guessing one account are slowed, never locked,
 *   since a lock there would again let anyone lock the owner out.
 */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Failures allowed at full speed; each one after that adds `stepMs` before answering. */
  freeFailures: 3,
  stepMs: 500,
  maxDelayMs: 3000,
  /** Failures on one account from one address that lock that address out of that account. */
  pairLimit: 5,
  /** Failures from one address, over all accounts, that lock the address out. */
  addressLimit: 20,
  /** Failures on one account from all addresses after which every further attempt is slowed. */
  accountSlowAfter: 10,
} as const;

/** How many recent failures (inside the window) each count holds, including the attempt being made. */
export type FailureCounts = { pair: number; address: number; account: number };

/** How long to hold an answer back: grows with the worst count, capped at `maxDelayMs`. */
export function delayFor({ pair, address, account }: FailureCounts): number {
  const over = Math.max(
    pair - 1 - THROTTLE.freeFailures,
    Math.floor((address - 1) / 4) - THROTTLE.freeFailures,
    account - 1 - THROTTLE.accountSlowAfter,
  );
  return over > 0 ? Math.min(THROTTLE.maxDelayMs, over * THROTTLE.stepMs) : 0;
}

/**
 * When a lockout ends: `pairFailures` / `addressFailures` are the times (ms) of recent failures of
 * this account from this address and of this address on any account, any order. 0 = not locked.
 */
export function lockedUntil(pairFailures: readonly number[], addressFailures: readonly number[], now: number): number {
  const until = (times: readonly number[], limit: number) => {
    const recent = times.filter((t) => now - t < THROTTLE.windowMs).sort((a, b) => a - b);
    return recent.length >= limit ? (recent[recent.length - limit] ?? now) + THROTTLE.windowMs : 0;
  };
  const end = Math.max(until(pairFailures, THROTTLE.pairLimit), until(addressFailures, THROTTLE.addressLimit));
  return end > now ? end : 0;
}

/** "Too many attempts; try again in N minutes." (never fewer than one minute). */
export function refusalMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * The client's address. With no reverse proxy (`trustedHops` 0, the default) it is the socket's
 * address, which the client cannot choose; X-Forwarded-For is then ignored, since any client can
 * write one. Behind proxies it is read from X-Forwarded-For counting `trustedHops` entries from the
 * right: each proxy appends the address it saw, so the right-most entries are the ones our own
 * proxies wrote and anything further left may be forged. Bounded, so a forged header cannot bloat
 * the table; "unknown" when there is no such entry.
 */
export function clientAddressOf(forwardedFor: string | undefined, socketAddress: string | undefined, trustedHops: number): string {
  if (trustedHops === 0) return socketAddress ? socketAddress.slice(0, 64) : "unknown";
  const entries = (forwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const entry = entries[entries.length - trustedHops];
  return entry ? entry.slice(0, 64) : "unknown";
}
