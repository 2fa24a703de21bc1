import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { serializeProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { diffDocuments, summarizeDiff } from "@/lib/firewall/diff";
import { env } from "@/lib/env";
import { fleetFactsOf } from "@/lib/fleet/facts";
import { recordAudit, type AuditAction, type AuditActor } from "./audit-log";
import { writeFleetFacts } from "./fleet-index";
import { readProfileDocument, type ServerColumns } from "./policy-document";
import type { Retention } from "./retention";
import { pruneRevisions, storeRevision } from "./revision-store";

/** The columns a revision needs to rebuild the profile document of a row. */
export const DOCUMENT_COLUMNS = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true, version: true,
} as const;

export type RevisionKind = "create" | "edit" | "matrix" | "restore" | "import" | "clone" | "bulk" | "template" | "follow";

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

/** An audit event lists at most this many changes (and how many there were): an import of a large profile is one line per entry. */
export const AUDIT_CHANGES_MAX = 50;

const REVISION_RETENTION: Retention = { keep: env.PORTCULLIS_REVISIONS_KEEP, keepDays: env.PORTCULLIS_REVISIONS_KEEP_DAYS };

/**
 * Keeps the new revision (lib/data/revision-store.ts: a delta against the one before where that
 * is small), applies the revision retention to the profile, writes the server list's facts of the
 * revision (fleet-index.ts), and audits the save with a readable diff and the document's size, on
 * the transaction of the save itself: the version bump, its revision, its list facts and its audit
 * event commit together or not at all.
 */
export async function recordSave(tx: Prisma.TransactionClient, actor: AuditActor, record: SaveRecord): Promise<void> {
  await writeSave(tx, actor, record.profileId, prepareSave(record));
}

/** The costly part of a save record (serializing, diffing), done before the transaction when it can be. */
export function prepareSave(record: Omit<SaveRecord, "profileId">) {
  const text = serializeProfileDocument(record.after);
  const changes = diffDocuments(record.before, record.after);
  return {
    version: record.version,
    text,
    facts: fleetFactsOf(record.after, record.after.server),
    kind: record.kind,
    action: record.action,
    summary: `${record.summary} (revision ${record.version}): ${summarizeDiff(changes)}`,
    details: {
      version: record.version, changes: changes.slice(0, AUDIT_CHANGES_MAX), changeCount: changes.length,
      documentBytes: Buffer.byteLength(text), blockedEntries: record.after.policy.blocked.length, ...record.details,
    },
  };
}

/** Writes a prepared save record: the revision (with the retention of its profile) and its audit event. */
export async function writeSave(tx: Prisma.TransactionClient, actor: AuditActor, profileId: string, prepared: ReturnType<typeof prepareSave>): Promise<void> {
  const { version, text, kind, action, summary, details, facts } = prepared;
  await storeRevision(tx, {
    serverProfileId: profileId,
    version,
    text,
    // The revision before is rebuilt from the store: cheaper than serialising `before` again, and exact.
    baseText: null,
    kind,
    userId: actor?.id ?? null,
    userName: actor?.name ?? "(system)",
  });
  await pruneRevisions(tx, profileId, REVISION_RETENTION);
  await writeFleetFacts(tx, profileId, version, facts);
  await recordAudit(tx, actor, { action, targetType: "server", targetId: profileId, summary, details });
}

/**
 * Updates a profile row still at `version` and bumps the version; false if someone saved in
 * between. SQLite writes a changed row's new overflow pages before it frees the old ones, so
 * rewriting a 15 MB document in place would leave the file 15 MB larger; clearing the document
 * first frees its pages for the new copy to reuse.
 */
export async function rewriteProfile(
  tx: Prisma.TransactionClient, id: string, version: number, data: Omit<Prisma.ServerProfileUpdateManyMutationInput, "version"> & { policy: string | null },
): Promise<boolean> {
  const cleared = await tx.serverProfile.updateMany({ where: { id, version }, data: { policy: null } });
  if (cleared.count === 0) return false;
  await tx.serverProfile.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  return true;
}

/** The ServerProfile columns a document describes (restore and import write these). */
export function columnsOfDocument(doc: ProfileDocument) {
  const { name, hostname, ipv4, ipv6, os, panel, sshPort, adminSources, notes } = doc.server;
  return { name, hostname, ipv4, ipv6, os, panel, sshPort, notes, adminSources: JSON.stringify(adminSources), policy: serializeProfileDocument(doc) };
}
