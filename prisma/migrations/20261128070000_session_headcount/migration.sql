-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN "headcount" INTEGER;
ALTER TABLE "TrainingSession" ADD COLUMN "headcountGroup" TEXT;

