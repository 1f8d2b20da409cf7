import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ProgressBar } from "#app/components/progress-bar";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { getMyCourses } from "#app/models/my-courses.server";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "courses.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { inProgress, completed } = await getMyCourses(user, await getLang(request));
  return { inProgress, completed: completed.map(({ completedAt, ...course }) => ({ ...course, completedOn: formatDate(completedAt) })) };
}

export default function MyCoursesPage() {
  const t = useT();
  const { inProgress, completed } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("courses.title")}</h1>
      <ul className="course-list">
        {inProgress.map((course) => (
          <li key={course.slug} className="course-card">
            {course.forMe ? <p className="badge">{t("courses.forYou")}</p> : null}
            <h2>
              <Link to={`/khoa-hoc/${course.slug}`}>{course.title}</Link>
            </h2>
            <p>{course.summary}</p>
            <ProgressBar done={course.doneCount} total={course.moduleCount} />
            {course.next ? (
              <p className="next-step">
                {t("courses.next")}{" "}
                <Link to={`/khoa-hoc/${course.slug}/${course.next.slug}`} className="button button--primary">
                  {course.next.title}
                </Link>
              </p>
            ) : null}
            <p className="muted">{t("courses.minutes", { minutes: course.minutes })}</p>
          </li>
        ))}
      </ul>
      {completed.length > 0 ? (
        <>
          <h2>{t("courses.completed")}</h2>
          <ul className="course-list">
            {completed.map((course) => (
              <li key={course.slug} className="course-card course-card--done">
                <h3>
                  <Link to={`/khoa-hoc/${course.slug}`}>{course.title}</Link>
                </h3>
                <p className="status status--done">{t("courses.completedOn", { date: course.completedOn })}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
