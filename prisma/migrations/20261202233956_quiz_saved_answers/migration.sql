-- AlterTable
ALTER TABLE "QuizAttempt" ADD COLUMN "savedAnswers" TEXT;

