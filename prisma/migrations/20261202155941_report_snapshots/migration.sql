-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportPeriod" TEXT NOT NULL,
    "planPeriod" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "figures" TEXT NOT NULL,
    "activities" TEXT NOT NULL,
    "adjustments" TEXT NOT NULL,
    "sources" TEXT NOT NULL DEFAULT '[]',
    "frozenById" TEXT NOT NULL,
    "frozenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReportSnapshotEntry" (
    "snapshotId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,

    PRIMARY KEY ("snapshotId", "indicator", "recordId")
);

-- CreateTable
CREATE TABLE "ReportReopening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapshotId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "reopenedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReportReopening_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ReportSnapshot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportSnapshot_reportPeriod_unitId_version_key" ON "ReportSnapshot"("reportPeriod", "unitId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ReportReopening_snapshotId_key" ON "ReportReopening"("snapshotId");


-- A frozen snapshot never changes: what a ward sent upward can always be reproduced. A counted
-- record may be deleted only while its snapshot row does not exist yet (a freeze that failed
-- half-way cleans up its staged rows).
CREATE TRIGGER "ReportSnapshot_no_update" BEFORE UPDATE ON "ReportSnapshot"
BEGIN SELECT RAISE(ABORT, 'a frozen report snapshot cannot be changed'); END;
CREATE TRIGGER "ReportSnapshot_no_delete" BEFORE DELETE ON "ReportSnapshot"
BEGIN SELECT RAISE(ABORT, 'a frozen report snapshot cannot be changed'); END;
CREATE TRIGGER "ReportSnapshotEntry_no_update" BEFORE UPDATE ON "ReportSnapshotEntry"
BEGIN SELECT RAISE(ABORT, 'a frozen report snapshot cannot be changed'); END;
CREATE TRIGGER "ReportSnapshotEntry_no_delete" BEFORE DELETE ON "ReportSnapshotEntry"
WHEN EXISTS (SELECT 1 FROM "ReportSnapshot" WHERE "id" = OLD."snapshotId")
BEGIN SELECT RAISE(ABORT, 'a frozen report snapshot cannot be changed'); END;
