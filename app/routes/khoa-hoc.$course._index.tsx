import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { CourseEnd } from "#app/components/course-end";
import { Lesson } from "#app/components/lesson";
import { OfflineDownload } from "#app/components/offline-download";
import { ProgressBar } from "#app/components/progress-bar";
import { requireCourse } from "#app/content/courses.server";
import { courseIntroForLoader } from "#app/content/lesson-html.server";
import { isOpenCourse } from "#app/content/target-groups.server";
import { getLang } from "#app/i18n/lang.server";
import type { MessageKey } from "#app/i18n/messages";
import { useT } from "#app/i18n/use-t";
import { getCourseEnd } from "#app/models/my-certificates.server";
import { getDownloadSize } from "#app/models/offline.server";
import { getCourseProgress } from "#app/models/progress.server";
import { getUser, requireUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.course.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const course = await requireCourse(params.course);
  // The children's course is read without an account: nothing is recorded for an anonymous reader.
  const user = isOpenCourse(course) ? await getUser(request) : await requireUser(request);
  const lang = await getLang(request);
  const [progress, end] = await Promise.all([user ? getCourseProgress(user.id, course) : null, user ? getCourseEnd(user, course.slug, lang) : null]);
  return {
    course: {
      slug: course.slug,
      title: lang === "en" ? course.titleEn : course.title,
      minutes: course.minutes,
      version: course.courseVersion,
      intro: courseIntroForLoader(context, course, lang),
    },
    modules: course.modules.map((module, index) => ({
      slug: module.slug,
      number: module.number,
      title: lang === "en" ? module.titleEn : module.title,
      summary: module.summary,
      minutes: module.minutes,
      status: progress?.modules[index]?.status ?? "not_started",
    })),
    anonymous: !progress,
    completedOn: progress?.completedAt ? formatDate(progress.completedAt) : null,
    // Named only when the course has changed since: the learner may want to read what changed.
    completedVersion: progress && progress.completedVersion !== course.courseVersion ? progress.completedVersion : null,
    end,
    offline: { version: course.version, bytes: getDownloadSize(course, lang) },
  };
}

const STATUS_LABEL: Record<string, MessageKey> = {
  not_started: "module.status.not_started",
  in_progress: "module.status.in_progress",
  passed: "module.status.passed",
};

export default function CoursePage() {
  const t = useT();
  const { course, modules, anonymous, completedOn, completedVersion, end, offline } = useLoaderData<typeof loader>();
  const passed = modules.filter((module) => module.status === "passed").length;
  return (
    <article>
      <p>
        <Link to="/khoa-hoc">← {t("courses.title")}</Link>
      </p>
      <h1>{course.title}</h1>
      <p>
        <Link to={`/khoa-hoc/${course.slug}/phien-ban`}>{t("course.versionLink", { version: course.version })}</Link>
      </p>
      {completedOn ? (
        <>
          <p className="status status--done">{t("courses.completedOn", { date: completedOn })}</p>
          {completedVersion ? <p>{t("course.completedVersion", { version: completedVersion, current: course.version })}</p> : null}
          {end ? <CourseEnd courseSlug={course.slug} end={end} /> : null}
        </>
      ) : null}
      {anonymous ? (
        <p className="notice">{t("course.openNote")}</p>
      ) : (
        <>
          <ProgressBar done={passed} total={modules.length} />
          <OfflineDownload courseSlug={course.slug} {...offline} />
        </>
      )}
      <Lesson {...course.intro} />
      <h2>{t("course.modules")}</h2>
      <ol className="module-list">
        {modules.map((module) => (
          <li key={module.slug} className={`module-item module-item--${module.status}`}>
            <Link to={`/khoa-hoc/${course.slug}/${module.slug}`} className="module-item__title">
              {module.title}
            </Link>
            <span className="module-item__meta">
              {anonymous ? null : (
                <>
                  <span className={`status status--${module.status}`}>{t(STATUS_LABEL[module.status] ?? "module.status.not_started")}</span>
                  {" · "}
                </>
              )}
              {t("courses.minutes", { minutes: module.minutes })}
            </span>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
