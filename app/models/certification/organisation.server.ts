// An organisation's profile and its members: the signed-in person's own organisation, which
// they create, update while no application is in review, and share with members they invite.
import type { Prisma } from "#app/generated/prisma/client";
import type { SessionUser } from "#app/utils/auth.server";
import { isUniqueViolation, prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { findWardInForce } from "../unit.server";
import { certificateStatus } from "./rules.server";
import { APPLICATION_SUMMARY_SELECT, OPEN_STATUSES, type OrganisationKind } from "./terms.server";

export type OrganisationProfile = {
  kind: OrganisationKind;
  name: string;
  taxCode: string | null;
  unitId: string;
  sector: string;
  craftVillage: boolean;
  workerCount: number;
  workersUnder13: number;
  workers13To15: number;
  workers15To18: number;
};

export const PROFILE_SELECT = {
  id: true,
  kind: true,
  name: true,
  taxCode: true,
  unitId: true,
  sector: true,
  craftVillage: true,
  workerCount: true,
  workersUnder13: true,
  workers13To15: true,
  workers15To18: true,
  unit: { select: { name: true, code: true } },
} satisfies Prisma.OrganisationSelect;

export async function organisationIdOf(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { organisationId: true } });
  return user?.organisationId ?? null;
}

type ProfileProblem = "admin" | "unknown_ward" | "taxCode_taken" | "taxCode_certified" | "in_review" | "too_many_young";

/**
 * Creates the signed-in person's organisation (they become its first member) or updates it.
 * Refused while an application is in review: the reviewer decides on the profile as submitted.
 * A tax code belongs to one profile: another profile's code is refused, with a word of its own
 * when that profile is certified. An administrator's account never acts for an organisation: the
 * officials who review applications must not be applicants.
 */
export async function saveOrganisationProfile(
  user: SessionUser,
  profile: OrganisationProfile,
  now = new Date(),
): Promise<{ ok: true; id: string } | { ok: false; error: ProfileProblem }> {
  if (user.role !== "learner") return { ok: false, error: "admin" };
  if (profile.workersUnder13 + profile.workers13To15 + profile.workers15To18 > profile.workerCount) return { ok: false, error: "too_many_young" };
  if (!(await findWardInForce(profile.unitId, now))) return { ok: false, error: "unknown_ward" };
  const organisationId = await organisationIdOf(user.id);
  if (profile.taxCode) {
    const holder = await prisma.organisation.findUnique({ where: { taxCode: profile.taxCode }, select: { id: true } });
    if (holder && holder.id !== organisationId) {
      const certified = await prisma.certificate.count({
        where: { organisationId: holder.id, revokedAt: null, issuedAt: { lte: now }, expiresAt: { gt: now } },
      });
      return { ok: false, error: certified > 0 ? "taxCode_certified" : "taxCode_taken" };
    }
  }
  const data = { ...profile, searchName: foldForSearch(profile.name) };
  try {
    return await prisma.$transaction(async (tx) => {
      if (!organisationId) {
        const created = await tx.organisation.create({ data, select: { id: true } });
        await tx.user.update({ where: { id: user.id }, data: { organisationId: created.id }, select: { id: true } });
        return { ok: true, id: created.id } as const;
      }
      const inReview = await tx.certificationApplication.count({ where: { organisationId, status: "submitted" } });
      if (inReview > 0) return { ok: false, error: "in_review" } as const;
      await tx.organisation.update({ where: { id: organisationId }, data, select: { id: true } });
      // An application being prepared follows the organisation to its new ward.
      await tx.certificationApplication.updateMany({ where: { organisationId, status: { in: OPEN_STATUSES } }, data: { unitId: profile.unitId } });
      return { ok: true, id: organisationId } as const;
    });
  } catch (error) {
    // Two profiles racing for one tax code: the unique index decides.
    if (isUniqueViolation(error)) return { ok: false, error: "taxCode_taken" };
    throw error;
  }
}

/** The signed-in person's organisation with its members, applications and certificates, or null. */
export async function getMyOrganisation(userId: string, now = new Date()) {
  const organisationId = await organisationIdOf(userId);
  if (!organisationId) return null;
  const [organisation, applications, certificates] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { ...PROFILE_SELECT, members: { select: { id: true, fullName: true, phone: true }, orderBy: { createdAt: "asc" } } },
    }),
    prisma.certificationApplication.findMany({
      where: { organisationId },
      select: {
        ...APPLICATION_SUMMARY_SELECT,
        createdAt: true,
        events: { select: { kind: true, message: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      },
      orderBy: { createdAt: "desc" },
      take: 10,
    }),
    listOrganisationCertificates(organisationId, now),
  ]);
  return { organisation, applications, certificates };
}

/** An organisation's certificates, newest first, each with its status at the moment given. */
export function listOrganisationCertificates(organisationId: string, now: Date) {
  return prisma.certificate
    .findMany({
      where: { organisationId },
      select: { id: true, code: true, holderName: true, issuedAt: true, expiresAt: true, revokedAt: true, revocationReason: true, applicationId: true },
      orderBy: { issuedAt: "desc" },
    })
    .then((rows) => rows.map((row) => ({ ...row, status: certificateStatus(row, now) })));
}

type MemberProblem = "no_organisation" | "last_member";

/** A member leaves or is removed by another member; the last member stays. */
export async function removeMember(user: SessionUser, memberId: string): Promise<{ ok: true } | { ok: false; error: MemberProblem }> {
  const organisationId = await organisationIdOf(user.id);
  if (!organisationId) return { ok: false, error: "no_organisation" };
  return prisma.$transaction(async (tx) => {
    const members = await tx.user.count({ where: { organisationId } });
    if (members <= 1) return { ok: false, error: "last_member" } as const;
    await tx.user.updateMany({ where: { id: memberId, organisationId }, data: { organisationId: null } });
    return { ok: true } as const;
  });
}

// The target groups an organisation's certification is for (DESIGN: businesses and cooperatives).
const ORGANISATION_GROUPS = new Set(["BIZ", "COOP"]);

/** Whether "Chứng nhận cơ sở" concerns this learner: a business or cooperative, or a member of an organisation. */
export function concernsOrganisationCertification(user: { targetGroup: string | null; organisationId: string | null }) {
  return (user.targetGroup !== null && ORGANISATION_GROUPS.has(user.targetGroup)) || user.organisationId !== null;
}
