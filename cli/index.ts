/** Entry point: `npm run cli -- <command> …` (tsx cli/index.ts). */
import { processIo } from "./io";
import { runCli } from "./run";

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
