import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { migratedDatabase } from "@/tests/support/database";
import { databaseFaultOf } from "./db-errors";
import { BUSY_TIMEOUT_MS, ResilientSQLiteAdapter } from "./sqlite-adapter";

// Real SQLite through the migrations, a real PrismaClient, and a second connection standing in
// for the other worker process. These paths hung every later write before (issue 12).
let dir: string;
let file: string;
let db: PrismaClient;
let counter = 0;

const addUser = (client: Prisma = db) => {
  counter += 1;
  return client.user.create({ data: { name: `u${counter}`, email: `u${counter}@example.test`, passwordHash: "x" } });
};
type Prisma = Pick<PrismaClient, "user">;

async function twentyWrites() {
  for (let i = 0; i < 20; i++) await db.$transaction(async (tx) => addUser(tx));
}

beforeAll(() => {
  ({ file } = migratedDatabase());
  dir = path.dirname(file);
  db = new PrismaClient({ adapter: new ResilientSQLiteAdapter({ url: `file:${file}`, fileMustExist: true }), transactionOptions: { maxWait: 2 * BUSY_TIMEOUT_MS } });
}, 120_000); // migrations on a busy machine

afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a write lock held elsewhere past the busy timeout answers busy, and every later write succeeds", async () => {
  await addUser(); // connected, WAL on
  const other = new Database(file);
  other.exec("BEGIN IMMEDIATE");
  try {
    const results = await Promise.allSettled([addUser(), db.$transaction(async (tx) => addUser(tx)), db.$transaction([db.user.count(), db.user.deleteMany({ where: { name: "none" } })])]);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      if (r.status === "rejected") expect(databaseFaultOf(r.reason)).toBe("busy");
    }
    // Reads still work while another process writes.
    expect(await db.user.count()).toBe(1);
  } finally {
    other.exec("ROLLBACK");
    other.close();
  }
  await twentyWrites();
  expect(await db.user.count()).toBe(21);
});

test("a lock released before the timeout lets the waiting write through", async () => {
  const other = new Database(file);
  other.exec("BEGIN IMMEDIATE");
  const waiting = db.$transaction(async (tx) => addUser(tx));
  setTimeout(() => {
    other.exec("COMMIT");
    other.close();
  }, 200);
  await expect(waiting).resolves.toHaveProperty("id");
});

test("a COMMIT that fails (a deferred foreign key) rolls back and frees the connection", async () => {
  const failing = db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
    await tx.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("id", "userId", "userName", "action", "targetType", "targetId", "summary") VALUES ('x', 'no-such-user', 'n', 'a', 't', 'i', 's')`);
  });
  await expect(failing).rejects.toThrow();
  expect(await db.auditEvent.count({ where: { id: "x" } })).toBe(0);
  await twentyWrites();
});

test("a transaction that throws rolls back and frees the connection", async () => {
  const users = await db.user.count();
  await expect(db.$transaction(async (tx) => {
    await addUser(tx);
    throw new Error("changed my mind");
  })).rejects.toThrow("changed my mind");
  expect(await db.user.count()).toBe(users);
  await twentyWrites();
});

test("the adapter is the version these paths were checked against", () => {
  // lib/sqlite-adapter.ts relies only on the adapter's queryRaw/executeRaw/executeScript and on the
  // engine ending a transaction with COMMIT/ROLLBACK through executeRaw. After an upgrade, read the
  // adapter's startTransaction and the engine's transaction manager again, then update this version.
  const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules/@prisma/adapter-better-sqlite3/package.json"), "utf8")) as { version: string };
  expect(pkg.version).toBe("6.19.3");
});
