import type { z } from "zod";
import { StartupError } from "./database";

/** Runs a command on the database named by DATABASE_URL: zod-checked arguments, one readable line on failure. */
export function runDatabaseCommand<S extends z.ZodType<string[]>>(schema: S, run: (args: z.infer<S>, database: string) => Promise<string>): void {
  (async () => {
    const parsed = schema.safeParse(process.argv.slice(2));
    if (!parsed.success) throw new StartupError(parsed.error.issues[0]?.message ?? "Invalid arguments.");
    let database: string;
    try {
      const { databaseFilePath } = await import("../../lib/env");
      database = databaseFilePath();
    } catch (error) {
      throw new StartupError((error as Error).message);
    }
    console.log(await run(parsed.data, database));
  })().catch((error: unknown) => {
    console.error(error instanceof StartupError ? error.message : error);
    process.exitCode = 1;
  });
}
