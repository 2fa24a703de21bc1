/**
 * Keeps the server list's facts (lib/fleet/facts.ts) beside each server: the columns on
 * ServerProfile and its ServerExposure rows. Written on the transaction of every revision save
 * (history.ts), so they commit with the revision they describe. `indexedVersion` names that
 * revision; a row saved by a path that does not write them, or from before they existed, differs
 * from its `version` and is indexed again by {@link indexStaleServers} before the list is read.
 * Takes the Prisma client, so the backfill can run from a script too.
 */
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { fleetFactsOf, type FleetFacts } from "@/lib/fleet/facts";
import { readProfileDocument } from "./policy-document";

type Client = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw" | "serverExposure" | "warningAcknowledgement" | "serverProfile">;

/** Whether someone acknowledged every critical warning of this revision. */
async function isAcknowledged(client: Client, id: string, version: number, critical: readonly string[]): Promise<boolean> {
  const rows = await client.warningAcknowledgement.findMany({ where: { serverProfileId: id, profileVersion: version }, select: { warningIds: true } });
  return rows.some((row) => {
    const ids = JSON.parse(row.warningIds) as string[];
    return critical.every((w) => ids.includes(w));
  });
}

/** Writes the facts of revision `version` (nothing if the row has moved on since). `updatedAt` is left as it is. */
export async function writeFleetFacts(client: Client, id: string, version: number, facts: FleetFacts): Promise<void> {
  const { backend, ipv4Key, ipv6Key, critical } = facts;
  const open = critical.length > 0 && !(await isAcknowledged(client, id, version, critical)) ? critical.length : 0;
  const changed = await client.$executeRaw`
    UPDATE "ServerProfile" SET "backend" = ${backend}, "ipv4Key" = ${ipv4Key}, "ipv6Key" = ${ipv6Key},
      "criticalWarnings" = ${critical.length}, "criticalOpen" = ${open}, "indexedVersion" = ${version}
    WHERE "id" = ${id} AND "version" = ${version}`;
  if (changed === 0) return;
  await client.serverExposure.deleteMany({ where: { serverProfileId: id } });
  if (facts.exposure.length > 0) {
    await client.serverExposure.createMany({ data: facts.exposure.map((row) => ({ ...row, serverProfileId: id })) });
  }
}

/** Marks the current revision's critical warnings acknowledged in the list (acknowledgeWarnings' transaction). */
export async function markAcknowledged(client: Client, id: string, version: number): Promise<void> {
  await client.$executeRaw`UPDATE "ServerProfile" SET "criticalOpen" = 0 WHERE "id" = ${id} AND "version" = ${version}`;
}

const STALE_COLUMNS = {
  id: true, name: true, hostname: true, ipv4: true, ipv6: true, os: true, panel: true,
  sshPort: true, adminSources: true, notes: true, policy: true, version: true,
} as const;

/** Servers read and written per transaction by the backfill (reading and assessing a profile costs a few ms). */
const BATCH = 50;

/** How many servers still wait for {@link indexStaleServers}: searches by address or exposure leave them out. */
export async function countStaleServers(client: PrismaClient): Promise<number> {
  const [row] = await client.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS n FROM "ServerProfile" WHERE "indexedVersion" IS NULL OR "indexedVersion" <> "version"`;
  return Number(row?.n ?? 0);
}

/**
 * Indexes up to `limit` servers whose facts are missing or describe an older revision (the
 * backfill after the migration, and a safety net for any save that did not write them), in
 * transactions of {@link BATCH}. Returns how many were indexed.
 */
export async function indexStaleServers(client: PrismaClient, limit: number): Promise<number> {
  let done = 0;
  while (done < limit) {
    const stale = await client.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ServerProfile" WHERE "indexedVersion" IS NULL OR "indexedVersion" <> "version" LIMIT ${Math.min(BATCH, limit - done)}`;
    if (stale.length === 0) break;
    const rows = await client.serverProfile.findMany({ where: { id: { in: stale.map((r) => r.id) } }, select: STALE_COLUMNS });
    const facts = rows.map((row) => {
      const reading = readProfileDocument(row, row.policy);
      return { row, facts: fleetFactsOf(reading.ok ? reading.document : null, row) };
    });
    await client.$transaction(async (tx) => {
      for (const { row, facts: f } of facts) await writeFleetFacts(tx, row.id, row.version, f);
    });
    done += stale.length;
    // A row that changed between the read and the write is left for the next round.
    if (stale.length < BATCH) break;
  }
  return done;
}
