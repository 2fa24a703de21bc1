import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { GroupCommit } from "@/lib/group-commit";
import type { AuditAction } from "@/lib/validations/audit-actions";

export { AUDIT_ACTIONS_LIST as AUDIT_ACTIONS, type AuditAction } from "@/lib/validations/audit-actions";
export type AuditTargetType = "server" | "user" | "account";

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
    details: JSON.stringify(input.details ?? {}),
  };
}

/** Events that belong to no change of their own (sign-ins, downloads, exports), committed in groups. */
const standalone = new GroupCommit<AuditRow>(async (rows) => {
  await db.auditEvent.createMany({ data: rows });
});

/**
 * Appends one event. Pass the transaction client of the change it describes, so the change and
 * its record commit together or not at all. An event of its own (`db`) joins the next group
 * commit: under load one write stores the events of many requests, and the returned promise
 * still settles only once this event is stored.
 */
export async function recordAudit(client: Client, actor: AuditActor, input: AuditInput): Promise<void> {
  if (client === db) return standalone.add(rowOf(actor, input));
  await client.auditEvent.create({ data: rowOf(actor, input) });
}
