// Certificates once issued: the public lookup by code and the registry of organisations certified
// now, the per-ward counts, the document a holder or an administrator in scope downloads, and the
// learners' course certificates, which share the Certificate table and the lookup.
import type { Prisma } from "#app/generated/prisma/client";
import type { SessionUser } from "#app/utils/auth.server";
import { DAY } from "#app/utils/dates";
import { isUniqueViolation, prisma } from "#app/utils/db.server";
import { pageCount, pageOf } from "#app/utils/list-query";
import { foldForSearch, VIETNAMESE_ORDER } from "#app/utils/search";

import { organisationIdOf } from "./organisation.server";
import { certificateStatus, newVerificationCode, normaliseVerificationCode, startOfHanoiDay } from "./rules.server";
import type { OrganisationKind } from "./terms.server";

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
      ...pageOf(filter.page, REGISTRY_PAGE_SIZE),
    }),
    prisma.certificate.count({ where }),
  ]);
  return {
    entries: entries.map(({ unit, organisation, ...entry }) => ({ ...entry, wardName: unit.name, kind: organisation?.kind ?? "business" })),
    total,
    pageCount: pageCount(total, REGISTRY_PAGE_SIZE),
  };
}

// --- Per-ward counts --------------------------------------------------------------------------------

type WardCertificationCounts = {
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
  const soon = new Date(now.getTime() + EXPIRING_DAYS * DAY);
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
  return (
    wards
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
      .sort((a, b) => VIETNAMESE_ORDER.compare(a.ward.name, b.ward.name))
  );
}

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
    certificate.kind === "course" ? certificate.userId === user.id : certificate.organisationId !== null && certificate.organisationId === (await organisationIdOf(user.id));
  const isAdminInScope = user.role !== "learner" && certificate.unit.path.startsWith(user.unitPath);
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
