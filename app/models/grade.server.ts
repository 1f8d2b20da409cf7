import type { Question, Quiz } from "#app/content/schemas";
import { seededRandom, shuffle } from "#app/utils/shuffle";

export type QuizOption = { id: string; text: string; correct: boolean };

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

/** The order one attempt shows: questions shuffled, options shuffled except "Đúng / Sai". */
export type QuizLayout = { question: string; options: string[] }[];

export function layoutFor(quiz: Quiz, seed: number): QuizLayout {
  const random = seededRandom(seed);
  return shuffle(quiz.questions, random).map((question) => {
    const options = optionsOf(question).map((option) => option.id);
    return { question: question.id, options: question.type === "true-false" ? options : shuffle(options, random) };
  });
}

export type Answers = Record<string, string[]>;

export type ReadAnswers =
  | { ok: true; answers: Answers }
  | { ok: false; problem: "tampered" }
  | { ok: false; problem: "missing"; questionNumbers: number[] };

/**
 * Reads a posted quiz form (`q.<questionId>` = option id, repeated for multiple choice) against
 * the attempt's layout. Anything the page did not offer is tampering; unanswered questions are
 * listed by the number the learner saw.
 */
export function readAnswers(formData: FormData, layout: QuizLayout, quiz: Quiz): ReadAnswers {
  const byId = new Map(quiz.questions.map((question) => [question.id, question]));
  const offered = new Map(layout.map((entry) => [entry.question, new Set(entry.options)]));
  const answers: Answers = {};
  for (const [name, value] of formData) {
    if (!name.startsWith("q.")) continue;
    const questionId = name.slice(2);
    const options = offered.get(questionId);
    if (!options || typeof value !== "string" || !options.has(value)) return { ok: false, problem: "tampered" };
    const chosen = (answers[questionId] ??= []);
    if (!chosen.includes(value)) chosen.push(value);
    if (byId.get(questionId)?.type !== "multiple" && chosen.length > 1) return { ok: false, problem: "tampered" };
  }
  const questionNumbers = layout.flatMap((entry, index) => (answers[entry.question]?.length ? [] : [index + 1]));
  if (questionNumbers.length > 0) return { ok: false, problem: "missing", questionNumbers };
  return { ok: true, answers };
}

export type QuestionResult = { question: string; right: boolean };
export type Grade = { score: number; passed: boolean; rightCount: number; results: QuestionResult[] };

/**
 * A question is right when exactly its correct options are chosen: for multiple choice, missing
 * one correct option or adding a wrong one makes it wrong (no partial credit).
 */
export function grade(quiz: Quiz, answers: Answers): Grade {
  const results = quiz.questions.map((question) => {
    const correct = optionsOf(question).filter((option) => option.correct).map((option) => option.id);
    const chosen = answers[question.id] ?? [];
    const right = chosen.length === correct.length && correct.every((id) => chosen.includes(id));
    return { question: question.id, right };
  });
  const rightCount = results.filter((result) => result.right).length;
  const total = quiz.questions.length;
  return {
    score: Math.round((rightCount * 100) / total),
    // Compared without rounding: 79.5% is not a pass at 80%.
    passed: rightCount * 100 >= quiz.passMark * total,
    rightCount,
    results,
  };
}
