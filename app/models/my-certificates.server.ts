import { getCatalogue } from "#app/content/catalogue.server";
import type { Lang } from "#app/i18n/lang";
import type { SessionUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { listOrganisationCertificates, organisationIdOf } from "./certification/organisation.server";
import { suggestNextCourse } from "./my-courses.server";

/**
 * What "Chứng nhận của tôi" lists for one learner: every course they completed, with its
 * certificate once issued, and, for a member of an organisation, that organisation's latest
 * certificate. Only the learner's own rows: the query is scoped by their id.
 */
export async function listMyCertificates(userId: string, lang: Lang, now = new Date()) {
  const [catalogue, completions, certificates, organisationId] = await Promise.all([
    getCatalogue(),
    prisma.courseCompletion.findMany({ where: { userId }, select: { courseSlug: true, completedAt: true }, orderBy: { completedAt: "asc" } }),
    prisma.certificate.findMany({ where: { userId, kind: "course" }, select: { courseSlug: true, code: true } }),
    organisationIdOf(userId),
  ]);
  const titles = new Map(catalogue.courses.map((course) => [course.slug, lang === "en" ? course.titleEn : course.title]));
  const codes = new Map(certificates.map((certificate) => [certificate.courseSlug, certificate.code]));
  const courses = completions.map((completion) => ({
    slug: completion.courseSlug,
    // A course withdrawn from the catalogue keeps its certificate; its slug names it.
    title: titles.get(completion.courseSlug) ?? completion.courseSlug,
    completedAt: completion.completedAt,
    code: codes.get(completion.courseSlug) ?? null,
  }));
  if (!organisationId) return { courses, organisation: null };
  const [organisation, organisationCertificates] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true } }),
    listOrganisationCertificates(organisationId, now),
  ]);
  const latest = organisationCertificates[0];
  return {
    courses,
    organisation: { name: organisation.name, certificate: latest ? { code: latest.code, status: latest.status, expiresAt: latest.expiresAt } : null },
  };
}

/**
 * The end-of-course panel's facts: null until the learner completed the course, then its
 * certificate's code (null before it is issued) and the next course of their group. Shown after
 * the last quiz of a course, so the lookup is hand-written SQL like the rest of that path.
 */
export async function getCourseEnd(user: SessionUser, courseSlug: string, lang: Lang) {
  const [completion] = await prisma.$queryRaw<{ code: string | null }[]>`
    SELECT "Certificate"."code" AS "code" FROM "CourseCompletion"
    LEFT JOIN "Certificate" ON "Certificate"."userId" = "CourseCompletion"."userId" AND "Certificate"."courseSlug" = "CourseCompletion"."courseSlug"
    WHERE "CourseCompletion"."userId" = ${user.id} AND "CourseCompletion"."courseSlug" = ${courseSlug}`;
  if (!completion) return null;
  return { code: completion.code, next: await suggestNextCourse(user, lang, courseSlug) };
}
