-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Qualification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicator" TEXT NOT NULL,
    "rosterEntryId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "qualifiedAt" DATETIME NOT NULL,
    "month" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "leftAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Qualification_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Qualification" ("createdAt", "id", "indicator", "leftAt", "qualifiedAt", "rosterEntryId", "source", "unitId") SELECT "createdAt", "id", "indicator", "leftAt", "qualifiedAt", "rosterEntryId", "source", "unitId" FROM "Qualification";
DROP TABLE "Qualification";
ALTER TABLE "new_Qualification" RENAME TO "Qualification";
CREATE INDEX "Qualification_indicator_unitId_month_qualifiedAt_leftAt_idx" ON "Qualification"("indicator", "unitId", "month", "qualifiedAt", "leftAt");
CREATE UNIQUE INDEX "Qualification_indicator_rosterEntryId_key" ON "Qualification"("indicator", "rosterEntryId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Existing rows: the month of their qualification (stored as ISO text, UTC; close enough for months).
UPDATE "Qualification" SET "month" = substr("qualifiedAt", 1, 7) WHERE "month" = '';
