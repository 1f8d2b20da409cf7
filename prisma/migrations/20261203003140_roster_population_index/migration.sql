-- DropIndex
DROP INDEX "RosterEntry_unitId_targetGroup_leftAt_idx";

-- CreateIndex
CREATE INDEX "RosterEntry_unitId_targetGroup_leftAt_mergedIntoId_idx" ON "RosterEntry"("unitId", "targetGroup", "leftAt", "mergedIntoId");
