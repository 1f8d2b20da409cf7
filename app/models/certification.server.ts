// Child-labour-free certification: organisation profiles and their members, applications
// (self-assessment, pledge, submission), review decisions and inspections, certificates with
// their verification codes, renewal and revocation, the public lookup and registry, and the
// per-ward counts. Course certificates for learners share the Certificate table and the lookup.
import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { Prisma } from "#app/generated/prisma/client";
import type { AdminUser, SessionUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";
import {
  canRenew,
  certificateStatus,
  newVerificationCode,
  normaliseVerificationCode,
  renewalOpensAt,
  startOfHanoiDay,
  validityOnApproval,
  type CertificateStatus,
} from "./certificate-rules.server";
import { evaluateSelfAssessment, SELF_ASSESSMENT_VERSION, type AgeCounts, type AssessmentAnswers } from "./self-assessment";
import { findWardInForce, getUnitPath } from "./unit.server";

/** The course an applicant must have completed: content/courses/03.doanh-nghiep. */
export const CERTIFICATION_COURSE_SLUG = "doanh-nghiep";

/** The organisations that can be certified (the Organisation table also knows schools and agencies). */
export const ORGANISATION_KINDS = ["business", "cooperative", "household"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const APPLICATION_STATUSES = ["draft", "submitted", "changes_requested", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** The statuses a reviewer lists: drafts are the applicant's own business until submitted. */
export const REVIEW_STATUSES = ["submitted", "changes_requested", "approved", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
const OPEN_STATUSES: ApplicationStatus[] = ["draft", "changes_requested"];

/** The business course; its absence from content/courses is a broken deployment, not a user's problem. */
export async function getCertificationCourse(): Promise<CatalogueCourse> {
  const course = (await getCatalogue()).courses.find((candidate) => candidate.slug === CERTIFICATION_COURSE_SLUG);
  if (!course) throw new Error(`the certification course "${CERTIFICATION_COURSE_SLUG}" is missing from content/courses`);
  return course;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

function ageCounts(organisation: { workersUnder13: number; workers13To15: number; workers15To18: number }): AgeCounts {
  return { under13: organisation.workersUnder13, from13to15: organisation.workers13To15, from15to18: organisation.workers15To18 };
}

// --- Organisation profile and members ---------------------------------------------------------

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

const PROFILE_SELECT = {
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

export type ProfileProblem = "admin" | "unknown_ward" | "taxCode_taken" | "taxCode_certified" | "in_review" | "too_many_young";

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
        id: true,
        kind: true,
        status: true,
        submittedAt: true,
        decidedAt: true,
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

function listOrganisationCertificates(organisationId: string, now: Date) {
  return prisma.certificate
    .findMany({
      where: { organisationId },
      select: { id: true, code: true, holderName: true, issuedAt: true, expiresAt: true, revokedAt: true, revocationReason: true, applicationId: true },
      orderBy: { issuedAt: "desc" },
    })
    .then((rows) => rows.map((row) => ({ ...row, status: certificateStatus(row, now) })));
}

export type MemberProblem = "no_organisation" | "last_member";

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

// --- The applicant's way to a submission ----------------------------------------------------------

/** Quizzes of the course passed since a moment: a renewal's refresher is the course's quizzes again. */
export async function refresherProgress(userId: string, course: CatalogueCourse, since: Date) {
  const passed = await prisma.quizAttempt.findMany({
    where: { userId, courseSlug: course.slug, passed: true, submittedAt: { gte: since } },
    select: { moduleSlug: true },
    distinct: ["moduleSlug"],
  });
  const done = new Set(passed.map((attempt) => attempt.moduleSlug));
  return course.modules.map((module) => ({ slug: module.slug, title: module.title, titleEn: module.titleEn, passed: done.has(module.slug) }));
}

export type GateProblem =
  | { reason: "no_organisation" }
  | { reason: "course_not_completed" }
  | { reason: "in_review" }
  | { reason: "certified"; expiresAt: Date; renewalOpensAt: Date }
  | { reason: "refresher_needed"; since: Date };

type Gate =
  | ({ ok: false } & GateProblem)
  | {
      ok: true;
      organisation: { id: string; unitId: string; counts: AgeCounts };
      kind: "initial" | "renewal";
      renews: { id: string; expiresAt: Date | null } | null;
      open: { id: string; answers: string | null; assessmentVersion: string | null } | null;
    };

/**
 * Whether the person may work on an application for their organisation now, and which: a first
 * one, or a renewal of the latest certificate (open from 60 days before it expires, with the
 * course's quizzes passed again since then). Needs the business course completed.
 */
export async function applicationGate(user: SessionUser, now = new Date()): Promise<Gate> {
  const organisationId = await organisationIdOf(user.id);
  if (!organisationId) return { ok: false, reason: "no_organisation" };
  const course = await getCertificationCourse();
  const [organisation, completion, latestApplication, latestCertificate] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { id: true, unitId: true, workersUnder13: true, workers13To15: true, workers15To18: true },
    }),
    prisma.courseCompletion.findUnique({ where: { userId_courseSlug: { userId: user.id, courseSlug: course.slug } }, select: { id: true } }),
    prisma.certificationApplication.findFirst({
      where: { organisationId, status: { in: [...OPEN_STATUSES, "submitted"] } },
      select: { id: true, status: true, answers: true, assessmentVersion: true },
      orderBy: { createdAt: "desc" },
    }),
    prisma.certificate.findFirst({
      where: { organisationId },
      select: { id: true, issuedAt: true, expiresAt: true, revokedAt: true },
      orderBy: { issuedAt: "desc" },
    }),
  ]);
  if (latestApplication?.status === "submitted") return { ok: false, reason: "in_review" };
  const renewable = latestCertificate && !latestCertificate.revokedAt ? latestCertificate : null;
  if (renewable?.expiresAt && !canRenew(renewable, now)) {
    return { ok: false, reason: "certified", expiresAt: renewable.expiresAt, renewalOpensAt: renewalOpensAt(renewable.expiresAt) };
  }
  if (!completion) return { ok: false, reason: "course_not_completed" };
  if (renewable?.expiresAt) {
    const since = renewalOpensAt(renewable.expiresAt);
    const refresher = await refresherProgress(user.id, course, since);
    if (refresher.some((module) => !module.passed)) return { ok: false, reason: "refresher_needed", since };
  }
  return {
    ok: true,
    organisation: { id: organisation.id, unitId: organisation.unitId, counts: ageCounts(organisation) },
    kind: renewable ? "renewal" : "initial",
    renews: renewable ? { id: renewable.id, expiresAt: renewable.expiresAt } : null,
    open: latestApplication ?? null,
  };
}

export type AssessmentOutcome =
  | { ok: true }
  | ({ ok: false } & GateProblem)
  | { ok: false; reason: "not_passed"; result: Extract<ReturnType<typeof evaluateSelfAssessment>, { ok: false }> };

/**
 * Checks a self-assessment against the organisation's age bands. Only a self-assessment without
 * a breach is kept, on the application being prepared (made now if there is none); one that
 * reveals a breach or leaves a question unanswered changes nothing.
 */
export async function saveSelfAssessment(user: SessionUser, given: Record<string, unknown>, now = new Date()): Promise<AssessmentOutcome> {
  const gate = await applicationGate(user, now);
  if (!gate.ok) return gate;
  const result = evaluateSelfAssessment(gate.organisation.counts, given);
  if (!result.ok) return { ok: false, reason: "not_passed", result };
  const assessment = { answers: JSON.stringify(result.answers), assessmentVersion: SELF_ASSESSMENT_VERSION, assessedAt: now };
  if (gate.open) {
    await prisma.certificationApplication.updateMany({
      where: { id: gate.open.id, status: { in: OPEN_STATUSES } },
      // What the application renews is decided now: a certificate revoked since the draft was
      // begun leaves nothing to renew.
      data: { ...assessment, unitId: gate.organisation.unitId, kind: gate.kind, renewsId: gate.renews?.id ?? null },
    });
  } else {
    await prisma.certificationApplication.create({
      data: {
        ...assessment,
        organisationId: gate.organisation.id,
        unitId: gate.organisation.unitId,
        kind: gate.kind,
        renewsId: gate.renews?.id ?? null,
        createdById: user.id,
      },
      select: { id: true },
    });
  }
  return { ok: true };
}

/** The answers kept on the application being prepared, when they still fit the profile and the questions. */
function keptAnswers(gate: Extract<Gate, { ok: true }>): AssessmentAnswers | null {
  if (!gate.open?.answers || gate.open.assessmentVersion !== SELF_ASSESSMENT_VERSION) return null;
  const answers: unknown = JSON.parse(gate.open.answers);
  if (!answers || typeof answers !== "object") return null;
  const result = evaluateSelfAssessment(gate.organisation.counts, answers as Record<string, unknown>);
  return result.ok ? result.answers : null;
}

/** What the pledge page needs: whether a passed self-assessment is waiting to be pledged. */
export async function getPledgeState(user: SessionUser, now = new Date()) {
  const gate = await applicationGate(user, now);
  if (!gate.ok) return gate;
  const answers = keptAnswers(gate);
  if (!answers) return { ok: false as const, reason: "assessment_needed" as const };
  return { ok: true as const, kind: gate.kind, renewsExpiresAt: gate.renews?.expiresAt ?? null, answered: Object.keys(answers).length };
}

export type Pledge = { signerName: string; signerPosition: string };

/**
 * The pledge signed and the application submitted: it enters the review queue of the ward's
 * admins. The self-assessment must still fit the profile as it is now, and the course (and for a
 * renewal the refresher) must be done; the profile is copied for the reviewer.
 */
export async function submitApplication(
  user: SessionUser,
  pledge: Pledge,
  now = new Date(),
): Promise<{ ok: true; id: string } | ({ ok: false } & (GateProblem | { reason: "assessment_needed" }))> {
  const gate = await applicationGate(user, now);
  if (!gate.ok) return gate;
  if (!gate.open || !keptAnswers(gate)) return { ok: false, reason: "assessment_needed" };
  const applicationId = gate.open.id;
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: gate.organisation.id }, select: PROFILE_SELECT });
  const { id: _id, unit, ...profile } = organisation;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.certificationApplication.updateMany({
      where: { id: applicationId, status: { in: OPEN_STATUSES } },
      data: {
        status: "submitted",
        unitId: organisation.unitId,
        profile: JSON.stringify({ ...profile, wardName: unit.name }),
        pledgeName: pledge.signerName,
        pledgePosition: pledge.signerPosition,
        pledgedAt: now,
        submittedById: user.id,
        submittedAt: now,
      },
    });
    // A second post of the same form (double click, retry) finds it submitted already.
    if (count === 0) return { ok: false, reason: "in_review" } as const;
    await tx.certificationEvent.create({ data: { applicationId, actorId: user.id, kind: "submitted" }, select: { id: true } });
    return { ok: true, id: applicationId } as const;
  });
}

