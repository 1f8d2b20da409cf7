import { getCatalogue } from "#app/content/catalogue.server";
import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter } from "#app/utils/list-query";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { recordAttendanceQualifications } from "./qualification.server";
import { findWardInForce, getUnitPath } from "./unit.server";

export const SESSION_KINDS = ["training", "communication"] as const;

type NewSession = {
  unitId: string;
  heldOn: Date;
  place: string;
  kind: (typeof SESSION_KINDS)[number];
  courseSlugs: string[];
  trainer: string;
  headcount: number | null;
  headcountGroup: string | null;
};

/** How long a repeated post of the same form counts as the same request. */
const REPEAT_WINDOW_MS = 10 * 60_000;

async function scopeOf(admin: AdminUser) {
  return (await getUnitPath(admin.unitId)).path;
}

/** Records an in-person session held in a ward of the administrator's scope. */
export async function createTrainingSession(admin: AdminUser, session: NewSession) {
  const ward = await findWardInForce(session.unitId);
  if (!ward?.path.startsWith(await scopeOf(admin))) return null;
  const { courseSlugs, ...fields } = session;
  return prisma.$transaction(async (tx) => {
    // The same session posted again by the same admin (a double click, a retried post) is the
    // one already recorded, not a second one.
    const repeated = await tx.trainingSession.findFirst({
      where: { ...fields, courses: JSON.stringify(courseSlugs), createdById: admin.id, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } },
      select: { id: true },
    });
    if (repeated) return repeated;
    const created = await tx.trainingSession.create({
      data: { ...fields, courses: JSON.stringify(courseSlugs), createdById: admin.id },
      select: { id: true },
    });
    await audit(tx, { actorId: admin.id, action: "session.create", targetType: "session", targetId: created.id, details: session });
    return created;
  });
}

/** The sessions of an administrator's scope, newest first: the latest `limit` of them, or all for null (exports). */
export async function listTrainingSessions(admin: AdminUser, limit: number | null = 100) {
  const sessions = await prisma.trainingSession.findMany({
    where: { unit: { path: { startsWith: await scopeOf(admin) } } },
    select: {
      id: true,
      heldOn: true,
      place: true,
      kind: true,
      courses: true,
      trainer: true,
      headcount: true,
      unit: { select: { name: true } },
      _count: { select: { attendance: true } },
    },
    orderBy: { heldOn: "desc" },
    ...(limit === null ? {} : { take: limit }),
  });
  return sessions.map(({ courses, ...session }) => {
    const courseSlugs: unknown = JSON.parse(courses);
    return { ...session, courseSlugs: Array.isArray(courseSlugs) ? courseSlugs.map(String) : [] };
  });
}

/** A session inside the administrator's scope; 404 for another ward's as for none, so no id is confirmed. */
export async function requireTrainingSession(admin: AdminUser, sessionId: string) {
  const scope = await scopeOf(admin);
  const session = await prisma.trainingSession.findFirst({
    where: { id: sessionId, unit: { path: { startsWith: scope } } },
    select: {
      id: true,
      unitId: true,
      heldOn: true,
      place: true,
      kind: true,
      courses: true,
      trainer: true,
      headcount: true,
      unit: { select: { name: true, path: true } },
    },
  });
  if (!session) throw new Response("Not found", { status: 404 });
  const courseSlugs: unknown = JSON.parse(session.courses);
  return { ...session, courseSlugs: Array.isArray(courseSlugs) ? courseSlugs.map(String) : [] };
}

type TrainingSession = Awaited<ReturnType<typeof requireTrainingSession>>;

export function listAttendees(session: TrainingSession) {
  return prisma.attendance.findMany({
    where: { sessionId: session.id },
    select: { rosterEntry: { select: { id: true, name: true, phone: true, targetGroup: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Roster entries of the session's ward matching a search, to tick as present. */
export function searchRosterForSession(session: TrainingSession, query: string) {
  if (!foldForSearch(query)) return Promise.resolve([]);
  return prisma.rosterEntry.findMany({
    where: { unitId: session.unitId, leftAt: null, ...nameOrPhoneFilter(query) },
    select: { id: true, name: true, phone: true, targetGroup: true },
    orderBy: { searchName: "asc" },
    take: 20,
  });
}

async function attend(tx: Prisma.TransactionClient, admin: AdminUser, session: TrainingSession, rosterEntryId: string) {
  const entry = await tx.rosterEntry.findFirst({
    where: { id: rosterEntryId, unitId: session.unitId },
    select: { id: true, unitId: true, targetGroup: true, leftAt: true, userId: true },
  });
  if (!entry) return false;
  const already = await tx.attendance.findUnique({
    where: { sessionId_rosterEntryId: { sessionId: session.id, rosterEntryId } },
    select: { id: true },
  });
  if (already) return true;
  await tx.attendance.create({ data: { sessionId: session.id, rosterEntryId }, select: { id: true } });
  await recordAttendanceQualifications(tx, session, entry);
  if (entry.userId && session.kind === "training") await completeCoursesInPerson(tx, entry.userId, session);
  await audit(tx, { actorId: admin.id, action: "session.attend", targetType: "session", targetId: session.id, details: { rosterEntryId } });
  return true;
}

/**
 * A training session that covered a course completes it for an attendee who has an account
 * (DESIGN: in-person attendance can complete a course), recorded with the rule that produced it.
 */
async function completeCoursesInPerson(tx: Prisma.TransactionClient, userId: string, session: TrainingSession) {
  const { courses } = await getCatalogue();
  for (const course of courses.filter((candidate) => session.courseSlugs.includes(candidate.slug))) {
    await tx.courseCompletion.upsert({
      where: { userId_courseSlug: { userId, courseSlug: course.slug } },
      update: {},
      create: { userId, courseSlug: course.slug, contentVersion: course.version, rule: "in-person", completedAt: session.heldOn },
      select: { id: true },
    });
  }
}

/**
 * Marks a roster entry of the session's ward present and qualifies it, once: a repeated post
 * (double click, retry) changes nothing. False when the entry is not of the session's ward.
 */
export function recordAttendance(admin: AdminUser, session: TrainingSession, rosterEntryId: string) {
  return prisma.$transaction((tx) => attend(tx, admin, session, rosterEntryId));
}

/** Somebody present who is not on the roster yet: added to it, matched to an account, marked present. */
export async function addPersonAndAttend(
  admin: AdminUser,
  session: TrainingSession,
  person: { name: string; phone: string | null; targetGroup: string },
) {
  const user = person.phone ? await prisma.user.findUnique({ where: { phone: person.phone }, select: { id: true } }) : null;
  return prisma.$transaction(async (tx) => {
    // Found by phone; without one, the same name already marked present at this session is the
    // same person posted twice, not a namesake.
    const existing = await tx.rosterEntry.findFirst({
      where: person.phone
        ? { unitId: session.unitId, targetGroup: person.targetGroup, phone: person.phone }
        : { unitId: session.unitId, targetGroup: person.targetGroup, phone: null, name: person.name, attendance: { some: { sessionId: session.id } } },
      select: { id: true },
    });
    const entry =
      existing ??
      (await tx.rosterEntry.create({
        data: { ...person, searchName: foldForSearch(person.name), unitId: session.unitId, userId: user?.id ?? null },
        select: { id: true },
      }));
    if (!existing) {
      await audit(tx, { actorId: admin.id, action: "roster.add", targetType: "rosterEntry", targetId: entry.id, details: { sessionId: session.id } });
    }
    return attend(tx, admin, session, entry.id);
  });
}
