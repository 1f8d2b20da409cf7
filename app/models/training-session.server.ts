import { getCatalogue } from "#app/content/catalogue.server";
import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { decodeJsonColumn } from "#app/utils/json-column";
import { nameOrPhoneFilter } from "#app/utils/list-query";
import { foldForSearch } from "#app/utils/search";
import { z } from "zod";

import { audit } from "./audit.server";
import { recordCourseCompletion } from "./course-completion.server";
import { recordAttendanceQualifications, recordQualifications } from "./qualification.server";
import { currentEntryId } from "./roster-duplicates.server";
import { isInScope, rosterInScope, scopeOn, unitInScope } from "./scope.server";
import { findWardInForce } from "./unit.server";

export const TRAINING_SESSION_KINDS = ["training", "communication"] as const;

export type NewTrainingSession = {
  unitId: string;
  heldOn: Date;
  place: string;
  kind: (typeof TRAINING_SESSION_KINDS)[number];
  courseSlugs: string[];
  trainer: string;
  headcount: number | null;
  headcountGroup: string | null;
};

/** How long a repeated post of the same form counts as the same request. */
export const REPEAT_WINDOW_MS = 10 * 60_000;

/** The courses a training session covered, from its JSON column. */
export function courseSlugsOf(courses: string) {
  return decodeJsonColumn(courses, z.array(z.string())) ?? [];
}

/** Records an in-person training session held in a ward of the administrator's scope. */
export async function createTrainingSession(admin: AdminUser, trainingSession: NewTrainingSession) {
  const ward = await findWardInForce(trainingSession.unitId);
  if (!ward || !isInScope(await scopeOn(admin.unitPath), ward.id)) return null;
  const { courseSlugs, ...fields } = trainingSession;
  return prisma.$transaction(async (tx) => {
    // The same training session posted again by the same admin (a double click, a retried post) is the
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
    await audit(tx, { actorId: admin.id, action: "training-session.create", targetType: "trainingSession", targetId: created.id, details: trainingSession });
    return created;
  });
}

const TRAINING_SESSION_FIELDS = { id: true, heldOn: true, startTime: true, place: true, kind: true, courses: true, trainer: true, headcount: true } as const;

/** The training sessions of an administrator's scope, newest first: the latest `limit` of them, or all for null (exports). */
export async function listTrainingSessions(admin: AdminUser, limit: number | null = 100) {
  const trainingSessions = await prisma.trainingSession.findMany({
    where: unitInScope(await scopeOn(admin.unitPath)),
    select: { ...TRAINING_SESSION_FIELDS, unit: { select: { name: true } }, _count: { select: { attendance: true } } },
    orderBy: { heldOn: "desc" },
    ...(limit === null ? {} : { take: limit }),
  });
  return trainingSessions.map(({ courses, ...trainingSession }) => ({ ...trainingSession, courseSlugs: courseSlugsOf(courses) }));
}

/** A training session inside the administrator's scope; null for another ward's as for none, so no id is confirmed. */
export async function findTrainingSession(admin: AdminUser, trainingSessionId: string) {
  const trainingSession = await prisma.trainingSession.findFirst({
    where: { id: trainingSessionId, ...unitInScope(await scopeOn(admin.unitPath)) },
    select: { ...TRAINING_SESSION_FIELDS, unitId: true, headcountGroup: true, unit: { select: { name: true, path: true } } },
  });
  if (!trainingSession) return null;
  // With the scope of its own ward: the roster, former wards' included, it marks attendance from.
  return { ...trainingSession, courseSlugs: courseSlugsOf(trainingSession.courses), scope: await scopeOn(trainingSession.unit.path) };
}

export type TrainingSession = NonNullable<Awaited<ReturnType<typeof findTrainingSession>>>;

