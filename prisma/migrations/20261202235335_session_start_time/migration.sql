-- AlterTable
ALTER TABLE "TrainingSession" ADD COLUMN "startTime" TEXT;

