// What `npm start` and `npm run dev` share: the validated environment, the data folder and its
// migrations, the auth secret beside the database, the port, and how a failure to start is shown.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Env } from "../../lib/env";
import { checkDatabaseFile, loadOrCreateSecret, migrateDatabase, StartupError } from "./database";
import { backfillFleetIndex } from "./fleet-backfill";
import { ROOT } from "./run";

export type Prepared = { env: Env; file: string; url: string; secret: string; port: string };

/** Checks and migrates the database, loads or makes the auth secret; run from the repository root. */
export async function prepare(): Promise<Prepared> {
  process.chdir(ROOT);
  // Imported here so that a bad environment becomes a StartupError, not an import-time stack trace.
  let env: Env;
  let databaseFilePath: (url: string) => string;
  try {
    ({ env, databaseFilePath } = await import("../../lib/env"));
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const file = databaseFilePath(env.DATABASE_URL);
  const url = `file:${file}`;
  checkDatabaseFile(file);
  await migrateDatabase(url);
  try {
    await backfillFleetIndex(url);
  } catch (error) {
    // Not a reason to stay down: the list indexes what is left itself, 100 servers per load.
    console.warn(`Indexing the server list failed (${(error as Error).message}); the list will index the servers as it is used.`);
  }
  const secret = loadOrCreateSecret(path.dirname(file), env.NEXTAUTH_SECRET);
  console.log(`Database: ${file}`);
  const port = process.env.PORT || "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new StartupError(`PORT must be a number between 1 and 65535, not "${port}".`);
  return { env, file, url, secret, port };
}

/** The environment the Next.js server runs with: the prepared database and the one auth secret. */
export function serverEnv({ env, url, secret, port }: Prepared, nodeEnv: "production" | "development"): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: nodeEnv,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    // Every server process records the socket address of each request, for the sign-in limits.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(ROOT, "scripts", "lib", "socket-address.mjs")).href}`.trim(),
  };
}

/** Runs `main`; a StartupError is printed as one paragraph without a stack trace. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof StartupError) {
      console.error(`\nPortcullis could not start. ${error.message}\n`);
    } else {
      console.error("\nPortcullis could not start because of an unexpected error:", error);
    }
    process.exit(1);
  });
}
