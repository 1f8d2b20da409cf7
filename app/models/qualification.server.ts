import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { getProgramme, periodAt } from "#app/content/programme.server";
import type { Prisma } from "#app/generated/prisma/client";
import { monthOf } from "#app/utils/dates";

type Tx = Prisma.TransactionClient;

type Entry = { id: string; unitId: string; targetGroup: string; leftAt: Date | null };

/**
 * The indicators an entry of this target group qualifies for by completing these courses online
 * (`sessionKind` null) or by attending a session of this kind that covered them: the courses'
 * indicators that count the group, and, for a session, its kind (programme.yml, sessionKinds).
 */
export function indicatorsQualifiedBy(courses: Pick<CatalogueCourse, "slug" | "indicators">[], event: { courseSlugs: string[]; sessionKind: string | null }, targetGroup: string) {
  const covered = new Set(courses.filter((course) => event.courseSlugs.includes(course.slug)).flatMap((course) => course.indicators));
  return getProgramme()
    .indicators.filter(
      (indicator) =>
        covered.has(indicator.code) && indicator.groups.includes(targetGroup) && (event.sessionKind === null || indicator.sessionKinds.some((kind) => kind === event.sessionKind)),
    )
    .map((indicator) => indicator.code);
}

/** The first qualification in its period of each entry for each indicator the event counts for. */
async function qualify(tx: Tx, entries: Entry[], event: { courseSlugs: string[]; sessionKind: string | null }, qualifiedAt: Date) {
  const { courses } = await getCatalogue();
  const period = periodAt(qualifiedAt).code;
  const source = event.sessionKind === null ? "online" : "in-person";
  for (const entry of entries) {
    for (const code of indicatorsQualifiedBy(courses, event, entry.targetGroup)) {
      await tx.qualification.upsert({
        where: { indicator_rosterEntryId_period: { indicator: code, rosterEntryId: entry.id, period } },
        update: {},
        create: { indicator: code, rosterEntryId: entry.id, unitId: entry.unitId, qualifiedAt, period, month: monthOf(qualifiedAt), source, leftAt: entry.leftAt },
        select: { id: true },
      });
    }
  }
}

/**
 * Records, for every roster entry matched to this user, each indicator their completed courses
 * count for (first time only). Called in the transaction that changes either side: a course
 * completion, a roster import that matches the user, an account that matches a roster entry.
 */
export async function recordQualifications(tx: Tx, userId: string) {
  const entries = await tx.rosterEntry.findMany({ where: { userId }, select: { id: true, unitId: true, targetGroup: true, leftAt: true } });
  if (entries.length === 0) return;
  const completions = await tx.courseCompletion.findMany({ where: { userId }, select: { courseSlug: true, completedAt: true } });
  for (const completion of completions) {
    await qualify(tx, entries, { courseSlugs: [completion.courseSlug], sessionKind: null }, completion.completedAt);
  }
}

/**
 * Attendance at an in-person session qualifies like a completion of the courses it covered, for
 * those of their indicators that count the session's kind (programme.yml, sessionKinds).
 */
export async function recordAttendanceQualifications(tx: Tx, trainingSession: { kind: string; courseSlugs: string[]; heldOn: Date }, entry: Entry) {
  await qualify(tx, [entry], { courseSlugs: trainingSession.courseSlugs, sessionKind: trainingSession.kind }, trainingSession.heldOn);
}

/** An account and the roster entries with its phone find each other, whichever came first. */
export async function matchRosterToUser(tx: Tx, user: { id: string; phone: string }) {
  const { count } = await tx.rosterEntry.updateMany({ where: { phone: user.phone, userId: null }, data: { userId: user.id } });
  if (count > 0) await recordQualifications(tx, user.id);
}
