import { Form, useActionData, useFetcher, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { ErrorSummary, fieldId } from "#app/components/error-summary";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";
import type { Answers } from "#app/models/grade.server";

// Each question is one field named after it, repeated for each option of a multiple choice.
const FIELD_PREFIX = "q.";
// With JavaScript the answers are saved this long after the learner's last change.
const SAVE_DELAY_MS = 800;

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

export function OpenQuiz({ questions, passMark, saved }: { questions: OpenQuestion[]; passMark: number; saved: Answers }) {
  const t = useT();
  const actionData = useActionData<QuizProblem>();
  const submitting = useNavigation().state === "submitting";
  const savedNow = useSearchParams()[0].has("da-luu");
  const autosave = useAutosave();
  const chosen = actionData?.chosen ?? saved;
  return (
    <Form method="post" className="stack" ref={autosave.form} onChange={autosave.schedule} onSubmit={autosave.cancel}>
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
      <p className="muted" role="status">
        {autosave.saved ? t("quiz.autosaved") : savedNow && !actionData ? t("quiz.savedForLater") : ""}
      </p>
      <p className="quiz__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t("quiz.submit")}
        </button>
        <button type="submit" name="intent" value="save" className="button" disabled={submitting}>
          {t("quiz.saveForLater")}
        </button>
      </p>
    </Form>
  );
}

/** Saves the form's answers a moment after each change, without leaving the page; nothing when offline. */
function useAutosave() {
  const fetcher = useFetcher<{ saved: boolean }>();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const cancel = () => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  const schedule = () => {
    cancel();
    timer.current = setTimeout(() => {
      if (!form.current || !navigator.onLine) return;
      const data = new FormData(form.current);
      data.set("intent", "autosave");
      fetcher.submit(data, { method: "post" });
    }, SAVE_DELAY_MS);
  };
  return { form, schedule, cancel, saved: fetcher.state === "idle" && fetcher.data?.saved === true };
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
