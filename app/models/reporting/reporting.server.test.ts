import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue, type CatalogueCourse } from "#app/content/catalogue.server";
import { databaseProvider } from "#app/utils/database-url";
import { prisma } from "#app/utils/db.server";
import { env } from "#app/utils/env.server";
import { createAdmin, createDistrict, uniquePhone } from "#tests/fixtures/units";

import { importRoster } from "../roster.server";
import { consolidateReport, getReportProgress } from "#app/models/reporting/city.server";
import { freezeWardReport, reopenWardReport } from "#app/models/reporting/freeze.server";
import { findReportingPeriod, type SnapshotFigure } from "#app/models/reporting/periods.server";
import { findLatestSnapshot, getDraftWardReport, listSnapshotVersions } from "#app/models/reporting/snapshot.server";
import { createTrainingSession, findTrainingSession, recordAttendance } from "../training-session.server";

let householdCourse: CatalogueCourse;
beforeAll(async () => {
  householdCourse = (await getCatalogue()).courses.find((course) => course.indicators.includes("T-COOP-HH"))!;
});

const HALF_YEAR = findReportingPeriod("2026-6T")!;
const YEAR = findReportingPeriod("2026-N")!;
const AFTER_HALF_YEAR = new Date("2026-07-10T09:00:00+07:00");
const PAST_DUE = new Date("2026-07-20T09:00:00+07:00");

/** A district of two wards; Vạn Phúc has three households on its roster and one of them attended a March session. */
async function district() {
  const units = await createDistrict();
  const wardAdmin = await createAdmin(units.vanPhuc.id, "ward_admin");
  const otherWardAdmin = await createAdmin(units.phuLa.id, "ward_admin");
  const cityAdmin = await createAdmin(units.district.id, "district_admin");
  const households = ["Hộ bà Lan", "Hộ ông Minh", "Hộ bà Hoa"];
  await importRoster(
    wardAdmin,
    { unitId: units.vanPhuc.id, targetGroup: "HH" },
    households.map((name) => ({ name, phone: uniquePhone(), taxCode: null, externalId: null })),
  );
  await importRoster(otherWardAdmin, { unitId: units.phuLa.id, targetGroup: "HH" }, [
    { name: "Hộ ông Phú", phone: uniquePhone(), taxCode: null, externalId: null },
    { name: "Hộ bà La", phone: uniquePhone(), taxCode: null, externalId: null },
  ]);
  const entries = await prisma.rosterEntry.findMany({ where: { unitId: units.vanPhuc.id }, select: { id: true, name: true } });
  const entry = (name: string) => entries.find((candidate) => candidate.name === name)!.id;
  const created = await createTrainingSession(wardAdmin, {
    unitId: units.vanPhuc.id,
    heldOn: new Date("2026-03-15T00:00:00+07:00"),
    place: "Nhà văn hoá tổ 5",
    kind: "training",
    courseSlugs: [householdCourse.slug],
    trainer: "Cán bộ phường",
    headcount: null,
    headcountGroup: null,
  });
  const trainingSession = (await findTrainingSession(wardAdmin, created!.id))!;
  await recordAttendance(wardAdmin, trainingSession, entry("Hộ bà Lan"));
  const ward = (id: string) => prisma.adminUnit.findUniqueOrThrow({ where: { id }, select: { id: true, path: true, code: true, name: true } });
  return {
    units,
    wardAdmin,
    otherWardAdmin,
    cityAdmin,
    trainingSession,
    entry,
    vanPhuc: await ward(units.vanPhuc.id),
    phuLa: await ward(units.phuLa.id),
    scope: await ward(units.district.id),
  };
}

const households = (figures: SnapshotFigure[]) => figures.find((figure) => figure.code === "T-COOP-HH")!;

/** The row exactly as stored, and the records it counted. */
async function storedSnapshot(id: string) {
  const [row, entries] = await Promise.all([
    prisma.reportSnapshot.findUniqueOrThrow({ where: { id } }),
    prisma.reportSnapshotEntry.findMany({ where: { snapshotId: id }, orderBy: [{ indicator: "asc" }, { recordId: "asc" }] }),
  ]);
  return { row, entries };
}

