import type { Prisma } from "#app/generated/prisma/client";
import { verifyPassword } from "#app/utils/auth.server";
import { formatDate, formatTime } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";

import { audit } from "./audit.server";

type Person = { id: string; phone: string };
type Rule = { about: (person: Person) => Promise<unknown[]> } | { none: string };

const ownRoster = (person: Person) => ({ rosterEntry: { userId: person.id } });

/**
 * What every table holds about one person, for the download of "Dữ liệu của tôi" (the right of
 * access of the Law on Personal Data Protection 2025). Each table of the schema has a rule, a
 * query or the reason it holds nothing about a person: personal-data.server.test.ts walks the
 * schema, so a new table without a rule fails. Secrets (password and code hashes, sign-in session
 * ids) are left out: they identify nobody and would let a leaked file sign in. Roster entries are
 * the ones matched to the account, never the ones that merely share its phone, which may not be
 * the account holder's until it is confirmed.
 */
export const PERSONAL_DATA_RULES: Record<Prisma.ModelName, Rule> = {
  User: {
    about: (p) =>
      prisma.user.findMany({
        where: { id: p.id },
        select: {
          id: true,
          fullName: true,
          phone: true,
          email: true,
          role: true,
          unitId: true,
          targetGroup: true,
          organisationId: true,
          phoneConfirmedAt: true,
          preferredChannel: true,
          createdAt: true,
        },
      }),
  },
  AdminUnit: { about: (p) => prisma.adminUnit.findMany({ where: { users: { some: { id: p.id } } }, select: { id: true, code: true, name: true } }) },
  UnitSuccession: { none: "how units were merged: nothing about a person" },
  Organisation: { about: (p) => prisma.organisation.findMany({ where: { members: { some: { id: p.id } } }, select: { id: true, kind: true, name: true, unitId: true } }) },
  OrganisationInvitation: {
    about: (p) =>
      prisma.organisationInvitation.findMany({
        where: { OR: [{ phone: p.phone }, { invitedById: p.id }] },
        select: { id: true, organisationId: true, phone: true, status: true, createdAt: true },
      }),
  },
  Consent: { about: (p) => prisma.consent.findMany({ where: { userId: p.id }, select: { noticeVersion: true, createdAt: true } }) },
  ImportJob: {
    about: (p) => prisma.importJob.findMany({ where: { createdById: p.id }, select: { id: true, unitId: true, targetGroup: true, fileName: true, status: true, createdAt: true } }),
  },
  // Rows of a file being imported, kept only until the import is written or given up.
  ImportRow: { about: (p) => prisma.importRow.findMany({ where: { phone: p.phone }, select: { jobId: true, line: true, name: true, phone: true } }) },
  OutboxMessage: {
    about: (p) =>
      prisma.outboxMessage.findMany({
        where: { OR: [{ recipientUserId: p.id }, { recipientAddress: p.phone }] },
        select: { channel: true, recipientAddress: true, templateKey: true, variables: true, status: true, sentAt: true, createdAt: true },
      }),
  },
  // The person's phone declined the outbox's messages; the link's token is a secret, left out.
  MessageOptOut: { about: (p) => prisma.messageOptOut.findMany({ where: { address: p.phone }, select: { address: true, channel: true, source: true, createdAt: true } }) },
  MessageOptOutLink: { about: (p) => prisma.messageOptOutLink.findMany({ where: { address: p.phone }, select: { address: true, createdAt: true } }) },
  SelfCheckTally: { none: "a count per module of anonymous self-checks" },
  Session: { about: (p) => prisma.session.findMany({ where: { userId: p.id }, select: { expiresAt: true } }) },
  SignInBudget: { about: (p) => prisma.signInBudget.findMany({ where: { key: `user:${p.id}` }, select: { windowStart: true, count: true } }) },
  PhoneCode: { about: (p) => prisma.phoneCode.findMany({ where: { userId: p.id }, select: { phone: true, expiresAt: true, tries: true, usedAt: true, createdAt: true } }) },
  AuditEntry: {
    about: (p) =>
      prisma.auditEntry.findMany({
        where: { OR: [{ actorId: p.id }, { targetType: "user", targetId: p.id }] },
        select: { action: true, targetType: true, targetId: true, details: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      }),
  },
  ModuleProgress: {
    about: (p) =>
      prisma.moduleProgress.findMany({
        where: { userId: p.id },
        select: { courseSlug: true, moduleSlug: true, contentVersion: true, readAt: true, passedAt: true, bestScore: true },
      }),
  },
  QuizAttempt: {
    about: (p) =>
      prisma.quizAttempt.findMany({
        where: { userId: p.id },
        select: {
          id: true,
          courseSlug: true,
          moduleSlug: true,
          contentVersion: true,
          answers: true,
          savedAnswers: true,
          score: true,
          passed: true,
          startedAt: true,
          submittedAt: true,
        },
      }),
  },
  ShownQuiz: { about: (p) => prisma.shownQuiz.findMany({ where: { attempt: { userId: p.id } }, select: { attemptId: true, createdAt: true } }) },
  CourseCompletion: {
    about: (p) => prisma.courseCompletion.findMany({ where: { userId: p.id }, select: { courseSlug: true, courseVersion: true, rule: true, completedAt: true } }),
  },
  Certificate: {
    about: (p) => prisma.certificate.findMany({ where: { userId: p.id }, select: { kind: true, code: true, courseSlug: true, holderName: true, issuedAt: true, revokedAt: true } }),
  },
  RosterEntry: {
    about: (p) =>
      prisma.rosterEntry.findMany({
        where: { userId: p.id },
        select: { id: true, unitId: true, targetGroup: true, name: true, phone: true, externalId: true, birthYear: true, leftAt: true },
      }),
  },
  Qualification: { about: (p) => prisma.qualification.findMany({ where: ownRoster(p), select: { indicator: true, period: true, source: true, qualifiedAt: true } }) },
  Attendance: { about: (p) => prisma.attendance.findMany({ where: ownRoster(p), select: { sessionId: true, createdAt: true } }) },
  TrainingSession: {
    about: (p) =>
      prisma.trainingSession.findMany({
        where: { OR: [{ attendance: { some: ownRoster(p) } }, { createdById: p.id }] },
        select: { id: true, heldOn: true, place: true, kind: true, courses: true },
      }),
  },
  AttendanceConfirmation: {
    about: (p) => prisma.attendanceConfirmation.findMany({ where: { OR: [{ phone: p.phone }, { userId: p.id }] }, select: { sessionId: true, status: true, respondedAt: true } }),
  },
  // The ward's follow-up of the person (with its notes), and the contacts an official recorded.
  ContactEvent: {
    about: (p) =>
      prisma.contactEvent.findMany({
        where: { OR: [ownRoster(p), { actorId: p.id }] },
        select: { rosterEntryId: true, kind: true, note: true, happenedAt: true, trainingSessionId: true },
      }),
  },
  TrainingSessionInvitation: {
    about: (p) =>
      prisma.trainingSessionInvitation.findMany({
        where: { OR: [ownRoster(p), { invitedById: p.id }] },
        select: { trainingSessionId: true, rosterEntryId: true, status: true, channel: true, respondedAt: true, createdAt: true },
      }),
  },
  DeclaredHeadcount: { about: (p) => prisma.declaredHeadcount.findMany({ where: { declaredById: p.id }, select: { unitId: true, targetGroup: true, period: true, count: true } }) },
  CertificationApplication: {
    about: (p) =>
      prisma.certificationApplication.findMany({
        where: { OR: [{ createdById: p.id }, { submittedById: p.id }, { decidedById: p.id }] },
        select: { id: true, organisationId: true, kind: true, status: true, pledgeName: true, pledgePosition: true, pledgedAt: true, submittedAt: true },
      }),
  },
  CertificationEvent: {
    about: (p) => prisma.certificationEvent.findMany({ where: { actorId: p.id }, select: { applicationId: true, kind: true, message: true, createdAt: true } }),
  },
  Inspection: { about: (p) => prisma.inspection.findMany({ where: { recordedById: p.id }, select: { applicationId: true, visitedOn: true, inspector: true } }) },
  ReportSnapshot: { about: (p) => prisma.reportSnapshot.findMany({ where: { frozenById: p.id }, select: { reportPeriod: true, unitCode: true, version: true, frozenAt: true } }) },
  ReportSnapshotEntry: { none: "which records a frozen report counted: record ids only" },
  ReportReopening: { about: (p) => prisma.reportReopening.findMany({ where: { reopenedById: p.id }, select: { snapshotId: true, reason: true, createdAt: true } }) },
};

export type PersonalData = { exportedAt: string; tables: Record<string, unknown[]> };

/** Everything the platform holds about one person, table by table; null for an erased account. */
export async function getPersonalData(userId: string, now = new Date()): Promise<PersonalData | null> {
  const person = await prisma.user.findFirst({ where: { id: userId, erasedAt: null }, select: { id: true, phone: true } });
  if (!person) return null;
  const tables: Record<string, unknown[]> = {};
  for (const [table, rule] of Object.entries(PERSONAL_DATA_RULES)) {
    if ("about" in rule) tables[table] = await rule.about(person);
  }
  return { exportedAt: now.toISOString(), tables };
}

/** The download, recorded: who took their data and in which form. */
export async function recordDownload(userId: string, format: "json" | "csv") {
  await prisma.$transaction((tx) => audit(tx, { actorId: userId, action: "personal-data.download", targetType: "user", targetId: userId, details: { format } }));
}

/** The readable form of the download: one line per field of each row, "table, row, field, value". */
export function personalDataRows(data: PersonalData): string[][] {
  return Object.entries(data.tables).flatMap(([table, rows]) =>
    rows.flatMap((row, index) =>
      Object.entries(row as Record<string, unknown>).map(([field, value]) => [
        table,
        String(index + 1),
        field,
        // The readable form: a time as Hà Nội reads it; the JSON keeps the exact instant.
        value instanceof Date ? `${formatDate(value)} ${formatTime(value)}` : value === null ? "" : String(value),
      ]),
    ),
  );
}

/** The person corrects their own name; the audit says that it changed, not what it was. */
export async function correctOwnName(userId: string, fullName: string) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { fullName, searchName: foldForSearch(fullName) }, select: { id: true } });
    await audit(tx, { actorId: userId, action: "user.rename", targetType: "user", targetId: userId });
  });
}

