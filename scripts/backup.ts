// `npm run backup -- FILE`: a consistent copy of the database named by DATABASE_URL, safe while the
// server runs (SQLite's online backup API); checked with PRAGMA integrity_check before it is kept.
import path from "node:path";
import { backupDatabase, fileArgsSchema } from "./lib/backup";
import { runDatabaseCommand } from "./lib/database-command";

runDatabaseCommand(fileArgsSchema("Usage: npm run backup -- FILE (a new file to write the backup to)"), async ([file], database) => {
  const target = path.resolve(file);
  const bytes = await backupDatabase(database, target);
  return `Backed up ${database} to ${target} (${(bytes / 1024 / 1024).toFixed(1)} MB, integrity checked).`;
});
