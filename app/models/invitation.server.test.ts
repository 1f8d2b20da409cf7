import { randomUUID } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { formatPhone } from "#app/utils/phone";
import { createAdmin, createDistrict, createUser, uniquePhone } from "#tests/fixtures/units";

import { getMyOrganisation, saveOrganisationProfile, type OrganisationProfile } from "./certification/organisation.server";
import { answerInvitation, cancelInvitation, INVITATION_LIMIT, inviteToOrganisation, listInvitationsFor, listSentInvitations } from "./invitation.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

function profile(name: string): OrganisationProfile {
  return {
    kind: "household",
    name,
    taxCode: null,
    unitId: units.vanPhuc.id,
    sector: "Dệt lụa",
    craftVillage: true,
    workerCount: 3,
    workersUnder13: 0,
    workers13To15: 0,
    workers15To18: 0,
  };
}

/** An owner with an organisation of their own, and a client address of their own. */
async function organisationOwner(name = "Hộ Dệt Bà Tư") {
  const owner = await createUser({ unitId: units.vanPhuc.id, fullName: "Bà Tư", targetGroup: "BIZ" });
  const saved = await saveOrganisationProfile(owner, profile(name));
  if (!saved.ok) throw new Error(saved.error);
  return { owner, organisationId: saved.id, address: `192.0.2.${randomUUID()}` };
}

async function memberIds(userId: string) {
  return (await getMyOrganisation(userId))?.organisation.members.map((member) => member.id) ?? [];
}

async function invitationIdFor(userId: string) {
  const [invitation] = await listInvitationsFor(userId);
  if (!invitation) throw new Error("no invitation");
  return invitation.id;
}

