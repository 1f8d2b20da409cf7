import { randomInt } from "node:crypto";

import type { CatalogueCourse, CatalogueModule } from "#app/content/catalogue.server";
import { Prisma } from "#app/generated/prisma/client";
import { readRows, storedDate } from "#app/utils/database-driver.server";
import { newId, prisma } from "#app/utils/db.server";

import { recordCourseCompletion } from "./course-completion.server";
import { recordQualifications } from "./qualification.server";
import { checkAnswers, grade, layoutFor, readSavedAnswers, type Answers, type Grade, type QuizLayout } from "./grade.server";
import { getShownQuiz } from "./shown-quiz.server";

const dateOrNull = (value: Date | string | null) => (value === null ? null : storedDate(value));

type Tx = Prisma.TransactionClient;

// A learner's quiz start and submission are the busiest writes of the platform (the load test).
// They are hand-written SQL, valid on SQLite and PostgreSQL alike: through the query builder each
// query costs about 1 ms of CPU to compile, against 0.2 ms by hand, and with one event loop per
// server that CPU is every other request's latency. Their new rows take ids from newId().

/**
 * Records the course as completed when every module is read and passed. Runs inside the
 * transaction that completed the last module, so the completion exists from that moment on.
 */
async function completeCourseIfDone(tx: Tx, userId: string, course: CatalogueCourse, now: Date) {
  const [{ done } = { done: 0 }] = await tx.$queryRaw<{ done: bigint | number }[]>`
    SELECT COUNT(*) AS "done" FROM "ModuleProgress"
    WHERE "userId" = ${userId} AND "courseSlug" = ${course.slug} AND "moduleSlug" IN (${Prisma.join(course.modules.map((module) => module.slug))})
      AND "readAt" IS NOT NULL AND "passedAt" IS NOT NULL`;
  if (Number(done) < course.modules.length) return;
  await recordCourseCompletion(tx, userId, course, "online", now);
  await recordQualifications(tx, userId);
}

/** "Đã đọc xong": the learner reached the end of the lesson. Repeating it changes nothing. */
export async function markModuleRead(userId: string, course: CatalogueCourse, module: CatalogueModule, now = new Date()) {
  await prisma.$transaction(async (tx) => {
    const key = { userId_courseSlug_moduleSlug: { userId, courseSlug: course.slug, moduleSlug: module.slug } };
    const existing = await tx.moduleProgress.findUnique({ where: key, select: { readAt: true } });
    if (existing?.readAt) return;
    await tx.moduleProgress.upsert({
      where: key,
      update: { readAt: now, contentVersion: module.version },
      create: { userId, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: module.version, readAt: now },
      select: { id: true },
    });
    await completeCourseIfDone(tx, userId, course, now);
  });
}

/**
 * The attempt to show when a learner opens a quiz: their unsubmitted attempt at the current
 * version if there is one (a double click or a reload does not start a second), else a new one
 * with its own draw from the pool, avoiding the questions of the learner's last attempt.
 */
export async function startAttempt(userId: string, course: CatalogueCourse, module: CatalogueModule) {
  // The latest attempt is the open one when there is one: a new attempt is made only when none is open.
  const [last] = await readRows<{ id: string; contentVersion: string; layout: string; submittedAt: Date | string | null }>(Prisma.sql`
    SELECT "id", "contentVersion", "layout", "submittedAt" FROM "QuizAttempt"
    WHERE "userId" = ${userId} AND "courseSlug" = ${course.slug} AND "moduleSlug" = ${module.slug}
    ORDER BY "startedAt" DESC, ("submittedAt" IS NULL) DESC LIMIT 1`);
  if (last && !last.submittedAt && last.contentVersion === module.version) return { id: last.id };
  const shown = last ? (JSON.parse(last.layout) as QuizLayout).map((entry) => entry.question) : [];
  const layout = layoutFor(module.quiz, randomInt(2 ** 31), shown);
  const id = newId();
  await prisma.$executeRaw`
    INSERT INTO "QuizAttempt" ("id", "userId", "courseSlug", "moduleSlug", "contentVersion", "layout", "startedAt")
    VALUES (${id}, ${userId}, ${course.slug}, ${module.slug}, ${module.version}, ${JSON.stringify(layout)}, ${new Date()})`;
  return { id };
}

