import { beforeAll, describe, expect, test } from "vitest";

import type { CatalogueCourse } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { answersTo, drawnIds, loadFixtureCourse, rightAnswers } from "#tests/fixtures/content";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { getDownloadSize, startOfflineCourse } from "./offline.server";
import { startAttempt, submitAttempt } from "./progress.server";

let course: CatalogueCourse;
let wardId: string;

beforeAll(async () => {
  course = await loadFixtureCourse();
  wardId = (await createDistrict()).vanPhuc.id;
});

describe("downloading a course", () => {
  test("starts one attempt per module quiz, the one the quiz page opens, and lists its pages", async () => {
    const learner = await createUser({ unitId: wardId });
    const kept = await startOfflineCourse(learner.id, course);

    expect(Object.keys(kept.attempts)).toEqual(course.modules.map((module) => module.slug));
    for (const module of course.modules) {
      expect((await startAttempt(learner.id, course, module)).id).toBe(kept.attempts[module.slug]);
      expect(kept.urls).toContain(`/khoa-hoc/${course.slug}/${module.slug}`);
      expect(kept.urls).toContain(`/kiem-tra/${kept.attempts[module.slug]}`);
    }
    expect((await startOfflineCourse(learner.id, course)).attempts).toEqual(kept.attempts);
    expect(await prisma.quizAttempt.count({ where: { userId: learner.id } })).toBe(course.modules.length);
  });

  test("says its size before it starts: at least the text of every lesson", () => {
    expect(getDownloadSize(course, "vi")).toBeGreaterThan(course.modules.length * 1024);
  });
});

describe("answers sent after the quiz changed", () => {
  // The same module after an edit: a new version, and every single-choice question's right answer moved.
  function edited(index: number) {
    const module = course.modules[index]!;
    const questions = module.quiz.questions.map((question) => {
      if (question.type !== "single") return question;
      const moved = question.options.find((option) => !option.correct)!.id;
      return { ...question, options: question.options.map((option) => ({ ...option, correct: option.id === moved })) };
    });
    return { ...module, version: "0000000000000000", quiz: { ...module.quiz, questions } };
  }

  test("an attempt kept for offline use is graded against the questions it showed", async () => {
    const learner = await createUser({ unitId: wardId });
    const kept = await startOfflineCourse(learner.id, course);

    const attemptId = kept.attempts["mot"]!;
    const result = await submitAttempt(learner.id, attemptId, course, edited(0), answersTo(await drawnIds(learner.id, attemptId), rightAnswers(course)));

    expect(result).toMatchObject({ ok: true, grade: { score: 100, passed: true } });
    const progress = await prisma.moduleProgress.findFirstOrThrow({ where: { userId: learner.id, moduleSlug: "mot" }, select: { passedAt: true } });
    expect(progress.passedAt).not.toBeNull();
  });

  test("an attempt begun online is still refused as stale", async () => {
    const learner = await createUser({ unitId: wardId });
    const attempt = await startAttempt(learner.id, course, course.modules[0]!);

    const answers = answersTo(await drawnIds(learner.id, attempt.id), rightAnswers(course));
    expect(await submitAttempt(learner.id, attempt.id, course, edited(0), answers)).toEqual({ ok: false, problem: "stale" });
  });
});
