-- AlterTable
ALTER TABLE "RosterEntry" ADD COLUMN "birthYear" INTEGER;

-- AlterTable
ALTER TABLE "ImportRow" ADD COLUMN "birthYear" INTEGER;

