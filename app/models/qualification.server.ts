import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import type { Prisma } from "#app/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * Records, for every roster entry matched to this user, each indicator their completed courses
 * count for (first time only). Called in the transaction that changes either side: a course
 * completion, a roster import that matches the user, an account that matches a roster entry.
 */
export async function recordQualifications(tx: Tx, userId: string) {
  const entries = await tx.rosterEntry.findMany({ where: { userId }, select: { id: true, unitId: true, targetGroup: true } });
  if (entries.length === 0) return;
  const completions = await tx.courseCompletion.findMany({ where: { userId }, select: { courseSlug: true, completedAt: true } });
  if (completions.length === 0) return;
  const [catalogue, programme] = [await getCatalogue(), getProgramme()];
  for (const completion of completions) {
    const course = catalogue.courses.find((candidate) => candidate.slug === completion.courseSlug);
    for (const code of course?.indicators ?? []) {
      const indicator = programme.indicators.find((candidate) => candidate.code === code);
      if (!indicator) continue;
      for (const entry of entries.filter((candidate) => indicator.groups.includes(candidate.targetGroup))) {
        await tx.qualification.upsert({
          where: { indicator_rosterEntryId: { indicator: code, rosterEntryId: entry.id } },
          update: {},
          create: { indicator: code, rosterEntryId: entry.id, unitId: entry.unitId, qualifiedAt: completion.completedAt, source: "online" },
          select: { id: true },
        });
      }
    }
  }
}

/** An account and the roster entries with its phone find each other, whichever came first. */
export async function matchRosterToUser(tx: Tx, user: { id: string; phone: string }) {
  const { count } = await tx.rosterEntry.updateMany({ where: { phone: user.phone, userId: null }, data: { userId: user.id } });
  if (count > 0) await recordQualifications(tx, user.id);
}