export function listAttendees(trainingSession: TrainingSession) {
  return prisma.attendance.findMany({
    where: { sessionId: trainingSession.id },
    select: { rosterEntry: { select: { id: true, name: true, phone: true, targetGroup: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Roster entries of the training session's ward (its former wards' included) matching a search, to tick as present. */
export function searchRosterForTrainingSession(trainingSession: TrainingSession, query: string) {
  if (!foldForSearch(query)) return Promise.resolve([]);
  return prisma.rosterEntry.findMany({
    where: { ...rosterInScope(trainingSession.scope), leftAt: null, ...nameOrPhoneFilter(query) },
    select: { id: true, name: true, phone: true, targetGroup: true },
    orderBy: { searchName: "asc" },
    take: 20,
  });
}

async function attend(tx: Prisma.TransactionClient, admin: AdminUser, trainingSession: TrainingSession, entryId: string) {
  // An old link to an entry merged since marks the kept entry.
  const rosterEntryId = await currentEntryId(tx, entryId);
  const entry = await tx.rosterEntry.findFirst({
    where: { id: rosterEntryId, ...rosterInScope(trainingSession.scope) },
    select: { id: true, unitId: true, targetGroup: true, leftAt: true, userId: true },
  });
  if (!entry) return false;
  const already = await tx.attendance.findUnique({
    where: { sessionId_rosterEntryId: { sessionId: trainingSession.id, rosterEntryId } },
    select: { id: true },
  });
  if (already) return true;
  await tx.attendance.create({ data: { sessionId: trainingSession.id, rosterEntryId }, select: { id: true } });
  await recordAttendanceQualifications(tx, trainingSession, entry);
  if (entry.userId && trainingSession.kind === "training") await completeCoursesInPerson(tx, entry.userId, trainingSession);
  await audit(tx, { actorId: admin.id, action: "training-session.attend", targetType: "trainingSession", targetId: trainingSession.id, details: { rosterEntryId } });
  return true;
}

/**
 * A training session that covered a course completes it for an attendee who has an account
 * (DESIGN: in-person attendance can complete a course), recorded with the rule that produced it.
 */
export async function completeCoursesInPerson(tx: Prisma.TransactionClient, userId: string, trainingSession: { courseSlugs: string[]; heldOn: Date }) {
  const { courses } = await getCatalogue();
  for (const course of courses.filter((candidate) => trainingSession.courseSlugs.includes(candidate.slug))) {
    await recordCourseCompletion(tx, userId, course, "in-person", trainingSession.heldOn);
  }
}

/**
 * Marks a roster entry of the training session's ward present and qualifies it, once: a repeated post
 * (double click, retry) changes nothing. False when the entry is not of the training session's ward.
 */
export function recordAttendance(admin: AdminUser, trainingSession: TrainingSession, rosterEntryId: string) {
  return prisma.$transaction((tx) => attend(tx, admin, trainingSession, rosterEntryId));
}

/**
 * Somebody present who is not on the roster yet. Without a phone, or with the phone of an account
 * of the training session's ward: added to the ward's roster and marked present. Anybody else, a person of
 * another ward or a number with no account, is recorded as waiting for their own confirmation:
 * no roster entry here, nothing counted, and the same answer to the admin in both cases, so that
 * the admin learns nothing about the number (issue 12, item 7).
 */
export async function addPersonAndAttend(
  admin: AdminUser,
  trainingSession: TrainingSession,
  person: { name: string; phone: string | null; phoneAsTyped: string; targetGroup: string; birthYear?: number | null },
) {
  const { phoneAsTyped, ...fields } = person;
  const onRoster = fields.phone
    ? await prisma.rosterEntry.findFirst({ where: { ...rosterInScope(trainingSession.scope), targetGroup: fields.targetGroup, phone: fields.phone }, select: { id: true } })
    : null;
  const user =
    fields.phone && !onRoster
      ? await prisma.user.findFirst({
          // Only a confirmed phone proves whose account it is (a squatter's must not be linked).
          where: { phone: fields.phone, phoneConfirmedAt: { not: null }, ...unitInScope(trainingSession.scope) },
          select: { id: true },
        })
      : null;
  if (fields.phone && !onRoster && !user) return askForConfirmation(admin, trainingSession, { phone: fields.phone, phoneAsTyped });
  return prisma.$transaction(async (tx) => {
    // Without a phone, the same name already marked present at this training session is the same person
    // posted twice, not a namesake.
    const existing =
      onRoster ??
      (fields.phone
        ? null
        : await tx.rosterEntry.findFirst({
            where: {
              ...rosterInScope(trainingSession.scope),
              targetGroup: fields.targetGroup,
              phone: null,
              name: fields.name,
              attendance: { some: { sessionId: trainingSession.id } },
            },
            select: { id: true },
          }));
    const entry =
      existing ??
      (await tx.rosterEntry.create({
        data: { ...fields, searchName: foldForSearch(fields.name), unitId: trainingSession.unitId, userId: user?.id ?? null },
        select: { id: true },
      }));
    if (!existing) {
      await audit(tx, { actorId: admin.id, action: "roster.add", targetType: "rosterEntry", targetId: entry.id, details: { sessionId: trainingSession.id } });
    }
    return attend(tx, admin, trainingSession, entry.id);
  });
}

/** Records, once, that the owner of this phone is asked to confirm they attended. */
function askForConfirmation(admin: AdminUser, trainingSession: TrainingSession, phone: { phone: string; phoneAsTyped: string }) {
  return prisma.$transaction(async (tx) => {
    const key = { sessionId_phone: { sessionId: trainingSession.id, phone: phone.phone } };
    if (await tx.attendanceConfirmation.findUnique({ where: key, select: { id: true } })) return true;
    const created = await tx.attendanceConfirmation.create({ data: { sessionId: trainingSession.id, ...phone, addedById: admin.id }, select: { id: true } });
    await audit(tx, {
      actorId: admin.id,
      action: "training-session.ask-confirmation",
      targetType: "trainingSession",
      targetId: trainingSession.id,
      details: { confirmationId: created.id },
    });
    return true;
  });
}

/**
 * What the admin sees of the people asked to confirm: the number as typed and whether it is
 * confirmed. A declined one reads as still waiting: saying "declined" would say an account exists.
 */
export async function listAttendanceConfirmations(trainingSession: TrainingSession) {
  const rows = await prisma.attendanceConfirmation.findMany({
    where: { sessionId: trainingSession.id },
    select: { id: true, phoneAsTyped: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ id: row.id, phone: row.phoneAsTyped, confirmed: row.status === "confirmed" }));
}

/**
 * The training sessions waiting for the signed-in person's word that they attended, matched by their
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
  return rows.map(({ id, session: { courses, unit, ...trainingSession } }) => ({ id, ...trainingSession, ward: unit.name, courseSlugs: courseSlugsOf(courses) }));
}

/**
 * The person's answer. Confirmed, the attendance counts from the training session's date, once, as
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
    const { session: trainingSession } = await tx.attendanceConfirmation.findUniqueOrThrow({
      where: { id: confirmationId },
      select: { session: { select: { id: true, heldOn: true, kind: true, courses: true } } },
    });
    const attended = { ...trainingSession, courseSlugs: courseSlugsOf(trainingSession.courses) };
    const entrySelect = { id: true, unitId: true, targetGroup: true, leftAt: true } as const;
    let entries = await tx.rosterEntry.findMany({ where: { userId, ...rosterInScope(await scopeOn(me.unit.path, now)) }, select: entrySelect });
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
    await audit(tx, { actorId: userId, action: "training-session.confirm", targetType: "trainingSession", targetId: trainingSession.id, details: { confirmationId } });
    return true;
  });
}
