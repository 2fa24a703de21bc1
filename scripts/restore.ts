// `npm run restore -- FILE`: replaces the database named by DATABASE_URL with a backup. Refuses while
// a server uses the database, and refuses a file that is damaged or from a newer version.
import path from "node:path";
import { checkBackup, fileArgsSchema, restoreDatabase } from "./lib/backup";
import { runDatabaseCommand } from "./lib/database-command";

runDatabaseCommand(fileArgsSchema("Usage: npm run restore -- FILE (a backup made with npm run backup)"), async ([file], database) => {
  const source = path.resolve(file);
  const { missingMigrations } = checkBackup(source);
  const kept = restoreDatabase(database, source);
  const upgrade = missingMigrations > 0 ? ` It predates ${missingMigrations} migration(s); npm start applies them.` : "";
  return `Restored ${database} from ${source}. The previous database is kept as ${kept}.${upgrade}`;
});
