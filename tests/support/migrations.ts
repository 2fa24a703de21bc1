/**
 * Test support for one migration on a real SQLite file: the migrations before it are deployed
 * from a scratch prisma folder, the test writes the rows the older schema allowed, then
 * `prisma migrate deploy` applies the rest from prisma/migrations.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

export type MigrationFixture = {
  file: string;
  /** Applies every migration in prisma/migrations (the one under test and any later). */
  deployAll(): void;
  read<T>(sql: string): T[];
  remove(): void;
};

function deploy(file: string, schema: string): void {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--schema", schema], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

/** A database at the state just before `migration` (folder name). */
export function databaseBefore(migration: string): MigrationFixture {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-migration-"));
  const file = path.join(tmp, "portcullis.db");
  const old = path.join(tmp, "prisma");
  fs.mkdirSync(path.join(old, "migrations"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "prisma/schema.prisma"), path.join(old, "schema.prisma"));
  for (const entry of fs.readdirSync(path.join(ROOT, "prisma/migrations"))) {
    if (entry === "migration_lock.toml" || entry < migration) fs.cpSync(path.join(ROOT, "prisma/migrations", entry), path.join(old, "migrations", entry), { recursive: true });
  }
  deploy(file, path.join(old, "schema.prisma"));
  return {
    file,
    deployAll: () => deploy(file, path.join(ROOT, "prisma/schema.prisma")),
    read<T>(sql: string): T[] {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    },
    remove: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

/** [name as stored before, name after, created at]. */
export type RenameRow = [string, string, string];
type Stored = { id: string; name: string; hostname: string; policy: string | null; version: number };

/**
 * The shared checks of a migration that renames server profiles: rows `p0`, `p1`, … are stored
 * before it; afterwards each has its expected name, passes `isValid`, keeps everything else, and
 * each rename is audited with the old and the new name. Returns the fixture for further tests.
 */
export function describeRenameMigration(migration: string, rows: readonly RenameRow[], isValid: (name: string) => boolean): () => MigrationFixture {
  let fixture: MigrationFixture | undefined;
  let before: Stored[] = [];
  const current = () => fixture ?? expect.unreachable("the fixture is made in beforeAll");
  beforeAll(() => {
    fixture = databaseBefore(migration);
    const db = new Database(fixture.file);
    const insert = db.prepare(`INSERT INTO "ServerProfile" (id, name, hostname, os, panel, policy, createdAt, updatedAt) VALUES (?, ?, ?, 'debian', 'other', ?, ?, ?)`);
    rows.forEach(([name, , createdAt], i) => insert.run(`p${i}`, name, `h${i}.example.com`, i % 2 ? null : `{"kept":${i}}`, createdAt, createdAt));
    before = db.prepare(`SELECT id, name, hostname, policy, version FROM "ServerProfile" ORDER BY id`).all() as Stored[];
    db.close();
    fixture.deployAll();
  }, 120_000);
  afterAll(() => fixture?.remove());

  describe(`migration ${migration}`, () => {
    test("renames predictably and leaves the other names alone", () => {
      const byId = new Map(current().read<{ id: string; name: string }>(`SELECT id, name FROM "ServerProfile"`).map((r) => [r.id, r.name]));
      expect(rows.map((_, i) => byId.get(`p${i}`))).toEqual(rows.map(([, after]) => after));
    });

    test("every name now passes the server schema", () => {
      for (const { name } of current().read<{ name: string }>(`SELECT name FROM "ServerProfile"`)) expect(isValid(name), name).toBe(true);
    });

    test("nothing else changes", () => {
      const after = current().read<Stored>(`SELECT id, name, hostname, policy, version FROM "ServerProfile" ORDER BY id`);
      const withoutName = (list: Stored[]) => list.map((r) => [r.id, r.hostname, r.policy, r.version]);
      expect(withoutName(after)).toEqual(withoutName(before));
    });

    test("each rename is in the audit trail with the old and the new name", () => {
      const events = current().read<{ targetId: string; action: string; userName: string; summary: string; details: string }>(
        `SELECT targetId, action, userName, summary, details FROM "AuditEvent" WHERE json_extract(details, '$.migration') = '${migration}'`,
      );
      const renamed = rows.flatMap(([old, now], i) => (old === now ? [] : [{ id: `p${i}`, old, now }]));
      expect(events).toHaveLength(renamed.length);
      for (const { id, old, now } of renamed) {
        const event = events.find((e) => e.targetId === id);
        expect(event).toMatchObject({ action: "server.rename", userName: "(system)" });
        expect(event?.summary).toContain(`Renamed "${old}" to "${now}"`);
        expect(JSON.parse(event?.details ?? "{}")).toEqual({ from: old, to: now, migration });
      }
    });
  });
  return current;
}
