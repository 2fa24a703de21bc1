/** Where a command writes; tests pass a recorder, the entry point passes the process streams. */
export type Io = {
  out(text: string): void;
  err(text: string): void;
  /** Reads a file, or standard input for "-". */
  readText(path: string): Promise<string>;
};

/**
 * One subcommand. `run` returns the exit code: 0 success, 1 a finding the caller should act on
 * (e.g. critical warnings), 2 bad usage or invalid input. Add a command by writing a file in
 * cli/commands/ and listing it in cli/commands/index.ts.
 */
export type Command = {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: Io): Promise<number>;
};

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Thrown to stop a command with an exit code after its message has been printed. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
