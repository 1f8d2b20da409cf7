import { beforeAll, describe, expect, test } from "vitest";

import type { Quiz } from "#app/content/schemas";
import { loadFixtureCourse } from "#tests/fixtures/content";

import { grade, layoutFor, readAnswers } from "./grade.server";

let quiz: Quiz;

beforeAll(async () => {
  const course = await loadFixtureCourse();
  quiz = course.modules[0]!.quiz;
});

const ALL_RIGHT = {
  "mot-lua-chon": ["b"],
  "nhieu-lua-chon": ["a", "b"],
  "dung-sai": ["sai"],
  "cau-bon": ["a"],
  "cau-nam": ["dung"],
};

describe("grading", () => {
  test("every type of question graded right gives 100% and a pass", () => {
    expect(grade(quiz, ALL_RIGHT)).toMatchObject({ score: 100, passed: true, rightCount: 5 });
  });

  test("a multiple-choice question with one correct option missing is wrong (no partial credit)", () => {
    const result = grade(quiz, { ...ALL_RIGHT, "nhieu-lua-chon": ["a"] });
    expect(result.results.find((entry) => entry.question === "nhieu-lua-chon")?.right).toBe(false);
    expect(result.rightCount).toBe(4);
  });

  test("a multiple-choice question with a wrong option added is wrong", () => {
    const result = grade(quiz, { ...ALL_RIGHT, "nhieu-lua-chon": ["a", "b", "c"] });
    expect(result.results.find((entry) => entry.question === "nhieu-lua-chon")?.right).toBe(false);
  });

  test("a true-or-false statement answered the wrong way is wrong", () => {
    expect(grade(quiz, { ...ALL_RIGHT, "dung-sai": ["dung"] }).rightCount).toBe(4);
  });

  test("exactly the pass mark passes; one question fewer fails", () => {
    // 4 of 5 is exactly 80%.
    expect(grade(quiz, { ...ALL_RIGHT, "cau-bon": ["b"] })).toMatchObject({ score: 80, passed: true });
    expect(grade(quiz, { ...ALL_RIGHT, "cau-bon": ["b"], "cau-nam": ["sai"] })).toMatchObject({ score: 60, passed: false });
  });

  test("a score that only rounds up to the pass mark does not pass", () => {
    const seven: Quiz = {
      passMark: 86,
      questions: Array.from({ length: 7 }, (_, index) => ({
        id: `q${index}`,
        type: "true-false" as const,
        prompt: "Một nhận định.",
        answer: true,
        explanation: "Vì nhận định đúng.",
      })),
    };
    const sixRight = Object.fromEntries(seven.questions.map((question, index) => [question.id, [index === 0 ? "sai" : "dung"]]));
    // 6 of 7 is 85.7%: shown as 86, but below an 86% pass mark.
    expect(grade(seven, sixRight)).toMatchObject({ score: 86, passed: false });
  });
});

describe("shuffling", () => {
  test("the same seed gives the same order; the layout keeps every question and option", () => {
    expect(layoutFor(quiz, 12345)).toEqual(layoutFor(quiz, 12345));
    const layout = layoutFor(quiz, 12345);
    expect(layout.map((entry) => entry.question).sort()).toEqual(quiz.questions.map((question) => question.id).sort());
    expect(layout.find((entry) => entry.question === "nhieu-lua-chon")?.options.sort()).toEqual(["a", "b", "c"]);
  });

  test("different seeds give different orders, and true-or-false keeps Đúng before Sai", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(layoutFor(quiz, seed))));
    expect(orders.size).toBeGreaterThan(10);
    for (let seed = 0; seed < 20; seed++) {
      expect(layoutFor(quiz, seed).find((entry) => entry.question === "dung-sai")?.options).toEqual(["dung", "sai"]);
    }
  });
});

describe("reading a posted quiz", () => {
  function form(entries: [string, string][]) {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  }
  const complete: [string, string][] = [
    ["q.mot-lua-chon", "b"],
    ["q.nhieu-lua-chon", "a"],
    ["q.nhieu-lua-chon", "b"],
    ["q.dung-sai", "sai"],
    ["q.cau-bon", "a"],
    ["q.cau-nam", "dung"],
  ];

  test("a complete form reads as the answers given", () => {
    const read = readAnswers(form(complete), layoutFor(quiz, 1), quiz);
    expect(read).toEqual({ ok: true, answers: ALL_RIGHT });
  });

  test("unanswered questions are listed by the number the learner saw", () => {
    const layout = layoutFor(quiz, 7);
    const read = readAnswers(form(complete.filter(([name]) => name !== "q.cau-bon")), layout, quiz);
    expect(read).toEqual({ ok: false, problem: "missing", questionNumbers: [layout.findIndex((entry) => entry.question === "cau-bon") + 1] });
  });

  test("an unknown question, an option of another question, or two answers to a single choice is tampering", () => {
    const layout = layoutFor(quiz, 3);
    for (const extra of [
      ["q.khong-co", "a"],
      ["q.cau-bon", "c"],
      ["q.mot-lua-chon", "a"],
      ["q.dung-sai", "b"],
    ] as [string, string][]) {
      expect(readAnswers(form([...complete, extra]), layout, quiz), extra.join("=")).toEqual({ ok: false, problem: "tampered" });
    }
  });
});