describe("freezing a ward's figures", () => {
  test("a ward cannot freeze a period before it ends; once ended, the snapshot holds each indicator's figures and the records counted", async () => {
    const world = await district();
    expect(await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, new Date("2026-06-30T12:00:00+07:00"))).toEqual({
      ok: false,
      error: "not_ended",
    });
    const frozen = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!frozen.ok) throw new Error(frozen.error);
    expect(households(frozen.snapshot.figures)).toMatchObject({ population: 3, reached: 1, rate: 33.3, target: 70, gap: 2 });
    expect(frozen.snapshot.activities).toEqual({ trainingSessions: 1, communicationSessions: 0, peopleReached: 1, certified: 0 });
    const counted = await prisma.qualification.findFirstOrThrow({ where: { rosterEntryId: world.entry("Hộ bà Lan"), indicator: "T-COOP-HH" }, select: { id: true } });
    const { entries } = await storedSnapshot(frozen.snapshot.id);
    expect(entries.filter((entry) => entry.indicator === "T-COOP-HH").map((entry) => entry.recordId)).toEqual([counted.id]);
  });

  test("a frozen snapshot cannot be changed through any model function, nor by writing to its table", async () => {
    const world = await district();
    const frozen = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!frozen.ok) throw new Error(frozen.error);
    const before = await storedSnapshot(frozen.snapshot.id);

    // A late attendance, freezing again, a draft, a consolidation attempt, a reopening and a new version.
    await recordAttendance(world.wardAdmin, world.trainingSession, world.entry("Hộ ông Minh"));
    expect(await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR)).toEqual({ ok: false, error: "already_frozen" });
    await getDraftWardReport(world.vanPhuc, YEAR);
    expect(await consolidateReport(world.cityAdmin, world.scope, HALF_YEAR, AFTER_HALF_YEAR)).toMatchObject({ ok: false, error: "wards_not_frozen" });
    expect(await reopenWardReport(world.cityAdmin, world.scope.path, frozen.snapshot.id, "Sai số liệu")).toEqual({ ok: true });
    expect(await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR)).toMatchObject({ ok: true });
    expect(await storedSnapshot(frozen.snapshot.id)).toEqual(before);

    // The database refuses as well, by trigger, on SQLite and PostgreSQL alike. (Prisma's SQLite
    // adapter reports the trigger's abort as a constraint violation, so only PostgreSQL's text is ours.)
    const refused = databaseProvider(env.DATABASE_URL) === "postgresql" ? /frozen report snapshot cannot be changed/ : /constraint/i;
    await expect(prisma.reportSnapshot.update({ where: { id: frozen.snapshot.id }, data: { figures: "[]" } })).rejects.toThrow(refused);
    await expect(prisma.reportSnapshot.delete({ where: { id: frozen.snapshot.id } })).rejects.toThrow(refused);
    await expect(prisma.reportSnapshotEntry.updateMany({ where: { snapshotId: frozen.snapshot.id }, data: { indicator: "X" } })).rejects.toThrow(refused);
    await expect(prisma.reportSnapshotEntry.deleteMany({ where: { snapshotId: frozen.snapshot.id } })).rejects.toThrow(refused);
    expect(await storedSnapshot(frozen.snapshot.id)).toEqual(before);
  });
});

