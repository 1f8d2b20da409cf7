-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Qualification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicator" TEXT NOT NULL,
    "rosterEntryId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "qualifiedAt" DATETIME NOT NULL,
    "period" TEXT NOT NULL DEFAULT '',
    "month" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "leftAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Qualification_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Qualification" ("createdAt", "id", "indicator", "leftAt", "month", "qualifiedAt", "rosterEntryId", "source", "unitId") SELECT "createdAt", "id", "indicator", "leftAt", "month", "qualifiedAt", "rosterEntryId", "source", "unitId" FROM "Qualification";
DROP TABLE "Qualification";
ALTER TABLE "new_Qualification" RENAME TO "Qualification";
CREATE INDEX "Qualification_indicator_unitId_month_qualifiedAt_leftAt_idx" ON "Qualification"("indicator", "unitId", "month", "qualifiedAt", "leftAt");
CREATE UNIQUE INDEX "Qualification_indicator_rosterEntryId_period_key" ON "Qualification"("indicator", "rosterEntryId", "period");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