type AttemptRow = {
  id: string;
  courseSlug: string;
  moduleSlug: string;
  contentVersion: string;
  layout: string;
  answers: string | null;
  savedAnswers: string | null;
  score: number | null;
  passed: boolean | number | null;
  submittedAt: Date | string | null;
};

/** One of the learner's own attempts; another learner's attempt is as good as missing. */
export async function getOwnAttempt(userId: string, attemptId: string) {
  const [attempt] = await readRows<AttemptRow>(Prisma.sql`
    SELECT "id", "courseSlug", "moduleSlug", "contentVersion", "layout", "answers", "savedAnswers", "score", "passed", "submittedAt"
    FROM "QuizAttempt" WHERE "id" = ${attemptId} AND "userId" = ${userId}`);
  if (!attempt) return null;
  return {
    ...attempt,
    passed: attempt.passed === null ? null : Boolean(attempt.passed),
    submittedAt: dateOrNull(attempt.submittedAt),
    layout: JSON.parse(attempt.layout) as QuizLayout,
    answers: attempt.answers ? (JSON.parse(attempt.answers) as Answers) : null,
    savedAnswers: attempt.savedAnswers ? (JSON.parse(attempt.savedAnswers) as Answers) : null,
  };
}

type SubmitResult = { ok: true; grade: Grade } | { ok: false; problem: "tampered" | "stale" | "not_found" } | { ok: false; problem: "missing"; questionNumbers: number[] };

/**
 * Grades and records a submission once. A repeated post of the same attempt (double click,
 * back button, a retry on a flaky connection) finds it already submitted and records nothing.
 */
