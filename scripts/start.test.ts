import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checkDatabaseFile, loadOrCreateSecret, StartupError } from "./lib/database";
import { ROOT } from "./lib/run";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-start-test-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs `npm start`'s script the way npm does, with DATABASE_URL pointing at `file`. */
function start(file: string) {
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}`, NEXTAUTH_SECRET: "", PORT: "3999" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start refuses a bad database with one clear paragraph", () => {
  test.each([
    ["a corrupt file", () => {
      const file = path.join(tmp, "corrupt.db");
      fs.writeFileSync(file, "this is not an SQLite database, just some text that got here by mistake\n".repeat(100));
      return file;
    }, "is not a readable SQLite database"],
    ["a folder that cannot be created", () => {
      fs.writeFileSync(path.join(tmp, "plain-file"), "");
      return path.join(tmp, "plain-file", "data", "portcullis.db");
    }, "does not exist and cannot be created"],
    ["a directory instead of a file", () => {
      const dir = path.join(tmp, "a-directory.db");
      fs.mkdirSync(dir);
      return dir;
    }, "is not a file"],
  ])("%s", (_what, makePath, message) => {
    const result = start(makePath());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Portcullis could not start.");
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
  });
});

describe("checkDatabaseFile", () => {
  test("creates a missing data folder and accepts a missing file (migrations create it)", () => {
    const file = path.join(tmp, "new", "nested", "portcullis.db");
    expect(() => checkDatabaseFile(file)).not.toThrow();
    expect(fs.statSync(path.dirname(file)).isDirectory()).toBe(true);
  });
  test("rejects a truncated database", () => {
    const file = path.join(tmp, "truncated.db");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(200, 7)]));
    expect(() => checkDatabaseFile(file)).toThrow(StartupError);
  });
});

describe("loadOrCreateSecret", () => {
  test("makes a private secret on first start and reuses it afterwards", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "secret-"));
    const first = loadOrCreateSecret(dir, undefined);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(dir, undefined)).toBe(first);
  });
  test("prefers NEXTAUTH_SECRET and then writes nothing", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "secret-"));
    expect(loadOrCreateSecret(dir, "x".repeat(40))).toBe("x".repeat(40));
    expect(fs.existsSync(path.join(dir, "auth-secret"))).toBe(false);
  });
});
