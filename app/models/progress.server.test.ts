import { beforeAll, describe, expect, test } from "vitest";

import type { CatalogueCourse } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { answersTo, drawnIds, loadFixtureCourse, rightAnswers } from "#tests/fixtures/content";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { optionsOf } from "./grade.server";
import { getOwnAttempt, markModuleRead, saveAnswers, startAttempt, submitAttempt } from "./progress.server";

let course: CatalogueCourse;
let wardId: string;

beforeAll(async () => {
  course = await loadFixtureCourse();
  wardId = (await createDistrict()).vanPhuc.id;
});

let RIGHT: Record<string, string[]>;
/** Every question of the first module's pool answered wrongly. */
let WRONG: Record<string, string[]>;

beforeAll(() => {
  RIGHT = rightAnswers(course);
  WRONG = { ...RIGHT, ...Object.fromEntries(course.modules[0]!.quiz.questions.map((question) => [question.id, [optionsOf(question).find((option) => !option.correct)!.id]])) };
});

const answerForm = (questionIds: string[], answers: Record<string, string[]> = RIGHT) => answersTo(questionIds, answers);

async function passModule(userId: string, index: number, answers = RIGHT) {
  const module = course.modules[index]!;
  const attempt = await startAttempt(userId, course, module);
  return submitAttempt(userId, attempt.id, course, module, answerForm(await drawnIds(userId, attempt.id), answers));
}

function completionOf(userId: string) {
  return prisma.courseCompletion.findUnique({
    where: { userId_courseSlug: { userId, courseSlug: course.slug } },
    select: { rule: true, contentVersion: true, courseVersion: true, completedAt: true },
  });
}

describe("completion", () => {
  test('a course is complete when every module\'s quiz is passed, "Đã đọc xong" tapped or not, recorded at that moment', async () => {
    const learner = await createUser({ unitId: wardId });
    const [first, second] = course.modules;

    await passModule(learner.id, 0);
    expect(await completionOf(learner.id)).toBeNull();

    const finishedAt = new Date("2026-11-20T03:00:00Z");
    const attempt = await startAttempt(learner.id, course, second!);
    await submitAttempt(learner.id, attempt.id, course, second!, answerForm(await drawnIds(learner.id, attempt.id)), finishedAt);
    // Passing a module's quiz completes it, "Đã đọc xong" tapped or not.
    expect(await completionOf(learner.id)).toEqual({ rule: "online", contentVersion: course.version, courseVersion: "2.0", completedAt: finishedAt });
    await markModuleRead(learner.id, course, first!);
    expect((await completionOf(learner.id))?.completedAt).toEqual(finishedAt);
  });

  test("reading every module without passing the quizzes does not complete the course", async () => {
    const learner = await createUser({ unitId: wardId });
    for (const module of course.modules) await markModuleRead(learner.id, course, module);
    const failed = await passModule(learner.id, 0, WRONG);
    expect(failed).toMatchObject({ ok: true, grade: { passed: false } });
    expect(await completionOf(learner.id)).toBeNull();
  });

  test("a failed attempt after a pass does not undo the pass", async () => {
    const learner = await createUser({ unitId: wardId });
    await passModule(learner.id, 0);
    await passModule(learner.id, 0, WRONG);
    const progress = await prisma.moduleProgress.findFirstOrThrow({
      where: { userId: learner.id, moduleSlug: "mot" },
      select: { passedAt: true, bestScore: true },
    });
    expect(progress.passedAt).not.toBeNull();
    expect(progress.bestScore).toBe(100);
  });
});

