import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliExit, EXIT_USAGE, type Io } from "./types";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Strict option parsing with the usage text on any mistake (unknown option, missing value),
 * so a typo never runs a command with defaults the user did not ask for.
 */
export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string, io: Io) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\nUsage: ${usage}`);
    throw new CliExit(EXIT_USAGE);
  }
}

export function usageError(io: Io, message: string, usage: string): never {
  io.err(`${message}\n\nUsage: ${usage}`);
  throw new CliExit(EXIT_USAGE);
}
