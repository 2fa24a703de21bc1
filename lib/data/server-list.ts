import "server-only";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { ServerListQuery } from "@/lib/validations/server-list";
import { countStaleServers, indexStaleServers } from "./fleet-index";
import { queryServerPage, queryTags, type ServerPage } from "./server-list-query";

export type { ServerPage, ServerSummary } from "./server-list-query";

/**
 * At most this many servers are (re)indexed before a list is read: after the upgrade that added
 * the list's columns, the first loads of a large fleet each index this many (about a second).
 */
const STALE_BATCH = 100;

/**
 * One page of the list as the query says; servers whose list facts are missing are indexed first.
 * `unindexed`: how many are still waiting (the page says so: its columns and searches leave them out).
 */
export async function listServerProfiles(query: ServerListQuery): Promise<ServerPage & { unindexed: number }> {
  await requireRole("viewer");
  const indexed = await indexStaleServers(db, STALE_BATCH);
  const unindexed = indexed < STALE_BATCH ? 0 : await countStaleServers(db);
  return { ...(await queryServerPage(db, query)), unindexed };
}

/** Every tag in use, A to Z (the list's tag filter offers them). */
export async function listTags(): Promise<string[]> {
  await requireRole("viewer");
  return queryTags(db);
}
