import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { audit } from "./audit.server";
import { recordAttendanceQualifications, recordQualifications } from "./qualification.server";
import { completeCoursesInPerson, REPEAT_WINDOW_MS, type NewTrainingSession, type TrainingSession } from "./training-session.server";
import { isInScope, scopeOn, unitInScope } from "./scope.server";

type Tx = Prisma.TransactionClient;

export type SessionFields = NewTrainingSession;

const ENTRY_SELECT = { id: true, unitId: true, targetGroup: true, leftAt: true, userId: true } as const;
type Entry = { id: string; unitId: string; targetGroup: string; leftAt: Date | null; userId: string | null };

/**
 * A session already on record with the same ward, day, place, kind and courses: most likely the
 * same session entered twice, shown to the admin before a second one is saved. The admin's own
 * post of a few minutes ago is a repeat (a double click), which createTrainingSession answers.
 */
export async function findIdenticalTrainingSession(admin: AdminUser, session: SessionFields, exceptId?: string) {
  // Only sessions the admin may see: another ward's session is neither flagged nor revealed.
  const scope = await scopeOn(admin.unitPath);
  return prisma.trainingSession.findFirst({
    where: {
      AND: [{ unitId: session.unitId }, unitInScope(scope)],
      heldOn: session.heldOn,
      place: session.place,
      kind: session.kind,
      courses: JSON.stringify(session.courseSlugs),
      NOT: [{ createdById: admin.id, createdAt: { gte: new Date(Date.now() - REPEAT_WINDOW_MS) } }, ...(exceptId ? [{ id: exceptId }] : [])],
    },
    select: { id: true },
  });
}

/**
 * Takes back what a session gave these entries: the in-person qualifications dated on its day
 * and, for a training session, the in-person completions of its courses. What other sessions or
 * the learners' own completions also justified is then recorded again, from what remains, in
 * date order (qualifications keep the first event of a period).
 */
async function withdraw(tx: Tx, session: { heldOn: Date; kind: string; courseSlugs: string[] }, entries: Entry[]) {
  if (entries.length === 0) return;
  await tx.qualification.deleteMany({ where: { rosterEntryId: { in: entries.map((entry) => entry.id) }, source: "in-person", qualifiedAt: session.heldOn } });
  const userIds = [...new Set(entries.flatMap((entry) => (entry.userId ? [entry.userId] : [])))];
  if (session.kind === "training" && userIds.length > 0) {
    await tx.courseCompletion.deleteMany({ where: { userId: { in: userIds }, rule: "in-person", completedAt: session.heldOn, courseSlug: { in: session.courseSlugs } } });
  }
}

async function requalify(tx: Tx, entries: Entry[]) {
  const SESSION = { select: { heldOn: true, kind: true, courses: true } } as const;
  for (const entry of entries) {
    const [attended, confirmed] = await Promise.all([
      tx.attendance.findMany({ where: { rosterEntryId: entry.id }, select: { session: SESSION } }),
      entry.userId ? tx.attendanceConfirmation.findMany({ where: { userId: entry.userId, status: "confirmed" }, select: { session: SESSION } }) : [],
    ]);
    const sessions = [...attended, ...confirmed].sort((a, b) => a.session.heldOn.getTime() - b.session.heldOn.getTime());
    for (const { session } of sessions) {
      const courseSlugs = JSON.parse(session.courses) as string[];
      await recordAttendanceQualifications(tx, { ...session, courseSlugs }, entry);
      if (entry.userId && session.kind === "training") await completeCoursesInPerson(tx, entry.userId, { heldOn: session.heldOn, courseSlugs });
    }
  }
  for (const userId of new Set(entries.flatMap((entry) => (entry.userId ? [entry.userId] : [])))) await recordQualifications(tx, userId);
}

/** The entries a session counted for: those marked present, and those of the people who confirmed it themselves. */
async function attendeesOf(tx: Tx, sessionId: string) {
  const [rows, confirmations] = await Promise.all([
    tx.attendance.findMany({ where: { sessionId }, select: { rosterEntry: { select: ENTRY_SELECT } } }),
    tx.attendanceConfirmation.findMany({ where: { sessionId, status: "confirmed" }, select: { userId: true } }),
  ]);
  const userIds = confirmations.flatMap((confirmation) => (confirmation.userId ? [confirmation.userId] : []));
  const confirmed = userIds.length > 0 ? await tx.rosterEntry.findMany({ where: { userId: { in: userIds } }, select: ENTRY_SELECT }) : [];
  const entries = new Map([...rows.map((row) => row.rosterEntry), ...confirmed].map((entry) => [entry.id, entry]));
  return [...entries.values()];
}

/**
 * Corrects a session: what it counted for its attendees is taken back and counted again with the
 * new day, kind and courses. False when the session or the new ward is outside the admin's scope.
 */
export async function updateTrainingSession(admin: AdminUser, session: TrainingSession, changes: SessionFields) {
  const scope = await scopeOn(admin.unitPath);
  if (!isInScope(scope, changes.unitId)) return false;
  const { courseSlugs, ...fields } = changes;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.trainingSession.updateMany({ where: { id: session.id, ...unitInScope(scope) }, data: { ...fields, courses: JSON.stringify(courseSlugs) } });
    if (count === 0) return false;
    const entries = await attendeesOf(tx, session.id);
    await withdraw(tx, session, entries);
    await requalify(tx, entries);
    const before = { heldOn: session.heldOn, place: session.place, kind: session.kind, courseSlugs: session.courseSlugs, trainer: session.trainer, headcount: session.headcount };
    await audit(tx, { actorId: admin.id, action: "training-session.update", targetType: "trainingSession", targetId: session.id, details: { before, after: changes } });
    return true;
  });
}

/** Deletes a session with its attendance, taking back what it qualified and completed. */
export async function deleteTrainingSession(admin: AdminUser, session: TrainingSession) {
  return prisma.$transaction(async (tx) => {
    const entries = await attendeesOf(tx, session.id);
    const { count } = await tx.trainingSession.deleteMany({ where: { id: session.id, ...unitInScope(await scopeOn(admin.unitPath)) } });
    if (count === 0) return false;
    await withdraw(tx, session, entries);
    await requalify(tx, entries);
    await audit(tx, {
      actorId: admin.id,
      action: "training-session.delete",
      targetType: "trainingSession",
      targetId: session.id,
      details: { heldOn: session.heldOn, place: session.place, ward: session.unit.name, attendees: entries.length },
    });
    return true;
  });
}

/** Takes one person off a session's attendance, and what that attendance qualified. */
export async function removeAttendee(admin: AdminUser, session: TrainingSession, rosterEntryId: string) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.rosterEntry.findFirst({ where: { id: rosterEntryId, attendance: { some: { sessionId: session.id } } }, select: { ...ENTRY_SELECT, name: true } });
    if (!entry) return false;
    const { count } = await tx.attendance.deleteMany({ where: { sessionId: session.id, rosterEntryId } });
    if (count === 0) return false;
    await withdraw(tx, session, [entry]);
    await requalify(tx, [entry]);
    await audit(tx, {
      actorId: admin.id,
      action: "training-session.remove-attendee",
      targetType: "trainingSession",
      targetId: session.id,
      details: { rosterEntryId, name: entry.name },
    });
    return true;
  });
}