describe("late records and reopening", () => {
  test("an attendance dated in a frozen half-year but entered after the freeze leaves the snapshot as it was and shows as an adjustment in the year report", async () => {
    const world = await district();
    const frozen = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!frozen.ok) throw new Error(frozen.error);
    await recordAttendance(world.wardAdmin, world.trainingSession, world.entry("Hộ ông Minh"));

    const stillFrozen = await findLatestSnapshot(world.vanPhuc.id, HALF_YEAR.code);
    expect(households(stillFrozen!.figures).reached).toBe(1);
    const draft = await getDraftWardReport(world.vanPhuc, YEAR);
    expect(households(draft.figures).reached).toBe(2);
    expect(draft.adjustments).toContainEqual({
      indicator: "T-COOP-HH",
      who: "Hộ ông Minh",
      what: "in-person",
      datedOn: world.trainingSession.heldOn.toISOString(),
      change: 1,
    });
    expect(draft.adjustments.some((adjustment) => adjustment.who === "Hộ bà Lan")).toBe(false);

    const year = await freezeWardReport(world.wardAdmin, world.vanPhuc, YEAR, new Date("2027-01-05T09:00:00+07:00"));
    if (!year.ok) throw new Error(year.error);
    expect(year.snapshot.adjustments).toContainEqual(expect.objectContaining({ indicator: "T-COOP-HH", who: "Hộ ông Minh", change: 1 }));
  });

  test("only a reopening with a reason lets a ward freeze again; both versions stay and both are audited", async () => {
    const world = await district();
    const first = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!first.ok) throw new Error(first.error);
    await recordAttendance(world.wardAdmin, world.trainingSession, world.entry("Hộ ông Minh"));
    // Another city's admin, or a stale snapshot id, reopens nothing.
    expect(await reopenWardReport(world.cityAdmin, "/ELSEWHERE/", first.snapshot.id, "Nhập bổ sung")).toEqual({ ok: false, error: "not_found" });

    expect(await reopenWardReport(world.cityAdmin, world.scope.path, first.snapshot.id, "Nhập bổ sung điểm danh tháng 3")).toEqual({ ok: true });
    expect(await reopenWardReport(world.cityAdmin, world.scope.path, first.snapshot.id, "Lần nữa")).toEqual({ ok: false, error: "not_frozen" });
    const second = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!second.ok) throw new Error(second.error);

    const versions = await listSnapshotVersions(world.vanPhuc.id, HALF_YEAR.code);
    expect(versions.map((version) => [version.version, households(version.figures).reached])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(versions[1]!.reopening).toMatchObject({ reason: "Nhập bổ sung điểm danh tháng 3", reopenedById: world.cityAdmin.id });
    const audited = await prisma.auditEntry.findMany({
      where: { targetId: { in: [first.snapshot.id, second.snapshot.id] } },
      select: { action: true, actorId: true, details: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audited.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["report.freeze", world.wardAdmin.id],
      ["report.reopen", world.cityAdmin.id],
      ["report.freeze", world.wardAdmin.id],
    ]);
    expect(JSON.parse(audited[1]!.details)).toMatchObject({ reason: "Nhập bổ sung điểm danh tháng 3", version: 1 });
  });
});

describe("the city's consolidated report", () => {
  test("the city sees which wards are late, and consolidates only once every ward has frozen, as the sum of their snapshots", async () => {
    const world = await district();
    const vanPhuc = await freezeWardReport(world.wardAdmin, world.vanPhuc, HALF_YEAR, AFTER_HALF_YEAR);
    if (!vanPhuc.ok) throw new Error(vanPhuc.error);

    const states = async (now: Date) => Object.fromEntries((await getReportProgress(world.scope, HALF_YEAR, now)).rows.map((row) => [row.ward.name, row.state]));
    expect(await states(AFTER_HALF_YEAR)).toEqual({ "Vạn Phúc": "frozen", "Phú La": "not_started" });
    expect(await states(PAST_DUE)).toEqual({ "Vạn Phúc": "frozen", "Phú La": "late" });
    expect(await consolidateReport(world.cityAdmin, world.scope, HALF_YEAR, PAST_DUE)).toEqual({
      ok: false,
      error: "wards_not_frozen",
      missing: ["Phú La"],
    });

    // Live records after the wards froze do not reach the consolidated report.
    const phuLa = await freezeWardReport(world.otherWardAdmin, world.phuLa, HALF_YEAR, PAST_DUE);
    if (!phuLa.ok) throw new Error(phuLa.error);
    await recordAttendance(world.wardAdmin, world.trainingSession, world.entry("Hộ bà Hoa"));
    const consolidated = await consolidateReport(world.cityAdmin, world.scope, HALF_YEAR, PAST_DUE);
    if (!consolidated.ok) throw new Error(consolidated.error);

    for (const figure of consolidated.snapshot.figures) {
      const [a, b] = [vanPhuc.snapshot, phuLa.snapshot].map((snapshot) => snapshot.figures.find((line) => line.code === figure.code)!);
      expect([figure.code, figure.population, figure.reached, figure.headcount]).toEqual([
        figure.code,
        a!.population + b!.population,
        a!.reached + b!.reached,
        a!.headcount + b!.headcount,
      ]);
    }
    expect(households(consolidated.snapshot.figures)).toMatchObject({ population: 5, reached: 1, rate: 20 });
    expect(consolidated.snapshot.sources.sort()).toEqual([vanPhuc.snapshot.id, phuLa.snapshot.id].sort());
    expect(await consolidateReport(world.cityAdmin, world.scope, HALF_YEAR, PAST_DUE)).toEqual({ ok: false, error: "already_frozen" });
  });
});
