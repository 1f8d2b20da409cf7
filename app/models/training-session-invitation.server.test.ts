import { describe, expect, test } from "vitest";

import { getCatalogue } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { importRoster } from "./roster.server";
import { createTrainingSession, findTrainingSession, recordAttendance } from "./training-session.server";
import { answerInvitation, findInvitationByToken, inviteToTrainingSession, listInvitations, listPrintedInvitations } from "./training-session-invitation.server";

async function wardWithSession() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
    { name: "Hộ bà An", phone: uniquePhone(), taxCode: null, externalId: null },
    { name: "Hộ ông Bình", phone: null, taxCode: null, externalId: null },
  ]);
  const entries = await prisma.rosterEntry.findMany({ where: { unitId: units.vanPhuc.id }, select: { id: true, name: true } });
  const idOf = (name: string) => entries.find((entry) => entry.name === name)!.id;
  const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"))!;
  const created = await createTrainingSession(admin, {
    unitId: units.vanPhuc.id,
    heldOn: new Date("2026-12-20T00:00:00+07:00"),
    place: "Nhà văn hóa tổ 5",
    kind: "training",
    courseSlugs: [course.slug],
    trainer: "Cán bộ phường",
    headcount: null,
    headcountGroup: null,
  });
  const trainingSession = (await findTrainingSession(admin, created!.id))!;
  return { units, admin, trainingSession, an: idOf("Hộ bà An"), binh: idOf("Hộ ông Bình") };
}

describe("invitations to a training session", () => {
  test("inviting gives each person one invitation, by message or on the printed sheet, and records the contact", async () => {
    const { admin, trainingSession, an, binh } = await wardWithSession();
    expect(await inviteToTrainingSession(admin, trainingSession, [an, binh, an], "08:30")).toEqual({ invited: 2, skipped: 0, printed: 1 });
    // Invited again: the same invitation, not a second one.
    expect(await inviteToTrainingSession(admin, trainingSession, [an], "08:30")).toMatchObject({ invited: 0, skipped: 1 });

    const invitations = await listInvitations(trainingSession);
    expect(invitations.map((invitation) => [invitation.entry.name, invitation.channel, invitation.status])).toEqual([
      ["Hộ bà An", "sms", "invited"],
      ["Hộ ông Bình", "printed", "invited"],
    ]);
    expect((await listPrintedInvitations(trainingSession)).map((invitation) => invitation.rosterEntry.name)).toEqual(["Hộ ông Bình"]);
    expect(await prisma.trainingSession.findUniqueOrThrow({ where: { id: trainingSession.id }, select: { startTime: true } })).toEqual({ startTime: "08:30" });
    const contacts = await prisma.contactEvent.findMany({ where: { rosterEntryId: { in: [an, binh] } }, select: { kind: true, trainingSessionId: true } });
    expect(contacts).toEqual([
      { kind: "invited", trainingSessionId: trainingSession.id },
      { kind: "invited", trainingSessionId: trainingSession.id },
    ]);
    expect(await prisma.rosterEntry.count({ where: { id: { in: [an, binh] }, lastContactKind: "invited" } })).toBe(2);

    // One message, to the household with a phone, whose key is its invitation: a retried post queues nothing more.
    const anInvitation = invitations.find((invitation) => invitation.entry.id === an)!;
    const token = (await prisma.trainingSessionInvitation.findUniqueOrThrow({ where: { id: anInvitation.id }, select: { replyToken: true } })).replyToken;
    const messages = await prisma.outboxMessage.findMany({
      where: { idempotencyKey: { startsWith: "invite:" }, unitId: trainingSession.unitId },
      select: { idempotencyKey: true, channel: true, templateKey: true, variables: true },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ idempotencyKey: `invite:${anInvitation.id}`, channel: "sms", templateKey: "session-invitation" });
    expect(JSON.parse(messages[0]!.variables)).toMatchObject({
      date: "20/12/2026",
      time: "08:30",
      place: "Nhà văn hóa tổ 5",
      url: expect.stringMatching(new RegExp(`/tra-loi/${token}$`)),
    });
  });

  test("a child on a roster (left from before children were counted without records) is not invited, nor written to", async () => {
    const { units, admin, trainingSession } = await wardWithSession();
    const child = await prisma.rosterEntry.create({
      data: { unitId: units.vanPhuc.id, targetGroup: "CHILD", name: "Cháu Nhỏ", searchName: "chau nho", phone: uniquePhone() },
      select: { id: true },
    });
    expect(await inviteToTrainingSession(admin, trainingSession, [child.id], "08:00")).toMatchObject({ invited: 0, skipped: 1 });
    expect(await prisma.trainingSessionInvitation.count({ where: { rosterEntryId: child.id } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: "invite:" }, unitId: trainingSession.unitId } })).toBe(0);
  });

  test("another ward's admin cannot invite this ward's people, even to their own session", async () => {
    const { an } = await wardWithSession();
    const other = await wardWithSession();
    expect(await findTrainingSession(other.admin, (await wardWithSession()).trainingSession.id)).toBeNull();
    expect(await inviteToTrainingSession(other.admin, other.trainingSession, [an], "08:00")).toMatchObject({ invited: 0, skipped: 1 });
    expect(await prisma.trainingSessionInvitation.count({ where: { rosterEntryId: an } })).toBe(0);
  });

  test("the reply link answers its own invitation only, and the session counts who came", async () => {
    const { admin, trainingSession, an, binh } = await wardWithSession();
    await inviteToTrainingSession(admin, trainingSession, [an, binh], "08:00");
    const [anInvitation, binhInvitation] = await Promise.all(
      [an, binh].map((rosterEntryId) => prisma.trainingSessionInvitation.findFirstOrThrow({ where: { rosterEntryId }, select: { replyToken: true } })),
    );
    expect(anInvitation!.replyToken).not.toBe(binhInvitation!.replyToken);
    expect(anInvitation!.replyToken.length).toBeGreaterThanOrEqual(32);

    expect(await answerInvitation(anInvitation!.replyToken, "confirmed")).toBe(true);
    expect(await answerInvitation("not-a-token", "declined")).toBe(false);
    expect(await findInvitationByToken(anInvitation!.replyToken)).toMatchObject({ status: "confirmed", trainingSession: { startTime: "08:00", place: "Nhà văn hóa tổ 5" } });
    expect(await findInvitationByToken(binhInvitation!.replyToken)).toMatchObject({ status: "invited" });

    await recordAttendance(admin, trainingSession, an);
    const shown = await listInvitations(trainingSession);
    expect(shown.map((invitation) => [invitation.entry.name, invitation.status, invitation.attended])).toEqual([
      ["Hộ bà An", "confirmed", true],
      ["Hộ ông Bình", "invited", false],
    ]);
  });
});
