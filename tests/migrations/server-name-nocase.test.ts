/**
 * Server names unique regardless of case, on a real SQLite file: rows the old index allowed
 * ("web1" beside "WEB1") are written before `prisma migrate deploy`, which must rename the later
 * ones predictably (and audit it) rather than fail on the new case-insensitive index.
 */
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { serverSchema } from "@/lib/firewall/policy/server";
import { describeRenameMigration, type RenameRow } from "@/tests/support/migrations";

const LONG = "a".repeat(64);
/**
 * [name as stored before, name after, created at]: the oldest keeps its name, later ones get the
 * first free -2, -3… in their own spelling ("web1-2" is in use); equal times ("Mail", "mail") go by id.
 */
const ROWS: RenameRow[] = [
  ["WEB1", "WEB1-3", "2026-01-03 00:00:00"],
  ["web1", "web1", "2026-01-01 00:00:00"],
  ["Web1", "Web1-4", "2026-01-04 00:00:00"],
  ["web1-2", "web1-2", "2026-01-02 00:00:00"],
  ["Mail", "Mail", "2026-01-05 00:00:00"],
  ["mail", "mail-2", "2026-01-05 00:00:00"],
  [LONG, LONG, "2026-01-06 00:00:00"],
  [LONG.toUpperCase(), `${"A".repeat(62)}-2`, "2026-01-07 00:00:00"],
  ["db 1", "db 1", "2026-01-08 00:00:00"],
];

const fixture = describeRenameMigration("20261202110000_server_name_nocase", ROWS, (name) => serverSchema.shape.name.safeParse(name).data === name);

test("no two names differ only in case, and the database now refuses such a name", () => {
  const names = fixture().read<{ name: string }>(`SELECT name FROM "ServerProfile"`).map((r) => r.name);
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  const db = new Database(fixture().file);
  try {
    const insert = db.prepare(`INSERT INTO "ServerProfile" (id, name, hostname, os, panel, createdAt, updatedAt) VALUES (?, ?, '', 'debian', 'other', 0, 0)`);
    expect(() => insert.run("x1", "DB 1")).toThrow(/UNIQUE constraint failed: ServerProfile.name/);
    insert.run("x2", "db 2");
  } finally {
    db.close();
  }
});
