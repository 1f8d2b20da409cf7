import { randomInt } from "node:crypto";

import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { completeCourse, compliant, countsOf, hanoi, profile, submittedApplication } from "#tests/fixtures/certification";
import { createAdmin, createDistrict, createUser } from "#tests/fixtures/units";

import { applicationGate, saveSelfAssessment, submitApplication } from "./application.server";
import { certificationCounts, findCertificateByCode, findCertificateForDownload, issueCourseCertificate, listRegistry } from "./certificate.server";
import { saveOrganisationProfile } from "./organisation.server";
import { approveApplication, revokeCertificate } from "./review.server";
import { addMonths, renewalOpensAt } from "./rules.server";
import { CERTIFICATION_COURSE_SLUG, getCertificationCourse } from "./terms.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

describe("certificates: lookup, registry, renewal", () => {
  test("lookup by code finds the certificate in any typing; an unknown or malformed code finds nothing", async () => {
    const { applicationId } = await submittedApplication(units.vanPhuc.id, { name: "Hợp tác xã Lụa Vạn Phúc Thử" });
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
    const { applicationId } = await submittedApplication(units.vanPhuc.id, { name: `Xưởng Mộc Đức Thành ${suffix}`, kind: "household", taxCode: null });
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const approved = await approveApplication(admin, applicationId);
    if (!approved.ok) throw new Error(approved.error);
    const search = (filter: Partial<Parameters<typeof listRegistry>[0]>, now?: Date) =>
      listRegistry({ q: `xuong moc duc thanh ${suffix}`, wardCode: null, kind: null, page: 1, ...filter }, now).then((registry) => registry.entries.map((entry) => entry.code));
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
    const { owner, applicationId, details } = await submittedApplication(units.vanPhuc.id, {}, approvedAt);
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

  test("the per-ward counts show certified, pending, expiring, expired and revoked", async () => {
    const district = await createDistrict();
    const admin = await createAdmin(district.district.id, "district_admin");
    const make = async (now: Date) => {
      const owner = await createUser({ unitId: district.vanPhuc.id, targetGroup: "BIZ" });
      const details = profile(district.vanPhuc.id);
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
    const { applicationId, owner } = await submittedApplication(units.vanPhuc.id);
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
