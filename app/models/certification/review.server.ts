// Review by the ward's and district's administrators: the queue of their scope, the application as
// submitted, the decisions, inspection visits and revocation, each audited with its change. What
// is not theirs to review (another ward's, a draft, an unknown id) is not found, alike.
import type { Prisma } from "#app/generated/prisma/client";
import type { AdminUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { decodeJsonColumn } from "#app/utils/json-column";
import { pageCount, pageOf } from "#app/utils/list-query";
import { foldForSearch } from "#app/utils/search";
import { z } from "zod";

import { audit } from "../audit.server";
import { scopeOn, unitInScope } from "../scope.server";
import { refresherProgress } from "./application.server";
import { enqueueDecisionMessage } from "./decision-message.server";
import { listOrganisationCertificates, PROFILE_SELECT, type OrganisationProfile } from "./organisation.server";
import { newVerificationCode, renewalOpensAt, validityOnApproval } from "./rules.server";
import { APPLICATION_SUMMARY_SELECT, getCertificationCourse, type ReviewStatus } from "./terms.server";

const REVIEW_PAGE_SIZE = 25;

/** Applications in the administrator's scope in one status, searchable by the organisation's name. */
export async function listApplicationsForReview(admin: AdminUser, filter: { status: ReviewStatus; q: string; page: number }) {
  const folded = foldForSearch(filter.q);
  const where: Prisma.CertificationApplicationWhereInput = {
    ...unitInScope(await scopeOn(admin.unitPath)),
    status: filter.status,
    ...(folded ? { organisation: { searchName: { contains: folded } } } : {}),
  };
  const [applications, total] = await Promise.all([
    prisma.certificationApplication.findMany({
      where,
      select: { ...APPLICATION_SUMMARY_SELECT, organisation: { select: { name: true, kind: true } }, unit: { select: { name: true } } },
      // The queue is worked oldest first; decided applications are looked up newest first.
      orderBy: filter.status === "submitted" ? [{ submittedAt: "asc" }, { id: "asc" }] : [{ decidedAt: "desc" }, { id: "asc" }],
      ...pageOf(filter.page, REVIEW_PAGE_SIZE),
    }),
    prisma.certificationApplication.count({ where }),
  ]);
  return { applications, total, pageCount: pageCount(total, REVIEW_PAGE_SIZE) };
}

/** An application in the administrator's scope; null for none, a draft or another ward's alike (no id is confirmed). */
async function findReviewable(admin: AdminUser, applicationId: string) {
  return prisma.certificationApplication.findFirst({
    where: { id: applicationId, status: { not: "draft" }, ...unitInScope(await scopeOn(admin.unitPath)) },
    select: { id: true },
  });
}

/**
 * Everything a reviewer decides on: the profile as submitted, the answers, the pledge, the course
 * and the history; null when the application is not the administrator's to review.
 */
export async function getApplicationForReview(admin: AdminUser, applicationId: string, now = new Date()) {
  if (!(await findReviewable(admin, applicationId))) return null;
  const application = await prisma.certificationApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      id: true,
      kind: true,
      status: true,
      organisationId: true,
      answers: true,
      assessmentVersion: true,
      assessedAt: true,
      profile: true,
      pledgeName: true,
      pledgePosition: true,
      pledgedAt: true,
      submittedById: true,
      submittedAt: true,
      decidedAt: true,
      renews: { select: { code: true, expiresAt: true } },
      unit: { select: { name: true } },
      organisation: { select: PROFILE_SELECT },
      events: { select: { id: true, kind: true, message: true, actorId: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      inspections: { select: { id: true, visitedOn: true, inspector: true, findings: true }, orderBy: { visitedOn: "desc" } },
    },
  });
  const course = await getCertificationCourse();
  const submitterId = application.submittedById;
  const [submitter, completion, otherApplications, certificates, actors] = await Promise.all([
    submitterId ? prisma.user.findUnique({ where: { id: submitterId }, select: { fullName: true, phone: true } }) : null,
    submitterId
      ? prisma.courseCompletion.findUnique({
          where: { userId_courseSlug: { userId: submitterId, courseSlug: course.slug } },
          select: { completedAt: true, rule: true },
        })
      : null,
    prisma.certificationApplication.findMany({
      where: { organisationId: application.organisationId, id: { not: application.id }, status: { not: "draft" } },
      select: APPLICATION_SUMMARY_SELECT,
      orderBy: { createdAt: "desc" },
    }),
    listOrganisationCertificates(application.organisationId, now),
    prisma.user.findMany({ where: { id: { in: [...new Set(application.events.map((event) => event.actorId))] } }, select: { id: true, fullName: true } }),
  ]);
  const refresher =
    application.kind === "renewal" && submitterId && application.renews?.expiresAt
      ? await refresherProgress(submitterId, course, renewalOpensAt(application.renews.expiresAt))
      : null;
  const names = new Map(actors.map((actor) => [actor.id, actor.fullName]));
  const { answers, profile, events, ...rest } = application;
  return {
    ...rest,
    answers: decodeJsonColumn(answers, z.record(z.string())) ?? {},
    submittedProfile: decodeJsonColumn(profile, z.record(z.unknown())) as (Omit<OrganisationProfile, "unitId"> & { wardName: string }) | null,
    events: events.map((event) => ({ ...event, actor: names.get(event.actorId) ?? "" })),
    submitter,
    completion,
    refresher,
    otherApplications,
    certificates,
  };
}

/** not_found: none, a draft or another ward's, alike. */

/**
 * Approves an application in review and issues its certificate, in one transaction with the
 * decision's audit entry. A renewal approved before the old certificate ends starts the day it
 * ends; the new certificate names the one it follows.
 */
