import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";

import { CourseEnd } from "#app/components/course-end";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { requireCourse, requireModule } from "#app/content/courses.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { pageTitle, useT } from "#app/i18n/use-t";
import { questionsToAnswer, reviewOf } from "#app/models/grade.server";
import { getCourseEnd } from "#app/models/my-certificates.server";
import { getOwnAttempt, saveAnswers, submitAttempt } from "#app/models/progress.server";
import { getShownQuiz } from "#app/models/shown-quiz.server";
import { requireUser } from "#app/utils/auth.server";
import { readForm } from "#app/utils/forms.server";
import { notFound } from "#app/utils/http.server";

import { OpenQuiz, readQuizForm, StaleQuiz, type QuizProblem } from "./quiz-form";
import { AttemptResult } from "./quiz-result";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "quiz.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempt = await getOwnAttempt(user.id, params.attemptId ?? "");
  if (!attempt) throw notFound();
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
    // Passing the last module's quiz may have just completed the course.
    const last = course.modules.at(-1)?.slug === module.slug;
    return json({
      ...base,
      state: "submitted" as const,
      score: attempt.score ?? 0,
      passed: attempt.passed ?? false,
      review: reviewOf(module.quiz, attempt.layout, attempt.answers, attempt.passed ?? false),
      end: attempt.passed && last ? await getCourseEnd(user, course.slug, lang) : null,
    });
  }
  if (attempt.contentVersion !== module.version) return json({ ...base, state: "stale" as const });
  return json({ ...base, state: "open" as const, questions: questionsToAnswer(module.quiz, attempt.layout), saved: attempt.savedAnswers ?? {} });
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
  if (!attempt) throw notFound();
  const course = await requireCourse(attempt.courseSlug);
  const module = requireModule(course, attempt.moduleSlug);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const chosen = readQuizForm(formData);
  if (intent === "save" || intent === "autosave") {
    const saved = await saveAnswers(user.id, attemptId, module, chosen);
    // The page saves as the learner goes (a fetcher, answered in data); "Lưu tạm" without JavaScript comes back to the quiz.
    if (intent === "autosave") return json({ saved: saved.ok }, { status: saved.ok ? 200 : 400 });
    if (saved.ok) return redirect(`/kiem-tra/${attemptId}?da-luu`);
    if (saved.problem === "closed") return redirect(`/kiem-tra/${attemptId}`);
    return json({ message: "quiz.tampered", missing: [], chosen } satisfies QuizProblem, { status: 400 });
  }
  const result = await submitAttempt(user.id, attemptId, course, module, chosen);
  if (result.ok) return redirect(`/kiem-tra/${attemptId}`);
  // The learner's choices come back with the refusal, so a page without JavaScript keeps them.
  const problem: QuizProblem =
    result.problem === "missing" ? { message: "quiz.missing", missing: result.questionNumbers, chosen } : { message: SUBMIT_PROBLEM[result.problem], missing: [], chosen };
  return json(problem, { status: 400 });
}

// A save as the learner goes changes nothing the page shows: the loader need not run again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => (formData?.get("intent") === "autosave" ? false : defaultShouldRevalidate);

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
      {data.state === "open" ? <OpenQuiz questions={data.questions} passMark={data.module.passMark} saved={data.saved} /> : null}
      {data.state === "stale" ? <StaleQuiz courseSlug={data.course.slug} moduleSlug={data.module.slug} /> : null}
      {data.state === "submitted" ? (
        <>
          {data.end ? <CourseEnd courseSlug={data.course.slug} end={data.end} /> : null}
          <AttemptResult score={data.score} passed={data.passed} passMark={data.module.passMark} review={data.review} courseSlug={data.course.slug} moduleSlug={data.module.slug} />
        </>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
