-- Revisions store deflated full copies and line deltas instead of the whole document text each time.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProfileRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverProfileId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL DEFAULT 'full',
    "data" BLOB NOT NULL,
    "baseVersion" INTEGER,
    "chainLength" INTEGER NOT NULL DEFAULT 0,
    "chainBytes" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "userName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProfileRevision_serverProfileId_fkey" FOREIGN KEY ("serverProfileId") REFERENCES "ServerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProfileRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Every stored document is kept as it was, byte for byte ("plain": its UTF-8 text); SQLite has no
-- deflate, so the app compresses these rows when it next prunes the profile's revisions.
INSERT INTO "new_ProfileRevision" ("createdAt", "id", "kind", "serverProfileId", "userId", "userName", "version", "encoding", "data", "size")
SELECT "createdAt", "id", "kind", "serverProfileId", "userId", "userName", "version", 'plain', CAST("document" AS BLOB), length(CAST("document" AS BLOB)) FROM "ProfileRevision";
DROP TABLE "ProfileRevision";
ALTER TABLE "new_ProfileRevision" RENAME TO "ProfileRevision";
CREATE UNIQUE INDEX "ProfileRevision_serverProfileId_version_key" ON "ProfileRevision"("serverProfileId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

