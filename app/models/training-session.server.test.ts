import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { declareHeadcount, getCoverage } from "./coverage.server";
import { importRoster } from "./roster.server";
import { addPersonAndAttend, createTrainingSession, recordAttendance, requireTrainingSession } from "./training-session.server";

let householdCourse: CatalogueCourse;

beforeAll(async () => {
  householdCourse = (await getCatalogue()).courses.find((course) => course.indicators.includes("T-COOP-HH"))!;
});

async function wardWithRoster() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(admin, units.vanPhuc.path, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [
    { name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null },
  ]);
  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.vanPhuc.id }, select: { id: true } });
  return { units, admin, entry };
}

type Ward = Awaited<ReturnType<typeof wardWithRoster>>;

async function newSession({ units, admin }: Ward, kind: "training" | "communication" = "training", heldOn = new Date("2026-03-15T00:00:00+07:00")) {
  const created = await createTrainingSession(admin, {
    unitId: units.vanPhuc.id,
    heldOn,
    place: "Nhà văn hoá tổ 5",
    kind,
    courseSlugs: [householdCourse.slug],
    trainer: "Cán bộ phường",
    headcount: null,
    headcountGroup: null,
  });
  return requireTrainingSession(admin, created!.id);
}

async function qualificationsOf(rosterEntryId: string) {
  const rows = await prisma.qualification.findMany({ where: { rosterEntryId }, select: { indicator: true, source: true } });
  return rows.map((row) => `${row.indicator}:${row.source}`).sort();
}

