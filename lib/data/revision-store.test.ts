import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { clientOf, migratedDatabase } from "@/tests/support/database";
import { MAX_CHAIN, pruneRevisions, readRevisionText, storeRevision } from "./revision-store";

// Real SQLite with the committed migrations; no server, no session.
let db: PrismaClient;
let serial = 0;

// Running the migrations takes seconds on a busy machine.
beforeAll(() => {
  db = clientOf(migratedDatabase().url);
}, 120_000);
afterAll(async () => db.$disconnect());

async function newProfile(): Promise<string> {
  const row = await db.serverProfile.create({ data: { name: `p${serial++}`, os: "debian", panel: "froxlor" }, select: { id: true } });
  return row.id;
}

/** A pretty-printed document with a list of entries, as the profile format looks. */
const documentOf = (entries: string[]) => `${JSON.stringify({ policy: { blocked: entries.map((address) => ({ address, comment: "" })) } }, null, 2)}\n`;

async function save(id: string, version: number, text: string, baseText: string | null, createdAt?: Date) {
  await db.$transaction(async (tx) => {
    await storeRevision(tx, { serverProfileId: id, version, text, baseText, kind: "matrix", userId: null, userName: "test" });
    if (createdAt) await tx.profileRevision.update({ where: { serverProfileId_version: { serverProfileId: id, version } }, data: { createdAt } });
  });
}

describe("revision store", () => {
  test("every revision of a sequence of edits reads back byte for byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.ipV4(), { maxLength: 30 }), { minLength: 1, maxLength: 40 }), fc.boolean(), async (lists, trustBase) => {
        const id = await newProfile();
        const texts = lists.map(documentOf);
        for (const [i, text] of texts.entries()) await save(id, i + 1, text, i > 0 && trustBase ? (texts[i - 1] ?? null) : null);
        for (const [i, text] of texts.entries()) expect(await readRevisionText(db, id, i + 1)).toBe(text);
        const longest = await db.profileRevision.aggregate({ where: { serverProfileId: id }, _max: { chainLength: true } });
        expect(longest._max.chainLength ?? 0).toBeLessThan(MAX_CHAIN);
      }),
      { numRuns: 25 },
    );
  });

  test("a wrong hint for the base text is checked, not trusted", async () => {
    const id = await newProfile();
    await save(id, 1, documentOf(["192.0.2.1", "192.0.2.2"]), null);
    await save(id, 2, documentOf(["192.0.2.1", "192.0.2.3"]), documentOf(["198.51.100.9"]));
    expect(await readRevisionText(db, id, 2)).toBe(documentOf(["192.0.2.1", "192.0.2.3"]));
  });

  test("small edits of a large document are stored as small deltas", async () => {
    const id = await newProfile();
    const entries = Array.from({ length: 5000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    await save(id, 1, documentOf(entries), null);
    entries[2500] = "192.0.2.77";
    await save(id, 2, documentOf(entries), null);
    const rows = await db.profileRevision.findMany({ where: { serverProfileId: id }, orderBy: { version: "asc" }, select: { encoding: true, data: true } });
    expect(rows.map((r) => r.encoding)).toEqual(["full", "delta"]);
    expect(rows[1]?.data.byteLength).toBeLessThan(200);
  });

  test("retention removes the oldest revisions, keeps every later one readable, never the current one", async () => {
    const id = await newProfile();
    const old = new Date(Date.now() - 400 * 24 * 60 * 60 * 1000);
    const texts = Array.from({ length: 10 }, (_, i) => documentOf(Array.from({ length: 50 + i }, (_, k) => `10.1.${i}.${k}`)));
    for (const [i, text] of texts.entries()) await save(id, i + 1, text, texts[i - 1] ?? null, old);

    expect(await pruneRevisions(db, id, { keep: 3, keepDays: 365 })).toBe(7);
    const left = await db.profileRevision.findMany({ where: { serverProfileId: id }, orderBy: { version: "asc" }, select: { version: true, encoding: true } });
    expect(left.map((r) => r.version)).toEqual([8, 9, 10]);
    expect(left[0]?.encoding).toBe("full");
    for (const v of [8, 9, 10]) expect(await readRevisionText(db, id, v)).toBe(texts[v - 1]);

    // Age alone, everything expired: the current revision stays.
    expect(await pruneRevisions(db, id, { keep: 0, keepDays: 30 })).toBe(2);
    expect(await readRevisionText(db, id, 10)).toBe(texts[9]);
    // Young revisions stay whatever their number.
    const young = await newProfile();
    for (const [i, text] of texts.entries()) await save(young, i + 1, text, null);
    expect(await pruneRevisions(db, young, { keep: 1, keepDays: 30 })).toBe(0);
    expect(await pruneRevisions(db, young, { keep: 0, keepDays: 0 })).toBe(0);
  });
});

describe("the revision storage migration", () => {
  test("converts every stored document, byte for byte, and the app compresses them later", async () => {
    const dir = path.join(__dirname, "..", "..", "prisma", "migrations");
    const migrations = fs.readdirSync(dir).filter((d) => /^\d+_/.test(d)).sort();
    const index = migrations.findIndex((m) => m.endsWith("_revision_storage"));
    const { file } = migratedDatabase();
    fs.rmSync(file);
    const sqlite = new Database(file);
    for (const m of migrations.slice(0, index)) sqlite.exec(fs.readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
    const texts = ["{\n  \"a\": \"ünïcödé ✓\"\n}\n", documentOf(["192.0.2.1"])];
    sqlite.prepare(`INSERT INTO "ServerProfile" (id, name, os, panel, updatedAt) VALUES ('s1', 'old', 'debian', 'froxlor', 0)`).run();
    texts.forEach((t, i) => sqlite.prepare(`INSERT INTO "ProfileRevision" (id, serverProfileId, version, document, kind, userName) VALUES (?, 's1', ?, ?, 'edit', 'x')`).run(`r${i}`, i + 1, t));
    for (const m of migrations.slice(index)) sqlite.exec(fs.readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
    sqlite.close();

    const migrated = clientOf(`file:${file}`);
    try {
      for (const [i, t] of texts.entries()) expect(await readRevisionText(migrated, "s1", i + 1)).toBe(t);
      // The next save stores a full copy (the plain row has no checksum) and compresses the plain rows.
      await storeRevision(migrated, { serverProfileId: "s1", version: 3, text: texts[1] ?? "", baseText: texts[1] ?? null, kind: "edit", userId: null, userName: "x" });
      await pruneRevisions(migrated, "s1", { keep: 0, keepDays: 0 });
      const rows = await migrated.profileRevision.findMany({ where: { serverProfileId: "s1" }, select: { encoding: true } });
      expect(rows.map((r) => r.encoding)).toEqual(["full", "full", "full"]);
      for (const [i, t] of [...texts, texts[1]].entries()) expect(await readRevisionText(migrated, "s1", i + 1)).toBe(t);
    } finally {
      await migrated.$disconnect();
    }
  });
});
