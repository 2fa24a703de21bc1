/** One temporary folder per bench run, removed at exit. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

let dir: string | undefined;

export function scratchDir(): string {
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-bench-"));
    const created = dir;
    process.once("exit", () => fs.rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}
