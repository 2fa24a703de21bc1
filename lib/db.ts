import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFilePath, env } from "@/lib/env";

type Prepare = (source: string) => unknown;

/**
 * Opens each connection with WAL (readers never block the writer) and a busy timeout, and starts
 * transactions with BEGIN IMMEDIATE. The adapter's plain BEGIN takes the write lock only at the
 * first write; with several server processes (scripts/serve.mjs), a transaction that read first
 * then fails at once with SQLITE_BUSY when another process committed in between, and the busy
 * timeout does not help. IMMEDIATE takes the write lock up front, waiting its turn.
 */
class TunedSQLiteAdapter extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
    const client = (adapter as unknown as { client: { prepare: Prepare } }).client;
    const prepare: Prepare = client.prepare.bind(client);
    client.prepare = (source) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source);
    return adapter;
  }
}

function createClient() {
  const adapter = new TunedSQLiteAdapter({ url: `file:${databaseFilePath()}`, fileMustExist: true, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The only Prisma client of the app (one per process; reused across dev hot reloads). */
export const db = globalForPrisma.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;
