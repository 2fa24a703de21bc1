-- Server names are unique regardless of case: "WEB1" beside "web1" names two servers the same
-- way in every menu, download and audit line. Existing pairs are renamed predictably before the
-- index becomes case-insensitive: the oldest profile (createdAt, then id) keeps its name, each
-- later one gets its own spelling plus "-2", "-3", ... (cut to 64 characters), skipping any
-- suffix whose name is in use in any case. Each rename is recorded in the audit trail with the
-- old and the new name; nothing else changes. SQLite's NOCASE folds ASCII letters, as lower() does.

CREATE TEMP TABLE "_Ranked" AS
SELECT "id", "name", lower("name") AS "folded",
  ROW_NUMBER() OVER (PARTITION BY lower("name") ORDER BY "createdAt", "id") AS "k"
FROM "ServerProfile";

CREATE TEMP TABLE "_Rename" AS SELECT "id", "name" AS "old", "folded", "k" - 1 AS "k" FROM "_Ranked" WHERE "k" > 1;
CREATE TEMP TABLE "_Taken" AS SELECT "folded" FROM "_Ranked" WHERE "k" = 1;

-- Per folded name, the free suffixes in order. A group needs at most (its renames + the names in
-- use sharing its first 57 characters) tries, as each name in use blocks at most one suffix.
CREATE TEMP TABLE "_Assigned" AS
WITH RECURSIVE
  "groups" AS (
    SELECT g."folded", COUNT(*) + (
      SELECT COUNT(*) FROM "_Taken" t WHERE substr(t."folded", 1, length(substr(g."folded", 1, 57))) = substr(g."folded", 1, 57)
    ) AS "tries"
    FROM "_Rename" g GROUP BY g."folded"
  ),
  "seq" ("folded", "n") AS (
    SELECT "folded", 2 FROM "groups"
    UNION ALL
    SELECT s."folded", s."n" + 1 FROM "seq" s JOIN "groups" g ON g."folded" = s."folded" WHERE s."n" <= g."tries"
  ),
  "free" AS (
    SELECT s."folded", s."n", ROW_NUMBER() OVER (PARTITION BY s."folded" ORDER BY s."n") AS "k"
    FROM "seq" s
    WHERE rtrim(substr(s."folded", 1, 63 - length(s."n"))) || '-' || s."n" NOT IN (SELECT "folded" FROM "_Taken")
  )
SELECT r."id", r."old", rtrim(substr(r."old", 1, 63 - length(f."n"))) || '-' || f."n" AS "new"
FROM "_Rename" r JOIN "free" f ON f."folded" = r."folded" AND f."k" = r."k";

UPDATE "ServerProfile"
SET "name" = (SELECT a."new" FROM "_Assigned" a WHERE a."id" = "ServerProfile"."id")
WHERE "id" IN (SELECT "id" FROM "_Assigned");

INSERT INTO "AuditEvent" ("id", "userName", "action", "targetType", "targetId", "summary", "details")
SELECT
  'rename' || lower(hex(randomblob(10))),
  '(system)',
  'server.rename',
  'server',
  a."id",
  'Renamed "' || a."old" || '" to "' || a."new" || '": server names are unique regardless of case',
  json_object('from', a."old", 'to', a."new", 'migration', '20261202110000_server_name_nocase')
FROM "_Assigned" a;

DROP TABLE "_Assigned";
DROP TABLE "_Taken";
DROP TABLE "_Rename";
DROP TABLE "_Ranked";

-- The same index Prisma knows (@unique on name), now comparing without case.
DROP INDEX "ServerProfile_name_key";
CREATE UNIQUE INDEX "ServerProfile_name_key" ON "ServerProfile"("name" COLLATE NOCASE);
