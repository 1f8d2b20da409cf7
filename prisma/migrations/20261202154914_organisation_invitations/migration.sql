-- CreateTable
CREATE TABLE "OrganisationInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "phoneAsTyped" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "invitedFrom" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "respondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrganisationInvitation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrganisationInvitation_phone_status_idx" ON "OrganisationInvitation"("phone", "status");

-- CreateIndex
CREATE INDEX "OrganisationInvitation_organisationId_status_idx" ON "OrganisationInvitation"("organisationId", "status");

-- CreateIndex
CREATE INDEX "OrganisationInvitation_invitedById_createdAt_idx" ON "OrganisationInvitation"("invitedById", "createdAt");

-- CreateIndex
CREATE INDEX "OrganisationInvitation_invitedFrom_createdAt_idx" ON "OrganisationInvitation"("invitedFrom", "createdAt");

