import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { diffDocuments, summarizeDiff } from "@/lib/firewall/diff";
import { recordAudit, type AuditAction, type AuditActor } from "./audit-log";
import { readProfileDocument, type ServerColumns } from "./policy-document";

/** The columns a revision needs to rebuild the profile document of a row. */
export const DOCUMENT_COLUMNS = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true, version: true,
} as const;

export type RevisionKind = "create" | "edit" | "matrix" | "restore" | "import" | "clone";

/** The effective document of a row (its starting choices until the matrix is saved); null if unreadable. */
export function documentOfRow(row: ServerColumns & { policy: string | null }): ProfileDocument | null {
  const reading = readProfileDocument(row, row.policy);
  return reading.ok ? reading.document : null;
}

type SaveRecord = {
  profileId: string;
  version: number;
  before: ProfileDocument | null;
  after: ProfileDocument;
  kind: RevisionKind;
  action: AuditAction;
  /** Leads the audit summary, e.g. "Saved the matrix of web1". */
  summary: string;
  details?: Record<string, unknown>;
};

/**
 * Keeps the new revision and audits it with a readable diff, on the transaction of the save
 * itself: the version bump, its revision and its audit event commit together or not at all.
 */
export async function recordSave(tx: Prisma.TransactionClient, actor: AuditActor, record: SaveRecord): Promise<void> {
  await writeSave(tx, actor, record.profileId, prepareSave(record));
}

/** The costly part of a save record (serializing, diffing), done before the transaction when it can be. */
export function prepareSave(record: Omit<SaveRecord, "profileId">) {
  const changes = diffDocuments(record.before, record.after);
  return {
    version: record.version,
    document: serializeProfileDocument(record.after),
    kind: record.kind,
    action: record.action,
    summary: `${record.summary} (revision ${record.version}): ${summarizeDiff(changes)}`,
    details: { version: record.version, changes, ...record.details },
  };
}

/** Writes a prepared save record: the revision and its audit event. */
export async function writeSave(tx: Prisma.TransactionClient, actor: AuditActor, profileId: string, prepared: ReturnType<typeof prepareSave>): Promise<void> {
  const { version, document, kind, action, summary, details } = prepared;
  await tx.profileRevision.create({
    data: { serverProfileId: profileId, version, document, kind, userId: actor?.id ?? null, userName: actor?.name ?? "(system)" },
  });
  await recordAudit(tx, actor, { action, targetType: "server", targetId: profileId, summary, details });
}

/** The ServerProfile columns a document describes (restore and import write these). */
export function columnsOfDocument(doc: ProfileDocument) {
  const { name, hostname, ipv4, ipv6, os, panel, sshPort, adminSources, notes } = doc.server;
  return { name, hostname, ipv4, ipv6, os, panel, sshPort, notes, adminSources: JSON.stringify(adminSources), policy: serializeProfileDocument(doc) };
}
