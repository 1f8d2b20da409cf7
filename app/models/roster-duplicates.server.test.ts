import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, type Period } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { createAdmin, createReorganisedArea, uniquePhone } from "#tests/fixtures/units";

import { getCoverage } from "./coverage.server";
import { findPossibleDuplicates, listDuplicatePairs, mergeEntries } from "./roster-duplicates.server";
import { scopeOn } from "./scope.server";
import { createTrainingSession, findTrainingSession, recordAttendance } from "./training-session.server";

const PERIOD: Period = { code: "2021-2025", start: new Date("2021-01-01T00:00:00+07:00"), end: new Date("2025-12-31T00:00:00+07:00"), targetsAssumed: false };
const NOW = new Date("2025-10-01T12:00:00+07:00");

async function household(unitId: string, name: string, phone: string | null = null, birthYear: number | null = null) {
  return (await prisma.rosterEntry.create({ data: { unitId, targetGroup: "HH", name, searchName: foldForSearch(name), phone, birthYear }, select: { id: true } })).id;
}

async function qualify(rosterEntryId: string, unitId: string, qualifiedAt: Date) {
  await prisma.qualification.create({
    data: { indicator: "T-COOP-HH", rosterEntryId, unitId, qualifiedAt, period: "2021-2025", month: "2024-05", source: "in-person" },
    select: { id: true },
  });
}

function households(coverage: Awaited<ReturnType<typeof getCoverage>>) {
  const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
  return { population: coverage.totals[index]!.population, reached: coverage.totals[index]!.reached };
}

