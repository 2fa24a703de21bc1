/**
 * How long revisions and audit events are kept (PORTCULLIS_*_KEEP and _KEEP_DAYS in lib/env.ts).
 * Pure, so the rule is tested without a database.
 */
export type Retention = {
  /** The newest this many are kept whatever their age; 0: no such bound. */
  keep: number;
  /** Anything younger than this many days is kept; 0: no such bound. */
  keepDays: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the entry at `rank` (0 = newest) created at `createdAt` may go: only once it is beyond
 * both bounds that are set. With neither set, nothing expires.
 */
export function isExpired(rank: number, createdAt: Date, retention: Retention, now: number): boolean {
  if (retention.keep === 0 && retention.keepDays === 0) return false;
  const beyondCount = retention.keep === 0 || rank >= retention.keep;
  const tooOld = retention.keepDays === 0 || createdAt.getTime() < now - retention.keepDays * DAY_MS;
  return beyondCount && tooOld;
}

/** The time before which an entry is too old, or null when age keeps everything. */
export function ageCutoff(retention: Retention, now: number): Date | null {
  return retention.keepDays === 0 ? null : new Date(now - retention.keepDays * DAY_MS);
}