/**
 * Deletes a person's account for good: name, phone and email are erased everywhere they were
 * kept (the account, the roster entries matched to it, invitations and attendance to confirm sent
 * to the phone), sessions and codes end, and the course certificates carrying the name go. What
 * the ward counts stays, tied to the nameless row: progress, completions, qualifications and
 * attendance, so no report figure changes. Organisations and their certificates are untouched.
 * There is no undo: nothing of the erased values is kept, not even in the audit.
 */
export async function eraseAccount(userId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const person = await tx.user.findFirst({ where: { id: userId, erasedAt: null }, select: { phone: true, email: true } });
    if (!person) return false;
    await tx.session.deleteMany({ where: { userId } });
    await tx.phoneCode.deleteMany({ where: { userId } });
    await tx.signInBudget.deleteMany({ where: { key: { in: [`user:${userId}`, `identifier:${person.phone}`] } } });
    await tx.certificate.deleteMany({ where: { userId, kind: "course" } });
    await tx.organisationInvitation.deleteMany({ where: { phone: person.phone } });
    // A file being imported that lists the person: that line is not written.
    await tx.importRow.deleteMany({ where: { phone: person.phone } });
    // Messages to the person, sent or not, hold their phone or e-mail and what was said to them.
    const addresses = [person.phone, ...(person.email ? [person.email] : [])];
    await tx.outboxMessage.deleteMany({ where: { OR: [{ recipientUserId: userId }, { recipientAddress: { in: addresses } }] } });
    // So do the opt-out and its link: nothing of the address is kept, not even the wish to get no
    // messages (the account is gone; a number a ward lists again may opt out again).
    await tx.messageOptOut.deleteMany({ where: { address: { in: addresses } } });
    await tx.messageOptOutLink.deleteMany({ where: { address: { in: addresses } } });
    // Each row needs its own placeholder: the phone is unique within a training session.
    await tx.$executeRaw`UPDATE "AttendanceConfirmation" SET "phone" = 'erased:' || "id", "phoneAsTyped" = '' WHERE "phone" = ${person.phone}`;
    await tx.rosterEntry.updateMany({ where: { userId }, data: { name: "", searchName: "", phone: null, externalId: null, birthYear: null } });
    await tx.user.update({
      where: { id: userId },
      data: {
        fullName: "",
        searchName: "",
        phone: `erased:${userId}`,
        email: null,
        passwordHash: null,
        setupCodeHash: null,
        setupExpiresAt: null,
        phoneConfirmedAt: null,
        organisationId: null,
        erasedAt: now,
      },
      select: { id: true },
    });
    await audit(tx, { actorId: userId, action: "user.erase", targetType: "user", targetId: userId });
    return true;
  });
}

/** The rosters a ward lists the person on (processed for its public task, without consent), for their account page. */
export async function listRosterListings(userId: string) {
  return prisma.rosterEntry.findMany({
    where: { userId, leftAt: null },
    select: { id: true, targetGroup: true, unit: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** Whether the password is the account's: deleting for good asks for it, not just a session. */
export async function checkOwnPassword(userId: string, password: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash) && (await verifyPassword(user?.passwordHash ?? "", password));
}

/** An export of names and phones by an admin, recorded with what it was filtered by and how many rows left. */
export async function recordPersonalDataExport(actorId: string, exported: { list: string; filter: Record<string, string | null>; rows: number }) {
  await prisma.$transaction((tx) =>
    audit(tx, { actorId, action: "personal-data.export", targetType: "list", targetId: exported.list, details: { filter: exported.filter, rows: exported.rows } }),
  );
}
