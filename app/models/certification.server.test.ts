import { randomInt } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, createUser } from "#tests/fixtures/units";

import { addMonths, renewalOpensAt } from "./certificate-rules.server";
import {
  applicationGate,
  approveApplication,
  certificationCounts,
  CERTIFICATION_COURSE_SLUG,
  decideWithMessage,
  findCertificateByCode,
  getApplicationForReview,
  getMyOrganisation,
  issueCourseCertificate,
  listApplicationsForReview,
  listRegistry,
  recordInspection,
  findCertificateForDownload,
  getCertificationCourse,
  revokeCertificate,
  saveOrganisationProfile,
  saveSelfAssessment,
  submitApplication,
  type OrganisationProfile,
} from "./certification.server";
import { applicableQuestions, type AgeCounts } from "./self-assessment";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

const hanoi = (text: string) => new Date(`${text}+07:00`);

function taxCode() {
  return String(randomInt(1_000_000_000, 9_999_999_999));
}

function profile(fields: Partial<OrganisationProfile> = {}): OrganisationProfile {
  return {
    kind: "business",
    name: "Công ty TNHH Dệt Lụa Thử Nghiệm",
    taxCode: taxCode(),
    unitId: units.vanPhuc.id,
    sector: "Dệt lụa",
    craftVillage: true,
    workerCount: 12,
    workersUnder13: 0,
    workers13To15: 0,
    workers15To18: 2,
    ...fields,
  };
}

function countsOf(fields: OrganisationProfile): AgeCounts {
  return { under13: fields.workersUnder13, from13to15: fields.workers13To15, from15to18: fields.workers15To18 };
}

function compliant(counts: AgeCounts) {
  return Object.fromEntries(applicableQuestions(counts).map((question) => [question.id, question.breach === "yes" ? "no" : "yes"]));
}

async function completeCourse(userId: string, completedAt = new Date()) {
  await prisma.courseCompletion.create({
    data: { userId, courseSlug: CERTIFICATION_COURSE_SLUG, contentVersion: "test", rule: "online", completedAt },
    select: { id: true },
  });
}

/** An owner with a profile, the course completed and a submitted application. */
async function submittedApplication(fields: Partial<OrganisationProfile> = {}, now = new Date()) {
  const owner = await createUser({ unitId: fields.unitId ?? units.vanPhuc.id, fullName: "Chủ Cơ Sở", targetGroup: "BIZ" });
  const details = profile(fields);
  const saved = await saveOrganisationProfile(owner, details, now);
  if (!saved.ok) throw new Error(saved.error);
  await completeCourse(owner.id, now);
  expect(await saveSelfAssessment(owner, compliant(countsOf(details)), now)).toEqual({ ok: true });
  const submitted = await submitApplication(owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" }, now);
  if (!submitted.ok) throw new Error(submitted.reason);
  return { owner, organisationId: saved.id, applicationId: submitted.id, details };
}

describe("organisation profile", () => {
  test("the first save creates the organisation with its creator as member; a second save updates it", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id, targetGroup: "BIZ" });
    const first = await saveOrganisationProfile(owner, profile({ name: "Hộ Dệt Ông Tư", kind: "household", taxCode: null }));
    expect(first.ok).toBe(true);
    const second = await saveOrganisationProfile(owner, profile({ name: "Hộ Dệt Ông Tư và Con", kind: "household", taxCode: null }));
    expect(second).toEqual(first);
    const mine = await getMyOrganisation(owner.id);
    expect(mine?.organisation).toMatchObject({ name: "Hộ Dệt Ông Tư và Con", kind: "household", taxCode: null });
    expect(mine?.organisation.members.map((member) => member.id)).toEqual([owner.id]);
  });

  test("a tax code already used by another profile is refused, with its own message when that one is certified", async () => {
    const { details, applicationId } = await submittedApplication();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const other = await createUser({ unitId: units.vanPhuc.id });
    expect(await saveOrganisationProfile(other, profile({ taxCode: details.taxCode }))).toEqual({ ok: false, error: "taxCode_taken" });
    await approveApplication(admin, applicationId);
    expect(await saveOrganisationProfile(other, profile({ taxCode: details.taxCode }))).toEqual({ ok: false, error: "taxCode_certified" });
    expect(await getMyOrganisation(other.id)).toBeNull();
  });

  test("more young workers than workers, or a ward that is not one, is refused", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    expect(await saveOrganisationProfile(owner, profile({ workerCount: 1, workers15To18: 2 }))).toEqual({ ok: false, error: "too_many_young" });
    expect(await saveOrganisationProfile(owner, profile({ unitId: units.district.id }))).toEqual({ ok: false, error: "unknown_ward" });
  });

  test("the profile cannot change while an application is in review", async () => {
    const { owner, details } = await submittedApplication();
    expect(await saveOrganisationProfile(owner, { ...details, name: "Tên Khác" })).toEqual({ ok: false, error: "in_review" });
  });
});

