-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ServerProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL DEFAULT '',
    "ipv4" TEXT NOT NULL DEFAULT '',
    "ipv6" TEXT NOT NULL DEFAULT '',
    "os" TEXT NOT NULL,
    "panel" TEXT NOT NULL,
    "sshPort" INTEGER NOT NULL DEFAULT 22,
    "adminSources" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '',
    "policy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "verifiedAt" DATETIME,
    "verifiedVersion" INTEGER,
    "verifyVerdict" TEXT,
    "verifyMatches" INTEGER,
    "verifySummary" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ServerProfile_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ServerProfile" ("adminSources", "createdAt", "createdById", "hostname", "id", "ipv4", "ipv6", "name", "notes", "os", "panel", "policy", "sshPort", "updatedAt", "version") SELECT "adminSources", "createdAt", "createdById", "hostname", "id", "ipv4", "ipv6", "name", "notes", "os", "panel", "policy", "sshPort", "updatedAt", "version" FROM "ServerProfile";
DROP TABLE "ServerProfile";
ALTER TABLE "new_ServerProfile" RENAME TO "ServerProfile";
CREATE UNIQUE INDEX "ServerProfile_name_key" ON "ServerProfile"("name");
CREATE INDEX "ServerProfile_createdAt_idx" ON "ServerProfile"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

