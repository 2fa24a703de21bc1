/**
 * How long a session lives. Pure (the settings are passed in) so it is unit-tested without a clock
 * or a database: lib/auth/sessions.ts applies it to the Session row of each request.
 */
export type SessionTimes = { lastSeenAt: Date; expiresAt: Date };
export type SessionLimits = { idleMs: number };

/** A session is usable until its absolute end, and while it was used within the idle timeout. */
export function isSessionLive(session: SessionTimes, now: Date, { idleMs }: SessionLimits): boolean {
  return now < session.expiresAt && now.getTime() - session.lastSeenAt.getTime() < idleMs;
}

/** `lastSeenAt` is written at most this often per session, so reads rarely cost a write. */
export const TOUCH_EVERY_MS = 60_000;

export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

/**
 * The `exp` (seconds) of a session token written now: next-auth re-issues the token on use with a
 * fresh maxAge, which must never reach past the session's absolute end.
 */
export function tokenExpiry(nowSeconds: number, maxAgeSeconds: number, sessionEndSeconds: number | undefined): number {
  const renewed = nowSeconds + maxAgeSeconds;
  return sessionEndSeconds === undefined ? renewed : Math.min(renewed, sessionEndSeconds);
}
