import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { requireCourse } from "#app/content/courses.server";
import { getLang } from "#app/i18n/lang.server";
import { pageTitle, useT } from "#app/i18n/use-t";
import { requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "changelog.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const course = await requireCourse(params.course);
  const lang = await getLang(request);
  return {
    course: { slug: course.slug, title: lang === "en" ? course.titleEn : course.title },
    versions: course.changelog.map((entry) => ({
      version: entry.version,
      date: formatDate(entry.date),
      changes: lang === "en" ? entry.changesEn : entry.changes,
    })),
  };
}

export default function CourseChangelogPage() {
  const t = useT();
  const { course, versions } = useLoaderData<typeof loader>();
  return (
    <article className="narrow">
      <p>
        <Link to={`/khoa-hoc/${course.slug}`}>← {course.title}</Link>
      </p>
      <h1>{t("changelog.title")}</h1>
      <p>
        <strong>{course.title}</strong>
      </p>
      {versions.map((entry, index) => (
        <section key={entry.version}>
          <h2>
            {t("changelog.version", { version: entry.version, date: entry.date })}
            {index === 0 ? <span className="tag">{t("changelog.current")}</span> : null}
          </h2>
          <ul>
            {entry.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
