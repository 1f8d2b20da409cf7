import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { getProgramme, type Period } from "#app/content/programme.server";
import { monthOf } from "#app/utils/dates";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, createUser, uniquePhone } from "#tests/fixtures/units";

import { coverageCell, declareHeadcount, getCoverage } from "./coverage.server";
import { optionsOf } from "./grade.server";
import { getOwnAttempt, markModuleRead, startAttempt, submitAttempt } from "./progress.server";
import { importRoster, markRosterEntryLeft } from "./roster.server";
import { createUserByAdmin } from "./user-admin.server";

const PERIOD: Period = { code: "2026-2030", start: new Date("2026-01-01"), end: new Date("2030-12-31"), targetsAssumed: false };

describe("coverage arithmetic", () => {
  test("rate, gap and status from reached, population and target", () => {
    const early = new Date("2026-06-01");
    expect(coverageCell(100, 90, 90, PERIOD, early)).toMatchObject({ rate: 90, gap: 0, status: "met" });
    expect(coverageCell(100, 20, 90, PERIOD, early)).toMatchObject({ rate: 20, gap: 70, status: "on_track" });
    expect(coverageCell(100, 20, 90, PERIOD, new Date("2029-01-01"))).toMatchObject({ status: "behind" });
    expect(coverageCell(0, 0, 70, PERIOD, early)).toMatchObject({ rate: 0, gap: 0, status: "no_population" });
    // 70% of 3 households is 2.1: three must be reached, not two.
    expect(coverageCell(3, 2, 70, PERIOD, early)).toMatchObject({ gap: 1, status: expect.not.stringMatching("met") });
    expect(coverageCell(3, 1, 70, PERIOD, early).rate).toBe(33.3);
  });
});

async function completeCourse(userId: string, course: CatalogueCourse) {
  for (const module of course.modules) {
    await markModuleRead(userId, course, module);
    const attempt = await startAttempt(userId, course, module);
    const drawn = new Set((await getOwnAttempt(userId, attempt.id))!.layout.map((entry) => entry.question));
    const answers = Object.fromEntries(
      module.quiz.questions
        .filter((candidate) => drawn.has(candidate.id))
        .map((question) => [
          question.id,
          optionsOf(question)
            .filter((candidate) => candidate.correct)
            .map((option) => option.id),
        ]),
    );
    await submitAttempt(userId, attempt.id, course, module, answers);
  }
}

describe("coverage from real records", () => {
  let householdCourse: CatalogueCourse;
  beforeAll(async () => {
    const course = (await getCatalogue()).courses.find((candidate) => candidate.indicators.includes("T-COOP-HH"));
    if (!course) throw new Error("no course counts for T-COOP-HH");
    householdCourse = course;
  });

  test("an entry qualifies whether its account completes the course after the roster arrives or before", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const early = await createUser({ unitId: units.vanPhuc.id, targetGroup: "HH", fullName: "Người Học Trước" });
    await completeCourse(early.id, householdCourse);
    const latePhone = uniquePhone();
    await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
      { name: "Hộ học trước", phone: early.phone, taxCode: null, externalId: null },
      { name: "Hộ học sau", phone: latePhone, taxCode: null, externalId: null },
      { name: "Hộ chưa học", phone: uniquePhone(), taxCode: null, externalId: null },
    ]);

    let coverage = await getCoverage(units.district.path, PERIOD);
    const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
    const vanPhuc = () => coverage.rows.find((row) => row.ward.id === units.vanPhuc.id)!.cells[index]!;
    expect(vanPhuc()).toMatchObject({ population: 3, reached: 1 });

    const created = await createUserByAdmin(admin, { fullName: "Người Học Sau", phone: latePhone, email: null, unitId: units.vanPhuc.id, targetGroup: "HH" });
    if (!created.ok) throw new Error(created.error);
    await completeCourse(created.value.id, householdCourse);
    coverage = await getCoverage(units.district.path, PERIOD);
    expect(vanPhuc()).toMatchObject({ population: 3, reached: 2, gap: 1 });
    expect(coverage.totals[index]).toMatchObject({ population: 3, reached: 2 });
    // The trend ends where the report is: 2 of 3 households this month.
    expect(coverage.trends[index]?.at(-1)).toEqual({ month: monthOf(new Date()), rate: 66.7 });
  });

  test("an entry that has left no longer counts, in the population or as reached", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const learner = await createUser({ unitId: units.vanPhuc.id, targetGroup: "HH" });
    await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
      { name: "Hộ sắp chuyển đi", phone: learner.phone, taxCode: null, externalId: null },
      { name: "Hộ ở lại", phone: uniquePhone(), taxCode: null, externalId: null },
    ]);
    await completeCourse(learner.id, householdCourse);
    const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { phone: learner.phone }, select: { id: true } });
    expect(await markRosterEntryLeft(admin, entry.id, new Date("2026-02-01"))).toBe(true);

    const coverage = await getCoverage(units.vanPhuc.path, PERIOD);
    const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
    expect(coverage.rows[0]!.cells[index]).toMatchObject({ population: 1, reached: 0 });
  });

  test("a ward admin's coverage has their ward only", async () => {
    const units = await createDistrict();
    const coverage = await getCoverage(units.vanPhuc.path, PERIOD);
    expect(coverage.rows.map((row) => row.ward.id)).toEqual([units.vanPhuc.id]);
  });

  test("a declared headcount stands in for a missing roster, marked as declared, until a roster arrives", async () => {
    const units = await createDistrict();
    const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
    const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
    await declareHeadcount(admin, { unitId: units.vanPhuc.id, targetGroup: "HH", period: PERIOD.code, count: 40 });
    await declareHeadcount(admin, { unitId: units.vanPhuc.id, targetGroup: "HH", period: "2021-2025", count: 99 });
    let coverage = await getCoverage(units.vanPhuc.path, PERIOD);
    expect(coverage.rows[0]!.cells[index]).toMatchObject({ population: 40, declared: true, gap: 28 });
    expect(coverage.totals[index]).toMatchObject({ population: 40, declared: true });

    await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [{ name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null }]);
    coverage = await getCoverage(units.vanPhuc.path, PERIOD);
    expect(coverage.rows[0]!.cells[index]).toMatchObject({ population: 1, declared: false });
  });
});
