-- Server names follow the profile format's rule (lib/firewall/policy/server.ts): they start with a
-- letter or digit and use only letters, digits, spaces, . _ -. The dashboard used to accept names
-- starting with - . _ (and cloned copies as "Copy of web (2)"), which every matrix, download and
-- export then refused. Such names are renamed predictably: brackets dropped, leading - . _ and
-- spaces stripped, "server" if nothing is left, then "-2", "-3", ... on a clash with a name in use
-- or an earlier rename (oldest profile first). Each rename is recorded in the audit trail with the
-- old and the new name; nothing else changes.

CREATE TEMP TABLE "_Rename" AS
SELECT
  "id",
  "name" AS "old",
  COALESCE(NULLIF(rtrim(substr(ltrim(replace(replace("name", '(', ''), ')', ''), '-._ '), 1, 64)), ''), 'server') AS "base",
  ROW_NUMBER() OVER (
    PARTITION BY COALESCE(NULLIF(rtrim(substr(ltrim(replace(replace("name", '(', ''), ')', ''), '-._ '), 1, 64)), ''), 'server')
    ORDER BY "createdAt", "id"
  ) AS "k"
FROM "ServerProfile"
WHERE "name" GLOB '[-._ ]*' OR "name" GLOB '*[()]*';

CREATE TEMP TABLE "_Taken" AS
SELECT "name" FROM "ServerProfile" WHERE "id" NOT IN (SELECT "id" FROM "_Rename");

-- Per base name, the free candidates in order: base, base-2, base-3, ... (cut to 64 characters).
-- A base needs at most (all renames + the names in use sharing its first 57 characters) tries.
CREATE TEMP TABLE "_Assigned" AS
WITH RECURSIVE
  "groups" AS (
    SELECT g."base", (SELECT COUNT(*) FROM "_Rename") + (
      SELECT COUNT(*) FROM "_Taken" t WHERE substr(t."name", 1, length(substr(g."base", 1, 57))) = substr(g."base", 1, 57)
    ) AS "tries"
    FROM "_Rename" g GROUP BY g."base"
  ),
  "seq" ("base", "n") AS (
    SELECT "base", 1 FROM "groups"
    UNION ALL
    SELECT s."base", s."n" + 1 FROM "seq" s JOIN "groups" g ON g."base" = s."base" WHERE s."n" < g."tries"
  ),
  "candidates" AS (
    SELECT "base", "n",
      CASE WHEN "n" = 1 THEN "base" ELSE rtrim(substr("base", 1, 63 - length("n"))) || '-' || "n" END AS "name"
    FROM "seq"
  ),
  "free" AS (
    SELECT c."base", c."name", ROW_NUMBER() OVER (PARTITION BY c."base" ORDER BY c."n") AS "k"
    FROM "candidates" c
    WHERE c."name" NOT IN (SELECT "name" FROM "_Taken")
      AND c."name" NOT IN (SELECT g."base" FROM "groups" g WHERE g."base" <> c."base")
  )
SELECT r."id", r."old", f."name" AS "new"
FROM "_Rename" r JOIN "free" f ON f."base" = r."base" AND f."k" = r."k";

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
  'Renamed "' || a."old" || '" to "' || a."new" || '": a server name starts with a letter or digit and uses only letters, digits, spaces, . _ -',
  json_object('from', a."old", 'to', a."new", 'migration', '20261202000000_server_names')
FROM "_Assigned" a;

DROP TABLE "_Assigned";
DROP TABLE "_Taken";
DROP TABLE "_Rename";
