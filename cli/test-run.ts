/** Test support: runs the CLI in process with files read from disk, keeping what it printed. */
import { readFileSync } from "node:fs";
import { runCli } from "./run";
import type { Io } from "./types";

export async function runCliCaptured(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), readText: async (p) => readFileSync(p, "utf8") };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
