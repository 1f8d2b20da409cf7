import { beforeAll, describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { completeCourse, compliant, countsOf, profile, submittedApplication } from "#tests/fixtures/certification";
import { createAdmin, createDistrict, createUser } from "#tests/fixtures/units";

import { saveSelfAssessment, submitApplication } from "./application.server";
import { saveOrganisationProfile } from "./organisation.server";
import { listApplicationsForReview } from "./review.server";

let units: Awaited<ReturnType<typeof createDistrict>>;

beforeAll(async () => {
  units = await createDistrict();
});

describe("self-assessment and submission", () => {
  test("a self-assessment without the business course is refused and saves nothing", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    const details = profile(units.vanPhuc.id);
    await saveOrganisationProfile(owner, details);
    expect(await saveSelfAssessment(owner, compliant(countsOf(details)))).toEqual({ ok: false, reason: "course_not_completed" });
    expect(await prisma.certificationApplication.count({ where: { createdById: owner.id } })).toBe(0);
  });

  test("a breach blocks with its article and saves nothing; the corrected answers are kept", async () => {
    const owner = await createUser({ unitId: units.vanPhuc.id });
    const details = profile(units.vanPhuc.id);
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
    const details = profile(units.vanPhuc.id, { workers15To18: 0 });
    await saveOrganisationProfile(owner, details);
    await completeCourse(owner.id);
    await saveSelfAssessment(owner, compliant(countsOf(details)));
    await saveOrganisationProfile(owner, { ...details, workers13To15: 1 });
    expect(await submitApplication(owner, { signerName: "A", signerPosition: "B" })).toEqual({ ok: false, reason: "assessment_needed" });
  });

  test("submission records the pledge, copies the profile and enters the ward's queue once", async () => {
    const { owner, applicationId } = await submittedApplication(units.vanPhuc.id);
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
