import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createProfile, startFaultServer, stopFaultServer, tempDir } from "./support/fault-server";

// npm run backup / restore against the production server (two workers) on its own database.
const ROOT = path.join(__dirname, "..");

function npmScript(name: "backup" | "restore", file: string, databaseUrl: string) {
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), `scripts/${name}.ts`, file], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8",
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

test("a backup taken during a write burst restores every write acknowledged before it started", async () => {
  test.setTimeout(240_000);
  const data = tempDir();
  const backup = path.join(tempDir(), "portcullis-backup.db");
  const app = await startFaultServer(data);
  let stopped = false;
  try {
    // Saves one after another on 4 connections until told to stop; each acknowledged name is kept with its time.
    const acknowledged: { name: string; at: number }[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const r = await createProfile(app);
        if (r.status === 201) acknowledged.push({ name: r.name, at: Date.now() });
      }
    });
    await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(20);
    const startedAt = Date.now();
    const before = acknowledged.filter((a) => a.at < startedAt).map((a) => a.name);
    const made = npmScript("backup", backup, app.databaseUrl);
    const countDuring = acknowledged.length;
    await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(countDuring + 5);
    stop = true;
    await Promise.all(writers);
    expect(made.code, made.output).toBe(0);
    expect(made.output).toContain("integrity checked");

    // While the server runs, restore refuses.
    const refused = npmScript("restore", backup, app.databaseUrl);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/is using .* Stop it first/);

    await stopFaultServer(app);
    stopped = true;
    const restored = npmScript("restore", backup, app.databaseUrl);
    expect(restored.code, restored.output).toBe(0);

    const db = new Database(app.file, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const names = new Set((db.prepare("SELECT name FROM ServerProfile").all() as { name: string }[]).map((r) => r.name));
      expect(before.filter((n) => !names.has(n)), "acknowledged before the backup, missing after restore").toEqual([]);
      expect(before.length).toBeGreaterThan(20);
    } finally {
      db.close();
    }
  } finally {
    if (!stopped) await stopFaultServer(app);
    fs.rmSync(data, { recursive: true, force: true });
    fs.rmSync(path.dirname(backup), { recursive: true, force: true });
  }
});

test("restore refuses a damaged file and a file from a newer version, and bad arguments", async () => {
  const dir = tempDir();
  try {
    const database = path.join(dir, "live.db");
    const url = `file:${database}`;
    execFileSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });

    const garbage = path.join(dir, "garbage.db");
    fs.writeFileSync(garbage, "SQLite format 3\0".padEnd(8192, "x"));
    const damaged = npmScript("restore", garbage, url);
    expect(damaged.code).toBe(1);
    expect(damaged.output).toMatch(/garbage\.db (is damaged|cannot be opened|is not a Portcullis database)/);

    const newer = path.join(dir, "newer.db");
    expect(npmScript("backup", newer, url).code).toBe(0);
    const db = new Database(newer);
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('n', 'x', '29991231000000_future', CURRENT_TIMESTAMP, 1)").run();
    db.close();
    const future = npmScript("restore", newer, url);
    expect(future.code).toBe(1);
    expect(future.output).toContain("newer version of Portcullis");

    expect(npmScript("backup", newer, url).output).toContain("already exists");
    expect(npmScript("backup", "--force", url).output).toContain("Usage: npm run backup -- FILE");
    // The live database was never touched by a refused restore.
    expect(fs.readdirSync(dir).filter((f) => f.includes("before-restore"))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
