// Invitations to act for an organisation. Whoever invites learns nothing about the phone they
// typed: the invite path never reads the User table, and every invitation, to an account or to
// nobody, gets the same answer. Only the phone's owner, signed in, sees the organisation's name
// and decides (issue 12, item 1).
import type { SessionUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";

import { organisationIdOf } from "./certification/organisation.server";

/** Invitations one account, or one client address, may send in a window (both are counted). */
export const INVITATION_LIMIT = { invitations: 10, windowMinutes: 60 };

/**
 * Invitations the organisation still shows as "đã mời": a declined one too, since telling the
 * organisation that somebody declined would tell it the phone has an account.
 */
const OPEN_STATUSES = ["pending", "declined"];

type InviteProblem = "no_organisation" | "limited";

/**
 * Invites a phone number to act for the inviter's organisation. The same phone invited again while
 * its invitation is open is the same invitation. Limited per inviting account and per client
 * address, counted in the database so that several app servers share the limit.
 */
export async function inviteToOrganisation(
  user: SessionUser,
  invitation: { phone: string; phoneAsTyped: string },
  clientAddress: string,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: InviteProblem }> {
  const organisationId = await organisationIdOf(user.id);
  if (!organisationId) return { ok: false, error: "no_organisation" };
  const since = new Date(now.getTime() - INVITATION_LIMIT.windowMinutes * 60_000);
  return prisma.$transaction(async (tx) => {
    const [byAccount, byAddress] = await Promise.all([
      tx.organisationInvitation.count({ where: { invitedById: user.id, createdAt: { gt: since } } }),
      tx.organisationInvitation.count({ where: { invitedFrom: clientAddress, createdAt: { gt: since } } }),
    ]);
    if (byAccount >= INVITATION_LIMIT.invitations || byAddress >= INVITATION_LIMIT.invitations) return { ok: false, error: "limited" } as const;
    const open = await tx.organisationInvitation.findFirst({
      where: { organisationId, phone: invitation.phone, status: { in: OPEN_STATUSES } },
      select: { id: true },
    });
    if (!open) {
      await tx.organisationInvitation.create({
        data: { organisationId, ...invitation, invitedById: user.id, invitedFrom: clientAddress, createdAt: now },
        select: { id: true },
      });
    }
    return { ok: true } as const;
  });
}

/** The invitations an organisation has sent and not seen accepted or cancelled: the number as typed, nothing more. */
export function listSentInvitations(organisationId: string) {
  return prisma.organisationInvitation.findMany({
    where: { organisationId, status: { in: OPEN_STATUSES } },
    select: { id: true, phoneAsTyped: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** A member withdraws an invitation of their organisation; false when there is no such open one. */
export async function cancelInvitation(user: SessionUser, invitationId: string, now = new Date()) {
  const organisationId = await organisationIdOf(user.id);
  if (!organisationId) return false;
  const { count } = await prisma.organisationInvitation.updateMany({
    where: { id: invitationId, organisationId, status: { in: OPEN_STATUSES } },
    data: { status: "cancelled", respondedAt: now },
  });
  return count === 1;
}

/**
 * The invitations waiting for the signed-in person, matched by their account's phone once it is
 * confirmed: whoever signed up with somebody else's phone must not see or take what was meant for them.
 */
export async function listInvitationsFor(userId: string) {
  const me = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true, phoneConfirmedAt: true } });
  if (!me.phoneConfirmedAt) return [];
  return prisma.organisationInvitation.findMany({
    where: { phone: me.phone, status: "pending" },
    select: { id: true, createdAt: true, organisation: { select: { name: true, kind: true, unit: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
}

type InvitationAnswerProblem = "not_found" | "admin" | "other_organisation";

/**
 * The invited person accepts or declines. An administrator's account never acts for an
 * organisation; a person who already acts for another one must leave it first.
 */
export async function answerInvitation(
  userId: string,
  invitationId: string,
  answer: "accept" | "decline",
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: InvitationAnswerProblem }> {
  return prisma.$transaction(async (tx) => {
    const me = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true, phoneConfirmedAt: true, role: true, organisationId: true } });
    if (!me.phoneConfirmedAt) return { ok: false, error: "not_found" } as const;
    const invitation = await tx.organisationInvitation.findFirst({
      where: { id: invitationId, phone: me.phone, status: "pending" },
      select: { id: true, organisationId: true },
    });
    if (!invitation) return { ok: false, error: "not_found" } as const;
    if (answer === "accept") {
      if (me.role !== "learner") return { ok: false, error: "admin" } as const;
      if (me.organisationId !== invitation.organisationId) {
        // The condition in the where clause keeps a concurrent join to another organisation from being overwritten.
        const { count } = await tx.user.updateMany({ where: { id: userId, organisationId: null }, data: { organisationId: invitation.organisationId } });
        if (count === 0) return { ok: false, error: "other_organisation" } as const;
      }
    }
    await tx.organisationInvitation.update({
      where: { id: invitation.id },
      data: { status: answer === "accept" ? "accepted" : "declined", respondedAt: now },
      select: { id: true },
    });
    return { ok: true } as const;
  });
}
