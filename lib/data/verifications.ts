import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { LiveInputError, parseLiveFile, verifyAgainstRevisions, type RevisionVerdict } from "@/lib/firewall/verify";
import type { ProfileDocument } from "@/lib/firewall";
import { recordAudit } from "./audit-log";
import { DOCUMENT_COLUMNS, documentOfRow } from "./history";
import { loadDocument } from "./revisions";

/** How many older revisions are tried for "the live rules match revision N". */
const OLDER_REVISIONS = 20;

function summaryOf(v: RevisionVerdict): string {
  const { result } = v;
  if (result.inSync) return `In sync with revision ${v.revision}`;
  const older = v.matches === null ? "" : `; the live rules match revision ${v.matches}`;
  return `${result.drift.length} difference(s) from revision ${v.revision}${older}`;
}

/**
 * Compare the live file verify.sh wrote on the server with the server's current revision (and, when
 * it drifted, its older ones), store the verdict as the server's last verification, audit it.
 * AppError "bad-request" for a file that is not a readable live state; "not-found" for no server.
 */
export async function verifyServer(serverId: string, text: string): Promise<RevisionVerdict> {
  const user = await requireRole("editor");
  const row = await db.serverProfile.findUnique({ where: { id: serverId }, select: { ...DOCUMENT_COLUMNS, updatedAt: true } });
  if (!row) throw new AppError("not-found", "There is no such server.");
  const current = documentOfRow(row);
  if (!current) throw new AppError("conflict", "This server's profile cannot be read, so there is nothing to compare with.");
  const parsed = parseLiveFile(text);
  if (!parsed.ok) throw new AppError("bad-request", parsed.message, { live: [parsed.message] });
  const older = await db.profileRevision.findMany({
    where: { serverProfileId: serverId, version: { lt: row.version } }, orderBy: { version: "desc" }, take: OLDER_REVISIONS, select: { version: true },
  });
  const revisions: { revision: number; document: ProfileDocument }[] = [{ revision: row.version, document: current }];
  for (const { version } of older) revisions.push({ revision: version, document: await loadDocument(db, serverId, version) });
  let verdict: RevisionVerdict;
  try {
    verdict = verifyAgainstRevisions(revisions, parsed.live);
  } catch (error) {
    if (error instanceof LiveInputError) throw new AppError("bad-request", error.message, { live: [error.message] });
    throw error;
  }
  const summary = summaryOf(verdict);
  const now = new Date();
  // updatedAt given as it was: recording a verification is not an edit of the profile.
  await db.serverProfile.update({
    where: { id: serverId },
    data: { verifiedAt: now, verifiedVersion: row.version, verifyVerdict: verdict.result.inSync ? "in-sync" : "drift", verifyMatches: verdict.matches, verifySummary: summary, updatedAt: row.updatedAt },
  });
  await recordAudit(db, user, {
    action: "server.verify", targetType: "server", targetId: serverId,
    summary: `Verified ${row.name} (${parsed.live.host}, ${parsed.live.backend}): ${summary}`,
    details: { host: parsed.live.host, backend: parsed.live.backend, liveTime: parsed.live.time, revision: verdict.revision, matches: verdict.matches, drift: verdict.result.drift.slice(0, 50).map((d) => d.message), foreign: verdict.result.foreign },
  });
  return verdict;
}
