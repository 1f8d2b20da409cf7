import { randomInt } from "node:crypto";

import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { QuizResult } from "#app/components/quiz-result";
import { requireCourse, requireModule } from "#app/content/courses.server";
import { isOpenCourse } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { checkAnswers, grade, layoutFor, questionsToAnswer, reviewOf, type Answers, type ReviewedQuestion } from "#app/models/grade.server";
import { countSelfCheck } from "#app/models/self-check.server";
import { readForm } from "#app/utils/forms.server";
import { badRequest, notFound } from "#app/utils/http.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "selfCheck.title") }];

const FIELD_PREFIX = "q.";
const SEED_LIMIT = 2 ** 31;
// Built when needed, not at module top: a top-level zod call would keep zod in the browser bundle.
function seedSchema() {
  return z.coerce.number().int().min(0).max(SEED_LIMIT);
}

/**
 * The quiz of an open course (the children's course) as a self-check: anyone may take it without
 * an account and it is graded here, on the server, but nothing is stored about who took it or what
 * they answered. The questions drawn follow from a seed the page carries, so no attempt row is
 * needed; only the count of completed self-checks per module goes up (children are counted, not
 * profiled). Any other course's quiz is not here: it is 404.
 */
async function openModule(params: { course?: string; module?: string }) {
  const course = await requireCourse(params.course);
  if (!isOpenCourse(course)) throw notFound();
  return { course, module: requireModule(course, params.module) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, module } = await openModule(params);
  const lang = await getLang(request);
  const seed = randomInt(SEED_LIMIT);
  return {
    course: { slug: course.slug },
    module: { slug: module.slug, title: lang === "en" ? module.titleEn : module.title, passMark: module.quiz.passMark },
    seed,
    questions: questionsToAnswer(module.quiz, layoutFor(module.quiz, seed)),
  };
}

type Outcome = { state: "graded"; score: number; passed: boolean; review: ReviewedQuestion[] } | { state: "refused"; message: MessageKey; missing: number[]; chosen: Answers };

export async function action({ request, params }: ActionFunctionArgs) {
  const { course, module } = await openModule(params);
  const formData = await readForm(request);
  const seed = seedSchema().safeParse(formData.get("seed"));
  if (!seed.success) throw badRequest();
  const layout = layoutFor(module.quiz, seed.data);
  const chosen: Answers = {};
  for (const [name, value] of formData) {
    if (name.startsWith(FIELD_PREFIX)) (chosen[name.slice(FIELD_PREFIX.length)] ??= []).push(typeof value === "string" ? value : "");
  }
  const checked = checkAnswers(chosen, layout, module.quiz);
  if (!checked.ok) {
    const refusal: Outcome =
      checked.problem === "missing"
        ? { state: "refused", message: "quiz.missing", missing: checked.questionNumbers, chosen }
        : { state: "refused", message: "quiz.tampered", missing: [], chosen };
    return json(refusal, { status: 400 });
  }
  const { score, passed } = grade(module.quiz, layout, checked.answers);
  await countSelfCheck(course.slug, module.slug);
  // A self-check keeps nothing, so the answers are shown whether it passed or not: there is no record to protect.
  return json({ state: "graded", score, passed, review: reviewOf(module.quiz, layout, checked.answers, true) } satisfies Outcome);
}

export default function SelfCheckPage() {
  const t = useT();
  const { course, module, seed, questions } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <article className="quiz">
      <p>
        <Link to={`/khoa-hoc/${course.slug}/${module.slug}`}>← {module.title}</Link>
      </p>
      <h1>
        {t("selfCheck.title")}: {module.title}
      </h1>
      <p className="notice">{t("selfCheck.nothingKept")}</p>
      {outcome?.state === "graded" ? (
        <QuizResult
          score={outcome.score}
          passed={outcome.passed}
          passMark={module.passMark}
          review={outcome.review}
          next={
            <p>
              <Link to={`/tu-kiem-tra/${course.slug}/${module.slug}`} reloadDocument className="button">
                {t("selfCheck.again")}
              </Link>
            </p>
          }
        />
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="seed" value={seed} />
          <p>{t("quiz.intro", { count: questions.length, passMark: module.passMark })}</p>
          {outcome?.state === "refused" ? (
            <p className="form-message" role="alert">
              {t(outcome.message, { numbers: outcome.missing.join(", ") })}
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
                    name={`${FIELD_PREFIX}${question.id}`}
                    value={option.id}
                    defaultChecked={outcome?.state === "refused" && outcome.chosen[question.id]?.includes(option.id)}
                  />
                  <span>{option.text}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit" className="button button--primary">
            {t("quiz.submit")}
          </button>
        </Form>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
