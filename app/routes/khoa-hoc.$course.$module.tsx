import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { CourseEnd } from "#app/components/course-end";
import { Lesson } from "#app/components/lesson";
import { requireCourse, requireModule } from "#app/content/courses.server";
import { lessonForLoader } from "#app/content/lesson-html.server";
import { isOpenCourse } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import { useT } from "#app/i18n/use-t";
import { getCourseEnd } from "#app/models/my-certificates.server";
import { getModuleProgress, markModuleRead, startAttempt } from "#app/models/progress.server";
import { getUser, requireUser } from "#app/utils/auth.server";
import { readForm } from "#app/utils/forms.server";
import { badRequest } from "#app/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.module.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const course = await requireCourse(params.course);
  const module = requireModule(course, params.module);
  // The children's course is read without an account; its quiz is then a self-check that stores nothing.
  const user = isOpenCourse(course) ? await getUser(request) : await requireUser(request);
  const [lang, mine] = await Promise.all([getLang(request), user ? getModuleProgress(user.id, course, module) : null]);
  const next = course.modules[course.modules.indexOf(module) + 1];
  // Only the last module, once passed, ends the course: every other lesson view skips the lookup.
  const end = user && !next && mine?.passedAt ? await getCourseEnd(user, course.slug, lang) : null;
  return {
    course: { slug: course.slug, title: lang === "en" ? course.titleEn : course.title },
    module: {
      slug: module.slug,
      number: module.number,
      count: course.modules.length,
      title: lang === "en" ? module.titleEn : module.title,
      minutes: module.minutes,
      lesson: lessonForLoader(context, module, course.slug, lang),
      questionCount: module.quiz.perAttempt,
      passMark: module.quiz.passMark,
    },
    anonymous: !user,
    read: Boolean(mine?.readAt),
    passed: Boolean(mine?.passedAt),
    bestScore: mine?.bestScore ?? null,
    next: next ? { slug: next.slug, title: lang === "en" ? next.titleEn : next.title } : null,
    end,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = await requireCourse(params.course);
  const module = requireModule(course, params.module);
  const intent = (await readForm(request)).get("intent");
  if (intent === "read") {
    await markModuleRead(user.id, course, module);
    return redirect(`/khoa-hoc/${course.slug}/${module.slug}#kiem-tra`);
  }
  if (intent === "start-quiz") {
    const attempt = await startAttempt(user.id, course, module);
    return redirect(`/kiem-tra/${attempt.id}`);
  }
  throw badRequest();
}

export default function LessonPage() {
  const t = useT();
  const { course, module, anonymous, read, passed, bestScore, next, end } = useLoaderData<typeof loader>();
  return (
    <article>
      <p>
        <Link to={`/khoa-hoc/${course.slug}`}>← {course.title}</Link>
      </p>
      <p className="muted">
        {t("module.position", { number: module.number, count: module.count })} · {t("courses.minutes", { minutes: module.minutes })}
      </p>
      <h1>{module.title}</h1>
      <Lesson {...module.lesson} />

      <section id="kiem-tra" className="lesson-end" aria-labelledby="lesson-end-title">
        <h2 id="lesson-end-title">{t("module.endTitle")}</h2>
        {anonymous ? <SelfCheckEnd course={course.slug} module={module.slug} next={next} /> : null}
        {anonymous ? null : read ? (
          <p className="status status--done">{t("module.read")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="read" />
            <button type="submit" className="button button--primary">
              {t("module.markRead")}
            </button>
          </Form>
        )}
        {anonymous ? null : passed ? (
          <p className="status status--done">{t("module.quizPassed", { score: bestScore ?? 0 })}</p>
        ) : (
          <>
            <p>{t("module.quizIntro", { count: module.questionCount, passMark: module.passMark })}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="start-quiz" />
              <button type="submit" className={read ? "button button--primary" : "button"}>
                {t("module.startQuiz")}
              </button>
            </Form>
          </>
        )}
        {end ? <CourseEnd courseSlug={course.slug} end={end} /> : null}
        {!anonymous && read && passed ? (
          next ? (
            <p>
              <Link to={`/khoa-hoc/${course.slug}/${next.slug}`} className="button button--primary">
                {t("module.next", { title: next.title })}
              </Link>
            </p>
          ) : (
            <p>
              <Link to={`/khoa-hoc/${course.slug}`} className="button button--primary">
                {t("module.backToCourse")}
              </Link>
            </p>
          )
        ) : null}
      </section>
    </article>
  );
}

function SelfCheckEnd({ course, module, next }: { course: string; module: string; next: { slug: string; title: string } | null }) {
  const t = useT();
  return (
    <>
      <p>{t("selfCheck.intro")}</p>
      <p>
        <Link to={`/tu-kiem-tra/${course}/${module}`} className="button button--primary">
          {t("selfCheck.start")}
        </Link>
      </p>
      {next ? (
        <p>
          <Link to={`/khoa-hoc/${course}/${next.slug}`}>{t("module.next", { title: next.title })}</Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
