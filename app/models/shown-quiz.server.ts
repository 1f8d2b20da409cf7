import type { CatalogueModule } from "#app/content/catalogue.server";
import { shownQuizSchema, type Quiz } from "#app/content/schemas";
import { prisma } from "#app/utils/db.server";
import { decodeJsonColumn } from "#app/utils/json-column";

import type { QuizLayout } from "./grade.server";

/**
 * Keeps the quiz as this attempt shows it. Called when a course is downloaded: the learner may
 * answer offline for days, while the content can change on the server.
 */
export async function keepShownQuiz(attemptId: string, module: CatalogueModule, layout: QuizLayout) {
  const shown = new Set(layout.map((entry) => entry.question));
  const questions = module.quiz.questions.filter((question) => shown.has(question.id));
  const quiz: Quiz = { passMark: module.quiz.passMark, perAttempt: questions.length, questions };
  await prisma.shownQuiz.upsert({
    where: { attemptId },
    update: {},
    create: { attemptId, quiz: JSON.stringify(quiz) },
    select: { id: true },
  });
}

/** The quiz an attempt showed, when it was kept; null otherwise. */
export async function getShownQuiz(attemptId: string) {
  const row = await prisma.shownQuiz.findUnique({ where: { attemptId }, select: { quiz: true } });
  if (!row) return null;
  return decodeJsonColumn(row.quiz, shownQuizSchema);
}