describe("self-assessment and submission", () => {
  test("a self-assessment without the business course is refused and saves nothing", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    const details = profile();
    await saveOrganisationProfile(owner, details);
    expect(await saveSelfAssessment(owner, compliant(countsOf(details)))).toEqual({ ok: false, reason: "course_not_completed" });
    expect(await prisma.certificationApplication.count({ where: { createdById: owner.id } })).toBe(0);
  });

  test("a breach blocks with its article and saves nothing; the corrected answers are kept", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    const details = profile();
    await saveOrganisationProfile(owner, details);
    await completeCourse(owner.id);
    const blocked = await saveSelfAssessment(owner, { ...compliant(countsOf(details)), "prohibited-work-15-18": "yes" });
    expect(blocked.ok).toBe(false);
    if (blocked.ok || blocked.reason !== "not_passed") throw new Error("expected a breach");
    expect(blocked.result.breaches.map((breach) => breach.article.vi)).toEqual(["Khoản 1 Điều 147 Bộ luật Lao động 2019"]);
    expect(await prisma.certificationApplication.count({ where: { createdById: owner.id } })).toBe(0);

    expect(await saveSelfAssessment(owner, compliant(countsOf(details)))).toEqual({ ok: true });
    const draft = await prisma.certificationApplication.findFirstOrThrow({ where: { createdById: owner.id }, select: { status: true, kind: true } });
    expect(draft).toEqual({ status: "draft", kind: "initial" });
  });

  test("answers given before the profile gained a new age band must be given again before submission", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    const details = profile({ workers15To18: 0 });
    await saveOrganisationProfile(owner, details);
    await completeCourse(owner.id);
    await saveSelfAssessment(owner, compliant(countsOf(details)));
    await saveOrganisationProfile(owner, { ...details, workers13To15: 1 });
    expect(await submitApplication(owner, { signerName: "A", signerPosition: "B" })).toEqual({ ok: false, reason: "assessment_needed" });
  });

  test("submission records the pledge, copies the profile and enters the ward's queue once", async () => {
    const { owner, applicationId } = await submittedApplication();
    expect(await submitApplication(owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" })).toEqual({ ok: false, reason: "in_review" });
    const application = await prisma.certificationApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: { status: true, pledgeName: true, pledgePosition: true, pledgedAt: true, profile: true, events: { select: { kind: true } } },
    });
    expect(application).toMatchObject({ status: "submitted", pledgeName: "Chủ Cơ Sở", pledgePosition: "Giám đốc" });
    expect(application.pledgedAt).not.toBeNull();
    expect(JSON.parse(application.profile ?? "{}")).toMatchObject({ name: "Công ty TNHH Dệt Lụa Thử Nghiệm", wardName: "Vạn Phúc" });
    expect(application.events).toEqual([{ kind: "submitted" }]);

    const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const districtAdmin = await createAdmin(units.district.id, "district_admin");
    for (const admin of [wardAdmin, districtAdmin]) {
      const queue = await listApplicationsForReview(admin, { status: "submitted", q: "det lua thu nghiem", page: 1 });
      expect(queue.applications.map((entry) => entry.id)).toContain(applicationId);
    }
  });
});

