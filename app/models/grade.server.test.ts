import { beforeAll, describe, expect, test } from "vitest";

import type { Quiz } from "#app/content/schemas";
import { loadFixtureCourse } from "#tests/fixtures/content";

import { checkAnswers, grade, layoutFor, optionsOf, readSavedAnswers, reviewOf, type QuizLayout } from "./grade.server";

let quiz: Quiz;

beforeAll(async () => {
  const course = await loadFixtureCourse();
  quiz = course.modules[0]!.quiz;
});

const FIVE = ["mot-lua-chon", "nhieu-lua-chon", "dung-sai", "cau-bon", "cau-nam"];

/** The five named questions, shown in this order with their options in file order. */
function drawn(ids: string[] = FIVE): QuizLayout {
  return ids.map((id) => ({ question: id, options: optionsOf(quiz.questions.find((question) => question.id === id)!).map((option) => option.id) }));
}

/** The right answer to every question of the pool. */
function allRight(of: Quiz = quiz) {
  return Object.fromEntries(
    of.questions.map((question) => [
      question.id,
      optionsOf(question)
        .filter((option) => option.correct)
        .map((option) => option.id),
    ]),
  );
}

const ALL_RIGHT = {
  "mot-lua-chon": ["b"],
  "nhieu-lua-chon": ["a", "b"],
  "dung-sai": ["sai"],
  "cau-bon": ["a"],
  "cau-nam": ["dung"],
};

describe("grading", () => {
  test("every type of question graded right gives 100% and a pass", () => {
    expect(grade(quiz, drawn(), ALL_RIGHT)).toMatchObject({ score: 100, passed: true, rightCount: 5 });
  });

  test("a multiple-choice question with one correct option missing is wrong (no partial credit)", () => {
    const result = grade(quiz, drawn(), { ...ALL_RIGHT, "nhieu-lua-chon": ["a"] });
    expect(result.results.find((entry) => entry.question === "nhieu-lua-chon")?.right).toBe(false);
    expect(result.rightCount).toBe(4);
  });

  test("a multiple-choice question with a wrong option added is wrong", () => {
    const result = grade(quiz, drawn(), { ...ALL_RIGHT, "nhieu-lua-chon": ["a", "b", "c"] });
    expect(result.results.find((entry) => entry.question === "nhieu-lua-chon")?.right).toBe(false);
  });

  test("a true-or-false statement answered the wrong way is wrong", () => {
    expect(grade(quiz, drawn(), { ...ALL_RIGHT, "dung-sai": ["dung"] }).rightCount).toBe(4);
  });

  test("exactly the pass mark passes; one question fewer fails", () => {
    // 4 of 5 is exactly 80%.
    expect(grade(quiz, drawn(), { ...ALL_RIGHT, "cau-bon": ["b"] })).toMatchObject({ score: 80, passed: true });
    expect(grade(quiz, drawn(), { ...ALL_RIGHT, "cau-bon": ["b"], "cau-nam": ["sai"] })).toMatchObject({ score: 60, passed: false });
  });

  test("a score that only rounds up to the pass mark does not pass", () => {
    const seven: Quiz = {
      passMark: 86,
      perAttempt: 7,
      questions: Array.from({ length: 7 }, (_, index) => ({
        id: `q${index}`,
        type: "true-false" as const,
        prompt: "Một nhận định.",
        answer: true,
        explanation: "Vì nhận định đúng.",
      })),
    };
    const layout = seven.questions.map((question) => ({ question: question.id, options: ["dung", "sai"] }));
    const sixRight = Object.fromEntries(seven.questions.map((question, index) => [question.id, [index === 0 ? "sai" : "dung"]]));
    // 6 of 7 is 85.7%: shown as 86, but below an 86% pass mark.
    expect(grade(seven, layout, sixRight)).toMatchObject({ score: 86, passed: false });
  });

  test("only the questions the attempt drew are graded, out of the attempt's length", () => {
    const layout = drawn(["cau-6", "cau-7", "cau-8", "cau-9", "cau-10"]);
    // Every question of the pool not drawn is answered wrongly: it must not count.
    const answers = { ...allRight(), "mot-lua-chon": ["a"], "dung-sai": ["dung"] };
    const result = grade(quiz, layout, answers);
    expect(result).toMatchObject({ score: 100, passed: true, rightCount: 5 });
    expect(result.results.map((entry) => entry.question)).toEqual(["cau-6", "cau-7", "cau-8", "cau-9", "cau-10"]);
    expect(grade(quiz, layout, { ...answers, "cau-7": ["sai"] })).toMatchObject({ score: 80, rightCount: 4 });
  });
});

