import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { getProgramme } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { formatPhone } from "#app/utils/phone";
import { createAdmin, createDistrict, createUser, uniquePhone } from "#tests/fixtures/units";

import { declareHeadcount, getCoverage } from "./coverage.server";
import { importRoster } from "./roster.server";
import {
  addPersonAndAttend,
  answerAttendance,
  createTrainingSession,
  findTrainingSession,
  listAttendanceConfirmations,
  listAttendanceToConfirm,
  recordAttendance,
} from "./training-session.server";

let householdCourse: CatalogueCourse;

beforeAll(async () => {
  householdCourse = (await getCatalogue()).courses.find((course) => course.indicators.includes("T-COOP-HH"))!;
});

async function wardWithRoster() {
  const units = await createDistrict();
  const admin = await createAdmin(units.vanPhuc.id, "ward_admin");
  await importRoster(admin, { unitId: units.vanPhuc.id, targetGroup: "HH" }, [{ name: "Hộ bà Lan", phone: uniquePhone(), taxCode: null, externalId: null }]);
  const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.vanPhuc.id }, select: { id: true } });
  return { units, admin, entry };
}

type Ward = Awaited<ReturnType<typeof wardWithRoster>>;

async function newTrainingSession({ units, admin }: Ward, kind: "training" | "communication" = "training", heldOn = new Date("2026-03-15T00:00:00+07:00")) {
  const created = await createTrainingSession(admin, {
    unitId: units.vanPhuc.id,
    heldOn,
    place: "Nhà văn hóa tổ 5",
    kind,
    courseSlugs: [householdCourse.slug],
    trainer: "Cán bộ phường",
    headcount: null,
    headcountGroup: null,
  });
  return (await findTrainingSession(admin, created!.id))!;
}

async function qualificationsOf(rosterEntryId: string) {
  const rows = await prisma.qualification.findMany({ where: { rosterEntryId }, select: { indicator: true, source: true } });
  return rows.map((row) => `${row.indicator}:${row.source}`).sort();
}

