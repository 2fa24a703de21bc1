/**
 * When repeated failed sign-ins are slowed and when they are refused. Pure: the caller counts the
 * failures inside the window; this decides. Per account (the submitted email, whether or not it
 * exists, so the answer reveals nothing) and per client address (one address guessing many accounts).
 */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Failures allowed at full speed; each one after that adds `stepMs` before answering. */
  freeFailures: 3,
  stepMs: 500,
  maxDelayMs: 3000,
  /** Failures in the window that lock the account or the address until the oldest one ages out. */
  accountLimit: 5,
  addressLimit: 20,
} as const;

export type ThrottleDecision = { kind: "allow"; delayMs: number } | { kind: "refuse"; retryAfterMs: number };

/** `accountFailures` / `addressFailures`: times (ms) of failures within the window, any order. */
export function decideThrottle(accountFailures: readonly number[], addressFailures: readonly number[], now: number): ThrottleDecision {
  const recent = (times: readonly number[]) => times.filter((t) => now - t < THROTTLE.windowMs).sort((a, b) => a - b);
  const account = recent(accountFailures);
  const address = recent(addressFailures);
  const lockedUntil = Math.max(
    account.length >= THROTTLE.accountLimit ? (account[account.length - THROTTLE.accountLimit] ?? now) + THROTTLE.windowMs : 0,
    address.length >= THROTTLE.addressLimit ? (address[address.length - THROTTLE.addressLimit] ?? now) + THROTTLE.windowMs : 0,
  );
  if (lockedUntil > now) return { kind: "refuse", retryAfterMs: lockedUntil - now };
  const over = Math.max(account.length, Math.floor(address.length / 4)) - THROTTLE.freeFailures;
  return { kind: "allow", delayMs: over > 0 ? Math.min(THROTTLE.maxDelayMs, over * THROTTLE.stepMs) : 0 };
}

/** "Too many attempts; try again in N minutes." (never fewer than one minute). */
export function refusalMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * The client's address from X-Forwarded-For, counting `trustedHops` entries from the right: each
 * reverse proxy appends the address it saw, so the right-most entries are the ones our own proxies
 * wrote and anything further left may be forged by the client. With one proxy (nginx's
 * `$proxy_add_x_forwarded_for`, or one that replaces the header) that is the last entry; with none,
 * Next.js records the socket address when the client sent no header. Bounded, so a forged header
 * cannot bloat the table; "unknown" when there is no such entry.
 */
export function clientAddressOf(header: string | undefined, trustedHops: number): string {
  const entries = (header ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  const entry = entries[entries.length - Math.max(1, trustedHops)];
  return entry ? entry.slice(0, 64) : "unknown";
}