export async function submitAttempt(userId: string, attemptId: string, course: CatalogueCourse, module: CatalogueModule, posted: Answers, now = new Date()): Promise<SubmitResult> {
  const attempt = await getOwnAttempt(userId, attemptId);
  if (!attempt || attempt.courseSlug !== course.slug || attempt.moduleSlug !== module.slug) return { ok: false, problem: "not_found" };
  if (attempt.submittedAt && attempt.answers) return { ok: true, grade: grade(module.quiz, attempt.layout, attempt.answers) };
  // The quiz changed since the attempt began: its layout may name questions that no longer exist.
  // An attempt started for offline use kept the quiz it showed, and is graded against that.
  const quiz = attempt.contentVersion === module.version ? module.quiz : await getShownQuiz(attempt.id);
  if (!quiz) return { ok: false, problem: "stale" };
  const read = checkAnswers(posted, attempt.layout, quiz);
  if (!read.ok) return read;
  const result = grade(quiz, attempt.layout, read.answers);
  await prisma.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE "QuizAttempt" SET "answers" = ${JSON.stringify(read.answers)}, "savedAnswers" = NULL, "score" = ${result.score}, "passed" = ${result.passed}, "submittedAt" = ${now}
      WHERE "id" = ${attempt.id} AND "userId" = ${userId} AND "submittedAt" IS NULL`;
    if (count === 0) return;
    // The best score is kept and the first pass's date stays: one upsert, whichever attempt came first.
    // Passing the quiz completes the module even if "Đã đọc xong" was never tapped (issue 18).
    await tx.$executeRaw`
      INSERT INTO "ModuleProgress" ("id", "userId", "courseSlug", "moduleSlug", "contentVersion", "bestScore", "passedAt", "readAt", "createdAt", "updatedAt")
      VALUES (${newId()}, ${userId}, ${course.slug}, ${module.slug}, ${module.version}, ${result.score}, ${result.passed ? now : null}, ${result.passed ? now : null}, ${now}, ${now})
      ON CONFLICT ("userId", "courseSlug", "moduleSlug") DO UPDATE SET
        "contentVersion" = excluded."contentVersion",
        "readAt" = COALESCE("ModuleProgress"."readAt", excluded."readAt"),
        "bestScore" = CASE WHEN "ModuleProgress"."bestScore" IS NULL OR "ModuleProgress"."bestScore" < excluded."bestScore" THEN excluded."bestScore" ELSE "ModuleProgress"."bestScore" END,
        "passedAt" = COALESCE("ModuleProgress"."passedAt", excluded."passedAt"),
        "updatedAt" = excluded."updatedAt"`;
    if (result.passed) await completeCourseIfDone(tx, userId, course, now);
  });
  return { ok: true, grade: result };
}

/**
 * Keeps the answers of a half-done attempt, so that a reload or a return to the quiz shows them
 * (issue 18). Only the owner's open attempt, and only options it showed; each save replaces the last.
 */
export async function saveAnswers(
  userId: string,
  attemptId: string,
  module: CatalogueModule,
  posted: Answers,
): Promise<{ ok: true } | { ok: false; problem: "tampered" | "closed" }> {
  const attempt = await getOwnAttempt(userId, attemptId);
  if (!attempt || attempt.submittedAt || attempt.moduleSlug !== module.slug) return { ok: false, problem: "closed" };
  const quiz = attempt.contentVersion === module.version ? module.quiz : await getShownQuiz(attempt.id);
  if (!quiz) return { ok: false, problem: "closed" };
  const answers = readSavedAnswers(posted, attempt.layout, quiz);
  if (!answers) return { ok: false, problem: "tampered" };
  // A save that arrives after the submission (a slow connection) finds the attempt closed and changes nothing.
  const count = await prisma.$executeRaw`
    UPDATE "QuizAttempt" SET "savedAnswers" = ${JSON.stringify(answers)}
    WHERE "id" = ${attempt.id} AND "userId" = ${userId} AND "submittedAt" IS NULL`;
  return count === 0 ? { ok: false, problem: "closed" } : { ok: true };
}

type ModuleStatus = "not_started" | "in_progress" | "passed";

type ModuleProgressRow = { readAt: Date | string | null; passedAt: Date | string | null; bestScore: number | null };

/**
 * One learner's progress in one module, or null before they start it. Every lesson view runs
 * this, so it is hand-written SQL like the session lookup, read through the driver on SQLite
 * (readRows).
 */
export async function getModuleProgress(userId: string, course: CatalogueCourse, module: CatalogueModule) {
  const [row] = await readRows<ModuleProgressRow>(Prisma.sql`
    SELECT "readAt", "passedAt", "bestScore" FROM "ModuleProgress"
    WHERE "userId" = ${userId} AND "courseSlug" = ${course.slug} AND "moduleSlug" = ${module.slug}`);
  return row ? { readAt: dateOrNull(row.readAt), passedAt: dateOrNull(row.passedAt), bestScore: row.bestScore } : null;
}

/** Per module of one course: read, passed, best score, and the status the course page shows. */
export async function getCourseProgress(userId: string, course: CatalogueCourse) {
  const [rows, completion] = await Promise.all([
    prisma.moduleProgress.findMany({
      where: { userId, courseSlug: course.slug },
      select: { moduleSlug: true, readAt: true, passedAt: true, bestScore: true },
    }),
    prisma.courseCompletion.findUnique({
      where: { userId_courseSlug: { userId, courseSlug: course.slug } },
      select: { completedAt: true, courseVersion: true },
    }),
  ]);
  const bySlug = new Map(rows.map((row) => [row.moduleSlug, row]));
  const modules = course.modules.map((module) => {
    const row = bySlug.get(module.slug);
    const status: ModuleStatus = row?.readAt && row.passedAt ? "passed" : row ? "in_progress" : "not_started";
    return { slug: module.slug, status, read: Boolean(row?.readAt), passed: Boolean(row?.passedAt), bestScore: row?.bestScore ?? null };
  });
  return { modules, completedAt: completion?.completedAt ?? null, completedVersion: completion?.courseVersion ?? null };
}

/** Every course's progress for one learner, in two queries, for the "my courses" page. */
export async function getLearnerProgress(userId: string) {
  const [rows, completions] = await Promise.all([
    prisma.moduleProgress.findMany({
      where: { userId, readAt: { not: null }, passedAt: { not: null } },
      select: { courseSlug: true, moduleSlug: true },
    }),
    prisma.courseCompletion.findMany({ where: { userId }, select: { courseSlug: true, completedAt: true } }),
  ]);
  const doneModules = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = doneModules.get(row.courseSlug) ?? new Set<string>();
    set.add(row.moduleSlug);
    doneModules.set(row.courseSlug, set);
  }
  return { doneModules, completions: new Map(completions.map((row) => [row.courseSlug, row.completedAt])) };
}
