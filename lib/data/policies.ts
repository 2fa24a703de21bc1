import "server-only";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { criticalWarnings, serializeProfileDocument, type Policy, type ProfileDocument } from "@/lib/firewall";
import type { Prisma } from "@/generated/prisma/client";
import { SizedLru } from "@/lib/firewall/lru";
import { recordAudit } from "./audit-log";
import { DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { markAcknowledged } from "./fleet-index";
import { buildDocument, readProfileDocument, type DocumentReading } from "./policy-document";

const PROFILE_SELECT = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true, version: true, updatedAt: true,
} as const;

export type PolicyRecord = {
  id: string;
  name: string;
  /** The profile's revision: grows on every save of the matrix or the server's details. */
  version: number;
  savedAt: Date;
  reading: DocumentReading;
};

export type Acknowledgement = { userName: string; createdAt: Date; warningIds: string[]; profileVersion: number };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

async function loadRecord(id: string): Promise<PolicyRecord | null> {
  const row = await db.serverProfile.findUnique({ where: { id }, select: PROFILE_SELECT });
  if (!row) return null;
  return { id: row.id, name: row.name, version: row.version, savedAt: row.updatedAt, reading: readProfileDocument(row, row.policy) };
}

/** The matrix document of a profile (its starting choices until first saved), with its revision. */
export async function getPolicyRecord(id: string): Promise<PolicyRecord | null> {
  await requireRole("viewer");
  return loadRecord(id);
}

/**
 * Saves the policy only if nobody saved the profile since `version` was read, and bumps the
 * version. A conflict says when the other save happened; the caller keeps the user's edits.
 */
export async function savePolicy(id: string, version: number, policy: Policy): Promise<{ version: number; savedAt: Date }> {
  const user = await requireRole("editor");
  return db.$transaction(async (tx) => {
    const row = await tx.serverProfile.findUnique({ where: { id }, select: DOCUMENT_COLUMNS });
    if (!row) throw new AppError("not-found", "This server no longer exists.");
    const built = buildDocument(row, policy);
    if (!built.ok) throw new AppError("bad-request", built.message);
    if (!(await rewriteProfile(tx, id, version, { policy: serializeProfileDocument(built.document) }))) {
      const now = await tx.serverProfile.findUniqueOrThrow({ where: { id }, select: { version: true, updatedAt: true } });
      throw new AppError(
        "conflict",
        `Someone else saved this profile at ${timeFormat.format(now.updatedAt)} UTC (revision ${now.version}); your changes are still here: reload to see theirs, or copy yours.`,
      );
    }
    const saved = await tx.serverProfile.findUniqueOrThrow({ where: { id }, select: { version: true, updatedAt: true } });
    await recordSave(tx, user, {
      profileId: id, version: saved.version, before: documentOfRow(row), after: built.document,
      kind: "matrix", action: "matrix.save", summary: `Saved the matrix of ${row.name}`,
    });
    return { version: saved.version, savedAt: saved.updatedAt };
  });
}

function criticalIds(document: ProfileDocument): string[] {
  return criticalWarnings(document).map((w) => w.id);
}

/** The latest acknowledgement of this revision that covers every one of its critical warnings. */
async function findAcknowledgement(id: string, version: number, critical: readonly string[]): Promise<Acknowledgement | null> {
  const rows = await db.warningAcknowledgement.findMany({
    where: { serverProfileId: id, profileVersion: version },
    orderBy: { createdAt: "desc" },
    select: { userName: true, createdAt: true, warningIds: true, profileVersion: true },
  });
  for (const row of rows) {
    const warningIds = JSON.parse(row.warningIds) as string[];
    if (critical.every((w) => warningIds.includes(w))) return { ...row, warningIds };
  }
  return null;
}

/** What the review page and a download need of one saved revision, worked out once. */
type Revision = { name: string; version: number; savedAt: Date; reading: DocumentReading; critical: string[]; acknowledged: boolean };

/**
 * Revisions recently reviewed or downloaded, keyed by id, version and save time. Reading,
 * validating and assessing a large profile costs far more than the download itself; its rows cannot
 * change (every save bumps the version), and an acknowledgement, once made, is never withdrawn.
 * Sized by the saved text (a parsed document takes a few times its JSON).
 */
const REVISIONS = new SizedLru<Revision>(64 * 1024 * 1024);
const revisionHeadSchema = z.object({ version: z.number().int(), updatedAt: z.date() });
const revisionKey = (id: string, version: number, savedAt: Date) => `${id}:${version}:${savedAt.getTime()}`;

