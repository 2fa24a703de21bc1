import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");

/**
 * A fresh SQLite file with every committed migration applied (prisma migrate deploy, as a real
 * install gets), named in DATABASE_URL. Call it before anything imports lib/env or lib/db, e.g.
 * from `vi.hoisted`. Also sets a session secret for tests that sign in.
 */
export function useScratchDatabase(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-unit-")), "test.db");
  const url = `file:${file}`;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe",
  });
  process.env.DATABASE_URL = url;
  process.env.NEXTAUTH_SECRET ??= "a-unit-test-secret-that-is-long-enough-0123456789";
  return file;
}
