// `npm start`: data folder, migrations, auth secret, build if stale, then `next start` in worker
// processes (scripts/serve.mjs).
import { spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Env } from "../lib/env";
import { isBuildFresh, markBuilt, sourceHash } from "./lib/build-state";
import { checkDatabaseFile, loadOrCreateSecret, migrateDatabase, StartupError } from "./lib/database";
import { BIN, ROOT, runNode } from "./lib/run";

async function build(): Promise<void> {
  const hash = sourceHash();
  if (isBuildFresh(hash)) {
    console.log("Using the existing production build.");
    return;
  }
  console.log("Building Portcullis (first start or changed sources; this takes a minute or two)…");
  for (const args of [["generate"], []]) {
    const bin = args.length ? BIN.prisma : BIN.next;
    const result = await runNode(bin, args.length ? args : ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.code !== 0) throw new StartupError(`The build failed (see the output above). Fix the error and run npm start again.`);
  }
  markBuilt(hash);
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  // Imported here so that a bad environment becomes a StartupError, not an import-time stack trace.
  let env: Env;
  let databaseFilePath: (url: string) => string;
  try {
    ({ env, databaseFilePath } = await import("../lib/env"));
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const file = databaseFilePath(env.DATABASE_URL);
  const url = `file:${file}`;
  checkDatabaseFile(file);
  await migrateDatabase(url);
  const secret = loadOrCreateSecret(path.dirname(file), env.NEXTAUTH_SECRET);
  console.log(`Database: ${file}`);

  await build();

  const port = process.env.PORT || "3000";
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new StartupError(`PORT must be a number between 1 and 65535, not "${port}".`);
  const args = [path.join(ROOT, "scripts", "serve.mjs"), "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      // Every worker records the socket address of each request, for the sign-in limits.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(path.join(ROOT, "scripts", "lib", "socket-address.mjs")).href}`.trim(),
    },
  });
  console.log(`Portcullis is starting on http://localhost:${port}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`\nPortcullis could not start. ${error.message}\n`);
  } else {
    console.error("\nPortcullis could not start because of an unexpected error:", error);
  }
  process.exit(1);
});