describe("one person entered twice", () => {
  beforeAll(() => getCatalogue(), 60_000);

  test("the same person is found across the new ward and its former wards before a new entry is made", async () => {
    const area = await createReorganisedArea();
    const phone = uniquePhone();
    const old = await household(area.second.id, "Hộ bà Nguyễn Thị Lan", phone);
    const scope = await scopeOn(area.northWard.path, NOW);
    expect((await findPossibleDuplicates(scope, { name: "Trần Văn Khác", phone, targetGroup: "HH" })).map((entry) => entry.id)).toEqual([old]);
    expect((await findPossibleDuplicates(scope, { name: "hộ bà nguyễn thị lan", phone: null, targetGroup: "HH" })).map((entry) => entry.id)).toEqual([old]);
    expect(await findPossibleDuplicates(scope, { name: "Hộ bà Nguyễn Thị Lan", phone: null, targetGroup: "HH", formerWardId: area.first.id })).toEqual([]);
    expect(await findPossibleDuplicates(scope, { name: "Hộ bà Nguyễn Thị Lan", phone, targetGroup: "PAR" })).toEqual([]);
  });

  test("a namesake of the same former ward is offered when a birth year is unknown or the same; two known different years are two people", async () => {
    const area = await createReorganisedArea();
    const name = "Hộ ông Lê Văn Nam";
    const born1960 = await household(area.second.id, name, null, 1960);
    const born1975 = await household(area.second.id, name, null, 1975);
    const unknown = await household(area.second.id, name);
    const scope = await scopeOn(area.northWard.path, NOW);
    const offered = async (birthYear: number | null) =>
      (await findPossibleDuplicates(scope, { name, phone: null, targetGroup: "HH", formerWardId: area.second.id, birthYear })).map((entry) => entry.id).sort();

    expect(await offered(null)).toEqual([born1960, born1975, unknown].sort());
    expect(await offered(1960)).toEqual([born1960, unknown].sort());
    expect(await offered(1990)).toEqual([unknown]);

    const pairs = (await listDuplicatePairs(scope)).map((pair) => [pair.first.id, pair.second.id].sort().join());
    expect(pairs.sort()).toEqual([[born1960, unknown].sort().join(), [born1975, unknown].sort().join()].sort());
  });

  test("the same phone is the same person whatever birth years the entries give", async () => {
    const area = await createReorganisedArea();
    const phone = uniquePhone();
    const old = await household(area.second.id, "Hộ bà Phạm Thị Thu", phone, 1950);
    const added = await household(area.northWard.id, "Hộ bà Phạm Thu", phone, 1980);
    const scope = await scopeOn(area.northWard.path, NOW);

    expect((await findPossibleDuplicates(scope, { name: "Hộ bà Phạm Thu", phone, targetGroup: "HH", birthYear: 1980 })).map((entry) => entry.id).sort()).toEqual(
      [old, added].sort(),
    );
    expect((await listDuplicatePairs(scope)).map((pair) => [pair.first.id, pair.second.id].sort())).toEqual([[old, added].sort()]);
  });

  test("merging keeps every attendance and the first qualification of both, is audited, and the person counts once", async () => {
    const area = await createReorganisedArea();
    const admin = await createAdmin(area.northWard.id, "ward_admin");
    const phone = uniquePhone();
    const old = await household(area.second.id, "Hộ bà Trần Thị Hoa", phone);
    const added = await household(area.northWard.id, "Hộ bà Trần Thị Hoa", phone);
    await qualify(old, area.second.id, new Date("2024-05-10T09:00:00+07:00"));
    await qualify(added, area.northWard.id, new Date("2025-08-10T09:00:00+07:00"));
    const created = await createTrainingSession(admin, {
      unitId: area.northWard.id,
      heldOn: new Date("2025-08-10T09:00:00+07:00"),
      place: "Nhà văn hóa",
      kind: "training",
      courseSlugs: [],
      trainer: "Cán bộ phường",
      headcount: null,
      headcountGroup: null,
    });
    const session = (await findTrainingSession(admin, created!.id))!;
    expect(await recordAttendance(admin, session, added)).toBe(true);
    const scope = await scopeOn(admin.unitPath, NOW);
    const pairs = await listDuplicatePairs(scope);
    expect(pairs.map((pair) => [pair.first.id, pair.second.id].sort())).toContainEqual([old, added].sort());
    const before = households(await getCoverage(admin.unitPath, PERIOD, NOW, NOW));

    expect(await mergeEntries(admin, scope, old, added)).toBe(true);

    const after = households(await getCoverage(admin.unitPath, PERIOD, NOW, NOW));
    expect(after).toEqual({ population: before.population - 1, reached: before.reached - 1 });
    expect(await prisma.attendance.findMany({ where: { sessionId: session.id }, select: { rosterEntryId: true } })).toEqual([{ rosterEntryId: old }]);
    const kept = await prisma.qualification.findMany({ where: { rosterEntryId: { in: [old, added] } }, select: { rosterEntryId: true, qualifiedAt: true } });
    expect(kept).toEqual([{ rosterEntryId: old, qualifiedAt: new Date("2024-05-10T09:00:00+07:00") }]);
    expect(await prisma.rosterEntry.findUnique({ where: { id: added }, select: { mergedIntoId: true } })).toEqual({ mergedIntoId: old });
    expect(await prisma.auditEntry.findMany({ where: { action: "roster.merge", actorId: admin.id }, select: { targetId: true, details: true } })).toEqual([
      { targetId: old, details: JSON.stringify({ mergedId: added }) },
    ]);
    expect((await listDuplicatePairs(scope)).flatMap((pair) => [pair.first.id, pair.second.id])).not.toContain(added);
    // An old link to the merged entry still marks the person present, on the kept entry.
    expect(await recordAttendance(admin, session, added)).toBe(true);
    expect(await prisma.attendance.count({ where: { sessionId: session.id } })).toBe(1);
  });

  test("entries outside the scope, or of different groups, are not merged", async () => {
    const area = await createReorganisedArea();
    const other = await createReorganisedArea();
    const admin = await createAdmin(area.northWard.id, "ward_admin");
    const scope = await scopeOn(admin.unitPath, NOW);
    const mine = await household(area.first.id, "Hộ ông Bình");
    const theirs = await household(other.first.id, "Hộ ông Bình");
    expect(await mergeEntries(admin, scope, mine, theirs)).toBe(false);
    const parent = (
      await prisma.rosterEntry.create({ data: { unitId: area.first.id, targetGroup: "PAR", name: "Hộ ông Bình", searchName: foldForSearch("Hộ ông Bình") }, select: { id: true } })
    ).id;
    expect(await mergeEntries(admin, scope, mine, parent)).toBe(false);
    expect(await mergeEntries(admin, scope, mine, mine)).toBe(false);
    expect(await prisma.auditEntry.count({ where: { action: "roster.merge", actorId: admin.id } })).toBe(0);
  });
});