describe("organisation invitations", () => {
  test("the inviter gets the same answer for a phone with an account and one without, and sees only the number typed", async () => {
    const { owner, organisationId, address } = await organisationOwner();
    const learner = await createUser({ unitId: units.phuLa.id, fullName: "Nguyễn Văn Có Tài Khoản" });
    const nobody = uniquePhone();
    const typed = [formatPhone(learner.phone), formatPhone(nobody)];

    const answers = [
      await inviteToOrganisation(owner, { phone: learner.phone, phoneAsTyped: typed[0]! }, address),
      await inviteToOrganisation(owner, { phone: nobody, phoneAsTyped: typed[1]! }, address),
    ];
    expect(answers[0]).toEqual({ ok: true });
    expect(answers[1]).toEqual(answers[0]);

    const sent = await listSentInvitations(organisationId);
    expect(sent.map((invitation) => invitation.phoneAsTyped)).toEqual(typed);
    expect(JSON.stringify(sent)).not.toContain(learner.fullName);
    expect(JSON.stringify(sent)).not.toContain(learner.id);
    // Nobody joined: an invitation is not a membership.
    expect(await memberIds(owner.id)).toEqual([owner.id]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id }, select: { organisationId: true } })).organisationId).toBeNull();
  });

  test("the invited person sees the organisation on their own page and becomes a member only by accepting", async () => {
    const { owner, organisationId, address } = await organisationOwner("Hộ Rèn Ông Ba");
    const invitee = await createUser({ unitId: units.vanPhuc.id, fullName: "Trần Thị Được Mời" });
    const bystander = await createUser({ unitId: units.vanPhuc.id });
    await inviteToOrganisation(owner, { phone: invitee.phone, phoneAsTyped: formatPhone(invitee.phone) }, address);

    const waiting = await listInvitationsFor(invitee.id);
    expect(waiting.map((invitation) => invitation.organisation.name)).toEqual(["Hộ Rèn Ông Ba"]);
    expect(await listInvitationsFor(bystander.id)).toEqual([]);
    // Somebody else cannot answer it, even knowing its id.
    expect(await answerInvitation(bystander.id, waiting[0]!.id, "accept")).toEqual({ ok: false, error: "not_found" });

    expect(await answerInvitation(invitee.id, waiting[0]!.id, "accept")).toEqual({ ok: true });
    expect(await memberIds(owner.id)).toEqual([owner.id, invitee.id]);
    expect(await listInvitationsFor(invitee.id)).toEqual([]);
    expect(await listSentInvitations(organisationId)).toEqual([]);
    expect(await answerInvitation(invitee.id, waiting[0]!.id, "accept")).toEqual({ ok: false, error: "not_found" });
  });

  test("a declined invitation still reads 'invited' to the organisation, which may cancel it", async () => {
    const { owner, organisationId, address } = await organisationOwner();
    const invitee = await createUser({ unitId: units.vanPhuc.id });
    await inviteToOrganisation(owner, { phone: invitee.phone, phoneAsTyped: formatPhone(invitee.phone) }, address);
    expect(await answerInvitation(invitee.id, await invitationIdFor(invitee.id), "decline")).toEqual({ ok: true });
    expect(await listInvitationsFor(invitee.id)).toEqual([]);
    const [sent] = await listSentInvitations(organisationId);
    expect(sent?.phoneAsTyped).toBe(formatPhone(invitee.phone));
    // Inviting again does not pester the person who declined.
    await inviteToOrganisation(owner, { phone: invitee.phone, phoneAsTyped: formatPhone(invitee.phone) }, address);
    expect(await listInvitationsFor(invitee.id)).toEqual([]);

    const stranger = await createUser({ unitId: units.vanPhuc.id });
    expect(await cancelInvitation(stranger, sent!.id)).toBe(false);
    expect(await cancelInvitation(owner, sent!.id)).toBe(true);
    expect(await listSentInvitations(organisationId)).toEqual([]);
  });

  test("a cancelled invitation can no longer be accepted", async () => {
    const { owner, address } = await organisationOwner();
    const invitee = await createUser({ unitId: units.vanPhuc.id });
    await inviteToOrganisation(owner, { phone: invitee.phone, phoneAsTyped: formatPhone(invitee.phone) }, address);
    const id = await invitationIdFor(invitee.id);
    expect(await cancelInvitation(owner, id)).toBe(true);
    expect(await answerInvitation(invitee.id, id, "accept")).toEqual({ ok: false, error: "not_found" });
    expect(await memberIds(owner.id)).toEqual([owner.id]);
  });

  test("an administrator's account is invited like any phone but can never accept, nor declare an organisation", async () => {
    const { owner, address } = await organisationOwner();
    const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    for (const admin of [wardAdmin, districtAdmin]) {
      const { phone } = await prisma.user.findUniqueOrThrow({ where: { id: admin.id }, select: { phone: true } });
      expect(await inviteToOrganisation(owner, { phone, phoneAsTyped: formatPhone(phone) }, address)).toEqual({ ok: true });
      expect(await answerInvitation(admin.id, await invitationIdFor(admin.id), "accept")).toEqual({ ok: false, error: "admin" });
      expect(await saveOrganisationProfile(admin, profile("Cơ Sở Của Cán Bộ"))).toEqual({ ok: false, error: "admin" });
      expect(await getMyOrganisation(admin.id)).toBeNull();
      expect(await answerInvitation(admin.id, await invitationIdFor(admin.id), "decline")).toEqual({ ok: true });
    }
    expect(await memberIds(owner.id)).toEqual([owner.id]);
  });

  test("a person who acts for another organisation is told so and stays where they are", async () => {
    const { owner, address } = await organisationOwner("Hộ Thứ Nhất");
    const { owner: busy, organisationId: theirs } = await organisationOwner("Hộ Thứ Hai");
    await inviteToOrganisation(owner, { phone: busy.phone, phoneAsTyped: formatPhone(busy.phone) }, address);
    const id = await invitationIdFor(busy.id);
    expect(await answerInvitation(busy.id, id, "accept")).toEqual({ ok: false, error: "other_organisation" });
    expect((await getMyOrganisation(busy.id))?.organisation.id).toBe(theirs);
    // The invitation waits until they are free to accept it.
    expect((await listInvitationsFor(busy.id)).map((invitation) => invitation.id)).toEqual([id]);
  });

  test(`invitations are limited to ${INVITATION_LIMIT.invitations} an hour per account and per client address`, async () => {
    const { owner, address } = await organisationOwner();
    const invite = (user: typeof owner, from: string) => inviteToOrganisation(user, { phone: uniquePhone(), phoneAsTyped: "0900 000 000" }, from);
    for (let sent = 0; sent < INVITATION_LIMIT.invitations; sent++) expect(await invite(owner, address)).toEqual({ ok: true });
    expect(await invite(owner, address)).toEqual({ ok: false, error: "limited" });
    // A new address does not reset the account's count, nor a new account the address's.
    expect(await invite(owner, `${address}-elsewhere`)).toEqual({ ok: false, error: "limited" });
    const { owner: neighbour } = await organisationOwner();
    expect(await invite(neighbour, address)).toEqual({ ok: false, error: "limited" });
    // An hour later the account may invite again.
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await inviteToOrganisation(owner, { phone: uniquePhone(), phoneAsTyped: "0900 000 000" }, `${address}-later`, later)).toEqual({ ok: true });
  });
});
