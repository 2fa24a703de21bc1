import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";

const ROOT = path.join(__dirname, "..", "..");

/** A fresh SQLite file with every committed migration applied by Prisma (`prisma migrate deploy`), as `npm start` does. */
export function migratedDatabase(): { file: string; url: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-unit-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe",
  });
  return { file, url };
}

/**
 * A migrated scratch database named in DATABASE_URL. Call it before anything imports lib/env or
 * lib/db, e.g. from `vi.hoisted`. Also sets a session secret for tests that sign in.
 */
export function useScratchDatabase(): string {
  const { file, url } = migratedDatabase();
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "a-unit-test-secret-that-is-long-enough-0123456789";
  return file;
}

/** A Prisma client on `url` with the app's pragmas (WAL), for tests of data functions that take a client. */
export function clientOf(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

/** The database file's size once the WAL is checkpointed into it: page count × page size. */
export function databaseBytes(file: string): number {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    return Number(sqlite.pragma("page_count", { simple: true })) * Number(sqlite.pragma("page_size", { simple: true }));
  } finally {
    sqlite.close();
  }
}
