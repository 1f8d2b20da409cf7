-- AlterTable
ALTER TABLE "RosterEntry" ADD COLUMN "lastContactAt" DATETIME;
ALTER TABLE "RosterEntry" ADD COLUMN "lastContactKind" TEXT;

-- CreateTable
CREATE TABLE "ContactEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rosterEntryId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "happenedAt" DATETIME NOT NULL,
    "actorId" TEXT NOT NULL,
    "trainingSessionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ContactEvent_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContactEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ContactEvent_trainingSessionId_fkey" FOREIGN KEY ("trainingSessionId") REFERENCES "TrainingSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrainingSessionInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trainingSessionId" TEXT NOT NULL,
    "rosterEntryId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "replyToken" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "respondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingSessionInvitation_trainingSessionId_fkey" FOREIGN KEY ("trainingSessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TrainingSessionInvitation_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ContactEvent_rosterEntryId_happenedAt_idx" ON "ContactEvent"("rosterEntryId", "happenedAt");

-- CreateIndex
CREATE INDEX "ContactEvent_happenedAt_rosterEntryId_idx" ON "ContactEvent"("happenedAt", "rosterEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSessionInvitation_replyToken_key" ON "TrainingSessionInvitation"("replyToken");

-- CreateIndex
CREATE INDEX "TrainingSessionInvitation_rosterEntryId_idx" ON "TrainingSessionInvitation"("rosterEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSessionInvitation_trainingSessionId_rosterEntryId_key" ON "TrainingSessionInvitation"("trainingSessionId", "rosterEntryId");

