import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
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

/**
 * Appends one event. Pass the transaction client of the change it describes, so the change and
 * its record commit together or not at all.
 */
export async function recordAudit(client: Client, actor: AuditActor, input: AuditInput): Promise<void> {
  await client.auditEvent.create({
    data: {
      userId: actor?.id ?? null,
      userName: actor?.name ?? "(anonymous)",
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      summary: input.summary.slice(0, 500),
      details: JSON.stringify(input.details ?? {}),
    },
  });
}
