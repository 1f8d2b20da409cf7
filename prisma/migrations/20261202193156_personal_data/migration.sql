-- AlterTable
ALTER TABLE "User" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "noticeVersion" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Consent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SelfCheckTally" (
    "courseSlug" TEXT NOT NULL,
    "moduleSlug" TEXT NOT NULL,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("courseSlug", "moduleSlug")
);

-- CreateIndex
CREATE INDEX "Consent_userId_noticeVersion_idx" ON "Consent"("userId", "noticeVersion");


-- Children learn without an account from now on (issue 16): each child account made before is
-- erased as a deleted account is (app/models/personal-data.server.ts). Its progress, completions
-- and the qualifications of its roster entries stay, tied to the nameless row, so the counts hold.
DELETE FROM "Session" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "PhoneCode" WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "Certificate" WHERE "kind" = 'course' AND "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
DELETE FROM "OrganisationInvitation" WHERE "phone" IN (SELECT "phone" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "AttendanceConfirmation" SET "phone" = 'erased:' || "id", "phoneAsTyped" = '' WHERE "phone" IN (SELECT "phone" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "RosterEntry" SET "name" = '', "searchName" = '', "phone" = NULL, "externalId" = NULL WHERE "userId" IN (SELECT "id" FROM "User" WHERE "targetGroup" = 'CHILD' AND "role" = 'learner');
UPDATE "User" SET "fullName" = '', "searchName" = '', "phone" = 'erased:' || "id", "email" = NULL, "passwordHash" = NULL, "setupCodeHash" = NULL, "setupExpiresAt" = NULL, "organisationId" = NULL, "erasedAt" = CURRENT_TIMESTAMP WHERE "targetGroup" = 'CHILD' AND "role" = 'learner';
