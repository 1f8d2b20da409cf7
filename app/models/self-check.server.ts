import { prisma } from "#app/utils/db.server";

/** One more self-check completed in a module of an open course: a number, nothing about who. */
export async function countSelfCheck(courseSlug: string, moduleSlug: string) {
  await prisma.selfCheckTally.upsert({
    where: { courseSlug_moduleSlug: { courseSlug, moduleSlug } },
    create: { courseSlug, moduleSlug, completed: 1 },
    update: { completed: { increment: 1 } },
    select: { completed: true },
  });
}
