import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";

/** Every kind of event the trail records; the audit page filters on these. */
export const AUDIT_ACTIONS = [
  "auth.login", "auth.login-failed", "auth.login-refused",
  "server.create", "server.update", "server.clone", "server.delete", "server.import",
  "matrix.save", "revision.restore", "warnings.acknowledge",
  "download.bundle", "download.rules", "export.profile", "export.all",
  "user.create", "user.role", "user.password", "user.disable", "user.enable", "user.delete",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
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
