-- CreateTable
CREATE TABLE "AttendanceConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "phoneAsTyped" TEXT NOT NULL,
    "addedById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "userId" TEXT,
    "respondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AttendanceConfirmation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AttendanceConfirmation_phone_status_idx" ON "AttendanceConfirmation"("phone", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AttendanceConfirmation_sessionId_phone_key" ON "AttendanceConfirmation"("sessionId", "phone");