describe("in-person sessions", () => {
  test("a session or an unnamed newcomer posted twice (double click, retry) is recorded once", async () => {
    const ward = await wardWithRoster();
    const first = await newTrainingSession(ward);
    const again = await newTrainingSession(ward);
    expect(again.id).toBe(first.id);
    expect(await prisma.trainingSession.count({ where: { unitId: ward.units.vanPhuc.id } })).toBe(1);

    const newcomer = { name: "Hộ ông Đến Muộn", phone: null, phoneAsTyped: "", targetGroup: "HH" };
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

    await recordAttendance(admin, await newTrainingSession(ward, "training", new Date("2023-04-20T00:00:00+07:00")), entry.id);
    expect([await households(plan2025), await households(plan2030)]).toEqual([1, 0]);

    await recordAttendance(admin, await newTrainingSession(ward, "training", new Date("2026-03-15T00:00:00+07:00")), entry.id);
    expect([await households(plan2025), await households(plan2030)]).toEqual([1, 1]);
  });

  test("attending a training session qualifies for every indicator of its courses, once", async () => {
    const ward = await wardWithRoster();
    const { admin, entry } = ward;
    const trainingSession = await newTrainingSession(ward);

    expect(await recordAttendance(admin, trainingSession, entry.id)).toBe(true);
    expect(await recordAttendance(admin, trainingSession, entry.id)).toBe(true);

    expect(await prisma.attendance.count({ where: { sessionId: trainingSession.id } })).toBe(1);
    // The course counts for T-COOP-HH, C-PAR and C-ORG; a household is in the groups of two of them.
    expect(await qualificationsOf(entry.id)).toEqual(["C-ORG:in-person", "T-COOP-HH:in-person"]);
  });

  test("a communication session qualifies for communication indicators only", async () => {
    const ward = await wardWithRoster();
    await recordAttendance(ward.admin, await newTrainingSession(ward, "communication"), ward.entry.id);
    expect(await qualificationsOf(ward.entry.id)).toEqual(["C-ORG:in-person"]);
  });

  test("another ward's roster entry cannot be marked present, and another ward's session is 404", async () => {
    const ward = await wardWithRoster();
    const { units, admin } = ward;
    const otherAdmin = await createAdmin(units.phuLa.id, "ward_admin");
    await importRoster(otherAdmin, { unitId: units.phuLa.id, targetGroup: "HH" }, [{ name: "Hộ ở Phú La", phone: uniquePhone(), taxCode: null, externalId: null }]);
    const outsider = await prisma.rosterEntry.findFirstOrThrow({ where: { unitId: units.phuLa.id }, select: { id: true } });
    const trainingSession = await newTrainingSession(ward);
    expect(await recordAttendance(admin, trainingSession, outsider.id)).toBe(false);
    expect(await findTrainingSession(otherAdmin, trainingSession.id)).toBeNull();
  });

  test("somebody of the ward added on the spot by phone joins the roster and is marked present in one go", async () => {
    const ward = await wardWithRoster();
    const { admin } = ward;
    const trainingSession = await newTrainingSession(ward);
    const neighbour = await createUser({ unitId: ward.units.vanPhuc.id, fullName: "Ông Mới" });
    const person = { name: "Hộ ông Mới", phone: neighbour.phone, phoneAsTyped: formatPhone(neighbour.phone), targetGroup: "HH" };
    await addPersonAndAttend(admin, trainingSession, person);
    await addPersonAndAttend(admin, trainingSession, person);
    const entries = await prisma.rosterEntry.findMany({ where: { phone: neighbour.phone }, select: { id: true, userId: true } });
    expect(entries).toEqual([{ id: entries[0]!.id, userId: neighbour.id }]);
    expect(await prisma.attendance.count({ where: { sessionId: trainingSession.id, rosterEntryId: entries[0]!.id } })).toBe(1);
    expect(await listAttendanceConfirmations(trainingSession)).toEqual([]);
  });

  test("a training session completes its courses for an attendee with an account, by the in-person rule", async () => {
    const ward = await wardWithRoster();
    const user = await prisma.user.create({
      data: { fullName: "Bà Lan", searchName: "ba lan", phone: uniquePhone(), unitId: ward.units.vanPhuc.id, targetGroup: "HH" },
      select: { id: true },
    });
    await prisma.rosterEntry.update({ where: { id: ward.entry.id }, data: { userId: user.id } });
    const trainingSession = await newTrainingSession(ward);
    await recordAttendance(ward.admin, trainingSession, ward.entry.id);
    const completion = await prisma.courseCompletion.findUniqueOrThrow({
      where: { userId_courseSlug: { userId: user.id, courseSlug: householdCourse.slug } },
      select: { rule: true, completedAt: true, courseVersion: true },
    });
    expect(completion).toEqual({ rule: "in-person", completedAt: trainingSession.heldOn, courseVersion: householdCourse.courseVersion });
    expect(completion.courseVersion).toMatch(/^\d+\.\d+$/);
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

describe("attendance of people from elsewhere, confirmed by themselves", () => {
  /** A learner of Phú La with an account, on Phú La's household roster. */
  async function learnerOfPhuLa({ units }: Ward, onRoster = true) {
    const learner = await createUser({ unitId: units.phuLa.id, fullName: "Lê Thị Phường Khác", targetGroup: "HH" });
    if (onRoster) {
      const phuLaAdmin = await createAdmin(units.phuLa.id, "ward_admin");
      await importRoster(phuLaAdmin, { unitId: units.phuLa.id, targetGroup: "HH" }, [{ name: "Hộ bà Phường Khác", phone: learner.phone, taxCode: null, externalId: null }]);
    }
    return learner;
  }

  async function householdsReached(unitPath: string) {
    const period = getProgramme().periods.find((candidate) => candidate.code === "2026-2030")!;
    const coverage = await getCoverage(unitPath, period, new Date("2026-06-01T12:00:00+07:00"));
    return coverage.totals[coverage.indicators.findIndex((indicator) => indicator.code === "T-COOP-HH")]!.reached;
  }

  async function whatCounts(ward: Ward, userId: string) {
    return {
      vanPhuc: await householdsReached(ward.units.vanPhuc.path),
      phuLa: await householdsReached(ward.units.phuLa.path),
      completions: await prisma.courseCompletion.count({ where: { userId } }),
      qualifications: await prisma.qualification.count({ where: { rosterEntry: { userId } } }),
    };
  }

  const typed = (phone: string) => formatPhone(phone).replace(/ /g, ".");

  test("a person of another ward added by phone waits for their confirmation: no roster entry here, nothing counted, no name shown", async () => {
    const ward = await wardWithRoster();
    const trainingSession = await newTrainingSession(ward);
    const learner = await learnerOfPhuLa(ward);
    const before = await whatCounts(ward, learner.id);

    await addPersonAndAttend(ward.admin, trainingSession, { name: "Tên Cán Bộ Gõ", phone: learner.phone, phoneAsTyped: typed(learner.phone), targetGroup: "HH" });

    expect(await prisma.rosterEntry.count({ where: { unitId: ward.units.vanPhuc.id, phone: learner.phone } })).toBe(0);
    expect(await prisma.attendance.count({ where: { sessionId: trainingSession.id } })).toBe(0);
    expect(await whatCounts(ward, learner.id)).toEqual(before);
    const shown = await listAttendanceConfirmations(trainingSession);
    expect(shown.map(({ phone, confirmed }) => ({ phone, confirmed }))).toEqual([{ phone: typed(learner.phone), confirmed: false }]);
    expect(JSON.stringify(shown)).not.toContain(learner.fullName);
  });

  test("the admin's answer and view are the same for a phone with an account elsewhere and a phone with none", async () => {
    const ward = await wardWithRoster();
    const trainingSession = await newTrainingSession(ward);
    const learner = await learnerOfPhuLa(ward);
    const nobody = uniquePhone();
    const add = (phone: string) => addPersonAndAttend(ward.admin, trainingSession, { name: "Hộ Ai Đó", phone, phoneAsTyped: typed(phone), targetGroup: "HH" });

    expect(await add(nobody)).toEqual(await add(learner.phone));
    const shown = await listAttendanceConfirmations(trainingSession);
    expect(shown.map(({ phone, confirmed }) => ({ phone, confirmed }))).toEqual([
      { phone: typed(nobody), confirmed: false },
      { phone: typed(learner.phone), confirmed: false },
    ]);
    expect(await prisma.rosterEntry.count({ where: { phone: { in: [nobody, learner.phone] }, unitId: ward.units.vanPhuc.id } })).toBe(0);
  });

  test("confirmed on their own page, it counts once for the person's own ward and completes the courses", async () => {
    const ward = await wardWithRoster();
    const trainingSession = await newTrainingSession(ward);
    const learner = await learnerOfPhuLa(ward);
    const stranger = await createUser({ unitId: ward.units.phuLa.id });
    const before = await whatCounts(ward, learner.id);
    await addPersonAndAttend(ward.admin, trainingSession, { name: "Hộ Ai Đó", phone: learner.phone, phoneAsTyped: typed(learner.phone), targetGroup: "HH" });

    const [waiting] = await listAttendanceToConfirm(learner.id);
    expect(waiting).toMatchObject({ place: "Nhà văn hóa tổ 5", ward: "Vạn Phúc", heldOn: trainingSession.heldOn, kind: "training", courseSlugs: [householdCourse.slug] });
    expect(await listAttendanceToConfirm(stranger.id)).toEqual([]);
    expect(await answerAttendance(stranger.id, waiting!.id, "confirm")).toBe(false);
    expect(await whatCounts(ward, learner.id)).toEqual(before);

    expect(await answerAttendance(learner.id, waiting!.id, "confirm")).toBe(true);
    expect(await answerAttendance(learner.id, waiting!.id, "confirm")).toBe(false);
    expect(await whatCounts(ward, learner.id)).toEqual({ vanPhuc: before.vanPhuc, phuLa: before.phuLa + 1, completions: 1, qualifications: 2 });
    const entry = await prisma.rosterEntry.findFirstOrThrow({ where: { userId: learner.id }, select: { id: true, unitId: true } });
    expect(entry.unitId).toBe(ward.units.phuLa.id);
    expect(await qualificationsOf(entry.id)).toEqual(["C-ORG:in-person", "T-COOP-HH:in-person"]);
    const completion = await prisma.courseCompletion.findUniqueOrThrow({
      where: { userId_courseSlug: { userId: learner.id, courseSlug: householdCourse.slug } },
      select: { rule: true, completedAt: true },
    });
    expect(completion).toEqual({ rule: "in-person", completedAt: trainingSession.heldOn });
    expect((await listAttendanceConfirmations(trainingSession)).map((row) => row.confirmed)).toEqual([true]);
    expect(await listAttendanceToConfirm(learner.id)).toEqual([]);
    expect(await prisma.rosterEntry.count({ where: { unitId: ward.units.vanPhuc.id, userId: learner.id } })).toBe(0);
  });

  test("a person on no roster gets an entry in their own ward when they confirm", async () => {
    const ward = await wardWithRoster();
    const trainingSession = await newTrainingSession(ward);
    const learner = await learnerOfPhuLa(ward, false);
    await addPersonAndAttend(ward.admin, trainingSession, { name: "Hộ Ai Đó", phone: learner.phone, phoneAsTyped: typed(learner.phone), targetGroup: "HH" });
    const [waiting] = await listAttendanceToConfirm(learner.id);
    expect(await answerAttendance(learner.id, waiting!.id, "confirm")).toBe(true);
    const entries = await prisma.rosterEntry.findMany({ where: { userId: learner.id }, select: { id: true, unitId: true, name: true, targetGroup: true } });
    expect(entries).toEqual([{ id: entries[0]!.id, unitId: ward.units.phuLa.id, name: learner.fullName, targetGroup: "HH" }]);
    expect(await qualificationsOf(entries[0]!.id)).toEqual(["C-ORG:in-person", "T-COOP-HH:in-person"]);
  });

  test("a person who says they did not attend counts nothing, and the admin still reads 'waiting'", async () => {
    const ward = await wardWithRoster();
    const trainingSession = await newTrainingSession(ward);
    const learner = await learnerOfPhuLa(ward);
    const before = await whatCounts(ward, learner.id);
    await addPersonAndAttend(ward.admin, trainingSession, { name: "Hộ Ai Đó", phone: learner.phone, phoneAsTyped: typed(learner.phone), targetGroup: "HH" });
    const [waiting] = await listAttendanceToConfirm(learner.id);
    expect(await answerAttendance(learner.id, waiting!.id, "decline")).toBe(true);
    expect(await answerAttendance(learner.id, waiting!.id, "confirm")).toBe(false);
    expect(await whatCounts(ward, learner.id)).toEqual(before);
    expect((await listAttendanceConfirmations(trainingSession)).map((row) => row.confirmed)).toEqual([false]);
  });
});
