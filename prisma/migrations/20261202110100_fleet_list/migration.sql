-- The server list's facts (issue 17): columns added in place (not a table rebuild) so the
-- ServerProfile table keeps whatever earlier migrations made of its other columns. Existing servers
-- start with indexedVersion NULL: the list indexes them (lib/data/fleet-index.ts) before it counts,
-- so their backend, warnings, address keys and exposure rows appear without any manual step.
ALTER TABLE "ServerProfile" ADD COLUMN "backend" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ServerProfile" ADD COLUMN "criticalWarnings" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ServerProfile" ADD COLUMN "criticalOpen" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ServerProfile" ADD COLUMN "ipv4Key" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ServerProfile" ADD COLUMN "ipv6Key" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ServerProfile" ADD COLUMN "indexedVersion" INTEGER;
ALTER TABLE "ServerProfile" ADD COLUMN "tags" TEXT NOT NULL DEFAULT '';

-- Covers every column the list filters, sorts and shows: counting and sorting never read the document.
CREATE INDEX "ServerProfile_list_idx" ON "ServerProfile"("createdAt", "id", "name", "hostname", "ipv4", "ipv6", "os", "panel", "backend", "tags", "criticalWarnings", "criticalOpen", "version", "indexedVersion", "verifiedVersion", "verifyVerdict", "verifyMatches", "verifiedAt", "updatedAt", "ipv4Key", "ipv6Key");
CREATE INDEX "ServerProfile_ipv4Key_idx" ON "ServerProfile"("ipv4Key");
CREATE INDEX "ServerProfile_ipv6Key_idx" ON "ServerProfile"("ipv6Key");

-- CreateTable
CREATE TABLE "ServerExposure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "serverProfileId" TEXT NOT NULL,
    "portFrom" INTEGER NOT NULL,
    "portTo" INTEGER NOT NULL,
    "isRange" BOOLEAN NOT NULL,
    "protocol" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "openToAnyone" BOOLEAN NOT NULL,
    "service" TEXT NOT NULL,
    CONSTRAINT "ServerExposure_serverProfileId_fkey" FOREIGN KEY ("serverProfileId") REFERENCES "ServerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ServerExposure_serverProfileId_idx" ON "ServerExposure"("serverProfileId");
CREATE INDEX "ServerExposure_portFrom_serverProfileId_idx" ON "ServerExposure"("portFrom", "serverProfileId");
CREATE INDEX "ServerExposure_isRange_portFrom_idx" ON "ServerExposure"("isRange", "portFrom");
CREATE INDEX "ServerExposure_service_serverProfileId_idx" ON "ServerExposure"("service", "serverProfileId");
