import { beforeAll, describe, expect, test } from "vitest";

import { getCatalogue } from "#app/content/catalogue.server";
import { getProgramme, type Period } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { foldForSearch } from "#app/utils/search";
import { createAdmin, createReorganisedArea } from "#tests/fixtures/units";

import { getCoverage } from "./coverage.server";
import { listEntriesToRehome, rehomeEntries } from "./roster-rehome.server";
import { countRosterByGroup } from "./roster.server";
import { scopeOn } from "./scope.server";

const PERIOD: Period = { code: "2021-2025", start: new Date("2021-01-01T00:00:00+07:00"), end: new Date("2025-12-31T00:00:00+07:00"), targetsAssumed: false };
const NOW = new Date("2025-10-01T12:00:00+07:00");

async function household(unitId: string, name: string, qualified = false) {
  const entry = await prisma.rosterEntry.create({ data: { unitId, targetGroup: "HH", name, searchName: foldForSearch(name) }, select: { id: true } });
  if (qualified) {
    await prisma.qualification.create({
      data: {
        indicator: "T-COOP-HH",
        rosterEntryId: entry.id,
        unitId,
        qualifiedAt: new Date("2024-05-10T09:00:00+07:00"),
        period: "2021-2025",
        month: "2024-05",
        source: "in-person",
      },
      select: { id: true },
    });
  }
  return entry.id;
}

function householdsOf(coverage: Awaited<ReturnType<typeof getCoverage>>, wardName: string) {
  const index = getProgramme().indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
  const cell = coverage.rows.find((row) => row.ward.name === wardName)?.cells[index];
  return { population: cell?.population ?? 0, reached: cell?.reached ?? 0 };
}

describe("re-homing the entries of a split former ward", () => {
  // The report reads the compiled catalogue: compile it once before the clock of a test starts.
  beforeAll(() => getCatalogue(), 60_000);

  test("an admin of the other successor moves entries from the default one; every count follows and each move is audited", async () => {
    const area = await createReorganisedArea();
    const south = await createAdmin(area.southWard.id, "ward_admin");
    const [lan, hoa, mai] = [await household(area.second.id, "Hộ bà Lan", true), await household(area.second.id, "Hộ bà Hoa"), await household(area.second.id, "Hộ bà Mai")];
    // An entry of a ward merged into the split one is split with it.
    const nga = await household(area.third.id, "Hộ bà Nga");

    const listed = await listEntriesToRehome(south, { formerWardId: null, q: "", page: 1 }, NOW);
    expect(listed.splitWards.map((ward) => [ward.name, ward.defaultWard.name, ward.successors.map((successor) => successor.name)])).toEqual([
      ["Phường Ba", "Phường Bắc", ["Phường Bắc", "Phường Nam"]],
      ["Phường Hai", "Phường Bắc", ["Phường Bắc", "Phường Nam"]],
    ]);
    expect(listed.entries.map((entry) => entry.id).sort()).toEqual([lan, hoa, mai, nga].sort());
    expect((await listEntriesToRehome(south, { formerWardId: area.second.id, q: "hoa", page: 1 }, NOW)).entries.map((entry) => entry.id)).toEqual([hoa]);

    const before = { north: await countRosterByGroup(await scopeOn(area.northWard.path, NOW), NOW), south: await countRosterByGroup(await scopeOn(area.southWard.path, NOW), NOW) };
    const reportBefore = await getCoverage(area.city.path, PERIOD, NOW, NOW);
    expect(await rehomeEntries(south, [lan, hoa, nga], area.southWard.id, NOW)).toBe(3);

    const after = { north: await countRosterByGroup(await scopeOn(area.northWard.path, NOW), NOW), south: await countRosterByGroup(await scopeOn(area.southWard.path, NOW), NOW) };
    expect(after.north.HH).toBe(before.north.HH! - 3);
    expect(after.south.HH).toBe((before.south.HH ?? 0) + 3);
    const reportAfter = await getCoverage(area.city.path, PERIOD, NOW, NOW);
    expect(householdsOf(reportAfter, "Phường Nam")).toEqual({ population: householdsOf(reportBefore, "Phường Nam").population + 3, reached: 1 });
    expect(householdsOf(reportAfter, "Phường Bắc")).toEqual({ population: householdsOf(reportBefore, "Phường Bắc").population - 3, reached: 0 });
    expect(reportAfter.totals).toEqual(reportBefore.totals);

    const audited = await prisma.auditEntry.findMany({ where: { action: "roster.rehome", actorId: south.id }, select: { targetId: true, details: true } });
    expect(audited.map((entry) => entry.targetId).sort()).toEqual([lan, hoa, nga].sort());
    expect(JSON.parse(audited.find((entry) => entry.targetId === nga)!.details)).toEqual({ from: area.third.id, to: area.southWard.id });
    // Moved entries leave the list; their former ward is kept.
    expect((await listEntriesToRehome(south, { formerWardId: null, q: "", page: 1 }, NOW)).entries.map((entry) => entry.id)).toEqual([mai]);
    expect(await prisma.rosterEntry.findUnique({ where: { id: lan }, select: { formerUnitId: true } })).toEqual({ formerUnitId: area.second.id });
  });

  test("nobody outside the successors moves an entry, and only to a successor of its former ward", async () => {
    const area = await createReorganisedArea();
    const other = await createReorganisedArea();
    const stranger = await createAdmin(other.southWard.id, "ward_admin");
    const north = await createAdmin(area.northWard.id, "ward_admin");
    const entry = await household(area.second.id, "Hộ ông Nam");
    expect((await listEntriesToRehome(stranger, { formerWardId: null, q: "", page: 1 }, NOW)).entries.map((row) => row.id)).not.toContain(entry);
    expect(await rehomeEntries(stranger, [entry], other.southWard.id, NOW)).toBe(0);
    expect(await rehomeEntries(north, [entry], other.southWard.id, NOW)).toBe(0);
    // An entry of a ward that went whole to one ward is not split: nothing to move.
    const whole = await household(area.first.id, "Hộ ông Một");
    expect(await rehomeEntries(north, [whole], area.southWard.id, NOW)).toBe(0);
    expect(await rehomeEntries(north, [entry], area.southWard.id, NOW)).toBe(1);
  });
});
