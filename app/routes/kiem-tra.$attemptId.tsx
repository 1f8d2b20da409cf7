import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import type { CatalogueModule } from "#app/content/catalogue.server";
import { requireCourse, requireModule } from "#app/content/courses.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { optionsOf, reviewOf, type Answers, type QuizLayout, type ReviewedQuestion } from "#app/models/grade.server";
import { getOwnAttempt, submitAttempt } from "#app/models/progress.server";
import { getShownQuiz } from "#app/models/shown-quiz.server";
import { requireUser } from "#app/utils/auth.server";
import { readForm } from "#app/utils/forms.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "quiz.title") }];

/** The questions as the attempt shows them: texts only, never which option is correct. */
function questionsToAnswer(module: CatalogueModule, layout: QuizLayout) {
  return layout.flatMap((entry, index) => {
    const question = module.quiz.questions.find((candidate) => candidate.id === entry.question);
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempt = await getOwnAttempt(user.id, params.attemptId ?? "");
  if (!attempt) throw new Response("Not found", { status: 404 });
  const course = await requireCourse(attempt.courseSlug);
  const current = requireModule(course, attempt.moduleSlug);
  // An attempt kept for offline use shows and reviews the quiz it showed, even after a change.
  const shown = current.version === attempt.contentVersion ? null : await getShownQuiz(attempt.id);
  const module = shown ? { ...current, version: attempt.contentVersion, quiz: shown } : current;
  const lang = await getLang(request);
  const base = {
    course: { slug: course.slug, title: lang === "en" ? course.titleEn : course.title },
    module: { slug: module.slug, title: lang === "en" ? module.titleEn : module.title, passMark: module.quiz.passMark },
  };
  if (attempt.submittedAt && attempt.answers) {
    return json({
      ...base,
      state: "submitted" as const,
      score: attempt.score ?? 0,
      passed: attempt.passed ?? false,
      review: reviewOf(module.quiz, attempt.layout, attempt.answers, attempt.passed ?? false),
    });
  }
  if (attempt.contentVersion !== module.version) return json({ ...base, state: "stale" as const });
  return json({ ...base, state: "open" as const, questions: questionsToAnswer(module, attempt.layout) });
}

const SUBMIT_PROBLEM: Record<"tampered" | "stale" | "not_found", MessageKey> = {
  tampered: "quiz.tampered",
  stale: "quiz.stale",
  not_found: "quiz.tampered",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const attemptId = params.attemptId ?? "";
  const attempt = await getOwnAttempt(user.id, attemptId);
  if (!attempt) throw new Response("Not found", { status: 404 });
  const course = await requireCourse(attempt.courseSlug);
  const module = requireModule(course, attempt.moduleSlug);
  const formData = await readForm(request);
  const result = await submitAttempt(user.id, attemptId, course, module, formData);
  if (result.ok) return redirect(`/kiem-tra/${attemptId}`);
  // Keep the learner's choices on the page when it comes back without JavaScript.
  const chosen: Answers = {};
  for (const [name, value] of formData) {
    if (name.startsWith("q.") && typeof value === "string") (chosen[name.slice(2)] ??= []).push(value);
  }
  if (result.problem === "missing") {
    return json({ message: "quiz.missing" as MessageKey, missing: result.questionNumbers, chosen }, { status: 400 });
  }
  return json({ message: SUBMIT_PROBLEM[result.problem], missing: [], chosen }, { status: 400 });
}

export default function QuizPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="quiz">
      <p>
        <Link to={`/khoa-hoc/${data.course.slug}/${data.module.slug}`}>← {data.module.title}</Link>
      </p>
      <h1>
        {t("quiz.title")}: {data.module.title}
      </h1>
      {data.state === "open" ? <OpenQuiz questions={data.questions} passMark={data.module.passMark} /> : null}
      {data.state === "stale" ? <StaleQuiz courseSlug={data.course.slug} moduleSlug={data.module.slug} /> : null}
      {data.state === "submitted" ? (
        <QuizResult
          score={data.score}
          passed={data.passed}
          passMark={data.module.passMark}
          review={data.review}
          courseSlug={data.course.slug}
          moduleSlug={data.module.slug}
        />
      ) : null}
    </article>
  );
}

type OpenQuestion = { id: string; number: number; multiple: boolean; prompt: string; options: { id: string; text: string }[] };

function OpenQuiz({ questions, passMark }: { questions: OpenQuestion[]; passMark: number }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const chosen = actionData?.chosen ?? {};
  return (
    <Form method="post" className="stack">
      <p>{t("quiz.intro", { count: questions.length, passMark })}</p>
      {actionData ? (
        <p className="form-message" role="alert">
          {t(actionData.message, { numbers: actionData.missing.join(", ") })}
        </p>
      ) : null}
      {questions.map((question) => (
        <fieldset key={question.id} className="question">
          <legend>
            <span className="question__number">{t("quiz.questionNumber", { number: question.number })}</span> {question.prompt}
          </legend>
          {question.multiple ? <p className="field__hint">{t("quiz.chooseSeveral")}</p> : null}
          {question.options.map((option) => (
            <label key={option.id} className="choice">
              <input
                type={question.multiple ? "checkbox" : "radio"}
                name={`q.${question.id}`}
                value={option.id}
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

function StaleQuiz({ courseSlug, moduleSlug }: { courseSlug: string; moduleSlug: string }) {
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

function QuizResult(props: {
  score: number;
  passed: boolean;
  passMark: number;
  review: ReviewedQuestion[];
  courseSlug: string;
  moduleSlug: string;
}) {
  const t = useT();
  const { score, passed, passMark, review, courseSlug, moduleSlug } = props;
  const rightCount = review.filter((question) => question.right).length;
  return (
    <>
      <section className={`result result--${passed ? "passed" : "failed"}`} role="status">
        <p className="result__verdict">{passed ? t("quiz.passed") : t("quiz.failed")}</p>
        <p>{t("quiz.score", { right: rightCount, total: review.length, score, passMark })}</p>
      </section>
      {passed ? (
        <p>
          <Link to={`/khoa-hoc/${courseSlug}/${moduleSlug}#kiem-tra`} className="button button--primary">
            {t("quiz.continue")}
          </Link>
        </p>
      ) : (
        <Form method="post" action={`/khoa-hoc/${courseSlug}/${moduleSlug}`}>
          <input type="hidden" name="intent" value="start-quiz" />
          <button type="submit" className="button button--primary">
            {t("quiz.retry")}
          </button>
        </Form>
      )}
      <h2>{t("quiz.review")}</h2>
      {passed ? null : <p>{t("quiz.reviewFailed")}</p>}
      <ol className="review">
        {review.map((question) => (
          <li key={question.id} className={`review__item review__item--${question.right ? "right" : "wrong"}`}>
            <p className="review__prompt">
              <strong>{question.right ? t("quiz.right") : t("quiz.wrong")}</strong> {question.prompt}
            </p>
            <ul className="review__options">
              {question.options.map((option) => (
                <li key={option.id}>
                  {option.text}
                  {option.chosen ? <span className="tag">{t("quiz.yourAnswer")}</span> : null}
                  {option.correct ? <span className="tag tag--correct">{t("quiz.correctAnswer")}</span> : null}
                </li>
              ))}
            </ul>
            <p className="review__explanation">{question.explanation}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
