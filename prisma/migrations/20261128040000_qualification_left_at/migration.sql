-- DropIndex
DROP INDEX "Qualification_indicator_unitId_qualifiedAt_idx";

-- AlterTable
ALTER TABLE "Qualification" ADD COLUMN "leftAt" DATETIME;

-- CreateIndex
CREATE INDEX "Qualification_indicator_unitId_qualifiedAt_leftAt_idx" ON "Qualification"("indicator", "unitId", "qualifiedAt", "leftAt");

