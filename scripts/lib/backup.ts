// Backup and restore of the SQLite database (`npm run backup -- FILE`, `npm run restore -- FILE`).
// A backup uses SQLite's online backup API, so it is consistent while the server runs; a restore
// refuses while a server uses the database, and checks the file's integrity and schema first.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { Database, StartupError } from "./database";

const MIGRATIONS = path.join(__dirname, "..", "..", "prisma", "migrations");

/** The file in which scripts/serve.mjs keeps its pid while it serves `database` (same name there). */
export function serverPidFile(database: string): string {
  return `${database}.server-pid`;
}

/** The one argument of both commands: a file name (not an option). */
export function fileArgsSchema(usage: string) {
  return z.tuple([z.string().trim().min(1, usage).refine((f) => !f.startsWith("-"), usage)], { error: usage });
}

/** Writes a consistent copy of `database` to `target` (refuses to overwrite); returns its size in bytes. */
export async function backupDatabase(database: string, target: string): Promise<number> {
  if (!fs.existsSync(database)) throw new StartupError(`There is no database at ${database} to back up.`);
  if (fs.existsSync(target)) throw new StartupError(`${target} already exists; name a new file (for example with the date in it).`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const db = new Database(database, { fileMustExist: true });
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  checkBackup(partial);
  fs.renameSync(partial, target);
  return fs.statSync(target).size;
}

/** The migrations this version of Portcullis knows, oldest first. */
function knownMigrations(): string[] {
  return fs.readdirSync(MIGRATIONS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/**
 * Refuses a file that is not an intact Portcullis database of this version or an older one:
 * `PRAGMA integrity_check` must say ok, and every migration it records must be one this code has.
 * Returns how many of this code's migrations the file still lacks (applied by `npm start`).
 */
export function checkBackup(file: string): { missingMigrations: number } {
  let db: InstanceType<typeof Database>;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StartupError(`${file} cannot be opened as an SQLite database (${(error as Error).message}).`);
  }
  try {
    let problems: string[];
    let applied: string[];
    try {
      problems = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
      applied = (db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as { migration_name: string }[]).map((r) => r.migration_name);
    } catch (error) {
      throw new StartupError(`${file} is not a Portcullis database (${(error as Error).message}).`);
    }
    if (problems.join() !== "ok") throw new StartupError(`${file} is damaged; SQLite's integrity check found: ${problems.slice(0, 5).join("; ")}.`);
    const known = new Set(knownMigrations());
    const unknown = applied.filter((m) => !known.has(m));
    if (unknown.length > 0) throw new StartupError(`${file} was written by a newer version of Portcullis (migrations ${unknown.join(", ")}); update Portcullis first.`);
    return { missingMigrations: known.size - applied.length };
  } finally {
    db.close();
  }
}

/** The pid of a live server using `database`, if any (from the pid file scripts/serve.mjs keeps). */
export function liveServerPid(database: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(serverPidFile(database), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/**
 * Replaces `database` with the checked `source`. The current file (with its -wal and -shm) is kept
 * beside it as `<name>.before-restore-<time>`; returns that name.
 */
export function restoreDatabase(database: string, source: string): string {
  if (!fs.existsSync(source)) throw new StartupError(`There is no backup file ${source}.`);
  const pid = liveServerPid(database);
  if (pid) throw new StartupError(`A Portcullis server (process ${pid}) is using ${database}. Stop it first, then restore.`);
  checkBackup(source);
  const incoming = `${database}.restoring`;
  fs.copyFileSync(source, incoming);
  const kept = `${database}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  for (const suffix of ["", "-wal", "-shm"]) {
    if (fs.existsSync(`${database}${suffix}`)) fs.renameSync(`${database}${suffix}`, `${kept}${suffix}`);
  }
  fs.renameSync(incoming, database);
  return kept;
}