describe("drawing an attempt from the pool", () => {
  test("an attempt draws perAttempt different questions from the pool, with every option of each", () => {
    expect(quiz.questions.length).toBe(10);
    for (let seed = 0; seed < 20; seed++) {
      const layout = layoutFor(quiz, seed);
      const ids = layout.map((entry) => entry.question);
      expect(ids).toHaveLength(quiz.perAttempt);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(quiz.questions.map((question) => question.id)).toContain(id);
    }
    const multiple = Array.from({ length: 40 }, (_, seed) => layoutFor(quiz, seed))
      .flat()
      .find((entry) => entry.question === "nhieu-lua-chon");
    expect(multiple?.options.sort()).toEqual(["a", "b", "c"]);
  });

  test("the same seed draws the same; different seeds draw different sets and orders", () => {
    expect(layoutFor(quiz, 12345)).toEqual(layoutFor(quiz, 12345));
    const sets = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        layoutFor(quiz, seed)
          .map((entry) => entry.question)
          .sort()
          .join(),
      ),
    );
    expect(sets.size).toBeGreaterThan(10);
  });

  test("a retry draws none of the previous attempt's questions when the pool allows", () => {
    for (let seed = 0; seed < 20; seed++) {
      const previous = layoutFor(quiz, seed).map((entry) => entry.question);
      const retry = layoutFor(quiz, seed + 1000, previous).map((entry) => entry.question);
      expect(retry).toHaveLength(5);
      expect(retry.filter((id) => previous.includes(id))).toEqual([]);
    }
  });

  test("when the pool cannot avoid them all, a retry asks every other question first, then repeats", () => {
    const small: Quiz = { ...quiz, questions: quiz.questions.slice(0, 7) };
    const previous = ["mot-lua-chon", "nhieu-lua-chon", "dung-sai", "cau-bon", "cau-nam"];
    const retry = layoutFor(small, 3, previous).map((entry) => entry.question);
    expect(retry).toHaveLength(5);
    expect(retry).toEqual(expect.arrayContaining(["cau-6", "cau-7"]));
    expect(retry.filter((id) => previous.includes(id))).toHaveLength(3);
  });

  test("true-or-false keeps Đúng before Sai", () => {
    for (let seed = 0; seed < 20; seed++) {
      for (const entry of layoutFor(quiz, seed).filter((candidate) => candidate.question === "dung-sai")) expect(entry.options).toEqual(["dung", "sai"]);
    }
  });
});

describe("the result of an attempt", () => {
  const wrongTwice = { ...ALL_RIGHT, "mot-lua-chon": ["a"], "nhieu-lua-chon": ["a", "c"] };

  test("a failed attempt marks the wrong answers and explains them, but does not tell the correct option", () => {
    const review = reviewOf(quiz, drawn(), wrongTwice, false);
    expect(review.map((question) => [question.id, question.right])).toEqual([
      ["mot-lua-chon", false],
      ["nhieu-lua-chon", false],
      ["dung-sai", true],
      ["cau-bon", true],
      ["cau-nam", true],
    ]);
    expect(review[0]?.explanation).toBe("Vì b là đáp án đúng.");
    expect(review[0]?.options.filter((option) => option.chosen).map((option) => option.text)).toEqual(["Sai một"]);
    for (const question of review) for (const option of question.options) expect(option.correct).toBeNull();
    expect(JSON.stringify(review)).not.toMatch(/"correct":true/);
  });

  test("a passed attempt shows the correct options too", () => {
    const review = reviewOf(quiz, drawn(), { ...ALL_RIGHT, "mot-lua-chon": ["a"] }, true);
    expect(review[0]?.right).toBe(false);
    expect(review[0]?.options.filter((option) => option.correct).map((option) => option.text)).toEqual(["Đúng"]);
  });

  test("the review lists the drawn questions in the order shown, and no others", () => {
    const layout = drawn(["cau-9", "dung-sai", "cau-6", "cau-bon", "cau-10"]);
    expect(reviewOf(quiz, layout, allRight(), true).map((question) => [question.number, question.id])).toEqual([
      [1, "cau-9"],
      [2, "dung-sai"],
      [3, "cau-6"],
      [4, "cau-bon"],
      [5, "cau-10"],
    ]);
  });
});

describe("checking posted answers", () => {
  const complete = {
    "mot-lua-chon": ["b"],
    "nhieu-lua-chon": ["a", "b"],
    "dung-sai": ["sai"],
    "cau-bon": ["a"],
    "cau-nam": ["dung"],
  };

  test("complete answers check as the answers given", () => {
    expect(checkAnswers(complete, drawn(), quiz)).toEqual({ ok: true, answers: ALL_RIGHT });
  });

  test("an option sent twice counts once", () => {
    expect(checkAnswers({ ...complete, "mot-lua-chon": ["b", "b"] }, drawn(), quiz)).toEqual({ ok: true, answers: ALL_RIGHT });
  });

  test("unanswered questions are listed by the number the learner saw", () => {
    const layout = drawn(["dung-sai", "cau-bon", "mot-lua-chon", "nhieu-lua-chon", "cau-nam"]);
    const { "cau-bon": _skipped, ...rest } = complete;
    expect(checkAnswers(rest, layout, quiz)).toEqual({ ok: false, problem: "missing", questionNumbers: [2] });
  });

  test("an unknown question, a question not drawn, an option of another question, or two answers to a single choice is tampering", () => {
    for (const [id, extra] of [
      ["khong-co", "a"],
      ["cau-6", "dung"],
      ["cau-bon", "c"],
      ["mot-lua-chon", "a"],
      ["dung-sai", "b"],
    ] as const) {
      const posted: Record<string, string[]> = { ...complete, [id]: [...(complete[id as keyof typeof complete] ?? []), extra] };
      expect(checkAnswers(posted, drawn(), quiz), `${id}=${extra}`).toEqual({ ok: false, problem: "tampered" });
    }
  });
});

describe("answers saved before submitting", () => {
  test("any subset of the shown questions is kept, empty choices dropped and repeats folded", () => {
    expect(readSavedAnswers({ "nhieu-lua-chon": ["a", "a", "b"], "dung-sai": [] }, drawn(), quiz)).toEqual({ "nhieu-lua-chon": ["a", "b"] });
    expect(readSavedAnswers({}, drawn(), quiz)).toEqual({});
  });

  test("two choices for a single-choice question, an option not shown, or a question not drawn are refused", () => {
    expect(readSavedAnswers({ "mot-lua-chon": ["a", "b"] }, drawn(), quiz)).toBeNull();
    expect(readSavedAnswers({ "dung-sai": ["khong"] }, drawn(), quiz)).toBeNull();
    expect(readSavedAnswers({ "mot-lua-chon": ["b"] }, drawn(["dung-sai"]), quiz)).toBeNull();
  });
});
