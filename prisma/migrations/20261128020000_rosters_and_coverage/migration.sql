-- CreateTable
CREATE TABLE "RosterEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "phone" TEXT,
    "taxCode" TEXT,
    "externalId" TEXT,
    "userId" TEXT,
    "leftAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RosterEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RosterEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Qualification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicator" TEXT NOT NULL,
    "rosterEntryId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "qualifiedAt" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Qualification_rosterEntryId_fkey" FOREIGN KEY ("rosterEntryId") REFERENCES "RosterEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RosterEntry_unitId_targetGroup_leftAt_idx" ON "RosterEntry"("unitId", "targetGroup", "leftAt");

-- CreateIndex
CREATE INDEX "RosterEntry_phone_idx" ON "RosterEntry"("phone");

-- CreateIndex
CREATE INDEX "RosterEntry_userId_idx" ON "RosterEntry"("userId");

-- CreateIndex
CREATE INDEX "Qualification_indicator_unitId_qualifiedAt_idx" ON "Qualification"("indicator", "unitId", "qualifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Qualification_indicator_rosterEntryId_key" ON "Qualification"("indicator", "rosterEntryId");

