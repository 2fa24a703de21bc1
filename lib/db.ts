import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFilePath, env } from "@/lib/env";

/** Opens each connection with WAL (readers never block the writer) and a busy timeout. */
class TunedSQLiteAdapter extends PrismaBetterSQLite3 {
  async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
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
