-- DropIndex
DROP INDEX "RosterEntry_unitId_targetGroup_leftAt_idx";

-- DropIndex
DROP INDEX "RosterEntry_unitId_searchName_idx";

-- CreateIndex
CREATE INDEX "RosterEntry_unitId_targetGroup_leftAt_mergedIntoId_idx" ON "RosterEntry"("unitId", "targetGroup", "leftAt", "mergedIntoId");

-- CreateIndex
CREATE INDEX "RosterEntry_unitId_mergedIntoId_searchName_idx" ON "RosterEntry"("unitId", "mergedIntoId", "searchName");

-- CreateIndex
CREATE INDEX "RosterEntry_mergedIntoId_searchName_id_unitId_idx" ON "RosterEntry"("mergedIntoId", "searchName", "id", "unitId");

