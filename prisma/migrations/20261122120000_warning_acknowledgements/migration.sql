-- CreateTable
CREATE TABLE "WarningAcknowledgement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serverProfileId" TEXT NOT NULL,
    "profileVersion" INTEGER NOT NULL,
    "warningIds" TEXT NOT NULL,
    "userId" TEXT,
    "userName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WarningAcknowledgement_serverProfileId_fkey" FOREIGN KEY ("serverProfileId") REFERENCES "ServerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WarningAcknowledgement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "WarningAcknowledgement_serverProfileId_profileVersion_idx" ON "WarningAcknowledgement"("serverProfileId", "profileVersion");