// --- Review ---------------------------------------------------------------------------------------

async function scopeOf(admin: AdminUser) {
  return (await getUnitPath(admin.unitId)).path;
}

const REVIEW_PAGE_SIZE = 25;

/** Applications in the administrator's scope in one status, searchable by the organisation's name. */
export async function listApplicationsForReview(admin: AdminUser, filter: { status: ReviewStatus; q: string; page: number }) {
  const scope = await scopeOf(admin);
  const folded = foldForSearch(filter.q);
  const where: Prisma.CertificationApplicationWhereInput = {
    unit: { path: { startsWith: scope } },
    status: filter.status,
    ...(folded ? { organisation: { searchName: { contains: folded } } } : {}),
  };
  const [applications, total] = await Promise.all([
    prisma.certificationApplication.findMany({
      where,
      select: {
        id: true,
        kind: true,
        status: true,
        submittedAt: true,
        decidedAt: true,
        organisation: { select: { name: true, kind: true } },
        unit: { select: { name: true } },
      },
      // The queue is worked oldest first; decided applications are looked up newest first.
      orderBy: filter.status === "submitted" ? [{ submittedAt: "asc" }, { id: "asc" }] : [{ decidedAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * REVIEW_PAGE_SIZE,
      take: REVIEW_PAGE_SIZE,
    }),
    prisma.certificationApplication.count({ where }),
  ]);
  return { applications, total, pageCount: Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE)) };
}

