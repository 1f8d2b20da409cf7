-- CreateTable
CREATE TABLE "CertificationApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "renewsId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "answers" TEXT,
    "assessmentVersion" TEXT,
    "assessedAt" DATETIME,
    "profile" TEXT,
    "pledgeName" TEXT,
    "pledgePosition" TEXT,
    "pledgedAt" DATETIME,
    "submittedById" TEXT,
    "submittedAt" DATETIME,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CertificationApplication_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CertificationApplication_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CertificationApplication_renewsId_fkey" FOREIGN KEY ("renewsId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificationEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "CertificationApplication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "visitedOn" DATETIME NOT NULL,
    "inspector" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Inspection_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "CertificationApplication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "organisationId" TEXT,
    "applicationId" TEXT,
    "userId" TEXT,
    "courseSlug" TEXT,
    "holderName" TEXT NOT NULL,
    "holderSearchName" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "previousId" TEXT,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revocationReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certificate_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certificate_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "CertificationApplication" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Certificate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Certificate_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "taxCode" TEXT,
    "craftVillage" BOOLEAN NOT NULL DEFAULT false,
    "sector" TEXT NOT NULL DEFAULT '',
    "workerCount" INTEGER NOT NULL DEFAULT 0,
    "workersUnder13" INTEGER NOT NULL DEFAULT 0,
    "workers13To15" INTEGER NOT NULL DEFAULT 0,
    "workers15To18" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "AdminUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Organisation" ("craftVillage", "createdAt", "id", "kind", "name", "searchName", "taxCode", "unitId", "updatedAt") SELECT "craftVillage", "createdAt", "id", "kind", "name", "searchName", "taxCode", "unitId", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_taxCode_key" ON "Organisation"("taxCode");
CREATE INDEX "Organisation_unitId_kind_idx" ON "Organisation"("unitId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CertificationApplication_unitId_status_idx" ON "CertificationApplication"("unitId", "status");

-- CreateIndex
CREATE INDEX "CertificationApplication_organisationId_createdAt_idx" ON "CertificationApplication"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "CertificationEvent_applicationId_createdAt_idx" ON "CertificationEvent"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "Inspection_applicationId_visitedOn_idx" ON "Inspection"("applicationId", "visitedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_code_key" ON "Certificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_applicationId_key" ON "Certificate"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_previousId_key" ON "Certificate"("previousId");

-- CreateIndex
CREATE INDEX "Certificate_kind_unitId_expiresAt_idx" ON "Certificate"("kind", "unitId", "expiresAt");

-- CreateIndex
CREATE INDEX "Certificate_organisationId_issuedAt_idx" ON "Certificate"("organisationId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_userId_courseSlug_key" ON "Certificate"("userId", "courseSlug");

