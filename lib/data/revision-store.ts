/**
 * Stores and reads the document text of profile revisions (ProfileRevision in the schema): a
 * deflated full copy now and then, line deltas against the revision before in between, so a
 * small edit of a large profile adds a few hundred bytes. Every function takes the Prisma client
 * (usually the transaction of the save), so it commits with the change it records.
 */
import type { Prisma } from "@/generated/prisma/client";
import { isExpired, type Retention } from "./retention";
import { applyDelta, diffLines, packDelta, packText, sha256Of, unpackDelta, unpackText } from "./revision-codec";

type Client = Pick<Prisma.TransactionClient, "profileRevision">;

/** At most this many deltas follow a full copy, so reading any revision stays quick. */
export const MAX_CHAIN = 32;
/** A full copy again once the deltas since the last one hold a quarter of the text's size. */
const CHAIN_BYTES_SHARE = 4;

export type NewRevision = {
  serverProfileId: string;
  version: number;
  text: string;
  /** The text of the revision before, if the caller has it (saves rebuilding it); checked, not trusted. */
  baseText: string | null;
  kind: string;
  userId: string | null;
  userName: string;
};

const where = (serverProfileId: string, version: number) => ({ serverProfileId_version: { serverProfileId, version } });

function fullCopy(text: string) {
  return { encoding: "full", data: packText(text), baseVersion: null as number | null, chainLength: 0, chainBytes: 0, size: Buffer.byteLength(text), sha256: sha256Of(text) };
}

/** Adds one revision, as a delta against the one before when that is cheaper than a full copy. */
export async function storeRevision(client: Client, revision: NewRevision): Promise<void> {
  const { serverProfileId, version, text, kind, userId, userName } = revision;
  const previous = await client.profileRevision.findFirst({
    where: { serverProfileId, version: { lt: version } }, orderBy: { version: "desc" },
    select: { version: true, sha256: true, chainLength: true, chainBytes: true },
  });
  let stored = fullCopy(text);
  if (previous?.sha256 && previous.chainLength + 1 < MAX_CHAIN) {
    const base = revision.baseText !== null && sha256Of(revision.baseText) === previous.sha256
      ? revision.baseText
      : await readRevisionText(client, serverProfileId, previous.version);
    const data = base === null ? null : packDelta(diffLines(base, text));
    const chainBytes = previous.chainBytes + (data?.byteLength ?? 0);
    if (data && chainBytes <= stored.size / CHAIN_BYTES_SHARE) {
      stored = { ...stored, encoding: "delta", data, baseVersion: previous.version, chainLength: previous.chainLength + 1, chainBytes };
    }
  }
  await client.profileRevision.create({ data: { serverProfileId, version, kind, userId, userName, ...stored } });
}

/**
 * The exact text saved as `version` (null if there is no such revision): the nearest full copy at
 * or before it, then each delta in turn; the result is checked against the stored SHA-256.
 */
export async function readRevisionText(client: Client, serverProfileId: string, version: number): Promise<string | null> {
  const start = await client.profileRevision.findFirst({
    where: { serverProfileId, version: { lte: version }, encoding: { not: "delta" } }, orderBy: { version: "desc" }, select: { version: true },
  });
  if (!start) return null;
  const rows = await client.profileRevision.findMany({
    where: { serverProfileId, version: { gte: start.version, lte: version } }, orderBy: { version: "asc" },
    select: { version: true, encoding: true, data: true, baseVersion: true, sha256: true },
  });
  const target = rows.at(-1);
  if (target?.version !== version) return null;
  let text = "";
  let at = -1;
  for (const row of rows) {
    if (row.encoding === "delta") {
      if (row.baseVersion !== at) throw new Error(`Revision ${row.version} is stored against revision ${row.baseVersion}, which is missing.`);
      text = applyDelta(text, unpackDelta(row.data));
    } else {
      text = row.encoding === "plain" ? Buffer.from(row.data).toString("utf8") : unpackText(row.data);
    }
    at = row.version;
  }
  if (target.sha256 && sha256Of(text) !== target.sha256) throw new Error(`Revision ${version} does not read back as it was saved.`);
  return text;
}

/**
 * Applies the retention to one profile's revisions: removes the expired ones (never the newest,
 * the current revision), first turning the oldest one kept into a full copy if it was a delta.
 * Also compresses a few rows still stored as plain text from before revisions were compressed.
 * Returns how many revisions were removed.
 */
export async function pruneRevisions(client: Client, serverProfileId: string, retention: Retention, now = Date.now()): Promise<number> {
  const rows = await client.profileRevision.findMany({
    where: { serverProfileId }, orderBy: { version: "desc" }, select: { version: true, createdAt: true, encoding: true },
  });
  for (const row of rows.filter((r) => r.encoding === "plain").slice(0, 4)) {
    const text = await readRevisionText(client, serverProfileId, row.version);
    if (text !== null) await client.profileRevision.update({ where: where(serverProfileId, row.version), data: fullCopy(text) });
  }
  // Versions and times grow together: once one revision has expired, every older one has too.
  const firstExpired = rows.findIndex((r, rank) => rank > 0 && isExpired(rank, r.createdAt, retention, now));
  const oldestKept = rows[firstExpired - 1];
  if (firstExpired < 0 || !oldestKept) return 0;
  if (oldestKept.encoding === "delta") {
    const text = await readRevisionText(client, serverProfileId, oldestKept.version);
    if (text === null) return 0;
    await client.profileRevision.update({ where: where(serverProfileId, oldestKept.version), data: fullCopy(text) });
  }
  const { count } = await client.profileRevision.deleteMany({ where: { serverProfileId, version: { lt: oldestKept.version } } });
  return count;
}