/** An application in the administrator's scope; null for none, a draft or another ward's alike (no id is confirmed). */
async function findReviewable(admin: AdminUser, applicationId: string) {
  return prisma.certificationApplication.findFirst({
    where: { id: applicationId, status: { not: "draft" }, unit: { path: { startsWith: await scopeOf(admin) } } },
    select: { id: true },
  });
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
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
      select: { id: true, kind: true, status: true, submittedAt: true, decidedAt: true },
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
    answers: (parseJson(answers) ?? {}) as Record<string, string>,
    submittedProfile: parseJson(profile) as (Omit<OrganisationProfile, "unitId"> & { wardName: string }) | null,
    events: events.map((event) => ({ ...event, actor: names.get(event.actorId) ?? "" })),
    submitter,
    completion,
    refresher,
    otherApplications,
    certificates,
  };
}

/** not_found: none, a draft or another ward's, alike. */
export type DecisionProblem = "not_found" | "not_in_review";

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
    await tx.certificationEvent.create({ data: { applicationId, actorId: admin.id, kind: "approved" }, select: { id: true } });
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
export async function decideWithMessage(
  admin: AdminUser,
  applicationId: string,
  decision: "rejected" | "changes_requested",
  message: string,
  now = new Date(),
) {
  if (!(await findReviewable(admin, applicationId))) return { ok: false, error: "not_found" } as const;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.certificationApplication.updateMany({
      where: { id: applicationId, status: "submitted" },
      data: { status: decision, decidedById: admin.id, decidedAt: now },
    });
    if (count === 0) return { ok: false, error: "not_in_review" } as const;
    await tx.certificationEvent.create({ data: { applicationId, actorId: admin.id, kind: decision, message }, select: { id: true } });
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

export type InspectionInput = { visitedOn: Date; inspector: string; findings: string };

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
  const scope = await scopeOf(admin);
  const certificate = await prisma.certificate.findFirst({
    where: { id: certificateId, kind: "organisation", unit: { path: { startsWith: scope } } },
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

// --- Public lookup and registry ------------------------------------------------------------------

/** What a certificate shows of itself, on the verification page and on its PDF. */
const CERTIFICATE_FACE = {
  code: true,
  kind: true,
  holderName: true,
  courseSlug: true,
  issuedAt: true,
  expiresAt: true,
  revokedAt: true,
} satisfies Prisma.CertificateSelect;

/**
 * A certificate by its code, as the public verification page shows it: holder, ward, dates and
 * status, never a person's contact or the revocation's reason. An unknown or malformed code is
 * null; there is no search, so codes cannot be listed or guessed from near misses.
 */
export async function findCertificateByCode(input: string, now = new Date()) {
  const code = normaliseVerificationCode(input);
  if (!code) return null;
  const certificate = await prisma.certificate.findUnique({
    where: { code },
    select: { ...CERTIFICATE_FACE, unit: { select: { name: true } }, organisation: { select: { kind: true } } },
  });
  if (!certificate) return null;
  const { organisation, unit, ...rest } = certificate;
  return { ...rest, wardName: unit.name, organisationKind: organisation?.kind ?? null, status: certificateStatus(certificate, now) };
}

const REGISTRY_PAGE_SIZE = 25;

/** Where an organisation certificate is valid at a moment. */
function validAt(now: Date): Prisma.CertificateWhereInput {
  return { kind: "organisation", revokedAt: null, issuedAt: { lte: now }, expiresAt: { gt: now } };
}

/** The organisations certified now, searchable by name without diacritics, by ward and kind. */
export async function listRegistry(filter: { q: string; wardCode: string | null; kind: OrganisationKind | null; page: number }, now = new Date()) {
  const folded = foldForSearch(filter.q);
  const where: Prisma.CertificateWhereInput = {
    ...validAt(now),
    ...(folded ? { holderSearchName: { contains: folded } } : {}),
    ...(filter.wardCode ? { unit: { code: filter.wardCode } } : {}),
    ...(filter.kind ? { organisation: { kind: filter.kind } } : {}),
  };
  const [entries, total] = await Promise.all([
    prisma.certificate.findMany({
      where,
      select: { code: true, holderName: true, issuedAt: true, expiresAt: true, unit: { select: { name: true } }, organisation: { select: { kind: true } } },
      orderBy: [{ holderSearchName: "asc" }, { code: "asc" }],
      skip: (filter.page - 1) * REGISTRY_PAGE_SIZE,
      take: REGISTRY_PAGE_SIZE,
    }),
    prisma.certificate.count({ where }),
  ]);
  return {
    entries: entries.map(({ unit, organisation, ...entry }) => ({ ...entry, wardName: unit.name, kind: organisation?.kind ?? "business" })),
    total,
    pageCount: Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE)),
  };
}

// --- Per-ward counts --------------------------------------------------------------------------------

export type WardCertificationCounts = {
  ward: { id: string; code: string; name: string };
  certified: number;
  pending: number;
  expiring: number;
  expired: number;
  revoked: number;
};

const EXPIRING_DAYS = 60;

/**
 * Per ward of a scope: organisations certified now, applications waiting for review,
 * certificates expiring within 60 days and not renewed yet, and organisations whose latest
 * certificate has expired or was revoked. Five grouped counts, whatever the number of certificates.
 */
export async function certificationCounts(scopePath: string, now = new Date()): Promise<WardCertificationCounts[]> {
  const wards = await prisma.adminUnit.findMany({
    where: { level: "ward", path: { startsWith: scopePath } },
    select: { id: true, code: true, name: true, validTo: true },
  });
  const wardIds = wards.map((ward) => ward.id);
  const soon = new Date(now.getTime() + EXPIRING_DAYS * 86_400_000);
  const byWard = { unitId: { in: wardIds } };
  const latest: Prisma.CertificateWhereInput = { kind: "organisation", next: null };
  const [certified, pending, expiring, expired, revoked] = await Promise.all([
    prisma.certificate.groupBy({ by: ["unitId"], where: { ...byWard, ...validAt(now) }, _count: { _all: true } }),
    prisma.certificationApplication.groupBy({ by: ["unitId"], where: { ...byWard, status: "submitted" }, _count: { _all: true } }),
    prisma.certificate.groupBy({
      by: ["unitId"],
      where: { ...byWard, ...validAt(now), ...latest, expiresAt: { gt: now, lte: soon } },
      _count: { _all: true },
    }),
    prisma.certificate.groupBy({ by: ["unitId"], where: { ...byWard, ...latest, revokedAt: null, expiresAt: { lte: now } }, _count: { _all: true } }),
    prisma.certificate.groupBy({ by: ["unitId"], where: { ...byWard, ...latest, revokedAt: { not: null } }, _count: { _all: true } }),
  ]);
  const counts = (rows: { unitId: string; _count: { _all: number } }[]) => new Map(rows.map((row) => [row.unitId, row._count._all]));
  const maps = { certified: counts(certified), pending: counts(pending), expiring: counts(expiring), expired: counts(expired), revoked: counts(revoked) };
  return wards
    .map((ward) => ({
      ward: { id: ward.id, code: ward.code, name: ward.name },
      inForce: ward.validTo === null || ward.validTo > now,
      certified: maps.certified.get(ward.id) ?? 0,
      pending: maps.pending.get(ward.id) ?? 0,
      expiring: maps.expiring.get(ward.id) ?? 0,
      expired: maps.expired.get(ward.id) ?? 0,
      revoked: maps.revoked.get(ward.id) ?? 0,
    }))
    // A ward abolished since is listed only while it still has something to show.
    .filter((row) => row.inForce || row.certified + row.pending + row.expiring + row.expired + row.revoked > 0)
    .map(({ inForce: _inForce, ...row }) => row)
    .sort((a, b) => VIETNAMESE_ORDER.compare(a.ward.name, b.ward.name));
}

const VIETNAMESE_ORDER = new Intl.Collator("vi");

// --- Certificates as documents, and course certificates -----------------------------------------

/**
 * A certificate for its PDF: the organisation's members and the learner may download their own;
 * administrators those of their scope. Null for somebody else's as for an unknown code.
 */
export async function findCertificateForDownload(user: SessionUser, input: string) {
  const code = normaliseVerificationCode(input);
  const certificate = code
    ? await prisma.certificate.findUnique({
        where: { code },
        select: { ...CERTIFICATE_FACE, userId: true, organisationId: true, unit: { select: { name: true, path: true } } },
      })
    : null;
  if (!certificate) return null;
  const isHolder =
    certificate.kind === "course"
      ? certificate.userId === user.id
      : certificate.organisationId !== null && certificate.organisationId === (await organisationIdOf(user.id));
  const isAdminInScope = user.role !== "learner" && certificate.unit.path.startsWith((await getUnitPath(user.unitId)).path);
  if (!isHolder && !isAdminInScope) return null;
  const { unit, userId: _userId, organisationId: _organisationId, ...rest } = certificate;
  return { ...rest, wardName: unit.name };
}

/** The learner's certificate for a course, if one was issued. */
export function getCourseCertificate(userId: string, courseSlug: string) {
  return prisma.certificate.findUnique({
    where: { userId_courseSlug: { userId, courseSlug } },
    select: { code: true, issuedAt: true },
  });
}

/**
 * Issues the learner's certificate for a course they completed, once: dated the day of the
 * completion, in the name and ward the account has now, without an expiry. Null when the course
 * is not completed.
 */
export async function issueCourseCertificate(user: SessionUser, courseSlug: string) {
  const existing = await getCourseCertificate(user.id, courseSlug);
  if (existing) return existing;
  const [completion, account] = await Promise.all([
    prisma.courseCompletion.findUnique({ where: { userId_courseSlug: { userId: user.id, courseSlug } }, select: { completedAt: true } }),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { fullName: true, unitId: true } }),
  ]);
  if (!completion) return null;
  try {
    return await prisma.certificate.create({
      data: {
        kind: "course",
        code: newVerificationCode(),
        userId: user.id,
        courseSlug,
        holderName: account.fullName,
        holderSearchName: foldForSearch(account.fullName),
        unitId: account.unitId,
        issuedAt: startOfHanoiDay(completion.completedAt),
        expiresAt: null,
      },
      select: { code: true, issuedAt: true },
    });
  } catch (error) {
    // Two clicks at once: the unique index keeps one certificate, which both get.
    if (isUniqueViolation(error)) return getCourseCertificate(user.id, courseSlug);
    throw error;
  }
}

export type { CertificateStatus };
