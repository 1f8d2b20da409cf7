import type { CatalogueCourse } from "#app/content/catalogue.server";
import type { Prisma } from "#app/generated/prisma/client";

/** How a course was completed: online (every module read and its quiz passed) or in person (a training session that covered it). */
type CompletionRule = "online" | "in-person";

/**
 * The one writer of CourseCompletion, for both paths. A course is completed once: the first
 * completion, with the course's versions and the rule that produced it, is the one that stays.
 */
export async function recordCourseCompletion(
  tx: Prisma.TransactionClient,
  userId: string,
  course: Pick<CatalogueCourse, "slug" | "version" | "courseVersion">,
  rule: CompletionRule,
  completedAt: Date,
) {
  await tx.courseCompletion.upsert({
    where: { userId_courseSlug: { userId, courseSlug: course.slug } },
    update: {},
    create: { userId, courseSlug: course.slug, contentVersion: course.version, courseVersion: course.courseVersion, rule, completedAt },
    select: { id: true },
  });
}