export async function approveApplication(admin: AdminUser, applicationId: string, now = new Date()) {
  if (!(await findReviewable(admin, applicationId))) return { ok: false, error: "not_found" } as const;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.certificationApplication.updateMany({
      where: { id: applicationId, status: "submitted" },
      data: { status: "approved", decidedById: admin.id, decidedAt: now },
    });
    if (count === 0) return { ok: false, error: "not_in_review" } as const;
    const application = await tx.certificationApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: { organisationId: true, unitId: true, organisation: { select: { name: true } } },
    });
    const previous = await tx.certificate.findFirst({
      where: { organisationId: application.organisationId, next: null },
      select: { id: true, issuedAt: true, expiresAt: true, revokedAt: true },
      orderBy: { issuedAt: "desc" },
    });
    const validity = validityOnApproval(now, previous);
    const certificate = await tx.certificate.create({
      data: {
        kind: "organisation",
        code: newVerificationCode(),
        organisationId: application.organisationId,
        applicationId,
        holderName: application.organisation.name,
        holderSearchName: foldForSearch(application.organisation.name),
        unitId: application.unitId,
        ...validity,
        previousId: previous?.id ?? null,
      },
      select: { id: true, code: true, issuedAt: true, expiresAt: true },
    });
    const event = await tx.certificationEvent.create({ data: { applicationId, actorId: admin.id, kind: "approved" }, select: { id: true } });
    await enqueueDecisionMessage(tx, applicationId, event.id, { kind: "approved", code: certificate.code });
    await audit(tx, {
      actorId: admin.id,
      action: "certification.approve",
      targetType: "certification",
      targetId: applicationId,
      details: { certificateId: certificate.id, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt },
    });
    return { ok: true, certificate } as const;
  });
}

/** Rejects with a reason, or sends back asking for changes with a message the applicant reads. */
export async function decideWithMessage(admin: AdminUser, applicationId: string, decision: "rejected" | "changes_requested", message: string, now = new Date()) {
  if (!(await findReviewable(admin, applicationId))) return { ok: false, error: "not_found" } as const;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.certificationApplication.updateMany({
      where: { id: applicationId, status: "submitted" },
      data: { status: decision, decidedById: admin.id, decidedAt: now },
    });
    if (count === 0) return { ok: false, error: "not_in_review" } as const;
    const event = await tx.certificationEvent.create({ data: { applicationId, actorId: admin.id, kind: decision, message }, select: { id: true } });
    await enqueueDecisionMessage(tx, applicationId, event.id, decision === "rejected" ? { kind: "rejected", reason: message } : { kind: "changes_requested", message });
    await audit(tx, {
      actorId: admin.id,
      action: decision === "rejected" ? "certification.reject" : "certification.request-changes",
      targetType: "certification",
      targetId: applicationId,
      details: { message },
    });
    return { ok: true } as const;
  });
}

type InspectionInput = { visitedOn: Date; inspector: string; findings: string };

/** An inspection visit recorded on the organisation's application, with its audit entry; null when not the administrator's. */
export async function recordInspection(admin: AdminUser, applicationId: string, visit: InspectionInput) {
  if (!(await findReviewable(admin, applicationId))) return null;
  return prisma.$transaction(async (tx) => {
    // A visit posted twice (a double click, a retry) is recorded once.
    const repeated = await tx.inspection.findFirst({ where: { ...visit, applicationId, recordedById: admin.id }, select: { id: true } });
    if (repeated) return repeated;
    const inspection = await tx.inspection.create({ data: { ...visit, applicationId, recordedById: admin.id }, select: { id: true } });
    await audit(tx, {
      actorId: admin.id,
      action: "certification.inspect",
      targetType: "certification",
      targetId: applicationId,
      details: { inspectionId: inspection.id, visitedOn: visit.visitedOn, inspector: visit.inspector },
    });
    return inspection;
  });
}

/**
 * Revokes an organisation's certificate at once, with a reason, and any certificate already
 * issued to follow it (an approved renewal not yet in force): the organisation is no longer
 * certified from this moment, on the verification page and in the registry alike. not_found for
 * an unknown id and another ward's certificate alike.
 */
export async function revokeCertificate(admin: AdminUser, certificateId: string, reason: string, now = new Date()) {
  const certificate = await prisma.certificate.findFirst({
    where: { id: certificateId, kind: "organisation", ...unitInScope(await scopeOn(admin.unitPath)) },
    select: { id: true, revokedAt: true, applicationId: true, organisationId: true },
  });
  if (!certificate) return { ok: false, error: "not_found" } as const;
  if (certificate.revokedAt) return { ok: false, error: "already_revoked" } as const;
  return prisma.$transaction(async (tx) => {
    const chain: { id: string; applicationId: string | null }[] = [];
    for (
      let current: { id: string; applicationId: string | null } | null = certificate;
      current;
      current = await tx.certificate.findUnique({ where: { previousId: current.id }, select: { id: true, applicationId: true } })
    ) {
      chain.push(current);
    }
    const { count } = await tx.certificate.updateMany({
      where: { id: { in: chain.map((link) => link.id) }, revokedAt: null },
      data: { revokedAt: now, revokedById: admin.id, revocationReason: reason },
    });
    if (count === 0) return { ok: false, error: "already_revoked" } as const;
    for (const link of chain) {
      if (!link.applicationId) continue;
      await tx.certificationEvent.create({ data: { applicationId: link.applicationId, actorId: admin.id, kind: "revoked", message: reason }, select: { id: true } });
    }
    await audit(tx, {
      actorId: admin.id,
      action: "certificate.revoke",
      targetType: "certificate",
      targetId: certificate.id,
      details: { reason, alsoRevoked: chain.slice(1).map((link) => link.id) },
    });
    return { ok: true } as const;
  });
}
