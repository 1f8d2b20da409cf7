-- CreateTable
CREATE TABLE "UnitSuccession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "fromUnitId" TEXT NOT NULL,
    "toUnitId" TEXT NOT NULL,
    "effectiveOn" DATETIME NOT NULL,
    "whole" BOOLEAN NOT NULL DEFAULT true,
    "primary" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UnitSuccession_fromUnitId_fkey" FOREIGN KEY ("fromUnitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UnitSuccession_toUnitId_fkey" FOREIGN KEY ("toUnitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UnitSuccession_toUnitId_idx" ON "UnitSuccession"("toUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSuccession_fromUnitId_toUnitId_key" ON "UnitSuccession"("fromUnitId", "toUnitId");

