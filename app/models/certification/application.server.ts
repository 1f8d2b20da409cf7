// The applicant's way to a submission: the gate (course, refresher, what is in review or still
// valid), the self-assessment kept on the application being prepared, and the signed pledge.
import type { CatalogueCourse } from "#app/content/catalogue.server";
import type { SessionUser } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { decodeJsonColumn } from "#app/utils/json-column";
import { z } from "zod";

import { organisationIdOf, PROFILE_SELECT } from "./organisation.server";
import { canRenew, renewalOpensAt } from "./rules.server";
import { evaluateSelfAssessment, SELF_ASSESSMENT_VERSION, type AgeCounts, type AssessmentAnswers } from "./self-assessment";
import { getCertificationCourse, OPEN_STATUSES } from "./terms.server";

function ageCounts(organisation: { workersUnder13: number; workers13To15: number; workers15To18: number }): AgeCounts {
  return { under13: organisation.workersUnder13, from13to15: organisation.workers13To15, from15to18: organisation.workers15To18 };
}

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

type AssessmentOutcome =
  { ok: true } | ({ ok: false } & GateProblem) | { ok: false; reason: "not_passed"; result: Extract<ReturnType<typeof evaluateSelfAssessment>, { ok: false }> };

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
  const answers = decodeJsonColumn(gate.open.answers, z.record(z.unknown()));
  if (!answers) return null;
  const result = evaluateSelfAssessment(gate.organisation.counts, answers);
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