describe("review", () => {
  test("a reviewer of another ward finds nothing, as for an id that does not exist, and changes nothing", async () => {
    const { applicationId } = await submittedApplication();
    const outsider = await createAdmin(units.phuLa.id, "ward_admin");
    expect((await listApplicationsForReview(outsider, { status: "submitted", q: "", page: 1 })).applications.map((entry) => entry.id)).not.toContain(applicationId);
    for (const id of [applicationId, "no-such-application"]) {
      expect(await getApplicationForReview(outsider, id)).toBeNull();
      expect(await approveApplication(outsider, id)).toEqual({ ok: false, error: "not_found" });
      expect(await decideWithMessage(outsider, id, "rejected", "Không")).toEqual({ ok: false, error: "not_found" });
      expect(await recordInspection(outsider, id, { visitedOn: new Date(), inspector: "Người ngoài", findings: "Không" })).toBeNull();
    }
    expect(await prisma.certificationApplication.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true } })).toEqual({ status: "submitted" });
    expect(await prisma.certificate.count({ where: { applicationId } })).toBe(0);
  });

  test("approval issues a 12-month certificate with an unguessable code, audited in the same transaction", async () => {
    const approvedAt = hanoi("2026-12-03T15:00:00");
    const { applicationId, owner } = await submittedApplication({}, approvedAt);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const result = await approveApplication(admin, applicationId, approvedAt);
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
    expect(result.certificate.issuedAt).toEqual(hanoi("2026-12-03T00:00:00"));
    expect(result.certificate.expiresAt).toEqual(hanoi("2027-12-03T00:00:00"));
    expect(await prisma.auditEntry.count({ where: { action: "certification.approve", targetId: applicationId, actorId: admin.id } })).toBe(1);
    // A second approval (double click) changes nothing.
    expect(await approveApplication(admin, applicationId, approvedAt)).toEqual({ ok: false, error: "not_in_review" });
    expect(await prisma.certificate.count({ where: { applicationId } })).toBe(1);

    const review = await getApplicationForReview(admin, applicationId, approvedAt);
    expect(review?.completion?.rule).toBe("online");
    expect(review?.submitter?.fullName).toBe(owner.fullName);
    expect(review?.certificates.map((certificate) => certificate.status)).toEqual(["valid"]);
  });

  test("asking for changes sends the message to the applicant, who may submit again; rejection is final", async () => {
    const { owner, applicationId, details } = await submittedApplication();
    const admin = await createAdmin(units.district.id, "district_admin");
    expect(await decideWithMessage(admin, applicationId, "changes_requested", "Hãy bổ sung sổ theo dõi riêng.")).toEqual({ ok: true });
    const mine = await getMyOrganisation(owner.id);
    expect(mine?.applications[0]?.status).toBe("changes_requested");
    expect(mine?.applications[0]?.events.map((event) => event.message)).toContain("Hãy bổ sung sổ theo dõi riêng.");

    expect(await saveSelfAssessment(owner, compliant(countsOf(details)))).toEqual({ ok: true });
    expect(await submitApplication(owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" })).toEqual({ ok: true, id: applicationId });
    expect(await decideWithMessage(admin, applicationId, "rejected", "Cơ sở cho người 16 tuổi hàn kim loại.")).toEqual({ ok: true });
    expect(await decideWithMessage(admin, applicationId, "rejected", "Lần nữa")).toEqual({ ok: false, error: "not_in_review" });
    expect(await prisma.auditEntry.count({ where: { targetId: applicationId, action: { in: ["certification.reject", "certification.request-changes"] } } })).toBe(2);
  });

  test("an inspection visit is recorded with its audit entry, once when posted twice", async () => {
    const { applicationId } = await submittedApplication();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const visit = { visitedOn: hanoi("2026-11-20T00:00:00"), inspector: "Đoàn kiểm tra phường", findings: "Có sổ theo dõi riêng." };
    await recordInspection(admin, applicationId, visit);
    await recordInspection(admin, applicationId, visit);
    const review = await getApplicationForReview(admin, applicationId);
    expect(review?.inspections).toMatchObject([{ inspector: "Đoàn kiểm tra phường", findings: "Có sổ theo dõi riêng." }]);
    expect(await prisma.auditEntry.count({ where: { action: "certification.inspect", targetId: applicationId } })).toBe(1);
  });
});

