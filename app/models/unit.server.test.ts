import { describe, expect, test } from "vitest";

import { getProgramme, type Period } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { readReportQuery } from "#app/utils/report-query";
import { foldForSearch } from "#app/utils/search";
import { createReorganisedArea } from "#tests/fixtures/units";

import { findNotReachedFrame, getCoverage, listNotReached } from "./coverage.server";
import { wardOptions } from "./scope.server";

const PLAN: Period = { code: "2021-2025", start: new Date("2021-01-01T00:00:00+07:00"), end: new Date("2025-12-31T00:00:00+07:00"), targetsAssumed: false };
const END_OF_PLAN = new Date("2025-12-31T12:00:00+07:00");

async function households(unitId: string, count: number, reached: number) {
  for (let index = 0; index < count; index++) {
    const name = `Hộ ${index + 1} ${unitId.slice(-4)}`;
    const entry = await prisma.rosterEntry.create({
      data: { unitId, targetGroup: "HH", name, searchName: foldForSearch(name) },
      select: { id: true },
    });
    if (index < reached) {
      await prisma.qualification.create({
        data: { indicator: "T-COOP-HH", rosterEntryId: entry.id, unitId, qualifiedAt: new Date("2023-05-10T09:00:00+07:00"), month: "2023-05", source: "in-person" },
        select: { id: true },
      });
    }
  }
}

function householdsCell(coverage: Awaited<ReturnType<typeof getCoverage>>, wardName: string) {
  const index = coverage.indicators.findIndex((indicator) => indicator.code === "T-COOP-HH");
  const row = coverage.rows.find((candidate) => candidate.ward.name === wardName);
  return row && { population: row.cells[index]!.population, reached: row.cells[index]!.reached };
}

describe("reports drawn for the units in force on a chosen date", () => {
  test("each old ward maps to the ward that holds its area on the date", async () => {
    const area = await createReorganisedArea();
    const rowsOn = async (date: string) => (await getCoverage(area.district.path, PLAN, END_OF_PLAN, new Date(`${date}T12:00:00+07:00`))).rows.map((row) => row.ward.name);
    expect(await rowsOn("2021-06-01")).toEqual(["Phường Ba", "Phường Hai", "Phường Một"]);
    expect(await rowsOn("2025-03-01")).toEqual(["Phường Hai", "Phường Một"]);
    // The district admin of 2021 still sees its area after the district ended.
    expect(await rowsOn("2026-01-15")).toEqual(["Phường Bắc", "Phường Nam"]);
  });

  test("a ward created after the chosen date has no row and is no choice of the not-reached filter, even with records; the totals keep them and name it", async () => {
    const area = await createReorganisedArea();
    await households(area.first.id, 1, 0);
    await households(area.southWard.id, 2, 0);
    const in2021 = await getCoverage(area.district.path, PLAN, END_OF_PLAN, new Date("2021-06-01T12:00:00+07:00"));
    expect(in2021.rows.map((row) => row.ward.name)).toEqual(["Phường Ba", "Phường Hai", "Phường Một"]);
    expect(in2021.createdLater).toEqual(["Phường Nam"]);
    expect(in2021.totals[in2021.indicators.findIndex((indicator) => indicator.code === "T-COOP-HH")]).toMatchObject({ population: 3 });

    const { code } = await prisma.adminUnit.findUniqueOrThrow({ where: { id: area.southWard.id }, select: { code: true } });
    const frame = await findNotReachedFrame(area.district.path, "T-COOP-HH", readReportQuery(new URLSearchParams({ "don-vi": "2021-06-01", phuong: code })));
    expect(frame?.wards.map((ward) => ward.name)).toEqual(["Phường Ba", "Phường Hai", "Phường Một"]);
    expect(frame?.ward).toBeNull();
  });

  test("records of 2021-2025 add up under the wards of 2026", async () => {
    const area = await createReorganisedArea();
    await households(area.first.id, 4, 1);
    await households(area.second.id, 3, 2);
    await households(area.third.id, 2, 2);
    await households(area.southWard.id, 5, 0);

    const in2021 = await getCoverage(area.district.path, PLAN, END_OF_PLAN, new Date("2021-06-01T12:00:00+07:00"));
    expect(householdsCell(in2021, "Phường Ba")).toEqual({ population: 2, reached: 2 });
    expect(householdsCell(in2021, "Phường Hai")).toEqual({ population: 3, reached: 2 });

    const afterMerger = await getCoverage(area.district.path, PLAN, END_OF_PLAN, new Date("2025-03-01T12:00:00+07:00"));
    expect(householdsCell(afterMerger, "Phường Hai")).toEqual({ population: 5, reached: 4 });
    expect(householdsCell(afterMerger, "Phường Ba")).toBeUndefined();

    const now = await getCoverage(area.district.path, PLAN, END_OF_PLAN, new Date("2026-01-15T12:00:00+07:00"));
    expect(householdsCell(now, "Phường Bắc")).toEqual({ population: 9, reached: 5 });
    expect(householdsCell(now, "Phường Nam")).toEqual({ population: 5, reached: 0 });
    // The totals are the same whichever units the report is drawn for.
    const totalOf = (coverage: typeof now) => coverage.totals[coverage.indicators.findIndex((indicator) => indicator.code === "T-COOP-HH")]!;
    expect(totalOf(now)).toMatchObject({ population: 14, reached: 5 });
    expect(totalOf(in2021)).toMatchObject({ population: 14, reached: 5 });
  });

  test("a new ward's admin sees the history of the wards it took over, and not a split ward's other part", async () => {
    const area = await createReorganisedArea();
    await households(area.second.id, 3, 1);
    await households(area.third.id, 2, 0);
    await households(area.southWard.id, 4, 0);
    const today = new Date("2026-01-15T12:00:00+07:00");

    const north = await getCoverage(area.northWard.path, PLAN, END_OF_PLAN, today);
    expect(north.rows.map((row) => row.ward.name)).toEqual(["Phường Bắc"]);
    expect(householdsCell(north, "Phường Bắc")).toEqual({ population: 5, reached: 1 });
    // Phường Hai's records went with its primary successor: the south ward's admin does not see them.
    const south = await getCoverage(area.southWard.path, PLAN, END_OF_PLAN, today);
    expect(householdsCell(south, "Phường Nam")).toEqual({ population: 4, reached: 0 });

    const indicator = getProgramme().indicators.find((candidate) => candidate.code === "T-COOP-HH")!;
    const notReached = await listNotReached(area.district.path, indicator, PLAN, { wardId: area.northWard.id, query: "", page: 1 }, today);
    expect(notReached.total).toBe(4);
  });

  test("the wards an administrator may choose in a form are those in force in their scope: a former district's admin chooses the wards its area passed to", async () => {
    const area = await createReorganisedArea();
    const labels = async (unitPath: string) => (await wardOptions({ unitPath })).map((option) => option.label);

    expect(await labels(area.district.path)).toEqual(["Phường Bắc", "Phường Nam"]);
    expect(await labels(area.northWard.path)).toEqual(["Phường Bắc"]);
  });
});
