import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseFilePath, env } from "@/lib/env";
import { ResilientSQLiteAdapter } from "@/lib/sqlite-adapter";

function createClient() {
  const adapter = new ResilientSQLiteAdapter({ url: `file:${databaseFilePath()}`, fileMustExist: true });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000 } });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The only Prisma client of the app (one per process; reused across dev hot reloads). */
export const db = globalForPrisma.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;
