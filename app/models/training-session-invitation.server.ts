import { randomBytes } from "node:crypto";

import { groupsWithoutAccounts } from "#app/content/target-groups.server";
import type { AdminUser } from "#app/utils/auth.server";
import { formatDate } from "#app/utils/dates";
import { newId, prisma } from "#app/utils/db.server";
import { publicUrl } from "#app/utils/env.server";

import { audit } from "./audit.server";
import { addContactEvents } from "./contact-history.server";
import { enqueueMessages } from "./outbox/enqueue.server";
import { rosterInScope, scopeOn, unitInScope } from "./scope.server";
import type { TrainingSession } from "./training-session.server";

export const INVITATION_ANSWERS = ["confirmed", "declined"] as const;
export type InvitationAnswer = (typeof INVITATION_ANSWERS)[number];

/** Invitations one action may send: a ward meeting's hall, not a city-wide mailing. */
export const MAX_INVITED_AT_ONCE = 500;

/** The training sessions an admin may invite people to: their scope's, from today on, soonest first. */
export async function listUpcomingTrainingSessions(admin: AdminUser, today: Date) {
  return prisma.trainingSession.findMany({
    where: { ...unitInScope(await scopeOn(admin.unitPath)), heldOn: { gte: today } },
    select: { id: true, heldOn: true, startTime: true, place: true, unit: { select: { name: true } } },
    orderBy: { heldOn: "asc" },
    take: 50,
  });
}

/**
 * Invites roster entries of the training session's ward (former wards' included) to it, and gives
 * it the hour it starts. One invitation per person: somebody invited again keeps their invitation
 * and their answer. Each new invitation gets a reply link's secret, a channel (a message to the
 * entry's phone, or the printed sheet for those without one) and a contact event; the messages
 * are written to the outbox in the same transaction, one per invitation ever (its key), so a
 * retried post sends nothing twice. Set-based. Entries out of scope, left or unknown are skipped.
 */
export async function inviteToTrainingSession(admin: AdminUser, trainingSession: TrainingSession, rosterEntryIds: string[], startTime: string, now = new Date()) {
  const ids = [...new Set(rosterEntryIds)].slice(0, MAX_INVITED_AT_ONCE);
  return prisma.$transaction(async (tx) => {
    const entries = await tx.rosterEntry.findMany({
      // Children are reached at school and by headcount, never written to (issue 22, item 6).
      where: {
        id: { in: ids },
        ...rosterInScope(trainingSession.scope),
        leftAt: null,
        targetGroup: { notIn: groupsWithoutAccounts() },
        invitations: { none: { trainingSessionId: trainingSession.id } },
      },
      select: { id: true, phone: true, userId: true },
    });
    await tx.trainingSession.update({ where: { id: trainingSession.id }, data: { startTime }, select: { id: true } });
    const invitations = entries.map((entry) => ({
      id: newId(now.getTime()),
      trainingSessionId: trainingSession.id,
      rosterEntryId: entry.id,
      replyToken: randomBytes(24).toString("base64url"),
      channel: entry.phone ? "sms" : "printed",
      invitedById: admin.id,
    }));
    if (invitations.length > 0) await tx.trainingSessionInvitation.createMany({ data: invitations });
    const variables = { date: formatDate(trainingSession.heldOn), time: startTime, place: trainingSession.place };
    await enqueueMessages(
      tx,
      invitations.flatMap((invitation, index) => {
        const { phone, userId } = entries[index]!;
        if (!phone) return [];
        return [
          {
            // An account's own preferred channel; otherwise an SMS to the roster's phone.
            ...(userId ? { recipientUserId: userId } : { to: { channel: "sms" as const, address: phone } }),
            template: "session-invitation",
            variables: { ...variables, url: `${publicUrl}/tra-loi/${invitation.replyToken}` },
            idempotencyKey: `invite:${invitation.id}`,
            unitId: trainingSession.unitId,
          },
        ];
      }),
    );
    await addContactEvents(
      tx,
      admin.id,
      entries.map((entry) => entry.id),
      { kind: "invited", note: null, happenedAt: now, trainingSessionId: trainingSession.id },
    );
    await audit(tx, {
      actorId: admin.id,
      action: "training-session.invite",
      targetType: "trainingSession",
      targetId: trainingSession.id,
      details: { invited: invitations.length, startTime },
    });
    return { invited: invitations.length, skipped: ids.length - invitations.length, printed: invitations.filter((invitation) => invitation.channel === "printed").length };
  });
}

/** Who was invited to a training session, their answer, and whether they came. */
export async function listInvitations(trainingSession: TrainingSession) {
  const invitations = await prisma.trainingSessionInvitation.findMany({
    where: { trainingSessionId: trainingSession.id },
    select: {
      id: true,
      status: true,
      channel: true,
      rosterEntry: { select: { id: true, name: true, phone: true, attendance: { where: { sessionId: trainingSession.id }, select: { id: true } } } },
    },
    orderBy: { rosterEntry: { searchName: "asc" } },
  });
  return invitations.map(({ rosterEntry: { attendance, ...entry }, ...invitation }) => ({ ...invitation, entry, attended: attendance.length > 0 }));
}

/** The printed invitation sheet: the people invited who have no phone, one slip each, with their ward. */
export function listPrintedInvitations(trainingSession: TrainingSession) {
  return prisma.trainingSessionInvitation.findMany({
    where: { trainingSessionId: trainingSession.id, channel: "printed" },
    select: { id: true, rosterEntry: { select: { name: true, unit: { select: { name: true } } } } },
    orderBy: { rosterEntry: { searchName: "asc" } },
  });
}

/** What the reply page shows to whoever holds the link: the session and the answer so far, never the person's details. */
export function findInvitationByToken(token: string) {
  return prisma.trainingSessionInvitation.findUnique({
    where: { replyToken: token },
    select: { id: true, status: true, trainingSession: { select: { heldOn: true, startTime: true, place: true, unit: { select: { name: true } } } } },
  });
}

/** The invited person's answer through their reply link; they may change their mind. False for an unknown link. */
export async function answerInvitation(token: string, answer: InvitationAnswer, now = new Date()) {
  const { count } = await prisma.trainingSessionInvitation.updateMany({ where: { replyToken: token }, data: { status: answer, respondedAt: now } });
  return count === 1;
}