describe("in-person sessions", () => {
  test("a session or an unnamed newcomer posted twice (double click, retry) is recorded once", async () => {
    const ward = await wardWithRoster();
    const first = await newSession(ward);
    const again = await newSession(ward);
    expect(again.id).toBe(first.id);
    expect(await prisma.trainingSession.count({ where: { unitId: ward.units.vanPhuc.id } })).toBe(1);

    const newcomer = { name: "Hộ ông Đến Muộn", phone: null, targetGroup: "HH" };
    await addPersonAndAttend(ward.admin, first, newcomer);
    await addPersonAndAttend(ward.admin, first, newcomer);
    expect(await prisma.rosterEntry.count({ where: { unitId: ward.units.vanPhuc.id, name: newcomer.name } })).toBe(1);
    expect(await prisma.attendance.count({ where: { sessionId: first.id } })).toBe(1);
  });

  test("someone trained in 2023 counts for 2021-2025 and must be reached again for 2026-2030", async () => {
    const ward = await wardWithRoster();
    const { admin, entry, units } = ward;
    const [plan2025, plan2030] = getProgramme().periods;
    const households = async (period: typeof plan2025) => {
      const coverage = await getCoverage(units.vanPhuc.path, period!, new Date("2026-06-01T12:00:00+07:00"));
      return coverage.totals[coverage.indicators.findIndex((indicator) => indicator.code === "T-COOP-HH")]!.reached;
    };

    await recordAttendance(admin, await newSession(ward, "training", new Date("2023-04-20T00:00:00+07:00")), entry.id);
    expect([await households(plan2025), await households(plan2030)]).toEqual([1, 0]);

    await recordAttendance(admin, await newSession(ward, "training", new Date("2026-03-15T00:00:00+07:00")), entry.id);
    expect([await households(plan2025), await households(plan2030)]).toEqual([1, 1]);
  });

  test("attending a training session qualifies for every indicator of its courses, once", async () => {
    const ward = await wardWithRoster();
    const { admin, entry } = ward;
    const session = await newSession(ward);

    expect(await recordAttendance(admin, session, entry.id)).toBe(true);
    expect(await recordAttendance(admin, session, entry.id)).toBe(true);

    expect(await prisma.attendance.count({ where: { sessionId: session.id } })).toBe(1);
    // The course counts for T-COOP-HH, C-PAR and C-ORG; a household is in the groups of two of them.
    expect(await qualificationsOf(entry.id)).toEqual(["C-ORG:in-person", "T-COOP-HH:in-person"]);
  });

  test("a communication session qualifies for communication indicators only", async () => {
    const ward = await wardWithRoster();
    await recordAttendance(ward.admin, await newSession(ward, "communication"), ward.entry.id);
    expect(await qualificationsOf(ward.entry.id)).toEqual(["C-ORG:in-person"]);
  });

  test("another ward's roster entry cannot be marked present, and another ward's session is 404", async () => {
    const ward = await wardWithRoster();
    const { units, admin } = ward;
    const otherAdmin = await createAdmin(units.phuLa.id, "ward_admin");
    await importRoster(otherAdmin, units.phuLa.path, { unitId: units.phuLa.id, targetGroup: "HH" }, [
      { name: "Hộ ở Phú La", phone: uniquePhone(), taxCode: null, externalId: null },
    ]);
    const outsider = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.phuLa.id }, select: { id: true } });
    const session = await newSession(ward);
    expect(await recordAttendance(admin, session, outsider.id)).toBe(false);
    await expect(requireTrainingSession(otherAdmin, session.id)).rejects.toMatchObject({ status: 404 });
  });

  test("somebody added on the spot joins the roster and is marked present in one go", async () => {
    const ward = await wardWithRoster();
    const { admin } = ward;
    const session = await newSession(ward);
    const phone = uniquePhone();
    await addPersonAndAttend(admin, session, { name: "Hộ ông Mới", phone, targetGroup: "HH" });
    await addPersonAndAttend(admin, session, { name: "Hộ ông Mới", phone, targetGroup: "HH" });
    const entries = await prisma.rosterEntry.findMany({ where: { phone }, select: { id: true } });
    expect(entries).toHaveLength(1);
    expect(await prisma.attendance.count({ where: { sessionId: session.id, rosterEntryId: entries[0]!.id } })).toBe(1);
  });

  test("a training session completes its courses for an attendee with an account, by the in-person rule", async () => {
    const ward = await wardWithRoster();
    const user = await prisma.user.create({
      data: { fullName: "Bà Lan", searchName: "ba lan", phone: uniquePhone(), unitId: ward.units.vanPhuc.id, targetGroup: "HH" },
      select: { id: true },
    });
    await prisma.rosterEntry.update({ where: { id: ward.entry.id }, data: { userId: user.id } });
    const session = await newSession(ward);
    await recordAttendance(ward.admin, session, ward.entry.id);
    const completion = await prisma.courseCompletion.findUniqueOrThrow({
      where: { userId_courseSlug: { userId: user.id, courseSlug: householdCourse.slug } },
      select: { rule: true, completedAt: true },
    });
    expect(completion).toEqual({ rule: "in-person", completedAt: session.heldOn });
  });

  test("children counted without names at a communication event count as reached, flagged as counted", async () => {
    const ward = await wardWithRoster();
    const childrenCourse = (await getCatalogue()).courses.find((course) => course.indicators.includes("C-CHILD"))!;
    await createTrainingSession(ward.admin, {
      unitId: ward.units.vanPhuc.id,
      heldOn: new Date("2026-06-01T00:00:00+07:00"),
      place: "Trường tiểu học",
      kind: "communication",
      courseSlugs: [childrenCourse.slug],
      trainer: "Đoàn thanh niên",
      headcount: 30,
      headcountGroup: "CHILD",
    });
    await declareHeadcount(ward.admin, { unitId: ward.units.vanPhuc.id, targetGroup: "CHILD", period: "2026-2030", count: 120 });
    const period = getProgramme().periods.find((candidate) => candidate.code === "2026-2030")!;
    const coverage = await getCoverage(ward.units.vanPhuc.path, period);
    const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "C-CHILD");
    expect(coverage.rows[0]!.cells[index]).toMatchObject({ population: 120, declared: true, reached: 30, counted: true, rate: 25 });
  });
});
