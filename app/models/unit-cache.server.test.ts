import { afterEach, describe, expect, test, vi } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createReorganisedArea } from "#tests/fixtures/units";

import { scopeOn } from "./scope.server";
import { resolveReportWards } from "./unit.server";

const HOUR = 3_600_000;

/** An hour later on the clock: every change made so far has settled, and is answered from memory. */
function anHourLater() {
  vi.setSystemTime(Date.now() + HOUR);
}

describe("units and crosswalk kept in memory", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a unit or crosswalk line added, changed or removed counts at the next question, even once the tables are kept in memory", async () => {
    const { city, second, northWard, southWard } = await createReorganisedArea();
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    anHourLater();
    const shownToday = async (unitId: string) => (await resolveReportWards(city.path, new Date())).shownAs.get(unitId)?.id;
    expect(await shownToday(second.id)).toBe(northWard.id);
    expect(await shownToday(second.id)).toBe(northWard.id);

    // A ward added under the city is in the city's scope at once.
    const added = await prisma.adminUnit.create({
      data: {
        code: `${city.path.slice(1, -1)}-NEW`,
        name: "Phường Mới",
        level: "ward",
        parentId: city.id,
        path: `${city.path}NEW/`,
        validFrom: new Date("2025-07-01T00:00:00+07:00"),
      },
      select: { id: true },
    });
    expect((await scopeOn(city.path)).unitIds).toContain(added.id);
    anHourLater();
    expect((await scopeOn(city.path)).unitIds).toContain(added.id);

    // The crosswalk corrected: the split ward's records now go to its other successor.
    await prisma.unitSuccession.updateMany({ where: { fromUnitId: second.id, toUnitId: northWard.id }, data: { primary: false } });
    await prisma.unitSuccession.updateMany({ where: { fromUnitId: second.id, toUnitId: southWard.id }, data: { primary: true } });
    expect(await shownToday(second.id)).toBe(southWard.id);
    anHourLater();
    expect(await shownToday(second.id)).toBe(southWard.id);

    // A ward's end recorded: it is no longer in force.
    await prisma.adminUnit.update({ where: { id: added.id }, data: { validTo: new Date("2026-01-01T00:00:00+07:00") } });
    const inForce = async () => (await resolveReportWards(city.path, new Date())).wards.find((ward) => ward.id === added.id)?.inForce;
    expect(await inForce()).toBe(false);
    anHourLater();
    expect(await inForce()).toBe(false);

    // A ward removed leaves the scope.
    await prisma.adminUnit.delete({ where: { id: added.id } });
    expect((await scopeOn(city.path)).unitIds).not.toContain(added.id);
  });
});
