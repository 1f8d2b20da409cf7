import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { prisma } from "#app/utils/db.server";
import { createDistrict, createUser } from "#tests/fixtures/units";

import { issueCourseCertificate } from "./certification/certificate.server";
import { getCourseEnd, listMyCertificates } from "./my-certificates.server";

let wardId: string;
let household: CatalogueCourse;
let business: CatalogueCourse;

beforeAll(async () => {
  wardId = (await createDistrict()).vanPhuc.id;
  const { courses } = await getCatalogue();
  household = courses.find((course) => course.audiences.includes("HH"))!;
  business = courses.find((course) => course.audiences.includes("BIZ"))!;
});

function complete(userId: string, course: CatalogueCourse, completedAt = new Date("2026-11-03T05:00:00Z")) {
  return prisma.courseCompletion.create({
    data: { userId, courseSlug: course.slug, contentVersion: course.version, courseVersion: course.courseVersion, rule: "online", completedAt },
    select: { id: true },
  });
}

describe("my certificates", () => {
  test("a learner's completed courses, each with its certificate once issued; another learner's are not theirs", async () => {
    const learner = await createUser({ unitId: wardId, targetGroup: "BIZ" });
    const other = await createUser({ unitId: wardId });
    await complete(learner.id, business);
    await complete(learner.id, household, new Date("2026-11-20T05:00:00Z"));
    await complete(other.id, household);
    const issued = await issueCourseCertificate(learner, business.slug);
    await issueCourseCertificate(other, household.slug);

    const mine = await listMyCertificates(learner.id, "vi");
    expect(mine.courses).toEqual([
      { slug: business.slug, title: business.title, completedAt: new Date("2026-11-03T05:00:00Z"), code: issued!.code },
      { slug: household.slug, title: household.title, completedAt: new Date("2026-11-20T05:00:00Z"), code: null },
    ]);
    expect(mine.organisation).toBeNull();
  });

  test("the end of a course: nothing before its completion, then the certificate once issued and the next course of the learner's group", async () => {
    const learner = await createUser({ unitId: wardId, targetGroup: "BIZ" });
    expect(await getCourseEnd(learner, household.slug, "vi")).toBeNull();

    await complete(learner.id, household);
    expect(await getCourseEnd(learner, household.slug, "vi")).toEqual({ code: null, next: { slug: business.slug, title: business.title } });

    await complete(learner.id, business);
    const issued = await issueCourseCertificate(learner, business.slug);
    // Every course of the learner's group is done: nothing more to suggest.
    expect(await getCourseEnd(learner, business.slug, "vi")).toEqual({ code: issued!.code, next: null });
  });
});
