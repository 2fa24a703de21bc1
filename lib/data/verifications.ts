import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { LiveInputError, matchLiveFiles, parseLiveFile, verifyAgainstRevisions, type LiveFile, type LiveMatch, type RevisionVerdict } from "@/lib/firewall/verify";
import type { ProfileDocument } from "@/lib/firewall";
import { FLEET_VERIFY_MAX_FILES } from "@/lib/validations/fleet-verify";
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

type Actor = Awaited<ReturnType<typeof requireRole>>;

/**
 * Compare the live file verify.sh wrote on the server with the server's current revision (and, when
 * it drifted, its older ones), store the verdict as the server's last verification, audit it.
 * AppError "bad-request" for a file that is not a readable live state; "not-found" for no server.
 */
export async function verifyServer(serverId: string, text: string): Promise<RevisionVerdict> {
  const user = await requireRole("editor");
  const parsed = parseLiveFile(text);
  if (!parsed.ok) throw new AppError("bad-request", parsed.message, { live: [parsed.message] });
  return verifyParsed(user, serverId, parsed.live);
}

async function verifyParsed(user: Actor, serverId: string, live: LiveFile): Promise<RevisionVerdict> {
  const row = await db.serverProfile.findUnique({ where: { id: serverId }, select: { ...DOCUMENT_COLUMNS, updatedAt: true } });
  if (!row) throw new AppError("not-found", "There is no such server.");
  const current = documentOfRow(row);
  if (!current) throw new AppError("conflict", "This server's profile cannot be read, so there is nothing to compare with.");
  const older = await db.profileRevision.findMany({
    where: { serverProfileId: serverId, version: { lt: row.version } }, orderBy: { version: "desc" }, take: OLDER_REVISIONS, select: { version: true },
  });
  const revisions: { revision: number; document: ProfileDocument }[] = [{ revision: row.version, document: current }];
  for (const { version } of older) revisions.push({ revision: version, document: await loadDocument(db, serverId, version) });
  let verdict: RevisionVerdict;
  try {
    verdict = verifyAgainstRevisions(revisions, live);
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
    summary: `Verified ${row.name} (${live.host}, ${live.backend}): ${summary}`,
    details: { host: live.host, backend: live.backend, liveTime: live.time, revision: verdict.revision, matches: verdict.matches, drift: verdict.result.drift.slice(0, 50).map((d) => d.message), foreign: verdict.result.foreign },
  });
  return verdict;
}


export type FleetVerifyItem = {
  fileName: string;
  server: { id: string; name: string } | null;
  /** How the file was matched to its server. */
  via: LiveMatch["via"];
  outcome: "in-sync" | "drift" | "not-verified";
  /** The verdict in words, or why the file was not verified. */
  summary: string;
  /** The first differences, in words (the server's page lists them all on an upload there). */
  drift: string[];
};

/** How many differences per server the fleet result lists. */
const FLEET_DRIFT_SHOWN = 10;

/**
 * Verify many servers at once from the live files an Ansible run brought back (or verify.sh wrote):
 * each file is matched to its server (lib/firewall/verify/match.ts), then verified, stored and
 * audited as one upload on the server's page would be. A file that cannot be read or matched is
 * reported, never guessed; the others are verified regardless.
 */
export async function verifyFleet(files: readonly { name: string; text: string }[]): Promise<FleetVerifyItem[]> {
  const user = await requireRole("editor");
  if (files.length === 0) throw new AppError("bad-request", "Choose the live files to verify.", { live: ["Choose the live files to verify."] });
  if (files.length > FLEET_VERIFY_MAX_FILES) throw new AppError("bad-request", `At most ${FLEET_VERIFY_MAX_FILES} files at once.`, { live: [`At most ${FLEET_VERIFY_MAX_FILES} files at once.`] });
  const parsed = files.map((f) => ({ name: f.name, result: parseLiveFile(f.text) }));
  const servers = await db.serverProfile.findMany({ select: { id: true, name: true, hostname: true, ipv4: true, ipv6: true } });
  const matches = matchLiveFiles(parsed.map((p) => ({ fileName: p.name, host: p.result.ok ? p.result.live.host : null })), servers);
  const items: FleetVerifyItem[] = [];
  for (const [i, { result }] of parsed.entries()) {
    const m = matches[i]!;
    const server = m.server ? { id: m.server.id, name: m.server.name } : null;
    const notVerified = (summary: string): FleetVerifyItem => ({ fileName: m.fileName, server, via: m.via, outcome: "not-verified", summary, drift: [] });
    if (!result.ok) items.push(notVerified(`Not a readable live file: ${result.message}`));
    else if (!m.server) items.push({ ...notVerified(m.problem ?? "No server fits this file."), server: null });
    else {
      try {
        const v = await verifyParsed(user, m.server.id, result.live);
        items.push({ fileName: m.fileName, server, via: m.via, outcome: v.result.inSync ? "in-sync" : "drift", summary: summaryOf(v), drift: v.result.drift.slice(0, FLEET_DRIFT_SHOWN).map((d) => d.message) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        items.push(notVerified(error.message));
      }
    }
  }
  return items;
}
