import { beforeAll, describe, expect, test } from "vitest";

import { getProgramme } from "#app/content/programme.server";
import { prisma } from "#app/utils/db.server";
import { seedRealUnits } from "#tests/fixtures/real-units";

import { generateDemoData } from "../../scripts/demo-data";
import { getCoverage, listNotReached, reportPeriod } from "./coverage.server";
import { countRosterByGroup } from "./roster.server";
import { scopeOn } from "./scope.server";

const TODAY = new Date();
const DATES = { "before the 2025 merger": new Date("2024-06-01T12:00:00+07:00"), "between the reorganisations": new Date("2025-03-01T12:00:00+07:00"), today: TODAY };

describe("one scope rule for rosters and reports, on the demo data of the real wards", () => {
  beforeAll(async () => {
    await seedRealUnits();
    await generateDemoData({ scale: 0.3, seed: 15, until: TODAY });
  }, 300_000);

  for (const [name, unitsOn] of Object.entries(DATES)) {
    test(`${name}: each ward's roster per group is the report's population of that ward`, async () => {
      const period = reportPeriod(null);
      const { indicators } = getProgramme();
      const report = await getCoverage("/HN/", period, TODAY, unitsOn);
      const wards = await prisma.adminUnit.findMany({ where: { id: { in: report.rows.map((row) => row.ward.id) } }, select: { id: true, path: true } });
      const pathOf = new Map(wards.map((ward) => [ward.id, ward.path]));
      let compared = 0;
      for (const row of report.rows.filter((candidate) => candidate.ward.inForce)) {
        // What the ward's own admin sees on its roster page, drawn for the same date.
        const roster = await countRosterByGroup(await scopeOn(pathOf.get(row.ward.id)!, unitsOn), TODAY);
        indicators.forEach((indicator, index) => {
          const cell = row.cells[index]!;
          if (cell.declared) return;
          const population = indicator.groups.reduce((sum, group) => sum + (roster[group] ?? 0), 0);
          expect({ ward: row.ward.name, indicator: indicator.code, population }).toEqual({ ward: row.ward.name, indicator: indicator.code, population: cell.population });
          if (population > 0) compared++;
        });
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  test("a new ward's admin finds the not-reached people of the former wards it took over", async () => {
    const wardsToday = await prisma.adminUnit.findMany({ where: { level: "ward", validTo: null, predecessors: { some: {} } }, select: { id: true, name: true, path: true } });
    const { indicators } = getProgramme();
    const index = indicators.findIndex((candidate) => candidate.groups.includes("HH"));
    const period = reportPeriod(null);
    let fromFormerWards = 0;
    for (const ward of wardsToday) {
      const { entries, total } = await listNotReached(ward.path, indicators[index]!, period, { wardId: null, query: "", page: null });
      const cell = (await getCoverage(ward.path, period, TODAY, TODAY)).totals[index]!;
      expect(total).toBeLessThanOrEqual(cell.population);
      fromFormerWards += entries.filter((entry) => entry.unit.name !== ward.name).length;
    }
    expect(fromFormerWards).toBeGreaterThan(0);
  });
});
