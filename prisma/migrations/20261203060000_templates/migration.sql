-- Templates (issue 17): a named policy for one panel that servers follow, with every saved version
-- kept so a follower's three-way merge always has its base. The server columns are added in place
-- (not a table rebuild) so ServerProfile keeps its case-insensitive name index and everything else
-- earlier migrations made of it; existing servers follow no template.

CREATE TABLE "Template" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "panel" TEXT NOT NULL,
    "os" TEXT NOT NULL,
    "policy" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "createdById" TEXT,
    CONSTRAINT "Template_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Unique regardless of case, like server names ("Shared" beside "shared" would name two templates the same way).
CREATE UNIQUE INDEX "Template_name_key" ON "Template"("name" COLLATE NOCASE);

CREATE TABLE "TemplateRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "templateId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "userName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TemplateRevision_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TemplateRevision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "TemplateRevision_templateId_version_key" ON "TemplateRevision"("templateId", "version");

ALTER TABLE "ServerProfile" ADD COLUMN "templateId" TEXT REFERENCES "Template" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ServerProfile" ADD COLUMN "templateVersion" INTEGER;
ALTER TABLE "ServerProfile" ADD COLUMN "templateName" TEXT NOT NULL DEFAULT '';
CREATE INDEX "ServerProfile_templateId_idx" ON "ServerProfile"("templateId");

-- The list's covering index gains the template columns (the list filters and shows them).
DROP INDEX "ServerProfile_list_idx";
CREATE INDEX "ServerProfile_list_idx" ON "ServerProfile"("createdAt", "id", "name", "hostname", "ipv4", "ipv6", "os", "panel", "backend", "tags", "criticalWarnings", "criticalOpen", "version", "indexedVersion", "verifiedVersion", "verifyVerdict", "verifyMatches", "verifiedAt", "updatedAt", "ipv4Key", "ipv6Key", "templateId", "templateName");
