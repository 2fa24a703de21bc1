import { spawn } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

const bin = (file: string) => path.join(ROOT, "node_modules", file);

/** Entry points of the tools, run with this Node rather than through npx or a shell. */
export const BIN = {
  next: bin("next/dist/bin/next"),
  prisma: bin("prisma/build/index.js"),
  eslint: bin("eslint/bin/eslint.js"),
  tsc: bin("typescript/bin/tsc"),
  vitest: bin("vitest/vitest.mjs"),
  playwright: bin("@playwright/test/cli.js"),
} as const;

export type RunResult = { code: number; output: string };

type RunOptions = { env?: NodeJS.ProcessEnv; echo?: boolean };

/** Runs `node <script> …args` in the repository root; echoes output live unless told not to, and keeps it. */
export function runNode(script: string, args: string[], { env = process.env, echo = true }: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) stream.write(chunk);
    };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    child.on("error", (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}