describe("certificates: lookup, registry, renewal, revocation", () => {
  test("lookup by code finds the certificate in any typing; an unknown or malformed code finds nothing", async () => {
    const { applicationId } = await submittedApplication({ name: "Hợp tác xã Lụa Vạn Phúc Thử" });
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const approved = await approveApplication(admin, applicationId);
    if (!approved.ok) throw new Error(approved.error);
    const { code } = approved.certificate;
    const found = await findCertificateByCode(code.toLowerCase().replace(/-/g, " "));
    expect(found).toMatchObject({ code, holderName: "Hợp tác xã Lụa Vạn Phúc Thử", wardName: "Vạn Phúc", status: "valid", kind: "organisation" });
    expect(Object.keys(found ?? {})).not.toContain("revocationReason");
    const wrong = code.slice(0, -1) + (code.endsWith("0") ? "1" : "0");
    expect(await findCertificateByCode(wrong)).toBeNull();
    expect(await findCertificateByCode("abc")).toBeNull();
    expect(await findCertificateByCode("%")).toBeNull();
  });

  test("the registry lists organisations certified now, ignoring diacritics, filtered by ward and kind", async () => {
    const suffix = String(randomInt(100_000, 999_999));
    const { applicationId } = await submittedApplication({ name: `Xưởng Mộc Đức Thành ${suffix}`, kind: "household", taxCode: null });
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const approved = await approveApplication(admin, applicationId);
    if (!approved.ok) throw new Error(approved.error);
    const search = (filter: Partial<Parameters<typeof listRegistry>[0]>, now?: Date) =>
      listRegistry({ q: `xuong moc duc thanh ${suffix}`, wardCode: null, kind: null, page: 1, ...filter }, now).then((registry) =>
        registry.entries.map((entry) => entry.code),
      );
    const vanPhucCode = (await prisma.adminUnit.findUniqueOrThrow({ where: { id: units.vanPhuc.id }, select: { code: true } })).code;
    const phuLaCode = (await prisma.adminUnit.findUniqueOrThrow({ where: { id: units.phuLa.id }, select: { code: true } })).code;
    expect(await search({})).toEqual([approved.certificate.code]);
    expect(await search({ wardCode: vanPhucCode, kind: "household" })).toEqual([approved.certificate.code]);
    expect(await search({ wardCode: phuLaCode })).toEqual([]);
    expect(await search({ kind: "business" })).toEqual([]);
    // Expired: gone from the registry without anything having run.
    expect(await search({}, approved.certificate.expiresAt ?? undefined)).toEqual([]);
  });

  test("a renewal needs the refresher, and when approved in time follows the old certificate without a gap", async () => {
    const approvedAt = hanoi("2026-01-10T10:00:00");
    const { owner, applicationId, details } = await submittedApplication({}, approvedAt);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const first = await approveApplication(admin, applicationId, approvedAt);
    if (!first.ok || !first.certificate.expiresAt) throw new Error("not approved");
    const expiresAt = first.certificate.expiresAt;

    const early = new Date(renewalOpensAt(expiresAt).getTime() - 86_400_000);
    expect(await applicationGate(owner, early)).toMatchObject({ ok: false, reason: "certified" });
    const inWindow = new Date(renewalOpensAt(expiresAt).getTime() + 86_400_000);
    expect(await applicationGate(owner, inWindow)).toMatchObject({ ok: false, reason: "refresher_needed" });

    const course = await getCertificationCourse();
    for (const module of course.modules) {
      await prisma.quizAttempt.create({
        data: { userId: owner.id, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: module.version, layout: "[]", passed: true, score: 100, submittedAt: inWindow },
        select: { id: true },
      });
    }
    expect(await applicationGate(owner, inWindow)).toMatchObject({ ok: true, kind: "renewal" });
    expect(await saveSelfAssessment(owner, compliant(countsOf(details)), inWindow)).toEqual({ ok: true });
    const renewal = await submitApplication(owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" }, inWindow);
    if (!renewal.ok) throw new Error(renewal.reason);
    const second = await approveApplication(admin, renewal.id, inWindow);
    if (!second.ok) throw new Error(second.error);
    expect(second.certificate.issuedAt).toEqual(expiresAt);
    expect(second.certificate.expiresAt).toEqual(addMonths(expiresAt, 12));

    // On the last moment of the first and the first moment of the second, the organisation is listed.
    const listed = (now: Date) => listRegistry({ q: "", wardCode: null, kind: null, page: 1 }, now).then((registry) => registry.total);
    const before = await listed(new Date(expiresAt.getTime() - 1));
    const after = await listed(expiresAt);
    expect(after).toBe(before);
    expect((await findCertificateByCode(first.certificate.code, expiresAt))?.status).toBe("expired");
    expect((await findCertificateByCode(second.certificate.code, expiresAt))?.status).toBe("valid");
  });

  test("revocation takes effect at once, also for the renewal issued to follow it, and is audited", async () => {
    const approvedAt = hanoi("2026-02-01T10:00:00");
    const { applicationId, owner, details } = await submittedApplication({}, approvedAt);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const first = await approveApplication(admin, applicationId, approvedAt);
    if (!first.ok || !first.certificate.expiresAt) throw new Error("not approved");
    const inWindow = new Date(renewalOpensAt(first.certificate.expiresAt).getTime() + 3_600_000);
    const course = await getCertificationCourse();
    await prisma.quizAttempt.createMany({
      data: course.modules.map((module) => ({ userId: owner.id, courseSlug: course.slug, moduleSlug: module.slug, contentVersion: module.version, layout: "[]", passed: true, score: 100, submittedAt: inWindow })),
    });
    await saveSelfAssessment(owner, compliant(countsOf(details)), inWindow);
    const renewal = await submitApplication(owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" }, inWindow);
    if (!renewal.ok) throw new Error(renewal.reason);
    const second = await approveApplication(admin, renewal.id, inWindow);
    if (!second.ok) throw new Error(second.error);

    const outsider = await createAdmin(units.phuLa.id, "ward_admin");
    const firstId = (await prisma.certificate.findUniqueOrThrow({ where: { code: first.certificate.code }, select: { id: true } })).id;
    expect(await revokeCertificate(outsider, firstId, "Không có quyền")).toEqual({ ok: false, error: "not_found" });
    expect(await revokeCertificate(admin, "no-such-certificate", "Không có")).toEqual({ ok: false, error: "not_found" });

    const revokedAt = new Date(inWindow.getTime() + 3_600_000);
    expect(await revokeCertificate(admin, firstId, "Kiểm tra phát hiện người 16 tuổi hàn kim loại.", revokedAt)).toEqual({ ok: true });
    const status = async (code: string, now: Date) => (await findCertificateByCode(code, now))?.status;
    expect(await status(first.certificate.code, revokedAt)).toBe("revoked");
    expect(await status(second.certificate.code, first.certificate.expiresAt)).toBe("revoked");
    expect(await revokeCertificate(admin, firstId, "Lần nữa", revokedAt)).toEqual({ ok: false, error: "already_revoked" });
    expect(await prisma.auditEntry.count({ where: { action: "certificate.revoke", targetId: firstId } })).toBe(1);
    // The applicant reads the reason; the public page never does.
    const mine = await getMyOrganisation(owner.id, revokedAt);
    expect(mine?.certificates.map((certificate) => certificate.status)).toEqual(["revoked", "revoked"]);
    expect(mine?.certificates[0]?.revocationReason).toBe("Kiểm tra phát hiện người 16 tuổi hàn kim loại.");
    // Revoked, the organisation may apply afresh (after putting things right), not renew.
    expect(await applicationGate(owner, revokedAt)).toMatchObject({ ok: true, kind: "initial" });
  });

  test("the per-ward counts show certified, pending, expiring, expired and revoked", async () => {
    const district = await createDistrict();
    const admin = await createAdmin(district.district.id, "district_admin");
    const make = async (now: Date) => {
      const owner = await createUser({ unitId: district.vanPhuc.id, targetGroup: "BIZ" });
      const details = profile({ unitId: district.vanPhuc.id });
      await saveOrganisationProfile(owner, details, now);
      await completeCourse(owner.id, now);
      await saveSelfAssessment(owner, compliant(countsOf(details)), now);
      const submitted = await submitApplication(owner, { signerName: "A B", signerPosition: "Chủ" }, now);
      if (!submitted.ok) throw new Error(submitted.reason);
      return submitted.id;
    };
    const now = hanoi("2027-06-15T12:00:00");
    const certifiedLongAgo = await make(hanoi("2026-12-01T09:00:00"));
    const certifiedRecently = await make(hanoi("2027-05-01T09:00:00"));
    const expiredOne = await make(hanoi("2026-03-01T09:00:00"));
    const revokedOne = await make(hanoi("2027-04-01T09:00:00"));
    await make(hanoi("2027-06-10T09:00:00"));
    await approveApplication(admin, certifiedLongAgo, hanoi("2026-07-01T09:00:00"));
    await approveApplication(admin, certifiedRecently, hanoi("2027-05-02T09:00:00"));
    await approveApplication(admin, expiredOne, hanoi("2026-03-02T09:00:00"));
    const toRevoke = await approveApplication(admin, revokedOne, hanoi("2027-04-02T09:00:00"));
    if (!toRevoke.ok) throw new Error(toRevoke.error);
    const revokeId = (await prisma.certificate.findUniqueOrThrow({ where: { code: toRevoke.certificate.code }, select: { id: true } })).id;
    await revokeCertificate(admin, revokeId, "Vi phạm", hanoi("2027-05-01T09:00:00"));

    const scope = (await prisma.adminUnit.findUniqueOrThrow({ where: { id: district.district.id }, select: { path: true } })).path;
    const rows = await certificationCounts(scope, now);
    expect(rows.map((row) => row.ward.name)).toEqual(["Phú La", "Vạn Phúc"]);
    expect(rows.find((row) => row.ward.name === "Vạn Phúc")).toMatchObject({ certified: 2, pending: 1, expiring: 1, expired: 1, revoked: 1 });
    expect(rows.find((row) => row.ward.name === "Phú La")).toMatchObject({ certified: 0, pending: 0, expiring: 0, expired: 0, revoked: 0 });
  });
});

describe("certificate documents and course certificates", () => {
  test("members and admins in scope may download an organisation's certificate; others find nothing, as for an unknown code", async () => {
    const { applicationId, owner } = await submittedApplication();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const approved = await approveApplication(admin, applicationId);
    if (!approved.ok) throw new Error(approved.error);
    const { code } = approved.certificate;
    expect((await findCertificateForDownload(owner, code))?.wardName).toBe("Vạn Phúc");
    expect((await findCertificateForDownload(admin, code))?.code).toBe(code);
    const stranger = await createUser({ unitId: units.vanPhuc.id });
    expect(await findCertificateForDownload(stranger, code)).toBeNull();
    expect(await findCertificateForDownload(await createAdmin(units.phuLa.id, "ward_admin"), code)).toBeNull();
    expect(await findCertificateForDownload(owner, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")).toBeNull();
  });

  test("a learner who completed a course gets one course certificate, verifiable by its code", async () => {
    const learner = await createUser({ unitId: units.phuLa.id, fullName: "Nguyễn Thị Ánh" });
    expect(await issueCourseCertificate(learner, CERTIFICATION_COURSE_SLUG)).toBeNull();
    await completeCourse(learner.id, hanoi("2026-11-05T20:00:00"));
    const issued = await issueCourseCertificate(learner, CERTIFICATION_COURSE_SLUG);
    expect(issued?.issuedAt).toEqual(hanoi("2026-11-05T00:00:00"));
    expect(await issueCourseCertificate(learner, CERTIFICATION_COURSE_SLUG)).toEqual(issued);
    const found = await findCertificateByCode(issued?.code ?? "");
    expect(found).toMatchObject({ kind: "course", holderName: "Nguyễn Thị Ánh", courseSlug: CERTIFICATION_COURSE_SLUG, status: "valid", expiresAt: null });
    expect((await findCertificateForDownload(learner, issued?.code ?? ""))?.holderName).toBe("Nguyễn Thị Ánh");
  });
});
