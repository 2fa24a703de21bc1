import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { BIN, ROOT, runNode } from "./run";

/** A failure the operator can fix; printed as one paragraph without a stack trace. */
export class StartupError extends Error {}

// better-sqlite3 comes with the Prisma adapter; load the very copy the app uses.
const requireFromAdapter = createRequire(createRequire(path.join(ROOT, "package.json")).resolve("@prisma/adapter-better-sqlite3"));
export const Database = requireFromAdapter("better-sqlite3") as typeof BetterSqlite3;

/** Creates the data folder if needed and makes sure an existing file really is an SQLite database. */
export function checkDatabaseFile(file: string): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new StartupError(
      `The data folder ${dir} (from DATABASE_URL) does not exist and cannot be created (${(error as NodeJS.ErrnoException).code}). ` +
        `Create it, fix its permissions, or point DATABASE_URL at a writable place, e.g. DATABASE_URL=file:./data/portcullis.db.`,
    );
  }
  if (!fs.existsSync(file)) return;
  if (!fs.statSync(file).isFile()) {
    throw new StartupError(`The database path ${file} is not a file. Point DATABASE_URL at an SQLite file such as file:./data/portcullis.db.`);
  }
  try {
    const db = new Database(file, { fileMustExist: true });
    try {
      const result = db.pragma("quick_check") as { quick_check: string }[];
      if (result[0]?.quick_check !== "ok") throw new Error(result.map((r) => r.quick_check).join("; "));
    } finally {
      db.close();
    }
  } catch (error) {
    throw new StartupError(
      `The database file ${file} is not a readable SQLite database (${(error as Error).message}). ` +
        `It may be corrupt or not a database at all. Restore it from a backup, or move it aside to start with an empty ` +
        `database (the first-run setup will then ask for a new administrator).`,
    );
  }
}

/** Applies the committed migrations (creates the file on first start). */
export async function migrateDatabase(url: string): Promise<void> {
  const { code, output } = await runNode(BIN.prisma, ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, echo: false });
  if (code !== 0) {
    throw new StartupError(
      `Applying the database migrations to ${url} failed. Prisma said:\n${output.trim()}\n` +
        `Check that the file is writable and was created by Portcullis.`,
    );
  }
}

/** NEXTAUTH_SECRET from the environment, else the one stored beside the database (made on first start, mode 0600). */
export function loadOrCreateSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
    throw new StartupError(`The auth secret in ${file} is too short. Delete the file to make a new one (everyone will have to sign in again).`);
  }
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
