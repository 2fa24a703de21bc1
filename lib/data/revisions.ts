import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseProfileDocument, type ProfileDocument } from "@/lib/firewall";
import { diffDocuments, type DiffEntry } from "@/lib/firewall/diff";
import { columnsOfDocument, DOCUMENT_COLUMNS, documentOfRow, recordSave, rewriteProfile } from "./history";
import { readRevisionText } from "./revision-store";

export type RevisionSummary = { version: number; kind: string; userName: string; createdAt: Date };

/** Newest first; AppError "not-found" for a server that does not exist (not an empty list). */
export async function listRevisions(serverId: string): Promise<RevisionSummary[]> {
  await requireRole("viewer");
  const revisions = await db.profileRevision.findMany({
    where: { serverProfileId: serverId },
    select: { version: true, kind: true, userName: true, createdAt: true },
    orderBy: { version: "desc" },
  });
  if (revisions.length === 0 && !(await db.serverProfile.findUnique({ where: { id: serverId }, select: { id: true } }))) {
    throw new AppError("not-found", "There is no such server.");
  }
  return revisions;
}

export async function loadDocument(client: Prisma.TransactionClient | typeof db, serverId: string, version: number): Promise<ProfileDocument> {
  const text = await readRevisionText(client, serverId, version);
  if (text === null) throw new AppError("not-found", `There is no revision ${version} of this server.`);
  const parsed = parseProfileDocument(text);
  if (!parsed.ok) throw new AppError("conflict", `Revision ${version} cannot be read: ${parsed.issues[0]?.message ?? "invalid"}`);
  return parsed.value;
}

/** What changed from revision `from` to revision `to` (either order). */
export async function compareRevisions(serverId: string, from: number, to: number): Promise<DiffEntry[]> {
  await requireRole("viewer");
  const [a, b] = await Promise.all([loadDocument(db, serverId, from), loadDocument(db, serverId, to)]);
  return diffDocuments(a, b);
}

/**
 * Makes revision `from` current again: a new save (new version, new revision, audited) of its
 * server facts and matrix, refused if anyone saved since `expected` was read.
 */
export async function restoreRevision(serverId: string, from: number, expected: number): Promise<{ version: number }> {
  const user = await requireRole("editor");
  try {
    return await db.$transaction(async (tx) => {
      const doc = await loadDocument(tx, serverId, from);
      const before = await tx.serverProfile.findUnique({ where: { id: serverId }, select: DOCUMENT_COLUMNS });
      if (!before) throw new AppError("not-found", "This server no longer exists.");
      if (!(await rewriteProfile(tx, serverId, expected, columnsOfDocument(doc)))) throw new AppError("conflict", `Someone saved this server since you opened the page (now revision ${before.version}); reload and try again.`);
      const after = await tx.serverProfile.findUniqueOrThrow({ where: { id: serverId }, select: DOCUMENT_COLUMNS });
      await recordSave(tx, user, {
        profileId: serverId, version: after.version, before: documentOfRow(before), after: doc, kind: "restore",
        action: "revision.restore", summary: `Restored revision ${from} of ${after.name}`, details: { restoredFrom: from },
      });
      return { version: after.version };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("conflict", "Another server now has this revision's name: rename that one first.");
    }
    throw error;
  }
}