async function loadRevision(id: string): Promise<Revision | null> {
  // Only the revision's identity first (a plain query: it runs on every download).
  const heads = await db.$queryRaw<unknown[]>`SELECT version, updatedAt FROM "ServerProfile" WHERE id = ${id}`;
  if (heads.length === 0) return null;
  const head = revisionHeadSchema.parse(heads[0]);
  const cached = REVISIONS.get(revisionKey(id, head.version, head.updatedAt));
  if (cached) return cached;
  const row = await db.serverProfile.findUnique({ where: { id }, select: PROFILE_SELECT });
  if (!row) return null;
  const reading = readProfileDocument(row, row.policy);
  const revision: Revision = {
    name: row.name, version: row.version, savedAt: row.updatedAt, reading,
    critical: reading.ok ? criticalIds(reading.document) : [], acknowledged: false,
  };
  REVISIONS.set(revisionKey(id, row.version, row.updatedAt), revision, 3 * ((row.policy?.length ?? 0) + 4096));
  return revision;
}

export type ReviewRecord = PolicyRecord & { acknowledgement: Acknowledgement | null };

export async function getReviewRecord(id: string): Promise<ReviewRecord | null> {
  await requireRole("viewer");
  const revision = await loadRevision(id);
  if (!revision) return null;
  const { name, version, savedAt, reading, critical } = revision;
  const acknowledgement = critical.length > 0 ? await findAcknowledgement(id, version, critical) : null;
  return { id, name, version, savedAt, reading, acknowledgement };
}

function changedSince(expected: number, actual: number): AppError {
  return new AppError("conflict", `The profile changed since you reviewed it (revision ${expected}, now ${actual}): review it again.`);
}

/**
 * Records that the signed-in user accepts the critical warnings of revision `version`. Every
 * critical warning of that revision must be among `warningIds`; the stored list is the server's.
 */
export async function acknowledgeWarnings(id: string, version: number, warningIds: readonly string[]): Promise<void> {
  const user = await requireRole("editor");
  const record = await loadRevision(id);
  if (!record) throw new AppError("not-found", "This server no longer exists.");
  if (record.version !== version) throw changedSince(version, record.version);
  if (!record.reading.ok) throw new AppError("bad-request", record.reading.message);
  const { critical } = record;
  const missing = critical.filter((w) => !warningIds.includes(w));
  if (missing.length > 0) {
    throw new AppError("bad-request", "Tick every critical warning to acknowledge it.", { warningIds: missing.map((w) => `Not acknowledged: ${w}`) });
  }
  await db.$transaction((tx) => storeAcknowledgement(tx, user, { id, name: record.name, version, warningIds: critical }));
}

/**
 * Records that `user` accepts the critical warnings `warningIds` (all of them) of revision `version`:
 * the acknowledgement row, the list's open-warning count, and the audit event. `context` ends the
 * audit summary ("template update") when the acknowledgement was taken elsewhere than the review page.
 */
export async function storeAcknowledgement(
  tx: Prisma.TransactionClient, user: { id: string; name: string },
  ack: { id: string; name: string; version: number; warningIds: readonly string[] }, context?: string,
): Promise<void> {
  const { id, name, version, warningIds } = ack;
  await tx.warningAcknowledgement.create({
    data: { serverProfileId: id, profileVersion: version, warningIds: JSON.stringify(warningIds), userId: user.id, userName: user.name },
  });
  await markAcknowledged(tx, id, version);
  await recordAudit(tx, user, {
    action: "warnings.acknowledge", targetType: "server", targetId: id,
    summary: `Acknowledged ${warningIds.length} critical warning${warningIds.length === 1 ? "" : "s"} of ${name} revision ${version}${context ? ` (${context})` : ""}`,
    details: { version, warningIds },
  });
}

/**
 * The document to render for a download: the current saved revision (it must be `expected` when
 * given), refused while one of its critical warnings is not acknowledged.
 */
export async function getDownloadableDocument(id: string, expected?: number, what = "bundle"): Promise<{ document: ProfileDocument; version: number; savedAt: Date } | null> {
  const user = await requireRole("viewer");
  const revision = await loadRevision(id);
  if (!revision) return null;
  if (expected !== undefined && expected !== revision.version) throw changedSince(expected, revision.version);
  if (!revision.reading.ok) throw new AppError("conflict", revision.reading.message);
  if (revision.critical.length > 0 && !revision.acknowledged) {
    if (!(await findAcknowledgement(id, revision.version, revision.critical))) {
      throw new AppError(
        "conflict",
        `Revision ${revision.version} has critical warnings that nobody has acknowledged (${revision.critical.join(", ")}): acknowledge them on the review page first.`,
      );
    }
    revision.acknowledged = true;
  }
  await recordAudit(db, user, {
    action: what === "bundle" ? "download.bundle" : "download.rules", targetType: "server", targetId: id,
    summary: `Downloaded ${what === "bundle" ? "the bundle" : `the ${what} rules`} of ${revision.name} revision ${revision.version}`,
    details: { version: revision.version, what },
  });
  return { document: revision.reading.document, version: revision.version, savedAt: revision.savedAt };
}