describe("submissions", () => {
  test("the same attempt posted twice is recorded once and answers the same", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const ids = await drawnIds(learner.id, attempt.id);

    const first = await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids));
    const second = await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids, WRONG));

    expect(first).toMatchObject({ ok: true, grade: { score: 100 } });
    expect(second).toEqual(first);
    expect(await prisma.quizAttempt.count({ where: { userId: learner.id, submittedAt: { not: null } } })).toBe(1);
  });

  test("opening a quiz twice before submitting gives the same attempt", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const first = await startAttempt(learner.id, course, module);
    const second = await startAttempt(learner.id, course, module);
    expect(second.id).toBe(first.id);
  });

  test("another learner's attempt cannot be read or submitted", async () => {
    const owner = await createUser({ unitId: wardId });
    const intruder = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(owner.id, course, module);

    expect(await getOwnAttempt(intruder.id, attempt.id)).toBeNull();
    const result = await submitAttempt(intruder.id, attempt.id, course, module, answerForm(await drawnIds(owner.id, attempt.id)));
    expect(result).toEqual({ ok: false, problem: "not_found" });
    expect((await getOwnAttempt(owner.id, attempt.id))?.submittedAt).toBeNull();
  });

  test("an attempt begun on an older version of the quiz is refused and records nothing", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const updated = { ...module, version: "0000000000000000" };

    const result = await submitAttempt(learner.id, attempt.id, course, updated, answerForm(await drawnIds(learner.id, attempt.id)));

    expect(result).toEqual({ ok: false, problem: "stale" });
    expect(await prisma.moduleProgress.count({ where: { userId: learner.id } })).toBe(0);
  });

  test("a tampered or incomplete form records nothing", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const tampered = answerForm(await drawnIds(learner.id, attempt.id));
    const first = module.quiz.questions[0]!.id;
    tampered[first] = [...(tampered[first] ?? []), "zz"];

    expect(await submitAttempt(learner.id, attempt.id, course, module, tampered)).toEqual({ ok: false, problem: "tampered" });
    expect(await submitAttempt(learner.id, attempt.id, course, module, answerForm((await drawnIds(learner.id, attempt.id)).slice(1)))).toMatchObject({
      ok: false,
      problem: "missing",
    });
    expect((await getOwnAttempt(learner.id, attempt.id))?.submittedAt).toBeNull();
    expect(await prisma.moduleProgress.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("drawing from the pool", () => {
  test("an attempt draws perAttempt questions of the pool, and grades those", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const ids = await drawnIds(learner.id, attempt.id);
    expect(ids).toHaveLength(module.quiz.perAttempt);
    expect(module.quiz.questions.length).toBeGreaterThanOrEqual(2 * ids.length);

    // The pool's other questions answered wrongly do not count; one drawn question wrong costs 20%.
    const answers = { ...WRONG, ...Object.fromEntries(ids.map((id) => [id, RIGHT[id]!])), [ids[0]!]: WRONG[ids[0]!]! };
    expect(await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids, answers))).toMatchObject({
      ok: true,
      grade: { score: 80, rightCount: 4, passed: true },
    });
  });

  test("each retry asks none of the questions of the learner's previous attempt", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    let previous: string[] = [];
    for (let retry = 0; retry < 4; retry++) {
      const attempt = await startAttempt(learner.id, course, module);
      const ids = await drawnIds(learner.id, attempt.id);
      expect(ids.filter((id) => previous.includes(id))).toEqual([]);
      await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids, WRONG));
      previous = ids;
    }
  });

  test("another learner's attempts do not change what a learner is asked", async () => {
    const learner = await createUser({ unitId: wardId });
    const other = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const first = await startAttempt(learner.id, course, module);
    const ids = await drawnIds(learner.id, first.id);
    await submitAttempt(learner.id, first.id, course, module, answerForm(ids, WRONG));
    // The other learner's latest attempt is newer, yet the learner's retry still avoids their own.
    await startAttempt(other.id, course, module);
    const retry = await startAttempt(learner.id, course, module);
    expect((await drawnIds(learner.id, retry.id)).filter((id) => ids.includes(id))).toEqual([]);
  });
});

describe("half-done attempts", () => {
  test("saved answers come back with the attempt, each save replacing the last, and the submission clears them", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const ids = await drawnIds(learner.id, attempt.id);

    expect(await saveAnswers(learner.id, attempt.id, module, answerForm(ids.slice(0, 2)))).toEqual({ ok: true });
    expect(await saveAnswers(learner.id, attempt.id, module, answerForm(ids.slice(0, 1), WRONG))).toEqual({ ok: true });
    expect((await getOwnAttempt(learner.id, attempt.id))?.savedAnswers).toEqual(answerForm(ids.slice(0, 1), WRONG));
    // Coming back to the quiz opens the same attempt, answers and all.
    expect((await startAttempt(learner.id, course, module)).id).toBe(attempt.id);

    await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids));
    expect((await getOwnAttempt(learner.id, attempt.id))?.savedAnswers).toBeNull();
    expect(await saveAnswers(learner.id, attempt.id, module, answerForm(ids.slice(0, 1), WRONG))).toEqual({ ok: false, problem: "closed" });
    expect((await getOwnAttempt(learner.id, attempt.id))?.answers).toEqual(answerForm(ids));
  });

  test("an option or a question the attempt did not show is refused and nothing is saved", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const ids = await drawnIds(learner.id, attempt.id);
    const notShown = module.quiz.questions.find((question) => !ids.includes(question.id));

    expect(await saveAnswers(learner.id, attempt.id, module, { [ids[0]!]: ["zz"] })).toEqual({ ok: false, problem: "tampered" });
    if (notShown) expect(await saveAnswers(learner.id, attempt.id, module, answerForm([notShown.id]))).toEqual({ ok: false, problem: "tampered" });
    expect((await getOwnAttempt(learner.id, attempt.id))?.savedAnswers).toBeNull();
  });

  test("another learner cannot save into an attempt", async () => {
    const owner = await createUser({ unitId: wardId });
    const intruder = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(owner.id, course, module);
    const ids = await drawnIds(owner.id, attempt.id);

    expect(await saveAnswers(intruder.id, attempt.id, module, answerForm(ids))).toEqual({ ok: false, problem: "closed" });
    expect((await getOwnAttempt(owner.id, attempt.id))?.savedAnswers).toBeNull();
  });
});
