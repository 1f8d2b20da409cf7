import { getCatalogue } from "#app/content/catalogue.server";
import { nextModule } from "#app/content/courses.server";
import type { Lang } from "#app/i18n/lang";
import type { SessionUser } from "#app/utils/auth.server";

import { getLearnerProgress } from "./progress.server";

/**
 * Every course with the learner's progress, those for the learner's target group first:
 * what "Khóa học của tôi" lists and where the home page finds "bài tiếp theo".
 */
export async function getMyCourses(user: SessionUser, lang: Lang) {
  const [catalogue, progress] = await Promise.all([getCatalogue(), getLearnerProgress(user.id)]);
  const courses = catalogue.courses.map((course) => {
    const done = progress.doneModules.get(course.slug) ?? new Set<string>();
    const next = nextModule(course, done);
    return {
      slug: course.slug,
      title: lang === "en" ? course.titleEn : course.title,
      summary: lang === "en" ? course.summaryEn : course.summary,
      minutes: course.minutes,
      forMe: user.targetGroup !== null && course.audiences.includes(user.targetGroup),
      doneCount: course.modules.filter((module) => done.has(module.slug)).length,
      moduleCount: course.modules.length,
      next: next ? { slug: next.slug, title: lang === "en" ? next.titleEn : next.title } : null,
      completedAt: progress.completions.get(course.slug) ?? null,
    };
  });
  return {
    inProgress: courses.filter((course) => !course.completedAt).sort((a, b) => Number(b.forMe) - Number(a.forMe)),
    completed: courses.flatMap(({ completedAt, ...course }) => (completedAt ? [{ ...course, completedAt }] : [])),
  };
}

/** The course to suggest after finishing one: the first not yet completed of the learner's own group, or none. */
export async function suggestNextCourse(user: SessionUser, lang: Lang, after: string) {
  const { inProgress } = await getMyCourses(user, lang);
  const next = inProgress.find((course) => course.forMe && course.slug !== after);
  return next ? { slug: next.slug, title: next.title } : null;
}
