-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "reason" TEXT;

-- CreateTable
CREATE TABLE "MessageOptOut" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "channel" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MessageOptOutLink" (
    "token" TEXT NOT NULL PRIMARY KEY,
    "address" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "MessageOptOut_address_key" ON "MessageOptOut"("address");

-- CreateIndex
CREATE UNIQUE INDEX "MessageOptOutLink_address_key" ON "MessageOptOutLink"("address");

