/** Applies the audit retention (PORTCULLIS_AUDIT_KEEP, PORTCULLIS_AUDIT_KEEP_DAYS; see lib/data/retention.ts). */
import type { Prisma } from "@/generated/prisma/client";
import { ageCutoff, type Retention } from "./retention";

type Client = Pick<Prisma.TransactionClient, "auditEvent">;

/**
 * Removes the events beyond the newest `keep` that are also older than `keepDays`; returns how
 * many. Events sharing the time of the `keep`-th newest stay, so ties keep a few more, never fewer.
 */
export async function pruneAudit(client: Client, retention: Retention, now = Date.now()): Promise<number> {
  if (retention.keep === 0 && retention.keepDays === 0) return 0;
  const cutoff = ageCutoff(retention, now);
  let newestGone: Date | null = null;
  if (retention.keep > 0) {
    const boundary = await client.auditEvent.findFirst({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: retention.keep - 1, select: { createdAt: true } });
    if (!boundary) return 0;
    newestGone = boundary.createdAt;
  }
  const bounds = [newestGone, cutoff].filter((d): d is Date => d !== null);
  const lt = new Date(Math.min(...bounds.map((d) => d.getTime())));
  const { count } = await client.auditEvent.deleteMany({ where: { createdAt: { lt } } });
  return count;
}
