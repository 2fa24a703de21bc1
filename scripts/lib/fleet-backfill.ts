/**
 * `npm start` and `npm run dev`: before the server starts, index every server whose list facts are
 * missing or stale (the upgrade that added the list's columns, or a save by an older release), so
 * the list and its address and exposure searches are complete from the first page. The list still
 * indexes stragglers itself (lib/data/server-list.ts) as a safety net.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";
import { countStaleServers, indexStaleServers } from "../../lib/data/fleet-index";

/** Returns how many servers were indexed. */
export async function backfillFleetIndex(url: string, log: (line: string) => void = console.log): Promise<number> {
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  try {
    const stale = await countStaleServers(db);
    if (stale === 0) return 0;
    log(`Indexing ${stale} server${stale === 1 ? "" : "s"} for the server list (once, after an upgrade; about 10 ms each)…`);
    return await indexStaleServers(db, stale);
  } finally {
    await db.$disconnect();
  }
}
