import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { compliant, countsOf, hanoi, submittedApplication } from "#tests/fixtures/certification";
import { createAdmin, createDistrict } from "#tests/fixtures/units";

import { applicationGate, saveSelfAssessment, submitApplication } from "./application.server";
import { findCertificateByCode } from "./certificate.server";
import { getMyOrganisation } from "./organisation.server";
import { approveApplication, decideWithMessage, getApplicationForReview, listApplicationsForReview, recordInspection, revokeCertificate } from "./review.server";
import { renewalOpensAt } from "./rules.server";
import { getCertificationCourse } from "./terms.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

describe("review", () => {
  test("a reviewer of another ward finds nothing, as for an id that does not exist, and changes nothing", async () => {
    const { applicationId } = await submittedApplication(units.vanPhuc.id);
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
    const { applicationId, owner } = await submittedApplication(units.vanPhuc.id, {}, approvedAt);
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
    const { owner, applicationId, details } = await submittedApplication(units.vanPhuc.id);
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

  test("the business owner is sent each decision: the code when approved, the message when changes are asked, the reason when refused", async () => {
    const messagesTo = (userId: string) =>
      prisma.outboxMessage.findMany({
        where: { recipientUserId: userId },
        select: { channel: true, templateKey: true, variables: true, status: true },
        orderBy: { createdAt: "asc" },
      });
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const approved = await submittedApplication(units.vanPhuc.id);
    const result = await approveApplication(admin, approved.applicationId);
    if (!result.ok) throw new Error(result.error);
    await approveApplication(admin, approved.applicationId);
    const [approval, ...more] = await messagesTo(approved.owner.id);
    expect(more).toEqual([]);
    expect(approval).toMatchObject({ channel: "sms", templateKey: "certification-approved", status: "queued" });
    expect(JSON.parse(approval!.variables)).toMatchObject({ code: result.certificate.code });

    const refused = await submittedApplication(units.vanPhuc.id);
    await decideWithMessage(admin, refused.applicationId, "changes_requested", "Hãy bổ sung sổ theo dõi riêng.");
    await saveSelfAssessment(refused.owner, compliant(countsOf(refused.details)));
    await submitApplication(refused.owner, { signerName: "Chủ Cơ Sở", signerPosition: "Giám đốc" });
    await decideWithMessage(admin, refused.applicationId, "rejected", "Cơ sở cho người 16 tuổi hàn kim loại.");
    const told = await messagesTo(refused.owner.id);
    expect(told.map((message) => [message.templateKey, JSON.parse(message.variables) as Record<string, string>])).toEqual([
      ["certification-changes-requested", expect.objectContaining({ message: "Hãy bổ sung sổ theo dõi riêng." })],
      ["certification-rejected", expect.objectContaining({ reason: "Cơ sở cho người 16 tuổi hàn kim loại." })],
    ]);
  });

  test("an inspection visit is recorded with its audit entry, once when posted twice", async () => {
    const { applicationId } = await submittedApplication(units.vanPhuc.id);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const visit = { visitedOn: hanoi("2026-11-20T00:00:00"), inspector: "Đoàn kiểm tra phường", findings: "Có sổ theo dõi riêng." };
    await recordInspection(admin, applicationId, visit);
    await recordInspection(admin, applicationId, visit);
    const review = await getApplicationForReview(admin, applicationId);
    expect(review?.inspections).toMatchObject([{ inspector: "Đoàn kiểm tra phường", findings: "Có sổ theo dõi riêng." }]);
    expect(await prisma.auditEntry.count({ where: { action: "certification.inspect", targetId: applicationId } })).toBe(1);
  });
});

describe("revocation", () => {
  test("revocation takes effect at once, also for the renewal issued to follow it, and is audited", async () => {
    const approvedAt = hanoi("2026-02-01T10:00:00");
    const { applicationId, owner, details } = await submittedApplication(units.vanPhuc.id, {}, approvedAt);
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const first = await approveApplication(admin, applicationId, approvedAt);
    if (!first.ok || !first.certificate.expiresAt) throw new Error("not approved");
    const inWindow = new Date(renewalOpensAt(first.certificate.expiresAt).getTime() + 3_600_000);
    const course = await getCertificationCourse();
    await prisma.quizAttempt.createMany({
      data: course.modules.map((module) => ({
        userId: owner.id,
        courseSlug: course.slug,
        moduleSlug: module.slug,
        contentVersion: module.version,
        layout: "[]",
        passed: true,
        score: 100,
        submittedAt: inWindow,
      })),
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
});
