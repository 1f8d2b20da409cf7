-- AlterTable
ALTER TABLE "RosterEntry" ADD COLUMN "formerUnitId" TEXT;
ALTER TABLE "RosterEntry" ADD COLUMN "mergedIntoId" TEXT;

-- CreateIndex
CREATE INDEX "RosterEntry_unitId_searchName_idx" ON "RosterEntry"("unitId", "searchName");

