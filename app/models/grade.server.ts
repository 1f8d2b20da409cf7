import { z } from "zod";

import type { Question, Quiz } from "#app/content/schemas";
import { seededRandom, shuffle } from "#app/utils/shuffle";

type QuizOption = { id: string; text: string; correct: boolean };

// The statements are written in Vietnamese, so are their two answers.
const TRUE_TEXT = "Đúng";
const FALSE_TEXT = "Sai";

/** Every question as a list of options; a true-or-false statement has "Đúng" and "Sai". */
export function optionsOf(question: Question): QuizOption[] {
  if (question.type === "true-false") {
    return [
      { id: "dung", text: TRUE_TEXT, correct: question.answer },
      { id: "sai", text: FALSE_TEXT, correct: !question.answer },
    ];
  }
  return question.options.map((option) => ({ id: option.id, text: option.text, correct: option.correct === true }));
}

/** The questions one attempt draws, in the order shown, each with its options in the order shown. */
export type QuizLayout = { question: string; options: string[] }[];

/**
 * Draws `perAttempt` questions from the pool, shuffled, with their options shuffled except
 * "Đúng / Sai". Questions in `avoid` (the learner's previous attempt) are drawn only when the pool
 * has too few others, so that a retry asks different questions rather than the ones just explained.
 */
export function layoutFor(quiz: Quiz, seed: number, avoid: Iterable<string> = []): QuizLayout {
  const random = seededRandom(seed);
  const seen = new Set(avoid);
  const fresh = quiz.questions.filter((question) => !seen.has(question.id));
  const repeated = quiz.questions.filter((question) => seen.has(question.id));
  const drawn = [...shuffle(fresh, random), ...shuffle(repeated, random)].slice(0, quiz.perAttempt);
  return shuffle(drawn, random).map((question) => {
    const options = optionsOf(question).map((option) => option.id);
    return { question: question.id, options: question.type === "true-false" ? options : shuffle(options, random) };
  });
}

export type Answers = Record<string, string[]>;

type CheckedAnswers = { ok: true; answers: Answers } | { ok: false; problem: "tampered" } | { ok: false; problem: "missing"; questionNumbers: number[] };

/**
 * Checks the answers a learner posted (question id → chosen option ids) against the attempt's
 * layout. Anything the page did not offer is tampering; unanswered questions are listed by the
 * number the learner saw.
 */
export function checkAnswers(posted: Answers, layout: QuizLayout, quiz: Quiz): CheckedAnswers {
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const offered = new Map(layout.map((entry) => [entry.question, new Set(entry.options)]));
  const answers: Answers = {};
  for (const [questionId, values] of Object.entries(posted)) {
    const options = offered.get(questionId);
    if (!options || !values.every((value) => options.has(value))) return { ok: false, problem: "tampered" };
    const chosen = [...new Set(values)];
    if (byId.get(questionId)?.type !== "multiple" && chosen.length > 1) return { ok: false, problem: "tampered" };
    if (chosen.length > 0) answers[questionId] = chosen;
  }
  const questionNumbers = layout.flatMap((entry, index) => (answers[entry.question]?.length ? [] : [index + 1]));
  if (questionNumbers.length > 0) return { ok: false, problem: "missing", questionNumbers };
  return { ok: true, answers };
}

/**
 * The answers of a half-done attempt, as saved before submitting: any subset of its questions,
 * each with options it showed (one for a single choice). Null for anything else, as a question or
 * an option the attempt did not show. Nothing here says what is right.
 */
export function readSavedAnswers(posted: Answers, layout: QuizLayout, quiz: Quiz): Answers | null {
  const multiple = new Set(quiz.questions.filter((question) => question.type === "multiple").map((question) => question.id));
  const shape = Object.fromEntries(
    layout.map((entry) => {
      const options = z.array(z.enum(entry.options as [string, ...string[]]));
      return [entry.question, (multiple.has(entry.question) ? options : options.max(1)).optional()];
    }),
  );
  const parsed = z.object(shape).strict().safeParse(posted);
  if (!parsed.success) return null;
  const answers: Answers = {};
  for (const [questionId, chosen] of Object.entries(parsed.data as Answers)) if (chosen.length > 0) answers[questionId] = [...new Set(chosen)];
  return answers;
}

type QuestionResult = { question: string; right: boolean };
export type Grade = { score: number; passed: boolean; rightCount: number; results: QuestionResult[] };

/**
 * Grades the questions the attempt drew, and only those. A question is right when exactly its
 * correct options are chosen: for multiple choice, missing one correct option or adding a wrong
 * one makes it wrong (no partial credit).
 */
export function grade(quiz: Quiz, layout: QuizLayout, answers: Answers): Grade {
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const results = layout.map((entry) => {
    const question = byId.get(entry.question);
    const correct = question
      ? optionsOf(question)
          .filter((option) => option.correct)
          .map((option) => option.id)
      : [];
    const chosen = answers[entry.question] ?? [];
    const right = correct.length > 0 && chosen.length === correct.length && correct.every((id) => chosen.includes(id));
    return { question: entry.question, right };
  });
  const rightCount = results.filter((result) => result.right).length;
  const total = Math.max(layout.length, 1);
  return {
    score: Math.round((rightCount * 100) / total),
    // Compared without rounding: 79.5% is not a pass at 80%.
    passed: rightCount * 100 >= quiz.passMark * total,
    rightCount,
    results,
  };
}

type ReviewedOption = { id: string; text: string; chosen: boolean; correct: boolean | null };
export type ReviewedQuestion = { id: string; number: number; prompt: string; right: boolean; explanation: string; options: ReviewedOption[] };

/**
 * A submitted attempt as its result page shows it: each drawn question, the learner's choices,
 * right or wrong, and why. After a fail the correct options stay unknown (`correct: null`), so the
 * retry tests what the learner understood from the explanation, not what they copied.
 */
export function reviewOf(quiz: Quiz, layout: QuizLayout, answers: Answers, passed: boolean): ReviewedQuestion[] {
  const graded = grade(quiz, layout, answers);
  return layout.flatMap((entry, index) => {
    const question = quiz.questions.find((candidate) => candidate.id === entry.question);
    if (!question) return [];
    const options = new Map(optionsOf(question).map((option) => [option.id, option]));
    const chosen = answers[question.id] ?? [];
    return [
      {
        id: question.id,
        number: index + 1,
        prompt: question.prompt,
        right: graded.results[index]?.right ?? false,
        explanation: question.explanation,
        options: entry.options.map((id) => ({
          id,
          text: options.get(id)?.text ?? "",
          chosen: chosen.includes(id),
          correct: passed ? (options.get(id)?.correct ?? false) : null,
        })),
      },
    ];
  });
}

/** The questions as the attempt shows them: texts only, never which option is correct. */
export function questionsToAnswer(quiz: Quiz, layout: QuizLayout) {
  return layout.flatMap((entry, index) => {
    const question = quiz.questions.find((candidate) => candidate.id === entry.question);
    if (!question) return [];
    const texts = new Map(optionsOf(question).map((option) => [option.id, option.text]));
    return [
      {
        id: question.id,
        number: index + 1,
        multiple: question.type === "multiple",
        prompt: question.prompt,
        options: entry.options.map((id) => ({ id, text: texts.get(id) ?? "" })),
      },
    ];
  });
}
