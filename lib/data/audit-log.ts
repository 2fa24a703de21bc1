import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { GroupCommit } from "@/lib/group-commit";
import type { AuditAction } from "@/lib/validations/audit-actions";
import { REFUSED_ACTION, storeRefusals } from "./audit-refusals";
import { pruneAudit } from "./audit-retention";
import type { Retention } from "./retention";

export { AUDIT_ACTIONS_LIST as AUDIT_ACTIONS, type AuditAction } from "@/lib/validations/audit-actions";
export type AuditTargetType = "server" | "user" | "account" | "token" | "template";

export type AuditActor = { id: string; name: string } | null;
export type AuditInput = {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: string;
  summary: string;
  details?: Record<string, unknown>;
};

type Client = Prisma.TransactionClient | typeof db;

type AuditRow = Prisma.AuditEventCreateManyInput;

function rowOf(actor: AuditActor, input: AuditInput): AuditRow {
  return {
    // The event's own time, not the time its batch is written.
    createdAt: new Date(),
    userId: actor?.id ?? null,
    userName: actor?.name ?? "(anonymous)",
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    summary: input.summary.slice(0, 500),
    details: detailsOf(input.details ?? {}),
  };
}

/**
 * Details are a summary and sizes, never a whole document: anything larger than this is replaced
 * by its size and the names of its fields (recordSave already lists at most 50 changes).
 */
export const AUDIT_DETAILS_MAX_BYTES = 16 * 1024;

function detailsOf(details: Record<string, unknown>): string {
  const json = JSON.stringify(details);
  const bytes = Buffer.byteLength(json);
  if (bytes <= AUDIT_DETAILS_MAX_BYTES) return json;
  return JSON.stringify({ truncated: true, bytes, fields: Object.keys(details).slice(0, 20) });
}

const AUDIT_RETENTION: Retention = { keep: env.PORTCULLIS_AUDIT_KEEP, keepDays: env.PORTCULLIS_AUDIT_KEEP_DAYS };
/** Each process applies the audit retention on its first write, then at most once an hour. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
let prunedAt = 0;

/**
 * Events that belong to no change of their own (sign-ins, downloads, exports), committed in
 * groups; refused sign-ins add to their account's open event (lib/data/audit-refusals.ts).
 */
const standalone = new GroupCommit<AuditRow>(async (rows) => {
  const refused = rows.filter((r) => r.action === REFUSED_ACTION);
  const others = rows.filter((r) => r.action !== REFUSED_ACTION);
  if (refused.length === 0) await db.auditEvent.createMany({ data: others });
  else {
    await db.$transaction(async (tx) => {
      if (others.length > 0) await tx.auditEvent.createMany({ data: others });
      await storeRefusals(tx, refused);
    });
  }
  if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
    prunedAt = Date.now();
    await pruneAudit(db, AUDIT_RETENTION).catch((error: unknown) => console.error("Applying the audit retention failed:", error));
  }
});

/**
 * Appends one event. Pass the transaction client of the change it describes, so the change and
 * its record commit together or not at all. An event of its own (`db`) joins the next group
 * commit: under load one write stores the events of many requests, and the returned promise
 * still settles only once this event is stored.
 */
export async function recordAudit(client: Client, actor: AuditActor, input: AuditInput): Promise<void> {
  if (client === db) return standalone.add(rowOf(actor, input));
  if (input.action === REFUSED_ACTION) return storeRefusals(client, [rowOf(actor, input)]);
  await client.auditEvent.create({ data: rowOf(actor, input) });
}
