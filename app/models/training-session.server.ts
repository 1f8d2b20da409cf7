import { getCatalogue } from "#app/content/catalogue.server";
import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { nameOrPhoneFilter } from "#app/utils/list-query";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import { recordAttendanceQualifications, recordQualifications } from "./qualification.server";
import { findWardInForce } from "./unit.server";

export const SESSION_KINDS = ["training", "communication"] as const;

export type NewSession = {
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
export const REPEAT_WINDOW_MS = 10 * 60_000;

function courseSlugsOf(courses: string) {
  const slugs: unknown = JSON.parse(courses);
  return Array.isArray(slugs) ? slugs.map(String) : [];
}

/** Records an in-person session held in a ward of the administrator's scope. */
export async function createTrainingSession(admin: AdminUser, session: NewSession) {
  const ward = await findWardInForce(session.unitId);
  if (!ward?.path.startsWith(admin.unitPath)) return null;
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
    where: { unit: { path: { startsWith: admin.unitPath } } },
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
  return sessions.map(({ courses, ...session }) => ({ ...session, courseSlugs: courseSlugsOf(courses) }));
}

/** A session inside the administrator's scope; null for another ward's as for none, so no id is confirmed. */
export async function findTrainingSession(admin: AdminUser, sessionId: string) {
  const session = await prisma.trainingSession.findFirst({
    where: { id: sessionId, unit: { path: { startsWith: admin.unitPath } } },
    select: {
      id: true,
      unitId: true,
      heldOn: true,
      place: true,
      kind: true,
      courses: true,
      trainer: true,
      headcount: true,
      headcountGroup: true,
      unit: { select: { name: true, path: true } },
    },
  });
  if (!session) return null;
  return { ...session, courseSlugs: courseSlugsOf(session.courses) };
}

export type TrainingSession = NonNullable<Awaited<ReturnType<typeof findTrainingSession>>>;

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
export async function completeCoursesInPerson(tx: Prisma.TransactionClient, userId: string, session: { courseSlugs: string[]; heldOn: Date }) {
  const { courses } = await getCatalogue();
  for (const course of courses.filter((candidate) => session.courseSlugs.includes(candidate.slug))) {
    await tx.courseCompletion.upsert({
      where: { userId_courseSlug: { userId, courseSlug: course.slug } },
      update: {},
      create: { userId, courseSlug: course.slug, contentVersion: course.version, courseVersion: course.courseVersion, rule: "in-person", completedAt: session.heldOn },
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

/**
 * Somebody present who is not on the roster yet. Without a phone, or with the phone of an account
 * of the session's ward: added to the ward's roster and marked present. Anybody else, a person of
 * another ward or a number with no account, is recorded as waiting for their own confirmation:
 * no roster entry here, nothing counted, and the same answer to the admin in both cases, so that
 * the admin learns nothing about the number (issue 12, item 7).
 */
export async function addPersonAndAttend(admin: AdminUser, session: TrainingSession, person: { name: string; phone: string | null; phoneAsTyped: string; targetGroup: string }) {
  const { phoneAsTyped, ...fields } = person;
  const onRoster = fields.phone
    ? await prisma.rosterEntry.findFirst({ where: { unitId: session.unitId, targetGroup: fields.targetGroup, phone: fields.phone }, select: { id: true } })
    : null;
  const user =
    fields.phone && !onRoster
      ? await prisma.user.findFirst({
          // Only a confirmed phone proves whose account it is (a squatter's must not be linked).
          where: { phone: fields.phone, phoneConfirmedAt: { not: null }, unit: { path: { startsWith: session.unit.path } } },
          select: { id: true },
        })
      : null;
  if (fields.phone && !onRoster && !user) return askForConfirmation(admin, session, { phone: fields.phone, phoneAsTyped });
  return prisma.$transaction(async (tx) => {
    // Without a phone, the same name already marked present at this session is the same person
    // posted twice, not a namesake.
    const existing =
      onRoster ??
      (fields.phone
        ? null
        : await tx.rosterEntry.findFirst({
            where: { unitId: session.unitId, targetGroup: fields.targetGroup, phone: null, name: fields.name, attendance: { some: { sessionId: session.id } } },
            select: { id: true },
          }));
    const entry =
      existing ??
      (await tx.rosterEntry.create({
        data: { ...fields, searchName: foldForSearch(fields.name), unitId: session.unitId, userId: user?.id ?? null },
        select: { id: true },
      }));
    if (!existing) {
      await audit(tx, { actorId: admin.id, action: "roster.add", targetType: "rosterEntry", targetId: entry.id, details: { sessionId: session.id } });
    }
    return attend(tx, admin, session, entry.id);
  });
}

/** Records, once, that the owner of this phone is asked to confirm they attended. */
function askForConfirmation(admin: AdminUser, session: TrainingSession, phone: { phone: string; phoneAsTyped: string }) {
  return prisma.$transaction(async (tx) => {
    const key = { sessionId_phone: { sessionId: session.id, phone: phone.phone } };
    if (await tx.attendanceConfirmation.findUnique({ where: key, select: { id: true } })) return true;
    const created = await tx.attendanceConfirmation.create({ data: { sessionId: session.id, ...phone, addedById: admin.id }, select: { id: true } });
    await audit(tx, { actorId: admin.id, action: "session.ask-confirmation", targetType: "session", targetId: session.id, details: { confirmationId: created.id } });
    return true;
  });
}

/**
 * What the admin sees of the people asked to confirm: the number as typed and whether it is
 * confirmed. A declined one reads as still waiting: saying "declined" would say an account exists.
 */
export async function listAttendanceConfirmations(session: TrainingSession) {
  const rows = await prisma.attendanceConfirmation.findMany({
    where: { sessionId: session.id },
    select: { id: true, phoneAsTyped: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ id: row.id, phone: row.phoneAsTyped, confirmed: row.status === "confirmed" }));
}

/**
 * The sessions waiting for the signed-in person's word that they attended, matched by their
 * account's phone once it is confirmed (a squatted phone must not count somebody else's attendance).
 */
export async function listAttendanceToConfirm(userId: string) {
  const me = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true, phoneConfirmedAt: true } });
  if (!me.phoneConfirmedAt) return [];
  const rows = await prisma.attendanceConfirmation.findMany({
    where: { phone: me.phone, status: "pending" },
    select: { id: true, session: { select: { heldOn: true, place: true, kind: true, courses: true, unit: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map(({ id, session: { courses, unit, ...session } }) => ({ id, ...session, ward: unit.name, courseSlugs: courseSlugsOf(courses) }));
}

/**
 * The person's answer. Confirmed, the attendance counts from the session's date, once, as
 * attendance of a ward's own roster entry does: for their roster entries in their own ward (a new
 * entry there when they have none) and as a completion of the courses of a training session.
 * False when there is no such question waiting for this person.
 */
export async function answerAttendance(userId: string, confirmationId: string, answer: "confirm" | "decline", now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const me = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { phone: true, phoneConfirmedAt: true, fullName: true, targetGroup: true, unitId: true, unit: { select: { path: true } } },
    });
    if (!me.phoneConfirmedAt) return false;
    const { count } = await tx.attendanceConfirmation.updateMany({
      where: { id: confirmationId, phone: me.phone, status: "pending" },
      data: { status: answer === "confirm" ? "confirmed" : "declined", userId, respondedAt: now },
    });
    if (count === 0) return false;
    if (answer === "decline") return true;
    const { session } = await tx.attendanceConfirmation.findUniqueOrThrow({
      where: { id: confirmationId },
      select: { session: { select: { id: true, heldOn: true, kind: true, courses: true } } },
    });
    const attended = { ...session, courseSlugs: courseSlugsOf(session.courses) };
    const entrySelect = { id: true, unitId: true, targetGroup: true, leftAt: true } as const;
    let entries = await tx.rosterEntry.findMany({ where: { userId, unit: { path: { startsWith: me.unit.path } } }, select: entrySelect });
    if (entries.length === 0 && me.targetGroup && (await findWardInForce(me.unitId, now))) {
      const created = await tx.rosterEntry.create({
        data: { unitId: me.unitId, targetGroup: me.targetGroup, name: me.fullName, searchName: foldForSearch(me.fullName), phone: me.phone, userId },
        select: entrySelect,
      });
      entries = [created];
      // As when an account and a roster entry find each other: the new entry counts what was completed before.
      await recordQualifications(tx, userId);
    }
    for (const entry of entries) await recordAttendanceQualifications(tx, attended, entry);
    if (attended.kind === "training") await completeCoursesInPerson(tx, userId, attended);
    await audit(tx, { actorId: userId, action: "session.confirm", targetType: "session", targetId: session.id, details: { confirmationId } });
    return true;
  });
}
