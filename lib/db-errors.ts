/**
 * The SQLite result code (SQLITE_BUSY, SQLITE_FULL, …) of an error from better-sqlite3, the Prisma
 * adapter (`cause.originalCode`) or Prisma Client (`meta.driverAdapterError`, or the driver's error as `cause`).
 */
export function sqliteCodeOf(error: unknown): string | undefined {
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length > 0 && seen < 10; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const { code, originalCode, cause, meta } = e as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof originalCode === "string" && originalCode.startsWith("SQLITE_")) return originalCode;
    if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
    queue.push(cause, meta?.driverAdapterError);
  }
  return undefined;
}

export type DatabaseFault = "busy" | "unwritable";

// SQLITE_BUSY/LOCKED: another writer kept the lock past the busy timeout. The others: the file or
// its disk refuses writes (full, read-only, I/O error, permissions), until an operator fixes it.
const UNWRITABLE = ["SQLITE_FULL", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_NOLFS", "SQLITE_PROTOCOL"];

/**
 * Whether `error` is the database being unavailable rather than a bug: SQLite's codes, or Prisma's
 * P2028 (a transaction could not start or outlived its timeout while waiting for the lock).
 */
export function databaseFaultOf(error: unknown): DatabaseFault | null {
  const code = sqliteCodeOf(error);
  if (code) {
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
    if (UNWRITABLE.some((c) => code === c || code.startsWith(`${c}_`))) return "unwritable";
    return null;
  }
  const prismaCode = (error as { code?: unknown } | null)?.code;
  return prismaCode === "P2028" ? "busy" : null;
}

/** Errors after which the connection itself is suspect (opened read-only, I/O error): open a new one. */
export function needsReopen(error: unknown): boolean {
  const code = sqliteCodeOf(error) ?? "";
  return ["SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR"].some((c) => code === c || code.startsWith(`${c}_`));
}
