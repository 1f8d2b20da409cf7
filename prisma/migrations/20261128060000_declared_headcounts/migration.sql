-- CreateTable
CREATE TABLE "DeclaredHeadcount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "targetGroup" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "declaredById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DeclaredHeadcount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DeclaredHeadcount_unitId_targetGroup_period_key" ON "DeclaredHeadcount"("unitId", "targetGroup", "period");

