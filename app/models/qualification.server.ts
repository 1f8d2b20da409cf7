import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import type { Prisma } from "#app/generated/prisma/client";
import { monthOf } from "#app/utils/dates";

import { periodAt } from "./coverage.server";

type Tx = Prisma.TransactionClient;

type Entry = { id: string; unitId: string; targetGroup: string; leftAt: Date | null };

/** The first qualification in its period of each entry for each indicator that covers its target group. */
async function qualify(tx: Tx, entries: Entry[], indicatorCodes: string[], qualifiedAt: Date, source: "online" | "in-person") {
  const { indicators } = getProgramme();
  const period = periodAt(qualifiedAt).code;
  for (const code of indicatorCodes) {
    const indicator = indicators.find((candidate) => candidate.code === code);
    if (!indicator) continue;
    for (const entry of entries.filter((candidate) => indicator.groups.includes(candidate.targetGroup))) {
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
  const { courses } = await getCatalogue();
  for (const completion of completions) {
    const course = courses.find((candidate) => candidate.slug === completion.courseSlug);
    await qualify(tx, entries, course?.indicators ?? [], completion.completedAt, "online");
  }
}

/**
 * Attendance at an in-person session qualifies like a completion of the courses it covered, for
 * those of their indicators that count the session's kind (programme.yml, sessionKinds).
 */
export async function recordAttendanceQualifications(
  tx: Tx,
  session: { kind: string; courseSlugs: string[]; heldOn: Date },
  entry: Entry,
) {
  const { courses } = await getCatalogue();
  const { indicators } = getProgramme();
  const covered = courses.filter((course) => session.courseSlugs.includes(course.slug)).flatMap((course) => course.indicators);
  const counted = covered.filter((code) =>
    indicators.some((indicator) => indicator.code === code && indicator.sessionKinds.some((kind) => kind === session.kind)),
  );
  await qualify(tx, [entry], [...new Set(counted)], session.heldOn, "in-person");
}

/** An account and the roster entries with its phone find each other, whichever came first. */
export async function matchRosterToUser(tx: Tx, user: { id: string; phone: string }) {
  const { count } = await tx.rosterEntry.updateMany({ where: { phone: user.phone, userId: null }, data: { userId: user.id } });
  if (count > 0) await recordQualifications(tx, user.id);
}
