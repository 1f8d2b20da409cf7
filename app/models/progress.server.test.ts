import { beforeAll, describe, expect, test } from "vitest";

import type { CatalogueCourse } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { loadFixtureCourse } from "#tests/fixtures/content";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { getOwnAttempt, markModuleRead, startAttempt, submitAttempt } from "./progress.server";

let course: CatalogueCourse;
let wardId: string;

beforeAll(async () => {
  course = await loadFixtureCourse();
  wardId = (await createDistrict()).vanPhuc.id;
});

const RIGHT: Record<string, string[]> = {
  "mot-lua-chon": ["b"],
  "nhieu-lua-chon": ["a", "b"],
  "dung-sai": ["sai"],
  "cau-bon": ["a"],
  "cau-nam": ["dung"],
  "duy-nhat": ["dung"],
};

function answerForm(questionIds: string[], answers: Record<string, string[]> = RIGHT) {
  const data = new FormData();
  for (const id of questionIds) for (const option of answers[id] ?? []) data.append(`q.${id}`, option);
  return data;
}

async function passModule(userId: string, index: number, answers = RIGHT) {
  const module = course.modules[index]!;
  const attempt = await startAttempt(userId, course, module);
  return submitAttempt(userId, attempt.id, course, module, answerForm(module.quiz.questions.map((question) => question.id), answers));
}

function completionOf(userId: string) {
  return prisma.courseCompletion.findUnique({
    where: { userId_courseSlug: { userId, courseSlug: course.slug } },
    select: { rule: true, contentVersion: true, completedAt: true },
  });
}

describe("completion", () => {
  test("a course is complete when every module is read and passed, recorded at that moment", async () => {
    const learner = await createUser({ unitId: wardId });
    const [first, second] = course.modules;

    await markModuleRead(learner.id, course, first!);
    await passModule(learner.id, 0);
    await passModule(learner.id, 1);
    expect(await completionOf(learner.id)).toBeNull();

    const finishedAt = new Date("2026-11-20T03:00:00Z");
    await markModuleRead(learner.id, course, second!, finishedAt);
    expect(await completionOf(learner.id)).toEqual({ rule: "online", contentVersion: course.version, completedAt: finishedAt });
  });

  test("reading every module without passing the quizzes does not complete the course", async () => {
    const learner = await createUser({ unitId: wardId });
    for (const module of course.modules) await markModuleRead(learner.id, course, module);
    const wrong = { ...RIGHT, "mot-lua-chon": ["a"], "cau-bon": ["b"] };
    const failed = await passModule(learner.id, 0, wrong);
    expect(failed).toMatchObject({ ok: true, grade: { passed: false } });
    expect(await completionOf(learner.id)).toBeNull();
  });

  test("a failed attempt after a pass does not undo the pass", async () => {
    const learner = await createUser({ unitId: wardId });
    await passModule(learner.id, 0);
    await passModule(learner.id, 0, { ...RIGHT, "mot-lua-chon": ["a"], "cau-bon": ["b"] });
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
    const ids = module.quiz.questions.map((question) => question.id);

    const first = await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids));
    const second = await submitAttempt(learner.id, attempt.id, course, module, answerForm(ids, { ...RIGHT, "cau-bon": ["b"] }));

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
    const result = await submitAttempt(intruder.id, attempt.id, course, module, answerForm(module.quiz.questions.map((q) => q.id)));
    expect(result).toEqual({ ok: false, problem: "not_found" });
    expect((await getOwnAttempt(owner.id, attempt.id))?.submittedAt).toBeNull();
  });

  test("an attempt begun on an older version of the quiz is refused and records nothing", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const updated = { ...module, version: "0000000000000000" };

    const result = await submitAttempt(learner.id, attempt.id, course, updated, answerForm(module.quiz.questions.map((q) => q.id)));

    expect(result).toEqual({ ok: false, problem: "stale" });
    expect(await prisma.moduleProgress.count({ where: { userId: learner.id } })).toBe(0);
  });

  test("a tampered or incomplete form records nothing", async () => {
    const learner = await createUser({ unitId: wardId });
    const module = course.modules[0]!;
    const attempt = await startAttempt(learner.id, course, module);
    const tampered = answerForm(module.quiz.questions.map((q) => q.id));
    tampered.append("q.cau-bon", "zz");

    expect(await submitAttempt(learner.id, attempt.id, course, module, tampered)).toEqual({ ok: false, problem: "tampered" });
    expect(await submitAttempt(learner.id, attempt.id, course, module, answerForm(["mot-lua-chon"]))).toMatchObject({
      ok: false,
      problem: "missing",
    });
    expect((await getOwnAttempt(learner.id, attempt.id))?.submittedAt).toBeNull();
    expect(await prisma.moduleProgress.count({ where: { userId: learner.id } })).toBe(0);
  });
});
