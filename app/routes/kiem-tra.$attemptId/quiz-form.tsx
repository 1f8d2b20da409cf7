import { Form, useActionData, useNavigation } from "@remix-run/react";

import { ErrorSummary, fieldId } from "#app/components/error-summary";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";
import type { Answers } from "#app/models/grade.server";

// Each question is one field named after it, repeated for each option of a multiple choice.
const FIELD_PREFIX = "q.";

/**
 * The answers a quiz form posts: question id → chosen option ids, in the order sent. A value that
 * is not text is kept as an empty choice, which no question offers, so the check calls it tampering.
 */
export function readQuizForm(formData: FormData): Answers {
  const answers: Answers = {};
  for (const [name, value] of formData) {
    if (name.startsWith(FIELD_PREFIX)) (answers[name.slice(FIELD_PREFIX.length)] ??= []).push(typeof value === "string" ? value : "");
  }
  return answers;
}

/** What the action answers when a submission is refused: the learner's choices come back with it. */
export type QuizProblem = { message: MessageKey; missing: number[]; chosen: Answers };

type OpenQuestion = { id: string; number: number; multiple: boolean; prompt: string; options: { id: string; text: string }[] };

export function OpenQuiz({ questions, passMark }: { questions: OpenQuestion[]; passMark: number }) {
  const t = useT();
  const actionData = useActionData<QuizProblem>();
  const submitting = useNavigation().state === "submitting";
  const chosen = actionData?.chosen ?? {};
  return (
    <Form method="post" className="stack">
      <p>{t("quiz.intro", { count: questions.length, passMark })}</p>
      {actionData ? (
        <ErrorSummary
          message={actionData.message}
          params={{ numbers: actionData.missing.join(", ") }}
          items={actionData.missing.map((number) => ({ href: `#${fieldId(`question-${number}`)}`, text: `${t("quiz.questionNumber", { number })} ${t("quiz.unanswered")}` }))}
        />
      ) : null}
      {questions.map((question) => (
        <fieldset key={question.id} className="question">
          <legend>
            <span className="question__number">{t("quiz.questionNumber", { number: question.number })}</span> {question.prompt}
          </legend>
          {question.multiple ? <p className="field__hint">{t("quiz.chooseSeveral")}</p> : null}
          {question.options.map((option, index) => (
            <label key={option.id} className="choice">
              <input
                type={question.multiple ? "checkbox" : "radio"}
                name={`${FIELD_PREFIX}${question.id}`}
                value={option.id}
                id={index === 0 ? fieldId(`question-${question.number}`) : undefined}
                defaultChecked={chosen[question.id]?.includes(option.id)}
              />
              <span>{option.text}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {t("quiz.submit")}
      </button>
    </Form>
  );
}

export function StaleQuiz({ courseSlug, moduleSlug }: { courseSlug: string; moduleSlug: string }) {
  const t = useT();
  return (
    <>
      <p className="form-message" role="alert">
        {t("quiz.stale")}
      </p>
      <Form method="post" action={`/khoa-hoc/${courseSlug}/${moduleSlug}`}>
        <input type="hidden" name="intent" value="start-quiz" />
        <button type="submit" className="button button--primary">
          {t("quiz.startAgain")}
        </button>
      </Form>
    </>
  );
}
