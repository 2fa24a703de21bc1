/**
 * The server-name migration on a real SQLite file: the earlier migrations are deployed, rows with
 * names the old form accepted are written, then `prisma migrate deploy` applies the rename.
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverSchema } from "@/lib/firewall/policy/server";

const ROOT = path.resolve(__dirname, "../..");
const MIGRATION = "20261202000000_server_names";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-migration-"));
const file = path.join(tmp, "portcullis.db");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function deploy(schema: string): void {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--schema", schema], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: "pipe",
  });
}

/** [name as stored before, name after, created at] — the oldest profile keeps the lowest suffix. */
const ROWS: [string, string, string][] = [
  ["web", "web", "2026-01-01 00:00:00"],
  ["web-2", "web-2", "2026-01-02 00:00:00"],
  ["-web", "web-3", "2026-01-03 00:00:00"],
  ["_web", "web-4", "2026-01-04 00:00:00"],
  [".hidden", "hidden", "2026-01-05 00:00:00"],
  ["---", "server", "2026-01-06 00:00:00"],
  ["- . _", "server-2", "2026-01-07 00:00:00"],
  ["Copy of web (2)", "Copy of web 2", "2026-01-08 00:00:00"],
  [`-${"a".repeat(63)}`, "a".repeat(63), "2026-01-09 00:00:00"],
  [`_${"a".repeat(63)}`, `${"a".repeat(62)}-2`, "2026-01-10 00:00:00"],
  ["Mail server 1", "Mail server 1", "2026-01-11 00:00:00"],
];

let before: { id: string; name: string; hostname: string; policy: string | null; version: number }[] = [];

beforeAll(() => {
  // The schema and migrations as they were before this one, in a scratch prisma folder.
  const old = path.join(tmp, "prisma");
  fs.mkdirSync(path.join(old, "migrations"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "prisma/schema.prisma"), path.join(old, "schema.prisma"));
  for (const entry of fs.readdirSync(path.join(ROOT, "prisma/migrations"))) {
    if (entry !== MIGRATION) fs.cpSync(path.join(ROOT, "prisma/migrations", entry), path.join(old, "migrations", entry), { recursive: true });
  }
  deploy(path.join(old, "schema.prisma"));
  const db = new Database(file);
  const insert = db.prepare(`INSERT INTO "ServerProfile" (id, name, hostname, os, panel, policy, createdAt, updatedAt) VALUES (?, ?, ?, 'debian', 'other', ?, ?, ?)`);
  ROWS.forEach(([name, , createdAt], i) => insert.run(`p${i}`, name, `h${i}.example.com`, i % 2 ? null : `{"kept":${i}}`, createdAt, createdAt));
  before = db.prepare(`SELECT id, name, hostname, policy, version FROM "ServerProfile" ORDER BY id`).all() as typeof before;
  db.close();
  deploy(path.join(ROOT, "prisma/schema.prisma"));
}, 120_000);

describe(`migration ${MIGRATION}`, () => {
  const read = <T>(sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };

  test("renames every refused name predictably and leaves the rest alone", () => {
    const rows = read<{ id: string; name: string }>(`SELECT id, name FROM "ServerProfile"`);
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    expect(ROWS.map((_, i) => byId.get(`p${i}`))).toEqual(ROWS.map(([, after]) => after));
  });

  test("every name now passes the server schema", () => {
    for (const { name } of read<{ name: string }>(`SELECT name FROM "ServerProfile"`)) {
      expect(serverSchema.shape.name.safeParse(name), name).toMatchObject({ success: true, data: name });
    }
  });

  test("nothing else changes", () => {
    const after = read<(typeof before)[number]>(`SELECT id, name, hostname, policy, version FROM "ServerProfile" ORDER BY id`);
    const withoutName = (rows: typeof before) => rows.map((r) => [r.id, r.hostname, r.policy, r.version]);
    expect(withoutName(after)).toEqual(withoutName(before));
  });

  test("each rename is in the audit trail with the old and the new name", () => {
    const events = read<{ targetId: string; action: string; userName: string; summary: string; details: string }>(
      `SELECT targetId, action, userName, summary, details FROM "AuditEvent" ORDER BY targetId`,
    );
    const renamed = ROWS.flatMap(([old, now], i) => (old === now ? [] : [{ id: `p${i}`, old, now }]));
    expect(events).toHaveLength(renamed.length);
    for (const { id, old, now } of renamed) {
      const event = events.find((e) => e.targetId === id);
      expect(event).toMatchObject({ action: "server.rename", userName: "(system)" });
      expect(event?.summary).toContain(`Renamed "${old}" to "${now}"`);
      expect(JSON.parse(event?.details ?? "{}")).toEqual({ from: old, to: now, migration: MIGRATION });
    }
  });
});
