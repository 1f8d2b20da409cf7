-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "courses" TEXT NOT NULL,
    "trainer" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrainingSession_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "rosterEntryId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attendance_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TrainingSession_unitId_heldOn_idx" ON "TrainingSession"("unitId", "heldOn");

-- CreateIndex
CREATE INDEX "Attendance_rosterEntryId_idx" ON "Attendance"("rosterEntryId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_sessionId_rosterEntryId_key" ON "Attendance"("sessionId", "rosterEntryId");

